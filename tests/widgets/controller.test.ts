import { beforeEach, describe, expect, it } from 'vitest';
import { createFigureController } from '../../src/widgets/controller';
import { DEFAULT_SETTINGS } from '../../src/widgets/defaults';
import { specForAlgorithm, type FigureSettings, type SeriesConfig } from '../../src/widgets/settings';
import { EnginePool, MAX_RESPAWNS } from '../../src/worker/pool';
import { BrokenWorker, InProcessWorker, inProcessFactory } from '../worker/in-process-worker';
import { controllerHarness, until } from './_controller-harness';

const settings: FigureSettings = { ...DEFAULT_SETTINGS, rho: 0.2, samples: 4, steps: 40, speed: 200, loss: 'rosenbrock', expr: 'x^2' };
const series: SeriesConfig[] = [
  {
    key: 'blr', label: 'BLR', color: 'red', ellipses: true,
    spec: (s) => specForAlgorithm(s.alg, { loss: { kind: 'quadratic', hessian: [[2, 0.5], [0.5, 1]] }, family: 'gaussian', expectation: 'exact', rho: s.rho, temperature: s.tau, steps: s.steps, init: { mean: s.start } }),
  },
];
const surface = (s: FigureSettings) => ({ loss: { kind: 'quadratic' as const, hessian: [[2, 0.5], [0.5, 1]] as [[number, number], [number, number]] }, temperature: s.tau });

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

let reduced = false;
const { track } = controllerHarness();

function make(pool = new EnginePool(1, inProcessFactory)) {
  track(pool);
  const c = track(createFigureController({ id: 'fig', settings, notice: null, series, surface, pool, reducedMotion: () => reduced }));
  c.start();
  return c;
}

beforeEach(() => {
  reduced = false;
});

describe('figure controller', () => {
  it('shows frame 0 at once, plays to the end and stops with status done', async () => {
    const c = make();
    await until(() => c.logs[0].count === 1, 'frame 0');
    expect(c.store.getState().status).toBe('idle');
    c.play();
    expect(c.store.getState().status).toBe('running');
    await until(() => c.store.getState().status === 'done', 'the end of the run');
    expect(c.shown).toBe(40);
    expect(c.store.getState().playing).toBe(false);
  });

  it('Step adds exactly one step per press, also for quick double presses', async () => {
    const c = make();
    await until(() => c.logs[0].count === 1, 'frame 0');
    c.step();
    await until(() => c.shown === 1, 'step 1');
    c.step();
    c.step();
    await until(() => c.shown === 3, 'step 3 after a double press');
    await wait(50);
    expect(c.shown).toBe(3);
  });

  it('a reset right after Step stops the pending step: the figure stays at 0 and stops asking for frames', async () => {
    const c = make();
    await until(() => c.logs[0].count === 1, 'frame 0');
    for (let i = 0; i < 5; i++) c.step();
    await until(() => c.shown === 5, 'step 5');
    c.step();
    c.reset();
    await until(() => c.logs[0].count >= 1, 'frame 0 of the new run');
    await wait(100);
    const frames = c.framesReceived;
    await wait(100);
    expect(c.shown).toBe(0);
    expect(c.framesReceived).toBe(frames);
  });

  it('an off-screen figure stops pulling frames and resumes where it stopped', async () => {
    const c = make();
    await until(() => c.logs[0].count === 1, 'frame 0');
    c.update({ speed: 40 });
    c.play();
    await until(() => c.shown > 2, 'some steps');
    c.setVisible(false);
    await wait(50);
    const frames = c.framesReceived;
    const shown = c.shown;
    await wait(150);
    expect(c.framesReceived).toBe(frames);
    expect(c.shown).toBe(shown);
    c.setVisible(true);
    await until(() => c.shown > shown, 'resuming');
  });

  it('with reduced motion, Play shows the whole run at once; Pause stops it', async () => {
    reduced = true;
    const c = make();
    await until(() => c.logs[0].count === 1, 'frame 0');
    c.play();
    await until(() => c.store.getState().status === 'done', 'the whole run');
    expect(c.shown).toBe(40);
    c.update({ steps: 2000, speed: 20 });
    await until(() => c.logs[0].count === 1, 'frame 0 of the new run');
    c.play();
    c.pause();
    await wait(100);
    expect(c.store.getState().playing).toBe(false);
    expect(c.logs[0].count).toBeLessThan(2001);
  });

  it('draws the surface again after the worker that was computing it was lost', async () => {
    InProcessWorker.created = [];
    const pool = new EnginePool(1, inProcessFactory);
    const c = make(pool);
    // Lose the worker while the surface request is in flight.
    InProcessWorker.created[0].crash();
    await until(() => c.store.getState().surfaceError !== null || c.store.getState().surface !== null, 'the surface or its error');
    c.update({ tau: 0.5 });
    await until(() => c.store.getState().surface !== null, 'a surface after the loss');
  });

  it('gives up with a message, instead of respawning forever, when workers keep dying', async () => {
    InProcessWorker.created = [];
    const pool = new EnginePool(1, () => new BrokenWorker() as unknown as Worker);
    const c = make(pool);
    const t0 = performance.now();
    await until(() => c.store.getState().status === 'error', 'the error status');
    const ms = performance.now() - t0;
    expect(c.store.getState().messages.worker).toMatch(/Reload/);
    // The first worker and MAX_RESPAWNS replacements, then no more.
    expect(InProcessWorker.created.length).toBe(MAX_RESPAWNS + 1);
    console.info(`a crash-looping worker: ${InProcessWorker.created.length} workers, gave up after ${Math.round(ms)} ms`);
    const created = InProcessWorker.created.length;
    await wait(100);
    expect(InProcessWorker.created.length).toBeLessThanOrEqual(created + 1);
  });
});
