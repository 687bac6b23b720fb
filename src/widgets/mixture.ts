/**
 * Pure helpers of the mixture figure (MixturePlot.tsx): the components of a frame as plain
 * data, their colours and opacities, the start means a run uses, a dragged mean written back,
 * and q(θ) on a coarse grid for its density contours. Rendering only maps these to SVG.
 */
import { spreadMeans } from '../engine/families/mixture';
import { ellipseMass, hpdLevels, logMixtureDensity, type MixtureQ } from '../engine/posterior';
import { MAX_COMPONENTS } from '../engine/spec';
import type { MixtureComponent } from './frames';
import type { View } from './geometry';

// A frame's components as data and their opacity are generic frame reading (Plot.tsx draws
// them too) and live in frames.ts; re-exported here for this figure's views and tests.
export { componentCount, componentOffset, componentOpacity, componentsAt, OPACITY_FLOOR, type MixtureComponent } from './frames';

export type Point = [number, number];

/** The colour of component j: one of eight CSS custom properties (mixture.css, light and dark). */
export function componentColor(j: number): string {
  return `var(--component-${(j % MAX_COMPONENTS) + 1})`;
}

/**
 * The K start means of a run: the given `means` first (a reader's dragged components), then the
 * engine's placement (engine/families/mixture.ts `spreadMeans`, what a run without means uses)
 * for components beyond them, so changing K keeps what was placed.
 */
export function resolveMeans(means: readonly Point[], k: number, start: Point): Point[] {
  return spreadMeans(start, k).map((p, j) => (j < means.length ? [means[j][0], means[j][1]] : p));
}

/** Three decimals: what a URL carries for a dragged point. */
const round3 = (v: number) => Number(v.toFixed(3));

/**
 * The `means` setting after component `j` moved to `to`: the others stay at `current` (their
 * means in the frame on screen), everything rounded and clamped to the view.
 */
export function movedMeans(current: readonly Point[], j: number, to: Point, view: View): Point[] {
  const [x0, x1, y0, y1] = view;
  const clamp = (v: number, lo: number, hi: number) => round3(Math.min(hi, Math.max(lo, v)));
  return current.map((p, i) => {
    const [x, y] = i === j ? to : p;
    return [clamp(x, x0, x1), clamp(y, y0, y1)];
  });
}

/**
 * q(θ) = Σₖ πₖ N(θ; mₖ, Sₖ⁻¹) (engine/posterior.ts `logMixtureDensity`) on an nx × ny grid over
 * `view`, at (x0 + i·dx, y0 + j·dy) with dx = (x1 − x0)/(nx − 1), index j·nx + i: the layout
 * geometry.ts `contourPath` expects.
 */
export function mixtureDensityGrid(components: readonly MixtureComponent[], view: View, nx: number, ny: number): Float64Array {
  // A component that is not a proper Gaussian (never recorded by the engine) adds nothing.
  const proper = components.filter((c) => c.weight > 0 && c.ca * c.cc - c.cb * c.cb > 0);
  const field = (key: 'weight' | 'mx' | 'my' | 'ca' | 'cb' | 'cc') => proper.map((c) => c[key]);
  const q: MixtureQ = { w: field('weight'), mx: field('mx'), my: field('my'), ca: field('ca'), cb: field('cb'), cc: field('cc') };
  const [x0, x1, y0, y1] = view;
  const out = new Float64Array(nx * ny);
  for (let j = 0; j < ny; j++) {
    const y = y0 + ((y1 - y0) * j) / (ny - 1);
    for (let i = 0; i < nx; i++) {
      const v = Math.exp(logMixtureDensity(q, x0 + ((x1 - x0) * i) / (nx - 1), y));
      // hpdLevels sums the whole grid: one NaN would spoil every level.
      out[j * nx + i] = Number.isFinite(v) ? v : 0;
    }
  }
  return out;
}

/** Mass inside q's density contours: what q's own 1σ and 2σ ellipses would hold for one Gaussian, and 99%. */
export const DENSITY_MASSES = [ellipseMass(1), ellipseMass(2), 0.99] as const;

/**
 * Levels of q's density contours on a `mixtureDensityGrid`: the engine's highest-density levels
 * (posterior.ts `hpdLevels`) at DENSITY_MASSES, highest first; none when q has no mass on the
 * grid. The grid's cells are equal, so only the values matter, not where they sit.
 */
export function mixtureContourLevels(grid: Float64Array, view: View, nx: number, ny: number): number[] {
  if (!grid.some((v) => v > 0)) return [];
  return hpdLevels({ nx, ny, view, density: grid }, DENSITY_MASSES);
}
