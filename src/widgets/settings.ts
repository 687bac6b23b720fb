/**
 * What a reader can change in a figure, declared once in the settings table SETTINGS: each
 * setting's codec (its text in a link), the book's default, label, unit, range, slider range
 * and step, control kind, classroom label and tier. The URL table, the controls, the classroom
 * names and labels, the defaults and the keyboard's step-size clamp are read from it (as
 * TensorFlow Playground's state.ts drives a link both ways from one table). Number ranges are
 * the engine's SPEC_LIMITS, the bounds the RunSpec schema checks, or declared inside them; the
 * schema still decides whether a combination of settings makes a valid run. A new setting is a
 * field of FigureSettings and one row of SETTINGS (tests/widgets/settings-table.test.ts asks
 * for its values).
 */
// The engine's bounds of the RunSpec fields: the table's number ranges.
import { SPEC_LIMITS } from '../engine/spec';
import { PRESETS, type AlgorithmName } from '../engine/presets';
import { MAX_COMPONENTS, MAX_EXPR_LENGTH, MAX_STEPS, safeParseRunSpec, type RunSpecInput } from '../engine/spec';
import { formatLabelledPoints, MAX_POINTS, parseLabelledPoints, type LabelledPoint } from './labelled-points';

export const PLAYGROUND_LOSSES = ['quadratic', 'rosenbrock', 'wall', 'flat-sharp', 'expr'] as const;
export type PlaygroundLoss = (typeof PLAYGROUND_LOSSES)[number];

export interface FigureSettings {
  alg: AlgorithmName;
  /** Step size of the main (BLR) series. */
  rho: number;
  /** Step size of the comparison gradient-descent series. */
  rhoGd: number;
  tau: number;
  samples: number;
  seed: number;
  steps: number;
  start: [number, number];
  /** Animation speed in steps per second. */
  speed: number;
  improved: boolean;
  loss: PlaygroundLoss;
  expr: string;
  /** Mixture figures: number of components K (1–8). */
  components: number;
  /** Monte Carlo expectations instead of the delta method (mixture figures: non-conjugate VI). */
  mc: boolean;
  /** Mixture figures: components' start means; empty: spread around `start`. */
  means: [number, number][];
  /** The approximation ladder: which approximations are switched on (LADDER_TOKENS). */
  ladder: LadderToken[];
  /** A separate step size α for the mean (ladder, optimiser figures). */
  alpha: number;
  /** Minibatch size M (data figures). */
  batch: number;
  // The conjugate figures' settings (figures-conjugate.tsx). Optional, so that figures without
  // data of their own need not list them; their fields format a missing value as "".
  /** Bayesian linear regression: the points (x, y), at most DATA_LIMITS.points, |x|, |y| ≤ DATA_LIMITS.coord. */
  points?: [number, number][];
  /** Noise variance σ² of the regression. */
  noise?: number;
  /** Prior precision δ of the regression weights. */
  delta?: number;
  /** The data arrive one example per step (recursive least squares; Bayes' rule flip by flip). */
  online?: boolean;
  /** The coin's flips, 1 for heads and 0 for tails ("HTTH" in the URL). */
  flips?: (0 | 1)[];
  /** The coin's prior Beta(α₀, β₀). */
  alpha0?: number;
  beta0?: number;
  /** Logistic regression (laplace-vi): the labelled points [x, y], y ∈ {0, 1} (inference.ts). */
  labelled?: LabelledPoint[];
  /** The uncertainty figure's dropout rate p (figures-uncertainty.tsx): training masks and test-time masks. */
  dropout?: number;
}

/** Bounds of the data the reader edits in a panel (URL parsers and the panels alike). */
export const DATA_LIMITS = {
  /** The same bound as the labelled points of the inference figures. */
  points: MAX_POINTS,
  /** Points lie in the data panel's window [−coord, coord]². */
  coord: 3,
  flips: 200,
} as const;

/**
 * The approximation ladder's switches, in the order the ladder climbs them: diagonal
 * covariance, delta method, minibatch gradients, a Hessian approximation (Gauss–Newton,
 * per-example squared gradients, or the squared minibatch gradient), RMSprop's four items each
 * on its own — the square root (`root`), the start S₀ = 0 (`zero`), the damping c (`damp`) and a
 * separate mean step α (`alpha`) — and momentum. `fixed` (fixed identity covariance, instead of
 * `diag`) and `drop` (dropout masks) are the family choices of the SGD and dropout rows
 * (widgets/ladder.ts).
 */
export const LADDER_TOKENS = ['diag', 'fixed', 'delta', 'batch', 'ggn', 'fisher', 'sq', 'root', 'zero', 'damp', 'alpha', 'mom', 'drop'] as const;
export type LadderToken = (typeof LADDER_TOKENS)[number];
/**
 * Tokens of older links and what they mean now: `sqrt` was one switch for all four of
 * RMSprop's items, so an old link reopens the same run.
 */
export const LEGACY_LADDER_TOKENS: Record<string, readonly LadderToken[]> = { sqrt: ['root', 'zero', 'damp', 'alpha'] };

export type SettingName = keyof FigureSettings;

/** A setting's codec: its text in a link, both ways; `expected` says in words what parse accepts. */
export interface Field<T> {
  parse(raw: string): T | undefined;
  format(v: T): string;
  expected: string;
}

/** A closed (or, with `open`, left-open) interval of numbers, whole numbers with `integer`. */
export interface Range {
  min: number;
  max: number;
  /** The minimum itself is excluded (ρ > 0). */
  open?: boolean;
  integer?: boolean;
}

export const inRange = (r: Range, v: number) => (r.open ? v > r.min : v >= r.min) && v <= r.max && (!r.integer || Number.isInteger(v));
export const describeRange = (r: Range) =>
  `${r.integer ? 'a whole number' : 'a number'} ${r.open ? `in (${r.min}, ${r.max}]` : `from ${r.min} to ${r.max}`}`;

/**
 * A decimal number as a link writes it: `-0.25`, `3`, `.5`, `1e-3`. JavaScript's Number() would
 * also take `0x10`, `0b11`, `0o7`, `Infinity` and the empty string; a link with those gets a notice.
 */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const decimal = (raw: string) => {
  const t = raw.trim();
  return DECIMAL.test(t) && Number.isFinite(Number(t)) ? Number(t) : undefined;
};
/** A number in `range`; whole numbers are written as digits only. Full precision: a shared link reopens exactly the value that was set. */
const ranged = (range: Range): Field<number> => ({
  parse: (raw) => {
    const v = range.integer ? (/^\d+$/.test(raw) ? Number(raw) : undefined) : decimal(raw);
    return v !== undefined && inRange(range, v) ? v : undefined;
  },
  format: (v) => String(v),
  expected: describeRange(range),
});
const oneOf = <T extends string>(options: readonly T[]): Field<T> => ({
  parse: (raw) => (options as readonly string[]).includes(raw) ? (raw as T) : undefined,
  format: (v) => v,
  expected: `one of ${options.join(', ')}`,
});
/** A point "x,y", each coordinate within [−coord, coord]. */
const pairWithin = (coord: number): Field<[number, number]> => ({
  parse(raw) {
    const parts = raw.split(',');
    if (parts.length !== 2) return undefined;
    const [x, y] = parts.map(decimal);
    return x === undefined || y === undefined || Math.abs(x) > coord || Math.abs(y) > coord ? undefined : [x, y];
  },
  format: ([x, y]) => `${x},${y}`,
  expected: `a point x,y with |x|, |y| ≤ ${coord}`,
});
const bool: Field<boolean> = { parse: (raw) => (raw === '1' ? true : raw === '0' ? false : undefined), format: (v) => (v ? '1' : '0'), expected: '1 or 0' };
const text: Field<string> = { parse: (raw) => (raw.length <= MAX_EXPR_LENGTH ? raw : undefined), format: (v) => v, expected: `a formula of at most ${MAX_EXPR_LENGTH} characters` };
/** A setting only some figures have: a missing value formats as "" (equal for every such figure). */
const optional = <T>(field: Field<T>): Field<T | undefined> => ({ parse: field.parse, format: (v) => (v === undefined ? '' : field.format(v)), expected: field.expected });
/**
 * Points "x,y;x,y;…": at most `max`, at least `min` ("" is none), each coordinate within
 * [−coord, coord].
 */
const pointList = ({ min, max, coord }: { min: number; max: number; coord: number }): Field<[number, number][]> => {
  const pair = pairWithin(coord);
  return {
    parse(raw) {
      const parts = raw === '' ? [] : raw.split(';');
      if (parts.length < min || parts.length > max) return undefined;
      const out = parts.map((p) => pair.parse(p));
      return out.every((p) => p !== undefined) ? (out as [number, number][]) : undefined;
    },
    format: (v) => v.map((p) => pair.format(p)).join(';'),
    expected: `${min} to ${max} points x,y;x,y;… with |x|, |y| ≤ ${coord}`,
  };
};
/** Coin flips "HTTH" (H heads = 1, T tails = 0), at most DATA_LIMITS.flips; "" is no flips yet. */
const coinFlips: Field<(0 | 1)[]> = {
  parse: (raw) => (raw.length <= DATA_LIMITS.flips && /^[HT]*$/.test(raw) ? [...raw].map((c) => (c === 'H' ? 1 : 0)) : undefined),
  format: (v) => v.map((y) => (y ? 'H' : 'T')).join(''),
  expected: `at most ${DATA_LIMITS.flips} flips, H or T`,
};
/** A set of ladder switches "diag.delta.batch", written in LADDER_TOKENS order; older tokens are read as what they meant (LEGACY_LADDER_TOKENS). */
const ladderTokens: Field<LadderToken[]> = {
  parse(raw) {
    if (raw === '') return [];
    const names = raw.split('.').flatMap((n): readonly string[] => (Object.hasOwn(LEGACY_LADDER_TOKENS, n) ? LEGACY_LADDER_TOKENS[n] : [n]));
    if (!names.every((n) => (LADDER_TOKENS as readonly string[]).includes(n))) return undefined;
    return LADDER_TOKENS.filter((n) => names.includes(n));
  },
  format: (v) => LADDER_TOKENS.filter((n) => v.includes(n)).join('.'),
  expected: `switches from ${LADDER_TOKENS.join(', ')}, joined by "."`,
};
/** Labelled points "x:y,x:y,…" (inference.ts), each x decimal as every number of a link is. */
const labelled: Field<LabelledPoint[] | undefined> = {
  parse: (raw) => (raw.split(',').every((t) => decimal(t.split(':')[0]) !== undefined) ? parseLabelledPoints(raw) : undefined),
  format: (v) => (v ? formatLabelledPoints(v) : ''),
  expected: `1 to ${MAX_POINTS} labelled points x:y,x:y,… with y 0 or 1`,
};

/** The algorithms a chapter 1–2 figure's menu offers (the optimiser presets have their own figures). */
export const FIGURE_ALGORITHMS = ['blr', 'gd', 'newton', 'von'] as const satisfies readonly AlgorithmName[];

/**
 * How a setting is edited: a `number` field with a slider, a `select` menu, a `checkbox`, the
 * `formula` field, the `speed` menu of the playback toolbar, a figure's own `panel` (data, the
 * ladder's switches), a `drag`ged mark on the plot (the start, a mixture's means), or `none`
 * (set by the figure: the steps).
 */
export type ControlKind = 'number' | 'select' | 'checkbox' | 'formula' | 'speed' | 'panel' | 'drag' | 'none';

interface SettingRowBase<T> {
  codec: Field<T>;
  /** The control's visible label (also the name in notices). */
  label: string;
  unit?: string;
  control: ControlKind;
  /** Primary controls are the figure's point; advanced ones refine it (the figure redesign folds them away). */
  tier: 'primary' | 'advanced';
  /** Label in the classroom-link helper; a setting with one can be hidden or locked (`ID.hide`, `ID.lock`). */
  classroom?: string;
  /** Numbers: what the URL and the clamps accept (from the engine's SPEC_LIMITS, or inside them). */
  range?: Range;
  /**
   * Numbers: a narrower usable range for the slider and the typed field (the URL still takes
   * `range`); with `sliderOnly` the typed field takes the whole `range`.
   */
  ui?: { min: number; max: number; sliderOnly?: boolean };
  /** Numbers: a log-scale slider. */
  log?: boolean;
  /** Numbers: the slider's step (in log10 units for a log slider); 0.01 on a log scale and 1 on a linear one when left out. */
  step?: number;
  /** The RunSpec field the setting feeds, where one does (tests compare its range with the schema's). */
  spec?: string;
  /** Menus: each option's label, and a hint below the menu. */
  options?: readonly { value: T; label: string }[];
  hint?: (v: T) => string;
}
/** A row of the settings table; settings every figure has carry the book's default. */
export type SettingRow<T> = SettingRowBase<T> & (undefined extends T ? { default?: undefined } : { default: T });

const LOSS_LABELS: Record<PlaygroundLoss, string> = {
  quadratic: 'Quadratic',
  rosenbrock: 'Rosenbrock',
  wall: 'Wall',
  'flat-sharp': 'Flat versus sharp',
  expr: 'Your own formula',
};
type NumberRest = Omit<SettingRowBase<number>, 'codec' | 'range'> & { default?: number };
const num = <R extends NumberRest>(range: Range, rest: R) => ({ codec: ranged(range), range, ...rest });
const optNum = <R extends NumberRest>(range: Range, rest: R) => ({ codec: optional(ranged(range)), range, ...rest });
const L = SPEC_LIMITS;
/** ρ and α as a slider offers them: the usable steps (the schema takes up to 10 and 100). */
const STEP_UI = { min: 0.001, max: 1 };

/**
 * THE SETTINGS TABLE: every figure setting, once. The URL table (URL_FIELDS), the controls
 * (Controls.tsx), the classroom names and labels, the book's defaults (defaults.ts) and the
 * keyboard's step-size clamp (controller.ts) are all read from here. Rows are in the order the
 * controls and the classroom helper list them; a link writes its parameters in this order.
 */
export const SETTINGS = {
  loss: {
    codec: oneOf(PLAYGROUND_LOSSES), default: 'expr', label: 'Loss', control: 'select', tier: 'primary', classroom: 'Loss',
    options: PLAYGROUND_LOSSES.map((l) => ({ value: l, label: LOSS_LABELS[l] })),
  },
  expr: { codec: text, default: 'x^2 + 3*y^2 + sin(3*x)', label: 'ℓ̄(x, y) =', control: 'formula', tier: 'primary', classroom: 'Formula' },
  alg: {
    codec: oneOf(FIGURE_ALGORITHMS), default: 'blr', label: 'Algorithm', control: 'select', tier: 'primary', classroom: 'Algorithm', spec: 'algorithm',
    options: FIGURE_ALGORITHMS.map((a) => ({ value: a, label: PRESETS[a].title })),
    hint: (a: AlgorithmName) => PRESETS[a].approximation,
  },
  rho: num(L.rho, { default: 0.1, label: 'ρ, step size', control: 'number', tier: 'primary', classroom: 'ρ, step size', ui: STEP_UI, log: true, spec: 'rho' }),
  rhoGd: num(L.rho, { default: 0.05, label: 'ρ for gradient descent', control: 'number', tier: 'primary', classroom: 'ρ for gradient descent', ui: STEP_UI, log: true, spec: 'rho' }),
  tau: num(L.temperature, { default: 1, label: 'τ, temperature', control: 'number', tier: 'primary', classroom: 'τ, temperature', ui: { min: 0.001, max: 10 }, log: true, spec: 'temperature' }),
  samples: num(L.samples, { default: 16, label: 'Monte Carlo samples', control: 'number', tier: 'advanced', classroom: 'Monte Carlo samples', log: true, spec: 'samples' }),
  seed: num(L.seed, { default: 1, label: 'Random seed', control: 'number', tier: 'advanced', classroom: 'Random seed', ui: { min: 0, max: 99999, sliderOnly: true }, spec: 'seed' }),
  improved: { codec: bool, default: false, label: 'Improved update (keeps S positive definite)', control: 'checkbox', tier: 'advanced', classroom: 'Improved update', spec: 'improved' },
  components: num(L.components, { default: 4, label: 'K, mixture components', control: 'number', tier: 'primary', classroom: 'Mixture components', spec: 'components' }),
  mc: { codec: bool, default: false, label: 'Monte Carlo expectations instead of the delta method', control: 'checkbox', tier: 'advanced', classroom: 'Monte Carlo expectations' },
  ladder: { codec: ladderTokens, default: [], label: 'Approximation switches', control: 'panel', tier: 'primary', classroom: 'Approximation switches' },
  alpha: num(L.alpha, { default: 0.05, label: 'α, step size of the mean', control: 'number', tier: 'advanced', classroom: 'α, step size of the mean', ui: STEP_UI, log: true, spec: 'alpha' }),
  batch: num(L.batchSize, { default: 8, label: 'Minibatch size M', control: 'number', tier: 'advanced', classroom: 'Minibatch size', log: true, spec: 'batchSize' }),
  online: { codec: optional(bool), label: 'All at once or one at a time', control: 'panel', tier: 'primary', classroom: 'All at once or one at a time', spec: 'online' },
  points: {
    codec: optional(pointList({ min: 1, max: DATA_LIMITS.points, coord: DATA_LIMITS.coord })), label: 'Data points', control: 'panel', tier: 'primary', classroom: 'Data points',
  },
  // Lower bounds keep the exact posterior wide enough for the worker's grid (its −log Z and so
  // KL(q ‖ p)) on the parameter window even for adversarial points: KL is within ~0.02 of 0.
  // These model limits sit inside the schema's and bind the URL too.
  noise: optNum({ min: 0.05, max: 10 }, { label: 'σ², noise variance', control: 'number', tier: 'primary', classroom: 'σ², noise variance', log: true, spec: 'loss.noiseVariance' }),
  delta: optNum({ min: 0.1, max: 100 }, { label: 'δ, prior precision', control: 'number', tier: 'primary', classroom: 'δ, prior precision', log: true, spec: 'loss.priorPrecision' }),
  flips: { codec: optional(coinFlips), label: 'Coin flips', control: 'panel', tier: 'primary', classroom: 'Coin flips' },
  alpha0: optNum({ min: 0.5, max: 100 }, { label: 'α₀, prior pseudo-heads', control: 'number', tier: 'primary', classroom: 'α₀, prior pseudo-heads', log: true, spec: 'init.mean' }),
  beta0: optNum({ min: 0.5, max: 100 }, { label: 'β₀, prior pseudo-tails', control: 'number', tier: 'primary', classroom: 'β₀, prior pseudo-tails', log: true, spec: 'init.mean' }),
  labelled: { codec: labelled, label: 'Labelled data points', control: 'panel', tier: 'primary', classroom: 'Labelled data points' },
  /** Dropout rate p: below 0.05 MC dropout's band is nearly a line, above 0.9 almost every mask drops a weight (the schema takes [0, 0.95]). */
  dropout: optNum({ min: 0.05, max: 0.9 }, { label: 'p, dropout rate', control: 'number', tier: 'primary', classroom: 'p, dropout rate', log: true, spec: 'dropout' }),
  /** Steps per second: display only, no RunSpec field. */
  speed: num({ min: 0.5, max: 1000 }, { default: 20, label: 'Speed', unit: 'steps/s', control: 'speed', tier: 'primary', classroom: 'Speed' }),
  /** A figure runs at least one step (the schema allows 0). */
  steps: num({ min: 1, max: MAX_STEPS, integer: true }, { default: 200, label: 'Steps', control: 'none', tier: 'advanced', spec: 'steps' }),
  start: { codec: pairWithin(L.coord.max), default: [-1, 1], label: 'Start', control: 'drag', tier: 'primary', spec: 'init.mean' },
  /** A mixture's start means: none (spread around the start) up to one per component. */
  means: { codec: pointList({ min: 0, max: MAX_COMPONENTS, coord: L.coord.max }), default: [], label: 'Start means', control: 'drag', tier: 'primary', spec: 'init.means' },
} satisfies { [K in SettingName]: SettingRow<FigureSettings[K]> };

type Table = typeof SETTINGS;
/** The names of the settings, in table order. */
export const SETTING_NAMES = Object.keys(SETTINGS) as SettingName[];
/** The settings of one control kind (the union of their names). */
export type SettingsOfKind<C extends ControlKind> = { [K in SettingName]: Table[K]['control'] extends C ? K : never }[SettingName];
/** The names of the settings whose control is of kind `kind`, in table order. */
export const settingsOfKind = <C extends ControlKind>(kind: C) => SETTING_NAMES.filter((n) => SETTINGS[n].control === kind) as SettingsOfKind<C>[];
/** A row, typed loosely (the table's rows differ in their value types). */
export const settingRow = (name: SettingName): SettingRowBase<unknown> & { default?: unknown } => SETTINGS[name] as SettingRowBase<unknown> & { default?: unknown };

/**
 * A number setting's range for its control: the declared usable `ui` range if any, else the
 * range the URL takes. `typed` is the range the typed field accepts.
 */
export function controlRange(name: SettingName): { slider: Range; typed: Range } {
  const row = settingRow(name);
  if (!row.range) throw new Error(`setting "${name}" is not a number`);
  const base = row.range;
  if (!row.ui) return { slider: base, typed: base };
  const slider = { min: row.ui.min, max: row.ui.max, integer: base.integer };
  return { slider, typed: row.ui.sliderOnly ? base : slider };
}

/** The URL table: query key `ID.name` for each setting, with its parser and formatter (the table's codecs). */
export const URL_FIELDS = Object.fromEntries(SETTING_NAMES.map((n) => [n, SETTINGS[n].codec])) as { [K in SettingName]: Field<FigureSettings[K]> };

/** The settings every figure has, with the book's defaults (defaults.ts). */
export const BOOK_DEFAULTS = Object.fromEntries(
  SETTING_NAMES.flatMap((n) => (settingRow(n).default === undefined ? [] : [[n, settingRow(n).default]])),
) as unknown as FigureSettings;

/** The controls a classroom link names beside the settings: the playback toolbar and the whole column. */
const CLASSROOM_EXTRAS = { playback: 'Play, Step, Reset and Speed', controls: 'Every setting (the whole column)' } as const;
type ClassroomSetting = { [K in SettingName]: Table[K] extends { classroom: string } ? K : never }[SettingName];

/**
 * Classroom links: `ID.hide=NAME,NAME` leaves controls out, `ID.lock=NAME,NAME` shows them
 * disabled. NAME is a setting with a classroom label (`speed` is the playback speed menu),
 * `playback` (the whole playback toolbar) or `controls` (every setting control, the column
 * below playback).
 */
export type ClassroomName = ClassroomSetting | keyof typeof CLASSROOM_EXTRAS;
export const CLASSROOM_NAMES: readonly ClassroomName[] = [
  ...SETTING_NAMES.filter((n): n is ClassroomSetting => settingRow(n).classroom !== undefined),
  ...(Object.keys(CLASSROOM_EXTRAS) as (keyof typeof CLASSROOM_EXTRAS)[]),
];
/** Each classroom name's label in the classroom-link helper. */
export const CLASSROOM_LABELS = Object.fromEntries(
  CLASSROOM_NAMES.map((n) => [n, Object.hasOwn(CLASSROOM_EXTRAS, n) ? CLASSROOM_EXTRAS[n as keyof typeof CLASSROOM_EXTRAS] : settingRow(n as SettingName).classroom]),
) as Record<ClassroomName, string>;
export interface Classroom {
  hide: ClassroomName[];
  lock: ClassroomName[];
}

/** A comma-separated list of classroom names, in CLASSROOM_NAMES order when written. */
const classroomList: Field<ClassroomName[]> = {
  parse(raw) {
    const names = raw.split(',').map((n) => n.trim());
    if (!names.every((n) => (CLASSROOM_NAMES as readonly string[]).includes(n))) return undefined;
    return CLASSROOM_NAMES.filter((n) => names.includes(n));
  },
  format: (v) => CLASSROOM_NAMES.filter((n) => v.includes(n)).join(','),
  expected: `names from ${CLASSROOM_NAMES.join(', ')}, joined by ","`,
};

/** The sibling URL table for classroom links: query key `ID.hide` and `ID.lock`. */
export const CLASSROOM_FIELDS: { [K in keyof Classroom]: Field<Classroom[K]> } = {
  hide: classroomList,
  lock: classroomList,
};

const isClassroomKey = (name: string): name is keyof Classroom => Object.hasOwn(CLASSROOM_FIELDS, name);

/**
 * Reads `ID.hide` and `ID.lock`. A name the figure has no control for is ignored (the lists do
 * not depend on the figure); an unknown name or an empty list is a problem, and any problem
 * means no classroom restrictions at all.
 */
export function classroomFromQuery(id: string, query: URLSearchParams): { classroom: Classroom; problems: string[] } {
  const classroom: Classroom = { hide: [], lock: [] };
  const problems: string[] = [];
  for (const name of Object.keys(CLASSROOM_FIELDS) as (keyof Classroom)[]) {
    const raw = query.get(`${id}.${name}`);
    if (raw === null) continue;
    const value = CLASSROOM_FIELDS[name].parse(raw);
    if (value === undefined) problems.push(`${name} = "${raw.slice(0, 40)}" is not a list of controls (${CLASSROOM_NAMES.join(', ')})`);
    else classroom[name] = value;
  }
  return problems.length ? { classroom: { hide: [], lock: [] }, problems } : { classroom, problems };
}

/** Sets (or, for empty lists, removes) the figure's `ID.hide` and `ID.lock` parameters. */
export function writeClassroomToQuery(id: string, query: URLSearchParams, classroom: Classroom): void {
  for (const name of Object.keys(CLASSROOM_FIELDS) as (keyof Classroom)[]) {
    const v = CLASSROOM_FIELDS[name].format(classroom[name]);
    if (v) query.set(`${id}.${name}`, v);
    else query.delete(`${id}.${name}`);
  }
}

/** Animation speeds offered, in steps per second. */
export const SPEEDS = [2, 5, 10, 20, 40, 80, 160, 320] as const;

/** A run drawn in a figure: its spec is derived from the settings. */
export interface SeriesConfig {
  key: string;
  label: string;
  /** CSS colour (a custom property is fine). */
  color: string;
  /** Draw q's 1σ and 2σ ellipses (off for fixed-covariance runs such as gradient descent). */
  ellipses: boolean;
  spec(s: FigureSettings): RunSpecInput;
  /** Measure KL(q ‖ p) per frame against the exact target (needs FigureConfig.posterior). */
  kl?: boolean;
}

/**
 * A spec for `alg` built from common fields plus the fields a BLR run would set; fields the
 * preset fixes are left out so the preset supplies them (the schema rejects contradictions).
 */
export function specForAlgorithm(alg: AlgorithmName, spec: RunSpecInput): RunSpecInput {
  const fixed = PRESETS[alg].fixed;
  const out: Record<string, unknown> = { ...spec, algorithm: alg };
  for (const key of Object.keys(fixed)) if (key !== 'init') delete out[key];
  if (fixed.init?.precision && spec.init) out.init = { mean: spec.init.mean };
  return out as RunSpecInput;
}

/** A reader-facing notice for a link whose state could not be used. */
export interface UrlParseResult {
  settings: FigureSettings;
  notice: string | null;
}

/**
 * Reads `ID.name` query parameters over the defaults. A malformed value, a combination the
 * RunSpec schema rejects or a malformed classroom list (`ID.hide`, `ID.lock`, read by the
 * controls through classroomFromQuery) yields the defaults and a notice; other figures are
 * unaffected.
 */
export function settingsFromQuery(
  id: string,
  query: URLSearchParams,
  defaults: FigureSettings,
  series: readonly SeriesConfig[],
  allowed: readonly SettingName[],
): UrlParseResult {
  const settings: FigureSettings = { ...defaults };
  const problems: string[] = [];
  let any = false;
  for (const [key, raw] of query) {
    if (!key.startsWith(`${id}.`)) continue;
    any = true;
    if (isClassroomKey(key.slice(id.length + 1))) continue;
    const name = key.slice(id.length + 1) as SettingName;
    if (!Object.hasOwn(URL_FIELDS, name) || !allowed.includes(name)) {
      problems.push(`"${name}" is not a setting of this figure`);
      continue;
    }
    const field = URL_FIELDS[name] as Field<unknown>;
    const value = field.parse(raw);
    if (value === undefined) problems.push(`${name} = "${raw.slice(0, 40)}" is not a valid value (${SETTINGS[name].label} takes ${field.expected})`);
    else (settings as unknown as Record<string, unknown>)[name] = value;
  }
  problems.push(...classroomFromQuery(id, query).problems);
  if (!any) return { settings, notice: null };
  if (!problems.length) {
    for (const s of series) {
      const r = safeParseRunSpec(s.spec(settings));
      if (!r.ok) problems.push(r.error.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
    }
  }
  if (problems.length) {
    return { settings: { ...defaults }, notice: `This link's settings for the figure could not be used (${problems[0]}), so it shows its defaults.` };
  }
  return { settings, notice: null };
}

/**
 * Writes the settings that differ from the defaults as `ID.name` parameters (other `ID.*`
 * parameters removed, except the classroom link's `ID.hide` and `ID.lock`, which stay).
 */
export function writeSettingsToQuery(id: string, query: URLSearchParams, settings: FigureSettings, defaults: FigureSettings): void {
  for (const key of [...query.keys()]) if (key.startsWith(`${id}.`) && !isClassroomKey(key.slice(id.length + 1))) query.delete(key);
  for (const name of Object.keys(URL_FIELDS) as SettingName[]) {
    const field = URL_FIELDS[name] as Field<unknown>;
    const v = field.format(settings[name]);
    if (v !== field.format(defaults[name])) query.set(`${id}.${name}`, v);
  }
}
