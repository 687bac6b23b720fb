/**
 * The deep-learning rows of Table 1 as configurations of the one BLR step, each checked step
 * for step against the classical algorithm written out from its paper or documentation:
 * SGD; RMSprop and Adam as the PyTorch documentation writes them (torch.optim.RMSprop,
 * torch.optim.Adam); OGN and VOGN (Osawa et al. 2019, in BLR-MATH.md's form); IVON (Shen et
 * al. 2024, Algorithm 1); dropout SGD; BayesBiNN (Meng et al. 2020) and the straight-through
 * estimator. The reference loops below use only the loss's per-example gradients (checked
 * against finite differences in tests/engine/losses) and the same seeded random streams.
 */
import { describe, expect, it } from 'vitest';
import type { Loss } from '../../src/engine/losses/loss';
import { createLoss } from '../../src/engine/losses/index';
import { batchSeed, maskSeed, runWithLoss, type Frame } from '../../src/engine/run';
import { createRng, type Rng } from '../../src/engine/rng';
import { parseRunSpec, type LossSpec, type RunSpec, type RunSpecInput } from '../../src/engine/spec';
import { identifyAlgorithm } from '../../src/engine/identify';
import { ALGORITHM_NAMES, type AlgorithmName } from '../../src/engine/presets';
import { expectNear } from './_helpers';

type V2 = [number, number];

function setup(input: RunSpecInput): { spec: RunSpec; loss: Loss; frames: Frame[]; status: string } {
  const spec = parseRunSpec(input);
  const loss = createLoss(spec.loss as Exclude<LossSpec, { kind: 'expr' }>);
  const r = runWithLoss(spec, loss);
  return { spec, loss, frames: r.frames, status: r.status };
}

/** The engine's minibatch draw, re-implemented: a partial Fisher–Yates shuffle of 0..N−1. */
function batchDrawer(n: number, m: number, rng: Rng): () => number[] {
  const idx = Array.from({ length: n }, (_, i) => i);
  return () => {
    if (m >= n) return idx.slice();
    for (let k = 0; k < m; k++) {
      const j = k + Math.floor(rng.uniform() * (n - k));
      [idx[k], idx[j]] = [idx[j], idx[k]];
    }
    return idx.slice(0, m);
  };
}

/** Σᵢ∈batch of per-example gradients and squared gradients at θ (data part, no prior). */
function batchGrad(loss: Loss, batch: number[], th: V2): { g: V2; sq: V2 } {
  const out = new Float64Array(6);
  const g: V2 = [0, 0];
  const sq: V2 = [0, 0];
  for (const i of batch) {
    loss.data!.example(i, th[0], th[1], out);
    g[0] += out[1];
    g[1] += out[2];
    sq[0] += out[1] * out[1];
    sq[1] += out[2] * out[2];
  }
  return { g, sq };
}

function fullGrad(loss: Loss, th: V2): V2 {
  const out = new Float64Array(6);
  loss.evaluate(th[0], th[1], out);
  return [out[1], out[2]];
}

function expectPath(frames: Frame[], ref: V2[], rtol = 1e-11, what = '') {
  expect(frames.length).toBe(ref.length);
  ref.forEach((m, k) => {
    expectNear(frames[k].mean[0], m[0], rtol, 1e-13, `${what} step ${k} x`);
    expectNear(frames[k].mean[1], m[1], rtol, 1e-13, `${what} step ${k} y`);
  });
}

const TANH = { kind: 'tanh-regression' as const, data: { n: 24, seed: 3, noise: 0.3 } };
const START: V2 = [0.4, -0.9];

describe('SGD = fixed covariance + delta + minibatch (N/M scaling, prior exact)', () => {
  it('matches m ← m − ρ[(N/M)Σ∇ℓᵢ(m) + δm] for 25 steps', () => {
    const { spec, loss, frames, status } = setup({ loss: TANH, algorithm: 'sgd', batchSize: 5, rho: 0.002, steps: 25, seed: 7, init: { mean: START } });
    expect(status).toBe('ok');
    const n = loss.data!.n;
    const draw = batchDrawer(n, 5, createRng(batchSeed(spec.seed)));
    const d = loss.data!.priorPrecision;
    let m: V2 = [...START];
    const ref: V2[] = [[...m]];
    for (let t = 1; t <= 25; t++) {
      const { g } = batchGrad(loss, draw(), m);
      m = [m[0] - 0.002 * ((n / 5) * g[0] + d * m[0]), m[1] - 0.002 * ((n / 5) * g[1] + d * m[1])];
      ref.push([...m]);
    }
    expectPath(frames, ref);
    expect(identifyAlgorithm(spec).name).toBe('sgd');
  });

  it('with batchSize = N it is gradient descent on the full loss', () => {
    const a = setup({ loss: TANH, algorithm: 'sgd', batchSize: 24, rho: 0.002, steps: 10, init: { mean: START } });
    const b = setup({ loss: TANH, algorithm: 'gd', rho: 0.002, steps: 10, init: { mean: START } });
    let m: V2 = [...START];
    const ref: V2[] = [[...m]];
    for (let t = 1; t <= 10; t++) {
      const g = fullGrad(a.loss, m);
      m = [m[0] - 0.002 * g[0], m[1] - 0.002 * g[1]];
      ref.push([...m]);
    }
    expectPath(a.frames, ref, 1e-11, 'sgd');
    expectPath(b.frames, ref, 1e-11, 'gd');
  });
});

describe('RMSprop = diagonal + delta + squared gradient + square root (torch.optim.RMSprop)', () => {
  /** PyTorch: v ← αv + (1−α)g², θ ← θ − lr·g/(√v + ε), v₀ = 0. */
  function torchRmsprop(grad: (th: V2) => V2, th0: V2, steps: number, lr: number, alpha: number, eps: number): V2[] {
    let th: V2 = [...th0];
    const v: V2 = [0, 0];
    const out: V2[] = [[...th]];
    for (let t = 1; t <= steps; t++) {
      const g = grad(th);
      for (let j = 0; j < 2; j++) v[j] = alpha * v[j] + (1 - alpha) * g[j] * g[j];
      th = [th[0] - (lr * g[0]) / (Math.sqrt(v[0]) + eps), th[1] - (lr * g[1]) / (Math.sqrt(v[1]) + eps)];
      out.push([...th]);
    }
    return out;
  }

  it('on Rosenbrock (full gradient), 40 steps, PyTorch defaults', () => {
    const { spec, loss, frames } = setup({ loss: { kind: 'rosenbrock', a: 1, b: 5 }, algorithm: 'rmsprop', steps: 40, init: { mean: [-1.5, 2] } });
    expect([spec.rho, spec.alpha, spec.damping]).toEqual([0.01, 0.01, 1e-8]);
    expectPath(frames, torchRmsprop((th) => fullGrad(loss, th), [-1.5, 2], 40, 0.01, 0.99, 1e-8));
    expect(identifyAlgorithm(spec).name).toBe('rmsprop');
  });

  it('on minibatches of the tanh network (no prior), 30 steps, other hyper-parameters', () => {
    const tanh0 = { ...TANH, priorPrecision: 0 };
    const { spec, loss, frames } = setup({ loss: tanh0, algorithm: 'rmsprop', batchSize: 6, rho: 0.1, alpha: 0.03, damping: 1e-6, steps: 30, seed: 4, init: { mean: START } });
    const draw = batchDrawer(24, 6, createRng(batchSeed(spec.seed)));
    const grad = (th: V2): V2 => {
      const { g } = batchGrad(loss, draw(), th);
      return [4 * g[0], 4 * g[1]];
    };
    expectPath(frames, torchRmsprop(grad, START, 30, 0.03, 0.9, 1e-6));
  });
});

describe('Adam = RMSprop + momentum + bias correction (torch.optim.Adam)', () => {
  /** PyTorch: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ), θ ← θ − γm̂/(√v̂ + ε). */
  function torchAdam(grad: (th: V2) => V2, th0: V2, steps: number, lr: number, b1: number, b2: number, eps: number): V2[] {
    let th: V2 = [...th0];
    const m: V2 = [0, 0];
    const v: V2 = [0, 0];
    const out: V2[] = [[...th]];
    for (let t = 1; t <= steps; t++) {
      const g = grad(th);
      const step: V2 = [0, 0];
      for (let j = 0; j < 2; j++) {
        m[j] = b1 * m[j] + (1 - b1) * g[j];
        v[j] = b2 * v[j] + (1 - b2) * g[j] * g[j];
        const mh = m[j] / (1 - b1 ** t);
        const vh = v[j] / (1 - b2 ** t);
        step[j] = (lr * mh) / (Math.sqrt(vh) + eps);
      }
      th = [th[0] - step[0], th[1] - step[1]];
      out.push([...th]);
    }
    return out;
  }

  it('on Rosenbrock, 60 steps, PyTorch defaults', () => {
    const { spec, loss, frames } = setup({ loss: { kind: 'rosenbrock', a: 1, b: 5 }, algorithm: 'adam', steps: 60, init: { mean: [-1.5, 2] } });
    expect([spec.rho, spec.alpha, spec.momentum, spec.damping]).toEqual([0.001, 0.001, 0.9, 1e-8]);
    expectPath(frames, torchAdam((th) => fullGrad(loss, th), [-1.5, 2], 60, 0.001, 0.9, 0.999, 1e-8), 1e-10);
    expect(identifyAlgorithm(spec).name).toBe('adam');
  });

  it('on minibatches of the tanh network, 50 steps, β = (0.8, 0.99), lr 0.05', () => {
    const { spec, loss, frames } = setup({
      loss: { ...TANH, priorPrecision: 0 }, algorithm: 'adam', batchSize: 8, rho: 0.01, alpha: 0.05, momentum: 0.8, damping: 1e-8, steps: 50, seed: 11, init: { mean: START },
    });
    const draw = batchDrawer(24, 8, createRng(batchSeed(spec.seed)));
    const grad = (th: V2): V2 => {
      const { g } = batchGrad(loss, draw(), th);
      return [3 * g[0], 3 * g[1]];
    };
    expectPath(frames, torchAdam(grad, START, 50, 0.05, 0.8, 0.99, 1e-8), 1e-10);
  });

  it('without bias correction or momentum the same spec is a named variant or RMSprop, as identify says', () => {
    const base = { loss: { kind: 'rosenbrock' as const }, algorithm: 'blr' as const, family: 'gaussian-diag' as const, expectation: 'delta' as const, hessian: 'squared-gradient' as const, sqrt: true, damping: 1e-8, alpha: 0.01, init: { precision: [[0, 0], [0, 0]] as [[number, number], [number, number]] } };
    expect(identifyAlgorithm(parseRunSpec(base)).name).toBe('rmsprop');
    expect(identifyAlgorithm(parseRunSpec({ ...base, momentum: 0.9, debias: 'both' })).name).toBe('adam');
    const variant = identifyAlgorithm(parseRunSpec({ ...base, momentum: 0.9 }));
    expect(variant.name).toBeNull();
    // One condition away from both: RMSprop (drop the momentum) and Adam (add bias correction).
    expect(variant.nearest?.needs).toHaveLength(1);
    expect(['rmsprop', 'adam']).toContain(variant.nearest?.name);
    expect(variant.summary).toMatch(/no row of Table 1 names\. Closest: (RMSprop, which would need no momentum|Adam, which would need bias correction)\./);
  });
});

/**
 * OGN/VOGN as published (Osawa et al. 2019, §3; Khan et al. 2018, VOGN), in the sum-scaled
 * units of the engine's loss (λ = N): the scale s averages the per-example squared gradients,
 * ĥ = (N/M)Σgᵢ², WITHOUT the prior, which is added outside the average; Adam's momentum u
 * averages the data gradient ĝ = (N/M)Σgᵢ; and the mean divides by s + δ:
 *   s ← (1−β)s + βĥ,   u ← β₁u + (1−β₁)ĝ,   m ← m − α(u + δm)/(s + δ),   q = N(m, 1/(s + δ)).
 * β₁ = 0 is the momentum-free variant (u = ĝ). s₀ = S₀ − δ, so that q starts at precision S₀.
 */
function osawa(loss: Loss, draw: () => number[], start: V2, S0: V2, steps: number, beta: number, alpha: number, beta1: number, sample: ((m: V2, prec: V2) => V2) | null) {
  const n = loss.data!.n;
  const d = loss.data!.priorPrecision;
  let m: V2 = [...start];
  let s: V2 = [S0[0] - d, S0[1] - d];
  const u: V2 = [0, 0];
  const means: V2[] = [[...m]];
  const precs: V2[] = [[s[0] + d, s[1] + d]];
  for (let t = 1; t <= steps; t++) {
    const th = sample ? sample(m, [s[0] + d, s[1] + d]) : m;
    const batch = draw();
    const { g, sq } = batchGrad(loss, batch, th);
    const M = batch.length;
    s = [(1 - beta) * s[0] + beta * ((n * sq[0]) / M), (1 - beta) * s[1] + beta * ((n * sq[1]) / M)];
    for (let j = 0; j < 2; j++) u[j] = beta1 * u[j] + (1 - beta1) * ((n * g[j]) / M);
    m = [m[0] - (alpha * (u[0] + d * m[0])) / (s[0] + d), m[1] - (alpha * (u[1] + d * m[1])) / (s[1] + d)];
    means.push([...m]);
    precs.push([s[0] + d, s[1] + d]);
  }
  return { means, precs };
}

describe('OGN and VOGN as published (Osawa et al. 2019; Khan et al. 2018)', () => {
  it('OGN = Gauss–Newton Hessian in Adam, no square root: δ outside the average, Adam\'s momentum, 60 steps', () => {
    const { spec, loss, frames } = setup({ loss: TANH, algorithm: 'ogn', batchSize: 6, rho: 0.1, alpha: 0.05, steps: 60, seed: 5, init: { mean: START, precision: [[20, 0], [0, 20]] } });
    expect(spec.momentum).toBe(0.9);
    const ref = osawa(loss, batchDrawer(24, 6, createRng(batchSeed(spec.seed))), START, [20, 20], 60, 0.1, 0.05, 0.9, null);
    expectPath(frames, ref.means);
    ref.precs.forEach((P, k) => {
      expectNear(frames[k].precision[0][0], P[0], 1e-11, 0, `s₁ + δ at ${k}`);
      expectNear(frames[k].precision[1][1], P[1], 1e-11, 0, `s₂ + δ at ${k}`);
    });
    expect(identifyAlgorithm(spec).name).toBe('ogn');
  });

  it('the momentum-free variant (β₁ = 0) is still named OGN', () => {
    const { spec, loss, frames } = setup({ loss: TANH, algorithm: 'ogn', momentum: 0, batchSize: 6, rho: 0.1, alpha: 0.05, steps: 40, seed: 5, init: { mean: START, precision: [[20, 0], [0, 20]] } });
    const ref = osawa(loss, batchDrawer(24, 6, createRng(batchSeed(spec.seed))), START, [20, 20], 40, 0.1, 0.05, 0, null);
    expectPath(frames, ref.means);
    expect(identifyAlgorithm(spec).name).toBe('ogn');
  });

  it('VOGN = OGN with gradients at θ = m + z/√(s + δ) (weight perturbation), with momentum, 60 steps', () => {
    const { spec, loss, frames } = setup({ loss: TANH, algorithm: 'vogn', batchSize: 6, rho: 0.1, alpha: 0.05, steps: 60, seed: 9, init: { mean: START, precision: [[20, 0], [0, 20]] } });
    expect(spec.samples).toBe(1);
    const z = createRng(spec.seed);
    const sample = (m: V2, P: V2): V2 => {
      const z1 = z.normal();
      const z2 = z.normal();
      return [m[0] + z1 / Math.sqrt(P[0]), m[1] + z2 / Math.sqrt(P[1])];
    };
    const ref = osawa(loss, batchDrawer(24, 6, createRng(batchSeed(spec.seed))), START, [20, 20], 60, 0.1, 0.05, 0.9, sample);
    expectPath(frames, ref.means);
    ref.precs.forEach((P, k) => expectNear(frames[k].precision[0][0], P[0], 1e-11, 0, `s₁ + δ at ${k}`));
    expect(identifyAlgorithm(spec).name).toBe('vogn');
    // Removing the delta method from OGN is exactly VOGN.
    expect(identifyAlgorithm(parseRunSpec({ ...spec, algorithm: 'blr', expectation: 'delta' })).name).toBe('ogn');
    // Weight decay inside the gradient is not OGN: the published δ sits outside.
    expect(identifyAlgorithm(parseRunSpec({ ...spec, algorithm: 'blr', prior: 'in-gradient' })).name).toBeNull();
  });
});

describe('IVON (Shen et al. 2024, Algorithm 1)', () => {
  it('equals the improved BLR with S = λ(h + δ), the reparameterisation Hessian and debiased momentum, 60 steps', () => {
    const lambda = 24; // effective sample size = N
    const delta = 0.02; // IVON's weight decay; the loss's prior precision is λδ
    const h0 = 0.5;
    const [alpha, b1, b2] = [0.05, 0.9, 0.95];
    const { spec, loss, frames } = setup({
      loss: { ...TANH, priorPrecision: lambda * delta },
      algorithm: 'ivon',
      batchSize: 8,
      alpha,
      momentum: b1,
      rho: 1 - b2,
      steps: 60,
      seed: 21,
      init: { mean: START, precision: [[lambda * (h0 + delta), 0], [0, lambda * (h0 + delta)]] },
    });
    expect(identifyAlgorithm(spec).name).toBe('ivon');
    const draw = batchDrawer(24, 8, createRng(batchSeed(spec.seed)));
    const z = createRng(spec.seed);
    let m: V2 = [...START];
    const g: V2 = [0, 0];
    const h: V2 = [h0, h0];
    const ref: V2[] = [[...m]];
    const hs: V2[] = [[...h]];
    for (let t = 1; t <= 60; t++) {
      const sigma: V2 = [1 / Math.sqrt(lambda * (h[0] + delta)), 1 / Math.sqrt(lambda * (h[1] + delta))];
      const eps: V2 = [z.normal(), z.normal()];
      const th: V2 = [m[0] + sigma[0] * eps[0], m[1] + sigma[1] * eps[1]];
      const batch = draw();
      const sum = batchGrad(loss, batch, th).g;
      const gh: V2 = [sum[0] / batch.length, sum[1] / batch.length]; // ∇ of the average minibatch loss
      for (let j = 0; j < 2; j++) {
        const hh = (gh[j] * eps[j]) / sigma[j];
        g[j] = b1 * g[j] + (1 - b1) * gh[j];
        h[j] = b2 * h[j] + (1 - b2) * hh + (0.5 * (1 - b2) ** 2 * (h[j] - hh) ** 2) / (h[j] + delta);
      }
      const gbar: V2 = [g[0] / (1 - b1 ** t), g[1] / (1 - b1 ** t)];
      m = [m[0] - (alpha * (gbar[0] + delta * m[0])) / (h[0] + delta), m[1] - (alpha * (gbar[1] + delta * m[1])) / (h[1] + delta)];
      ref.push([...m]);
      hs.push([...h]);
    }
    expectPath(frames, ref, 1e-10);
    hs.forEach((hk, k) => expectNear(frames[k].precision[0][0], lambda * (hk[0] + delta), 1e-10, 0, `S₁ at ${k}`));
  });
});

describe('dropout = fixed covariance + delta at m ∘ z (spike-and-slab masks)', () => {
  it('matches SGD with dropout masks zⱼ ~ Bernoulli(1 − p), 40 steps on Rosenbrock', () => {
    const { spec, loss, frames } = setup({ loss: { kind: 'rosenbrock', a: 1, b: 5 }, algorithm: 'dropout', dropout: 0.3, rho: 0.01, steps: 40, seed: 3, init: { mean: [-1, 1.5] } });
    const masks = createRng(maskSeed(spec.seed));
    let m: V2 = [-1, 1.5];
    const ref: V2[] = [[...m]];
    for (let t = 1; t <= 40; t++) {
      const z: V2 = [masks.uniform() < 0.7 ? 1 : 0, masks.uniform() < 0.7 ? 1 : 0];
      const g = fullGrad(loss, [m[0] * z[0], m[1] * z[1]]);
      m = [m[0] - 0.01 * z[0] * g[0], m[1] - 0.01 * z[1] * g[1]];
      ref.push([...m]);
    }
    expectPath(frames, ref);
    expect(identifyAlgorithm(spec).name).toBe('dropout');
  });
});

describe('binary weights: BayesBiNN (Meng et al. 2020) and the straight-through estimator', () => {
  const Q = { kind: 'quadratic' as const, center: [0.6, -0.4] as V2, hessian: [[2, 0.8], [0.8, 1.5]] as [V2, V2] };

  it('BayesBiNN: λ ← (1 − ρ)λ − ρ ĝ with the concrete-relaxation gradient, 50 steps', () => {
    const t = 0.5;
    const { spec, loss, frames } = setup({ loss: Q, algorithm: 'bayesbinn', rho: 0.05, relax: t, samples: 2, steps: 50, seed: 8, init: { mean: [0.1, -0.2] } });
    const u = createRng(spec.seed);
    let lam: V2 = [Math.atanh(0.1), Math.atanh(-0.2)];
    const ref: V2[] = [[Math.tanh(lam[0]), Math.tanh(lam[1])]];
    for (let k = 1; k <= 50; k++) {
      const mu: V2 = [Math.tanh(lam[0]), Math.tanh(lam[1])];
      const gh: V2 = [0, 0];
      for (let s = 0; s < 2; s++) {
        const e: V2 = [u.uniform(), u.uniform()];
        const w: V2 = [Math.tanh((lam[0] + 0.5 * Math.log(e[0] / (1 - e[0]))) / t), Math.tanh((lam[1] + 0.5 * Math.log(e[1] / (1 - e[1]))) / t)];
        const g = fullGrad(loss, w);
        for (let j = 0; j < 2; j++) gh[j] += (((1 - w[j] * w[j]) / (t * (1 - mu[j] * mu[j]))) * g[j]) / 2;
      }
      lam = [(1 - 0.05) * lam[0] - 0.05 * gh[0], (1 - 0.05) * lam[1] - 0.05 * gh[1]];
      ref.push([Math.tanh(lam[0]), Math.tanh(lam[1])]);
    }
    expectPath(frames, ref, 1e-12);
    frames.forEach((f, k) => expectNear(f.bernoulli!.p[0], (1 + ref[k][0]) / 2, 1e-12, 1e-15));
    expect(identifyAlgorithm(spec).name).toBe('bayesbinn');
  });

  it('STE: λ ← λ − α∇ℓ̄(sign λ), 30 steps; the entropy-free limit', () => {
    const { spec, loss, frames } = setup({ loss: Q, algorithm: 'ste', alpha: 0.1, steps: 30, init: { mean: [0.3, 0.2] } });
    let lam: V2 = [Math.atanh(0.3), Math.atanh(0.2)];
    const ref: V2[] = [[0.3, 0.2]];
    for (let k = 1; k <= 30; k++) {
      const g = fullGrad(loss, [lam[0] >= 0 ? 1 : -1, lam[1] >= 0 ? 1 : -1]);
      lam = [lam[0] - 0.1 * g[0], lam[1] - 0.1 * g[1]];
      ref.push([Math.tanh(lam[0]), Math.tanh(lam[1])]);
    }
    expectPath(frames, ref, 1e-12);
    expect(identifyAlgorithm(spec).name).toBe('ste');
  });

  it('exact expectations: ∇_μ E_q[ℓ̄] matches finite differences, and the BLR fixed point is λ = −∇_μE_q[ℓ̄]/τ', () => {
    const tau = 0.7;
    const { loss, frames } = setup({ loss: Q, algorithm: 'blr', family: 'bernoulli', expectation: 'exact', rho: 0.3, temperature: tau, steps: 300, init: { mean: [0, 0] } });
    const E = (mu: V2) => {
      let e = 0;
      for (const c1 of [-1, 1]) for (const c2 of [-1, 1]) e += ((1 + c1 * mu[0]) / 2) * ((1 + c2 * mu[1]) / 2) * loss.value(c1, c2);
      return e;
    };
    const f = frames.at(-1)!;
    const mu = f.mean;
    const h = 1e-6;
    const d1 = (E([mu[0] + h, mu[1]]) - E([mu[0] - h, mu[1]])) / (2 * h);
    const d2 = (E([mu[0], mu[1] + h]) - E([mu[0], mu[1] - h])) / (2 * h);
    expectNear(f.bernoulli!.lambda[0], -d1 / tau, 1e-7, 1e-9);
    expectNear(f.bernoulli!.lambda[1], -d2 / tau, 1e-7, 1e-9);
    // The objective E_q[ℓ̄] − τH is the exact one (no sampling with "exact").
    const p = f.bernoulli!.p;
    const H = p.reduce((s, pj) => s - pj * Math.log(pj) - (1 - pj) * Math.log(1 - pj), 0);
    expectNear(f.objective, E(mu) - tau * H, 1e-12, 1e-12);
  });
});

describe('the general step with every extra off is the plain BLR step', () => {
  it('a data loss through the per-example path (prior exact) equals the closed-form path, delta method', () => {
    const linreg = { kind: 'linear-regression' as const, x: [-1, 0, 1, 2], y: [-0.5, 0.4, 1.1, 2.2], noiseVariance: 0.25, priorPrecision: 0.5 };
    const delta = setup({ loss: linreg, expectation: 'delta', rho: 0.3, steps: 20, init: { mean: [2, -1] } });
    const exact = setup({ loss: linreg, expectation: 'exact', rho: 0.3, steps: 20, init: { mean: [2, -1] } });
    delta.frames.forEach((f, k) => {
      for (let j = 0; j < 2; j++) expectNear(f.mean[j], exact.frames[k].mean[j], 1e-11, 1e-13);
      expectNear(f.precision[0][1], exact.frames[k].precision[0][1], 1e-11, 1e-13);
    });
  });

  it('RMSprop from a nonzero v₀ is named a variant (PyTorch starts from v₀ = 0)', () => {
    const s = parseRunSpec({ loss: { kind: 'rosenbrock' }, algorithm: 'blr', family: 'gaussian-diag', hessian: 'squared-gradient', sqrt: true, damping: 1e-8, alpha: 0.01, init: { precision: [[1, 0], [0, 1]] } });
    const id = identifyAlgorithm(s);
    expect(id.name).toBeNull();
    expect(id.nearest).toEqual({ name: 'rmsprop', needs: ['the start v₀ = 0'] });
  });
});

describe('minibatch estimates', () => {
  it('(N/M)Σ over every batch of size 1 averages to the full data gradient (unbiased)', () => {
    const loss = createLoss(parseRunSpec({ loss: TANH }).loss as Exclude<LossSpec, { kind: 'expr' }>);
    const th: V2 = [0.7, -0.3];
    const n = loss.data!.n;
    const avg: V2 = [0, 0];
    for (let i = 0; i < n; i++) {
      const { g } = batchGrad(loss, [i], th);
      avg[0] += (n * g[0]) / n;
      avg[1] += (n * g[1]) / n;
    }
    const full = fullGrad(loss, th);
    const d = loss.data!.priorPrecision;
    expectNear(avg[0] + d * th[0], full[0], 1e-12, 1e-12);
    expectNear(avg[1] + d * th[1], full[1], 1e-12, 1e-12);
  });

  it('the Gauss–Newton term of linear and logistic regression is their Hessian; of the tanh net it is JJᵀ/σ²', () => {
    const specs = [
      { kind: 'linear-regression', x: [-1, 0.5, 2], y: [0.3, -1, 2], noiseVariance: 0.4, priorPrecision: 1 },
      { kind: 'logistic-regression', x: [-1, 0.5, 2], y: [0, 1, 1], priorPrecision: 1 },
    ];
    const out = new Float64Array(6);
    const gn = new Float64Array(3);
    for (const s of specs) {
      const loss = createLoss(parseRunSpec({ loss: s }).loss as Exclude<LossSpec, { kind: 'expr' }>);
      for (let i = 0; i < 3; i++) {
        loss.data!.example(i, 0.3, -0.8, out);
        loss.data!.gaussNewton!(i, 0.3, -0.8, gn);
        expect(Array.from(gn)).toEqual([out[3], out[4], out[5]].map((v) => expect.closeTo(v, 12)));
      }
    }
    const tanh = createLoss(parseRunSpec({ loss: TANH }).loss as Exclude<LossSpec, { kind: 'expr' }>);
    // At a point where every residual vanishes the Hessian is the Gauss–Newton term.
    const fit = createLoss({ kind: 'tanh-regression', x: [0.5, -1], y: [0.8 * Math.tanh(0.6), 0.8 * Math.tanh(-1.2)], data: { n: 2, seed: 1, noise: 0 }, noiseVariance: 0.3, priorPrecision: 0 });
    for (let i = 0; i < 2; i++) {
      fit.data!.example(i, 1.2, 0.8, out);
      fit.data!.gaussNewton!(i, 1.2, 0.8, gn);
      for (let j = 0; j < 3; j++) expectNear(gn[j], out[3 + j], 1e-12, 1e-14);
    }
    expect(tanh.minima).toHaveLength(2);
  });

  it('the same seed gives the same minibatches and frames; another seed does not', () => {
    const a = setup({ loss: TANH, algorithm: 'vogn', batchSize: 5, steps: 30, seed: 1, init: { mean: START, precision: [[20, 0], [0, 20]] } });
    const b = setup({ loss: TANH, algorithm: 'vogn', batchSize: 5, steps: 30, seed: 1, init: { mean: START, precision: [[20, 0], [0, 20]] } });
    const c = setup({ loss: TANH, algorithm: 'vogn', batchSize: 5, steps: 30, seed: 2, init: { mean: START, precision: [[20, 0], [0, 20]] } });
    expect(a.frames).toEqual(b.frames);
    expect(a.frames.at(-1)!.mean).not.toEqual(c.frames.at(-1)!.mean);
  });
});

describe('every preset is recognised by identifyAlgorithm from its own defaults', () => {
  // A loss (and, where the algorithm needs one, a minibatch or a start) on which each preset is
  // its algorithm: minibatches for SVI, a conjugate model for conjugate Bayes and VMP, a latent
  // model for EM, Bernoulli weights on a quadratic, mixtures on Himmelblau.
  const LINEAR = { kind: 'linear-regression' as const, x: [-1, 0, 1, 2], y: [-0.5, 0.4, 1.1, 2.2], noiseVariance: 0.25, priorPrecision: 0.5 };
  const extras: Partial<Record<AlgorithmName, Partial<RunSpecInput>>> = {
    ste: { loss: { kind: 'quadratic' }, init: { mean: [0.2, 0.1] } },
    bayesbinn: { loss: { kind: 'quadratic' }, init: { mean: [0.2, 0.1] } },
    mog: { loss: { kind: 'himmelblau' } },
    ncvi: { loss: { kind: 'himmelblau' } },
    ivon: { init: { mean: START, precision: [[10, 0], [0, 10]] } },
    vogn: { init: { mean: START, precision: [[10, 0], [0, 10]] } },
    sgd: { batchSize: 4 },
    svi: { batchSize: 4 },
    // The rule with every choice its own: Monte Carlo, the improved update (plain, it is VON).
    blr: { expectation: 'mc', improved: true },
    conjugate: { loss: LINEAR },
    vmp: { loss: LINEAR },
    ncvmp: { loss: { kind: 'logistic-regression', x: [-1, 0.5, 2], y: [0, 1, 1], priorPrecision: 1 } },
    em: { loss: { kind: 'gmm', data: { n: 30, seed: 4, noise: 1 }, variance: 1, priorPrecision: 0.01 } },
  };
  for (const name of ALGORITHM_NAMES) {
    it(name, () => {
      const spec = parseRunSpec({ loss: TANH, algorithm: name, ...extras[name] });
      const id = identifyAlgorithm(spec);
      if (name === 'blr') {
        // The rule itself names no row: the exact BLR is variational inference.
        expect(id.name).toBeNull();
        expect(id.summary).toMatch(/Bayesian learning rule itself/);
      } else expect(id.name).toBe(name);
    });
  }
  it('sgd needs a minibatch; the exact BLR is named as variational inference', () => {
    expect(identifyAlgorithm(parseRunSpec({ loss: TANH, algorithm: 'sgd', batchSize: 4 })).name).toBe('sgd');
    const vi = identifyAlgorithm(parseRunSpec({ loss: { kind: 'wall' }, expectation: 'exact' }));
    expect(vi.name).toBeNull();
    expect(vi.summary).toMatch(/Bayesian learning rule itself/);
  });
});
