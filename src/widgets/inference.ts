/**
 * Pure helpers of chapter 5's inference figures (figures-inference.tsx, InferencePanels.tsx):
 * the editable logistic-regression data set (presets, URL text, validation, edits), the EM
 * figure's responsibilities and fitted components, and the numbers beside the exact posterior
 * (KL(q ‖ p), the objective gap τ·KL, the window warning). Rendering only maps these to SVG.
 */
import { inv2 } from '../engine/linalg2';
import { gmmResponsibility } from '../engine/losses/gmm';
import { MAX_POINTS, STRIP_RANGE, type LabelledPoint } from './labelled-points';

// The data set's codec and the KL readouts moved to generic modules (settings.ts and
// Readouts.tsx use them); re-exported here for this figure's views and tests.
export { formatLabelledPoints, labelledPointsIssue, MAX_POINTS, parseLabelledPoints, STRIP_RANGE, type LabelledPoint } from './labelled-points';
export { formatGap, formatKl, klAt } from './kl';

/**
 * Data sets to start from. The inputs are uncentred (most x > 0), so the posterior over
 * (slope, bias) is tilted: correlation −0.52 (separated), −0.60 (overlapping), −0.47 (four
 * points), measured on the figure's window with δ = 0.5.
 */
export const LOGISTIC_PRESETS = {
  separated: {
    title: 'Well separated',
    points: [[-0.6, 0], [0, 0], [0.5, 0], [1, 0], [1.6, 1], [2.1, 1], [2.7, 1], [3.4, 1]] as LabelledPoint[],
  },
  overlapping: {
    title: 'Overlapping',
    points: [[-0.7, 0], [-0.2, 0], [0.3, 1], [0.7, 0], [1, 0], [1.3, 1], [1.7, 0], [2, 1], [2.6, 1], [3.3, 1]] as LabelledPoint[],
  },
  few: {
    title: 'Four points',
    points: [[0, 0], [0.9, 0], [1.8, 1], [3, 1]] as LabelledPoint[],
  },
} as const;
export type LogisticPreset = keyof typeof LOGISTIC_PRESETS;

/** Two decimals: what a clicked position is rounded to. */
const round2 = (v: number) => Math.round(v * 100) / 100;

/**
 * The data after adding (x, label): x rounded to 2 decimals and clamped to the strip; unchanged
 * when the set is full.
 */
export function withPointAdded(points: readonly LabelledPoint[], x: number, label: 0 | 1): LabelledPoint[] {
  if (points.length >= MAX_POINTS || !Number.isFinite(x)) return [...points];
  const cx = round2(Math.min(STRIP_RANGE[1], Math.max(STRIP_RANGE[0], x)));
  return [...points, [cx === 0 ? 0 : cx, label]];
}

/** The data without point i; the last point stays (the model needs at least one example). */
export function withPointRemoved(points: readonly LabelledPoint[], i: number): LabelledPoint[] {
  if (points.length <= 1 || i < 0 || i >= points.length) return [...points];
  return points.filter((_, j) => j !== i);
}

/** The RunSpec loss of Bayesian logistic regression (features (x, 1)) on the points. */
export function logisticLoss(points: readonly LabelledPoint[], priorPrecision: number) {
  return {
    kind: 'logistic-regression' as const,
    x: points.map((p) => p[0]),
    y: points.map((p) => p[1]),
    priorPrecision,
  };
}

/** EM's E-step for ½N(μ₁, σ²) + ½N(μ₂, σ²): each point's rᵢ₁ (engine/losses/gmm.ts gmmResponsibility). */
export function responsibilities(x: readonly number[], mu1: number, mu2: number, variance: number): Float64Array {
  return Float64Array.from(x, (xi) => gmmResponsibility(xi, mu1, mu2, variance).r1);
}

/** ½N(x; μ, σ²) at `n` evenly spaced x over [x0, x1]: one fitted component of the EM figure. */
export function componentDensity(mu: number, variance: number, x0: number, x1: number, n: number): { x: Float64Array; y: Float64Array } {
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  const c = 0.5 / Math.sqrt(2 * Math.PI * variance);
  for (let i = 0; i < n; i++) {
    const x = x0 + ((x1 - x0) * i) / (n - 1);
    xs[i] = x;
    ys[i] = c * Math.exp(-((x - mu) ** 2) / (2 * variance));
  }
  return { x: xs, y: ys };
}

/** The range a 1-D data strip shows: the data with a margin, and at least `[lo, hi]`. */
export function stripRange(x: readonly number[], lo: number, hi: number, margin = 0.5): [number, number] {
  let a = lo;
  let b = hi;
  for (const v of x) {
    if (v - margin < a) a = v - margin;
    if (v + margin > b) b = v + margin;
  }
  return [a, b];
}

/** Above this share of p's mass in the window's outermost cells, the window cuts p off. */
export const EDGE_MASS_LIMIT = 1e-3;

/** The warning for a window that cuts the posterior off, or null. */
export function edgeWarning(edgeMass: number): string | null {
  return edgeMass > EDGE_MASS_LIMIT || !Number.isFinite(edgeMass) ? 'The window cuts off part of the posterior; the numbers are approximate.' : null;
}

/** The precision Σ⁻¹ of p from its covariance, as [a, b, c] of [[a, b], [b, c]]; NaNs if singular. */
export function precisionOfCov(cov: readonly (readonly number[])[]): [number, number, number] {
  const out = new Float64Array(3);
  const det = cov[0][0] * cov[1][1] - cov[0][1] * cov[0][1];
  if (!(det > 0)) return [NaN, NaN, NaN];
  inv2(cov[0][0], cov[0][1], cov[1][1], out);
  return [out[0], out[1], out[2]];
}

/** The correlation c = Σ₁₂/√(Σ₁₁Σ₂₂) of a 2×2 covariance; NaN when a variance is not positive. */
export function correlationOfCov(cov: readonly (readonly number[])[]): number {
  const v = cov[0][0] * cov[1][1];
  return v > 0 ? cov[0][1] / Math.sqrt(v) : NaN;
}
