/**
 * The adaptive grid posterior the worker and the CLI use (engine/measure.ts targetPosterior):
 * the same −log Z and moments as the closed forms and as a fine fixed grid, at a small share of
 * the work; and the losses' lattice fast paths equal their pointwise values.
 */
import { describe, expect, it } from 'vitest';
import { createLoss } from '../../src/engine/losses/index';
import { createLinearRegressionLoss } from '../../src/engine/losses/linear-regression';
import { createQuadraticLoss } from '../../src/engine/losses/quadratic';
import type { Loss } from '../../src/engine/losses/loss';
import { targetPosterior } from '../../src/engine/measure';
import { adaptivePosterior, gridPosterior } from '../../src/engine/posterior';
import { parseRunSpec, type LossSpec } from '../../src/engine/spec';
import { expectNear } from './_helpers';

const lossOf = (raw: unknown): Loss => createLoss(parseRunSpec({ loss: raw }).loss as Exclude<LossSpec, { kind: 'expr' }>);

/** A loss that counts its evaluations (pointwise values and lattice points). */
function counted(loss: Loss) {
  const c = { values: 0, lattice: 0 };
  const wrapped: Loss = {
    ...loss,
    value: (x, y) => {
      c.values++;
      return loss.value(x, y);
    },
    ...(loss.lattice && {
      lattice: (xs: Float64Array, ys: Float64Array, o: Float64Array) => {
        c.lattice += xs.length * ys.length;
        loss.lattice!(xs, ys, o);
      },
    }),
  };
  return { loss: wrapped, c };
}

// The chapter-5 figures' targets: the laplace-vi logistic data, the em-gmm mixture, the tanh net.
const LOGISTIC = (() => {
  const x: number[] = [];
  const y: (0 | 1)[] = [];
  for (let i = 0; i < 20; i++) {
    const xi = -2 + (4 * i) / 19;
    x.push(Math.round(xi * 1000) / 1000);
    y.push((i * 7) % 5 < 2 ? (xi > 0 ? 0 : 1) : xi > 0 ? 1 : 0);
  }
  return { kind: 'logistic-regression', x, y, priorPrecision: 1 };
})();
const FIGURES: [string, unknown, [number, number, number, number]][] = [
  ['logistic regression', LOGISTIC, [-4, 4, -4, 4]],
  ['1-D mixture (two modes)', { kind: 'gmm' }, [-4.5, 4.5, -4.5, 4.5]],
  ['tanh network (cut by its window)', { kind: 'tanh-regression' }, [-3, 3, -3, 3]],
];

describe('adaptive grid posterior', () => {
  it('Bayesian linear regression: −log Z, mean and covariance equal the closed form to 9 digits', () => {
    const blr = createLinearRegressionLoss({ x: [-1, 0, 1, 2], y: [-0.5, 0.4, 1.1, 2.2], noiseVariance: 0.25, priorPrecision: 0.5 });
    const S = [16.5, 8, 24.5];
    const det = S[0] * S[2] - S[1] * S[1];
    const m: [number, number] = [0.357384276267, 0.862894930198];
    const post = targetPosterior(blr, 1, [m[0] - 2.5, m[0] + 2.5, m[1] - 2.5, m[1] + 2.5]);
    expect(post.negLogZ).toBeCloseTo(blr.value(m[0], m[1]) - Math.log(2 * Math.PI) + 0.5 * Math.log(det), 9);
    expect(post.mean[0]).toBeCloseTo(m[0], 9);
    expect(post.mean[1]).toBeCloseTo(m[1], 9);
    expect(post.cov[0][0]).toBeCloseTo(S[2] / det, 9);
    expect(post.cov[0][1]).toBeCloseTo(-S[1] / det, 9);
    expect(post.cov[1][1]).toBeCloseTo(S[0] / det, 9);
  });

  it('a tempered quadratic: covariance τA⁻¹ and −log Z = −log(2πτ/√det A), to 9 digits', () => {
    const q = createQuadraticLoss({ center: [1, -2], hessian: [[2, 1], [1, 3]] });
    const tau = 0.4;
    const post = adaptivePosterior(q, tau, [-3.5, 5.5, -6.5, 2.5]);
    expect(post.negLogZ).toBeCloseTo(-Math.log((2 * Math.PI * tau) / Math.sqrt(5)), 9);
    expect(post.cov[0][0]).toBeCloseTo((tau * 3) / 5, 9);
    expect(post.cov[0][1]).toBeCloseTo((-tau * 1) / 5, 9);
  });

  it('a target far narrower than the window (precision 4e4 on ±3) is found and integrated in its own frame', () => {
    const A = [[40000, 15000], [15000, 30000]] as [[number, number], [number, number]];
    const loss = createQuadraticLoss({ center: [0.3, -0.2], hessian: A });
    const post = adaptivePosterior(loss, 1, [-3, 3, -3, 3]);
    const det = A[0][0] * A[1][1] - A[0][1] ** 2;
    expect(post.negLogZ).toBeCloseTo(-Math.log(2 * Math.PI) + 0.5 * Math.log(det), 8);
    expect(post.mean[0]).toBeCloseTo(0.3, 10);
    expect(post.mean[1]).toBeCloseTo(-0.2, 10);
    expectNear(post.cov[0][0], A[1][1] / det, 1e-7);
  });

  for (const [name, raw, view] of FIGURES) {
    it(`${name}: agrees with a fine 900² midpoint grid, with a small share of its loss evaluations`, () => {
      const loss = lossOf(raw);
      const { loss: c, c: count } = counted(loss);
      const post = adaptivePosterior(c, 1, view);
      const fine = gridPosterior(loss, 1, view, 900);
      // The fine midpoint grid is itself O(h²) where the window cuts mass (the tanh net).
      const tol = fine.edgeMass > 1e-9 ? 1e-7 : 1e-9;
      expectNear(post.negLogZ, fine.negLogZ, 0, tol, '−log Z');
      const scale = Math.sqrt(fine.cov[0][0] + fine.cov[1][1]);
      for (let j = 0; j < 2; j++) expectNear(post.mean[j], fine.mean[j], 0, 10 * tol * scale, `mean ${j}`);
      for (const [r, k] of [[0, 0], [0, 1], [1, 1]] as const) expectNear(post.cov[r][k], fine.cov[r][k], 0, 10 * tol * scale * scale, `cov ${r}${k}`);
      // The fixed grid the worker used before: 300² = 90 000 pointwise evaluations per edit.
      // Now: few pointwise values, and lattice points (a handful of flops each once the per-row and
      // per-column terms are tabulated; the window-cut tanh net refines furthest, to 513²).
      expect(count.values).toBeLessThan(9000);
      expect(count.lattice).toBeLessThan(400_000);
    });
  }

  it('a data-rich logistic regression (100 points, p narrow on the window) agrees with a fine window grid', () => {
    const loss = lossOf({ kind: 'logistic-regression', data: { n: 100, seed: 3, noise: 0 }, priorPrecision: 1 });
    const post = adaptivePosterior(loss, 1, [-4, 4, -4, 4]);
    // 600² cells of 0.013, about 20 per standard deviation. (The old 300² grid re-integrates such
    // targets in a ±9σ frame, which cuts their prior-dominated tails: for 200 points its −log Z
    // is off by 1.3e-6.)
    const ref = gridPosterior(loss, 1, [-4, 4, -4, 4], 600);
    expect(Math.sqrt(post.cov[1][1])).toBeLessThan(0.35);
    expectNear(post.negLogZ, ref.negLogZ, 0, 1e-8, '−log Z');
    for (let j = 0; j < 2; j++) expectNear(post.mean[j], ref.mean[j], 0, 1e-8, `mean ${j}`);
    expectNear(post.cov[0][0], ref.cov[0][0], 1e-7, 0, 'cov 00');
  });

  it('the lattice fast paths equal the pointwise loss', () => {
    for (const [, raw] of FIGURES) {
      const loss = lossOf(raw);
      expect(loss.lattice).toBeDefined();
      const xs = Float64Array.from([-3.7, -1, -0.2, 0, 0.45, 2.9]);
      const ys = Float64Array.from([-2.5, -0.3, 0.8, 3.3]);
      const out = new Float64Array(xs.length * ys.length);
      loss.lattice!(xs, ys, out);
      ys.forEach((y, r) => xs.forEach((x, c) => expectNear(out[r * xs.length + c], loss.value(x, y), 1e-13, 1e-12, `(${x}, ${y})`)));
      // …and value() equals the value evaluate() computes with the derivatives.
      const e = new Float64Array(6);
      loss.evaluate(0.7, -1.3, e);
      expectNear(loss.value(0.7, -1.3), e[0], 1e-13, 1e-13);
    }
    // Far from the data the mixture's exponentials underflow: the lattice falls back to value().
    const gmm = lossOf({ kind: 'gmm' });
    const g = new Float64Array(4);
    gmm.lattice!(Float64Array.from([-60, 0.5]), Float64Array.from([-70, 1]), g);
    expect(Array.from(g).every(Number.isFinite)).toBe(true);
    expectNear(g[0], gmm.value(-60, -70), 1e-13);
    expectNear(g[3], gmm.value(0.5, 1), 1e-13);
    // Logits beyond ±600 fall back to the pointwise loop (no overflow).
    const far = lossOf({ kind: 'logistic-regression', x: [-900, 1, 800], y: [0, 1, 1], priorPrecision: 1 });
    const o = new Float64Array(4);
    far.lattice!(Float64Array.from([-1, 1]), Float64Array.from([0, 2]), o);
    expect(Array.from(o)).toEqual([far.value(-1, 0), far.value(1, 0), far.value(-1, 2), far.value(1, 2)]);
  });
});
