import { createEngineHost } from '../../src/worker/host';
import { InlineWorker } from '../../src/worker/inline';

/** A Worker stand-in that runs the real engine host in-process (src/worker/inline.ts), recording every instance. */
export class InProcessWorker extends InlineWorker {
  static created: InProcessWorker[] = [];
  constructor() {
    super(async () => createEngineHost());
    InProcessWorker.created.push(this);
  }
  crash() {
    this.onerror?.({ preventDefault() {} } as ErrorEvent);
  }
}

/** A worker that fails as soon as it is asked anything (a chunk that cannot load, say). */
export class BrokenWorker extends InProcessWorker {
  postMessage() {
    setTimeout(() => this.crash());
  }
}

export const inProcessFactory = () => new InProcessWorker() as unknown as Worker;
