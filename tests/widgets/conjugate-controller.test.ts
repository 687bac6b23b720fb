/**
 * The controller's `showEndAfter` (FigureConfig.showEndAfter) on the conjugate regression figure:
 * an edit of the data restarts the run but keeps the old picture until the new run has finished,
 * then shows its last step (no flash of q₀ while a point is dragged); other edits, and edits
 * while playing, restart at step 0 as in every figure. And the coin, a figure with no surface:
 * KL(q ‖ p) per frame without one.
 */
import { describe, expect, it, vi } from 'vitest';
import { betaKl } from '../../src/engine/families/beta';
import { F } from '../../src/engine/run';
import { linregPosterior } from '../../src/widgets/conjugate';
import { createFigureController, type FigureController } from '../../src/widgets/controller';
import { COIN, CONJUGATE_LINREG } from '../../src/widgets/figures-conjugate';
import { EnginePool } from '../../src/worker/pool';
import { inProcessFactory } from '../worker/in-process-worker';
import { controllerHarness, until } from './_controller-harness';


const { track } = controllerHarness();

function make(online = false) {
  const pool = track(new EnginePool(1, inProcessFactory));
  const c = CONJUGATE_LINREG;
  const controller = createFigureController({
    id: 'conjugate-linreg',
    settings: { ...c.defaults, online, speed: 1000 },
    notice: null,
    series: c.series,
    surface: c.surface,
    posterior: c.posterior,
    pool,
    reducedMotion: () => false,
    showEndAfter: c.showEndAfter,
  });
  track(controller);
  controller.start();
  return controller;
}

/** The frame a listener would draw: the step and q's mean there. */
const onScreen = (c: FigureController) => {
  const log = c.logs[0];
  const k = Math.min(Math.floor(c.shown), log.count - 1);
  return k < 0 ? null : { step: log.data[k * log.stride + F.step], m: [log.data[k * log.stride + F.mx], log.data[k * log.stride + F.my]] };
};


describe('a figure without a surface (the coin)', () => {
  it('asks the worker for no surface and still gets KL(q ‖ p) per frame, in closed form', async () => {
    const pool = track(new EnginePool(1, inProcessFactory));
    const surface = vi.spyOn(pool, 'surface');
    const controller = createFigureController({ id: 'coin', settings: { ...COIN.defaults, speed: 1000 }, notice: null, series: COIN.series, posterior: COIN.posterior, pool, reducedMotion: () => false, showEndAfter: COIN.showEndAfter });
    track(controller);
    expect(COIN.surface).toBeUndefined();
    controller.start();
    controller.play();
    await until(() => controller.store.getState().status === 'done', 'the run to finish');
    const log = controller.logs[0];
    // Seven heads in ten from Beta(2, 2): q₀ is the prior, one step lands on Beta(9, 5).
    expect(log.count).toBe(2);
    expect(log.kl![0]).toBeCloseTo(betaKl(2, 2, 9, 5), 14);
    expect(log.kl![1]).toBe(0);
    controller.update({ flips: [] });
    await until(() => controller.logs[0].count === 1 && controller.store.getState().status === 'done', 'the run with no flips');
    expect(controller.logs[0].kl![0]).toBe(0);
    expect(surface).not.toHaveBeenCalled();
    expect(controller.store.getState().surface).toBeNull();
    expect(controller.store.getState().messages).toEqual({});
  });
});

describe('an edit of the data shows the new posterior, never q₀ in between', () => {
  it('all at once: moving a point restarts the run and shows its one step, with no frame 0 drawn', async () => {
    const c = make();
    await until(() => c.logs[0].count === 1, 'frame 0');
    const drawn: ({ step: number; m: number[] } | null)[] = [];
    c.subscribeFrames(() => drawn.push(onScreen(c)));
    const points: [number, number][] = [[-1, -0.5], [0, 1.4], [1, 1.1], [2, 2.2]];
    c.update({ points });
    await until(() => c.store.getState().status === 'done', 'the edited run to finish');
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn.every((d) => d?.step === 1)).toBe(true);
    const post = linregPosterior(points, 0.25, 0.5);
    expect(drawn.at(-1)!.m[0]).toBeCloseTo(post.mean[0], 12);
    expect(drawn.at(-1)!.m[1]).toBeCloseTo(post.mean[1], 12);
  });

  it('one point at a time: the edit shows the last point’s step; Step after Reset replays from q₀', async () => {
    const c = make(true);
    await until(() => c.logs[0].count === 1, 'frame 0');
    const drawn: (number | undefined)[] = [];
    c.subscribeFrames(() => drawn.push(onScreen(c)?.step));
    c.update({ noise: 0.5 });
    await until(() => c.store.getState().status === 'done', 'the edited run to finish');
    expect(new Set(drawn)).toEqual(new Set([4]));
    c.reset();
    await until(() => c.logs[0].count >= 1 && onScreen(c)?.step === 0, 'q₀ after Reset');
    c.step();
    await until(() => onScreen(c)?.step === 1, 'step 1');
  });

  it('other edits (the start) restart at step 0, and so do data edits while playing', async () => {
    const c = make();
    await until(() => c.logs[0].count === 1, 'frame 0');
    c.update({ start: [1, -1] });
    await until(() => c.logs[0].count >= 1, 'the restarted run');
    expect(onScreen(c)?.step).toBe(0);
    expect(onScreen(c)?.m).toEqual([1, -1]);
    c.play();
    c.update({ delta: 2 });
    expect(c.shown).toBe(0);
    expect(c.store.getState().playing).toBe(true);
    await until(() => c.store.getState().status === 'done', 'the played run to finish');
  });
});
