/**
 * The pool's liveness check, bounded respawning, fallback and postMessage failures (issue 10),
 * with scripted fake workers and fake timers: no sleeps, every limit injected.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEngineHost } from '../../src/worker/host';
import { InlineWorker } from '../../src/worker/inline';
import { EnginePool, LIVENESS_MS, type WorkerLoss } from '../../src/worker/pool';
import { HEARTBEAT_MS, MSG, type FromWorker, type ToWorker } from '../../src/worker/protocol';

/** A scripted worker: records what it is sent; the test makes it speak, throw, or fall silent. */
class FakeWorker {
  static created: FakeWorker[] = [];
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  sent: ToWorker[] = [];
  terminated = false;
  /** What postMessage throws, if anything. */
  throwOnPost: Error | null = null;
  constructor() {
    FakeWorker.created.push(this);
  }
  postMessage(msg: ToWorker) {
    if (this.throwOnPost) throw this.throwOnPost;
    this.sent.push(msg);
  }
  terminate() {
    this.terminated = true;
  }
  say(message: FromWorker) {
    if (!this.terminated) this.onmessage?.({ data: message } as MessageEvent<FromWorker>);
  }
  /** Answers every start and pull sent so far with one frame of status `status`. */
  answer(status: 'running' | 'ok' = 'running') {
    for (const m of this.sent.splice(0)) {
      if (m.kind === MSG.start) this.say({ kind: MSG.started, runId: m.runId, steps: 10 });
      if (m.kind === MSG.pull) this.say({ kind: MSG.frames, runId: m.runId, data: new Float64Array(9), stride: 9, status });
    }
  }
  failToLoad() {
    this.onerror?.({ preventDefault() {} } as ErrorEvent);
  }
}

const factory = () => new FakeWorker() as unknown as Worker;
const spec = { loss: { kind: 'rosenbrock' as const }, algorithm: 'newton' as const, steps: 4 };
const LIMIT = 1000;

function listener() {
  const losses: WorkerLoss[] = [];
  const errors: string[] = [];
  let frames = 0;
  return {
    losses,
    errors,
    get frames() {
      return frames;
    },
    onFrames: () => void frames++,
    onError: (m: string) => void errors.push(m),
    onWorkerLost: (l: WorkerLoss) => void losses.push(l),
  };
}

const pools: EnginePool[] = [];
function pool(options: ConstructorParameters<typeof EnginePool>[2] = {}, size = 1, make = factory) {
  const p = new EnginePool(size, make, { livenessMs: LIMIT, loadMs: 3 * LIMIT, ...options });
  pools.push(p);
  return p;
}

beforeEach(() => {
  FakeWorker.created = [];
  vi.useFakeTimers();
});
afterEach(() => {
  pools.splice(0).forEach((p) => p.dispose());
  vi.useRealTimers();
});

describe('engine pool liveness', () => {
  it('replaces a loaded worker that owes a reply and stays silent for the limit, not before, and tells its runs', async () => {
    const p = pool();
    const l = listener();
    const h = p.startRun(spec, l);
    h.pull(0);
    const w = FakeWorker.created[0];
    w.say({ kind: MSG.ready });
    w.answer();
    expect(l.frames).toBe(1);
    h.pull(4); // …and then the worker dies without an error event.
    vi.advanceTimersByTime(LIMIT - 300);
    expect(w.terminated).toBe(false);
    expect(l.losses).toEqual([]);
    vi.advanceTimersByTime(600);
    expect(w.terminated).toBe(true);
    expect(l.losses).toEqual([{ final: false, message: expect.stringMatching(/stopped answering and was replaced/) }]);
    // The next run gets a new worker.
    p.startRun(spec, listener());
    expect(FakeWorker.created).toHaveLength(2);
  });

  it('never times out an idle worker, however long it is quiet', () => {
    const p = pool();
    const l = listener();
    const h = p.startRun(spec, l);
    h.pull(0);
    FakeWorker.created[0].answer();
    vi.advanceTimersByTime(100 * LIMIT);
    expect(FakeWorker.created[0].terminated).toBe(false);
    expect(l.losses).toEqual([]);
    expect(vi.getTimerCount()).toBe(0); // no check runs while nothing is owed
  });

  it('a busy worker’s heartbeats keep it alive through a job many limits long', () => {
    const p = pool();
    const l = listener();
    p.startRun(spec, l).pull(0);
    const w = FakeWorker.created[0];
    w.say({ kind: MSG.ready });
    for (let t = 0; t < 10 * LIMIT; t += LIMIT / 2) {
      vi.advanceTimersByTime(LIMIT / 2);
      w.say({ kind: MSG.alive });
    }
    expect(w.terminated).toBe(false);
    w.answer();
    expect(l.frames).toBe(1);
    expect(l.losses).toEqual([]);
  });

  it('gives a new worker the longer load limit before its first message', () => {
    const p = pool();
    const l = listener();
    p.startRun(spec, l);
    vi.advanceTimersByTime(2 * LIMIT);
    expect(FakeWorker.created[0].terminated).toBe(false);
    vi.advanceTimersByTime(2 * LIMIT);
    expect(FakeWorker.created[0].terminated).toBe(true);
    expect(l.losses).toHaveLength(1);
  });

  it('a frozen page (a check far later than due) restarts the silence clock instead of killing', () => {
    let clock = 0;
    const p = pool({ now: () => clock });
    const l = listener();
    p.startRun(spec, l);
    FakeWorker.created[0].say({ kind: MSG.ready });
    clock += 20 * LIMIT; // the tab slept; the timer fires once, late
    vi.advanceTimersByTime(LIMIT / 4);
    expect(FakeWorker.created[0].terminated).toBe(false);
    FakeWorker.created[0].answer();
    expect(l.losses).toEqual([]);
  });

  it('bounds respawning: after maxRespawns replacements within the window it gives up, says so, and starts no more workers', async () => {
    const p = pool({ maxRespawns: 3 });
    const seen: WorkerLoss[] = [];
    // A figure that restarts its run after every non-final loss, like the controller does.
    const start = () => {
      const l = { ...listener(), onWorkerLost: (loss: WorkerLoss) => (seen.push(loss), loss.final || start()) };
      p.startRun(spec, l).pull(0);
      FakeWorker.created.at(-1)!.say({ kind: MSG.ready }); // loads, then hangs
    };
    start();
    let elapsed = 0;
    while (!seen.some((s) => s.final) && elapsed < 100 * LIMIT) {
      vi.advanceTimersByTime(LIMIT / 4);
      elapsed += LIMIT / 4;
    }
    expect(seen.map((s) => s.final)).toEqual([false, false, false, true]);
    expect(seen[3].message).toMatch(/keeps stopping.*Reload the page/);
    expect(FakeWorker.created).toHaveLength(4);
    // Each hang is found within the limit plus one check interval: 4 losses in at most 5 limits.
    expect(elapsed).toBeLessThanOrEqual(4 * (LIMIT + LIMIT / 4));
    expect(p.state).toBe('failed');
    // A run started afterwards learns at once (asynchronously) that nothing runs; no worker is made.
    const late = listener();
    p.startRun(spec, late);
    await Promise.resolve();
    expect(late.losses).toEqual([{ final: true, message: seen[3].message }]);
    expect(FakeWorker.created).toHaveLength(4);
    await expect(p.checkExpr('x^2')).rejects.toThrow(/keeps stopping/);
  });

  it('forgets losses older than the window', () => {
    const p = pool({ maxRespawns: 2, respawnWindowMs: 10 * LIMIT });
    const l = listener();
    for (let k = 0; k < 5; k++) {
      p.startRun(spec, l);
      FakeWorker.created.at(-1)!.say({ kind: MSG.ready });
      FakeWorker.created.at(-1)!.failToLoad();
      vi.advanceTimersByTime(6 * LIMIT);
    }
    expect(l.losses.map((x) => x.final)).toEqual([false, false, false, false, false]);
    expect(p.recentLosses).toBeLessThanOrEqual(2);
  });

  it('inside an embed, giving up names the host page’s worker-src', () => {
    const p = pool({ maxRespawns: 0, embedded: true });
    const l = listener();
    p.startRun(spec, l);
    FakeWorker.created[0].say({ kind: MSG.ready });
    FakeWorker.created[0].failToLoad();
    expect(l.losses).toHaveLength(1);
    expect(l.losses[0].final).toBe(true);
    expect(l.losses[0].message).toMatch(/Content-Security-Policy.*worker-src/);
  });
});

describe('engine pool: workers that cannot start', () => {
  const inline = () => new InlineWorker(async () => createEngineHost()) as unknown as Worker;

  it('falls back to running on the page after two workers fail before loading (a worker-src that blocks them)', async () => {
    vi.useRealTimers();
    const p = pool({ fallback: inline, embedded: true });
    const seen: WorkerLoss[] = [];
    let frames = 0;
    const start = () =>
      p.startRun(spec, { onFrames: () => frames++, onError: () => {}, onWorkerLost: (loss) => (seen.push(loss), start().pull(10)) });
    start().pull(10);
    FakeWorker.created[0].failToLoad();
    FakeWorker.created[1].failToLoad();
    expect(seen.map((s) => s.final)).toEqual([false, false]);
    expect(seen[1].message).toMatch(/runs on the page itself/);
    expect(seen[1].message).toMatch(/worker-src/);
    expect(p.state).toBe('inline');
    await vi.waitFor(() => expect(frames).toBeGreaterThan(0));
    expect(FakeWorker.created).toHaveLength(2);
  });

  it('on the switch, every run on a worker that has not loaded moves to the page and is told why', async () => {
    vi.useRealTimers();
    const p = pool({ fallback: inline, embedded: true }, 2);
    const last: string[] = ['', ''];
    const frames = [0, 0];
    const start = (k: number) =>
      p.startRun(spec, { onFrames: () => frames[k]++, onError: () => {}, onWorkerLost: (loss) => ((last[k] = loss.message), start(k).pull(10)) });
    start(0).pull(10);
    start(1).pull(10);
    expect(FakeWorker.created).toHaveLength(2);
    FakeWorker.created[0].failToLoad(); // run 0 is replaced onto a third worker, which has not loaded either
    expect(FakeWorker.created).toHaveLength(3);
    FakeWorker.created[1].failToLoad(); // the second load failure: the pool moves to the page
    expect(p.state).toBe('inline');
    expect(FakeWorker.created[2].terminated).toBe(true);
    expect(last.every((m) => /worker-src/.test(m) && /on the page itself/.test(m))).toBe(true);
    await vi.waitFor(() => expect(Math.min(...frames)).toBeGreaterThan(0));
    // A late error from a worker already dropped changes nothing.
    const losses = p.recentLosses;
    const told = [...last];
    FakeWorker.created[2].failToLoad();
    expect(p.recentLosses).toBe(losses);
    expect(last).toEqual(told);
  });

  it('falls back at once when new Worker throws', async () => {
    vi.useRealTimers();
    const p = pool({ fallback: inline }, 1, () => {
      throw new DOMException('blocked', 'SecurityError');
    });
    const seen: WorkerLoss[] = [];
    let frames = 0;
    const start = () => p.startRun(spec, { onFrames: () => frames++, onError: () => {}, onWorkerLost: (loss) => (seen.push(loss), start().pull(10)) });
    expect(() => start().pull(10)).not.toThrow();
    await vi.waitFor(() => expect(frames).toBeGreaterThan(0));
    expect(seen).toEqual([{ final: false, message: expect.stringMatching(/did not let the book start its background worker/) }]);
  });

  it('without a fallback, workers that never load end in the bounded give-up', () => {
    const p = pool({ maxRespawns: 2 });
    const seen: WorkerLoss[] = [];
    const start = () => p.startRun(spec, { ...listener(), onWorkerLost: (loss) => (seen.push(loss), loss.final || start()) });
    start();
    for (let k = 0; k < 3; k++) FakeWorker.created[k].failToLoad();
    expect(seen.map((s) => s.final)).toEqual([false, false, true]);
  });
});

describe('engine pool: postMessage failures', () => {
  it('a message that cannot be cloned fails its run with a message, throws nothing, and the worker goes on', async () => {
    vi.useRealTimers();
    const p = new EnginePool(1, () => new InlineWorker(async () => createEngineHost()) as unknown as Worker);
    pools.push(p);
    const bad = listener();
    const hostile = { ...spec, loss: { kind: 'rosenbrock', junk: () => 1 } } as unknown as typeof spec;
    expect(() => p.startRun(hostile, bad).pull(1)).not.toThrow();
    await vi.waitFor(() => expect(bad.errors).toHaveLength(1));
    expect(bad.errors[0]).toMatch(/could not be sent to the engine worker/);
    expect(bad.losses).toEqual([]);
    const good = listener();
    p.startRun(spec, good).pull(4);
    await vi.waitFor(() => expect(good.frames).toBe(1));
  });

  it('any other postMessage failure loses the worker like a crash', async () => {
    const p = pool();
    const l = listener();
    const h = p.startRun(spec, l);
    FakeWorker.created[0].throwOnPost = new DOMException('gone', 'InvalidStateError');
    expect(() => h.pull(1)).not.toThrow();
    await Promise.resolve();
    expect(l.losses).toEqual([{ final: false, message: expect.stringMatching(/stopped unexpectedly and was replaced/) }]);
    expect(FakeWorker.created[0].terminated).toBe(true);
  });
});

describe('the production limits', () => {
  it('allow several heartbeats of silence before a worker counts as dead', () => {
    expect(LIVENESS_MS).toBeGreaterThanOrEqual(5 * HEARTBEAT_MS);
  });
});
