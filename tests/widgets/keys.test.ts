import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFigureController, nudgedSpeed, nudgedStepSize } from '../../src/widgets/controller';
import { KEY_BINDINGS, keyAction, ownedByTarget, runKeyAction, type KeyAction, type KeyController, type KeyUi } from '../../src/widgets/keys';
import { KeyHelp } from '../../src/widgets/Presentation';
import { SPEEDS, type FigureSettings } from '../../src/widgets/settings';
import { EnginePool } from '../../src/worker/pool';
import { inProcessFactory } from '../worker/in-process-worker';

function fakes() {
  const controller = {
    toggle: vi.fn(),
    step: vi.fn(),
    reset: vi.fn(),
    nudgeSpeed: vi.fn(),
    nudgeStepSize: vi.fn(() => true),
  } satisfies KeyController;
  const ui = { togglePresent: vi.fn(), leave: vi.fn(() => true), toggleHelp: vi.fn() } satisfies KeyUi;
  return { controller, ui };
}

/** The one call each key must make: [object, method, arguments]. */
const EXPECTED: Record<string, ['controller' | 'ui', string, unknown[]]> = {
  ' ': ['controller', 'toggle', []],
  k: ['controller', 'toggle', []],
  ArrowRight: ['controller', 'step', []],
  '.': ['controller', 'step', []],
  r: ['controller', 'reset', []],
  '+': ['controller', 'nudgeSpeed', [1]],
  '=': ['controller', 'nudgeSpeed', [1]],
  '-': ['controller', 'nudgeSpeed', [-1]],
  _: ['controller', 'nudgeSpeed', [-1]],
  '[': ['controller', 'nudgeStepSize', [-1]],
  ']': ['controller', 'nudgeStepSize', [1]],
  f: ['ui', 'togglePresent', []],
  Escape: ['ui', 'leave', []],
  '?': ['ui', 'toggleHelp', []],
};

describe('the key map', () => {
  it('has exactly the expected keys, each once', () => {
    const keys = KEY_BINDINGS.flatMap((b) => b.keys);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const b of KEY_BINDINGS) {
      expect(b.labels).toHaveLength(b.keys.length);
      expect(b.description.length).toBeGreaterThan(5);
    }
  });

  it.each(Object.entries(EXPECTED))('%j makes exactly its one call on the fake controller or UI', (key, [who, method, args]) => {
    const { controller, ui } = fakes();
    const action = keyAction({ key });
    expect(action).not.toBeNull();
    expect(runKeyAction(action as KeyAction, controller, ui)).toBe(true);
    const target: Record<string, ReturnType<typeof vi.fn>> = who === 'controller' ? controller : ui;
    expect(target[method]).toHaveBeenCalledTimes(1);
    expect(target[method]).toHaveBeenCalledWith(...args);
    const calls = [...Object.values(controller), ...Object.values(ui)].reduce((n, f) => n + f.mock.calls.length, 0);
    expect(calls).toBe(1);
  });

  it('ignores other keys and chords with Ctrl, Alt or Meta; letters work with Shift or Caps Lock', () => {
    for (const key of ['a', 'ArrowLeft', 'ArrowUp', 'Enter', 'Tab', '1']) expect(keyAction({ key })).toBeNull();
    expect(keyAction({ key: 'r', ctrlKey: true })).toBeNull();
    expect(keyAction({ key: 'f', metaKey: true })).toBeNull();
    expect(keyAction({ key: '+', altKey: true })).toBeNull();
    expect(keyAction({ key: 'R' })).toBe('reset');
    expect(keyAction({ key: 'F' })).toBe('present');
  });

  it('reports unhandled actions so their keys keep their default', () => {
    const { controller, ui } = fakes();
    ui.leave.mockReturnValue(false);
    controller.nudgeStepSize.mockReturnValue(false);
    expect(runKeyAction('leave', controller, ui)).toBe(false);
    expect(runKeyAction('largerStep', controller, ui)).toBe(false);
  });
});

describe('which element owns a key press', () => {
  const target = (tag: string, inside: string[] = []) => ({
    tagName: tag.toUpperCase(),
    closest: (selector: string) => [tag, ...inside].some((t) => selector.split(',').some((s) => s.trim().startsWith(t))) || null,
  });
  it('fields and menus keep every key but Escape', () => {
    for (const tag of ['input', 'select', 'textarea']) {
      for (const key of [' ', 'k', 'r', '+', '[', 'ArrowRight', '?', 'f']) expect(ownedByTarget(target(tag), key)).toBe(true);
      expect(ownedByTarget(target(tag), 'Escape')).toBe(false);
    }
  });
  it('buttons keep Space and Enter only; the figure and the start handle keep nothing', () => {
    expect(ownedByTarget(target('button'), ' ')).toBe(true);
    expect(ownedByTarget(target('button'), 'Enter')).toBe(true);
    for (const key of ['k', '.', 'r', '+', ']', 'f', '?']) expect(ownedByTarget(target('button'), key)).toBe(false);
    for (const key of [' ', 'k', 'ArrowRight', 'Escape']) expect(ownedByTarget(target('figure'), key)).toBe(false);
  });
  it('a focused scroll region (the ladder’s equations) keeps the horizontal arrows, Home and End, nothing else', () => {
    const region = target('div', ['[data-scroll-region]']);
    for (const key of ['ArrowLeft', 'ArrowRight', 'Home', 'End']) expect(ownedByTarget(region, key)).toBe(true);
    for (const key of [' ', 'k', 'r', '.', 'Escape']) expect(ownedByTarget(region, key)).toBe(false);
  });
  it('the help dialog owns all its keys', () => {
    expect(ownedByTarget(target('button', ['[role="dialog"]']), 'Escape')).toBe(true);
    expect(ownedByTarget(target('div', ['[role="dialog"]']), ' ')).toBe(true);
  });
});

describe('speed and step-size nudges', () => {
  it('+ and − move along the speed menu and stop at its ends', () => {
    expect(nudgedSpeed(20, 1)).toBe(40);
    expect(nudgedSpeed(20, -1)).toBe(10);
    expect(nudgedSpeed(SPEEDS[SPEEDS.length - 1], 1)).toBe(SPEEDS[SPEEDS.length - 1]);
    expect(nudgedSpeed(SPEEDS[0], -1)).toBe(SPEEDS[0]);
    // A speed from a link that is not on the menu goes to its neighbours.
    expect(nudgedSpeed(30, 1)).toBe(40);
    expect(nudgedSpeed(30, -1)).toBe(20);
    expect(nudgedSpeed(1000, 1)).toBe(1000);
    expect(nudgedSpeed(1000, -1)).toBe(320);
    expect(nudgedSpeed(1, -1)).toBe(1);
  });
  it('[ and ] divide and multiply ρ by 1.25, to 3 significant digits, within [0.001, 1]', () => {
    expect(nudgedStepSize(0.2, 1)).toBe(0.25);
    expect(nudgedStepSize(0.25, -1)).toBe(0.2);
    expect(nudgedStepSize(0.1, 1)).toBe(0.125);
    expect(nudgedStepSize(0.3, 1)).toBe(0.375);
    expect(nudgedStepSize(0.123, 1)).toBe(0.154);
    expect(nudgedStepSize(0.9, 1)).toBe(1);
    expect(nudgedStepSize(1, 1)).toBe(1);
    expect(nudgedStepSize(0.0011, -1)).toBe(0.001);
    expect(nudgedStepSize(0.001, -1)).toBe(0.001);
  });
});

describe('the controller actions behind + − [ ]', () => {
  const pools: EnginePool[] = [];
  afterEach(() => {
    pools.splice(0).forEach((p) => p.dispose());
    vi.unstubAllGlobals();
  });
  it('nudge the speed without a restart and the step sizes with one', () => {
    vi.stubGlobal('document', { hidden: false });
    const pool = new EnginePool(1, inProcessFactory);
    pools.push(pool);
    const settings: FigureSettings = {
      alg: 'blr', rho: 0.2, rhoGd: 0.04, tau: 1, samples: 4, seed: 1, steps: 10, start: [-1, 1], speed: 20, improved: false, loss: 'quadratic', expr: 'x^2',
  components: 4, mc: false, means: [], ladder: [], alpha: 0.05, batch: 8,
    };
    const c = createFigureController({
      id: 'k', settings, notice: null, pool, reducedMotion: () => false,
      series: [{ key: 'blr', label: 'BLR', color: 'red', ellipses: true, spec: (s) => ({ loss: { kind: 'quadratic' }, algorithm: 'gd', rho: s.rho, steps: s.steps, init: { mean: s.start } }) }],
      surface: () => ({ loss: { kind: 'quadratic' }, temperature: 1 }),
    });
    c.nudgeSpeed(1);
    expect(c.store.getState().settings.speed).toBe(40);
    c.nudgeSpeed(-1);
    c.nudgeSpeed(-1);
    expect(c.store.getState().settings.speed).toBe(10);
    expect(c.nudgeStepSize(1)).toBe(true);
    expect(c.store.getState().settings).toMatchObject({ rho: 0.25, rhoGd: 0.04 });
    expect(c.nudgeStepSize(-1, ['rho', 'rhoGd'])).toBe(true);
    expect(c.store.getState().settings).toMatchObject({ rho: 0.2, rhoGd: 0.032 });
    expect(c.nudgeStepSize(1, [])).toBe(false);
    c.dispose();
  });
});

describe('the help overlay', () => {
  const html = renderToStaticMarkup(createElement(KeyHelp, { onClose: () => {} }));
  it('is a labelled modal dialog with a close button', () => {
    expect(html).toMatch(/role="dialog"/);
    expect(html).toMatch(/aria-modal="true"/);
    const label = /aria-labelledby="([^"]+)"/.exec(html)?.[1];
    expect(label).toBeTruthy();
    expect(html).toContain(`id="${label}"`);
    expect(html).toMatch(/<button[^>]*>Close<\/button>/);
  });
  it('lists every key with its description', () => {
    const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    for (const b of KEY_BINDINGS) {
      const row = new RegExp(`<tr[^>]*data-action="${b.action}"[^>]*>([\\s\\S]*?)</tr>`).exec(html)?.[1];
      expect(row, b.action).toBeTruthy();
      for (const label of b.labels) expect(row).toContain(`<kbd>${escapeHtml(label)}</kbd>`);
      expect(row).toContain(escapeHtml(b.description));
    }
  });
});
