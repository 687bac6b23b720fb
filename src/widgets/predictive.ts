/**
 * Data space for the two-weight network f(x) = w₂ tanh(w₁x) (engine/losses/tanh-regression.ts):
 * the curve of a point estimate, and the predictive band of a Gaussian q over (w₁, w₂) from
 * samples. The samples reuse one fixed set of standard normal draws (common random numbers),
 * so the band moves smoothly with q instead of flickering from frame to frame; the conjugate
 * figure's lines drawn from q use the same draws (gaussianDraws).
 */
import { chol2 } from '../engine/linalg2';
import { createRng } from '../engine/rng';

/**
 * A symmetric 2×2 matrix [[a, b], [b, c]] as the triple (a, b, c), as frames store q's
 * covariance (engine/linalg2.ts's Sym2 is the nested form).
 */
export type Sym2Triple = [number, number, number];

/** x values evenly spaced on [lo, hi] (n ≥ 2). */
export function gridX(lo: number, hi: number, n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
}

/** `count` pairs of standard normal draws from a seeded generator, as z₁, z₂, z₁, z₂, … */
export function standardNormals(count: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: 2 * count }, () => rng.normal());
}

/**
 * Draws θ = m + Lz from q = N(m, Σ), LLᵀ = Σ (Cholesky, engine/linalg2.ts chol2), one per pair
 * of `normals`: the same draws every frame (common random numbers), so they move with q
 * instead of flickering.
 */
export function gaussianDraws(mean: readonly [number, number], cov: Readonly<Sym2Triple>, normals: Float64Array): [number, number][] {
  const [a, b, c] = cov;
  const L = new Float64Array(3);
  // Σ may be only semi-definite: a point mass (zero variance) has a zero column, and a
  // covariance interpolated between frames can leave c − l₂₁² a hair below 0.
  if (a > 0) chol2(a, b, c, L);
  else L[2] = Math.sqrt(Math.max(c, 0));
  if (!(L[2] >= 0)) L[2] = 0;
  const draws: [number, number][] = [];
  for (let j = 0; j + 1 < normals.length; j += 2) {
    const z1 = normals[j];
    const z2 = normals[j + 1];
    draws.push([mean[0] + L[0] * z1, mean[1] + L[1] * z1 + L[2] * z2]);
  }
  return draws;
}

/** f(x) = w₂ tanh(w₁x) at each x. */
export function tanhCurve(w1: number, w2: number, xs: Float64Array, out = new Float64Array(xs.length)): Float64Array {
  for (let i = 0; i < xs.length; i++) out[i] = w2 * Math.tanh(w1 * xs[i]);
  return out;
}

/** The predictive mean of f(x) under q and the band between two quantiles, per x. */
export interface PredictiveBand {
  mean: Float64Array;
  lo: Float64Array;
  hi: Float64Array;
}

/**
 * f(x; w) for the draws w of q = N(m, Σ) (gaussianDraws), one per pair in `normals`: the sample
 * mean of the curves and their `lower` and `upper` empirical quantiles at each x (nearest rank).
 */
export function predictiveBand(
  m: readonly [number, number],
  cov: Readonly<Sym2Triple>,
  xs: Float64Array,
  normals: Float64Array,
  lower = 0.05,
  upper = 0.95,
): PredictiveBand {
  const w = gaussianDraws(m, cov, normals);
  const k = w.length;
  const n = xs.length;
  const band: PredictiveBand = { mean: new Float64Array(n), lo: new Float64Array(n), hi: new Float64Array(n) };
  const values = new Float64Array(k);
  const rank = (p: number) => Math.min(k - 1, Math.max(0, Math.round(p * (k - 1))));
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < k; j++) {
      values[j] = w[j][1] * Math.tanh(w[j][0] * xs[i]);
      sum += values[j];
    }
    values.sort();
    band.mean[i] = sum / k;
    band.lo[i] = values[rank(lower)];
    band.hi[i] = values[rank(upper)];
  }
  return band;
}
