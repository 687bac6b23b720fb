/**
 * Mixtures with "exact" (Gauss–Hermite) expectations, the coin's Beta start and defaults, the
 * coin's temperature convention, and the regression losses' synthetic data.
 */
import { describe, expect, it } from 'vitest';
import { createLoss } from '../../src/engine/losses/index';
import { lbeta } from '../../src/engine/families/beta';
import { gaussExpect, logMixtureDensity } from '../../src/engine/posterior';
import { runWithLoss } from '../../src/engine/run';
import { linearData, logisticData } from '../../src/engine/data';
import { parseRunSpec, type LossSpec, type RunSpecInput } from '../../src/engine/spec';
import { expectNear } from './_helpers';

function go(input: RunSpecInput) {
  const spec = parseRunSpec(input);
  const loss = createLoss(spec.loss as Exclude<LossSpec, { kind: 'expr' }>);
  return { ...runWithLoss(spec, loss), spec, loss };
}

describe('mixtures with expectation "exact" (Gauss–Hermite per component)', () => {
  it('K = 1 on a quadratic is the exact Gaussian BLR step for step', () => {
    const q = { kind: 'quadratic' as const, center: [0.5, -1] as [number, number], hessian: [[2, 0.6], [0.6, 1]] as [[number, number], [number, number]] };
    const mix = go({ loss: q, family: 'mixture', components: 1, expectation: 'exact', rho: 0.3, steps: 25, init: { mean: [2, 1] } });
    const gauss = go({ loss: q, family: 'gaussian', expectation: 'exact', rho: 0.3, steps: 25, init: { mean: [2, 1] } });
    expect(mix.status).toBe('ok');
    mix.frames.forEach((f, k) => {
      const g = gauss.frames[k];
      for (let j = 0; j < 2; j++) expectNear(f.mean[j], g.mean[j], 1e-11, 1e-12, `mean ${j} at ${k}`);
      expectNear(f.precision[0][1], g.precision[0][1], 1e-10, 1e-11, `S₁₂ at ${k}`);
      // The objective E_q[ℓ̄] − τH(q) by quadrature equals the Gaussian closed form.
      expectNear(f.objective, g.objective, 1e-10, 1e-10, `objective at ${k}`);
    });
  });

  it('K = 2 on Himmelblau (no closed form): the objective is Σπₖ Eₖ[ℓ̄ + τ log q], checked by an independent quadrature', () => {
    const tau = 0.5;
    const r = go({ loss: { kind: 'himmelblau' }, algorithm: 'blr', family: 'mixture', components: 2, expectation: 'exact', improved: true, rho: 0.1, temperature: tau, steps: 30, init: { means: [[2.5, 1.5], [-2.5, 3]], precision: [[6, 0], [0, 6]] } });
    expect(r.status).toBe('ok');
    for (const k of [0, 30]) {
      const cs = r.frames[k].components!;
      const q = { w: cs.map((c) => c.weight), mx: cs.map((c) => c.mean[0]), my: cs.map((c) => c.mean[1]), ca: cs.map((c) => c.cov[0][0]), cb: cs.map((c) => c.cov[0][1]), cc: cs.map((c) => c.cov[1][1]) };
      let obj = 0;
      cs.forEach((c, j) => {
        obj += c.weight * gaussExpect((x, y) => r.loss.value(x, y) + tau * logMixtureDensity(q, x, y), c.mean[0], c.mean[1], c.cov[0][0], c.cov[0][1], c.cov[1][1]);
        void j;
      });
      expectNear(r.frames[k].objective, obj, 1e-9, 1e-9, `objective at ${k}`);
    }
    // The objective falls: natural-gradient VI with exact expectations.
    expect(r.frames[30].objective).toBeLessThan(r.frames[0].objective);
  });

  it('is accepted for any loss, and priced by its nodes', () => {
    expect(parseRunSpec({ loss: { kind: 'tanh-regression' }, family: 'mixture', components: 2, expectation: 'exact', steps: 20 }).expectation).toBe('exact');
    expect(() => parseRunSpec({ loss: { kind: 'tanh-regression' }, family: 'mixture', components: 8, expectation: 'exact', steps: 2000 })).toThrow(/loss evaluations/);
  });
});

describe('the coin (family "beta")', () => {
  const flips = [1, 1, 0, 1, 0, 1, 1] as (0 | 1)[];

  it('family "beta" needs no init: the prior is uniform, Beta(1, 1)', () => {
    for (const input of [{ loss: { kind: 'coin' as const, flips }, family: 'beta' as const }, { loss: { kind: 'coin' as const, flips }, family: 'beta' as const, algorithm: 'conjugate' as const, init: {} }]) {
      const s = parseRunSpec(input);
      expect(s.init.mean).toEqual([1, 1]);
    }
    const r = go({ loss: { kind: 'coin', flips }, family: 'beta', algorithm: 'conjugate', steps: 1 });
    expect(r.frames[1].beta).toMatchObject({ alpha: 6, beta: 3 });
  });

  it('starts from init.start when given; ρ = 1 still lands on the posterior in one step', () => {
    const r = go({ loss: { kind: 'coin', flips }, family: 'beta', rho: 0.25, steps: 2, init: { mean: [2, 2], start: [9, 0.5] } });
    expect(r.frames[0].beta).toMatchObject({ alpha: 9, beta: 0.5 });
    // λ' = (1 − ρ)λ + ρ(λ₀ + (h, t)) with λ = (α − 1, β − 1): (0.75·8 + 0.25·(1 + 5), 0.75·(−0.5) + 0.25·(1 + 2)).
    expectNear(r.frames[1].beta!.alpha - 1, 0.75 * 8 + 0.25 * 6, 1e-14);
    expectNear(r.frames[1].beta!.beta - 1, 0.75 * -0.5 + 0.25 * 3, 1e-14);
    const one = go({ loss: { kind: 'coin', flips }, family: 'beta', algorithm: 'conjugate', steps: 1, init: { mean: [2, 2], start: [9, 0.5] } });
    expect(one.frames[1].beta).toMatchObject({ alpha: 7, beta: 4 });
    expect(() => parseRunSpec({ loss: { kind: 'quadratic' }, init: { start: [1, 1] } })).toThrow(/init\.start: is the Beta start of family "beta" only/);
    expect(() => parseRunSpec({ loss: { kind: 'coin', flips }, family: 'beta', init: { start: [0, 1] } })).toThrow(/init\.start/);
  });

  it('temperature divides the whole ℓ̄, prior included: p_τ ∝ exp(−ℓ̄/τ) = Beta(1 + (h + α₀ − 1)/τ, 1 + (t + β₀ − 1)/τ)', () => {
    const [a0, b0] = [3, 2];
    const tau = 0.4;
    const h = flips.filter((y) => y === 1).length;
    const t = flips.length - h;
    // ℓ̄(p) = −(h + α₀ − 1) log p − (t + β₀ − 1) log(1 − p); normalise exp(−ℓ̄/τ) numerically.
    const ell = (p: number) => -(h + a0 - 1) * Math.log(p) - (t + b0 - 1) * Math.log(1 - p);
    const M = 200000;
    let z = 0;
    let m1 = 0;
    for (let i = 0; i < M; i++) {
      const p = (i + 0.5) / M;
      const w = Math.exp(-ell(p) / tau);
      z += w / M;
      m1 += (w * p) / M;
    }
    const r = go({ loss: { kind: 'coin', flips }, family: 'beta', rho: 0.5, temperature: tau, steps: 80, init: { mean: [a0, b0] } });
    const { alpha, beta } = r.final!.beta!;
    expectNear(alpha, 1 + (h + a0 - 1) / tau, 1e-12);
    expectNear(beta, 1 + (t + b0 - 1) / tau, 1e-12);
    expectNear(alpha / (alpha + beta), m1 / z, 1e-8);
    expectNear(-Math.log(z), -lbeta(alpha, beta), 1e-6);
  });
});

describe('regression losses take seeded synthetic data like tanh-regression and gmm', () => {
  it('linear-regression and logistic-regression accept "data": {n, seed, noise} and generate the same points every time', () => {
    const lin = parseRunSpec({ loss: { kind: 'linear-regression', data: { n: 12, seed: 4, noise: 0.2 } } });
    expect(lin.loss).toEqual({ kind: 'linear-regression', data: { n: 12, seed: 4, noise: 0.2 }, noiseVariance: 1, priorPrecision: 1 });
    const { x, y } = linearData({ n: 12, seed: 4, noise: 0.2 });
    const explicit = go({ loss: { kind: 'linear-regression', x, y }, expectation: 'exact', rho: 1, steps: 1 });
    const synthetic = go({ loss: { kind: 'linear-regression', data: { n: 12, seed: 4, noise: 0.2 } }, expectation: 'exact', rho: 1, steps: 1 });
    expect(synthetic.frames).toEqual(explicit.frames);
    const lg = logisticData({ n: 30, seed: 2, noise: 0 });
    expect(lg.y.some((v) => v === 1) && lg.y.some((v) => v === 0)).toBe(true);
    expect(go({ loss: { kind: 'logistic-regression', data: { n: 30, seed: 2, noise: 0 } }, steps: 5 }).frames).toEqual(go({ loss: { kind: 'logistic-regression', ...lg }, steps: 5 }).frames);
    expect(parseRunSpec({ loss: { kind: 'linear-regression', data: { n: 5, seed: 1, noise: 0.3 } }, batchSize: 5 }).batchSize).toBe(5);
    expect(() => parseRunSpec({ loss: { kind: 'linear-regression', data: { n: 5, seed: 1, noise: 0.3 } }, batchSize: 6 })).toThrow(/must be ≤ the number of data points \(5\)/);
  });

  it('neither x nor data, or both, is an error that names the two ways', () => {
    expect(() => parseRunSpec({ loss: { kind: 'linear-regression' } })).toThrow(/loss\.x: linear-regression needs its data: "x" and "y" arrays, or "data"/);
    expect(() => parseRunSpec({ loss: { kind: 'logistic-regression', x: [1] } })).toThrow(/loss\.y: give both x and y, or neither and "data"/);
    expect(() => parseRunSpec({ loss: { kind: 'linear-regression', x: [1], y: [2], data: { n: 3 } } })).toThrow(/loss\.data: give x and y, or "data" to generate them, not both/);
  });
});
