/**
 * The paper's Table 1 as the book's index (`?table=1`): for every algorithm, the candidate family
 * and the natural-gradient approximation that give it, a link to its derivation, and a disclosure
 * that runs its live figure in place. One row is open at a time, so one figure is mounted; the
 * open row is kept in the address as `open=ROW` (replaceState), while the figure's own settings
 * start from the row's preset and stay off the address, as in a demo sequence.
 */
import { Fragment, useEffect, useMemo, useRef, useState, type Ref } from 'react';
import { FIGURES } from '../widgets/figures';
import { FigureHostContext, type FigureHost } from '../widgets/host';
import { SiteHeader } from './SiteHeader';
import { TABLE1, table1Query, table1Row, table1SectionHref, type Table1Row } from './table1';
import './table1.css';

export interface Table1PageProps {
  /** The row whose figure is open, from the address (`open=ROW`); unknown ids are ignored. */
  open: string | null;
}

const COLUMNS = ['Learning algorithm', 'Posterior approximation', 'Natural-gradient approximation', 'In the book', 'Live figure'] as const;

/** `search` with `open=ROW` set or removed, every other parameter left as written. */
function withOpenRow(search: string, open: string | null): string {
  const parts = search.replace(/^\?/, '').split('&').filter((p) => p && !/^open(=|$)/.test(p));
  if (open) parts.push(`open=${encodeURIComponent(open)}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

export function Table1Page({ open: fromAddress }: Table1PageProps) {
  const [open, setOpen] = useState<string | null>(() => table1Row(fromAddress)?.id ?? null);
  const openRow = useRef<HTMLTableRowElement>(null);

  useEffect(() => {
    document.title = 'Table 1: one rule, many algorithms — BLR Explorable';
  }, []);

  useEffect(() => {
    const search = withOpenRow(location.search, open);
    if (search !== location.search) history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
  }, [open]);

  // A link to a row (`open=ROW` or `#row-ROW`) lands on it once the table exists.
  useEffect(() => {
    const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : openRow.current;
    target?.scrollIntoView({ block: 'start' });
  }, []);

  return (
    <div className="page table1-page">
      <a className="skip-link" href="#main">
        Skip to the table
      </a>
      <SiteHeader onTable />
      <main id="main" tabIndex={-1}>
        <h1>Table 1: one rule, many algorithms</h1>
        <p className="lede">
          Khan and Rue’s Table 1 lists learning algorithms that are the Bayesian learning rule with a particular candidate family
          for q and a particular approximation of the natural gradient. Each row links to its derivation in this book and runs
          its live figure here: open a row to see the algorithm at work.
        </p>
        <table className="table1">
          <caption>
            Learning algorithms as instances of the Bayesian learning rule (Khan and Rue, 2023, Table 1). “New” marks the
            algorithms the paper derived from the rule rather than recovered.
          </caption>
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          {TABLE1.map((group) => (
            <tbody key={group.id} data-group={group.id}>
              <tr className="table1-group">
                <th scope="rowgroup" colSpan={COLUMNS.length} id={`group-${group.id}`}>
                  {group.title}
                </th>
              </tr>
              {group.rows.map((row) => (
                <Fragment key={row.id}>
                  <Row row={row} open={open === row.id} onToggle={() => setOpen((o) => (o === row.id ? null : row.id))} rowRef={open === row.id ? openRow : undefined} />
                  {open === row.id && (
                    <tr className="table1-figure-row" id={`figure-${row.id}`} data-row-figure={row.id}>
                      <td colSpan={COLUMNS.length}>
                        <RowFigure row={row} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          ))}
        </table>
        <p className="table1-foot">
          This book derives Laplace’s method beside variational inference, where both can be compared with the exact
          posterior. IVON is not in the paper’s table: it is a descendant of VOGN published after it.
        </p>
      </main>
    </div>
  );
}

interface RowProps {
  row: Table1Row;
  open: boolean;
  onToggle(): void;
  rowRef?: Ref<HTMLTableRowElement>;
}

function Row({ row, open, onToggle, rowRef }: RowProps) {
  return (
    <tr id={`row-${row.id}`} className={open ? 'table1-row is-open' : 'table1-row'} ref={rowRef} data-row={row.id}>
      <th scope="row">
        <span className="table1-algorithm">{row.algorithm}</span>
        {row.isNew && <span className="table1-new">New</span>}
        {row.note && <span className="table1-note">{row.note}</span>}
      </th>
      <td data-label={COLUMNS[1]}>{row.family}</td>
      <td data-label={COLUMNS[2]}>{row.approximation}</td>
      <td data-label={COLUMNS[3]} className="table1-section">
        <a href={table1SectionHref(row)}>Section {row.section}</a>
      </td>
      <td className="table1-action">
        <button
          type="button"
          className={open ? 'primary' : undefined}
          aria-expanded={open}
          aria-controls={open ? `figure-${row.id}` : undefined}
          onClick={onToggle}
          data-open-figure={row.id}
        >
          {open ? 'Hide figure' : 'Show figure'}
          <span className="table1-sr"> for {row.algorithm}</span>
        </button>
      </td>
    </tr>
  );
}

/** The open row's figure, built from the row's preset and kept off the address. */
function RowFigure({ row }: { row: Table1Row }) {
  const entry = Object.hasOwn(FIGURES, row.figure) ? FIGURES[row.figure] : undefined;
  const host = useMemo<FigureHost>(() => ({ query: table1Query(row), syncUrl: false }), [row]);
  if (!entry) {
    return (
      <p className="notice" role="status">
        The figure for this row (“{row.figure}”) is not in the book yet. Its derivation is in{' '}
        <a href={table1SectionHref(row)}>Section {row.section}</a>.
      </p>
    );
  }
  return (
    <div className="table1-figure">
      <p className="table1-figure-title">
        {entry.title} <span className="table1-figure-id">({row.figure})</span>
      </p>
      <FigureHostContext.Provider value={host}>{entry.render()}</FigureHostContext.Provider>
    </div>
  );
}
