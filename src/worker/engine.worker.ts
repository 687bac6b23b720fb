/// <reference lib="webworker" />
/**
 * The engine worker: a thin shell that feeds messages to the engine host, in order. It says
 * `ready` once loaded and, while it has work queued, `alive` every HEARTBEAT_MS, so the pool's
 * liveness check (pool.ts) can tell a slow job from a worker that died or hangs.
 */
import { createEngineHost } from './host';
import { HEARTBEAT_MS, MSG, type FromWorker, type ToWorker } from './protocol';

const host = createEngineHost();
const scope = self as unknown as DedicatedWorkerGlobalScope;
// Messages are handled one after another so a pull never overtakes the start of its run.
let queue: Promise<void> = Promise.resolve();
let busy = 0;
let heartbeat: ReturnType<typeof setInterval> | undefined;
const alive: FromWorker = { kind: MSG.alive };

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  if (busy++ === 0) heartbeat = setInterval(() => scope.postMessage(alive), HEARTBEAT_MS);
  queue = queue.then(async () => {
    try {
      for (const reply of await host.handle(msg)) scope.postMessage(reply.message, reply.transfer ?? []);
    } catch (e) {
      // The host answers every expected failure itself; anything else is a bug. Rethrow outside
      // the queue so the worker's error event fires and the pool replaces this worker, instead
      // of leaving a queue that silently skips every later message.
      setTimeout(() => {
        throw e;
      });
    } finally {
      if (--busy === 0) clearInterval(heartbeat);
    }
  });
};

scope.postMessage({ kind: MSG.ready } satisfies FromWorker);
