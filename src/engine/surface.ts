/**
 * The loss on a grid, for contour plots: values row by row (y from ymin to ymax, x fastest),
 * plus the ERM minimiser (grid argmin polished by damped Newton) when the loss does not
 * supply one.
 */
import type { Loss } from './losses/loss';

export interface Surface {
  nx: number;
  ny: number;
  view: readonly [number, number, number, number];
  /** ℓ̄ at (xmin + i·dx, ymin + j·dy), index j·nx + i; non-finite values become NaN. */
  values: Float64Array;
  min: number;
  max: number;
  minimiser: [number, number] | null;
}

/** Samples ℓ̄ on an nx × ny grid spanning `view` and locates its minimiser. */
export function computeSurface(loss: Loss, view: readonly [number, number, number, number], nx: number, ny: number): Surface {
  const [x0, x1, y0, y1] = view;
  const values = new Float64Array(nx * ny);
  let min = Infinity;
  let max = -Infinity;
  let arg = -1;
  for (let j = 0; j < ny; j++) {
    const y = y0 + ((y1 - y0) * j) / (ny - 1);
    for (let i = 0; i < nx; i++) {
      const v = loss.value(x0 + ((x1 - x0) * i) / (nx - 1), y);
      const k = j * nx + i;
      if (Number.isFinite(v)) {
        values[k] = v;
        if (v < min) {
          min = v;
          arg = k;
        }
        if (v > max) max = v;
      } else values[k] = NaN;
    }
  }
  let minimiser: [number, number] | null = loss.minimiser ? [loss.minimiser[0], loss.minimiser[1]] : null;
  if (!minimiser && arg >= 0) {
    minimiser = polishMinimum(loss, x0 + ((x1 - x0) * (arg % nx)) / (nx - 1), y0 + ((y1 - y0) * Math.floor(arg / nx)) / (ny - 1));
  }
  return { nx, ny, view, values, min, max, minimiser };
}

/** Damped Newton from a grid point; falls back to gradient steps where ∇²ℓ̄ is not positive definite. */
function polishMinimum(loss: Loss, x: number, y: number): [number, number] {
  const e = new Float64Array(6);
  for (let it = 0; it < 50; it++) {
    loss.evaluate(x, y, e);
    const det = e[3] * e[5] - e[4] * e[4];
    let dx: number;
    let dy: number;
    if (e[3] > 0 && det > 0) {
      dx = (e[5] * e[1] - e[4] * e[2]) / det;
      dy = (e[3] * e[2] - e[4] * e[1]) / det;
    } else {
      dx = 1e-3 * e[1];
      dy = 1e-3 * e[2];
    }
    // Halve the step until the loss does not increase.
    let t = 1;
    while (t > 1e-6 && !(loss.value(x - t * dx, y - t * dy) <= e[0])) t /= 2;
    if (t <= 1e-6) break;
    x -= t * dx;
    y -= t * dy;
    if (Math.abs(t * dx) + Math.abs(t * dy) < 1e-12) break;
  }
  return [x, y];
}
