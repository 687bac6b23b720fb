/**
 * Mapping data to SVG: a view window to pixels (equal units on both axes), contour rings to
 * path strings, and q's covariance to ellipse radii and angle. Rendering code calls these and
 * does nothing else numerical.
 */
import { eigen2 } from '../engine/linalg2';
import type { ContourBand } from '../worker/protocol';

export type View = readonly [number, number, number, number];

export interface Frame2D {
  view: View;
  width: number;
  height: number;
  px(x: number): number;
  py(y: number): number;
  /** Pixels per data unit (the same on both axes). */
  k: number;
  toData(px: number, py: number): [number, number];
}

/** A frame `width` pixels wide whose height keeps one data unit equally long on both axes. */
export function createFrame2D(view: View, width: number): Frame2D {
  const [x0, x1, y0, y1] = view;
  const k = width / (x1 - x0);
  const height = Math.round((y1 - y0) * k);
  return {
    view,
    width,
    height,
    k,
    px: (x) => (x - x0) * k,
    // Negative because SVG's y-axis points down.
    py: (y) => height - (y - y0) * k,
    toData: (px, py) => [x0 + px / k, y0 + (height - py) / k],
  };
}

/** SVG path data for contour MultiPolygons in grid units of an nx × ny grid over the view. */
export function contourPath(band: ContourBand, f: Frame2D, nx: number, ny: number): string {
  const [x0, x1, y0, y1] = f.view;
  // d3-contour puts grid value (i, j) at (i + 0.5, j + 0.5); our samples sit at x0 + i·dx.
  const dx = (x1 - x0) / (nx - 1);
  const dy = (y1 - y0) / (ny - 1);
  let d = '';
  for (const polygon of band.coordinates) {
    for (const ring of polygon) {
      ring.forEach(([gx, gy], i) => {
        d += `${i ? 'L' : 'M'}${f.px(x0 + (gx - 0.5) * dx).toFixed(1)},${f.py(y0 + (gy - 0.5) * dy).toFixed(1)}`;
      });
      d += 'Z';
    }
  }
  return d;
}

/** Ellipse of the `z`-standard-deviation contour of N(m, Σ) in pixels: radii and SVG angle. */
export function ellipseFromCovariance(ca: number, cb: number, cc: number, z: number, f: Frame2D) {
  const { l1, l2, angle } = eigen2(ca, cb, cc);
  return {
    rx: z * Math.sqrt(Math.max(l1, 0)) * f.k,
    ry: z * Math.sqrt(Math.max(l2, 0)) * f.k,
    // Negative because SVG rotates clockwise with y pointing down.
    degrees: (-angle * 180) / Math.PI,
  };
}

/** Short fixed-width number for readouts. */
export function fmt(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e4 || a < 1e-3)) return v.toExponential(2);
  return v.toFixed(digits);
}
