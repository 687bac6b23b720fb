/**
 * The RunSpec: one JSON object describing one run. This is the single place it is validated;
 * the CLI, the worker, the URL state and the tests all go through `parseRunSpec`.
 */
import { z } from 'zod';
import { ALGORITHM_NAMES, PRESETS, type PresetFields } from './presets';
import { FLAT_SHARP_DEFAULTS } from './losses/flat-sharp';
import { WALL_DEFAULTS } from './losses/wall';

/** Longest custom loss formula accepted. */
export const MAX_EXPR_LENGTH = 200;
export const MAX_STEPS = 10_000;
export const MAX_SAMPLES = 256;
export const MAX_DATA = 1000;

const num = (min: number, max: number) =>
  z.number({ error: `must be a finite number in [${min}, ${max}]` }).min(min, { error: `must be ≥ ${min}` }).max(max, { error: `must be ≤ ${max}` });
const positive = (max: number) =>
  z.number({ error: `must be a finite number in (0, ${max}]` }).gt(0, { error: 'must be > 0' }).max(max, { error: `must be ≤ ${max}` });
const int = (min: number, max: number) => num(min, max).int({ error: 'must be an integer' });
const coord = num(-1000, 1000);
const vec2 = z.tuple([coord, coord], { error: 'must be a pair [x, y] of finite numbers' });
const entry = num(-1e6, 1e6);
const mat2 = z.tuple([z.tuple([entry, entry]), z.tuple([entry, entry])], { error: 'must be a 2×2 matrix [[a, b], [b, c]]' });
/** A symmetric positive-definite 2×2 matrix. */
const spd2 = mat2
  .refine((m) => m[0][1] === m[1][0], { error: 'must be symmetric: [[a, b], [b, c]] with equal off-diagonal entries' })
  .refine((m) => m[0][0] > 0 && m[0][0] * m[1][1] - m[0][1] * m[0][1] > 0, {
    error: 'must be positive definite: a > 0 and ac − b² > 0',
  });
const data = z.array(num(-1e4, 1e4), { error: 'must be an array of finite numbers' }).min(1, { error: 'needs at least one data point' }).max(MAX_DATA, { error: `holds at most ${MAX_DATA} data points` });

const quadratic = z.strictObject({
  kind: z.literal('quadratic'),
  center: vec2.default([0, 0]),
  hessian: spd2.default([[1, 0], [0, 1]]),
});
const rosenbrock = z.strictObject({
  kind: z.literal('rosenbrock'),
  a: num(-10, 10).default(1),
  b: num(0, 1000).default(2),
});
const wall = z.strictObject({
  kind: z.literal('wall'),
  a: vec2.default([...WALL_DEFAULTS.a] as [number, number]),
  A: spd2.default(WALL_DEFAULTS.A.map((r) => [...r]) as [[number, number], [number, number]]),
  h: num(0, 100).default(WALL_DEFAULTS.h),
  kappa: positive(50).default(WALL_DEFAULTS.kappa),
  w: num(-10, 10).default(WALL_DEFAULTS.w),
});
const fs = FLAT_SHARP_DEFAULTS;
const flatSharp = z.strictObject({
  kind: z.literal('flat-sharp'),
  eps: num(0, 10).default(fs.eps),
  h1: num(0, 100).default(fs.h1),
  c1: vec2.default([...fs.c1] as [number, number]),
  P1: spd2.default(fs.P1.map((r) => [...r]) as [[number, number], [number, number]]),
  h2: num(0, 100).default(fs.h2),
  c2: vec2.default([...fs.c2] as [number, number]),
  P2: spd2.default(fs.P2.map((r) => [...r]) as [[number, number], [number, number]]),
});
const linearRegression = z
  .strictObject({
    kind: z.literal('linear-regression'),
    x: data,
    y: data,
    noiseVariance: positive(1e6).min(1e-6, { error: 'must be ≥ 1e-6' }).default(1),
    priorPrecision: positive(1e6).min(1e-6, { error: 'must be ≥ 1e-6' }).default(1),
  })
  .refine((l) => l.x.length === l.y.length, { error: 'x and y must have the same length', path: ['y'] });
const logisticRegression = z
  .strictObject({
    kind: z.literal('logistic-regression'),
    x: data,
    y: z.array(z.union([z.literal(0), z.literal(1)], { error: 'labels must be 0 or 1' })).min(1).max(MAX_DATA),
    priorPrecision: positive(1e6).min(1e-6, { error: 'must be ≥ 1e-6' }).default(1),
  })
  .refine((l) => l.x.length === l.y.length, { error: 'x and y must have the same length', path: ['y'] });
const expr = z.strictObject({
  kind: z.literal('expr'),
  expr: z
    .string({ error: 'must be a formula in x and y, such as "x^2 + 3*y^2"' })
    .trim()
    .min(1, { error: 'is empty: write a formula in x and y, such as "x^2 + 3*y^2"' })
    .max(MAX_EXPR_LENGTH, { error: `is longer than ${MAX_EXPR_LENGTH} characters` }),
});

export const LOSS_KINDS = ['quadratic', 'rosenbrock', 'wall', 'flat-sharp', 'linear-regression', 'logistic-regression', 'expr'] as const;
export type LossKind = (typeof LOSS_KINDS)[number];
/** Losses whose Gaussian expectations are available in closed form (expectation "exact"). */
export const EXACT_KINDS: readonly LossKind[] = ['quadratic', 'rosenbrock', 'wall', 'flat-sharp', 'linear-regression', 'logistic-regression'];

export const lossSchema = z.discriminatedUnion('kind', [quadratic, rosenbrock, wall, flatSharp, linearRegression, logisticRegression, expr], {
  error: `needs "kind", one of ${LOSS_KINDS.join(', ')}`,
});

const identity: [[number, number], [number, number]] = [[1, 0], [0, 1]];

export const runSpecSchema = z
  .strictObject({
    loss: lossSchema,
    algorithm: z.enum(ALGORITHM_NAMES, { error: `must be one of ${ALGORITHM_NAMES.join(', ')}` }).default('blr'),
    family: z.enum(['gaussian', 'gaussian-diag', 'gaussian-fixed'], { error: 'must be one of gaussian, gaussian-diag, gaussian-fixed' }).default('gaussian'),
    expectation: z.enum(['delta', 'mc', 'exact'], { error: 'must be one of delta, mc, exact' }).default('delta'),
    hessian: z.enum(['sampled', 'reparam'], { error: 'must be one of sampled, reparam' }).default('sampled'),
    samples: int(1, MAX_SAMPLES).default(16),
    rho: positive(10).default(0.1),
    temperature: num(0.001, 100).default(1),
    improved: z.boolean({ error: 'must be true or false' }).default(false),
    steps: int(0, MAX_STEPS).default(200),
    seed: int(0, 2 ** 32 - 1).default(1),
    init: z
      .strictObject({ mean: vec2.default([-1, 1]), precision: spd2.default(identity) })
      .default({ mean: [-1, 1], precision: identity }),
  })
  .superRefine((s, ctx) => {
    if (s.expectation === 'exact' && !EXACT_KINDS.includes(s.loss.kind)) {
      ctx.addIssue({
        code: 'custom',
        path: ['expectation'],
        message: `"exact" needs closed-form Gaussian expectations, which a custom formula does not have; use "mc" or "delta"`,
      });
    }
    if (s.family !== 'gaussian-fixed' && s.rho > 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['rho'],
        message: `must be ≤ 1 when the covariance is learned (family "${s.family}"); only "gaussian-fixed" allows larger steps`,
      });
    }
    if (s.family === 'gaussian-diag' && s.init.precision[0][1] !== 0) {
      ctx.addIssue({ code: 'custom', path: ['init', 'precision'], message: 'must be diagonal for family "gaussian-diag"' });
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
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

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
    const init = input.init && typeof input.init === 'object' ? (input.init as Record<string, unknown>) : {};
    out.init = { ...init, ...fixed.init };
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
