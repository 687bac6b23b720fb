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
/** Most components a mixture may have. */
export const MAX_COMPONENTS = 8;
/** Gauss–Hermite nodes per component for a mixture's "exact" expectations (16 × 16). */
export const MIXTURE_NODES = 256;

/**
 * Bounds of the RunSpec's scalar fields, [min, max], as the schema below checks them; the
 * figures' settings table (widgets/settings-table.ts) takes its ranges from here. `open: true`
 * marks a bound the schema excludes (ρ > 0, not ≥ 0).
 */
export const SPEC_LIMITS = {
  rho: { min: 0, max: 10, open: true },
  temperature: { min: 0.001, max: 100 },
  samples: { min: 1, max: MAX_SAMPLES, integer: true },
  steps: { min: 0, max: MAX_STEPS, integer: true },
  seed: { min: 0, max: 2 ** 32 - 1, integer: true },
  batchSize: { min: 1, max: MAX_DATA, integer: true },
  components: { min: 1, max: MAX_COMPONENTS, integer: true },
  alpha: { min: 0, max: 100, open: true },
  dropout: { min: 0, max: 0.95 },
  /** A regression's noise variance σ² and prior precision δ (linear and logistic regression). */
  noiseVariance: { min: 1e-6, max: 1e6 },
  priorPrecision: { min: 1e-6, max: 1e6 },
  /** Coordinates of a 2-D point (init.mean, and a Beta prior's α₀, β₀ there, which must also be > 0). */
  coord: { min: -1000, max: 1000 },
} as const satisfies Record<string, { min: number; max: number; open?: boolean; integer?: boolean }>;
const L = SPEC_LIMITS;

/**
 * Rough cost of a run in units of one closed-form loss evaluation: samples per step, data
 * points, Gauss–Hermite nodes per logit, and a compiled formula's interpretive overhead.
 */
function runCost(s: {
  steps: number;
  samples: number;
  expectation: string;
  family: string;
  components: number;
  batchSize?: number;
  loss: { kind: string; x?: readonly number[]; data?: { n: number }; flips?: readonly number[] };
}): number {
  const n = s.loss.x ? s.loss.x.length : s.loss.data ? s.loss.data.n : s.loss.flips ? s.loss.flips.length : 1;
  const perStep =
    (s.expectation === 'mc' ? s.samples : 1) *
    (s.family === 'mixture' ? s.components * (s.components + 2) * (s.expectation === 'exact' ? MIXTURE_NODES : 1) : s.family === 'bernoulli' ? 8 : 1) *
    (s.loss.kind === 'expr' ? 50 : 1) *
    (s.batchSize ?? n) *
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
const coord = num(L.coord.min, L.coord.max);
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
const synthetic = z.strictObject({
  n: z._default(int(1, MAX_DATA), 24),
  seed: z._default(int(0, 2 ** 32 - 1), 1),
  noise: z._default(num(0, 10), 0.3),
});
/**
 * The data of a regression loss: x and y, or neither and `data` (a seeded synthetic set from
 * engine/data.ts), as tanh-regression and gmm take them; x and y must pair up.
 */
const dataOrSynthetic = (kind: string) => (ctx: z.core.ParsePayload<{ x?: number[]; y?: number[]; data?: unknown }>) => {
  const { x, y, data } = ctx.value;
  if ((x === undefined) !== (y === undefined)) {
    ctx.issues.push({ code: 'custom', path: [x === undefined ? 'x' : 'y'], input: undefined, message: 'give both x and y, or neither and "data": {"n", "seed", "noise"} to generate them' });
  } else if (x === undefined && data === undefined) {
    ctx.issues.push({ code: 'custom', path: ['x'], input: undefined, message: `${kind} needs its data: "x" and "y" arrays, or "data": {"n", "seed", "noise"} to generate a seeded synthetic set` });
  } else if (x && y && x.length !== y.length) {
    ctx.issues.push({ code: 'custom', path: ['y'], input: y, message: `x and y must have the same length (x has ${x.length})` });
  } else if (x && data !== undefined) {
    ctx.issues.push({ code: 'custom', path: ['data'], input: data, message: 'give x and y, or "data" to generate them, not both' });
  }
};

const linearRegression = z
  .strictObject({
    kind: z.literal('linear-regression'),
    x: z.optional(data),
    y: z.optional(data),
    /** Seeded synthetic data y = 0.5 + 0.8x + noise·ε (engine/data.ts), instead of x and y. */
    data: z.optional(synthetic),
    noiseVariance: z._default(positive(L.noiseVariance.max, L.noiseVariance.min), 1),
    priorPrecision: z._default(positive(L.priorPrecision.max, L.priorPrecision.min), 1),
  })
  .check(dataOrSynthetic('linear-regression'));
const logisticRegression = z
  .strictObject({
    kind: z.literal('logistic-regression'),
    x: z.optional(data),
    y: z.optional(
      z
        .array(z.union([z.literal(0), z.literal(1)], { error: 'labels must be 0 or 1' }), { error: 'must be an array of 0/1 labels' })
        .check(z.minLength(1, { error: 'needs at least one label' }), z.maxLength(MAX_DATA, { error: `holds at most ${MAX_DATA} labels` })),
    ),
    /** Seeded synthetic labels yᵢ ~ Bernoulli(σ(2xᵢ − 0.5)) (engine/data.ts), instead of x and y. */
    data: z.optional(synthetic),
    priorPrecision: z._default(positive(L.priorPrecision.max, L.priorPrecision.min), 1),
  })
  .check(dataOrSynthetic('logistic-regression'));
const himmelblau = z.strictObject({
  kind: z.literal('himmelblau'),
  scale: z._default(positive(10), 0.05),
});
const tanhRegression = z
  .strictObject({
    kind: z.literal('tanh-regression'),
    x: z.optional(data),
    y: z.optional(data),
    /** Seeded synthetic data (engine/data.ts), used when x and y are left out. */
    data: z._default(synthetic, () => ({ n: 24, seed: 1, noise: 0.3 })),
    noiseVariance: z._default(positive(1e6, 1e-6), 0.25),
    priorPrecision: z._default(num(0, 1e6), 1),
  })
  .check((ctx) => {
    const { x, y } = ctx.value;
    if ((x === undefined) !== (y === undefined)) {
      ctx.issues.push({ code: 'custom', path: [x === undefined ? 'x' : 'y'], input: undefined, message: 'give both x and y, or neither (then "data" generates them)' });
    } else if (x && y && x.length !== y.length) {
      ctx.issues.push({ code: 'custom', path: ['y'], input: y, message: `x and y must have the same length (x has ${x.length})` });
    }
  });
const gmm = z
  .strictObject({
    kind: z.literal('gmm'),
    x: z.optional(data),
    /** Seeded synthetic data from ½N(−1.5, s²) + ½N(2, s²) with s = noise, used when x is left out. */
    data: z._default(synthetic, () => ({ n: 24, seed: 1, noise: 1 })),
    variance: z._default(positive(100, 1e-3), 1),
    priorPrecision: z._default(num(0, 1e6), 0.01),
  });
const coin = z.strictObject({
  kind: z.literal('coin'),
  /** The flips, 1 for heads and 0 for tails; none leaves q at the prior, the exact posterior of no data. */
  flips: z
    .array(z.union([z.literal(0), z.literal(1)], { error: 'flips must be 0 (tails) or 1 (heads)' }), { error: 'must be an array of 0/1 flips' })
    .check(z.maxLength(MAX_DATA, { error: `holds at most ${MAX_DATA} flips` })),
});
const expr = z.strictObject({
  kind: z.literal('expr'),
  expr: z.string({ error: 'must be a formula in x and y, such as "x^2 + 3*y^2"' }).check(
    z.trim(),
    z.minLength(1, { error: 'is empty: write a formula in x and y, such as "x^2 + 3*y^2"' }),
    z.maxLength(MAX_EXPR_LENGTH, { error: `is longer than ${MAX_EXPR_LENGTH} characters` }),
  ),
});

export const LOSS_KINDS = ['quadratic', 'rosenbrock', 'wall', 'flat-sharp', 'himmelblau', 'linear-regression', 'logistic-regression', 'tanh-regression', 'gmm', 'coin', 'expr'] as const;
export type LossKind = (typeof LOSS_KINDS)[number];
/** Losses that are sums over data, with per-example terms (minibatches, Gauss–Newton, Fisher). */
export const DATA_KINDS: readonly LossKind[] = ['linear-regression', 'logistic-regression', 'tanh-regression', 'gmm'];
/** Data losses of a model f_θ(x) with a loss on f: the generalised Gauss–Newton term exists. */
export const GGN_KINDS: readonly LossKind[] = ['linear-regression', 'logistic-regression', 'tanh-regression'];
/** Latent-variable data losses: EM's expected complete-data Hessian exists. */
export const LATENT_KINDS: readonly LossKind[] = ['gmm'];
/** Losses whose target is Gaussian (conjugate): VMP rather than non-conjugate VMP. */
export const CONJUGATE_KINDS: readonly LossKind[] = ['quadratic', 'linear-regression'];
/** Losses whose Gaussian expectations are available in closed form (expectation "exact"). */
export const EXACT_KINDS: readonly LossKind[] = ['quadratic', 'rosenbrock', 'wall', 'flat-sharp', 'linear-regression', 'logistic-regression'];

export const lossSchema = z.discriminatedUnion('kind', [quadratic, rosenbrock, wall, flatSharp, himmelblau, linearRegression, logisticRegression, tanhRegression, gmm, coin, expr], {
  error: `needs "kind", one of ${LOSS_KINDS.join(', ')}`,
});

export const FAMILIES = ['gaussian', 'gaussian-diag', 'gaussian-fixed', 'mixture', 'bernoulli', 'beta'] as const;
export const HESSIANS = ['sampled', 'reparam', 'gauss-newton', 'fisher', 'squared-gradient', 'complete-data'] as const;
export const DEBIAS = ['none', 'momentum', 'both'] as const;
/**
 * How a data loss's Gaussian prior (δ/2)‖θ‖² enters a Gaussian-family step (RunSpec `prior`):
 *   "split"        the BLR's conjugate split: the estimates cover the data part only and the step
 *                  adds the prior exactly, δ to the precision update and δm to the mean step
 *                  outside momentum (the exact BLR, the ladder, IVON and VOGN as published);
 *   "in-gradient"  weight decay as torch.optim has it: ĝ ← ĝ_data + δm before anything else, so
 *                  momentum averages it and the squared-gradient Hessian squares it, Ĥ = ĝĝᵀ
 *                  (other Hessians get + δI); the loss exactly as a user hands it to PyTorch.
 * The two agree whenever the loss has no prior (δ = 0) or no estimate is transformed.
 */
export const PRIOR_MODES = ['split', 'in-gradient'] as const;
const GAUSSIAN_FAMILIES: readonly string[] = ['gaussian', 'gaussian-diag', 'gaussian-fixed'];

/** A precision matrix: symmetric positive definite, or exactly zero (v₀ = 0 of RMSprop/Adam). */
const precision = z.union([spd2, z.tuple([z.tuple([z.literal(0), z.literal(0)]), z.tuple([z.literal(0), z.literal(0)])])], {
  error: 'must be a symmetric positive-definite 2×2 matrix [[a, b], [b, c]] (or all zeros, for RMSprop/Adam)',
});

const initSchema = z.strictObject({
  /** The mean; for family "bernoulli", the mean of q over {−1, +1}², each entry in (−1, 1). */
  mean: z._default(vec2, () => [-1, 1] as Pair),
  precision: z._default(precision, identity),
  /** Mixture components' means (family "mixture"); left out, they are spread around `mean`. */
  means: z.optional(z.array(vec2, { error: 'must be an array of [x, y] pairs' }).check(z.maxLength(MAX_COMPONENTS, { error: `holds at most ${MAX_COMPONENTS} means` }))),
  /**
   * Family "beta": q's start Beta(α, β), both > 0; left out, q starts at the prior Beta(α₀, β₀)
   * that `mean` holds (α₀, β₀; default (1, 1), the uniform prior).
   */
  start: z.optional(z.tuple([positive(1e6), positive(1e6)], { error: 'must be a pair [α, β] of positive numbers' })),
  /** Mixture weights (family "mixture"), positive; normalised. Left out, they are equal. */
  weights: z.optional(
    z.array(positive(1e6), { error: 'must be an array of positive numbers' }).check(z.maxLength(MAX_COMPONENTS, { error: `holds at most ${MAX_COMPONENTS} weights` })),
  ),
});

export const runSpecSchema = z
  .strictObject({
    loss: lossSchema,
    algorithm: z._default(z.enum(ALGORITHM_NAMES, { error: `must be one of ${ALGORITHM_NAMES.join(', ')}` }), 'blr'),
    family: z._default(z.enum(FAMILIES, { error: `must be one of ${FAMILIES.join(', ')}` }), 'gaussian'),
    expectation: z._default(z.enum(['delta', 'mc', 'exact'], { error: 'must be one of delta, mc, exact' }), 'delta'),
    hessian: z._default(z.enum(HESSIANS, { error: `must be one of ${HESSIANS.join(', ')}` }), 'sampled'),
    samples: z._default(int(L.samples.min, L.samples.max), 16),
    rho: z._default(positive(L.rho.max), 0.1),
    temperature: z._default(num(L.temperature.min, L.temperature.max), 1),
    improved: z._default(z.boolean({ error: 'must be true or false' }), false),
    steps: z._default(int(L.steps.min, L.steps.max), 200),
    seed: z._default(int(L.seed.min, L.seed.max), 1),
    /** Examples per minibatch M (data losses); left out, every step uses all N. */
    batchSize: z.optional(int(L.batchSize.min, L.batchSize.max)),
    /** Data losses: the examples arrive one per step (step t sees the first t), unscaled. */
    online: z._default(z.boolean({ error: 'must be true or false' }), false),
    /** Family "gaussian-diag": update one coordinate per step, alternating (VMP's block updates). */
    coordinate: z._default(z.boolean({ error: 'must be true or false' }), false),
    /** Number of mixture components K (family "mixture"). */
    components: z._default(int(L.components.min, L.components.max), 1),
    /** A separate step size α for the mean; left out, α = ρ/τ as the BLR has it. */
    alpha: z.optional(positive(L.alpha.max)),
    /** Momentum β₁ on the gradient: u ← β₁u + (1 − β₁)ĝ. */
    momentum: z._default(num(0, 0.999), 0),
    /** Bias correction of the momentum (u/(1 − β₁ᵗ)) and, with "both", of the scale (S/(1 − (1 − ρ)ᵗ)). */
    debias: z._default(z.enum(DEBIAS, { error: `must be one of ${DEBIAS.join(', ')}` }), 'none'),
    /** The prior of a data loss: added exactly ("split") or inside the gradient ("in-gradient", weight decay); see PRIOR_MODES. */
    prior: z._default(z.enum(PRIOR_MODES, { error: `must be one of ${PRIOR_MODES.join(', ')}` }), 'split'),
    /** Precondition the mean step by √S instead of S (RMSprop/Adam). */
    sqrt: z._default(z.boolean({ error: 'must be true or false' }), false),
    /** c in the mean step's preconditioner S + cI (or √S + cI): the ε of RMSprop/Adam. */
    damping: z._default(num(0, 1000), 0),
    /** Drop-out rate p: the gradient is taken at m ∘ z, zⱼ ~ Bernoulli(1 − p) (spike-and-slab). */
    dropout: z._default(num(L.dropout.min, L.dropout.max), 0),
    /** Family "bernoulli": keep the entropy (BayesBiNN) or drop it (the straight-through estimator). */
    entropy: z._default(z.boolean({ error: 'must be true or false' }), true),
    /** Family "bernoulli" with "mc": temperature t of the relaxed (concrete) samples. */
    relax: z._default(positive(10, 0.001), 1),
    init: z._default(initSchema, () => ({ mean: [-1, 1] as Pair, precision: identity() })),
  })
  .check((ctx) => {
    const s = ctx.value;
    const issue = (path: PropertyKey[], message: string, input: unknown) => ctx.issues.push({ code: 'custom', path, message, input });
    const gaussian = GAUSSIAN_FAMILIES.includes(s.family);
    const dataLoss = DATA_KINDS.includes(s.loss.kind);
    // "exact" for a mixture is Gauss–Hermite quadrature per component (families/mixture.ts): any loss.
    if (s.expectation === 'exact' && !EXACT_KINDS.includes(s.loss.kind) && s.family !== 'bernoulli' && s.family !== 'beta' && s.family !== 'mixture') {
      issue(['expectation'], `"exact" needs closed-form Gaussian expectations, which the loss "${s.loss.kind}" does not have; use "mc" or "delta"`, s.expectation);
    }

    if (gaussian && s.family !== 'gaussian-fixed' && s.rho > 1) {
      issue(['rho'], `must be ≤ 1 when the covariance is learned (family "${s.family}"); only "gaussian-fixed" allows larger steps`, s.rho);
    }
    if (!gaussian && s.rho > 1) issue(['rho'], `must be ≤ 1 for family "${s.family}"`, s.rho);
    if (s.batchSize !== undefined) {
      const n = 'x' in s.loss && s.loss.x ? s.loss.x.length : 'data' in s.loss && s.loss.data ? s.loss.data.n : undefined;
      if (!dataLoss) issue(['batchSize'], `minibatches need a loss that is a sum over data (${DATA_KINDS.join(', ')}), not "${s.loss.kind}"`, s.batchSize);
      else if (n !== undefined && s.batchSize > n) issue(['batchSize'], `must be ≤ the number of data points (${n})`, s.batchSize);
      if (s.expectation === 'exact') issue(['expectation'], 'minibatches need "delta" or "mc" (closed forms are for the full data)', s.expectation);
    }
    if ((s.hessian === 'gauss-newton' || s.hessian === 'fisher') && !dataLoss) {
      issue(['hessian'], `"${s.hessian}" is built from per-example terms, so it needs a data loss (${DATA_KINDS.join(', ')}); use "sampled" or "squared-gradient"`, s.hessian);
    } else if (s.hessian === 'gauss-newton' && !GGN_KINDS.includes(s.loss.kind)) {
      issue(['hessian'], `"gauss-newton" needs a model with a loss on its output (${GGN_KINDS.join(', ')}); for "${s.loss.kind}" use "complete-data", "fisher" or "sampled"`, s.hessian);
    }
    if (s.hessian === 'complete-data' && !LATENT_KINDS.includes(s.loss.kind)) {
      issue(['hessian'], `"complete-data" (EM's curvature) needs a latent-variable loss (${LATENT_KINDS.join(', ')})`, s.hessian);
    }
    if (s.online) {
      if (!dataLoss && s.loss.kind !== 'coin') issue(['online'], `needs a data loss (${DATA_KINDS.join(', ')}, or coin)`, s.online);
      if (s.batchSize !== undefined) issue(['batchSize'], 'leave batchSize out with online: true (one new example per step)', s.batchSize);
      if (s.expectation === 'exact' && s.family !== 'beta') issue(['expectation'], 'online data needs "delta" or "mc" (closed forms are for the full data)', s.expectation);
    }
    if (s.coordinate && s.family !== 'gaussian-diag') issue(['coordinate'], 'block (coordinate) updates need family "gaussian-diag" (mean field)', s.coordinate);
    if (s.hessian !== 'sampled' && s.hessian !== 'reparam' && s.expectation === 'exact') {
      issue(['hessian'], `"${s.hessian}" replaces the Hessian at the mean or at samples; use expectation "delta" or "mc"`, s.hessian);
    }
    if (s.hessian === 'reparam' && s.expectation !== 'mc') issue(['hessian'], '"reparam" estimates the Hessian from samples; use expectation "mc"', s.hessian);
    if (!gaussian) {
      for (const f of ['momentum', 'damping', 'dropout'] as const) if (s[f] !== 0) issue([f], `applies to the Gaussian families only, not "${s.family}"`, s[f]);
      if (s.sqrt) issue(['sqrt'], `applies to the Gaussian families only, not "${s.family}"`, s.sqrt);
      if (s.debias !== 'none') issue(['debias'], `applies to the Gaussian families only, not "${s.family}"`, s.debias);
      if (s.prior !== 'split') issue(['prior'], `"in-gradient" (weight decay inside the gradient) applies to the Gaussian families only, not "${s.family}"; leave prior out`, s.prior);
    }
    if (s.dropout > 0 && s.expectation === 'exact') issue(['expectation'], 'dropout evaluates the loss at masked weights m ∘ z; use "delta" or "mc"', s.expectation);
    if (s.family !== 'bernoulli' && !s.entropy) issue(['entropy'], 'can be switched off for family "bernoulli" only (the straight-through estimator)', s.entropy);
    if (s.family !== 'mixture' && s.components !== 1) issue(['components'], 'needs family "mixture"', s.components);
    if (s.family !== 'mixture' && (s.init.means || s.init.weights)) issue(['init', s.init.means ? 'means' : 'weights'], 'needs family "mixture"', s.init.means ?? s.init.weights);
    if (s.family === 'mixture') {
      if (s.init.means && s.init.means.length !== s.components) issue(['init', 'means'], `must hold one mean per component (${s.components})`, s.init.means);
      if (s.init.weights && s.init.weights.length !== s.components) issue(['init', 'weights'], `must hold one weight per component (${s.components})`, s.init.weights);
    }
    if ((s.family === 'beta') !== (s.loss.kind === 'coin')) {
      issue(s.family === 'beta' ? ['loss', 'kind'] : ['family'], 'the coin and the Beta family go together: family "beta" needs loss "coin", and loss "coin" needs family "beta"', s.family === 'beta' ? s.loss.kind : s.family);
    }
    if (s.family === 'beta') {
      if (!(s.init.mean[0] > 0 && s.init.mean[1] > 0)) issue(['init', 'mean'], 'holds the prior Beta(α₀, β₀) for family "beta": both must be > 0', s.init.mean);
    } else if (s.init.start) issue(['init', 'start'], 'is the Beta start of family "beta" only; for other families init.mean and init.precision set the start', s.init.start);
    if (s.family === 'bernoulli') {
      if (!(Math.abs(s.init.mean[0]) < 1 && Math.abs(s.init.mean[1]) < 1)) {
        issue(['init', 'mean'], 'is the mean of q over {−1, +1}² for family "bernoulli": each entry must lie strictly between −1 and 1', s.init.mean);
      }
    }
    if (!gaussian) {
      if (s.batchSize !== undefined) issue(['batchSize'], `family "${s.family}" uses the full data at every step; leave batchSize out`, s.batchSize);
      if (s.online && s.family !== 'beta') issue(['online'], `family "${s.family}" uses the full data at every step`, s.online);
      if (s.hessian !== 'sampled') issue(['hessian'], `family "${s.family}" uses the Hessian itself ("sampled")`, s.hessian);
    }
    const zeroPrecision = s.init.precision[0][0] === 0 && s.init.precision[1][1] === 0;
    if (zeroPrecision && !(s.family === 'gaussian-diag' && s.damping >= 1e-12)) {
      issue(['init', 'precision'], 'may be zero only for family "gaussian-diag" with damping ≥ 1e-12 (RMSprop/Adam start from v₀ = 0); otherwise it must be positive definite', s.init.precision);
    }
    if (zeroPrecision && s.expectation === 'mc') issue(['expectation'], 'sampling needs a proper q: start from a positive-definite precision, or use "delta"', s.expectation);
    const cost = runCost(s);
    if (cost > MAX_RUN_COST) {
      issue(
        ['steps'],
        `this run would take about ${cost.toExponential(1)} loss evaluations, more than the ${MAX_RUN_COST.toExponential(0)} a browser can do in a second or two; lower ${[
          'steps',
          ...(s.expectation === 'mc' ? ['samples'] : []),
          ...(s.family === 'mixture' ? ['components'] : []),
          ...(dataLoss ? [s.batchSize !== undefined ? 'batchSize' : 'the number of data points (or set batchSize)'] : []),
        ].join(' or ')}`,
        s.steps,
      );
    }
    if ((s.family === 'gaussian-diag' || s.family === 'bernoulli') && s.init.precision[0][1] !== 0) {
      issue(['init', 'precision'], `must be diagonal for family "${s.family}"`, s.init.precision);
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
  for (const [key, wanted] of Object.entries(fixed)) {
    if (key === 'init') continue;
    check(key, input[key], wanted);
  }
  if (fixed.init?.precision) check('init.precision', valueAt(input, ['init', 'precision']), fixed.init.precision);
  return issues;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Fills the preset's fixed fields, then its defaults where the spec is silent (no validation). */
function applyPreset(input: Record<string, unknown>, fixed: PresetFields, defaults: PresetFields = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { ...input };
  for (const [key, value] of Object.entries(defaults)) if (key !== 'init' && out[key] === undefined) out[key] = value;
  for (const [key, value] of Object.entries(fixed)) if (key !== 'init') out[key] = value;
  const initDefaults = defaults.init ?? {};
  const initFixed = fixed.init ?? {};
  if (Object.keys(initDefaults).length || Object.keys(initFixed).length) {
    // Merge only into an absent or object-shaped init, so a malformed one still reaches the schema.
    if (input.init === undefined) out.init = { ...initDefaults, ...initFixed };
    else if (isObject(input.init)) {
      const given = input.init;
      const merged: Record<string, unknown> = { ...given, ...initFixed };
      for (const [k, v] of Object.entries(initDefaults)) if (given[k] === undefined && !(k in initFixed)) merged[k] = v;
      out.init = merged;
    } else out.init = input.init;
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
  let raw = input as Record<string, unknown>;
  // The Beta family's init.mean is its prior (α₀, β₀): left out, the prior is uniform, Beta(1, 1)
  // (the Gaussian default mean (−1, 1) is no Beta).
  if (raw.family === 'beta' && (raw.init === undefined || (isObject(raw.init) && raw.init.mean === undefined))) {
    raw = { ...raw, init: { ...(isObject(raw.init) ? raw.init : {}), mean: [1, 1] } };
  }
  let candidate: Record<string, unknown> = raw;
  let conflicts: SpecIssue[] = [];
  const alg = raw.algorithm;
  if (typeof alg === 'string' && Object.hasOwn(PRESETS, alg)) {
    const preset = PRESETS[alg as keyof typeof PRESETS];
    conflicts = presetConflicts(raw, alg, preset.fixed);
    candidate = applyPreset(raw, preset.fixed, preset.defaults);
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
