import { describe, expect, it } from 'vitest';
import {
  dropoutMasks, dropoutPredictive, dropoutPredictiveExact, gaussianDraws, gaussianPredictive, gridX, linearisedPredictive, predictiveBand, predictiveMoments,
  standardNormals, tanhCurve, tanhJacobian, tanhModel, type Model2, type Sym2Triple,
} from '../../src/engine/predictive';

describe('data space of f(x) = w₂ tanh(w₁x)', () => {
  const xs = gridX(-2, 2, 9);

  it('spaces the grid evenly and draws the same normals for the same seed', () => {
    expect([...xs]).toEqual([-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2]);
    expect(standardNormals(50, 3)).toEqual(standardNormals(50, 3));
    expect(standardNormals(50, 3)).not.toEqual(standardNormals(50, 4));
    const z = standardNormals(4000, 1);
    const mean = z.reduce((a, b) => a + b, 0) / z.length;
    const variance = z.reduce((a, b) => a + (b - mean) ** 2, 0) / z.length;
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });

  it('collapses the band onto the curve of the mean when q is a point', () => {
    const band = predictiveBand([1.5, 1], [0, 0, 0], xs, standardNormals(64, 1));
    const curve = tanhCurve(1.5, 1, xs);
    for (let i = 0; i < xs.length; i++) {
      expect(band.mean[i]).toBeCloseTo(curve[i], 12);
      expect(band.lo[i]).toBeCloseTo(curve[i], 12);
      expect(band.hi[i]).toBeCloseTo(curve[i], 12);
    }
  });

  it('widens with the variance of w₂, which scales f linearly: the band at x is tanh(w₁x)·(m₂ ± 1.645σ₂)', () => {
    // Only w₂ uncertain: f = w₂ tanh(w₁x) is Gaussian in w₂, so the 5% and 95% quantiles are known.
    const sd = 0.3;
    const band = predictiveBand([1.5, 1], [0, 0, sd * sd], xs, standardNormals(20000, 2));
    for (let i = 0; i < xs.length; i++) {
      const t = Math.tanh(1.5 * xs[i]);
      const ends = [t * (1 - 1.645 * sd), t * (1 + 1.645 * sd)].sort((a, b) => a - b);
      expect(band.mean[i]).toBeCloseTo(t, 1);
      expect(band.lo[i]).toBeCloseTo(ends[0], 1);
      expect(band.hi[i]).toBeCloseTo(ends[1], 1);
    }
  });

  it('uses the full covariance through its Cholesky factor', () => {
    // w₁ and w₂ perfectly correlated: every sample lies on w₂ = w₁ − 0.5.
    const band = predictiveBand([1.5, 1], [0.04, 0.04, 0.04], gridX(1, 1, 2), standardNormals(2000, 5));
    const z = standardNormals(2000, 5);
    let sum = 0;
    for (let j = 0; j < 2000; j++) {
      const w1 = 1.5 + 0.2 * z[2 * j];
      sum += (w1 - 0.5) * Math.tanh(w1);
    }
    expect(band.mean[0]).toBeCloseTo(sum / 2000, 10);
  });
});


describe('the posterior predictive of a Gaussian q', () => {
  // A model linear in θ: f(x; θ) = θ₁ + θ₂x. With q = N(m, Σ) the predictive of y = f + ε,
  // ε ~ N(0, σ²), is Gaussian with mean m₁ + m₂x and variance φᵀΣφ + σ², φ = (1, x).
  const linear: Model2 = (w1, w2, x) => w1 + w2 * x;
  const linearJacobian = (_w1: number, _w2: number, x: number, out: [number, number]): [number, number] => ((out[0] = 1), (out[1] = x), out);
  const m: [number, number] = [0.4, -1.2];
  const cov: Sym2Triple = [0.3, -0.12, 0.2];
  const noise = 0.25;
  const xs = gridX(-3, 3, 7);
  const closedForm = (x: number) => ({ mean: m[0] + m[1] * x, variance: cov[0] + 2 * cov[1] * x + cov[2] * x * x + noise });

  it('Monte Carlo over samples of q matches the closed form φᵀΣφ + σ² of a linear model', () => {
    const p = gaussianPredictive(linear, m, cov, xs, standardNormals(40000, 11), noise);
    for (let i = 0; i < xs.length; i++) {
      const exact = closedForm(xs[i]);
      // Standard error of a sample mean with 40 000 draws: sd/200; of a sample variance: ≈ var·√2/200.
      expect(Math.abs(p.mean[i] - exact.mean)).toBeLessThan((4 * Math.sqrt(exact.variance)) / 200);
      expect(Math.abs(p.sd[i] ** 2 - exact.variance)).toBeLessThan((4 * Math.SQRT2 * exact.variance) / 200);
    }
  });

  it('the linearised predictive is exact for a linear model', () => {
    const p = linearisedPredictive(linear, linearJacobian, m, cov, xs, noise);
    for (let i = 0; i < xs.length; i++) {
      const exact = closedForm(xs[i]);
      expect(p.mean[i]).toBeCloseTo(exact.mean, 12);
      expect(p.sd[i] ** 2).toBeCloseTo(exact.variance, 12);
    }
  });

  it('averages the very draws it is given: the sample mean and the population variance of f plus σ²', () => {
    const draws = gaussianDraws(m, cov, standardNormals(5, 3));
    const p = predictiveMoments(linear, draws, Float64Array.of(2), noise);
    const values = draws.map(([a, b]) => a + 2 * b);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
    expect(p.mean[0]).toBeCloseTo(mean, 12);
    expect(p.sd[0]).toBeCloseTo(Math.sqrt(variance + noise), 12);
  });

  it('the tanh network: its Jacobian matches finite differences, and Monte Carlo nears the linearised predictive as q shrinks', () => {
    const h = 1e-6;
    for (const [w1, w2, x] of [[1.2, 0.8, 0.7], [-0.5, 1.5, -2], [2, -1, 3]]) {
      const [j1, j2] = tanhJacobian(w1, w2, x);
      expect(j1).toBeCloseTo((tanhModel(w1 + h, w2, x) - tanhModel(w1 - h, w2, x)) / (2 * h), 7);
      expect(j2).toBeCloseTo((tanhModel(w1, w2 + h, x) - tanhModel(w1, w2 - h, x)) / (2 * h), 7);
    }
    const small: Sym2Triple = [1e-4, -2e-5, 4e-5];
    const grid = gridX(-4, 4, 9);
    const mc = gaussianPredictive(tanhModel, [1, 1.2], small, grid, standardNormals(20000, 5));
    const lin = linearisedPredictive(tanhModel, tanhJacobian, [1, 1.2], small, grid);
    for (let i = 0; i < grid.length; i++) {
      expect(Math.abs(mc.sd[i] - lin.sd[i])).toBeLessThan(0.03 * lin.sd[i] + 1e-6);
      expect(mc.mean[i]).toBeCloseTo(lin.mean[i], 3);
    }
    // f(0; θ) = 0 for every θ: no spread at x = 0, whatever q.
    expect(mc.sd[4]).toBe(0);
  });

  it('the same normals give the same predictive (seeded, common random numbers)', () => {
    const a = gaussianPredictive(tanhModel, [1, 1], [0.1, 0, 0.05], xs, standardNormals(100, 9));
    const b = gaussianPredictive(tanhModel, [1, 1], [0.1, 0, 0.05], xs, standardNormals(100, 9));
    expect(a).toEqual(b);
  });
});

describe('Monte Carlo dropout', () => {
  const xs = gridX(-4, 4, 9);
  const m: [number, number] = [1.1, 1.05];

  it('draws masks with keep probability 1 − p, seeded', () => {
    const z = dropoutMasks(20000, 0.3, 4);
    expect(z).toEqual(dropoutMasks(20000, 0.3, 4));
    expect(z.every((v) => v === 0 || v === 1)).toBe(true);
    const kept = z.reduce((s, v) => s + v, 0) / z.length;
    expect(Math.abs(kept - 0.7)).toBeLessThan(4 * Math.sqrt(0.21 / z.length));
  });

  it('the four masks of two weights in closed form: mean (1 − p)² f(x; m), variance (1 − p)²(1 − (1 − p)²) f², plus σ²', () => {
    const p = 0.2;
    const k = (1 - p) ** 2;
    const exact = dropoutPredictiveExact(tanhModel, m, p, xs, 0.25);
    for (let i = 0; i < xs.length; i++) {
      const f = tanhModel(m[0], m[1], xs[i]);
      expect(exact.mean[i]).toBeCloseTo(k * f, 12);
      expect(exact.sd[i] ** 2).toBeCloseTo(k * (1 - k) * f * f + 0.25, 12);
    }
  });

  it('the average over sampled masks tends to the exact one', () => {
    const p = 0.2;
    const mc = dropoutPredictive(tanhModel, m, dropoutMasks(40000, p, 8), xs);
    const exact = dropoutPredictiveExact(tanhModel, m, p, xs);
    for (let i = 0; i < xs.length; i++) {
      // A Bernoulli(k) average of 40 000 draws scaled by |f| ≤ 1.05: standard error ≤ 0.5·1.05/200.
      expect(Math.abs(mc.mean[i] - exact.mean[i])).toBeLessThan(0.011);
      expect(Math.abs(mc.sd[i] - exact.sd[i])).toBeLessThan(0.011);
    }
  });
});
