import { describe, expect, it } from 'vitest';
import { betaKl } from '../../src/engine/families/beta';
import { prepareLoss } from '../../src/engine/losses/index';
import { FRAME_STRIDE } from '../../src/engine/run';
import { lossSchema } from '../../src/engine/spec';
import { createEngineHost } from '../../src/worker/host';
import { MSG, type FromWorker } from '../../src/worker/protocol';

const rosen = { loss: { kind: 'rosenbrock' as const }, algorithm: 'newton' as const, steps: 5, init: { mean: [-1, 1] as [number, number] } };

async function one(host: ReturnType<typeof createEngineHost>, msg: Parameters<ReturnType<typeof createEngineHost>['handle']>[0]): Promise<FromWorker> {
  const replies = await host.handle(msg);
  expect(replies).toHaveLength(1);
  return replies[0].message;
}

describe('engine host', () => {
  it('streams a run in pulls: frame 0 first, then exactly the steps asked for, resuming where it stopped', async () => {
    const host = createEngineHost();
    expect(await one(host, { kind: MSG.start, runId: 1, spec: rosen })).toEqual({ kind: MSG.started, runId: 1, steps: 5 });
    const first = await one(host, { kind: MSG.pull, runId: 1, maxSteps: 0 });
    expect(first.kind).toBe(MSG.frames);
    if (first.kind !== MSG.frames) return;
    expect(first.data.length).toBe(FRAME_STRIDE);
    expect([first.data[1], first.data[2]]).toEqual([-1, 1]);
    const second = await one(host, { kind: MSG.pull, runId: 1, maxSteps: 2 });
    if (second.kind !== MSG.frames) throw new Error('expected frames');
    expect(second.data.length).toBe(2 * FRAME_STRIDE);
    expect(second.data[0]).toBe(1);
    // Newton on (x−1)² + 2(y−x²)² from (−1, 1) lands on (1, −3) (BLR-MATH check 1).
    expect(second.data[1]).toBeCloseTo(1, 12);
    expect(second.data[2]).toBeCloseTo(-3, 12);
    expect(second.status).toBe('running');
    const rest = await one(host, { kind: MSG.pull, runId: 1, maxSteps: 100 });
    if (rest.kind !== MSG.frames) throw new Error('expected frames');
    expect(rest.data.length).toBe(3 * FRAME_STRIDE);
    expect(rest.status).toBe('ok');
    expect(host.liveRuns).toBe(0);
  });

  it('reports an invalid spec as a run error naming the field, and keeps serving other runs', async () => {
    const host = createEngineHost();
    const bad = await one(host, { kind: MSG.start, runId: 7, spec: { ...rosen, algorithm: 'blr', rho: 5 } });
    expect(bad.kind).toBe(MSG.runError);
    if (bad.kind === MSG.runError) expect(bad.message).toMatch(/rho/);
    expect(await host.handle({ kind: MSG.pull, runId: 7, maxSteps: 3 })).toEqual([]);
    expect((await one(host, { kind: MSG.start, runId: 8, spec: rosen })).kind).toBe(MSG.started);
  });

  it('delivers a diverged run with its message and no non-finite frame', async () => {
    const host = createEngineHost();
    await host.handle({
      kind: MSG.start,
      runId: 2,
      spec: { loss: { kind: 'quadratic', hessian: [[50, 0], [0, 1]] }, algorithm: 'gd', rho: 10, steps: 200 },
    });
    const r = await one(host, { kind: MSG.pull, runId: 2, maxSteps: 1000 });
    if (r.kind !== MSG.frames) throw new Error('expected frames');
    expect(r.status).toBe('diverged');
    expect(r.message).toMatch(/smaller rho/);
    expect(r.data.every(Number.isFinite)).toBe(true);
  });

  it('cancels a run at once', async () => {
    const host = createEngineHost();
    await host.handle({ kind: MSG.start, runId: 3, spec: rosen });
    await host.handle({ kind: MSG.cancel, runId: 3 });
    expect(host.liveRuns).toBe(0);
    expect(await host.handle({ kind: MSG.pull, runId: 3, maxSteps: 1 })).toEqual([]);
  });

  it('computes surfaces with loss contours, target bands and the minimiser, and caches them', async () => {
    const host = createEngineHost();
    const req = { kind: MSG.surface, loss: { kind: 'rosenbrock' as const, a: 1, b: 5 }, temperature: 1, nx: 60, ny: 50 } as const;
    const a = await one(host, { ...req, id: 1 });
    if (a.kind !== MSG.surfaceResult || !a.ok) throw new Error('expected a surface');
    expect(a.minimiser).toEqual([1, 1]);
    expect(a.loss.length).toBeGreaterThan(5);
    expect(a.target.length).toBe(5);
    const b = await one(host, { ...req, id: 2 });
    if (b.kind !== MSG.surfaceResult || !b.ok) throw new Error('expected a surface');
    expect(b.id).toBe(2);
    expect(b.loss).toBe(a.loss); // served from the cache
  });

  it('finds the minimiser of a loss without a closed form (the wall)', async () => {
    const host = createEngineHost();
    const r = await one(host, { kind: MSG.surface, id: 1, loss: { kind: 'wall' }, temperature: 1, nx: 80, ny: 80 });
    if (r.kind !== MSG.surfaceResult || !r.ok || !r.minimiser) throw new Error('expected a minimiser');
    // At the minimiser the gradient A(θ − a) + k h exp(κ(x − w)) vanishes.
    const [x, y] = r.minimiser;
    const W = Math.exp(10 * (x - 1.5));
    expect(Math.abs(1 * (x - 1) + 0.5 * y + 10 * W)).toBeLessThan(1e-8);
    expect(Math.abs(0.5 * (x - 1) + 1 * y)).toBeLessThan(1e-8);
  });

  it('rejects a bad loss in a surface request with a message', async () => {
    const host = createEngineHost();
    const r = await one(host, { kind: MSG.surface, id: 4, loss: { kind: 'quadratic', hessian: [[1, 2], [2, 1]] } as never, temperature: 1, nx: 20, ny: 20 });
    expect(r).toMatchObject({ kind: MSG.surfaceResult, ok: false });
    if (r.kind === MSG.surfaceResult && !r.ok) expect(r.message).toMatch(/positive definite/);
  });
});

describe('the exact posterior beside q', () => {
  const linreg = { kind: 'linear-regression' as const, x: [-1, 0, 1, 2], y: [-0.5, 0.4, 1.1, 2.2], noiseVariance: 0.25, priorPrecision: 0.5 };
  const view: [number, number, number, number] = [-2.2, 2.9, -1.7, 3.4];

  it('a surface with posterior: −log Z and the moments of Bayesian linear regression, and two HPD bands', async () => {
    const host = createEngineHost();
    const r = await one(host, { kind: MSG.surface, id: 1, loss: linreg, temperature: 1, nx: 80, ny: 80, view, posterior: true });
    if (r.kind !== MSG.surfaceResult || !r.ok) throw new Error('expected a surface');
    const p = r.posterior!;
    const detS = 16.5 * 24.5 - 64;
    // ℓ̄ at the posterior mean, from the data: Σ(yᵢ − m₀ − m₁xᵢ)²/(2σ²) + (δ/2)‖m‖².
    const [m0, m1] = [0.357384276267, 0.862894930198];
    const lmin = linreg.x.reduce((s, xi, i) => s + (linreg.y[i] - m0 - m1 * xi) ** 2 / 0.5, 0) + 0.25 * (m0 * m0 + m1 * m1);
    expect(p.negLogZ).toBeCloseTo(lmin - Math.log(2 * Math.PI) + 0.5 * Math.log(detS), 8);
    expect(p.mean[0]).toBeCloseTo(m0, 8);
    expect(p.cov[0][0]).toBeCloseTo(24.5 / detS, 8);
    expect(p.edgeMass).toBeLessThan(1e-12);
    expect(p.bands).toHaveLength(2);
  });

  it('a run started with posterior carries KL(q ‖ p) per frame: conjugate ρ = 1 reaches 0 in one step', async () => {
    const host = createEngineHost();
    await one(host, { kind: MSG.start, runId: 3, spec: { loss: linreg, expectation: 'exact', rho: 1, steps: 3, init: { mean: [2, -1] } }, posterior: { view } });
    const f = await one(host, { kind: MSG.pull, runId: 3, maxSteps: 10 });
    if (f.kind !== MSG.frames) throw new Error('expected frames');
    expect(f.kl).toHaveLength(4);
    expect(f.kl![0]).toBeGreaterThan(1);
    for (let k = 1; k < 4; k++) expect(Math.abs(f.kl![k])).toBeLessThan(1e-8);
  });

  it('without a view, a 2-D family is measured on the loss’s own window', async () => {
    const host = createEngineHost();
    const spec = { loss: { kind: 'quadratic' as const }, expectation: 'exact' as const, rho: 1, steps: 2, init: { mean: [1, -1] as [number, number] } };
    await one(host, { kind: MSG.start, runId: 1, spec, posterior: {} });
    const own = (await prepareLoss(lossSchema.parse(spec.loss))).view;
    await one(host, { kind: MSG.start, runId: 2, spec, posterior: { view: [...own] } });
    const [a, b] = [await one(host, { kind: MSG.pull, runId: 1, maxSteps: 5 }), await one(host, { kind: MSG.pull, runId: 2, maxSteps: 5 })];
    if (a.kind !== MSG.frames || b.kind !== MSG.frames) throw new Error('expected frames');
    expect(a.kl![0]).toBeGreaterThan(0.1);
    expect(Array.from(a.kl!)).toEqual(Array.from(b.kl!));
  });

  it('the coin’s KL needs no window: Beta(α, β) against Beta(α₀ + h, β₀ + t) in closed form, 0 with no flips', async () => {
    const host = createEngineHost();
    const coin = (flips: (0 | 1)[]) => ({ loss: { kind: 'coin' as const, flips }, family: 'beta' as const, algorithm: 'conjugate' as const, steps: 1, init: { mean: [2, 2] as [number, number] } });
    await one(host, { kind: MSG.start, runId: 1, spec: coin([1, 1, 0]), posterior: {} });
    await one(host, { kind: MSG.start, runId: 2, spec: coin([]), posterior: {} });
    const [a, b] = [await one(host, { kind: MSG.pull, runId: 1, maxSteps: 5 }), await one(host, { kind: MSG.pull, runId: 2, maxSteps: 5 })];
    if (a.kind !== MSG.frames || b.kind !== MSG.frames) throw new Error('expected frames');
    expect(a.kl![0]).toBeCloseTo(betaKl(2, 2, 4, 3), 14);
    expect(a.kl![1]).toBe(0);
    expect(Array.from(b.kl!)).toEqual([0, 0]);
  });
});
