/**
 * The settings a figure starts from, the book's usual values. Every figure's defaults spread
 * them and override what the figure needs (figures.tsx, figures-conjugate.tsx,
 * figures-inference.tsx, MixtureFigure.tsx, BinaryFigure.tsx), so a new setting gets its
 * default in one place.
 */
import type { FigureSettings } from './settings';

export const DEFAULT_SETTINGS: FigureSettings = {
  alg: 'blr',
  rho: 0.1,
  rhoGd: 0.05,
  tau: 1,
  samples: 16,
  seed: 1,
  steps: 200,
  start: [-1, 1],
  speed: 20,
  improved: false,
  loss: 'expr',
  expr: 'x^2 + 3*y^2 + sin(3*x)',
  components: 4,
  mc: false,
  means: [],
  ladder: [],
  alpha: 0.05,
  batch: 8,
};
