/**
 * Table 1 presets reproduce the algorithms they are named after: a hand-written gradient
 * descent loop and a hand-written Newton loop (gradients and Hessians written out here from
 * the formulas of BLR-MATH.md), step for step.
 */
import { describe, it, expect } from 'vitest';
import { ALGORITHM_NAMES, PRESETS } from '../../src/engine/presets';
import { runWithLoss, type RunResult } from '../../src/engine/run';
import { parseRunSpec, type RunSpec } from '../../src/engine/spec';
import { createLoss } from '../../src/engine/losses/index';
import { expectNear } from './_helpers';

const runOf = (raw: unknown): RunResult => {
  const spec = parseRunSpec(raw);
  return runWithLoss(spec, createLoss(spec.loss as Exclude<RunSpec['loss'], { kind: 'expr' }>));
};

type GH = (x: number, y: number) => { g: [number, number]; H: [number, number, number] };

// (x − 1)² + 2(y − x²)²
const rosenbrock: GH = (x, y) => {
  const r = y - x * x;
  return { g: [-2 * (1 - x) - 8 * x * r, 4 * r], H: [2 - 8 * r + 16 * x * x, -8 * x, 4] };
};
// ½(θ−a)ᵀA(θ−a) + exp(10(x − 1.5)), a = (1, 0), A = [[1, .5], [.5, 1]]
const wall: GH = (x, y) => {
  const W = Math.exp(10 * (x - 1.5));
  const dx = x - 1;
  return { g: [dx + 0.5 * y + 10 * W, 0.5 * dx + y], H: [1 + 100 * W, 0.5, 1] };
};
// .01‖θ‖² − exp(−20‖θ − c₁‖²) − .8 exp(−½‖θ − c₂‖²), c₁ = (−1.5, 0), c₂ = (1.5, 0)
const flatSharp: GH = (x, y) => {
  let g0 = 0.02 * x;
  let g1 = 0.02 * y;
  let hxx = 0.02;
  let hxy = 0;
  let hyy = 0.02;
  for (const [h, cx, p] of [[1, -1.5, 40], [0.8, 1.5, 1]]) {
    const dx = x - cx;
    const dy = y;
    const e = h * Math.exp(-0.5 * p * (dx * dx + dy * dy));
    // ∇(−h e^(−½p‖d‖²)) = h e p d; ∇² = h e (pI − p² d dᵀ)
    g0 += e * p * dx;
    g1 += e * p * dy;
    hxx += e * (p - p * p * dx * dx);
    hxy += e * (-p * p * dx * dy);
    hyy += e * (p - p * p * dy * dy);
  }
  return { g: [g0, g1], H: [hxx, hxy, hyy] };
};

const CASES = [
  { name: 'rosenbrock', loss: { kind: 'rosenbrock', a: 1, b: 2 }, gh: rosenbrock, gdRho: 0.01, gdStart: [-1, 1], newtonStart: [-1, 1] },
  { name: 'wall', loss: { kind: 'wall' }, gh: wall, gdRho: 0.05, gdStart: [-1, 1], newtonStart: [-1, 1] },
  { name: 'flat-sharp', loss: { kind: 'flat-sharp' }, gh: flatSharp, gdRho: 0.5, gdStart: [0.3, 0.8], newtonStart: [1.1, 0.3] },
];

describe('the preset table', () => {
  it('names every algorithm once and describes it', () => {
    expect(Object.keys(PRESETS).sort()).toEqual([...ALGORITHM_NAMES].sort());
    for (const name of ALGORITHM_NAMES) {
      expect(PRESETS[name].title.length).toBeGreaterThan(0);
      expect(PRESETS[name].approximation.length).toBeGreaterThan(0);
    }
    expect(PRESETS.blr.fixed).toEqual({});
  });
});

describe.each(CASES)('$name', ({ loss, gh, gdRho, gdStart, newtonStart }) => {
  it('the gd preset is m ← m − ρ∇ℓ̄(m), 50 steps, to 1e-12', () => {
    const r = runOf({ loss, algorithm: 'gd', rho: gdRho, steps: 50, init: { mean: gdStart } });
    expect(r.status).toBe('ok');
    expect(r.frames.length).toBe(51);
    let [x, y] = gdStart;
    for (let k = 0; k <= 50; k++) {
      const f = r.frames[k];
      expectNear(f.mean[0], x, 1e-12, 1e-12, `x at step ${k}`);
      expectNear(f.mean[1], y, 1e-12, 1e-12, `y at step ${k}`);
      expect(f.precision).toEqual([[1, 0], [0, 1]]);
      const { g } = gh(x, y);
      x -= gdRho * g[0];
      y -= gdRho * g[1];
    }
    // and it went somewhere
    expect(Math.hypot(r.final!.mean[0] - gdStart[0], r.final!.mean[1] - gdStart[1])).toBeGreaterThan(0.05);
  });

  it('the newton preset is S ← ∇²ℓ̄(m), m ← m − ∇²ℓ̄(m)⁻¹∇ℓ̄(m), 50 steps, to 1e-12', () => {
    const r = runOf({ loss, algorithm: 'newton', steps: 50, init: { mean: newtonStart } });
    expect(r.status).toBe('ok');
    let [x, y] = newtonStart;
    for (let k = 0; k <= 50; k++) {
      const f = r.frames[k];
      expectNear(f.mean[0], x, 1e-12, 1e-12, `x at step ${k}`);
      expectNear(f.mean[1], y, 1e-12, 1e-12, `y at step ${k}`);
      const { g, H } = gh(x, y);
      const det = H[0] * H[2] - H[1] * H[1];
      expect(det).toBeGreaterThan(0);
      x -= (H[2] * g[0] - H[1] * g[1]) / det;
      y -= (-H[1] * g[0] + H[0] * g[1]) / det;
    }
    // Converged to a stationary point with S = ∇²ℓ̄ there (the Laplace approximation).
    const f = r.final!;
    const { g, H } = gh(f.mean[0], f.mean[1]);
    expectNear(g[0], 0, 0, 1e-10);
    expectNear(g[1], 0, 0, 1e-10);
    expectNear(f.precision[0][0], H[0], 1e-10, 1e-12);
    expectNear(f.precision[0][1], H[1], 1e-10, 1e-12);
    expectNear(f.precision[1][1], H[2], 1e-10, 1e-12);
  });
});

describe('newton: precision after each step is the Hessian at the previous mean', () => {
  it('rosenbrock', () => {
    const r = runOf({ loss: { kind: 'rosenbrock', a: 1, b: 2 }, algorithm: 'newton', steps: 6, init: { mean: [-1, 1] } });
    for (let k = 1; k < r.frames.length; k++) {
      const prev = r.frames[k - 1].mean;
      const { H } = rosenbrock(prev[0], prev[1]);
      expectNear(r.frames[k].precision[0][0], H[0], 1e-14);
      expectNear(r.frames[k].precision[0][1], H[1], 1e-14);
      expectNear(r.frames[k].precision[1][1], H[2], 1e-14);
    }
  });
});

describe('von is the BLR with a full Gaussian and Monte Carlo', () => {
  it('a von run equals the explicit blr run (same seed), bitwise', () => {
    const common = { loss: { kind: 'flat-sharp' }, samples: 5, rho: 0.2, improved: true, steps: 40, seed: 77, init: { mean: [0.5, 0.5] } };
    const a = runOf({ ...common, algorithm: 'von' });
    const b = runOf({ ...common, algorithm: 'blr', family: 'gaussian', expectation: 'mc' });
    expect(a.frames).toEqual(b.frames);
  });
});
