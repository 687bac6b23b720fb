/**
 * The mixture figure's pure helpers (widgets/mixture.ts) and its configurations: start means
 * as the engine places them, a dragged mean written back and carried by a link, frames read
 * back as components, and q's density on the grid the contours use.
 */
import { describe, expect, it } from 'vitest';
import { spreadMeans } from '../../src/engine/families/mixture';
import { ellipseMass } from '../../src/engine/posterior';
import { createLoss } from '../../src/engine/losses/index';
import { BlrRun } from '../../src/engine/run';
import { MAX_COMPONENTS, parseRunSpec, type LossSpec } from '../../src/engine/spec';
import { MOG_FLATSHARP, MOG_HIMMELBLAU } from '../../src/widgets/MixtureFigure';
import {
  componentColor,
  componentCount,
  componentOpacity,
  componentsAt,
  mixtureContourLevels,
  mixtureDensityGrid,
  movedMeans,
  OPACITY_FLOOR,
  resolveMeans,
  type MixtureComponent,
  type Point,
} from '../../src/widgets/mixture';
import { settingsFromQuery, writeSettingsToQuery } from '../../src/widgets/settings';

const ALWAYS = ['start', 'speed', 'steps', 'seed'] as const;

function runOf(input: Parameters<typeof parseRunSpec>[0], steps = Infinity) {
  const spec = parseRunSpec(input);
  const run = new BlrRun(spec, createLoss(spec.loss as Exclude<LossSpec, { kind: 'expr' }>));
  run.advance(steps);
  return run;
}

describe('component colours and opacity', () => {
  it('gives eight distinct colours, then repeats', () => {
    const colours = Array.from({ length: MAX_COMPONENTS }, (_, j) => componentColor(j));
    expect(new Set(colours).size).toBe(MAX_COMPONENTS);
    expect(componentColor(0)).toBe('var(--component-1)');
    expect(componentColor(MAX_COMPONENTS)).toBe(componentColor(0));
  });

  it('is opaque for the heaviest component, never below the floor, and grows with the weight', () => {
    expect(componentOpacity(0.4, 0.4)).toBe(1);
    expect(componentOpacity(0, 0.4)).toBe(OPACITY_FLOOR);
    expect(componentOpacity(1e-12, 0.9)).toBeGreaterThanOrEqual(OPACITY_FLOOR);
    const ws = [0, 0.05, 0.1, 0.2, 0.3];
    const ops = ws.map((w) => componentOpacity(w, 0.3));
    for (let i = 1; i < ops.length; i++) expect(ops[i]).toBeGreaterThan(ops[i - 1]);
    // Nothing to compare against (no frame yet, a non-finite weight): fully visible.
    expect(componentOpacity(0.2, 0)).toBe(1);
    expect(componentOpacity(Number.NaN, 0.5)).toBe(1);
  });
});

describe('start means', () => {
  it('without placed means, puts K distinct means on the unit circle around the start (one at the start)', () => {
    const start: Point = [0.3, -1.2];
    expect(resolveMeans([], 1, start)).toEqual([start]);
    for (let k = 2; k <= MAX_COMPONENTS; k++) {
      const means = resolveMeans([], k, start);
      expect(means).toHaveLength(k);
      for (const [x, y] of means) expect(Math.hypot(x - start[0], y - start[1])).toBeCloseTo(1, 12);
      expect(new Set(means.map((p) => p.map((v) => v.toFixed(6)).join(','))).size).toBe(k);
    }
  });

  it('keeps the placed means, spreads the ones beyond them, and drops the extra ones', () => {
    const placed: Point[] = [[1, 2], [-3, 4]];
    expect(resolveMeans(placed, 1, [0, 0])).toEqual([[1, 2]]);
    const four = resolveMeans(placed, 4, [0, 0]);
    expect(four.slice(0, 2)).toEqual(placed);
    expect(four.slice(2)).toEqual(spreadMeans([0, 0], 4).slice(2));
  });

  it('moves one component, keeps the others, rounds and clamps to the view', () => {
    const current: Point[] = [[0.1234567, 0.5], [2, -2], [3, 3]];
    const moved = movedMeans(current, 1, [9.87654, -0.33333], [-5, 5, -4, 4]);
    expect(moved).toEqual([[0.123, 0.5], [5, -0.333], [3, 3]]);
    expect(current[1]).toEqual([2, -2]);
  });
});

describe('means in the figure link', () => {
  for (const [name, config] of [['mog-himmelblau', MOG_HIMMELBLAU], ['mog-flatsharp', MOG_FLATSHARP]] as const) {
    it(`${name}: a dragged component survives the URL round trip and reaches the run`, () => {
      const allowed = [...config.controls, ...ALWAYS];
      const means = movedMeans(resolveMeans(config.defaults.means, config.defaults.components, config.defaults.start), 0, [1.25, -0.5], config.view);
      const changed = { ...config.defaults, means, components: config.defaults.components };
      const query = new URLSearchParams('embed=x');
      writeSettingsToQuery(name, query, changed, config.defaults);
      expect(query.get(`${name}.means`)).toBe(means.map((p) => p.join(',')).join(';'));
      const back = settingsFromQuery(name, query, config.defaults, config.series, allowed);
      expect(back.notice).toBeNull();
      expect(back.settings.means).toEqual(means);
      const spec = parseRunSpec(config.series[0].spec(back.settings));
      expect(spec.init.means).toEqual(means);
      // The run starts there: frame 0 holds the moved component's mean.
      const run = runOf(config.series[0].spec(back.settings), 0);
      expect(componentsAt(run.frames, 0, run.stride)[0]).toMatchObject({ mx: 1.25, my: -0.5 });
    });
  }

  it('rejects a link with more than eight means or a malformed one, and keeps the defaults', () => {
    const config = MOG_HIMMELBLAU;
    const allowed = [...config.controls, ...ALWAYS];
    for (const raw of ['1,2;3', 'a,b', Array.from({ length: 9 }, () => '0,0').join(';')]) {
      const r = settingsFromQuery('mog-himmelblau', new URLSearchParams({ 'mog-himmelblau.means': raw }), config.defaults, config.series, allowed);
      expect(r.settings).toEqual(config.defaults);
      expect(r.notice).toMatch(/could not be used/);
    }
  });

  it('builds valid specs for every K, with and without Monte Carlo expectations', () => {
    for (let k = 1; k <= MAX_COMPONENTS; k++) {
      for (const mc of [false, true]) {
        const spec = parseRunSpec(MOG_HIMMELBLAU.series[0].spec({ ...MOG_HIMMELBLAU.defaults, components: k, mc }));
        expect(spec.family).toBe('mixture');
        expect(spec.components).toBe(k);
        expect(spec.expectation).toBe(mc ? 'mc' : 'delta');
        expect(spec.init.means).toHaveLength(k);
      }
    }
  });
});

describe('frames as components', () => {
  it('reads every component of every frame, with weights summing to one', () => {
    const run = runOf(MOG_HIMMELBLAU.series[0].spec(MOG_HIMMELBLAU.defaults), 40);
    expect(componentCount(run.stride)).toBe(4);
    for (let k = 0; k < run.count; k++) {
      const cs = componentsAt(run.frames, k, run.stride);
      expect(cs).toHaveLength(4);
      expect(cs.reduce((a, c) => a + c.weight, 0)).toBeCloseTo(1, 12);
      for (const c of cs) {
        // Precision and covariance are inverses.
        expect(c.sa * c.ca + c.sb * c.cb).toBeCloseTo(1, 9);
        expect(c.sa * c.cb + c.sb * c.cc).toBeCloseTo(0, 9);
      }
    }
    const start = componentsAt(run.frames, 0, run.stride).map((c) => [c.mx, c.my]);
    expect(start).toEqual(resolveMeans([], 4, [0, 0]));
  });
});

describe('the density of q on a grid', () => {

  const comps: MixtureComponent[] = [
    { weight: 0.7, mx: -1, my: 0.5, sa: 4, sb: 1, sc: 2, ca: 2 / 7, cb: -1 / 7, cc: 4 / 7 },
    { weight: 0.3, mx: 1.5, my: -1, sa: 9, sb: 0, sc: 9, ca: 1 / 9, cb: 0, cc: 1 / 9 },
  ];
  const view = [-4, 4, -4, 4] as const;
  const n = 161;
  const grid = mixtureDensityGrid(comps, view, n, n);

  it('integrates to one and peaks at the heavier component’s mean', () => {
    const cell = (8 / (n - 1)) ** 2;
    expect(grid.reduce((a, b) => a + b, 0) * cell).toBeCloseTo(1, 3);
    const at = (x: number, y: number) => grid[Math.round(((y + 4) * (n - 1)) / 8) * n + Math.round(((x + 4) * (n - 1)) / 8)];
    // q(m₁) = π₁ √det S₁ / 2π plus a negligible tail of the other component.
    expect(at(-1, 0.5)).toBeCloseTo((0.7 * Math.sqrt(7)) / (2 * Math.PI), 3);
  });

  it('puts contour levels at growing shares of the mass, highest density first', () => {
    const levels = mixtureContourLevels(grid, view, n, n);
    expect(levels).toHaveLength(3);
    expect(levels[0]).toBeGreaterThan(levels[1]);
    expect(levels[1]).toBeGreaterThan(levels[2]);
    const total = grid.reduce((a, b) => a + b, 0);
    const inside = (level: number) => grid.reduce((a, v) => (v >= level ? a + v : a), 0) / total;
    expect(inside(levels[0])).toBeGreaterThanOrEqual(ellipseMass(1) - 1e-12);
    expect(inside(levels[0])).toBeLessThan(0.42);
    expect(inside(levels[1])).toBeGreaterThanOrEqual(ellipseMass(2) - 1e-12);
    expect(inside(levels[2])).toBeGreaterThanOrEqual(0.99 - 1e-12);
    // No mass on the grid (q far off the view): no contours rather than one around everything.
    expect(mixtureContourLevels(new Float64Array(16), view, 4, 4)).toEqual([]);
    expect(mixtureContourLevels(mixtureDensityGrid([], view, 4, 4), view, 4, 4)).toEqual([]);
  });
});
