/**
 * The binary-weights figure of chapter 4 (Khan & Rue 2023, §4.6; Meng, Bachmann & Khan 2020):
 * the straight-through estimator and BayesBiNN on the same two-weight problem, drawn by
 * BinaryPlot. `BinaryFigure` is re-exported from figures.tsx with the other figures.
 */
import { createQuadraticLoss } from '../engine/losses/quadratic';
import { CORNERS } from './binary';
import { BinaryPlot } from './BinaryPlot';
import { DEFAULT_SETTINGS } from './defaults';
import { Figure, type FigureConfig, type FigurePlotProps } from './Figure';
import type { FigureProps } from './figures-basic';
import type { FigureSettings } from './settings';

/**
 * ℓ̄(θ) = ½(θ − c)ᵀA(θ − c) with c = (0.4, 0.2): the continuous minimiser rounds to (+1, +1),
 * but the correlation in A makes (+1, −1) the best corner (ℓ̄ = 0.18 against 1.58). Measured
 * with the engine: exact mean-field q has P(θ = +1) ≈ (0.99, 0.21) at τ = 1; BayesBiNN (16
 * relaxed samples at t = 0.3) reaches about (0.92, 0.33); the straight-through estimator never
 * settles, cycling through (+1, +1), (−1, −1) and (+1, −1).
 */
const binaryLoss = () => ({ kind: 'quadratic' as const, center: [0.4, 0.2] as [number, number], hessian: [[3, 1.5], [1.5, 1]] as [[number, number], [number, number]] });
const CORNER_LOSSES = ((q) => CORNERS.map(([x, y]) => q.value(x, y)))(createQuadraticLoss(binaryLoss()));
const VIEW: [number, number, number, number] = [-1.5, 1.5, -1.5, 1.5];
/** Temperature of BayesBiNN's relaxed samples: small enough that they sit near the corners. */
const RELAX = 0.3;

const DEFAULTS: FigureSettings = { ...DEFAULT_SETTINGS, start: [0, 0], speed: 10, expr: 'x^2 + y^2', components: 1, alpha: 0.1 };

function BinaryView(props: FigurePlotProps) {
  return <BinaryPlot {...props} cornerLosses={CORNER_LOSSES} ste="ste" bayes="bayesbinn" />;
}

export const BINARY: FigureConfig = {
  defaults: DEFAULTS,
  series: [
    {
      key: 'ste',
      label: 'Straight-through estimator',
      color: 'var(--series-gd)',
      ellipses: false,
      spec: (s) => ({ loss: binaryLoss(), algorithm: 'ste', alpha: s.alpha, steps: s.steps, seed: s.seed, init: { mean: s.start } }),
    },
    {
      key: 'bayesbinn',
      label: 'BayesBiNN',
      color: 'var(--series-blr)',
      ellipses: false,
      spec: (s) => ({
        loss: binaryLoss(),
        algorithm: 'bayesbinn',
        rho: s.rho,
        temperature: s.tau,
        samples: s.samples,
        relax: RELAX,
        steps: s.steps,
        seed: s.seed,
        init: { mean: s.start },
      }),
    },
  ],
  controls: ['rho', 'alpha', 'tau', 'seed'],
  surface: (s) => ({ loss: binaryLoss(), temperature: s.tau, view: VIEW }),
  view: VIEW,
  plot: BinaryView,
};

/** Two binary weights: the straight-through estimator beside BayesBiNN. */
export function BinaryFigure({ id, caption }: FigureProps) {
  return <Figure id={id} config={BINARY} caption={caption} />;
}
