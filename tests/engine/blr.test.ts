/**
 * The BLR step (blr.ts): BLR-MATH.md checks 1, 3 and 4, the natural-parameter form of the
 * update, the improved update's positive definiteness, and the family variants.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { blrStep, type GaussianState, type StepConfig } from '../../src/engine/blr';
import { F, FRAME_STRIDE, runWithLoss } from '../../src/engine/run';
import { parseRunSpec, type RunSpec } from '../../src/engine/spec';
import { createLoss } from '../../src/engine/losses/index';
import {
  type M2, add2, det2m, evalAt, expectNear, inv2m, lossFrom, matvec2, mul2, scale2,
} from './_helpers';

function state(m: [number, number], S: M2): GaussianState {
  const d = det2m(S);
  return { mx: m[0], my: m[1], sa: S[0][0], sb: S[0][1], sc: S[1][1], ca: S[1][1] / d, cb: -S[0][1] / d, cc: S[0][0] / d };
}
const S_of = (q: GaussianState): M2 => [[q.sa, q.sb], [q.sb, q.sc]];
const cfg = (over: Partial<StepConfig>): StepConfig => ({ family: 'gaussian', rho: 0.1, temperature: 1, improved: false, ...over });
const runOf = (raw: unknown) => {
  const spec = parseRunSpec(raw);
  return runWithLoss(spec, createLoss(spec.loss as Exclude<RunSpec['loss'], { kind: 'expr' }>));
};

describe('BLR-MATH check 1: one step on (x−1)² + 2(y−x²)² from (−1, 1)', () => {
  const rosen = lossFrom({ kind: 'rosenbrock', a: 1, b: 2 });
  const e = evalAt(rosen, -1, 1); // (4, (−4, 0), [[18, 8], [8, 4]]), checked in losses.test.ts

  it('GD, ρ = .01 → (−0.96, 1)', () => {
    const q = state([-1, 1], [[1, 0], [0, 1]]);
    blrStep(q, e, cfg({ family: 'gaussian-fixed', rho: 0.01 }));
    expectNear(q.mx, -0.96, 0, 1e-12);
    expectNear(q.my, 1, 0, 1e-12);
    expect([q.sa, q.sb, q.sc]).toEqual([1, 0, 1]);
  });

  it('Newton, ρ = 1 → (1, −3) with S₁ = ∇²f', () => {
    const q = state([-1, 1], [[3, -1], [-1, 7]]); // the start precision must not matter
    blrStep(q, e, cfg({ rho: 1 }));
    expectNear(q.mx, 1, 0, 1e-12);
    expectNear(q.my, -3, 0, 1e-12);
    expect([q.sa, q.sb, q.sc]).toEqual([18, 8, 4]);
  });

  it('delta BLR, ρ = .5, S₀ = I → S₁ = [[9.5, 4], [4, 2.5]], m₁ = (−0.354838709677, −0.032258064516)', () => {
    const q = state([-1, 1], [[1, 0], [0, 1]]);
    blrStep(q, e, cfg({ rho: 0.5 }));
    expectNear(q.sa, 9.5, 0, 1e-12);
    expectNear(q.sb, 4, 0, 1e-12);
    expectNear(q.sc, 2.5, 0, 1e-12);
    expectNear(q.mx, -0.354838709677, 0, 1e-11);
    expectNear(q.my, -0.032258064516, 0, 1e-11);
    // Σ is kept as the inverse of the new S.
    expectNear(q.ca, 2.5 / 7.75, 1e-14);
    expectNear(q.cb, -4 / 7.75, 1e-14);
    expectNear(q.cc, 9.5 / 7.75, 1e-14);
    // Exact fractions: m₁ = (−11/31, −1/31).
    expectNear(q.mx, -11 / 31, 0, 1e-14);
    expectNear(q.my, -1 / 31, 0, 1e-14);
  });

  it('the same three through whole runs (presets gd and newton, blr with delta)', () => {
    const loss = { kind: 'rosenbrock', a: 1, b: 2 };
    const init = { mean: [-1, 1] };
    const gd = runOf({ loss, algorithm: 'gd', rho: 0.01, steps: 1, init }).final!;
    expectNear(gd.mean[0], -0.96, 0, 1e-12);
    expectNear(gd.mean[1], 1, 0, 1e-12);
    const nt = runOf({ loss, algorithm: 'newton', steps: 1, init }).final!;
    expectNear(nt.mean[0], 1, 0, 1e-12);
    expectNear(nt.mean[1], -3, 0, 1e-12);
    const bl = runOf({ loss, rho: 0.5, expectation: 'delta', steps: 1, init }).final!;
    expect(bl.precision[0][0]).toBeCloseTo(9.5, 12);
    expect(bl.precision[0][1]).toBeCloseTo(4, 12);
    expect(bl.precision[1][1]).toBeCloseTo(2.5, 12);
    expectNear(bl.mean[0], -0.354838709677, 0, 1e-11);
    expectNear(bl.mean[1], -0.032258064516, 0, 1e-11);
  });
});

describe('the step is the BLR in natural parameters', () => {
  const spd = fc
    .tuple(fc.double({ min: 0.1, max: 5, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: 0.1, max: 5, noNaN: true }))
    .map(([l11, l21, l22]): M2 => [[l11 * l11, l11 * l21], [l11 * l21, l21 * l21 + l22 * l22]]);
  const num = fc.double({ min: -10, max: 10, noNaN: true });

  it('full: λ = (Sm, −½S), λ′ = (1 − rτ)λ − r∇_μE[ℓ̄] with r = ρ/τ, ∇_μ₁ = g − Hm, ∇_μ₂ = ½H', () => {
    fc.assert(
      fc.property(spd, spd, num, num, num, num, fc.double({ min: 0.01, max: 1, noNaN: true }), fc.double({ min: 0.05, max: 20, noNaN: true }), (S, H, mx, my, g1, g2, rho, tau) => {
        const q = state([mx, my], S);
        blrStep(q, Float64Array.of(0, g1, g2, H[0][0], H[0][1], H[1][1]), cfg({ rho, temperature: tau }));
        // Natural-gradient form with step r = ρ/τ on λ and decay rτ = ρ (BLR-MATH "Conventions").
        const r = rho / tau;
        const Snew = add2(scale2(1 - r * tau, S), scale2(r, H));
        const Sm = matvec2(S, [mx, my]);
        const Hm = matvec2(H, [mx, my]);
        const l1: [number, number] = [(1 - r * tau) * Sm[0] - r * (g1 - Hm[0]), (1 - r * tau) * Sm[1] - r * (g2 - Hm[1])];
        const m = matvec2(inv2m(Snew), l1);
        const scale = 1e-9 * (1 + Math.abs(mx) + Math.abs(my) + Math.abs(m[0]) + Math.abs(m[1])) * (1 + Math.abs(det2m(Snew)) ** -1);
        expectNear(q.sa, Snew[0][0], 1e-12, 1e-12);
        expectNear(q.sb, Snew[0][1], 1e-12, 1e-12);
        expectNear(q.sc, Snew[1][1], 1e-12, 1e-12);
        expectNear(q.mx, m[0], 0, scale);
        expectNear(q.my, m[1], 0, scale);
      }),
    );
  });

  it('diagonal: s′ = (1−ρ)s + (ρ/τ)diag H, m′ = m − (ρ/τ)g/s′ (off-diagonal Hessian ignored)', () => {
    fc.assert(
      fc.property(spd, num, num, num, num, fc.double({ min: 0.1, max: 3, noNaN: true }), fc.double({ min: 0.1, max: 3, noNaN: true }), fc.double({ min: 0.01, max: 1, noNaN: true }), fc.double({ min: 0.05, max: 20, noNaN: true }), (H, mx, my, g1, g2, s1, s2, rho, tau) => {
        const q = state([mx, my], [[s1, 0], [0, s2]]);
        blrStep(q, Float64Array.of(0, g1, g2, H[0][0], H[0][1], H[1][1]), cfg({ family: 'gaussian-diag', rho, temperature: tau }));
        const n1 = (1 - rho) * s1 + (rho / tau) * H[0][0];
        const n2 = (1 - rho) * s2 + (rho / tau) * H[1][1];
        expectNear(q.sa, n1, 1e-13);
        expect(q.sb).toBe(0);
        expectNear(q.sc, n2, 1e-13);
        expectNear(q.mx, mx - ((rho / tau) * g1) / n1, 1e-12, 1e-12);
        expectNear(q.my, my - ((rho / tau) * g2) / n2, 1e-12, 1e-12);
        expectNear(q.ca, 1 / n1, 1e-13);
        expect(q.cb === 0).toBe(true);
      }),
    );
  });

  it('fixed covariance: m′ = m − ρΣ₀g, S untouched, τ and the Hessian ignored', () => {
    fc.assert(
      fc.property(spd, spd, num, num, num, num, fc.double({ min: 0.01, max: 10, noNaN: true }), fc.double({ min: 0.05, max: 20, noNaN: true }), (S, H, mx, my, g1, g2, rho, tau) => {
        const q = state([mx, my], S);
        const before = { ...q };
        blrStep(q, Float64Array.of(0, g1, g2, H[0][0], H[0][1], H[1][1]), cfg({ family: 'gaussian-fixed', rho, temperature: tau }));
        const step = matvec2(inv2m(S), [g1, g2]);
        expectNear(q.mx, mx - rho * step[0], 1e-11, 1e-11);
        expectNear(q.my, my - rho * step[1], 1e-11, 1e-11);
        expect([q.sa, q.sb, q.sc, q.ca, q.cb, q.cc]).toEqual([before.sa, before.sb, before.sc, before.ca, before.cb, before.cc]);
      }),
    );
  });
});

describe('BLR-MATH check 4: the improved BLR (Lin, Schmidt & Khan 2020)', () => {
  const S: M2 = [[2, 0.5], [0.5, 1]];
  const Hh: M2 = [[-4, 1], [1, 2]];
  const e = Float64Array.of(0, 0, 0, -4, 1, 2);

  it('the plain update is indefinite: [[−1.6, .8], [.8, 1.6]]', () => {
    const q = state([0, 0], S);
    blrStep(q, e, cfg({ rho: 0.6 }));
    expectNear(q.sa, -1.6, 0, 1e-14);
    expectNear(q.sb, 0.8, 0, 1e-14);
    expectNear(q.sc, 1.6, 0, 1e-14);
    expect(q.sa * q.sc - q.sb * q.sb).toBeLessThan(0);
  });

  it('the improved update is [[2.4628571429, .89], [.89, 1.78]] = ½[S + (S+ρG)S⁻¹(S+ρG)]', () => {
    const q = state([0, 0], S);
    blrStep(q, e, cfg({ rho: 0.6, improved: true }));
    expectNear(q.sa, 2.4628571429, 0, 1e-10);
    expectNear(q.sb, 0.89, 0, 1e-12);
    expectNear(q.sc, 1.78, 0, 1e-12);
    // Independently, with general matrix products:
    const G = add2(Hh, scale2(-1, S));
    const P = add2(S, scale2(0.6, G));
    const ref = scale2(0.5, add2(S, mul2(mul2(P, inv2m(S)), P)));
    expectNear(q.sa, ref[0][0], 1e-14);
    expectNear(q.sb, ref[0][1], 1e-14);
    expectNear(q.sc, ref[1][1], 1e-14);
    expectNear(q.sa, 862 / 350, 1e-14); // 2.46285714… = 862/350
  });

  it('Ĥ = E[∇²ℓ̄]/τ: the improved step at temperature τ equals the τ = 1 step with Hessian/τ and gradient/τ', () => {
    const a = state([0.3, -0.2], S);
    const b = state([0.3, -0.2], S);
    blrStep(a, Float64Array.of(0, 1, -2, -4, 1, 2), cfg({ rho: 0.6, improved: true, temperature: 0.5 }));
    blrStep(b, Float64Array.of(0, 2, -4, -8, 2, 4), cfg({ rho: 0.6, improved: true, temperature: 1 }));
    for (const k of ['mx', 'my', 'sa', 'sb', 'sc'] as const) expectNear(a[k], b[k], 1e-14, 1e-15, k);
  });

  it('property: for random SPD S, symmetric Ĥ and ρ ∈ (0, 1] the improved update stays positive definite and equals ½[S + (S+ρG)S⁻¹(S+ρG)]', () => {
    const spd = fc
      .tuple(fc.double({ min: 0.3, max: 3, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: 0.3, max: 3, noNaN: true }))
      .map(([l11, l21, l22]): M2 => [[l11 * l11, l11 * l21], [l11 * l21, l21 * l21 + l22 * l22]]);
    const h = fc.double({ min: -50, max: 50, noNaN: true });
    fc.assert(
      fc.property(spd, h, h, h, fc.double({ min: 0, max: 1, minExcluded: true, noNaN: true }), (S0, ha, hb, hc, rho) => {
        const q = state([0, 0], S0);
        blrStep(q, Float64Array.of(0, 0, 0, ha, hb, hc), cfg({ rho, improved: true }));
        expect(q.sa).toBeGreaterThan(0);
        expect(q.sa * q.sc - q.sb * q.sb).toBeGreaterThan(0);
        // The exact S′ ⪰ ½S, so its smallest eigenvalue is at least half of S's.
        const minEig = (M: M2) => 0.5 * (M[0][0] + M[1][1]) - Math.hypot(0.5 * (M[0][0] - M[1][1]), M[0][1]);
        expect(minEig(S_of(q))).toBeGreaterThanOrEqual(0.5 * minEig(S0) * (1 - 1e-9));
        const G = add2([[ha, hb], [hb, hc]], scale2(-1, S0));
        const P = add2(S0, scale2(rho, G));
        const ref = scale2(0.5, add2(S0, mul2(mul2(P, inv2m(S0)), P)));
        const tol = 1e-12 * (Math.abs(ref[0][0]) + Math.abs(ref[0][1]) + Math.abs(ref[1][1]));
        expectNear(q.sa, ref[0][0], 0, tol);
        expectNear(q.sb, ref[0][1], 0, tol);
        expectNear(q.sc, ref[1][1], 0, tol);
      }),
      { numRuns: 2000 },
    );
  });

  it('the improved and plain updates agree when Ĥ = S (both fixed) and to first order in ρ', () => {
    const a = state([0, 0], S);
    blrStep(a, Float64Array.of(0, 0, 0, 2, 0.5, 1), cfg({ rho: 0.7, improved: true }));
    expect([a.sa, a.sb, a.sc]).toEqual([2, 0.5, 1]);
    const rho = 1e-6;
    const p = state([0, 0], S);
    const i = state([0, 0], S);
    blrStep(p, e, cfg({ rho }));
    blrStep(i, e, cfg({ rho, improved: true }));
    // The difference is (ρ²/2) G S⁻¹ G = O(ρ²).
    expect(Math.abs(p.sa - i.sa)).toBeLessThan(100 * rho * rho);
  });
});

describe('BLR-MATH check 3: tempered quadratic ½(θ−θ*)ᵀA(θ−θ*), A = [[3, 1], [1, 2]], θ* = (1, −2), τ = .5', () => {
  const loss = { kind: 'quadratic', center: [1, -2], hessian: [[3, 1], [1, 2]] };
  const tau = 0.5;
  // min_q E[ℓ] − τH(q) = −τ log ∫ exp(−ℓ/τ) = −τ (log 2π − ½ log det(A/τ)).
  const Lstar = -tau * (Math.log(2 * Math.PI) - 0.5 * Math.log(det2m([[6, 2], [2, 4]])));

  it('converges to m = θ*, S = A/τ with ρ = .3 and exact expectations, objective decreasing to its minimum', () => {
    for (const init of [{ mean: [-3, 4], precision: [[1, 0], [0, 1]] }, { mean: [10, 0.5], precision: [[0.2, -0.1], [-0.1, 9]] }]) {
      const r = runOf({ loss, rho: 0.3, temperature: tau, expectation: 'exact', steps: 300, init });
      expect(r.status).toBe('ok');
      const f = r.final!;
      expectNear(f.mean[0], 1, 0, 1e-10);
      expectNear(f.mean[1], -2, 0, 1e-10);
      expectNear(f.precision[0][0], 6, 0, 1e-10);
      expectNear(f.precision[0][1], 2, 0, 1e-10);
      expectNear(f.precision[1][1], 4, 0, 1e-10);
      expectNear(f.objective, Lstar, 0, 1e-10);
      // In the conjugate case the BLR is mirror descent with ρ ≤ 1: the objective never increases.
      for (let k = 1; k < r.frames.length; k++) expect(r.frames[k].objective).toBeLessThanOrEqual(r.frames[k - 1].objective + 1e-12);
      expect(r.frames[0].objective).toBeGreaterThan(Lstar);
    }
  });

  it('the fixed point is fixed by one step (exact and delta, several ρ)', () => {
    for (const expectation of ['exact', 'delta']) {
      for (const rho of [0.05, 0.3, 1]) {
        const r = runOf({ loss, rho, temperature: tau, expectation, steps: 1, init: { mean: [1, -2], precision: [[6, 2], [2, 4]] } });
        const f = r.final!;
        expect(f.step).toBe(1);
        expect(f.mean).toEqual([1, -2]); // the gradient is exactly zero at θ*
        expectNear(f.precision[0][0], 6, 1e-14);
        expectNear(f.precision[0][1], 2, 1e-14);
        expectNear(f.precision[1][1], 4, 1e-14);
      }
    }
  });
});

describe('family variants through runs', () => {
  it('"gaussian-fixed" ignores the temperature (same means; objective = E[ℓ̄] − τH with constant H)', () => {
    for (const loss of [{ kind: 'rosenbrock' }, { kind: 'wall' }, { kind: 'flat-sharp' }]) {
      const base = { loss, family: 'gaussian-fixed', rho: 0.02, steps: 60, init: { mean: [-0.5, 0.5], precision: [[2, 0.3], [0.3, 1]] } };
      for (const expectation of ['delta', 'exact']) {
        const a = runOf({ ...base, expectation, temperature: 1 });
        const b = runOf({ ...base, expectation, temperature: 7.5 });
        expect(a.status).toBe('ok');
        expect(b.frames.map((f) => [f.mean, f.precision])).toEqual(a.frames.map((f) => [f.mean, f.precision]));
        // Entropy of N(m, S⁻¹) in 2-D: 1 + log 2π − ½ log det S.
        const H = 1 + Math.log(2 * Math.PI) - 0.5 * Math.log(2 - 0.09);
        for (let k = 0; k < a.frames.length; k++) expectNear(b.frames[k].objective - a.frames[k].objective, -6.5 * H, 1e-12, 1e-12);
      }
    }
  });

  it('"gaussian-diag" equals the full run when the loss Hessian is diagonal', () => {
    const losses = [
      { kind: 'quadratic', center: [0.5, -1], hessian: [[4, 0], [0, 0.5]] },
      { kind: 'wall', A: [[1, 0], [0, 2]] }, // k kᵀ W only touches ∂xx
    ];
    for (const loss of losses) {
      for (const expectation of ['delta', 'exact']) {
        for (const improved of [false, true]) {
          const base = { loss, expectation, improved, rho: 0.2, temperature: 0.7, steps: 80, init: { mean: [-1, 1], precision: [[2, 0], [0, 0.5]] } };
          const d = runOf({ ...base, family: 'gaussian-diag' });
          const g = runOf({ ...base, family: 'gaussian' });
          expect(d.status).toBe('ok');
          expect(d.frames.length).toBe(81);
          for (let k = 0; k < d.frames.length; k++) {
            const a = d.frames[k];
            const b = g.frames[k];
            for (const [u, v] of [[a.mean[0], b.mean[0]], [a.mean[1], b.mean[1]], [a.precision[0][0], b.precision[0][0]], [a.precision[1][1], b.precision[1][1]], [a.objective, b.objective]]) {
              expectNear(u, v, 1e-12, 1e-12);
            }
            expect(a.precision[0][1]).toBe(0);
          }
        }
      }
    }
  });

  it('frames are laid out as F says', () => {
    expect(FRAME_STRIDE).toBe(11);
    expect(Object.values(F).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});
