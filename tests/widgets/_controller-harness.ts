/**
 * What the controller tests share: browser globals stubbed for Node (a visible document and a
 * requestAnimationFrame on timers), a record of the controllers and pools a test creates so
 * that each is disposed after it, and a polling wait.
 */
import { afterEach, beforeEach, vi } from 'vitest';
import type { FigureController } from '../../src/widgets/controller';
import type { EnginePool } from '../../src/worker/pool';

/** Installs the stubs and the clean-up; returns `track`, which registers what to dispose. */
export function controllerHarness() {
  let controllers: FigureController[] = [];
  let pools: EnginePool[] = [];
  beforeEach(() => {
    vi.stubGlobal('document', { hidden: false });
    vi.stubGlobal('requestAnimationFrame', (cb: (t: number) => void) => setTimeout(() => cb(performance.now()), 8) as unknown as number);
    vi.stubGlobal('cancelAnimationFrame', (id: number) => clearTimeout(id));
  });
  afterEach(() => {
    controllers.forEach((c) => c.dispose());
    pools.forEach((p) => p.dispose());
    controllers = [];
    pools = [];
    vi.unstubAllGlobals();
  });
  return {
    track<T extends FigureController | EnginePool>(x: T): T {
      if ('dispose' in x && 'startRun' in x) pools.push(x as EnginePool);
      else controllers.push(x as FigureController);
      return x;
    },
  };
}

/** Polls `cond` every 5 ms; throws naming `what` after `ms`. */
export async function until(cond: () => boolean, what: string, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
