/**
 * The RunSpec: one JSON object describing one run. This is the single place it is validated;
 * the CLI, the worker, the URL state and the tests all go through `parseRunSpec`.
 */
import * as z from 'zod/mini';
import { ALGORITHM_NAMES, PRESETS, type PresetFields } from './presets';
import { FLAT_SHARP_DEFAULTS } from './losses/flat-sharp';
import { WALL_DEFAULTS } from './losses/wall';

// zod/mini: the same schemas as zod with tree-shakable checks, so the page that validates
// shared links stays small.

/** Longest custom loss formula accepted, in characters (after trimming). */
export const MAX_EXPR_LENGTH = 200;
/** Elementary functions a custom formula may call, each with one argument (losses/expr.ts). */
export const EXPR_FUNCTIONS = ['sin', 'cos', 'tan', 'exp', 'log', 'sqrt', 'abs', 'sinh', 'cosh', 'tanh', 'atan'] as const;
export const MAX_STEPS = 10_000;
export const MAX_SAMPLES = 256;
export const MAX_DATA = 1000;
/** Budget of weighted loss evaluations per run (about 1–2 s in a worker), see runCost. */
export const MAX_RUN_COST = 5e7;

/**
 * Rough cost of a run in units of one closed-form loss evaluation: samples per step, data
 * points, Gauss–Hermite nodes per logit, and a compiled formula's interpretive overhead.
 */
function runCost(s: { steps: number; samples: number; expectation: string; loss: { kind: string; x?: readonly number[] } }): number {
  const perStep =
    (s.expectation === 'mc' ? s.samples : 1) *
    (s.loss.kind === 'expr' ? 50 : 1) *
    (s.loss.x ? s.loss.x.length : 1) *
    (s.loss.kind === 'logistic-regression' && s.expectation === 'exact' ? 120 : 1);
  return s.steps * perStep;
}

type Pair = [number, number];
type Mat = [Pair, Pair];
const identity = (): Mat => [[1, 0], [0, 1]];

const num = (min: number, max: number) =>
  z.number({ error: `must be a finite number in [${min}, ${max}]` }).check(z.gte(min, { error: `must be ≥ ${min}` }), z.lte(max, { error: `must be ≤ ${max}` }));
const positive = (max: number, min = 0) =>
  z
    .number({ error: `must be a finite number in (${min}, ${max}]` })
    .check(min > 0 ? z.gte(min, { error: `must be > 0 (at least ${min})` }) : z.gt(0, { error: "must be > 0" }), z.lte(max, { error: `must be ≤ ${max}` }));
const int = (min: number, max: number) => num(min, max).check(z.refine(Number.isInteger, { error: 'must be an integer' }));
const coord = num(-1000, 1000);
const vec2 = z.tuple([coord, coord], { error: 'must be a pair [x, y] of finite numbers' });
const entry = num(-1e6, 1e6);
const mat2 = z.tuple([z.tuple([entry, entry]), z.tuple([entry, entry])], { error: 'must be a 2×2 matrix [[a, b], [b, c]]' });
/** A symmetric positive-definite 2×2 matrix. */
const spd2 = mat2.check(
  z.refine((m) => m[0][1] === m[1][0], { error: 'must be symmetric: [[a, b], [b, c]] with equal off-diagonal entries', abort: true }),
  z.refine((m) => m[0][0] > 0 && m[0][0] * m[1][1] - m[0][1] * m[0][1] > 0, { error: 'must be positive definite: a > 0 and ac − b² > 0' }),
);
const data = z
  .array(num(-1e4, 1e4), { error: 'must be an array of finite numbers' })
  .check(z.minLength(1, { error: 'needs at least one data point' }), z.maxLength(MAX_DATA, { error: `holds at most ${MAX_DATA} data points` }));
const copyPair = (p: readonly number[]) => [p[0], p[1]] as Pair;
const copyMat = (m: readonly (readonly number[])[]) => [copyPair(m[0]), copyPair(m[1])] as Mat;

/** x and y of a data set must pair up. */
const sameLength = (ctx: z.core.ParsePayload<{ x: number[]; y: number[] }>) => {
  if (ctx.value.x.length !== ctx.value.y.length) {
    ctx.issues.push({ code: 'custom', path: ['y'], input: ctx.value.y, message: `x and y must have the same length (x has ${ctx.value.x.length})` });
  }
};

const quadratic = z.strictObject({
  kind: z.literal('quadratic'),
  center: z._default(vec2, () => [0, 0] as Pair),
  hessian: z._default(spd2, identity),
});
const rosenbrock = z.strictObject({
  kind: z.literal('rosenbrock'),
  a: z._default(num(-10, 10), 1),
  b: z._default(num(0, 1000), 2),
});
const wall = z.strictObject({
  kind: z.literal('wall'),
  a: z._default(vec2, () => copyPair(WALL_DEFAULTS.a)),
  A: z._default(spd2, () => copyMat(WALL_DEFAULTS.A)),
  h: z._default(num(0, 100), WALL_DEFAULTS.h),
  kappa: z._default(positive(50), WALL_DEFAULTS.kappa),
  w: z._default(num(-10, 10), WALL_DEFAULTS.w),
});
const fs = FLAT_SHARP_DEFAULTS;
const flatSharp = z.strictObject({
  kind: z.literal('flat-sharp'),
  eps: z._default(num(0, 10), fs.eps),
  h1: z._default(num(0, 100), fs.h1),
  c1: z._default(vec2, () => copyPair(fs.c1)),
  P1: z._default(spd2, () => copyMat(fs.P1)),
  h2: z._default(num(0, 100), fs.h2),
  c2: z._default(vec2, () => copyPair(fs.c2)),
  P2: z._default(spd2, () => copyMat(fs.P2)),
});
const linearRegression = z
  .strictObject({
    kind: z.literal('linear-regression'),
    x: data,
    y: data,
    noiseVariance: z._default(positive(1e6, 1e-6), 1),
    priorPrecision: z._default(positive(1e6, 1e-6), 1),
  })
  .check(sameLength);
const logisticRegression = z
  .strictObject({
    kind: z.literal('logistic-regression'),
    x: data,
    y: z
      .array(z.union([z.literal(0), z.literal(1)], { error: 'labels must be 0 or 1' }), { error: 'must be an array of 0/1 labels' })
      .check(z.minLength(1, { error: 'needs at least one label' }), z.maxLength(MAX_DATA, { error: `holds at most ${MAX_DATA} labels` })),
    priorPrecision: z._default(positive(1e6, 1e-6), 1),
  })
  .check(sameLength);
const expr = z.strictObject({
  kind: z.literal('expr'),
  expr: z.string({ error: 'must be a formula in x and y, such as "x^2 + 3*y^2"' }).check(
    z.trim(),
    z.minLength(1, { error: 'is empty: write a formula in x and y, such as "x^2 + 3*y^2"' }),
    z.maxLength(MAX_EXPR_LENGTH, { error: `is longer than ${MAX_EXPR_LENGTH} characters` }),
  ),
});

export const LOSS_KINDS = ['quadratic', 'rosenbrock', 'wall', 'flat-sharp', 'linear-regression', 'logistic-regression', 'expr'] as const;
export type LossKind = (typeof LOSS_KINDS)[number];
/** Losses whose Gaussian expectations are available in closed form (expectation "exact"). */
export const EXACT_KINDS: readonly LossKind[] = ['quadratic', 'rosenbrock', 'wall', 'flat-sharp', 'linear-regression', 'logistic-regression'];

export const lossSchema = z.discriminatedUnion('kind', [quadratic, rosenbrock, wall, flatSharp, linearRegression, logisticRegression, expr], {
  error: `needs "kind", one of ${LOSS_KINDS.join(', ')}`,
});

export const runSpecSchema = z
  .strictObject({
    loss: lossSchema,
    algorithm: z._default(z.enum(ALGORITHM_NAMES, { error: `must be one of ${ALGORITHM_NAMES.join(', ')}` }), 'blr'),
    family: z._default(z.enum(['gaussian', 'gaussian-diag', 'gaussian-fixed'], { error: 'must be one of gaussian, gaussian-diag, gaussian-fixed' }), 'gaussian'),
    expectation: z._default(z.enum(['delta', 'mc', 'exact'], { error: 'must be one of delta, mc, exact' }), 'delta'),
    hessian: z._default(z.enum(['sampled', 'reparam'], { error: 'must be one of sampled, reparam' }), 'sampled'),
    samples: z._default(int(1, MAX_SAMPLES), 16),
    rho: z._default(positive(10), 0.1),
    temperature: z._default(num(0.001, 100), 1),
    improved: z._default(z.boolean({ error: 'must be true or false' }), false),
    steps: z._default(int(0, MAX_STEPS), 200),
    seed: z._default(int(0, 2 ** 32 - 1), 1),
    init: z._default(z.strictObject({ mean: z._default(vec2, () => [-1, 1] as Pair), precision: z._default(spd2, identity) }), () => ({
      mean: [-1, 1] as Pair,
      precision: identity(),
    })),
  })
  .check((ctx) => {
    const s = ctx.value;
    const issue = (path: PropertyKey[], message: string, input: unknown) => ctx.issues.push({ code: 'custom', path, message, input });
    if (s.expectation === 'exact' && !EXACT_KINDS.includes(s.loss.kind)) {
      issue(['expectation'], `"exact" needs closed-form Gaussian expectations, which a custom formula does not have; use "mc" or "delta"`, s.expectation);
    }
    if (s.family !== 'gaussian-fixed' && s.rho > 1) {
      issue(['rho'], `must be ≤ 1 when the covariance is learned (family "${s.family}"); only "gaussian-fixed" allows larger steps`, s.rho);
    }
    const cost = runCost(s);
    if (cost > MAX_RUN_COST) {
      issue(
        ['steps'],
        `this run would take about ${cost.toExponential(1)} loss evaluations, more than the ${MAX_RUN_COST.toExponential(0)} a browser can do in a second or two; lower ${[
          'steps',
          ...(s.expectation === 'mc' ? ['samples'] : []),
          ...('x' in s.loss ? ['the number of data points'] : []),
        ].join(' or ')}`,
        s.steps,
      );
    }
    if (s.family === 'gaussian-diag' && s.init.precision[0][1] !== 0) {
      issue(['init', 'precision'], 'must be diagonal for family "gaussian-diag"', s.init.precision);
    }
  });

export type RunSpecInput = z.input<typeof runSpecSchema>;
export type RunSpec = z.output<typeof runSpecSchema>;
export type LossSpec = RunSpec['loss'];

/** One problem with a spec: where it is and what is wrong. */
export interface SpecIssue {
  path: string;
  message: string;
}

/** Thrown by `parseRunSpec`; `message` lists every issue, one per line. */
export class SpecError extends Error {
  readonly issues: SpecIssue[];
  constructor(issues: SpecIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
    this.name = 'SpecError';
    this.issues = issues;
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  if (typeof v === 'bigint') return `${v}n (a BigInt)`;
  if (typeof v === 'function' || typeof v === 'symbol') return `a ${typeof v}`;
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = Object.prototype.toString.call(v);
  }
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

const sameJson = (a: unknown, b: unknown) => describe(a) === describe(b);

/** The preset's fixed fields that the input contradicts, as issues. */
function presetConflicts(input: Record<string, unknown>, name: string, fixed: PresetFields): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const check = (path: string, given: unknown, wanted: unknown) => {
    if (given !== undefined && !sameJson(given, wanted)) {
      issues.push({
        path,
        message: `algorithm "${name}" fixes ${path} = ${describe(wanted)} (got ${describe(given)}); leave ${path} out, or use algorithm "blr" to choose it freely`,
      });
    }
  };
  if (fixed.family) check('family', input.family, fixed.family);
  if (fixed.expectation) check('expectation', input.expectation, fixed.expectation);
  if (fixed.rho !== undefined) check('rho', input.rho, fixed.rho);
  if (fixed.init?.precision) check('init.precision', valueAt(input, ['init', 'precision']), fixed.init.precision);
  return issues;
}

/** Fills the preset's fixed fields into a raw spec (no validation). */
function applyPreset(input: Record<string, unknown>, fixed: PresetFields): Record<string, unknown> {
  const out: Record<string, unknown> = { ...input, ...fixed };
  if (fixed.init) {
    // Merge only into an absent or object-shaped init, so a malformed one still reaches the schema.
    if (input.init === undefined) out.init = { ...fixed.init };
    else if (input.init !== null && typeof input.init === 'object' && !Array.isArray(input.init)) out.init = { ...(input.init as object), ...fixed.init };
    else out.init = input.init;
  }
  return out;
}

/**
 * Validates a raw spec, applies its algorithm preset and fills defaults. Throws a SpecError
 * naming each bad field, the value found and what is allowed.
 */
export function parseRunSpec(input: unknown): RunSpec {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new SpecError([{ path: '(spec)', message: `must be a JSON object with at least "loss" (got ${describe(input)})` }]);
  }
  const raw = input as Record<string, unknown>;
  let candidate: Record<string, unknown> = raw;
  let conflicts: SpecIssue[] = [];
  const alg = raw.algorithm;
  if (typeof alg === 'string' && Object.hasOwn(PRESETS, alg)) {
    const fixed = PRESETS[alg as keyof typeof PRESETS].fixed;
    conflicts = presetConflicts(raw, alg, fixed);
    candidate = applyPreset(raw, fixed);
  }
  const result = runSpecSchema.safeParse(candidate);
  if (result.success && !conflicts.length) return result.data;
  const schemaIssues = result.success ? [] : result.error.issues;
  throw new SpecError([
    ...conflicts,
    ...schemaIssues.map((issue) => {
      const path = issue.path.length ? issue.path.map(String).join('.') : '(spec)';
      if (issue.code === 'unrecognized_keys') {
        return { path, message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}; check the spelling against the RunSpec fields` };
      }
      return { path, message: `${issue.message} (got ${describe(valueAt(candidate, issue.path))})` };
    }),
  ]);
}

/** Like parseRunSpec but returns the issues instead of throwing. */
export function safeParseRunSpec(input: unknown): { ok: true; spec: RunSpec } | { ok: false; error: SpecError } {
  try {
    return { ok: true, spec: parseRunSpec(input) };
  } catch (e) {
    if (e instanceof SpecError) return { ok: false, error: e };
    throw e;
  }
}
