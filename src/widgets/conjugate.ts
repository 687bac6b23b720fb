/**
 * The pure parts of the conjugate figures (figures-conjugate.tsx): Bayesian linear regression's
 * exact posterior and predictive band for the data panel (its lines drawn from q are
 * engine/predictive.ts's gaussianDraws), the parameter window, how many steps a run needs and how many
 * examples a step has used, the coin's Beta densities and seeded random flips, and axis ticks.
 * Everything returns plain numbers; the views only scale them to pixels.
 */
import { betaTarget, lbeta } from '../engine/families/beta';
import { createRng } from '../engine/rng';
import { parseRunSpec } from '../engine/spec';
import type { View } from './geometry';
import type { Sym2Triple } from '../engine/predictive';

export type Point = [number, number];

export interface LinregPosterior {
  mean: [number, number];
  precision: Sym2Triple;
  cov: Sym2Triple;
}

/**
 * The exact posterior of Bayesian linear regression with features (1, x) and prior N(0, δ⁻¹I):
 * S⋆ = δI + XᵀX/σ², S⋆m⋆ = Xᵀy/σ² (Khan & Rue 2023, §5.1; chapter 5, eq. 5.9).
 */
export function linregPosterior(points: readonly Point[], noise: number, delta: number): LinregPosterior {
  let a = delta;
  let b = 0;
  let c = delta;
  let r0 = 0;
  let r1 = 0;
  for (const [x, y] of points) {
    a += 1 / noise;
    b += x / noise;
    c += (x * x) / noise;
    r0 += y / noise;
    r1 += (x * y) / noise;
  }
  const det = a * c - b * b;
  return {
    mean: [(c * r0 - b * r1) / det, (a * r1 - b * r0) / det],
    precision: [a, b, c],
    cov: [c / det, -b / det, a / det],
  };
}

/** The line θ₀ + θ₁x under q at each x: its mean and the band mean ± z·sd. */
export interface PredictiveLine {
  mean: Float64Array;
  lo: Float64Array;
  hi: Float64Array;
}

/**
 * Predictive of f(x) = θ₀ + θ₁x for θ ~ N(m, Σ): mean m₀ + m₁x and variance
 * (1, x) Σ (1, x)ᵀ = Σ₀₀ + 2xΣ₀₁ + x²Σ₁₁, plus σ² (`noise`) for a new observation y; the band
 * is mean ± z·sd.
 */
export function predictiveLine(mean: readonly [number, number], cov: Readonly<Sym2Triple>, xs: ArrayLike<number>, noise = 0, z = 2): PredictiveLine {
  const n = xs.length;
  const out: PredictiveLine = { mean: new Float64Array(n), lo: new Float64Array(n), hi: new Float64Array(n) };
  const [ca, cb, cc] = cov;
  for (let i = 0; i < n; i++) {
    const x = xs[i];
    const mu = mean[0] + mean[1] * x;
    // max(·, 0): a covariance interpolated between frames can round a hair below zero.
    const sd = Math.sqrt(Math.max(ca + 2 * x * cb + x * x * cc + noise, 0));
    out.mean[i] = mu;
    out.lo[i] = mu - z * sd;
    out.hi[i] = mu + z * sd;
  }
  return out;
}

/** Half-widths the parameter window snaps to, so that small edits of the data keep the window. */
const HALF_WIDTHS = [3, 4, 5, 6, 8, 10, 15, 20, 30, 50, 100, 200, 500, 1000];

/**
 * The parameter window (θ₀ across, θ₁ up): a square around the prior's mean 0 that holds the
 * posterior's mean ± 4 sd, at least [−3, 3]². The exact posterior is normalised on it, so its
 * mass must lie inside.
 */
export function parameterView(post: LinregPosterior): View {
  const need = Math.max(Math.abs(post.mean[0]) + 4 * Math.sqrt(post.cov[0]), Math.abs(post.mean[1]) + 4 * Math.sqrt(post.cov[2]));
  const h = HALF_WIDTHS.find((w) => w >= need) ?? HALF_WIDTHS[HALF_WIDTHS.length - 1];
  return [-h, h, -h, h];
}

/** What is left of the start's distance to the target after a run of ρ < 1 steps: (1 − ρ)ᵗ. */
export const CONVERGED = 1e-4;
/** Longest run a ρ < 1 figure plays. */
export const MAX_CONJUGATE_STEPS = 400;

/**
 * Steps of a conjugate run: with `online`, one per example (step t sees the first t), then, for
 * ρ < 1, enough further steps for (1 − ρ)ᵗ to fall below CONVERGED (eq. 5.7); all at once and
 * ρ = 1, the one step that lands on the posterior. No data, no steps: q₀, the prior, is already
 * the posterior.
 */
export function conjugateSteps(n: number, rho: number, online: boolean): number {
  if (n === 0) return 0;
  const settle = rho >= 1 ? 0 : Math.min(MAX_CONJUGATE_STEPS, Math.ceil(Math.log(CONVERGED) / Math.log1p(-rho)));
  return online ? n + settle : Math.max(1, settle);
}

/**
 * Examples a conjugate run has used by step `step` of n: online, the first `step`; all at once,
 * all of them from step 1 on (a frame's own counts are its loss's, which all at once holds
 * every example from step 0).
 */
export function examplesSeen(step: number, n: number, online: boolean): number {
  return online ? Math.min(step, n) : step >= 1 ? n : 0;
}

/** The Beta(a, b) density p^(a−1)(1 − p)^(b−1)/B(a, b) at each p of `ps` (all in (0, 1)). */
export function betaCurve(a: number, b: number, ps: ArrayLike<number>, out: Float64Array = new Float64Array(ps.length)): Float64Array {
  const logB = lbeta(a, b);
  for (let i = 0; i < ps.length; i++) out[i] = Math.exp((a - 1) * Math.log(ps[i]) + (b - 1) * Math.log1p(-ps[i]) - logB);
  return out;
}

/** n midpoints of [0, 1]: the density is drawn there, never at 0 or 1, where it may be infinite. */
export function unitGrid(n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => (i + 0.5) / n);
}

/** Heads and tails among the flips. */
export function coinCounts(flips: readonly number[]): { heads: number; tails: number } {
  const heads = flips.reduce((s, y) => s + y, 0);
  return { heads, tails: flips.length - heads };
}

/**
 * The spec whose target the engine tempers: the prior Beta(α₀, β₀) as q₀ and temperature τ.
 * Only the fields betaTarget reads matter; the flips are counted by the caller.
 */
function coinTargetSpec(alpha0: number, beta0: number, tau: number) {
  return parseRunSpec({ loss: { kind: 'coin', flips: [] }, family: 'beta', algorithm: 'blr', temperature: tau, init: { mean: [alpha0, beta0] } });
}

/**
 * The exact target for the flips, exp(−ℓ̄/τ) as a Beta, with the engine's temperature convention
 * (engine/families/beta.ts betaTarget); at τ = 1 the posterior Beta(α₀ + heads, β₀ + tails)
 * (chapter 5, eq. 5.14 with ρ = 1).
 */
export function coinPosterior(alpha0: number, beta0: number, flips: readonly number[], tau = 1): [number, number] {
  const { heads, tails } = coinCounts(flips);
  return betaTarget(coinTargetSpec(alpha0, beta0, tau), heads, tails);
}

/** P(heads) of the coin that "Flip at random" tosses. */
export const RANDOM_COIN = 0.7;

/**
 * Flips number `from` … `from + count − 1` of the seeded coin with P(heads) = `p`: flip i is
 * the i-th uniform draw of createRng(seed), so the same seed and the same number of earlier
 * flips always give the same new flips.
 */
export function randomFlips(seed: number, from: number, count: number, p = RANDOM_COIN): (0 | 1)[] {
  const rng = createRng(seed);
  for (let i = 0; i < from; i++) rng.uniform();
  return Array.from({ length: count }, () => (rng.uniform() < p ? 1 : 0));
}

/** About `count` round tick values covering [lo, hi] (steps of 1, 2 or 5 times a power of ten). */
export function niceTicks(lo: number, hi: number, count: number): number[] {
  if (!(hi > lo) || count < 1) return [lo];
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  // Rounded to the step's decimals so that 0.1 + 0.2 prints as 0.3.
  const digits = Math.max(0, -Math.floor(Math.log10(step)));
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) ticks.push(Number(v.toFixed(digits)));
  return ticks;
}

/** A point moved to (x, y): clamped to the data window [−c, c]² and rounded to 2 decimals (short links). */
export function placedPoint(x: number, y: number, c: number): Point {
  const r = (v: number) => Math.round(Math.min(c, Math.max(-c, v)) * 100) / 100 + 0;
  return [r(x), r(y)];
}

/**
 * The top of the coin plot's density axis: the highest density of the given Beta distributions
 * on `grid` away from the ends (where a Beta with α < 1 or β < 1 is unbounded), with headroom.
 */
export function densityTop(betas: readonly [number, number][], grid: Float64Array, margin = 0.02): number {
  let top = 0;
  const curve = new Float64Array(grid.length);
  for (const [a, b] of betas) {
    betaCurve(a, b, grid, curve);
    for (let i = 0; i < grid.length; i++) if (grid[i] >= margin && grid[i] <= 1 - margin && curve[i] > top) top = curve[i];
  }
  return 1.08 * Math.max(top, 1);
}

/**
 * The exact target after each prefix of the flips (t = 0 … N): Bayes' rule flip by flip at τ = 1,
 * each prefix's tempered target otherwise (what one flip per step with ρ = 1 passes through).
 * t = 0 is the prior itself, q₀.
 */
export function coinPrefixPosteriors(alpha0: number, beta0: number, flips: readonly number[], tau = 1): [number, number][] {
  const spec = coinTargetSpec(alpha0, beta0, tau);
  const out: [number, number][] = [[alpha0, beta0]];
  let heads = 0;
  flips.forEach((y, i) => {
    heads += y;
    out.push(betaTarget(spec, heads, i + 1 - heads));
  });
  return out;
}
