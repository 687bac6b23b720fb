/**
 * Seeded synthetic data sets for the data-sum losses: the same (kind, n, seed, noise) always
 * gives the same points, so a RunSpec that names a generator is as reproducible as one that
 * lists its data.
 */
import { createRng } from './rng';

export interface SyntheticParams {
  n: number;
  seed: number;
  noise: number;
}

/** The weights (w₁, w₂) the tanh data are drawn from; −(w₁, w₂) fits them equally well. */
export const TANH_TRUE_WEIGHTS = [1.5, 1] as const;

/**
 * 1-D regression data from the two-weight network y = w₂ tanh(w₁ x) + noise·ε, with x uniform
 * on [−2, 2] and ε ~ N(0, 1).
 */
export function tanhData({ n, seed, noise }: SyntheticParams): { x: number[]; y: number[] } {
  const rng = createRng(seed);
  const [w1, w2] = TANH_TRUE_WEIGHTS;
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const xi = -2 + 4 * rng.uniform();
    x.push(xi);
    y.push(w2 * Math.tanh(w1 * xi) + noise * rng.normal());
  }
  return { x, y };
}

/** The component means the mixture data are drawn from. */
export const GMM_TRUE_MEANS = [-1.5, 2] as const;

/** 1-D data from ½N(−1.5, s²) + ½N(2, s²), s = `noise` (the component standard deviation). */
export function gmmData({ n, seed, noise }: SyntheticParams): number[] {
  const rng = createRng(seed);
  const x: number[] = [];
  for (let i = 0; i < n; i++) x.push(GMM_TRUE_MEANS[rng.uniform() < 0.5 ? 0 : 1] + noise * rng.normal());
  return x;
}

/** The weights (intercept, slope) the linear-regression data are drawn from. */
export const LINEAR_TRUE_WEIGHTS = [0.5, 0.8] as const;

/** 1-D regression data y = 0.5 + 0.8x + noise·ε, x uniform on [−2, 2], ε ~ N(0, 1). */
export function linearData({ n, seed, noise }: SyntheticParams): { x: number[]; y: number[] } {
  const rng = createRng(seed);
  const [b, w] = LINEAR_TRUE_WEIGHTS;
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const xi = -2 + 4 * rng.uniform();
    x.push(xi);
    y.push(b + w * xi + noise * rng.normal());
  }
  return { x, y };
}

/**
 * Labelled 1-D data for logistic regression: x uniform on [−2, 2] and yᵢ = 1 with probability
 * σ(2xᵢ − 0.5) (features (x, 1), weights (2, −0.5)); `noise` is unused (the labels are random).
 */
export function logisticData({ n, seed }: SyntheticParams): { x: number[]; y: (0 | 1)[] } {
  const rng = createRng(seed);
  const x: number[] = [];
  const y: (0 | 1)[] = [];
  for (let i = 0; i < n; i++) {
    const xi = -2 + 4 * rng.uniform();
    x.push(xi);
    y.push(rng.uniform() < 1 / (1 + Math.exp(-(2 * xi - 0.5))) ? 1 : 0);
  }
  return { x, y };
}
