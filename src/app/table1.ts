/**
 * Table 1 of Khan & Rue (2023) as the book's index: which live figure each row opens. The facts
 * of a row (its name, candidate family, approximations, whether the paper marks it new, where the
 * book derives it, whom to cite) are the algorithm's own and live with its preset
 * (engine/presets.ts `table1`); this file only lays the rows out: their order (the paper's, with
 * IVON after VOGN although the paper predates it), the id in the page's address, the figure and
 * its starting state. A ladder row starts from the switches the ladder names as that algorithm
 * (widgets/ladder.ts LADDER_PRESETS, checked there). Table1Page.tsx renders this;
 * tests/app/table1.test.ts checks every figure id, preset and anchor.
 */
import { PRESETS, type AlgorithmName, type Table1Facts } from '../engine/presets';
import { LADDER_PRESETS, type LadderPreset } from '../widgets/ladder';
import { URL_FIELDS } from '../widgets/settings';
import { chapterHref } from './route';

/**
 * One row of the page: its preset's Table 1 facts (engine/presets.ts `Table1Facts`, with the
 * approximations joined for display) and the page's own layout.
 */
export interface Table1Row extends Pick<Table1Facts, 'family' | 'isNew' | 'note' | 'chapter' | 'section' | 'anchor' | 'cite'> {
  /** Stable id: the `open=` value of the page's address and the row's `row-<id>` anchor. */
  id: string;
  /** The preset the row's facts come from. */
  presetName: AlgorithmName;
  /** The learning algorithm, as the row names it (`Table1Facts.name`). */
  algorithm: string;
  /** The approximations of the natural gradient, joined by commas. */
  approximation: string;
  /** The live figure: an id of FIGURES. */
  figure: string;
  /** The figure's starting state as `[name, value]` settings (names without the `ID.` prefix). */
  preset?: [string, string][];
}

export interface Table1Group {
  id: Table1Facts['group'];
  title: string;
  rows: Table1Row[];
}

/** Page layout of one row: the algorithm, its address id if not the algorithm's name, the figure it opens. */
interface RowLayout {
  algorithm: AlgorithmName;
  id?: string;
  figure: string;
  /** Start the figure from the ladder switches of this algorithm. */
  ladder?: LadderPreset;
  preset?: [string, string][];
}

const LAYOUT: RowLayout[] = [
  { algorithm: 'gd', figure: 'paths-quad' },
  { algorithm: 'newton', figure: 'ch3-newton' },
  { algorithm: 'mog', id: 'multimodal', figure: 'mog-himmelblau' },
  { algorithm: 'sgd', figure: 'ladder', ladder: 'sgd' },
  { algorithm: 'rmsprop', figure: 'ladder', ladder: 'rmsprop' },
  { algorithm: 'adam', figure: 'ladder', ladder: 'adam' },
  { algorithm: 'dropout', figure: 'ladder-dropout' },
  { algorithm: 'ste', figure: 'binary' },
  { algorithm: 'ogn', figure: 'ladder-ogn' },
  { algorithm: 'vogn', figure: 'ladder-ogn', ladder: 'vogn' },
  { algorithm: 'ivon', figure: 'adam-vs-ivon' },
  { algorithm: 'bayesbinn', figure: 'binary' },
  { algorithm: 'conjugate', figure: 'conjugate-linreg' },
  { algorithm: 'laplace', figure: 'laplace-vi' },
  { algorithm: 'em', figure: 'em-gmm' },
  { algorithm: 'svi', figure: 'vmp-svi' },
  { algorithm: 'vmp', figure: 'vmp-svi' },
  { algorithm: 'ncvmp', figure: 'ncvi' },
  { algorithm: 'ncvi', figure: 'mog-himmelblau', preset: [['mc', '1']] },
];

const GROUP_TITLES: Record<Table1Facts['group'], string> = {
  optimisation: 'Optimisation algorithms',
  'deep-learning': 'Deep-learning algorithms',
  inference: 'Approximate Bayesian inference algorithms',
};

/** The approximations as the table's column shows them: joined by commas, a leading Latin letter capitalised (ρ stays ρ). */
const sentence = (items: readonly string[]) => items.join(', ').replace(/^[a-z]/, (c) => c.toUpperCase());

function rowOf(layout: RowLayout): Table1Row {
  const facts = PRESETS[layout.algorithm].table1;
  if (!facts) throw new Error(`preset "${layout.algorithm}" has no Table 1 row`);
  const row: Table1Row = {
    id: layout.id ?? layout.algorithm,
    presetName: layout.algorithm,
    algorithm: facts.name,
    family: facts.family,
    approximation: sentence(facts.approximations),
    chapter: facts.chapter,
    section: facts.section,
    anchor: facts.anchor,
    cite: facts.cite,
    figure: layout.figure,
  };
  if (facts.isNew) row.isNew = true;
  if (facts.note) row.note = facts.note;
  const preset: [string, string][] = [...(layout.ladder ? [['ladder', URL_FIELDS.ladder.format(LADDER_PRESETS[layout.ladder])] as [string, string]] : []), ...(layout.preset ?? [])];
  if (preset.length) row.preset = preset;
  return row;
}

export const TABLE1: Table1Group[] = (Object.keys(GROUP_TITLES) as Table1Facts['group'][]).map((id) => ({
  id,
  title: GROUP_TITLES[id],
  rows: LAYOUT.filter((r) => PRESETS[r.algorithm].table1?.group === id).map(rowOf),
}));

/** Every row, in table order. */
export const TABLE1_ROWS: Table1Row[] = TABLE1.flatMap((g) => g.rows);

/** The row with this id, or undefined. */
export function table1Row(id: string | null | undefined): Table1Row | undefined {
  return id ? TABLE1_ROWS.find((r) => r.id === id) : undefined;
}

/** The row's section in the book: `SLUG/#ANCHOR` from the book's folder. */
export function table1SectionHref(row: Table1Row): string {
  return `${chapterHref(row.chapter)}#${row.anchor}`;
}

/** The row's preset as the figure's own query parameters (`ID.name=value`). */
export function table1Query(row: Table1Row): URLSearchParams {
  return new URLSearchParams((row.preset ?? []).map(([k, v]) => [`${row.figure}.${k}`, v]));
}
