/**
 * Pure helpers of the binary-weights figure (BinaryPlot.tsx): the four corners of {−1, +1}²,
 * the mass a mean-field Bernoulli q puts on each, and the straight-through estimator's corner.
 */

export type Corner = readonly [-1 | 1, -1 | 1];

/** The corners of {−1, +1}², in the order of every per-corner array here. */
export const CORNERS: readonly Corner[] = [
  [-1, -1],
  [-1, 1],
  [1, -1],
  [1, 1],
];

/** A corner as text, "1,-1": the `data-corner` of its marker. */
export const cornerKey = (c: readonly number[]) => `${c[0]},${c[1]}`;

/**
 * q's mass on each corner, q(c) = Πⱼ P(θⱼ = cⱼ), from p = (P(θ₁ = +1), P(θ₂ = +1)); the four sum
 * to 1 (Meng, Bachmann & Khan 2020: q is a product of independent Bernoullis on ±1).
 */
export function cornerMasses(px: number, py: number): number[] {
  return CORNERS.map(([c1, c2]) => (c1 > 0 ? px : 1 - px) * (c2 > 0 ? py : 1 - py));
}

/** The corner the straight-through estimator uses, sign(λ) with sign(0) = +1 (engine/families/bernoulli.ts). */
export function steCorner(lx: number, ly: number): Corner {
  return [lx >= 0 ? 1 : -1, ly >= 0 ? 1 : -1];
}

/** Index of the corner with the lowest loss (the first of equals), from ℓ̄ at each corner. */
export function lowestCorner(losses: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < losses.length; i++) if (losses[i] < losses[best]) best = i;
  return best;
}
