/**
 * Pure helpers of the mixture figure (MixturePlot.tsx): the components of a frame as plain
 * data, their colours and opacities, the start means a run uses, a dragged mean written back,
 * and q(θ) on a coarse grid for its density contours. Rendering only maps these to SVG.
 */
import { C, COMPONENT_STRIDE, FRAME_STRIDE } from '../engine/kernel';
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
 * The start mean of component j of K when none is given: a unit circle around `start`, the
 * placement of engine/families/mixture.ts `initialMeans` (tests check they agree).
 */
export function spreadMean(start: Point, j: number, k: number): Point {
  if (k === 1) return [start[0], start[1]];
  const a = Math.PI / 4 + (2 * Math.PI * j) / k;
  return [start[0] + Math.cos(a), start[1] + Math.sin(a)];
}

/**
 * The K start means of a run: the given `means` first (a reader's dragged components), then the
 * spread placement for components beyond them, so changing K keeps what was placed.
 */
export function resolveMeans(means: readonly Point[], k: number, start: Point): Point[] {
  return Array.from({ length: k }, (_, j) => (j < means.length ? [means[j][0], means[j][1]] : spreadMean(start, j, k)));
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
 * q(θ) = Σₖ πₖ N(θ; mₖ, Sₖ⁻¹) on an nx × ny grid over `view`, at (x0 + i·dx, y0 + j·dy) with
 * dx = (x1 − x0)/(nx − 1), index j·nx + i: the layout geometry.ts `contourPath` expects.
 */
export function mixtureDensityGrid(components: readonly MixtureComponent[], view: View, nx: number, ny: number): Float64Array {
  const [x0, x1, y0, y1] = view;
  const out = new Float64Array(nx * ny);
  for (const c of components) {
    const det = c.sa * c.sc - c.sb * c.sb;
    // A component that is not a proper Gaussian (never recorded by the engine) adds nothing.
    if (!(det > 0) || !(c.weight > 0)) continue;
    const norm = (c.weight * Math.sqrt(det)) / (2 * Math.PI);
    for (let j = 0; j < ny; j++) {
      const dy = y0 + ((y1 - y0) * j) / (ny - 1) - c.my;
      for (let i = 0; i < nx; i++) {
        const dx = x0 + ((x1 - x0) * i) / (nx - 1) - c.mx;
        out[j * nx + i] += norm * Math.exp(-0.5 * (c.sa * dx * dx + 2 * c.sb * dx * dy + c.sc * dy * dy));
      }
    }
  }
  return out;
}

/**
 * Contour levels of a density grid that enclose the given shares of its mass (highest-density
 * regions on the grid), in the order given; none for an empty grid. For one Gaussian, 0.393 and
 * 0.865 are its 1σ and 2σ ellipses.
 */
export function densityLevels(grid: ArrayLike<number>, masses: readonly number[]): number[] {
  const values = Array.from(grid).filter((v) => v > 0 && Number.isFinite(v));
  const total = values.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return [];
  values.sort((a, b) => b - a);
  return masses.map((m) => {
    let sum = 0;
    for (const v of values) {
      sum += v;
      if (sum >= m * total) return v;
    }
    return values[values.length - 1];
  });
}
