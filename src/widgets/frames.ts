/**
 * Drawing from frame logs, shared by the plot widgets: which frame is on screen, a field read
 * between two frames, a mean's trail, a Gaussian's 1σ/2σ ellipses and mean, a mixture
 * component (and a frame's mixture components read back as data, with their opacity), a band
 * between two curves, and text set only when it changed. Widgets call these
 * from their `subscribeFrames` handlers; nothing here goes through React.
 */
import { C, COMPONENT_STRIDE, FRAME_STRIDE } from '../engine/kernel';
import type { GaussianState } from '../engine/blr';
import { ellipseFromCovariance, type Frame2D } from './geometry';

/** The frame on screen of a log and how far the animation is towards the next one. */
export interface FrameCursor {
  /** Whole frame shown (the readouts' step), or −1 before the log's first frame. */
  k: number;
  /** Share of the way from frame k to k + 1, in [0, 1]; 0 without a frame. */
  t: number;
}

/** The frame on screen at fractional step `shown` of a log with `count` frames (the last one once past it). */
export function frameCursor(shown: number, count: number): FrameCursor {
  if (count <= 0) return { k: -1, t: 0 };
  const k = Math.min(Math.floor(shown), count - 1);
  return { k, t: Math.min(1, shown - k) };
}

/** Linear interpolation of field `o` between frames k and k + 1 of a log. */
export function lerpAt(data: Float64Array, k: number, t: number, o: number, last: number, stride: number = FRAME_STRIDE): number {
  const a = data[k * stride + o];
  return k < last ? a + t * (data[(k + 1) * stride + o] - a) : a;
}

/** Points of a trail at most: longer ones are thinned so the path string stays short. */
const TRAIL_POINTS = 1500;

/** What a trail is read from: a log's numbers, `stride` per frame. */
export interface TrailLog {
  data: Float64Array;
  stride: number;
}

/**
 * The path of the point at offsets (ox, oy) of each frame through frames `from`..k, ending at
 * `end` (the point interpolated between k and k + 1), in the pixels of `f`.
 */
export function trailPath(log: TrailLog, ox: number, oy: number, k: number, end: readonly [number, number], f: Pick<Frame2D, 'px' | 'py'>, from = 0): string {
  const { data, stride: sw } = log;
  const every = Math.max(1, Math.ceil((k - from) / TRAIL_POINTS));
  let path = '';
  for (let j = from; j <= k; j += every) path += `${j > from ? 'L' : 'M'}${f.px(data[j * sw + ox]).toFixed(1)},${f.py(data[j * sw + oy]).toFixed(1)}`;
  return `${path}L${f.px(end[0]).toFixed(1)},${f.py(end[1]).toFixed(1)}`;
}

/** A Gaussian N(m, Σ) as data: mean (mx, my), covariance Σ = [[ca, cb], [cb, cc]]. */
export interface GaussianShape {
  mx: number;
  my: number;
  ca: number;
  cb: number;
  cc: number;
}

/** The nodes that draw one Gaussian: its 1σ and 2σ ellipses and its mean. */
export interface GaussianNodes {
  e1: SVGEllipseElement | null;
  e2: SVGEllipseElement | null;
  dot: SVGCircleElement | null;
}

/**
 * Puts a Gaussian's ellipses and mean dot in place. With `hideUnbounded`, an ellipse far wider
 * than the view in every direction is hidden: it would only tint the view (RMSprop/Adam's start
 * v₀ = 0 is an improper q, drawn as covariance 1/c).
 */
export function placeGaussian(nodes: GaussianNodes, g: GaussianShape, f: Frame2D, hideUnbounded = false): void {
  const cx = f.px(g.mx).toFixed(1);
  const cy = f.py(g.my).toFixed(1);
  nodes.dot?.setAttribute('cx', cx);
  nodes.dot?.setAttribute('cy', cy);
  for (const [el, z] of [
    [nodes.e1, 1],
    [nodes.e2, 2],
  ] as const) {
    if (!el) continue;
    const e = ellipseFromCovariance(g.ca, g.cb, g.cc, z, f);
    if (hideUnbounded) el.setAttribute('visibility', Math.min(e.rx, e.ry) > 4 * Math.max(f.width, f.height) ? 'hidden' : 'visible');
    el.setAttribute('rx', Math.min(e.rx, 1e5).toFixed(2));
    el.setAttribute('ry', Math.min(e.ry, 1e5).toFixed(2));
    el.setAttribute('transform', `translate(${cx},${cy}) rotate(${e.degrees.toFixed(2)})`);
  }
}

/**
 * One component of a mixture q: its Gaussian placed, and its group's opacity from its weight
 * relative to the heaviest component (mixture.ts `componentOpacity`).
 */
export function placeComponent(group: SVGGElement | null, nodes: GaussianNodes, c: GaussianShape & { weight: number }, maxWeight: number, f: Frame2D): void {
  group?.setAttribute('opacity', componentOpacity(c.weight, maxWeight).toFixed(3));
  placeGaussian(nodes, c, f);
}

/** The band between curves a and b over `xs` as a closed path: along a, then back along b. */
export function bandPath(xs: ArrayLike<number>, a: ArrayLike<number>, b: ArrayLike<number>, px: (x: number) => number, py: (y: number) => number): string {
  let d = '';
  for (let i = 0; i < xs.length; i++) d += `${i ? 'L' : 'M'}${px(xs[i]).toFixed(1)},${py(a[i]).toFixed(1)}`;
  for (let i = xs.length - 1; i >= 0; i--) d += `L${px(xs[i]).toFixed(1)},${py(b[i]).toFixed(1)}`;
  return `${d}Z`;
}

/** Sets an element's text only when it changed (frames arrive many times a second). */
export function setText(el: Element | null | undefined, text: string): void {
  if (el && el.textContent !== text) el.textContent = text;
}

/** One component of q(θ) = Σₖ πₖ N(θ; mₖ, Sₖ⁻¹) as a frame records it: its weight and Gaussian. */
export interface MixtureComponent extends GaussianState {
  weight: number;
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

/** Lowest opacity of a component: one whose weight dies away stays visible. */
export const OPACITY_FLOOR = 0.25;

/** Opacity of a component from its weight relative to the heaviest one, never below the floor. */
export function componentOpacity(weight: number, maxWeight: number): number {
  if (!(maxWeight > 0) || !Number.isFinite(weight)) return 1;
  const r = Math.min(1, Math.max(0, weight / maxWeight));
  return OPACITY_FLOOR + (1 - OPACITY_FLOOR) * r;
}
