/**
 * The Beta–Bernoulli coin: the conjugate example outside the Gaussian family. ρ = 1 gives the
 * exact posterior Beta(α₀ + h, β₀ + t) in one step; online, one flip per step, it is Bayes' rule
 * applied flip by flip; the objective at the posterior is −log Z = −log B(α*, β*).
 */
import { describe, expect, it } from 'vitest';
import { betaEntropy, betaKl, digamma, lbeta, lgamma } from '../../src/engine/families/beta';
import { identifyAlgorithm } from '../../src/engine/identify';
import { prepareLoss } from '../../src/engine/losses/index';
import { frameKl } from '../../src/engine/measure';
import { BlrRun, run } from '../../src/engine/run';
import { parseRunSpec, safeParseRunSpec } from '../../src/engine/spec';
import { expectNear } from './_helpers';

const flips = [1, 0, 1, 1, 0, 1, 1, 1, 0, 1] as (0 | 1)[]; // 7 heads, 3 tails

describe('special functions', () => {
  it('log Γ and ψ at known values', () => {
    expectNear(lgamma(1), 0, 0, 1e-14);
    expectNear(lgamma(0.5), 0.5 * Math.log(Math.PI), 1e-14);
    expectNear(lgamma(10), Math.log(362880), 1e-14);
    expectNear(digamma(1), -0.5772156649015329, 1e-13);
    expectNear(digamma(0.5), -0.5772156649015329 - 2 * Math.log(2), 1e-13);
    expectNear(digamma(7.3) - digamma(6.3), 1 / 6.3, 1e-13);
    // B(9, 5) = 8! 4! / 13!
    expectNear(lbeta(9, 5), Math.log((40320 * 24) / 6227020800), 1e-13);
  });

  it('Beta entropy and KL against numerical integration', () => {
    const n = 200000;
    const pdf = (p: number, a: number, b: number) => Math.exp((a - 1) * Math.log(p) + (b - 1) * Math.log(1 - p) - (lgamma(a) + lgamma(b) - lgamma(a + b)));
    let h = 0;
    let kl = 0;
    for (let i = 0; i < n; i++) {
      const p = (i + 0.5) / n;
      const q = pdf(p, 3, 5);
      h -= (q * Math.log(q)) / n;
      kl += (q * Math.log(q / pdf(p, 4.5, 2))) / n;
    }
    expectNear(betaEntropy(3, 5), h, 1e-7);
    expectNear(betaKl(3, 5, 4.5, 2), kl, 1e-7);
    expect(betaKl(3, 5, 3, 5)).toBe(0);
  });
});

describe('the coin', () => {
  it('conjugate, ρ = 1: the exact posterior Beta(α₀ + h, β₀ + t) in one step, KL 0 and objective −log B', async () => {
    const r = await run(parseRunSpec({ loss: { kind: 'coin', flips }, family: 'beta', algorithm: 'conjugate', steps: 2, init: { mean: [2, 2] } }));
    expect(r.status).toBe('ok');
    expect(r.frames[0].beta).toMatchObject({ alpha: 2, beta: 2 });
    for (const k of [1, 2]) {
      expectNear(r.frames[k].beta!.alpha, 9, 1e-14);
      expectNear(r.frames[k].beta!.beta, 5, 1e-14);
      expectNear(r.frames[k].mean[0], 9 / 14, 1e-14);
      expectNear(r.frames[k].objective, -(lgamma(9) + lgamma(5) - lgamma(14)), 1e-12);
    }
    expect(identifyAlgorithm(r.spec).name).toBe('conjugate');
  });

  it('online, one flip per step: Bayes’ rule flip by flip', async () => {
    const r = await run(parseRunSpec({ loss: { kind: 'coin', flips }, family: 'beta', algorithm: 'conjugate', online: true, steps: 12, init: { mean: [1, 1] } }));
    let a = 1;
    let b = 1;
    flips.forEach((y, i) => {
      a += y;
      b += 1 - y;
      expectNear(r.frames[i + 1].beta!.alpha, a, 1e-14);
      expectNear(r.frames[i + 1].beta!.beta, b, 1e-14);
      expect(r.frames[i + 1].beta!.heads + r.frames[i + 1].beta!.tails).toBe(i + 1);
    });
  });

  it('ρ < 1 and τ ≠ 1 converge to the tempered target Beta(1 + (h + α₀ − 1)/τ, 1 + (t + β₀ − 1)/τ)', async () => {
    const r = await run(parseRunSpec({ loss: { kind: 'coin', flips }, family: 'beta', rho: 0.3, temperature: 2, steps: 80, init: { mean: [2, 3] } }));
    const f = r.frames.at(-1)!;
    expectNear(f.beta!.alpha, 1 + (7 + 1) / 2, 1e-9);
    expectNear(f.beta!.beta, 1 + (3 + 2) / 2, 1e-9);
  });

  it('no flips: q stays at the prior, the exact posterior of no data (KL 0, objective −log B(α₀, β₀))', async () => {
    for (const online of [false, true]) {
      const spec = parseRunSpec({ loss: { kind: 'coin', flips: [] }, family: 'beta', algorithm: 'conjugate', online, steps: 3, init: { mean: [2, 3] } });
      const r = await run(spec);
      expect(r.status).toBe('ok');
      expect(r.frames).toHaveLength(4);
      for (const f of r.frames) {
        expect(f.beta).toMatchObject({ alpha: 2, beta: 3, heads: 0, tails: 0 });
        expectNear(f.objective, -(lgamma(2) + lgamma(3) - lgamma(5)), 1e-12);
      }
      const live = new BlrRun(spec, await prepareLoss(spec.loss));
      live.advance();
      for (let k = 0; k < live.count; k++) expect(frameKl(live.loss, null, live.frames, k, live.stride, spec)).toBe(0);
    }
  });

  it('bad combinations name the field', () => {
    const a = safeParseRunSpec({ loss: { kind: 'coin', flips } });
    expect(a.ok).toBe(false);
    if (!a.ok) expect(a.error.message).toMatch(/family: .*coin.*Beta/);
    const b = safeParseRunSpec({ loss: { kind: 'coin', flips: [1, 2] }, family: 'beta' });
    expect(b.ok).toBe(false);
    if (!b.ok) expect(b.error.message).toMatch(/flips must be 0 \(tails\) or 1 \(heads\)/);
    const c = safeParseRunSpec({ loss: { kind: 'coin', flips }, family: 'beta', init: { mean: [0, 1] } });
    expect(c.ok).toBe(false);
  });
});
