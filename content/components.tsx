/**
 * Small prose components used by the chapters (MDX). No dependencies beyond React.
 *
 * Conventions
 * - Citations: `<Cite k="khan2023blr" />` renders "[1]" linking to `#ref-khan2023blr`.
 *   Numbers follow the order of the keys in ./bibliography.ts, so they are the same in every
 *   chapter. Each chapter ends with `## References` and `<Bibliography keys={[...]} />`,
 *   which renders the cited works with `id="ref-<key>"` anchors, labelled with those numbers.
 * - Equations: every display equation is wrapped in `<Equation n="2.3">` … `</Equation>`
 *   (blank lines around the `$$` block) and carries the same number in KaTeX's `\tag{2.3}`.
 *   The wrapper is a `<div id="eq-2.3" class="equation">`, the target of `<EqRef n="2.3" />`,
 *   which renders the link "(2.3)".
 * - Figures: the interactive widgets render their own `<figure id="fig-<widget id>">` and take
 *   the caption as a prop, e.g. `<WallFigure id="wall" caption={<><span className="figure-label">
 *   Figure 1.1.</span> …</>} />`; link to them with `[Figure 1.1](#fig-wall)`. For anything
 *   else, `<Figure n="1.3" caption="…">…</Figure>` renders a `<figure id="fig-1.3">` with the
 *   caption "Figure 1.3. …".
 */
import type { ReactNode } from 'react';
import { bibliography, type BibEntry } from './bibliography';

const BIB_KEYS = Object.keys(bibliography);

/** The citation number of a key (1-based, by order in the bibliography file); 0 if unknown. */
export function citationNumber(key: string): number {
  return BIB_KEYS.indexOf(key) + 1;
}

export interface CiteProps {
  /** A key of `bibliography`, e.g. "khan2023blr". */
  k: string;
  /** Optional location inside the work, e.g. "Table 1" or "Sec. 1.3": renders "[1, Table 1]". */
  at?: string;
}

export function Cite({ k, at }: CiteProps) {
  const n = citationNumber(k);
  const entry: BibEntry | undefined = bibliography[k];
  if (n === 0 || !entry) {
    return <span className="cite cite-missing" title={`Unknown reference: ${k}`}>[?]</span>;
  }
  return (
    <a className="cite" href={`#ref-${k}`} title={`${entry.authors} (${entry.year}). ${entry.title}.`}>
      [{n}{at ? `, ${at}` : ''}]
    </a>
  );
}

export interface BibliographyProps {
  /** The keys to list; rendered in citation-number order, unknown keys are skipped. */
  keys: string[];
}

export function Bibliography({ keys }: BibliographyProps) {
  const known = [...new Set(keys)].filter((k) => citationNumber(k) > 0);
  known.sort((a, b) => citationNumber(a) - citationNumber(b));
  // The "[n]" labels carry the global citation numbers, so the list markers are hidden.
  return (
    <ol className="bibliography" style={{ listStyleType: 'none', paddingLeft: 0 }}>
      {known.map((k) => {
        const e = bibliography[k];
        return (
          <li key={k} id={`ref-${k}`} value={citationNumber(k)}>
            <span className="bib-label">[{citationNumber(k)}]</span> {e.authors} ({e.year}).{' '}
            <span className="bib-title">{e.title}</span>. <span className="bib-venue">{e.venue}</span>.
            {e.url ? (
              <>
                {' '}
                <a className="bib-url" href={e.url}>
                  {e.url.replace(/^https?:\/\//, '')}
                </a>
              </>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

export interface EqRefProps {
  /** Equation number, e.g. "2.3". */
  n: string;
  /**
   * Slug of another chapter, for a reference across chapters: links to `?ch=<slug>#eq-<n>`
   * (the app's query-string routes). Omit for equations in the same chapter.
   */
  chapter?: string;
}

export function EqRef({ n, chapter }: EqRefProps) {
  const href = chapter ? `?ch=${encodeURIComponent(chapter)}#eq-${n}` : `#eq-${n}`;
  return (
    <a className="eq-ref" href={href}>
      ({n})
    </a>
  );
}

export interface EquationProps {
  /** Equation number, e.g. "2.3"; must match the `\tag{2.3}` inside the display math. */
  n: string;
  children?: ReactNode;
}

export function Equation({ n, children }: EquationProps) {
  return (
    <div className="equation" id={`eq-${n}`}>
      {children}
    </div>
  );
}

export interface FigureProps {
  /** Figure number, e.g. "1.1"; gives the caption label and the id `fig-1.1`. */
  n?: string;
  /** Caption text (plain text or inline JSX; Markdown math is not processed in attributes). */
  caption: ReactNode;
  /** Overrides the default id `fig-<n>`. */
  id?: string;
  children?: ReactNode;
}

export function Figure({ n, caption, id, children }: FigureProps) {
  return (
    <figure className="figure" id={id ?? (n ? `fig-${n}` : undefined)}>
      {children}
      <figcaption>
        {n ? <span className="figure-label">Figure {n}.</span> : null} {caption}
      </figcaption>
    </figure>
  );
}

export interface TheoremProps {
  /** The anchor, e.g. "thm-information-matching"; link to it with `#thm-…` or `?ch=<slug>#thm-…`. */
  id: string;
  /** The heading word: "Theorem" unless given. */
  kind?: string;
  /** The theorem's name, shown after the kind. */
  title: string;
  children?: ReactNode;
}

/** A boxed statement (theorem and, if wanted, its proof) with an anchor. Static: no client code. */
export function Theorem({ id, kind = 'Theorem', title, children }: TheoremProps) {
  return (
    <div
      className="theorem"
      id={id}
      role="group"
      aria-labelledby={`${id}-title`}
      style={{ border: '2px solid var(--accent)', borderRadius: '6px', padding: '0.2em 1em', margin: '1.5em 0', background: 'var(--panel)' }}
    >
      <p id={`${id}-title`} className="theorem-title" style={{ fontFamily: 'var(--font)', fontWeight: 700, marginBottom: '0.2em' }}>
        {kind} ({title}).
      </p>
      {children}
    </div>
  );
}
