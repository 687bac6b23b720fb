/**
 * What a reader can change in a figure, the specs a figure derives from it, and the URL table
 * that parses and serialises it. One declarative table drives both directions (as in
 * TensorFlow Playground's state.ts); validity is decided by the RunSpec schema itself.
 */
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

/** Bounds of the conjugate figures' data and model settings (URL parsers and controls alike). */
export const DATA_LIMITS = {
  /** The same bound as the labelled points of the inference figures. */
  points: MAX_POINTS,
  /** Points lie in the data panel's window [−coord, coord]². */
  coord: 3,
  flips: 200,
  // Lower bounds keep the exact posterior wide enough for the worker's grid (its −log Z and so
  // KL(q ‖ p)) on the parameter window even for adversarial points: KL is within ~0.02 of 0.
  noise: [0.05, 10],
  delta: [0.1, 100],
  prior: [0.5, 100],
  /** Dropout rate p: below 0.05 MC dropout's band is nearly a line, above 0.9 almost every mask drops a weight. */
  dropout: [0.05, 0.9],
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

interface Field<T> {
  parse(raw: string): T | undefined;
  format(v: T): string;
}

/**
 * A decimal number as a link writes it: `-0.25`, `3`, `.5`, `1e-3`. JavaScript's Number() would
 * also take `0x10`, `0b11`, `0o7`, `Infinity` and the empty string; a link with those gets a notice.
 */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const number: Field<number> = {
  parse: (raw) => {
    const t = raw.trim();
    return DECIMAL.test(t) && Number.isFinite(Number(t)) ? Number(t) : undefined;
  },
  // Full precision: a shared link reopens exactly the value that was set.
  format: (v) => String(v),
};
const integer: Field<number> = { parse: (raw) => (/^\d+$/.test(raw) ? Number(raw) : undefined), format: (v) => String(v) };
const oneOf = <T extends string>(options: readonly T[]): Field<T> => ({
  parse: (raw) => (options as readonly string[]).includes(raw) ? (raw as T) : undefined,
  format: (v) => v,
});
const pair: Field<[number, number]> = {
  parse(raw) {
    const parts = raw.split(',');
    if (parts.length !== 2) return undefined;
    const [x, y] = parts.map((p) => number.parse(p));
    return x === undefined || y === undefined ? undefined : [x, y];
  },
  format: ([x, y]) => `${number.format(x)},${number.format(y)}`,
};
const bool: Field<boolean> = { parse: (raw) => (raw === '1' ? true : raw === '0' ? false : undefined), format: (v) => (v ? '1' : '0') };
const text: Field<string> = { parse: (raw) => (raw.length <= MAX_EXPR_LENGTH ? raw : undefined), format: (v) => v };
/** A number in [lo, hi]. */
const within = (lo: number, hi: number): Field<number> => ({
  parse: (raw) => {
    const v = number.parse(raw);
    return v !== undefined && v >= lo && v <= hi ? v : undefined;
  },
  format: number.format,
});
/** A setting only some figures have: a missing value formats as "" (equal for every such figure). */
const optional = <T>(field: Field<T>): Field<T | undefined> => ({ parse: field.parse, format: (v) => (v === undefined ? '' : field.format(v)) });
/**
 * Points "x,y;x,y;…": at most `max`, at least `min` ("" is none), each coordinate within
 * [−coord, coord] when `coord` is given.
 */
const pointList = ({ min, max, coord = Infinity }: { min: number; max: number; coord?: number }): Field<[number, number][]> => ({
  parse(raw) {
    const parts = raw === '' ? [] : raw.split(';');
    if (parts.length < min || parts.length > max) return undefined;
    const out = parts.map((p) => pair.parse(p));
    return out.every((p) => p !== undefined && Math.abs(p[0]) <= coord && Math.abs(p[1]) <= coord) ? (out as [number, number][]) : undefined;
  },
  format: (v) => v.map((p) => pair.format(p)).join(';'),
});
/** A mixture's start means: none (spread around the start) up to one per component. */
const means = pointList({ min: 0, max: MAX_COMPONENTS });
/** Data points: 1 to DATA_LIMITS.points of them, in the data window. */
const dataPoints = pointList({ min: 1, max: DATA_LIMITS.points, coord: DATA_LIMITS.coord });
/** Coin flips "HTTH" (H heads = 1, T tails = 0), at most DATA_LIMITS.flips; "" is no flips yet. */
const coinFlips: Field<(0 | 1)[]> = {
  parse: (raw) => (raw.length <= DATA_LIMITS.flips && /^[HT]*$/.test(raw) ? [...raw].map((c) => (c === 'H' ? 1 : 0)) : undefined),
  format: (v) => v.map((y) => (y ? 'H' : 'T')).join(''),
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
};

/** The algorithms a chapter 1–2 figure's menu offers (the optimiser presets have their own figures). */
export const FIGURE_ALGORITHMS = ['blr', 'gd', 'newton', 'von'] as const satisfies readonly AlgorithmName[];

/** The URL table: query key `ID.name` for each setting, with its parser and formatter. */
export const URL_FIELDS: { [K in SettingName]: Field<FigureSettings[K]> } = {
  alg: oneOf(FIGURE_ALGORITHMS),
  rho: number,
  rhoGd: number,
  tau: number,
  samples: integer,
  seed: integer,
  steps: integer,
  start: pair,
  speed: number,
  improved: bool,
  loss: oneOf(PLAYGROUND_LOSSES),
  expr: text,
  components: integer,
  mc: bool,
  means,
  ladder: ladderTokens,
  alpha: number,
  batch: integer,
  points: optional(dataPoints),
  noise: optional(within(...DATA_LIMITS.noise)),
  delta: optional(within(...DATA_LIMITS.delta)),
  online: optional(bool),
  flips: optional(coinFlips),
  alpha0: optional(within(...DATA_LIMITS.prior)),
  beta0: optional(within(...DATA_LIMITS.prior)),
  labelled: { parse: parseLabelledPoints, format: (v: LabelledPoint[] | undefined) => (v ? formatLabelledPoints(v) : '') },
  dropout: optional(within(...DATA_LIMITS.dropout)),
};

/**
 * Classroom links: `ID.hide=NAME,NAME` leaves controls out, `ID.lock=NAME,NAME` shows them
 * disabled. NAME is a setting with a control, `speed` (the playback speed menu), `playback` (the
 * whole playback toolbar) or `controls` (every setting control, the column below playback).
 */
export const CLASSROOM_NAMES = [
  'loss', 'expr', 'alg', 'rho', 'rhoGd', 'tau', 'samples', 'seed', 'improved', 'components', 'mc', 'ladder', 'alpha', 'batch',
  'online', 'points', 'noise', 'delta', 'flips', 'alpha0', 'beta0', 'labelled', 'dropout', 'speed', 'playback', 'controls',
] as const;
export type ClassroomName = (typeof CLASSROOM_NAMES)[number];
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
    const value = URL_FIELDS[name].parse(raw);
    if (value === undefined) problems.push(`${name} = "${raw.slice(0, 40)}" is not a valid value`);
    else (settings as unknown as Record<string, unknown>)[name] = value;
  }
  problems.push(...classroomFromQuery(id, query).problems);
  if (!any) return { settings, notice: null };
  if (!problems.length) {
    if (!(settings.speed >= 0.5 && settings.speed <= 1000)) problems.push('speed must be between 0.5 and 1000 steps per second');
    if (!(settings.steps >= 1 && settings.steps <= MAX_STEPS)) problems.push(`steps must be between 1 and ${MAX_STEPS}`);
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
