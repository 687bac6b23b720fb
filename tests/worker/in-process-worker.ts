import { createEngineHost } from '../../src/worker/host';
import type { ToWorker } from '../../src/worker/protocol';

/** A Worker stand-in that runs the real engine host in-process, asynchronously. */
export class InProcessWorker {
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  terminated = false;
  private host = createEngineHost();
  private queue = Promise.resolve();
  static created: InProcessWorker[] = [];
  constructor() {
    InProcessWorker.created.push(this);
  }
  postMessage(msg: ToWorker) {
    this.queue = this.queue.then(async () => {
      if (this.terminated) return;
      for (const r of await this.host.handle(msg)) if (!this.terminated) this.onmessage?.({ data: r.message } as MessageEvent);
    });
  }
  crash() {
    this.onerror?.({ preventDefault() {} } as ErrorEvent);
  }
  terminate() {
    this.terminated = true;
  }
}

/** A worker that fails as soon as it is asked anything (a chunk that cannot load, say). */
export class BrokenWorker extends InProcessWorker {
  postMessage() {
    setTimeout(() => this.crash());
  }
}

export const inProcessFactory = () => new InProcessWorker() as unknown as Worker;
