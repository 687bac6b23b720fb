/**
 * Shared test helpers: tolerant comparisons, finite differences, Gaussian moments and the
 * canonical loss specs. Everything here is written from the maths, not from the engine.
 */
import { expect } from 'vitest';
import fc from 'fast-check';
import { lossSchema, type LossSpec } from '../../src/engine/spec';
import { createLoss } from '../../src/engine/losses/index';
import type { Loss } from '../../src/engine/losses/loss';

/** |actual − expected| ≤ atol + rtol·|expected|, with a readable failure message. */
export function expectNear(actual: number, expected: number, rtol: number, atol = 0, what = ''): void {
  const err = Math.abs(actual - expected);
  const tol = atol + rtol * Math.abs(expected);
  if (!(err <= tol)) {
    expect.fail(`${what ? `${what}: ` : ''}${actual} vs ${expected}: |diff| = ${err.toExponential(3)} > tol ${tol.toExponential(3)}`);
  }
}

/** Elementwise expectNear for arrays of equal length. */
export function expectAllNear(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol: number, atol = 0, what = ''): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expectNear(actual[i], expected[i], rtol, atol, `${what}[${i}]`);
}

/** A loss from a partial loss spec, with the schema's defaults filled in. */
export function lossFrom(raw: unknown): Loss {
  const spec = lossSchema.parse(raw) as Exclude<LossSpec, { kind: 'expr' }>;
  return createLoss(spec);
}

/** The six evaluate/expect slots of a loss at a point, as a fresh array. */
export function evalAt(loss: Loss, x: number, y: number): Float64Array {
  const out = new Float64Array(6);
  loss.evaluate(x, y, out);
  return out;
}

export function expectAt(loss: Loss, mx: number, my: number, sxx: number, sxy: number, syy: number): Float64Array {
  const out = new Float64Array(6);
  loss.expect!(mx, my, sxx, sxy, syy, out);
  return out;
}

/** Central-difference gradient of f at (x, y). */
export function fdGrad(f: (x: number, y: number) => number, x: number, y: number, h: number): [number, number] {
  return [(f(x + h, y) - f(x - h, y)) / (2 * h), (f(x, y + h) - f(x, y - h)) / (2 * h)];
}

/** Central-difference Hessian (xx, xy, yy) from an analytic gradient g. */
export function fdHessFromGrad(g: (x: number, y: number) => [number, number], x: number, y: number, h: number): [number, number, number] {
  const gxp = g(x + h, y);
  const gxm = g(x - h, y);
  const gyp = g(x, y + h);
  const gym = g(x, y - h);
  const hxx = (gxp[0] - gxm[0]) / (2 * h);
  const hyy = (gyp[1] - gym[1]) / (2 * h);
  // Symmetrised mixed derivative.
  const hxy = 0.5 * ((gxp[1] - gxm[1]) / (2 * h) + (gyp[0] - gym[0]) / (2 * h));
  return [hxx, hxy, hyy];
}

/** Raw moments E[x^k], k = 0..K, of N(mu, v) by the recurrence E[x^k] = mu E[x^(k−1)] + (k−1) v E[x^(k−2)]. */
export function gaussMoments(mu: number, v: number, K: number): number[] {
  const m = [1, mu];
  for (let k = 2; k <= K; k++) m.push(mu * m[k - 1] + (k - 1) * v * m[k - 2]);
  return m;
}

/** (2k − 1)!! √π / 2^k = ∫ x^(2k) e^(−x²) dx. */
export function hermiteMoment(k: number): number {
  let r = Math.sqrt(Math.PI);
  for (let j = 1; j <= k; j++) r *= (2 * j - 1) / 2;
  return r;
}

/** General 2×2 matrices as row arrays. */
export type M2 = [[number, number], [number, number]];
export const mul2 = (A: M2, B: M2): M2 => [
  [A[0][0] * B[0][0] + A[0][1] * B[1][0], A[0][0] * B[0][1] + A[0][1] * B[1][1]],
  [A[1][0] * B[0][0] + A[1][1] * B[1][0], A[1][0] * B[0][1] + A[1][1] * B[1][1]],
];
export const add2 = (A: M2, B: M2): M2 => [
  [A[0][0] + B[0][0], A[0][1] + B[0][1]],
  [A[1][0] + B[1][0], A[1][1] + B[1][1]],
];
export const scale2 = (s: number, A: M2): M2 => [
  [s * A[0][0], s * A[0][1]],
  [s * A[1][0], s * A[1][1]],
];
export const inv2m = (A: M2): M2 => {
  const d = A[0][0] * A[1][1] - A[0][1] * A[1][0];
  return [
    [A[1][1] / d, -A[0][1] / d],
    [-A[1][0] / d, A[0][0] / d],
  ];
};
export const det2m = (A: M2): number => A[0][0] * A[1][1] - A[0][1] * A[1][0];
export const matvec2 = (A: M2, v: [number, number]): [number, number] => [A[0][0] * v[0] + A[0][1] * v[1], A[1][0] * v[0] + A[1][1] * v[1]];

/** Canonical examples of every closed-form loss kind, with points where they are interesting. */
export const LOGISTIC_DATA = {
  x: [-2.1, -1.4, -0.9, -0.5, -0.2, 0.1, 0.4, 0.6, 0.9, 1.3, 1.7, 2.2, -1.1, 0.0, 0.8, 1.9, -2.5, 2.6, -0.3, 1.1],
  y: [0, 0, 0, 1, 0, 0, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 0, 1, 0, 0],
};
export const LINREG_DATA = { x: [-1, 0, 1, 2], y: [-0.5, 0.4, 1.1, 2.2], noiseVariance: 0.25, priorPrecision: 0.5 };

export interface LossCase {
  name: string;
  spec: Record<string, unknown>;
  points: [number, number][];
  /** Covariances Σ = (sxx, sxy, syy) used for the expectation checks (kept modest where tails are heavy). */
  covs: [number, number, number][];
}

export const LOSS_CASES: LossCase[] = [
  {
    name: 'quadratic',
    spec: { kind: 'quadratic', center: [1, -2], hessian: [[3, 1], [1, 2]] },
    points: [[0, 0], [1, -2], [-3, 4.5], [2.5, 0.7]],
    covs: [[0.5, 0.1, 0.3], [2, -0.9, 1], [0.01, 0, 0.04]],
  },
  {
    name: 'rosenbrock',
    spec: { kind: 'rosenbrock', a: 1, b: 2 },
    points: [[-1, 1], [1, 1], [0.3, -0.8], [1.7, 2.2]],
    covs: [[0.2, 0.05, 0.3], [0.05, -0.02, 0.1], [0.5, 0.3, 0.6]],
  },
  {
    name: 'rosenbrock (a = −0.5, b = 7)',
    spec: { kind: 'rosenbrock', a: -0.5, b: 7 },
    points: [[0.2, 0.1], [-1.2, 1.5]],
    covs: [[0.1, 0.02, 0.05]],
  },
  {
    name: 'wall',
    spec: { kind: 'wall' },
    points: [[-1, 1], [0.5, 0], [1.3, -0.4], [1.55, 0.2]],
    covs: [[0.01, 0.002, 0.2], [0.004, -0.001, 0.05]],
  },
  {
    name: 'flat-sharp',
    spec: { kind: 'flat-sharp' },
    points: [[-1.5, 0], [-1.4, 0.1], [0, 0], [0.3, 0.2], [1.5, 0], [2.2, -0.7]],
    covs: [[0.01, 0.002, 0.02], [0.3, 0.1, 0.2], [1, 0, 1]],
  },
  {
    name: 'flat-sharp (rotated wells)',
    spec: { kind: 'flat-sharp', P1: [[30, 8], [8, 12]], c1: [-1, 0.5], P2: [[1.5, -0.4], [-0.4, 0.6]], eps: 0.1 },
    points: [[-0.9, 0.4], [0.5, -0.3]],
    covs: [[0.05, -0.01, 0.1]],
  },
  {
    name: 'linear-regression',
    spec: { kind: 'linear-regression', ...LINREG_DATA },
    points: [[0, 0], [0.357, 0.863], [-2, 1.5]],
    covs: [[0.06, -0.02, 0.05], [1, 0.4, 0.5]],
  },
  {
    name: 'logistic-regression',
    spec: { kind: 'logistic-regression', ...LOGISTIC_DATA, priorPrecision: 0.7 },
    points: [[0, 0], [1.5, -0.3], [-1, 2]],
    covs: [[0.1, 0.02, 0.2], [2, -0.5, 1.5], [8, 1, 3]],
  },
];

/**
 * An arbitrary over valid RunSpecs: every closed-form loss kind with random parameters, every
 * family, expectation and Hessian estimator, ρ, τ, improved, steps ≤ 60, samples ≤ 8, init.
 * One draw in four uses the extreme ends of the schema's ranges (precisions down to 1e−160,
 * means up to ±1000, data up to ±1e4, Hessian entries up to 1e6).
 */
const d = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const vec = (r: number) => fc.tuple(d(-r, r), d(-r, r));
/** SPD as LLᵀ, kept inside the schema's entry range ±1e6. */
const spd = (lo: number, hi: number) =>
  fc
    .tuple(d(lo, hi), d(-hi, hi), d(lo, hi))
    .map(([l11, l21, l22]) => [[l11 * l11, l11 * l21], [l11 * l21, l21 * l21 + l22 * l22]])
    .filter((m) => m[0][0] * m[1][1] - m[0][1] * m[0][1] > 0 && m.flat().every((v) => Math.abs(v) <= 1e6));
const diag = (lo: number, hi: number) => fc.tuple(d(lo, hi), d(lo, hi)).map(([a, c]) => [[a * a, 0], [0, c * c]]);

function specArbitrary(wide: boolean) {
  const S = wide ? { lo: 1e-3, hi: 1000 } : { lo: 0.1, hi: 10 };
  const data = (n: number) => fc.array(wide ? d(-1e4, 1e4) : d(-50, 50), { minLength: n, maxLength: n });
  const pos = wide ? d(1e-6, 1e6) : d(1e-3, 100);
  const loss = fc.oneof(
    fc.record({ kind: fc.constant('quadratic'), center: vec(wide ? 1000 : 10), hessian: spd(S.lo, S.hi) }, { requiredKeys: ['kind'] }),
    fc.record({ kind: fc.constant('rosenbrock'), a: d(-10, 10), b: d(0, 1000) }, { requiredKeys: ['kind'] }),
    fc.record({ kind: fc.constant('wall'), a: vec(5), A: spd(S.lo, wide ? S.hi : 3), h: d(0, 100), kappa: d(0.01, 50), w: d(-10, 10) }, { requiredKeys: ['kind'] }),
    fc.record({ kind: fc.constant('flat-sharp'), eps: d(0, 10), h1: d(0, 100), c1: vec(5), P1: spd(S.lo, S.hi), h2: d(0, 100), c2: vec(5), P2: spd(S.lo, S.hi) }, { requiredKeys: ['kind'] }),
    fc.integer({ min: 1, max: 20 }).chain((n) =>
      fc.record({ kind: fc.constant('linear-regression'), x: data(n), y: data(n), noiseVariance: pos, priorPrecision: pos }, { requiredKeys: ['kind', 'x', 'y'] }),
    ),
    fc.integer({ min: 1, max: 20 }).chain((n) =>
      fc.record({ kind: fc.constant('logistic-regression'), x: data(n), y: fc.array(fc.constantFrom(0, 1), { minLength: n, maxLength: n }), priorPrecision: pos }, { requiredKeys: ['kind', 'x', 'y'] }),
    ),
    fc.record({ kind: fc.constant('himmelblau'), scale: d(1e-3, 10) }, { requiredKeys: ['kind'] }),
    fc.record(
      {
        kind: fc.constant('gmm'),
        data: fc.record({ n: fc.integer({ min: 1, max: 30 }), seed: fc.integer({ min: 0, max: 1000 }), noise: d(0, 3) }, { requiredKeys: [] }),
        variance: d(1e-3, 100),
        priorPrecision: d(0, 10),
      },
      { requiredKeys: ['kind'] },
    ),
    fc.record(
      {
        kind: fc.constant('tanh-regression'),
        data: fc.record({ n: fc.integer({ min: 1, max: 30 }), seed: fc.integer({ min: 0, max: 1000 }), noise: d(0, 2) }, { requiredKeys: [] }),
        noiseVariance: pos,
        priorPrecision: d(0, 100),
      },
      { requiredKeys: ['kind'] },
    ),
  );
  return fc
    .record({
      loss,
      family: fc.constantFrom('gaussian', 'gaussian-diag', 'gaussian-fixed', 'gaussian', 'gaussian-diag', 'mixture', 'bernoulli'),
      expectation: fc.constantFrom('delta', 'mc', 'exact'),
      hessian: fc.constantFrom('sampled', 'reparam', 'gauss-newton', 'fisher', 'squared-gradient', 'complete-data'),
      online: fc.boolean(),
      coordinate: fc.boolean(),
      batch: fc.option(fc.integer({ min: 1, max: 30 })),
      components: fc.integer({ min: 1, max: 4 }),
      extras: fc.option(
        fc.record(
          {
            alpha: d(1e-4, 2),
            momentum: d(0, 0.99),
            debias: fc.constantFrom('none', 'momentum', 'both'),
            sqrt: fc.boolean(),
            damping: d(0, 1),
            dropout: d(0, 0.9),
          },
          { requiredKeys: [] },
        ),
      ),
      bern: vec(0.99),
      entropy: fc.boolean(),
      samples: fc.integer({ min: 1, max: 8 }),
      rho: d(1e-3, 1),
      bigRho: d(1e-3, 10),
      temperature: d(0.001, 100),
      improved: fc.boolean(),
      steps: fc.integer({ min: 0, max: 60 }),
      seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      mean: vec(wide ? 1000 : 20),
      precision: wide ? spd(1e-80, 1000) : spd(0.2, 5),
      diagPrecision: wide ? diag(1e-80, 1000) : diag(0.2, 5),
    })
    .map(({ bigRho, mean, precision, diagPrecision, batch, components, extras, bern, entropy, online, coordinate, ...s }) => {
      const dataLoss = 'x' in s.loss || s.loss.kind === 'tanh-regression' || s.loss.kind === 'gmm';
      const n = 'x' in s.loss && Array.isArray(s.loss.x) ? s.loss.x.length : ((s.loss as { data?: { n?: number } }).data?.n ?? 24);
      const exactOk = !['himmelblau', 'tanh-regression', 'gmm'].includes(s.loss.kind as string);
      let expectation = s.expectation;
      if (expectation === 'exact' && (!exactOk || s.family === 'mixture')) expectation = 'delta';
      let hessian = s.hessian;
      if ((hessian === 'gauss-newton' || hessian === 'fisher') && !dataLoss) hessian = 'squared-gradient';
      if (hessian === 'gauss-newton' && s.loss.kind === 'gmm') hessian = 'fisher';
      if (hessian === 'complete-data' && s.loss.kind !== 'gmm') hessian = 'sampled';
      if (expectation === 'exact' && hessian !== 'sampled') hessian = 'sampled';
      if (hessian === 'reparam' && expectation !== 'mc') hessian = 'sampled';
      const gaussian = s.family.startsWith('gaussian');
      const spec: Record<string, unknown> = {
        ...s,
        expectation,
        hessian,
        rho: s.family === 'gaussian-fixed' ? bigRho : s.rho,
        init: { mean: s.family === 'bernoulli' ? bern : mean, precision: s.family === 'gaussian-diag' || s.family === 'bernoulli' ? diagPrecision : precision },
      };
      if (!gaussian) spec.hessian = 'sampled';
      if (dataLoss && online && expectation !== 'exact' && gaussian) spec.online = true;
      else if (dataLoss && batch !== null && expectation !== 'exact' && gaussian) spec.batchSize = Math.min(batch, n);
      if (coordinate && s.family === 'gaussian-diag') spec.coordinate = true;
      if (s.family === 'mixture') spec.components = components;
      if (s.family === 'bernoulli') spec.entropy = entropy;
      if (gaussian && extras) Object.assign(spec, extras, expectation === 'exact' ? { dropout: 0 } : {});
      return spec;
    });
}

export const validSpec = fc.oneof({ arbitrary: specArbitrary(false), weight: 3 }, { arbitrary: specArbitrary(true), weight: 1 });
