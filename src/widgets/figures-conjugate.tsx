/**
 * The conjugate figures of chapter 5 (Khan & Rue 2023, §5.1): Bayesian linear regression, where
 * one BLR step with ρ = 1 lands on the exact posterior and one point per step is recursive least
 * squares (ConjugatePlot), and the Beta–Bernoulli coin (CoinPlot). `ConjugateFigure` and
 * `CoinFigure` are re-exported from figures.tsx with the other figures.
 */
import type { RunSpecInput } from '../engine/spec';
import { CoinPlot, CoinReadouts } from './CoinPlot';
import { conjugateSteps, linregPosterior, parameterView, type Point } from './conjugate';
import { ConjugatePlot } from './ConjugatePlot';
import { DEFAULT_SETTINGS } from './defaults';
import { Figure, type FigureConfig } from './Figure';
import type { FigureProps } from './figures-basic';
import type { FigureSettings, SeriesConfig } from './settings';

/** Settings both figures start from (the fields they do not use keep the book's usual values). */
const CONJUGATE_BASE: FigureSettings = { ...DEFAULT_SETTINGS, rho: 1, steps: 1, start: [0, 0], speed: 2, expr: 'x^2 + y^2', components: 1 };

/**
 * Chapter 5's worked example (after eq. 5.9): x = (−1, 0, 1, 2), y = (−0.5, 0.4, 1.1, 2.2),
 * σ² = 0.25, δ = 0.5, so the figure opens on S⋆ = [[16.5, 8], [8, 24.5]] and m⋆ ≈ (0.357, 0.863),
 * the numbers the text checks by hand; the engine's RLS test uses the same data.
 */
const EXAMPLE_POINTS: Point[] = [[-1, -0.5], [0, 0.4], [1, 1.1], [2, 2.2]];

const linregLoss = (s: FigureSettings) => {
  const points = s.points ?? [];
  return {
    kind: 'linear-regression' as const,
    x: points.map((p) => p[0]),
    y: points.map((p) => p[1]),
    noiseVariance: s.noise ?? 1,
    priorPrecision: s.delta ?? 1,
  };
};

/**
 * ρ = 1 is the `conjugate` preset; ρ < 1 the plain BLR, which approaches the same posterior
 * geometrically (eq. 5.7). All at once the expectations are exact; one at a time the data
 * estimator (step t sees the first t points, the prior exact) with the delta method, which is
 * exact for a quadratic loss.
 */
function linregSpec(s: FigureSettings): RunSpecInput {
  const online = s.online === true;
  const n = s.points?.length ?? 0;
  return {
    loss: linregLoss(s),
    ...(s.rho >= 1 ? { algorithm: 'conjugate' as const } : { algorithm: 'blr' as const, rho: s.rho }),
    family: 'gaussian',
    expectation: online ? 'delta' : 'exact',
    online,
    steps: conjugateSteps(n, s.rho, online),
    // q₀ at the default start is the prior N(0, δ⁻¹I); dragging the start moves its mean.
    init: { mean: s.start, precision: [[s.delta ?? 1, 0], [0, s.delta ?? 1]] },
  };
}

const LINREG_SERIES: SeriesConfig = {
  key: 'blr',
  label: 'q from the BLR',
  color: 'var(--series-blr)',
  ellipses: true,
  kl: true,
  spec: linregSpec,
};

export const CONJUGATE_LINREG: FigureConfig = {
  defaults: { ...CONJUGATE_BASE, points: EXAMPLE_POINTS, noise: 0.25, delta: 0.5, online: false },
  series: [LINREG_SERIES],
  // `points` and `online` have their controls in the plot (ConjugatePlot); listed to travel in links.
  controls: ['noise', 'delta', 'rho', 'online', 'points'],
  surface: (s) => ({ loss: linregLoss(s), temperature: 1, view: [...parameterView(linregPosterior(s.points ?? [], s.noise ?? 1, s.delta ?? 1))] }),
  view: [-3, 3, -3, 3],
  posterior: true,
  plot: ConjugatePlot,
  // An edit of the data or the model shows its posterior at once; Reset and Play replay the steps.
  showEndAfter: ['points', 'noise', 'delta'],
};

function coinSpec(s: FigureSettings): RunSpecInput {
  const flips = s.flips ?? [];
  const online = s.online === true;
  return {
    loss: { kind: 'coin', flips },
    family: 'beta',
    // The target exp(−ℓ̄/τ): τ divides the whole ℓ̄, the prior's pseudo-counts included (engine/families/beta.ts).
    temperature: s.tau,
    ...(s.rho >= 1 ? { algorithm: 'conjugate' as const } : { algorithm: 'blr' as const, rho: s.rho }),
    online,
    steps: conjugateSteps(flips.length, s.rho, online),
    init: { mean: [s.alpha0 ?? 1, s.beta0 ?? 1] },
  };
}

/** Seven heads in ten (the engine's coin test): with the prior Beta(2, 2), the posterior is Beta(9, 5). */
const EXAMPLE_FLIPS: (0 | 1)[] = [1, 0, 1, 1, 0, 1, 1, 1, 0, 1];

export const COIN: FigureConfig = {
  defaults: { ...CONJUGATE_BASE, speed: 5, flips: EXAMPLE_FLIPS, alpha0: 2, beta0: 2, online: false },
  series: [{ key: 'blr', label: 'q = Beta(α, β) from the BLR', color: 'var(--series-blr)', ellipses: false, kl: true, spec: coinSpec }],
  controls: ['alpha0', 'beta0', 'tau', 'rho', 'seed', 'online', 'flips'],
  // No surface: the plot has no 2-D plane, and KL(q ‖ p) against the Beta target is in closed form.
  view: [0, 1, 0, 1],
  posterior: true,
  plot: CoinPlot,
  readouts: CoinReadouts,
  showEndAfter: ['flips', 'alpha0', 'beta0', 'tau'],
};

/** Bayesian linear regression as the BLR: one step to the posterior, or one point per step. */
export function ConjugateFigure({ id, caption }: FigureProps) {
  return <Figure id={id} config={CONJUGATE_LINREG} caption={caption} />;
}

/** The Beta–Bernoulli coin: one step to Beta(α₀ + heads, β₀ + tails), or one flip per step. */
export function CoinFigure({ id, caption }: FigureProps) {
  return <Figure id={id} config={COIN} caption={caption} />;
}
