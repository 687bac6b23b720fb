/// <reference lib="webworker" />
/** The engine worker: a thin shell that feeds messages to the engine host, in order. */
import { createEngineHost } from './host';
import type { ToWorker } from './protocol';

const host = createEngineHost();
const scope = self as unknown as DedicatedWorkerGlobalScope;
// Messages are handled one after another so a pull never overtakes the start of its run.
let queue: Promise<void> = Promise.resolve();

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
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
    }
  });
};
