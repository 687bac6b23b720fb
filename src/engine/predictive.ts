/**
 * Predictions from a belief q over two weights θ = (w₁, w₂): the posterior predictive (Bayesian
 * model average) ∫ f(x; θ) q(θ) dθ with its spread, for the two-weight network
 * f(x) = w₂ tanh(w₁x) (losses/tanh-regression.ts) or any model given as a function of (θ, x).
 * Three ways to get it: Monte Carlo over samples of a Gaussian q (IVON, Laplace), the
 * linearised model f(x; m) + J(x)(θ − m) (closed form JΣJᵀ), and Monte Carlo dropout's
 * average over masks θ = m ∘ z at test time (Gal & Ghahramani 2016). The samples reuse one
 * fixed set of standard normal draws (common random numbers), so a band moves smoothly with q
 * instead of flickering from frame to frame; the conjugate figure's lines drawn from q use the
 * same draws (gaussianDraws).
 */
import { chol2 } from './linalg2';
import { createRng } from './rng';

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

/** A model's prediction f(x; θ) for weights θ = (w₁, w₂). */
export type Model2 = (w1: number, w2: number, x: number) => number;

/** The two-weight network f(x) = w₂ tanh(w₁x). */
export const tanhModel: Model2 = (w1, w2, x) => w2 * Math.tanh(w1 * x);

/** The predictive mean and standard deviation of y at each x. */
export interface PredictiveMoments {
  mean: Float64Array;
  sd: Float64Array;
}

/**
 * The Monte Carlo posterior predictive of y = f(x; θ) + ε, ε ~ N(0, σ²), from weighted draws
 * θ_k: mean Σ w_k f(x; θ_k) and variance Σ w_k (f − mean)² + σ² (the law of total variance;
 * σ² = `noiseVariance`, 0 for the spread of f alone). Equal weights when `weights` is left out.
 */
export function predictiveMoments(
  model: Model2,
  draws: readonly (readonly [number, number])[],
  xs: Float64Array,
  noiseVariance = 0,
  weights?: Float64Array,
): PredictiveMoments {
  const k = draws.length;
  const n = xs.length;
  const out: PredictiveMoments = { mean: new Float64Array(n), sd: new Float64Array(n) };
  const values = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    let mean = 0;
    for (let j = 0; j < k; j++) {
      values[j] = model(draws[j][0], draws[j][1], xs[i]);
      mean += (weights ? weights[j] : 1 / k) * values[j];
    }
    let variance = 0;
    for (let j = 0; j < k; j++) variance += (weights ? weights[j] : 1 / k) * (values[j] - mean) ** 2;
    out.mean[i] = mean;
    out.sd[i] = Math.sqrt(variance + noiseVariance);
  }
  return out;
}

/**
 * The predictive of a Gaussian q = N(m, Σ) by Monte Carlo: f at the draws θ = m + Lz of
 * `normals` (gaussianDraws), averaged (predictiveMoments).
 */
export function gaussianPredictive(
  model: Model2,
  m: readonly [number, number],
  cov: Readonly<Sym2Triple>,
  xs: Float64Array,
  normals: Float64Array,
  noiseVariance = 0,
): PredictiveMoments {
  return predictiveMoments(model, gaussianDraws(m, cov, normals), xs, noiseVariance);
}

/** ∂f/∂θ of f(x) = w₂ tanh(w₁x) at (w₁, w₂): (w₂ x sech²(w₁x), tanh(w₁x)). */
export function tanhJacobian(w1: number, w2: number, x: number, out: [number, number] = [0, 0]): [number, number] {
  const t = Math.tanh(w1 * x);
  out[0] = w2 * x * (1 - t * t);
  out[1] = t;
  return out;
}

/**
 * The linearised predictive of q = N(m, Σ) (MacKay 1992; Immer et al. 2021): with
 * f(x; θ) ≈ f(x; m) + J(x)(θ − m), y is Gaussian with mean f(x; m) and variance
 * J Σ Jᵀ + σ². Exact for a model linear in θ.
 */
export function linearisedPredictive(
  model: Model2,
  jacobian: (w1: number, w2: number, x: number, out: [number, number]) => [number, number],
  m: readonly [number, number],
  cov: Readonly<Sym2Triple>,
  xs: Float64Array,
  noiseVariance = 0,
): PredictiveMoments {
  const [a, b, c] = cov;
  const n = xs.length;
  const out: PredictiveMoments = { mean: new Float64Array(n), sd: new Float64Array(n) };
  const j: [number, number] = [0, 0];
  for (let i = 0; i < n; i++) {
    jacobian(m[0], m[1], xs[i], j);
    out.mean[i] = model(m[0], m[1], xs[i]);
    out.sd[i] = Math.sqrt(Math.max(0, a * j[0] * j[0] + 2 * b * j[0] * j[1] + c * j[1] * j[1]) + noiseVariance);
  }
  return out;
}

/**
 * `count` dropout masks z = (z₁, z₂), zⱼ ~ Bernoulli(1 − p) independently, from a seeded
 * generator, as z₁, z₂, z₁, z₂, … (the engine's training masks, run.ts maskedLoss, have the
 * same law: θ = m ∘ z with no rescaling by 1/(1 − p)).
 */
export function dropoutMasks(count: number, p: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: 2 * count }, () => (rng.uniform() < 1 - p ? 1 : 0));
}

/**
 * Monte Carlo dropout (Gal & Ghahramani 2016): the predictive of the weights m with dropout
 * kept on at test time, f(x; m ∘ z) averaged over the `masks` (dropoutMasks).
 */
export function dropoutPredictive(model: Model2, m: readonly [number, number], masks: Float64Array, xs: Float64Array, noiseVariance = 0): PredictiveMoments {
  const draws: [number, number][] = [];
  for (let j = 0; j + 1 < masks.length; j += 2) draws.push([m[0] * masks[j], m[1] * masks[j + 1]]);
  return predictiveMoments(model, draws, xs, noiseVariance);
}

/**
 * The exact predictive under dropout masks with rate p, the limit of dropoutPredictive: the four
 * masks z ∈ {0, 1}² with probabilities (1 − p)^{z₁ + z₂} p^{2 − z₁ − z₂}.
 */
export function dropoutPredictiveExact(model: Model2, m: readonly [number, number], p: number, xs: Float64Array, noiseVariance = 0): PredictiveMoments {
  const draws: [number, number][] = [];
  const weights: number[] = [];
  for (const z1 of [0, 1]) {
    for (const z2 of [0, 1]) {
      draws.push([m[0] * z1, m[1] * z2]);
      weights.push((z1 ? 1 - p : p) * (z2 ? 1 - p : p));
    }
  }
  return predictiveMoments(model, draws, xs, noiseVariance, Float64Array.from(weights));
}
