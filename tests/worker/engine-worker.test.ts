/** The real worker shell (engine.worker.ts) in Node through @vitest/web-worker. */
import '@vitest/web-worker';
import { describe, expect, it } from 'vitest';
import { MSG, type FromWorker } from '../../src/worker/protocol';

describe('engine worker shell', () => {
  it('says ready once loaded, before anything is asked, then answers in order', async () => {
    const worker = new Worker(new URL('../../src/worker/engine.worker.ts', import.meta.url), { type: 'module' });
    const got: FromWorker[] = [];
    const arrived = (n: number) =>
      new Promise<void>((resolve) => {
        const check = () => (got.length >= n ? resolve() : setTimeout(check, 5));
        check();
      });
    worker.onmessage = (e: MessageEvent<FromWorker>) => got.push(e.data);
    await arrived(1);
    expect(got[0]).toEqual({ kind: MSG.ready });
    worker.postMessage({ kind: MSG.start, runId: 1, spec: { loss: { kind: 'rosenbrock' }, algorithm: 'newton', steps: 3 } });
    worker.postMessage({ kind: MSG.pull, runId: 1, maxSteps: 3 });
    await arrived(3);
    const replies = got.filter((m) => m.kind !== MSG.alive).map((m) => m.kind);
    expect(replies).toEqual([MSG.ready, MSG.started, MSG.frames]);
    worker.terminate();
  });
});
