/**
 * Local minimisers of a sampled loss, for markers on a plot when the loss does not list its
 * own (`Loss.minima`): grid points no higher than their eight neighbours, best first. They are as
 * accurate as the grid (half a cell); the polished global minimiser replaces its grid copy.
 */
import type { Surface } from './surface';

/** Local minima of `s.values` away from the border (one per tie), at most `max`, lowest first. */
export function gridMinima(s: Surface, max = 8): [number, number][] {
  const { nx, ny, values, view } = s;
  const [x0, x1, y0, y1] = view;
  const dx = (x1 - x0) / (nx - 1);
  const dy = (y1 - y0) / (ny - 1);
  const found: { v: number; p: [number, number] }[] = [];
  for (let j = 1; j < ny - 1; j++) {
    for (let i = 1; i < nx - 1; i++) {
      const v = values[j * nx + i];
      if (!Number.isFinite(v)) continue;
      let lowest = true;
      for (let b = -1; b <= 1 && lowest; b++) {
        for (let a = -1; a <= 1; a++) {
          if (!a && !b) continue;
          const w = values[(j + b) * nx + i + a];
          // Ties (a symmetric loss sampled either side of its minimum) go to the first point in
          // scan order: strictly below the neighbours before it, not above those after it. NaN
          // neighbours (non-finite loss) never count as lower.
          const before = b < 0 || (b === 0 && a < 0);
          if (before ? !(w > v) : !(w >= v)) {
            lowest = false;
            break;
          }
        }
      }
      if (lowest) found.push({ v, p: [x0 + i * dx, y0 + j * dy] });
    }
  }
  found.sort((a, b) => a.v - b.v);
  const out = found.slice(0, max).map((f) => f.p);
  const m = s.minimiser;
  if (m) {
    const near = out.findIndex(([x, y]) => Math.abs(x - m[0]) <= 1.5 * dx && Math.abs(y - m[1]) <= 1.5 * dy);
    if (near >= 0) out[near] = [m[0], m[1]];
  }
  return out;
}
