/**
 * Pure helpers of the mixture figure (MixturePlot.tsx): the components of a frame as plain
 * data, their colours and opacities, the start means a run uses, a dragged mean written back,
 * and q(θ) on a coarse grid for its density contours. Rendering only maps these to SVG.
 */
import { spreadMeans } from '../engine/families/mixture';
import { C, COMPONENT_STRIDE, FRAME_STRIDE } from '../engine/kernel';
import { ellipseMass, hpdLevels, logMixtureDensity, type MixtureQ } from '../engine/posterior';
import { MAX_COMPONENTS } from '../engine/spec';
import type { View } from './geometry';

export type Point = [number, number];

/** One component of q(θ) = Σₖ πₖ N(θ; mₖ, Sₖ⁻¹) as a frame records it. */
export interface MixtureComponent {
  weight: number;
  mx: number;
  my: number;
  /** Precision S = [[sa, sb], [sb, sc]]. */
  sa: number;
  sb: number;
  sc: number;
  /** Covariance Σ = S⁻¹ = [[ca, cb], [cb, cc]]. */
  ca: number;
  cb: number;
  cc: number;
}

/** Number of mixture components a frame of `stride` numbers holds (engine/kernel.ts strideFor). */
export function componentCount(stride: number): number {
  return Math.max(0, Math.floor((stride - FRAME_STRIDE) / COMPONENT_STRIDE));
}

/** Offset of field `field` (kernel.ts `C`) of component `j` inside a frame. */
export function componentOffset(j: number, field: number): number {
  return FRAME_STRIDE + j * COMPONENT_STRIDE + field;
}

/** The components of frame `k` of a log with `stride` numbers per frame. */
export function componentsAt(data: Float64Array, k: number, stride: number): MixtureComponent[] {
  const o = k * stride;
  return Array.from({ length: componentCount(stride) }, (_, j) => {
    const b = o + componentOffset(j, 0);
    return {
      weight: data[b + C.weight],
      mx: data[b + C.mx],
      my: data[b + C.my],
      sa: data[b + C.sa],
      sb: data[b + C.sb],
      sc: data[b + C.sc],
      ca: data[b + C.ca],
      cb: data[b + C.cb],
      cc: data[b + C.cc],
    };
  });
}

/** The colour of component j: one of eight CSS custom properties (mixture.css, light and dark). */
export function componentColor(j: number): string {
  return `var(--component-${(j % MAX_COMPONENTS) + 1})`;
}

/** Lowest opacity of a component: one whose weight dies away stays visible. */
export const OPACITY_FLOOR = 0.25;

/** Opacity of a component from its weight relative to the heaviest one, never below the floor. */
export function componentOpacity(weight: number, maxWeight: number): number {
  if (!(maxWeight > 0) || !Number.isFinite(weight)) return 1;
  const r = Math.min(1, Math.max(0, weight / maxWeight));
  return OPACITY_FLOOR + (1 - OPACITY_FLOOR) * r;
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
