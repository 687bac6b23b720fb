/**
 * Runs (run.ts): conjugate Bayes in one step (BLR-MATH check 2) with the objective equal to the
 * negative log evidence, frame bookkeeping and stepping, reproducibility, divergence reports,
 * and a fuzz over valid specs.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { BlrRun, FRAME_STRIDE, F, frameAt, run, runWithLoss, type RunResult } from '../../src/engine/run';
import { parseRunSpec, type RunSpec } from '../../src/engine/spec';
import { createLoss } from '../../src/engine/losses/index';
import { LINREG_DATA, evalAt, expectNear, lossFrom, validSpec as spec } from './_helpers';

type ClosedLoss = Exclude<RunSpec['loss'], { kind: 'expr' }>;
const lossOf = (spec: RunSpec) => createLoss(spec.loss as ClosedLoss);
const runOf = (raw: unknown): RunResult => {
  const spec = parseRunSpec(raw);
  return runWithLoss(spec, lossOf(spec));
};
const allFinite = (r: RunResult) =>
  r.frames.every((f) => [f.step, ...f.mean, ...f.precision.flat(), ...f.cov.flat(), f.loss, f.objective].every(Number.isFinite));

describe('BLR-MATH check 2: Bayesian linear regression is reached in one ρ = 1 step', () => {
  const loss = { kind: 'linear-regression', ...LINREG_DATA };
  // ℓ̄(θ) written from the data: Σ(yᵢ − θ₀ − θ₁xᵢ)²/(2σ²) + (δ/2)‖θ‖².
  const lbar = (u: number, v: number) =>
    LINREG_DATA.x.reduce((s, x, i) => s + (LINREG_DATA.y[i] - u - v * x) ** 2 / (2 * LINREG_DATA.noiseVariance), 0) + (LINREG_DATA.priorPrecision / 2) * (u * u + v * v);
  const mStar: [number, number] = [0.357384276267, 0.862894930198];
  const detS = 16.5 * 24.5 - 64;
  // −log ∫ exp(−ℓ̄) = ℓ̄(m*) − log 2π + ½ log det S* (Gaussian integral).
  const negLogEvidence = lbar(...mStar) - Math.log(2 * Math.PI) + 0.5 * Math.log(detS);
  const starts = [
    { mean: [-1, 1], precision: [[1, 0], [0, 1]] },
    { mean: [0, 0], precision: [[1e-3, 0], [0, 1e-3]] },
    { mean: [250, -730], precision: [[40, -12], [-12, 5]] },
    { mean: [0.3, 0.9], precision: [[16.5, 8], [8, 24.5]] },
    { mean: [-5, 3], precision: [[1e4, 0.5], [0.5, 2e-2]] },
  ];

  for (const expectation of ['exact', 'delta'] as const) {
    it(`${expectation}: S* = [[16.5, 8], [8, 24.5]], m* = (0.357384276267, 0.862894930198) from every start, then stays`, () => {
      for (const init of starts) {
        const r = runOf({ loss, expectation, rho: 1, steps: 3, init });
        expect(r.status).toBe('ok');
        for (const f of r.frames.slice(1)) {
          expectNear(f.precision[0][0], 16.5, 1e-12);
          expectNear(f.precision[0][1], 8, 1e-12);
          expectNear(f.precision[1][1], 24.5, 1e-12);
          expectNear(f.cov[0][0], 24.5 / detS, 1e-12);
          expectNear(f.cov[0][1], -8 / detS, 1e-12);
          expectNear(f.mean[0], mStar[0], 0, 1e-9);
          expectNear(f.mean[1], mStar[1], 0, 1e-9);
          expectNear(f.loss, lbar(...f.mean), 1e-12);
        }
      }
    });
  }

  it('with exact expectations the objective at q* is −log ∫exp(−ℓ̄) = ℓ̄(m*) − log 2π + ½ log det S*', () => {
    for (const init of starts) {
      const r = runOf({ loss, expectation: 'exact', rho: 1, steps: 1, init });
      expectNear(r.final!.objective, negLogEvidence, 1e-10, 1e-10);
      // and it is the minimum: every start was at least as high
      expect(r.frames[0].objective).toBeGreaterThanOrEqual(negLogEvidence - 1e-10);
    }
  });

  it('the objective of any frame is E_q[ℓ̄] − τH(q) with H(q) = 1 + log 2π + ½ log det Σ', () => {
    const r = runOf({ loss, expectation: 'exact', rho: 0.3, temperature: 2.5, steps: 5, init: starts[2] });
    const A = [[16.5, 8], [8, 24.5]];
    for (const f of r.frames) {
      const S = f.cov;
      const Eloss = lbar(...f.mean) + 0.5 * (A[0][0] * S[0][0] + 2 * A[0][1] * S[0][1] + A[1][1] * S[1][1]);
      const H = 1 + Math.log(2 * Math.PI) + 0.5 * Math.log(S[0][0] * S[1][1] - S[0][1] ** 2);
      expectNear(f.objective, Eloss - 2.5 * H, 1e-10, 1e-9);
    }
  });
});

describe('frames and stepping', () => {
  const raw = { loss: { kind: 'flat-sharp' }, expectation: 'mc', samples: 4, rho: 0.2, improved: true, steps: 37, seed: 9, init: { mean: [0.4, 0.2] } };

  it('frame 0 is the start, frame k has step k, frameAt mirrors the buffer', () => {
    const spec = parseRunSpec(raw);
    const r = new BlrRun(spec, lossOf(spec));
    expect(r.count).toBe(1);
    expect(r.done).toBe(false);
    expect(r.frames.length).toBe((37 + 1) * FRAME_STRIDE);
    const f0 = frameAt(r.frames, 0);
    expect(f0.step).toBe(0);
    expect(f0.mean).toEqual([0.4, 0.2]);
    // (== so that the −0 of −b/det compares equal to 0)
    expect(f0.precision.flat().every((v, i) => v === [1, 0, 0, 1][i])).toBe(true);
    expect(f0.cov.flat().every((v, i) => v === [1, 0, 0, 1][i])).toBe(true);
    expect(f0.loss).toBe(lossFrom({ kind: 'flat-sharp' }).value(0.4, 0.2)); // mc: loss at the mean
    r.advance();
    expect(r.status).toBe('ok');
    expect(r.count).toBe(38);
    for (let k = 0; k < r.count; k++) {
      const f = frameAt(r.frames, k);
      expect(f.step).toBe(k);
      expect(r.frames[k * FRAME_STRIDE + F.mx]).toBe(f.mean[0]);
      expect(r.frames[k * FRAME_STRIDE + F.objective]).toBe(f.objective);
      // cov is the inverse of precision
      const [[a, b], [, c]] = f.precision;
      const d = a * c - b * b;
      expectNear(f.cov[0][0], c / d, 1e-12);
      expectNear(f.cov[0][1], -b / d, 1e-12, 1e-15);
    }
  });

  it('advance in chunks gives the same frames as one advance, and stops at spec.steps', () => {
    const spec = parseRunSpec(raw);
    const whole = new BlrRun(spec, lossOf(spec));
    whole.advance();
    const chunked = new BlrRun(spec, lossOf(spec));
    let added = 0;
    while (!chunked.done) added += chunked.advance(5);
    expect(added).toBe(37);
    expect(chunked.advance(10)).toBe(0);
    expect(Array.from(chunked.frames)).toEqual(Array.from(whole.frames));
  });

  it('steps = 0 is one frame and status ok; run() matches runWithLoss()', async () => {
    const r0 = runOf({ loss: { kind: 'rosenbrock' }, steps: 0 });
    expect(r0.status).toBe('ok');
    expect(r0.frames.length).toBe(1);
    expect(r0.final).toEqual(r0.frames[0]);
    const spec = parseRunSpec({ loss: { kind: 'wall' }, steps: 12, rho: 0.4 });
    const a = await run(spec);
    expect(a).toEqual(runWithLoss(spec, lossOf(spec)));
    expect(a.spec).toBe(spec);
    expect(a.message).toBeUndefined();
  });

  it('delta runs record ℓ̄(m) as the loss and ℓ̄(m) − τH as the objective', () => {
    const r = runOf({ loss: { kind: 'rosenbrock' }, rho: 0.1, temperature: 0.3, steps: 4 });
    const l = lossFrom({ kind: 'rosenbrock' });
    for (const f of r.frames) {
      expectNear(f.loss, l.value(f.mean[0], f.mean[1]), 1e-14, 1e-14);
      const H = 1 + Math.log(2 * Math.PI) - 0.5 * Math.log(f.precision[0][0] * f.precision[1][1] - f.precision[0][1] ** 2);
      expectNear(f.objective, f.loss - 0.3 * H, 1e-12, 1e-12);
    }
  });
});

describe('reproducibility of Monte Carlo runs', () => {
  const base = { loss: { kind: 'wall' }, expectation: 'mc', samples: 8, rho: 0.3, steps: 100, init: { mean: [0, 1] } };
  const frames = (seed: number, hessian = 'sampled') => {
    const spec = parseRunSpec({ ...base, seed, hessian });
    const r = new BlrRun(spec, lossOf(spec));
    r.advance();
    return r.frames;
  };

  it('the same seed gives bitwise identical frames', () => {
    for (const hessian of ['sampled', 'reparam']) {
      const a = frames(123, hessian);
      const b = frames(123, hessian);
      expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
    }
  });

  it('different seeds give different frames', () => {
    const a = frames(123);
    const b = frames(124);
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(false);
    // frame 0 is the same start, frame 1 already differs
    expect(Array.from(a.subarray(0, FRAME_STRIDE - 2))).toEqual(Array.from(b.subarray(0, FRAME_STRIDE - 2)));
    expect(a[FRAME_STRIDE + F.mx]).not.toBe(b[FRAME_STRIDE + F.mx]);
  });
});

describe('divergence', () => {
  it('GD with ρ = 10 on a steep quadratic: diverged, the step named, "smaller rho" suggested, every frame finite', () => {
    const r = runOf({ loss: { kind: 'quadratic', hessian: [[100, 0], [0, 1]] }, algorithm: 'gd', rho: 10, steps: 50, init: { mean: [1, 1] } });
    expect(r.status).toBe('diverged');
    const d = r.divergence!;
    // x_k = (1 − ρ·100)^k = (−999)^k: past 1e6 at k = 3.
    expect(d.step).toBe(3);
    expect(r.frames.length).toBe(3);
    expect(r.frames.map((f) => f.mean[0])).toEqual([1, -999, 998001]);
    expect(r.message).toMatch(/step 3/);
    expect(r.message).toMatch(/smaller rho/);
    expect(r.message).toMatch(/Try/);
    expect(r.final).toEqual(r.frames[2]);
    expect(allFinite(r)).toBe(true);
  });

  const start = { mean: [-1.25, 0.1], precision: [[1, 0], [0, 1]] };
  it('the flat-sharp loss has an indefinite Hessian at the start used below', () => {
    const e = evalAt(lossFrom({ kind: 'flat-sharp' }), -1.25, 0.1);
    expect(e[3] * e[5] - e[4] * e[4]).toBeLessThan(0);
  });

  it('delta BLR with the plain update from there: diverged, mentioning positive definite and "improved"', () => {
    const r = runOf({ loss: { kind: 'flat-sharp' }, rho: 0.5, steps: 100, init: start });
    expect(r.status).toBe('diverged');
    expect(r.divergence!.step).toBe(1);
    expect(r.frames.length).toBe(1);
    expect(r.message).toMatch(/positive definite/);
    expect(r.message).toMatch(/improved/);
    expect(r.message).toMatch(/step 1/);
    expect(allFinite(r)).toBe(true);
  });

  it('the same with improved: true does not diverge, and S stays positive definite', () => {
    for (const rho of [0.5, 1]) {
      const r = runOf({ loss: { kind: 'flat-sharp' }, rho, improved: true, steps: 300, init: start });
      expect(r.status).toBe('ok');
      expect(r.frames.length).toBe(301);
      expect(allFinite(r)).toBe(true);
      for (const f of r.frames) expect(f.precision[0][0] * f.precision[1][1] - f.precision[0][1] ** 2).toBeGreaterThan(0);
    }
  });

  it('an extreme but valid start precision with improved: true ends as diverged, never with non-finite frames', () => {
    // Σ₀ = 1e150·I: the improved update adds ½ĤΣ₀Ĥ ≈ 5e161·I, so det S′ overflows. (Until
    // 383c471 this recorded objective = ∞ and Σ = 0 and could even finish with status "ok".)
    const cases = [
      { loss: { kind: 'quadratic', hessian: [[1e6, 0], [0, 1e6]] }, rho: 1, init: { mean: [1, 1], precision: [[1e-150, 0], [0, 1e-150]] } },
      { loss: { kind: 'rosenbrock' }, family: 'gaussian-diag', expectation: 'exact', rho: 0.5, init: { mean: [0, 0], precision: [[1e-100, 0], [0, 1e-40]] } },
    ];
    for (const c of cases) {
      const r = runOf({ ...c, improved: true, steps: 5 });
      expect(r.status).toBe('diverged');
      expect(r.frames.length).toBe(r.divergence!.step);
      expect(r.message).toMatch(/step 1.*Try: /);
      expect(allFinite(r)).toBe(true);
      for (const f of r.frames) expect(f.cov[0][0]).toBeGreaterThan(0);
    }
  });

  it('a start where the loss is not finite fails at step 0 with no frames', () => {
    const r = runOf({ loss: { kind: 'wall', kappa: 50 }, init: { mean: [1000, 0] } });
    expect(r.status).toBe('diverged');
    expect(r.frames).toEqual([]);
    expect(r.final).toBeNull();
    expect(r.message).toMatch(/step 0.*Try: start from a point/);
  });
});

describe('fuzz: every valid spec runs to a finite ok or an explained divergence', () => {
  // Speed is the bench's business (npm run bench); the spec's cost budget bounds the work here.
  it('parses, runs, finite frames, ok or diverged with "Try"', () => {
    fc.assert(
      fc.property(spec, (raw) => {
        const parsed = parseRunSpec(raw);
        const r = runWithLoss(parsed, lossOf(parsed));
        expect(allFinite(r)).toBe(true);
        if (r.status === 'ok') {
          expect(r.frames.length).toBe(parsed.steps + 1);
          expect(r.message).toBeUndefined();
        } else {
          expect(r.status).toBe('diverged');
          expect(r.message).toMatch(/^Diverged: .*Try: .+\.$/s);
          expect(r.frames.length).toBe(r.divergence!.step);
        }
        r.frames.forEach((f, k) => expect(f.step).toBe(k));
      }),
      { numRuns: 2000 },
    );
  });
});
