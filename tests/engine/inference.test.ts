/**
 * The inference rows of Table 1 as configurations of the one BLR step, with exact numbers:
 * conjugate Bayes in one step and recursive least squares equal to batch; the Laplace precision
 * equal to the Hessian at the MAP; the VI fixed point with zero gradient of the objective (finite
 * differences in m and Σ); mean field on a Gaussian target with precisions equal to the diagonal
 * of the target precision (VMP); SVI; one EM step equal to the classical E- and M-step formulas.
 */
import { describe, expect, it } from 'vitest';
import { gmmData } from '../../src/engine/data';
import { identifyAlgorithm } from '../../src/engine/identify';
import { createLoss } from '../../src/engine/losses/index';
import { runWithLoss } from '../../src/engine/run';
import { parseRunSpec, type LossSpec, type RunSpecInput } from '../../src/engine/spec';
import { expectNear } from './_helpers';

type V2 = [number, number];
type M2 = [V2, V2];

function go(input: RunSpecInput) {
  const spec = parseRunSpec(input);
  const loss = createLoss(spec.loss as Exclude<LossSpec, { kind: 'expr' }>);
  return { loss, ...runWithLoss(spec, loss) };
}

const LINREG = { kind: 'linear-regression' as const, x: [-1, 0, 1, 2], y: [-0.5, 0.4, 1.1, 2.2], noiseVariance: 0.25, priorPrecision: 0.5 };

/** The exact posterior of Bayesian linear regression on the first k points (features (1, x)). */
function linregPosterior(k: number): { S: M2; m: V2 } {
  const { x, y, noiseVariance: s2, priorPrecision: d } = LINREG;
  let a = d;
  let b = 0;
  let c = d;
  let r1 = 0;
  let r2 = 0;
  for (let i = 0; i < k; i++) {
    a += 1 / s2;
    b += x[i] / s2;
    c += (x[i] * x[i]) / s2;
    r1 += y[i] / s2;
    r2 += (x[i] * y[i]) / s2;
  }
  const det = a * c - b * b;
  return { S: [[a, b], [b, c]], m: [(c * r1 - b * r2) / det, (a * r2 - b * r1) / det] };
}

describe('conjugate Bayes and the Kalman filter', () => {
  it('ρ = 1 reaches the exact posterior in one step (BLR-MATH check 2), and identify names it', () => {
    const r = go({ loss: LINREG, algorithm: 'conjugate', steps: 2, init: { mean: [3, -2], precision: [[2, 0.3], [0.3, 1]] } });
    const exact = linregPosterior(4);
    expect(exact.S).toEqual([[16.5, 8], [8, 24.5]]);
    for (const k of [1, 2]) {
      expectNear(r.frames[k].mean[0], 0.357384276267, 1e-11);
      expectNear(r.frames[k].mean[1], 0.862894930198, 1e-11);
      expectNear(r.frames[k].precision[0][1], 8, 1e-12);
    }
    expect(identifyAlgorithm(parseRunSpec({ loss: LINREG, algorithm: 'conjugate' })).name).toBe('conjugate');
  });

  it('one point per step (online, ρ = 1) is recursive least squares: frame t is the posterior of the first t points, and the last equals batch', () => {
    const r = go({ loss: LINREG, algorithm: 'conjugate', expectation: 'delta', online: true, steps: 6, init: { mean: [0, 0], precision: [[0.5, 0], [0, 0.5]] } });
    expect(r.status).toBe('ok');
    for (let t = 1; t <= 6; t++) {
      const ref = linregPosterior(Math.min(t, 4));
      expectNear(r.frames[t].mean[0], ref.m[0], 1e-11, 1e-13, `m₀ after ${t}`);
      expectNear(r.frames[t].mean[1], ref.m[1], 1e-11, 1e-13, `m₁ after ${t}`);
      expectNear(r.frames[t].precision[0][0], ref.S[0][0], 1e-12, 0, `S after ${t}`);
      expectNear(r.frames[t].precision[1][1], ref.S[1][1], 1e-12, 0, `S after ${t}`);
    }
    // The classical RLS / Kalman measurement update, written out: K = Pφ/(σ² + φᵀPφ).
    let m: V2 = [0, 0];
    let P: M2 = [[2, 0], [0, 2]];
    for (let i = 0; i < 4; i++) {
      const phi: V2 = [1, LINREG.x[i]];
      const Pphi: V2 = [P[0][0] * phi[0] + P[0][1] * phi[1], P[1][0] * phi[0] + P[1][1] * phi[1]];
      const denom = LINREG.noiseVariance + phi[0] * Pphi[0] + phi[1] * Pphi[1];
      const K: V2 = [Pphi[0] / denom, Pphi[1] / denom];
      const innov = LINREG.y[i] - (phi[0] * m[0] + phi[1] * m[1]);
      m = [m[0] + K[0] * innov, m[1] + K[1] * innov];
      P = [[P[0][0] - K[0] * Pphi[0], P[0][1] - K[0] * Pphi[1]], [P[1][0] - K[1] * Pphi[0], P[1][1] - K[1] * Pphi[1]]];
      expectNear(r.frames[i + 1].mean[0], m[0], 1e-10, 1e-12, `Kalman m₀ at ${i + 1}`);
      expectNear(r.frames[i + 1].cov[1][1], P[1][1], 1e-10, 1e-12, `Kalman P₁₁ at ${i + 1}`);
    }
  });
});

const LOGIT = { kind: 'logistic-regression' as const, x: [-2, -1.2, -0.5, 0.3, 0.8, 1.5, 2.4], y: [0, 0, 1, 0, 1, 1, 1] as (0 | 1)[], priorPrecision: 0.5 };

describe('Laplace versus variational inference on logistic regression', () => {
  it('Laplace: the Newton fixed point has mean θ_MAP and precision ∇²ℓ̄(θ_MAP)', () => {
    const r = go({ loss: LOGIT, algorithm: 'laplace', steps: 30, init: { mean: [0, 0] } });
    const map = r.loss.minimiser!;
    const f = r.frames.at(-1)!;
    expectNear(f.mean[0], map[0], 1e-10, 1e-12);
    expectNear(f.mean[1], map[1], 1e-10, 1e-12);
    const h = new Float64Array(6);
    r.loss.evaluate(map[0], map[1], h);
    expectNear(f.precision[0][0], h[3], 1e-9);
    expectNear(f.precision[0][1], h[4], 1e-9);
    expectNear(f.precision[1][1], h[5], 1e-9);
  });

  it('full-Gaussian VI (exact expectations) stops where ∇_m L = 0 and ∇_Σ L = 0 (finite differences of the objective)', () => {
    const r = go({ loss: LOGIT, expectation: 'exact', rho: 0.5, steps: 200, init: { mean: [0, 0] } });
    const f = r.frames.at(-1)!;
    const out = new Float64Array(6);
    // L(m, Σ) = E_q[ℓ̄] − ½ log det Σ − const.
    const L = (mx: number, my: number, a: number, b: number, c: number) => {
      r.loss.expect!(mx, my, a, b, c, out);
      return out[0] - 0.5 * Math.log(a * c - b * b);
    };
    const [mx, my] = f.mean;
    const [[a, b], [, c]] = f.cov;
    const h = 1e-5;
    const grads = [
      (L(mx + h, my, a, b, c) - L(mx - h, my, a, b, c)) / (2 * h),
      (L(mx, my + h, a, b, c) - L(mx, my - h, a, b, c)) / (2 * h),
      (L(mx, my, a + h, b, c) - L(mx, my, a - h, b, c)) / (2 * h),
      (L(mx, my, a, b + h, c) - L(mx, my, a, b - h, c)) / (2 * h),
      (L(mx, my, a, b, c + h) - L(mx, my, a, b, c - h)) / (2 * h),
    ];
    for (const g of grads) expectNear(g, 0, 0, 1e-7);
    // VI is not Laplace: the means differ on this non-Gaussian posterior.
    expect(Math.hypot(mx - r.loss.minimiser![0], my - r.loss.minimiser![1])).toBeGreaterThan(1e-3);
  });

  it('mean-field VI on the same posterior is narrower than full VI in every direction it cannot rotate', () => {
    const full = go({ loss: LOGIT, expectation: 'exact', rho: 0.5, steps: 200, init: { mean: [0, 0] } }).frames.at(-1)!;
    const mf = go({ loss: LOGIT, family: 'gaussian-diag', expectation: 'exact', rho: 0.5, steps: 200, init: { mean: [0, 0] } }).frames.at(-1)!;
    expect(Math.abs(mf.cov[0][1])).toBe(0);
    expect(mf.cov[0][0]).toBeLessThan(full.cov[0][0]);
    expect(mf.cov[1][1]).toBeLessThan(full.cov[1][1]);
  });
});

describe('VMP and SVI: mean field on a correlated Gaussian target', () => {
  const target = linregPosterior(4);

  it('VMP (block updates, ρ = 1) converges to the exact mean with precisions = diag of the target precision', () => {
    const r = go({ loss: LINREG, algorithm: 'vmp', steps: 80, init: { mean: [2, -2], precision: [[1, 0], [0, 1]] } });
    expect(identifyAlgorithm(parseRunSpec({ loss: LINREG, algorithm: 'vmp' })).name).toBe('vmp');
    const f = r.frames.at(-1)!;
    expectNear(f.mean[0], target.m[0], 1e-9, 1e-12);
    expectNear(f.mean[1], target.m[1], 1e-9, 1e-12);
    expect(f.precision[0][0]).toBe(16.5);
    expect(f.precision[1][1]).toBe(24.5);
    // Each step changes one block: step 1 the first coordinate only, step 2 the second only.
    expect(r.frames[1].mean[1]).toBe(-2);
    expect(r.frames[2].mean[0]).toBe(r.frames[1].mean[0]);
    // Step 1 is coordinate ascent: m₀ = m₀* given m₁ = −2, i.e. m₀ − S₀₀⁻¹ ∂ℓ̄/∂m₀.
    expectNear(r.frames[1].mean[0], (linregRhs()[0] - 8 * -2) / 16.5, 1e-12);
  });

  it('SVI (minibatches, ρ < 1) settles near the same mean-field solution, and identify names it', () => {
    const spec = { loss: LINREG, algorithm: 'svi' as const, batchSize: 2, rho: 0.05, steps: 2000, seed: 3, init: { mean: [2, -2] as V2 } };
    expect(identifyAlgorithm(parseRunSpec(spec)).name).toBe('svi');
    const r = go(spec);
    const tail = r.frames.slice(1000);
    const avg = [0, 1].map((j) => tail.reduce((s, f) => s + f.mean[j], 0) / tail.length);
    expectNear(avg[0], target.m[0], 0, 0.05);
    expectNear(avg[1], target.m[1], 0, 0.05);
  });
});

/** r₁, r₂ with S*m* = r for the linear-regression posterior. */
function linregRhs(): V2 {
  const { x, y, noiseVariance: s2 } = LINREG;
  return [y.reduce((s, v) => s + v / s2, 0), x.reduce((s, xi, i) => s + (xi * y[i]) / s2, 0)];
}

describe('EM on a 1-D mixture of two Gaussians', () => {
  const gmm = { kind: 'gmm' as const, data: { n: 30, seed: 4, noise: 1 }, variance: 1, priorPrecision: 0.01 };

  it('one EM step is the classical E-step (responsibilities) and M-step μₖ = Σrᵢₖxᵢ/(Σrᵢₖ + δσ²)', () => {
    const start: V2 = [-0.5, 0.7];
    const r = go({ loss: gmm, algorithm: 'em', steps: 3, init: { mean: start } });
    expect(identifyAlgorithm(parseRunSpec({ loss: gmm, algorithm: 'em' })).name).toBe('em');
    const x = gmmData({ n: 30, seed: 4, noise: 1 });
    let mu: V2 = [...start];
    for (let t = 1; t <= 3; t++) {
      let a = 0;
      let b = 0;
      let c = 0;
      let d = 0;
      for (const xi of x) {
        const n1 = Math.exp(-0.5 * (xi - mu[0]) ** 2);
        const n2 = Math.exp(-0.5 * (xi - mu[1]) ** 2);
        const r1 = n1 / (n1 + n2);
        a += r1 * xi;
        b += r1;
        c += (1 - r1) * xi;
        d += 1 - r1;
      }
      mu = [a / (b + 0.01), c / (d + 0.01)];
      expectNear(r.frames[t].mean[0], mu[0], 1e-12, 1e-14, `μ₁ after ${t}`);
      expectNear(r.frames[t].mean[1], mu[1], 1e-12, 1e-14, `μ₂ after ${t}`);
    }
  });

  it('EM climbs the marginal likelihood at every step and ends at the minimiser', () => {
    const r = go({ loss: gmm, algorithm: 'em', steps: 200, init: { mean: [-0.5, 0.7] } });
    for (let k = 1; k < r.frames.length; k++) expect(r.frames[k].loss).toBeLessThanOrEqual(r.frames[k - 1].loss + 1e-12);
    const f = r.frames.at(-1)!;
    expectNear(f.mean[0], r.loss.minimiser![0], 1e-8, 1e-10);
    expectNear(f.mean[1], r.loss.minimiser![1], 1e-8, 1e-10);
  });

  it('the gmm loss: gradient equals the complete-data gradient (Fisher identity), Hessian matches finite differences', () => {
    const loss = createLoss(parseRunSpec({ loss: gmm }).loss as Exclude<LossSpec, { kind: 'expr' }>);
    const out = new Float64Array(6);
    const h = 1e-5;
    for (const [a, b] of [[-1, 2], [0.3, 0.2], [2, -1.5]] as V2[]) {
      loss.evaluate(a, b, out);
      const g1 = (loss.value(a + h, b) - loss.value(a - h, b)) / (2 * h);
      const g2 = (loss.value(a, b + h) - loss.value(a, b - h)) / (2 * h);
      expectNear(out[1], g1, 1e-6, 1e-7);
      expectNear(out[2], g2, 1e-6, 1e-7);
      const gp = new Float64Array(6);
      const gm = new Float64Array(6);
      loss.evaluate(a + h, b, gp);
      loss.evaluate(a - h, b, gm);
      expectNear(out[3], (gp[1] - gm[1]) / (2 * h), 1e-5, 1e-6);
      expectNear(out[4], (gp[2] - gm[2]) / (2 * h), 1e-5, 1e-6);
    }
  });
});

describe('non-conjugate VMP and VI', () => {
  it('ncvmp: block updates on logistic regression reach the mean-field VI fixed point', () => {
    const nc = go({ loss: LOGIT, algorithm: 'ncvmp', steps: 200, init: { mean: [0, 0] } }).frames.at(-1)!;
    const mf = go({ loss: LOGIT, family: 'gaussian-diag', expectation: 'exact', rho: 0.5, steps: 400, init: { mean: [0, 0] } }).frames.at(-1)!;
    expect(identifyAlgorithm(parseRunSpec({ loss: LOGIT, algorithm: 'ncvmp' })).name).toBe('ncvmp');
    for (let j = 0; j < 2; j++) expectNear(nc.mean[j], mf.mean[j], 1e-7, 1e-9);
    expectNear(nc.precision[0][0], mf.precision[0][0], 1e-7);
  });

  it('ncvi: a mixture with Monte Carlo natural gradients on a banana-shaped target runs and is named', () => {
    const spec = { loss: { kind: 'rosenbrock' as const, a: 0, b: 1 }, algorithm: 'ncvi' as const, rho: 0.05, steps: 300, init: { mean: [0, 0] as V2 } };
    expect(identifyAlgorithm(parseRunSpec(spec)).name).toBe('ncvi');
    const r = go(spec);
    expect(r.status).toBe('ok');
    expect(r.frames.at(-1)!.components).toHaveLength(3);
  });
});
