/**
 * A Worker stand-in that runs the engine host on the page itself, asynchronously and in order,
 * like engine.worker.ts does in its own thread. The pool falls back to it when the page cannot
 * start workers at all (a Content-Security-Policy without a `worker-src` that allows them, a
 * browser that throws from `new Worker`): the figures then run, more slowly, instead of not at
 * all. Tests use it as an in-process worker.
 */
import type { EngineHost } from './host';
import { MSG, type FromWorker, type ToWorker } from './protocol';

export class InlineWorker {
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  terminated = false;
  private queue: Promise<unknown>;
  private readonly host: Promise<EngineHost>;

  /** `loadHost` gives the engine host (production: a dynamic import, so the page loads it only when needed). */
  constructor(loadHost: () => Promise<EngineHost>) {
    this.host = loadHost();
    this.queue = this.host.then(
      () => this.deliver({ kind: MSG.ready }),
      (e) => this.fail(e),
    );
  }

  postMessage(msg: ToWorker): void {
    // Structured clone, as a real worker's postMessage does (and a DataCloneError the same way).
    const copy = structuredClone(msg);
    this.queue = this.queue.then(async () => {
      if (this.terminated) return;
      try {
        const host = await this.host;
        for (const r of await host.handle(copy)) this.deliver(r.message);
      } catch (e) {
        this.fail(e);
      }
    });
  }

  terminate(): void {
    this.terminated = true;
  }

  protected deliver(message: FromWorker): void {
    if (!this.terminated) this.onmessage?.({ data: message } as MessageEvent<FromWorker>);
  }

  private fail(e: unknown): void {
    if (this.terminated) return;
    const error = e instanceof Error ? e : new Error(String(e));
    this.onerror?.({ message: error.message, error, preventDefault() {} } as unknown as ErrorEvent);
  }
}

/** A factory for InlineWorkers that load the engine host with a dynamic import. */
export const inlineWorkerFactory = (): Worker => new InlineWorker(() => import('./host').then((m) => m.createEngineHost())) as unknown as Worker;
