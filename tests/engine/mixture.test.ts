/**
 * The mixture-of-Gaussians family (Lin, Khan & Schmidt 2019): one step against an independent
 * computation from the formulas (log q written naively, its derivatives by finite differences),
 * K = 1 against the Gaussian BLR, and the behaviour the book shows — components that split
 * on a symmetric two-minimum loss with weights near ½, and Himmelblau's four minima found.
 */
import { describe, expect, it } from 'vitest';
import { createLoss } from '../../src/engine/losses/index';
import { HIMMELBLAU_MINIMA } from '../../src/engine/losses/himmelblau';
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

describe('mixture with K = 1 is the Gaussian BLR', () => {
  for (const improved of [false, true]) {
    it(`delta method, ${improved ? 'improved' : 'plain'} update, 30 steps on flat-sharp`, () => {
      const common = { loss: { kind: 'flat-sharp' as const }, expectation: 'delta' as const, rho: 0.2, temperature: 0.3, improved, steps: 30, init: { mean: [1, 0.5] as V2, precision: [[5, 1], [1, 4]] as M2 } };
      const mix = go({ ...common, family: 'mixture', components: 1 });
      const gauss = go({ ...common, family: 'gaussian' });
      expect(mix.status).toBe(gauss.status);
      mix.frames.forEach((f, k) => {
        const g = gauss.frames[k];
        const c = f.components![0];
        expect(c.weight).toBe(1);
        for (let j = 0; j < 2; j++) expectNear(c.mean[j], g.mean[j], 1e-11, 1e-13, `mean at ${k}`);
        expectNear(c.precision[0][0], g.precision[0][0], 1e-11, 0, `S at ${k}`);
        expectNear(c.precision[0][1], g.precision[0][1], 1e-11, 1e-13, `S at ${k}`);
        // The mixture's moment-matched mean and covariance are the component's own.
        expectNear(f.cov[1][1], g.cov[1][1], 1e-11, 0);
        // Objective: the delta estimate plus the Gaussian's −1 correction, equal to the Gaussian run's.
        expectNear(f.objective, g.objective, 1e-10, 1e-12, `objective at ${k}`);
      });
    });
  }
});

describe('one mixture step against the formulas, computed independently', () => {
  it('K = 2, delta method: Sₖ′ = Sₖ + ρGₖ, mₖ′ = mₖ − ρSₖ′⁻¹∇, vₖ′ = vₖ − ρ(Fₖ − F_K)', () => {
    const rho = 0.3;
    const tau = 0.8;
    const means: V2[] = [[0.5, 0.2], [-0.3, 0.6]];
    const S0: M2 = [[3, 0.5], [0.5, 2]];
    const weights = [0.7, 0.3];
    const { loss, frames } = go({ loss: { kind: 'himmelblau' }, family: 'mixture', expectation: 'delta', components: 2, rho, temperature: tau, steps: 1, init: { means, weights, precision: S0 } });
    // log q(θ) written directly from the definition.
    const logN = (th: V2, m: V2, S: M2) => {
      const d: V2 = [th[0] - m[0], th[1] - m[1]];
      const det = S[0][0] * S[1][1] - S[0][1] ** 2;
      return -Math.log(2 * Math.PI) + 0.5 * Math.log(det) - 0.5 * (S[0][0] * d[0] * d[0] + 2 * S[0][1] * d[0] * d[1] + S[1][1] * d[1] * d[1]);
    };
    const logq = (th: V2) => Math.log(weights[0] * Math.exp(logN(th, means[0], S0)) + weights[1] * Math.exp(logN(th, means[1], S0)));
    const F = (th: V2) => loss.value(th[0], th[1]) / tau + logq(th);
    const h = 1e-4;
    const grad = (th: V2): V2 => [(F([th[0] + h, th[1]]) - F([th[0] - h, th[1]])) / (2 * h), (F([th[0], th[1] + h]) - F([th[0], th[1] - h])) / (2 * h)];
    const hess = (th: V2): M2 => {
      const gx1 = grad([th[0] + h, th[1]]);
      const gx0 = grad([th[0] - h, th[1]]);
      const gy1 = grad([th[0], th[1] + h]);
      const gy0 = grad([th[0], th[1] - h]);
      const xy = 0.5 * ((gx1[1] - gx0[1]) / (2 * h) + (gy1[0] - gy0[0]) / (2 * h));
      return [[(gx1[0] - gx0[0]) / (2 * h), xy], [xy, (gy1[1] - gy0[1]) / (2 * h)]];
    };
    const v0 = Math.log(weights[0] / weights[1]);
    const v1 = v0 - rho * (F(means[0]) - F(means[1]));
    const p0 = 1 / (1 + Math.exp(-v1));
    const c = frames[1].components!;
    expectNear(c[0].weight, p0, 1e-9, 0, 'π₁');
    expectNear(c[1].weight, 1 - p0, 1e-9, 0, 'π₂');
    means.forEach((m, k) => {
      const G = hess(m);
      const S: M2 = [[S0[0][0] + rho * G[0][0], S0[0][1] + rho * G[0][1]], [S0[1][0] + rho * G[1][0], S0[1][1] + rho * G[1][1]]];
      const det = S[0][0] * S[1][1] - S[0][1] ** 2;
      const g = grad(m);
      const step: V2 = [(S[1][1] * g[0] - S[0][1] * g[1]) / det, (S[0][0] * g[1] - S[0][1] * g[0]) / det];
      expectNear(c[k].precision[0][0], S[0][0], 1e-6, 1e-6, `S${k}xx`);
      expectNear(c[k].precision[0][1], S[0][1], 1e-6, 1e-6, `S${k}xy`);
      expectNear(c[k].precision[1][1], S[1][1], 1e-6, 1e-6, `S${k}yy`);
      expectNear(c[k].mean[0], m[0] - rho * step[0], 1e-7, 1e-7, `m${k}x`);
      expectNear(c[k].mean[1], m[1] - rho * step[1], 1e-7, 1e-7, `m${k}y`);
    });
  });
});

describe('what the figures show', () => {
  for (const expectation of ['delta', 'mc'] as const) {
    it(`on the symmetric tanh network the components split to ±w* and the weights stay near ½ (${expectation})`, () => {
      const { loss, frames, status } = go({
        loss: { kind: 'tanh-regression' }, family: 'mixture', expectation, samples: 8, components: 2, rho: 0.1, improved: true, steps: 400,
        init: { means: [[0.1, 0.3], [-0.2, -0.1]], precision: [[4, 0], [0, 4]] },
      });
      expect(status).toBe('ok');
      const [a, b] = frames.at(-1)!.components!;
      const w = loss.minimiser!;
      const near = (m: V2, t: V2, tol: number) => Math.hypot(m[0] - t[0], m[1] - t[1]) < tol;
      const tol = expectation === 'delta' ? 1e-6 : 0.4;
      expect((near(a.mean, w as V2, tol) && near(b.mean, [-w[0], -w[1]], tol)) || (near(b.mean, w as V2, tol) && near(a.mean, [-w[0], -w[1]], tol))).toBe(true);
      expect(Math.abs(a.weight - 0.5)).toBeLessThan(expectation === 'delta' ? 1e-6 : 0.05);
    });
  }

  it('on Himmelblau, four components from the origin settle on the four minima (delta: within 1e-3; the neighbours\' tails shift two by ~1e-4)', () => {
    const { frames, status } = go({ loss: { kind: 'himmelblau' }, algorithm: 'mog', components: 4, rho: 0.2, steps: 300, init: { mean: [0, 0] } });
    expect(status).toBe('ok');
    const found = frames.at(-1)!.components!.map((c) => HIMMELBLAU_MINIMA.findIndex((m) => Math.hypot(c.mean[0] - m[0], c.mean[1] - m[1]) < 1e-3));
    expect([...found].sort()).toEqual([0, 1, 2, 3]);
    const total = frames.at(-1)!.components!.reduce((s, c) => s + c.weight, 0);
    expectNear(total, 1, 1e-12);
  });

  it('frames carry K components; the same seed gives the same Monte Carlo frames', () => {
    const input = { loss: { kind: 'flat-sharp' as const }, family: 'mixture' as const, expectation: 'mc' as const, samples: 4, components: 3, rho: 0.05, temperature: 0.1, improved: true, steps: 50, seed: 5, init: { mean: [0, 0] as V2, precision: [[10, 0], [0, 10]] as M2 } };
    const a = go(input);
    const b = go(input);
    expect(a.frames[0].components).toHaveLength(3);
    expect(a.frames).toEqual(b.frames);
    expect(go({ ...input, seed: 6 }).frames.at(-1)).not.toEqual(a.frames.at(-1));
  });

  it('a plain (not improved) update that loses positive definiteness stops with a message naming the component and the remedy', () => {
    const r = go({ loss: { kind: 'himmelblau' }, algorithm: 'mog', improved: false, components: 2, rho: 1, steps: 50, init: { means: [[0, 0], [0.1, -0.1]], precision: [[0.2, 0], [0, 0.2]] } });
    expect(r.status).toBe('diverged');
    expect(r.message).toMatch(/component \d.*positive definite.*improved: true/s);
  });
});
