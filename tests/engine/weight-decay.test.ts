/**
 * RMSprop and Adam with a prior, as torch.optim defines them: the prior (δ/2)‖θ‖² of a data
 * loss is PyTorch's `weight_decay = δ`, added to the gradient before anything else
 * (g ← ∇f(θ) + λθ), so the squared average and the momentum both see it. The references below
 * are written from the documented pseudo-code of torch.optim.RMSprop and torch.optim.Adam
 * (pytorch.org/docs, "Implements RMSprop algorithm" / "Implements Adam algorithm"), with f the
 * data part of the loss (the per-example sum, N/M-scaled on a minibatch), and use only the
 * loss's per-example gradients and the engine's seeded minibatch stream.
 */
import { describe, expect, it } from 'vitest';
import type { Loss } from '../../src/engine/losses/loss';
import { createLoss } from '../../src/engine/losses/index';
import { batchSeed, runWithLoss, type Frame } from '../../src/engine/run';
import { createRng, type Rng } from '../../src/engine/rng';
import { parseRunSpec, SpecError, type LossSpec, type RunSpecInput } from '../../src/engine/spec';
import { identifyAlgorithm } from '../../src/engine/identify';
import { expectNear } from './_helpers';

type V2 = [number, number];

function setup(input: RunSpecInput) {
  const spec = parseRunSpec(input);
  const loss = createLoss(spec.loss as Exclude<LossSpec, { kind: 'expr' }>);
  return { ...runWithLoss(spec, loss), spec, loss };
}

/** Minibatches without replacement, drawn as the engine documents (partial Fisher–Yates). */
function drawer(n: number, m: number | undefined, rng: Rng): () => number[] {
  const idx = Array.from({ length: n }, (_, i) => i);
  return () => {
    if (m === undefined || m >= n) return idx.slice();
    for (let k = 0; k < m; k++) {
      const j = k + Math.floor(rng.uniform() * (n - k));
      [idx[k], idx[j]] = [idx[j], idx[k]];
    }
    return idx.slice(0, m);
  };
}

/** ∇f(θ) of the data part, (N/M)Σᵢ∈batch ∇ℓᵢ(θ): what loss.backward() gives for the data loss. */
function dataGrad(loss: Loss, batch: number[], th: V2): V2 {
  const out = new Float64Array(6);
  let g0 = 0;
  let g1 = 0;
  for (const i of batch) {
    loss.data!.example(i, th[0], th[1], out);
    g0 += out[1];
    g1 += out[2];
  }
  const k = loss.data!.n / batch.length;
  return [k * g0, k * g1];
}

interface TorchOpts {
  lr: number;
  eps: number;
  weightDecay: number;
}

/** torch.optim.RMSprop (momentum = 0, centered = False), step for step. */
function torchRmsprop(grad: (th: V2) => V2, th0: V2, steps: number, o: TorchOpts & { alpha: number }): V2[] {
  let th: V2 = [th0[0], th0[1]];
  const v = [0, 0];
  const path: V2[] = [[th[0], th[1]]];
  for (let t = 1; t <= steps; t++) {
    const g = grad(th);
    const next: V2 = [0, 0];
    for (let j = 0; j < 2; j++) {
      const gj = g[j] + o.weightDecay * th[j];
      v[j] = o.alpha * v[j] + (1 - o.alpha) * gj * gj;
      next[j] = th[j] - (o.lr * gj) / (Math.sqrt(v[j]) + o.eps);
    }
    th = next;
    path.push([th[0], th[1]]);
  }
  return path;
}

/** torch.optim.Adam (amsgrad = False), step for step. */
function torchAdam(grad: (th: V2) => V2, th0: V2, steps: number, o: TorchOpts & { beta1: number; beta2: number }): V2[] {
  let th: V2 = [th0[0], th0[1]];
  const m = [0, 0];
  const v = [0, 0];
  const path: V2[] = [[th[0], th[1]]];
  for (let t = 1; t <= steps; t++) {
    const g = grad(th);
    const next: V2 = [0, 0];
    for (let j = 0; j < 2; j++) {
      const gj = g[j] + o.weightDecay * th[j];
      m[j] = o.beta1 * m[j] + (1 - o.beta1) * gj;
      v[j] = o.beta2 * v[j] + (1 - o.beta2) * gj * gj;
      const mh = m[j] / (1 - o.beta1 ** t);
      const vh = v[j] / (1 - o.beta2 ** t);
      next[j] = th[j] - (o.lr * mh) / (Math.sqrt(vh) + o.eps);
    }
    th = next;
    path.push([th[0], th[1]]);
  }
  return path;
}

function expectPath(frames: Frame[], ref: V2[], rtol: number, what: string) {
  expect(frames.length).toBe(ref.length);
  ref.forEach((m, k) => {
    expectNear(frames[k].mean[0], m[0], rtol, 1e-13, `${what} step ${k} x`);
    expectNear(frames[k].mean[1], m[1], rtol, 1e-13, `${what} step ${k} y`);
  });
}

const LOGISTIC = { kind: 'logistic-regression' as const, x: [-2, -1.2, -0.5, 0.3, 0.8, 1.5, 2.2, 2.9], y: [0, 0, 1, 0, 1, 1, 0, 1] as (0 | 1)[], priorPrecision: 1 };
const TANH = { kind: 'tanh-regression' as const, data: { n: 24, seed: 3, noise: 0.3 }, priorPrecision: 2 };
const START: V2 = [1, 0];

describe('RMSprop with weight decay = torch.optim.RMSprop(weight_decay = δ)', () => {
  for (const [label, extra] of [
    ['full batch, PyTorch defaults, 200 steps', { steps: 200 }],
    ['full batch, lr 0.05, alpha 0.9, eps 1e-6, 150 steps', { steps: 150, rho: 0.1, alpha: 0.05, damping: 1e-6 }],
  ] as const) {
    it(`logistic regression (δ = 1), ${label}`, () => {
      const { spec, loss, frames, status } = setup({ loss: LOGISTIC, algorithm: 'rmsprop', init: { mean: START }, ...extra });
      expect(status).toBe('ok');
      expect(spec.prior).toBe('in-gradient');
      const all = Array.from({ length: loss.data!.n }, (_, i) => i);
      const ref = torchRmsprop((th) => dataGrad(loss, all, th), START, spec.steps, { lr: spec.alpha!, alpha: 1 - spec.rho, eps: spec.damping, weightDecay: 1 });
      expectPath(frames, ref, 1e-10, 'rmsprop');
      expect(identifyAlgorithm(spec).name).toBe('rmsprop');
    });
  }

  it('tanh network (δ = 2), minibatches of 6 of 24, 300 steps', () => {
    const { spec, loss, frames } = setup({ loss: TANH, algorithm: 'rmsprop', batchSize: 6, rho: 0.05, alpha: 0.02, steps: 300, seed: 5, init: { mean: [0.4, -0.9] } });
    const draw = drawer(24, 6, createRng(batchSeed(spec.seed)));
    const ref = torchRmsprop((th) => dataGrad(loss, draw(), th), [0.4, -0.9], 300, { lr: 0.02, alpha: 0.95, eps: 1e-8, weightDecay: 2 });
    expectPath(frames, ref, 1e-9, 'rmsprop minibatch');
  });

  it('one step from v₀ = 0: θ₁ = θ₀ − lr·g/(√(1−α)|g| + ε) with g = ∇f + δθ₀, not the split form', () => {
    // θ₀ = (1, 0), δ = 1: the gradient of the data part in closed form, Σᵢ (σ(θ·φᵢ) − yᵢ) φᵢ, φᵢ = (xᵢ, 1).
    const sig = (u: number) => 1 / (1 + Math.exp(-u));
    const gData: V2 = [0, 0];
    LOGISTIC.x.forEach((x, i) => {
      const r = sig(START[0] * x + START[1]) - LOGISTIC.y[i];
      gData[0] += r * x;
      gData[1] += r;
    });
    const lr = 0.1;
    const alpha = 0.9;
    const g: V2 = [gData[0] + START[0], gData[1] + START[1]];
    const torch = g.map((gj, j) => START[j] - (lr * gj) / (Math.sqrt((1 - alpha) * gj * gj) + 1e-8)) as V2;
    const spec = { loss: LOGISTIC, algorithm: 'rmsprop' as const, rho: 1 - alpha, alpha: lr, steps: 1, init: { mean: START } };
    const one = setup(spec).frames[1].mean;
    expectNear(one[0], torch[0], 1e-12, 0, 'x');
    expectNear(one[1], torch[1], 1e-12, 0, 'y');
    // (|Δθ| = lr/√(1 − α) in each coordinate: the sign of g, scaled.)
    expectNear(Math.abs(one[0] - START[0]), lr / Math.sqrt(1 - alpha), 1e-7);
    // The split form (v ← (1−ρ)v + ρ(g_data² + δ), δθ outside) is another algorithm.
    const split = g.map((gj, j) => START[j] - (lr * gj) / (Math.sqrt((1 - alpha) * (gData[j] * gData[j] + 1)) + 1e-8)) as V2;
    const viaBlr = setup({
      loss: LOGISTIC, algorithm: 'blr', family: 'gaussian-diag', hessian: 'squared-gradient', sqrt: true, damping: 1e-8, rho: 1 - alpha, alpha: lr, steps: 1,
      init: { mean: START, precision: [[0, 0], [0, 0]] },
    });
    expect(viaBlr.spec.prior).toBe('split');
    expectNear(viaBlr.frames[1].mean[0], split[0], 1e-12, 0, 'split x');
    expectNear(viaBlr.frames[1].mean[1], split[1], 1e-12, 0, 'split y');
    expect(Math.abs(split[1] - torch[1])).toBeGreaterThan(1e-3);
    const id = identifyAlgorithm(viaBlr.spec);
    expect(id.name).toBeNull();
    expect(id.nearest).toEqual({ name: 'rmsprop', needs: ['the prior inside the gradient as weight decay (prior "in-gradient")'] });
  });
});

describe('Adam with weight decay = torch.optim.Adam(weight_decay = δ)', () => {
  it('logistic regression (δ = 1), full batch, PyTorch defaults, 400 steps', () => {
    const { spec, loss, frames } = setup({ loss: LOGISTIC, algorithm: 'adam', steps: 400, init: { mean: START } });
    const all = Array.from({ length: loss.data!.n }, (_, i) => i);
    const ref = torchAdam((th) => dataGrad(loss, all, th), START, 400, { lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 1 });
    expectPath(frames, ref, 1e-10, 'adam');
    expect(identifyAlgorithm(spec).name).toBe('adam');
  });

  it('tanh network (δ = 2), minibatches of 8 of 24, β = (0.8, 0.99), lr 0.03, 300 steps', () => {
    const { spec, loss, frames } = setup({ loss: TANH, algorithm: 'adam', batchSize: 8, rho: 0.01, alpha: 0.03, momentum: 0.8, steps: 300, seed: 12, init: { mean: [0.4, -0.9] } });
    const draw = drawer(24, 8, createRng(batchSeed(spec.seed)));
    const ref = torchAdam((th) => dataGrad(loss, draw(), th), [0.4, -0.9], 300, { lr: 0.03, beta1: 0.8, beta2: 0.99, eps: 1e-8, weightDecay: 2 });
    expectPath(frames, ref, 1e-9, 'adam minibatch');
  });

  it('without weight decay (δ = 0) the two prior forms agree', () => {
    const noPrior = { ...TANH, priorPrecision: 0 };
    const a = setup({ loss: noPrior, algorithm: 'adam', batchSize: 8, alpha: 0.02, steps: 100, init: { mean: [0.4, -0.9] } });
    const b = setup({ ...a.spec, algorithm: 'blr', prior: 'split' });
    expect(b.frames).toEqual(a.frames);
    expect(identifyAlgorithm(b.spec).name).toBe('adam');
  });
});

describe('the prior field', () => {
  it('is fixed by the RMSprop and Adam presets and validated with a clear message', () => {
    expect(() => parseRunSpec({ loss: LOGISTIC, algorithm: 'adam', prior: 'split' })).toThrow(/algorithm "adam" fixes prior = "in-gradient"/);
    expect(() => parseRunSpec({ loss: LOGISTIC, prior: 'decay' })).toThrow(/prior: must be one of split, in-gradient/);
    try {
      parseRunSpec({ loss: { kind: 'coin', flips: [1, 0] }, family: 'beta', prior: 'in-gradient', init: { mean: [1, 1] } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SpecError);
      expect((e as SpecError).issues.find((i) => i.path === 'prior')?.message).toMatch(/Gaussian families only/);
    }
  });

  it('"in-gradient" on the plain BLR (no squared gradient, no momentum) is the split form exactly', () => {
    const base = { loss: LOGISTIC, family: 'gaussian-diag' as const, rho: 0.3, steps: 30, init: { mean: START } };
    expect(setup({ ...base, prior: 'in-gradient' }).frames).toEqual(setup(base).frames);
  });
});
