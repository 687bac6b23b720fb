/**
 * Re-renders per drag step of a start handle. A drag step is `controller.update({ start })`
 * (Plot.tsx's drag handler). The figure body (Figure.tsx FigureBody) reads `notice`, `messages`
 * and `surfaceError` from the store with zustand's useStore, which re-renders exactly when a
 * selected slice changes identity (Object.is); these tests count those changes with the same
 * selectors, so they count the body's re-renders without a DOM.
 */
import { describe, expect, it } from 'vitest';
import { createFigureController, type FigureState } from '../../src/widgets/controller';
import { DEFAULT_SETTINGS } from '../../src/widgets/defaults';
import { specForAlgorithm, type FigureSettings, type SeriesConfig } from '../../src/widgets/settings';
import { EnginePool } from '../../src/worker/pool';
import { inProcessFactory } from '../worker/in-process-worker';
import { controllerHarness, until } from './_controller-harness';

const settings: FigureSettings = { ...DEFAULT_SETTINGS, rho: 0.2, steps: 40, loss: 'quadratic' };
const blr = (s: FigureSettings) => specForAlgorithm(s.alg, { loss: { kind: 'quadratic' }, family: 'gaussian', expectation: 'exact', rho: s.rho, steps: s.steps, init: { mean: s.start } });
const series: SeriesConfig[] = [
  { key: 'blr', label: 'BLR', color: 'red', ellipses: true, spec: blr },
  { key: 'gd', label: 'GD', color: 'blue', ellipses: false, spec: (s) => specForAlgorithm('gd', { ...blr(s), rho: s.rhoGd }) },
];
const surface = () => ({ loss: { kind: 'quadratic' as const }, temperature: 1 });

/** FigureBody's selectors (Figure.tsx). */
const BODY_SELECTORS: ((s: FigureState) => unknown)[] = [(s) => s.notice, (s) => s.messages, (s) => s.surfaceError];

const { track } = controllerHarness();

function counting(c: ReturnType<typeof createFigureController>) {
  let bodyRenders = 0;
  let notifications = 0;
  c.store.subscribe((state, prev) => {
    notifications++;
    if (BODY_SELECTORS.some((sel) => !Object.is(sel(state), sel(prev)))) bodyRenders++;
  });
  return {
    get bodyRenders() {
      return bodyRenders;
    },
    get notifications() {
      return notifications;
    },
  };
}

describe('re-renders per drag step', () => {
  it('a drag step with no message to change does not re-render the figure body; a real message still does', async () => {
    const pool = track(new EnginePool(1, inProcessFactory));
    const c = track(createFigureController({ id: 'fig', settings, notice: null, series, surface, pool, reducedMotion: () => false }));
    c.start();
    await until(() => c.logs.every((l) => l.count >= 1) && c.store.getState().surface !== null, 'frame 0 and the surface');
    const count = counting(c);
    const STEPS = 20;
    for (let i = 1; i <= STEPS; i++) c.update({ start: [-1 + i * 0.01, 1 - i * 0.01] });
    await until(() => c.logs.every((l) => l.count >= 1), 'frame 0 of the last restart');
    console.log(`drag: ${STEPS} steps, ${count.bodyRenders} figure-body re-renders, ${count.notifications} store notifications`);
    expect(count.bodyRenders).toBe(0);
    // A message that does change still reaches the body: a step size the schema refuses.
    const before = count.bodyRenders;
    c.update({ rhoGd: 50 });
    await until(() => c.store.getState().messages.gd !== undefined, 'the refused run’s message');
    expect(c.store.getState().messages.gd).toMatch(/GD: .*rho/);
    expect(count.bodyRenders).toBeGreaterThan(before);
  });
});
