/**
 * The page's side of the engine: a small pool of workers shared by every figure. Runs stick to
 * the worker that holds their state; requests go to the least busy worker. A worker that
 * throws or dies is replaced and the runs it held are told, so their figures can say so.
 */
import type { RunSpecInput } from '../engine/spec';
import { MSG, type FromWorker, type MeasureRequest, type SurfaceRequest, type ToWorker } from './protocol';

export interface RunListener {
  onStarted?(steps: number): void;
  onFrames(data: Float64Array, status: 'running' | 'ok' | 'diverged' | 'not-converged', message: string | undefined, stride: number, kl?: Float64Array): void;
  onError(message: string): void;
  /** The worker holding this run died; the run is gone and must be restarted. */
  onWorkerLost(): void;
}

export interface RunHandle {
  readonly id: number;
  /** Asks for up to `maxSteps` more steps; frames arrive through the listener. */
  pull(maxSteps: number): void;
  cancel(): void;
}

export type SurfaceResult = Extract<FromWorker, { kind: 'surface-result' }>;
type Pending = { resolve: (m: FromWorker) => void; reject: (e: Error) => void };

interface Slot {
  worker: Worker;
  runs: Set<number>;
  pending: Set<number>;
}

export type WorkerFactory = () => Worker;

const defaultFactory: WorkerFactory = () => new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });

/** A pool of engine workers (size from hardwareConcurrency, between 2 and 4). */
export class EnginePool {
  private slots: (Slot | null)[];
  private readonly listeners = new Map<number, RunListener>();
  private readonly runSlot = new Map<number, number>();
  private readonly requests = new Map<number, Pending>();
  private nextId = 1;
  private readonly factory: WorkerFactory;

  constructor(size?: number, factory: WorkerFactory = defaultFactory) {
    const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
    this.slots = new Array(size ?? Math.max(2, Math.min(4, cores - 1))).fill(null);
    this.factory = factory;
  }

  /** Starts a run; the spec is validated in the worker and errors come back to the listener. */
  startRun(spec: RunSpecInput, listener: RunListener, options: { posterior?: MeasureRequest } = {}): RunHandle {
    const id = this.nextId++;
    const index = this.leastBusy();
    const slot = this.slot(index);
    slot.runs.add(id);
    this.listeners.set(id, listener);
    this.runSlot.set(id, index);
    this.post(index, { kind: MSG.start, runId: id, spec, ...(options.posterior ? { posterior: options.posterior } : {}) });
    return {
      id,
      pull: (maxSteps) => {
        const at = this.runSlot.get(id);
        if (at !== undefined) this.post(at, { kind: MSG.pull, runId: id, maxSteps });
      },
      cancel: () => {
        const at = this.runSlot.get(id);
        this.forget(id);
        if (at !== undefined && this.slots[at]) this.post(at, { kind: MSG.cancel, runId: id });
      },
    };
  }

  /** Loss contours and the tempered target for a loss, computed (and cached) in a worker. */
  surface(req: Omit<SurfaceRequest, 'kind' | 'id'>): Promise<SurfaceResult> {
    // Each surface always goes to the same worker, whose cache then serves every figure.
    const index = hashString(JSON.stringify([req.loss, req.temperature, req.nx, req.ny, req.view])) % this.slots.length;
    return this.request((id) => ({ kind: MSG.surface, id, ...req }), index) as Promise<SurfaceResult>;
  }

  /** Whether a custom formula parses and passes the whitelist, with the parser's message. */
  async checkExpr(expr: string): Promise<{ ok: boolean; message?: string }> {
    const reply = (await this.request((id) => ({ kind: MSG.checkExpr, id, expr }))) as Extract<FromWorker, { kind: 'expr-result' }>;
    return { ok: reply.ok, message: reply.message };
  }

  /** Terminates every worker (tests, page teardown). */
  dispose(): void {
    this.slots.forEach((s, i) => s && this.lose(i, false));
  }

  private request(make: (id: number) => ToWorker, index = this.leastBusy()): Promise<FromWorker> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.requests.set(id, { resolve, reject });
      this.slot(index).pending.add(id);
      this.post(index, make(id));
    });
  }

  private leastBusy(): number {
    let best = 0;
    let load = Infinity;
    this.slots.forEach((s, i) => {
      const l = s ? s.runs.size + s.pending.size : 0;
      if (l < load) {
        load = l;
        best = i;
      }
    });
    return best;
  }

  private slot(index: number): Slot {
    const existing = this.slots[index];
    if (existing) return existing;
    const worker = this.factory();
    const slot: Slot = { worker, runs: new Set(), pending: new Set() };
    worker.onmessage = (e: MessageEvent<FromWorker>) => this.receive(slot, e.data);
    worker.onerror = (e) => {
      e.preventDefault?.();
      this.lose(index, true);
    };
    worker.onmessageerror = () => this.lose(index, true);
    this.slots[index] = slot;
    return slot;
  }

  private post(index: number, msg: ToWorker): void {
    this.slot(index).worker.postMessage(msg);
  }

  private receive(slot: Slot, msg: FromWorker): void {
    switch (msg.kind) {
      case MSG.started:
        this.listeners.get(msg.runId)?.onStarted?.(msg.steps);
        return;
      case MSG.frames: {
        const l = this.listeners.get(msg.runId);
        if (msg.status !== 'running') this.forget(msg.runId);
        l?.onFrames(msg.data, msg.status, msg.message, msg.stride, msg.kl);
        return;
      }
      case MSG.runError: {
        const l = this.listeners.get(msg.runId);
        this.forget(msg.runId);
        l?.onError(msg.message);
        return;
      }
      case MSG.surfaceResult:
      case MSG.exprResult: {
        const p = this.requests.get(msg.id);
        this.requests.delete(msg.id);
        slot.pending.delete(msg.id);
        p?.resolve(msg);
        return;
      }
    }
  }

  private forget(runId: number): void {
    const at = this.runSlot.get(runId);
    if (at !== undefined) this.slots[at]?.runs.delete(runId);
    this.runSlot.delete(runId);
    this.listeners.delete(runId);
  }

  /** Drops a worker; with `notify`, its runs and requests learn that it was lost. */
  private lose(index: number, notify: boolean): void {
    const slot = this.slots[index];
    if (!slot) return;
    this.slots[index] = null;
    slot.worker.terminate();
    for (const runId of slot.runs) {
      const l = this.listeners.get(runId);
      this.runSlot.delete(runId);
      this.listeners.delete(runId);
      if (notify) l?.onWorkerLost();
    }
    for (const id of slot.pending) {
      const p = this.requests.get(id);
      this.requests.delete(id);
      p?.reject(new Error('The engine worker stopped unexpectedly and was restarted; try again.'));
    }
  }
}

/** FNV-1a: a small, stable string hash for routing. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

let shared: EnginePool | null = null;

/** The pool shared by every figure on the page (created on first use). */
export function getEnginePool(): EnginePool {
  shared ??= new EnginePool();
  return shared;
}
