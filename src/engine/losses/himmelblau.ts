import type { Loss } from './loss';

export interface HimmelblauParams {
  /** Multiplies the whole function, so the four basins hold comparable mass at τ = 1. */
  scale: number;
}

/** Himmelblau's four minimisers (Himmelblau 1972), where ℓ̄ = 0. */
export const HIMMELBLAU_MINIMA: readonly (readonly [number, number])[] = [
  [3, 2],
  [-2.805118086952745, 3.131312518250573],
  [-3.779310253377747, -3.283185991286170],
  [3.584428340330492, -1.848126526964404],
];

/**
 * ℓ̄(x, y) = s·[(x² + y − 11)² + (x + y² − 7)²]: Himmelblau's function, a classic with four
 * minima of equal depth, so a mixture's components can settle in different basins.
 */
export function createHimmelblauLoss({ scale: s }: HimmelblauParams): Loss {
  return {
    label: 'himmelblau',
    value(x, y) {
      const a = x * x + y - 11;
      const b = x + y * y - 7;
      return s * (a * a + b * b);
    },
    evaluate(x, y, out) {
      const a = x * x + y - 11;
      const b = x + y * y - 7;
      out[0] = s * (a * a + b * b);
      out[1] = s * (4 * x * a + 2 * b);
      out[2] = s * (2 * a + 4 * y * b);
      out[3] = s * (4 * a + 8 * x * x + 2);
      out[4] = s * (4 * x + 4 * y);
      out[5] = s * (2 + 4 * b + 8 * y * y);
    },
    minimiser: HIMMELBLAU_MINIMA[0],
    minima: HIMMELBLAU_MINIMA,
    view: [-5.5, 5.5, -5.5, 5.5],
  };
}
