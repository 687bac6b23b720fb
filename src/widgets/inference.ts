/**
 * Pure helpers of chapter 5's inference figures (figures-inference.tsx, InferencePanels.tsx):
 * the editable logistic-regression data set (presets, URL text, validation, edits), the EM
 * figure's responsibilities and fitted components, and the numbers beside the exact posterior
 * (KL(q ‖ p), the objective gap τ·KL, the window warning). Rendering only maps these to SVG.
 */
import { inv2 } from '../engine/linalg2';
import { gmmResponsibility } from '../engine/losses/gmm';

/** One labelled example of 1-D logistic regression: [x, y] with y ∈ {0, 1}. */
export type LabelledPoint = [x: number, label: 0 | 1];

/**
 * Most examples a reader may place (the data strip stays legible, the URL short); the
 * conjugate figures' DATA_LIMITS.points too.
 */
export const MAX_POINTS = 40;
/** The x range of the data strip; points outside it cannot be placed or linked. */
export const STRIP_RANGE = [-1.5, 4.5] as const;

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

/** Why a data set cannot be used, or null: 1 to MAX_POINTS points, finite x in STRIP_RANGE, labels 0 or 1. */
export function labelledPointsIssue(points: readonly (readonly unknown[])[]): string | null {
  if (points.length === 0) return 'needs at least one point';
  if (points.length > MAX_POINTS) return `holds at most ${MAX_POINTS} points`;
  for (const p of points) {
    const [x, y] = p;
    if (p.length !== 2 || typeof x !== 'number' || !Number.isFinite(x)) return 'every x must be a finite number';
    if (x < STRIP_RANGE[0] || x > STRIP_RANGE[1]) return `every x must lie in [${STRIP_RANGE[0]}, ${STRIP_RANGE[1]}]`;
    if (y !== 0 && y !== 1) return 'every label must be 0 or 1';
  }
  return null;
}

/** "x:y,x:y,…" (as in a link) to points; undefined when malformed or invalid (labelledPointsIssue). */
export function parseLabelledPoints(raw: string): LabelledPoint[] | undefined {
  if (raw.trim() === '') return undefined;
  const out: LabelledPoint[] = [];
  for (const token of raw.split(',')) {
    const m = /^\s*([^:\s]+)\s*:\s*([01])\s*$/.exec(token);
    if (!m) return undefined;
    const x = Number(m[1]);
    out.push([x, m[2] === '1' ? 1 : 0]);
  }
  return labelledPointsIssue(out) === null ? out : undefined;
}

/** Points as "x:y,x:y,…", full precision (a link reopens exactly the data it was made from). */
export function formatLabelledPoints(points: readonly LabelledPoint[]): string {
  return points.map(([x, y]) => `${x}:${y}`).join(',');
}

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

/**
 * A KL divergence for a readout: "—" where undefined; three decimals below 1000, else three
 * significant digits. A quadrature error can make a KL that is really 0 come out as −1e-5:
 * values within ±5e-4 of 0 show as 0.000 rather than as a negative divergence.
 */
export function formatKl(kl: number): string {
  if (!Number.isFinite(kl)) return '—';
  if (Math.abs(kl) < 5e-4) return '0.000';
  return Math.abs(kl) < 1000 ? kl.toFixed(3) : kl.toPrecision(3);
}

/** The objective gap L(q) − L(p) = τ·KL(q ‖ p), formatted as formatKl does. */
export function formatGap(kl: number, temperature: number): string {
  return formatKl(temperature * kl);
}

/** KL(q ‖ p) of frame k of a log, NaN where the worker sent none. */
export function klAt(kl: Float64Array | null, count: number, k: number): number {
  if (!kl || count === 0) return NaN;
  const i = Math.max(0, Math.min(k, count - 1));
  return i < kl.length ? kl[i] : NaN;
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
