import { describe, expect, it } from 'vitest';
import { FRAME_STRIDE } from '../../src/engine/run';
import { EnginePool } from '../../src/worker/pool';
import { InProcessWorker } from './in-process-worker';

const factory = () => new InProcessWorker() as unknown as Worker;
const spec = { loss: { kind: 'rosenbrock' as const }, algorithm: 'newton' as const, steps: 4 };
const tick = () => new Promise((r) => setTimeout(r, 5));

describe('engine pool', () => {
  it('runs a spec through a worker and delivers frames on pull', async () => {
    const pool = new EnginePool(2, factory);
    const got: Float64Array[] = [];
    const statuses: string[] = [];
    const h = pool.startRun(spec, { onFrames: (d, s) => (got.push(d), statuses.push(s)), onError: () => {}, onWorkerLost: () => {} });
    h.pull(0);
    h.pull(10);
    await tick();
    expect(got.map((d) => d.length / FRAME_STRIDE)).toEqual([1, 4]);
    expect(statuses).toEqual(['running', 'ok']);
    pool.dispose();
  });

  it('spreads runs over the workers and ignores frames of a cancelled run', async () => {
    InProcessWorker.created = [];
    const pool = new EnginePool(2, factory);
    let cancelledFrames = 0;
    const a = pool.startRun(spec, { onFrames: () => cancelledFrames++, onError: () => {}, onWorkerLost: () => {} });
    pool.startRun(spec, { onFrames: () => {}, onError: () => {}, onWorkerLost: () => {} });
    expect(InProcessWorker.created).toHaveLength(2);
    // The pull is already on its way when the run is cancelled: its frames must be dropped.
    a.pull(3);
    a.cancel();
    await tick();
    expect(cancelledFrames).toBe(0);
    pool.dispose();
  });

  it('replaces a worker that dies and tells the runs it held', async () => {
    InProcessWorker.created = [];
    const pool = new EnginePool(1, factory);
    let lost = 0;
    pool.startRun(spec, { onFrames: () => {}, onError: () => {}, onWorkerLost: () => lost++ });
    const surface = pool.surface({ loss: { kind: 'wall' }, temperature: 1, nx: 30, ny: 30 });
    InProcessWorker.created[0].crash();
    expect(lost).toBe(1);
    await expect(surface).rejects.toThrow(/restarted/);
    // The next run gets a fresh worker and works.
    const frames: number[] = [];
    const h = pool.startRun(spec, { onFrames: (d) => frames.push(d.length), onError: () => {}, onWorkerLost: () => {} });
    h.pull(1);
    await tick();
    expect(InProcessWorker.created).toHaveLength(2);
    expect(frames).toEqual([2 * FRAME_STRIDE]);
    pool.dispose();
  });

  it('passes spec errors to the run listener', async () => {
    const pool = new EnginePool(1, factory);
    let message = '';
    pool.startRun({ ...spec, steps: -1 }, { onFrames: () => {}, onError: (m) => (message = m), onWorkerLost: () => {} });
    await tick();
    expect(message).toMatch(/steps/);
    pool.dispose();
  });
});
