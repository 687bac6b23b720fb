/**
 * Data space for the two-weight network f(x) = w₂ tanh(w₁x) (engine/losses/tanh-regression.ts):
 * the curve of a point estimate, and the predictive band of a Gaussian q over (w₁, w₂) from
 * samples. The samples reuse one fixed set of standard normal draws (common random numbers),
 * so the band moves smoothly with q instead of flickering from frame to frame.
 */
import { createRng } from '../engine/rng';

/** x values evenly spaced on [lo, hi] (n ≥ 2). */
export function gridX(lo: number, hi: number, n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
}

/** `count` pairs of standard normal draws from a seeded generator, as z₁, z₂, z₁, z₂, … */
export function standardNormals(count: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: 2 * count }, () => rng.normal());
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
 * f(x; w) for w = m + Lz, LLᵀ = Σ = [[ca, cb], [cb, cc]] (Cholesky), one z per pair in
 * `normals`: the sample mean of the curves and their `lower` and `upper` empirical quantiles
 * at each x (nearest rank).
 */
export function predictiveBand(
  m: readonly [number, number],
  cov: readonly [number, number, number],
  xs: Float64Array,
  normals: Float64Array,
  lower = 0.05,
  upper = 0.95,
): PredictiveBand {
  const [ca, cb, cc] = cov;
  const l11 = Math.sqrt(Math.max(ca, 0));
  const l21 = l11 > 0 ? cb / l11 : 0;
  const l22 = Math.sqrt(Math.max(cc - l21 * l21, 0));
  const k = normals.length / 2;
  const w1 = new Float64Array(k);
  const w2 = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const z1 = normals[2 * j];
    const z2 = normals[2 * j + 1];
    w1[j] = m[0] + l11 * z1;
    w2[j] = m[1] + l21 * z1 + l22 * z2;
  }
  const n = xs.length;
  const band: PredictiveBand = { mean: new Float64Array(n), lo: new Float64Array(n), hi: new Float64Array(n) };
  const values = new Float64Array(k);
  const rank = (p: number) => Math.min(k - 1, Math.max(0, Math.round(p * (k - 1))));
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < k; j++) {
      values[j] = w2[j] * Math.tanh(w1[j] * xs[i]);
      sum += values[j];
    }
    values.sort();
    band.mean[i] = sum / k;
    band.lo[i] = values[rank(lower)];
    band.hi[i] = values[rank(upper)];
  }
  return band;
}
