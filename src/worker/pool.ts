/**
 * The page's side of the engine: a small pool of workers shared by every figure. Runs stick to
 * the worker that holds their state; requests go to the least busy worker.
 *
 * A worker is lost when it throws (an `error` event), when a message to it cannot be sent, or
 * when it owes replies and says nothing for LIVENESS_MS (it died without an error event, or
 * loops): it is terminated and replaced, and the runs it held are told, so their figures restart
 * them and say so. A busy worker sends a heartbeat every HEARTBEAT_MS, so a slow but legitimate
 * job is never taken for a dead one. Replacements are bounded: after MAX_RESPAWNS within
 * RESPAWN_WINDOW_MS the pool gives up and every figure says what happened. A page that cannot
 * start workers at all (new Worker throws, or the first workers fail before loading: a host
 * page's `worker-src`) runs the engine on the page itself through the fallback (inline.ts).
 */
import type { RunSpecInput } from '../engine/spec';
import { inlineWorkerFactory } from './inline';
import { MSG, type FromWorker, type MeasureRequest, type SurfaceRequest, type ToWorker } from './protocol';

/** What a run's listener learns when the worker holding it was lost. */
export interface WorkerLoss {
  /** The pool has given up: nothing more will run on this page until it is reloaded. */
  final: boolean;
  /** For the reader: what happened and what now. */
  message: string;
}

export interface RunListener {
  onStarted?(steps: number): void;
  onFrames(data: Float64Array, status: 'running' | 'ok' | 'diverged' | 'not-converged', message: string | undefined, stride: number, kl?: Float64Array): void;
  onError(message: string): void;
  /** The worker holding this run was lost; the run is gone and must be restarted (unless `final`). */
  onWorkerLost(loss: WorkerLoss): void;
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
  /** Replies owed per run: one for its start (started or run-error), one per pull (frames). */
  owed: Map<number, number>;
  /** The worker has said something (its script loaded). */
  loaded: boolean;
  /** When it last said something, and when it last began to owe replies (pool clock). */
  heardAt: number;
  owingSince: number;
  /** A stand-in for a worker that could not be made (its loss is already queued). */
  dead: boolean;
  /** Made by the fallback (runs on the page). */
  inline: boolean;
}

export type WorkerFactory = () => Worker;

/** A worker that owes replies and is silent this long is lost (ms). See the module comment. */
export const LIVENESS_MS = 10_000;
/** The same for a new worker before its first message: its script may still be downloading. */
export const LOAD_MS = 30_000;
export const MAX_RESPAWNS = 6;
export const RESPAWN_WINDOW_MS = 5 * 60_000;

export interface PoolOptions {
  livenessMs?: number;
  loadMs?: number;
  maxRespawns?: number;
  respawnWindowMs?: number;
  /** Where the engine runs when workers cannot be started at all (none: the figures say so). */
  fallback?: WorkerFactory | null;
  /** The figures are embedded in another page, whose `worker-src` may be what blocks workers. */
  embedded?: boolean;
  /** The pool's clock (ms). */
  now?: () => number;
}

const defaultFactory: WorkerFactory = () => new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });

const WORKER_SRC_HINT =
  'If this figure is embedded in another page, that page’s Content-Security-Policy may be blocking workers: it must allow them with worker-src (blob: and the book’s address).';

/** Reader-facing messages of the pool. */
export function lossMessages(embedded: boolean) {
  return {
    replaced: (silent: boolean) =>
      `The engine worker ${silent ? 'stopped answering' : 'stopped unexpectedly'} and was replaced; the runs restarted from the start.`,
    inline: embedded
      ? 'This page does not let the figure start its background worker (its Content-Security-Policy must allow worker-src blob: and the book’s address), so the figure runs on the page itself and may be slower.'
      : 'The browser did not let the book start its background worker, so the figures run on the page itself and may be slower.',
    failed: embedded
      ? `The engine worker keeps stopping, so this figure has stopped. ${WORKER_SRC_HINT}`
      : 'The engine worker keeps stopping, so this figure has stopped too. Reload the page to try again.',
    request: 'The engine worker stopped unexpectedly and was restarted; try again.',
  };
}

type LossReason = 'error' | 'silent' | 'post' | 'create';

/** A pool of engine workers (size from hardwareConcurrency, between 2 and 4). */
export class EnginePool {
  private slots: (Slot | null)[];
  private readonly listeners = new Map<number, RunListener>();
  private readonly runSlot = new Map<number, number>();
  private readonly requests = new Map<number, Pending>();
  private nextId = 1;
  private factory: WorkerFactory;
  private readonly fallback: WorkerFactory | null;
  private readonly livenessMs: number;
  private readonly loadMs: number;
  private readonly maxRespawns: number;
  private readonly respawnWindowMs: number;
  private readonly now: () => number;
  private readonly messages: ReturnType<typeof lossMessages>;
  /** `workers`; `inline` once on the fallback; `failed` once given up. */
  private mode: 'workers' | 'inline' | 'failed' = 'workers';
  private everLoaded = false;
  private loadFailures = 0;
  private readonly lossTimes: number[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private checkDue = 0;
  private disposed = false;

  constructor(size?: number, factory: WorkerFactory = defaultFactory, options: PoolOptions = {}) {
    const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
    this.slots = new Array(size ?? Math.max(2, Math.min(4, cores - 1))).fill(null);
    this.factory = factory;
    this.fallback = options.fallback ?? null;
    this.livenessMs = options.livenessMs ?? LIVENESS_MS;
    this.loadMs = options.loadMs ?? LOAD_MS;
    this.maxRespawns = options.maxRespawns ?? MAX_RESPAWNS;
    this.respawnWindowMs = options.respawnWindowMs ?? RESPAWN_WINDOW_MS;
    this.now = options.now ?? (() => Date.now());
    this.messages = lossMessages(!!options.embedded);
  }

  /** Where the engine runs now: in workers, on the page (fallback), or nowhere (given up). */
  get state(): 'workers' | 'inline' | 'failed' {
    return this.mode;
  }

  /** Workers replaced so far within the respawn window. */
  get recentLosses(): number {
    this.pruneLosses();
    return this.lossTimes.length;
  }

  /** Starts a run; the spec is validated in the worker and errors come back to the listener. */
  startRun(spec: RunSpecInput, listener: RunListener, options: { posterior?: MeasureRequest } = {}): RunHandle {
    const id = this.nextId++;
    const index = this.leastBusy();
    const slot = this.slot(index);
    slot.runs.add(id);
    this.listeners.set(id, listener);
    this.runSlot.set(id, index);
    this.postRun(index, id, { kind: MSG.start, runId: id, spec, ...(options.posterior ? { posterior: options.posterior } : {}) });
    return {
      id,
      pull: (maxSteps) => {
        const at = this.runSlot.get(id);
        if (at !== undefined) this.postRun(at, id, { kind: MSG.pull, runId: id, maxSteps });
      },
      cancel: () => {
        const at = this.runSlot.get(id);
        this.forget(id);
        const s = at !== undefined ? this.slots[at] : null;
        if (s && !s.dead) this.send(at!, s, { kind: MSG.cancel, runId: id });
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
    this.disposed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.slots.forEach((s, i) => s && this.lose(i, s, null));
  }

  private request(make: (id: number) => ToWorker, index = this.leastBusy()): Promise<FromWorker> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.requests.set(id, { resolve, reject });
      const slot = this.slot(index);
      this.owe(slot, () => slot.pending.add(id));
      const msg = make(id);
      const error = this.send(index, slot, msg);
      if (error && isCloneError(error)) {
        slot.pending.delete(id);
        this.requests.delete(id);
        reject(new Error(`The request could not be sent to the engine worker (${error.message}).`));
      }
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
    const t = this.now();
    const slot: Slot = { worker: DEAD, runs: new Set(), pending: new Set(), owed: new Map(), loaded: false, heardAt: t, owingSince: t, dead: false, inline: this.mode === 'inline' };
    this.slots[index] = slot;
    if (this.mode === 'failed' || this.disposed) {
      // Nothing runs any more: the runs and requests put here learn so at once (asynchronously,
      // after their caller has kept their handles); after dispose they are simply dropped.
      slot.dead = true;
      queueMicrotask(() => this.lose(index, slot, this.disposed ? null : 'create'));
      return slot;
    }
    try {
      slot.worker = this.factory();
    } catch {
      slot.dead = true;
      queueMicrotask(() => this.lose(index, slot, 'create'));
      return slot;
    }
    slot.worker.onmessage = (e: MessageEvent<FromWorker>) => this.receive(slot, e.data);
    slot.worker.onerror = (e) => {
      e.preventDefault?.();
      this.lose(index, slot, 'error');
    };
    slot.worker.onmessageerror = () => this.lose(index, slot, 'error');
    return slot;
  }

  /** Posts a run's message, which the worker answers once; a message that cannot be cloned fails the run. */
  private postRun(index: number, runId: number, msg: ToWorker): void {
    const slot = this.slot(index);
    this.owe(slot, () => slot.owed.set(runId, (slot.owed.get(runId) ?? 0) + 1));
    const error = this.send(index, slot, msg);
    if (error && isCloneError(error)) {
      const l = this.listeners.get(runId);
      this.forget(runId);
      queueMicrotask(() => l?.onError(`The run could not be sent to the engine worker (${error.message}).`));
    }
  }

  /**
   * Posts to a slot's worker. A DataCloneError is the message's fault and is returned to the
   * caller; any other failure loses the worker (after the caller has kept its handles).
   */
  private send(index: number, slot: Slot, msg: ToWorker): Error | null {
    if (slot.dead) return null;
    try {
      slot.worker.postMessage(msg);
      return null;
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      if (!isCloneError(error)) queueMicrotask(() => this.lose(index, slot, 'post'));
      return error;
    }
  }

  /** Records that `slot` now owes a reply (`add`), starting its silence clock if it owed none. */
  private owe(slot: Slot, add: () => void): void {
    if (!owing(slot)) slot.owingSince = this.now();
    add();
    this.schedule();
  }

  private receive(slot: Slot, msg: FromWorker): void {
    slot.heardAt = this.now();
    if (!slot.loaded) {
      slot.loaded = true;
      this.everLoaded = true;
    }
    switch (msg.kind) {
      case MSG.ready:
      case MSG.alive:
        return;
      case MSG.started:
        this.paid(slot, msg.runId);
        this.listeners.get(msg.runId)?.onStarted?.(msg.steps);
        return;
      case MSG.frames: {
        this.paid(slot, msg.runId);
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

  private paid(slot: Slot, runId: number): void {
    const n = slot.owed.get(runId);
    if (n === undefined) return;
    if (n <= 1) slot.owed.delete(runId);
    else slot.owed.set(runId, n - 1);
  }

  private forget(runId: number): void {
    const at = this.runSlot.get(runId);
    const slot = at !== undefined ? this.slots[at] : null;
    if (slot) {
      slot.runs.delete(runId);
      slot.owed.delete(runId);
    }
    this.runSlot.delete(runId);
    this.listeners.delete(runId);
  }

  /** Checks the owing workers every quarter of the liveness limit, while any owes a reply. */
  private schedule(): void {
    if (this.timer !== undefined || this.disposed || !this.slots.some((s) => s && !s.dead && owing(s))) return;
    const every = this.livenessMs / 4;
    this.checkDue = this.now() + every;
    this.timer = setTimeout(this.check, every);
  }

  private readonly check = (): void => {
    this.timer = undefined;
    const t = this.now();
    // A check far later than due means the page itself was asleep (a frozen tab): the workers'
    // replies may be queued behind this timer, so their silence counts from now.
    const slept = t - this.checkDue > this.livenessMs / 2;
    this.slots.forEach((slot, i) => {
      if (!slot || slot.dead || !owing(slot)) return;
      if (slept) {
        slot.owingSince = t;
        return;
      }
      const limit = slot.loaded ? this.livenessMs : this.loadMs;
      if (t - Math.max(slot.heardAt, slot.owingSince) >= limit) this.lose(i, slot, 'silent');
    });
    this.schedule();
  };

  private pruneLosses(): void {
    const from = this.now() - this.respawnWindowMs;
    while (this.lossTimes.length && this.lossTimes[0] < from) this.lossTimes.shift();
  }

  /** Counts a loss and decides what comes next: a replacement, the fallback, or giving up. */
  private judge(slot: Slot, reason: LossReason): WorkerLoss {
    const m = this.messages;
    if (this.mode === 'failed') return { final: true, message: m.failed };
    if (this.mode === 'workers' && !slot.loaded && !this.everLoaded) {
      this.loadFailures++;
      // No worker of this page has ever loaded: a policy or browser that does not allow them.
      if (this.fallback && (reason === 'create' || this.loadFailures >= 2)) {
        this.mode = 'inline';
        this.factory = this.fallback;
        // For whoever embeds the book: the figures say it too, but the console is where a host looks.
        console.warn(`BLR Explorable: the engine workers could not start (${reason}); running on the page instead. ${m.inline}`);
        return { final: false, message: m.inline };
      }
    }
    this.pruneLosses();
    this.lossTimes.push(this.now());
    if (this.lossTimes.length > this.maxRespawns) {
      this.mode = 'failed';
      console.warn(`BLR Explorable: ${this.lossTimes.length} engine workers lost within ${Math.round(this.respawnWindowMs / 1000)} s; giving up. ${m.failed}`);
      return { final: true, message: m.failed };
    }
    return { final: false, message: m.replaced(reason === 'silent') };
  }

  /** Drops a worker (if `slot` is still the one at `index`); with a reason, its runs and requests learn that it was lost. */
  private lose(index: number, slot: Slot, reason: LossReason | null, decided?: WorkerLoss): void {
    if (this.slots[index] !== slot) return;
    this.slots[index] = null;
    try {
      slot.worker.terminate();
    } catch {
      /* already gone */
    }
    const lost: RunListener[] = [];
    for (const runId of slot.runs) {
      const l = this.listeners.get(runId);
      this.runSlot.delete(runId);
      this.listeners.delete(runId);
      if (l) lost.push(l);
    }
    const pending = [...slot.pending].map((id) => this.requests.get(id));
    slot.pending.forEach((id) => this.requests.delete(id));
    if (reason === null) {
      pending.forEach((p) => p?.reject(new Error('The engine pool was closed.')));
      return;
    }
    const wasInline = this.mode === 'inline';
    const loss = decided ?? this.judge(slot, reason);
    if (!wasInline && this.mode === 'inline') {
      // The other workers that have not loaded will not load either: their runs move to the
      // page too, and each learns why.
      this.slots.forEach((s, j) => s && !s.dead && !s.loaded && !s.inline && this.lose(j, s, reason, loss));
    }
    const requestMessage = loss.final ? loss.message : this.messages.request;
    pending.forEach((p) => p?.reject(new Error(requestMessage)));
    lost.forEach((l) => l.onWorkerLost(loss));
  }
}

const owing = (slot: Slot) => slot.owed.size > 0 || slot.pending.size > 0;
const isCloneError = (e: Error) => e.name === 'DataCloneError';

/** A worker that is not there: the stand-in of a slot whose worker could not be made. */
const DEAD = { postMessage() {}, terminate() {} } as unknown as Worker;

/** FNV-1a: a small, stable string hash for routing. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

let shared: EnginePool | null = null;

/** The pool shared by every figure on the page (created on first use), with the on-page fallback. */
export function getEnginePool(): EnginePool {
  if (!shared) {
    const embedded = typeof window !== 'undefined' && window.self !== window.top;
    shared = new EnginePool(undefined, defaultFactory, { fallback: inlineWorkerFactory, embedded });
  }
  return shared;
}
