/**
 * The figures of chapters 1–2 (and chapter 3's Newton figure): each a configuration of the one
 * Figure component — which loss, which series (runs derived from the settings), which controls.
 * Chapters import figures from the module that defines them, so each chapter loads only its own;
 * `figures.tsx` gathers every figure by id for embeds, demos and Table 1.
 */
import type { ReactNode } from 'react';
import type { RunSpecInput } from '../engine/spec';
import { DEFAULT_SETTINGS } from './defaults';
import { Figure, type FigureConfig } from './Figure';
import { specForAlgorithm, type FigureSettings, type SeriesConfig } from './settings';

export interface FigureProps {
  id: string;
  caption?: ReactNode;
}

const COLORS = { blr: 'var(--series-blr)', gd: 'var(--series-gd)' };

/** The main series: the chosen algorithm, run through the BLR with `extra` when it is "blr". */
function blrSeries(label: string, loss: (s: FigureSettings) => RunSpecInput['loss'], extra: Partial<RunSpecInput> = {}): SeriesConfig {
  return {
    key: 'blr',
    label,
    color: COLORS.blr,
    ellipses: true,
    spec: (s) =>
      specForAlgorithm(s.alg, {
        family: 'gaussian',
        expectation: 'exact',
        ...extra,
        loss: loss(s),
        rho: s.rho,
        temperature: s.tau,
        samples: s.samples,
        seed: s.seed,
        steps: s.steps,
        improved: s.improved,
        init: { mean: s.start, precision: extra.init?.precision ?? [[1, 0], [0, 1]] },
      }),
  };
}

/** Gradient descent from the same start: the Euclidean path. */
function gdSeries(loss: (s: FigureSettings) => RunSpecInput['loss']): SeriesConfig {
  return {
    key: 'gd',
    label: 'Gradient descent',
    color: COLORS.gd,
    ellipses: false,
    spec: (s) => ({ loss: loss(s), algorithm: 'gd', rho: s.rhoGd, steps: s.steps, seed: s.seed, init: { mean: s.start } }),
  };
}

const wallLoss = () => ({ kind: 'wall' as const });
export const WALL: FigureConfig = {
  defaults: { ...DEFAULT_SETTINGS, rho: 0.2, tau: 1, start: [-1.5, 1.5], steps: 200, speed: 20 },
  // A start narrower than N(m, I): E[h exp(κx)] grows like exp(κ²Σ/2), so a wide q would
  // begin with an enormous wall term.
  series: [blrSeries('BLR, full Gaussian (exact expectations)', wallLoss, { init: { precision: [[4, 0], [0, 4]] } })],
  controls: ['tau', 'rho', 'alg'],
  surface: (s) => ({ loss: wallLoss(), temperature: s.tau, view: [-2.5, 2.5, -2, 2] }),
  view: [-2.5, 2.5, -2, 2],
};

const flatSharpLoss = () => ({ kind: 'flat-sharp' as const });
export const FLAT_SHARP: FigureConfig = {
  defaults: { ...DEFAULT_SETTINGS, rho: 0.1, rhoGd: 0.02, tau: 0.05, start: [-1.2, 0.4], steps: 400, speed: 40 },
  series: [
    blrSeries('BLR, full Gaussian (exact expectations)', flatSharpLoss, { init: { precision: [[10, 0], [0, 10]] } }),
    gdSeries(flatSharpLoss),
  ],
  controls: ['tau', 'rho', 'rhoGd'],
  surface: (s) => ({ loss: flatSharpLoss(), temperature: s.tau, view: [-3, 3, -2, 2] }),
  view: [-3, 3, -2, 2],
};

const paramsLoss = () => ({ kind: 'quadratic' as const, center: [1, -0.5] as [number, number], hessian: [[2, 1.2], [1.2, 1.5]] as [[number, number], [number, number]] });
export const PARAMS: FigureConfig = {
  defaults: { ...DEFAULT_SETTINGS, rho: 0.2, tau: 1, start: [-2, 1.5], steps: 60, speed: 5 },
  series: [blrSeries('BLR, full Gaussian (exact expectations)', paramsLoss)],
  controls: ['rho', 'tau'],
  surface: (s) => ({ loss: paramsLoss(), temperature: s.tau, view: [-3, 3.5, -3, 2.5] }),
  view: [-3, 3.5, -3, 2.5],
  parameters: true,
};

const illConditioned = () => ({
  kind: 'quadratic' as const,
  center: [0.5, 0] as [number, number],
  hessian: [[5.05, 4.95], [4.95, 5.05]] as [[number, number], [number, number]],
});
export const PATHS_QUAD: FigureConfig = {
  defaults: { ...DEFAULT_SETTINGS, rho: 0.2, rhoGd: 0.18, tau: 1, start: [-2, 0.5], steps: 120, speed: 10 },
  series: [blrSeries('BLR with the delta method (natural gradient)', illConditioned, { expectation: 'delta' }), gdSeries(illConditioned)],
  controls: ['rho', 'rhoGd', 'alg'],
  surface: (s) => ({ loss: illConditioned(), temperature: s.tau, view: [-3, 3, -2.5, 2.5] }),
  view: [-3, 3, -2.5, 2.5],
};

const rosenbrockLoss = () => ({ kind: 'rosenbrock' as const, a: 1, b: 5 });
export const PATHS_ROSEN: FigureConfig = {
  defaults: { ...DEFAULT_SETTINGS, rho: 0.2, rhoGd: 0.01, tau: 1, start: [-1.5, 2], steps: 300, speed: 20, improved: true },
  series: [blrSeries('BLR with the delta method, improved update', rosenbrockLoss, { expectation: 'delta' }), gdSeries(rosenbrockLoss)],
  controls: ['rho', 'rhoGd', 'alg', 'improved'],
  surface: (s) => ({ loss: rosenbrockLoss(), temperature: s.tau, view: [-2.2, 2, -1, 3.2] }),
  view: [-2.2, 2, -1, 3.2],
};

function playgroundLoss(s: FigureSettings): RunSpecInput['loss'] {
  switch (s.loss) {
    case 'expr':
      return { kind: 'expr', expr: s.expr };
    case 'quadratic':
      return { kind: 'quadratic', center: [0.5, 0], hessian: [[3, 1], [1, 2]] };
    case 'rosenbrock':
      return rosenbrockLoss();
    default:
      return { kind: s.loss };
  }
}
export const PLAYGROUND: FigureConfig = {
  // A built-in loss first: mathjs loads only once the reader chooses "Your own formula".
  defaults: { ...DEFAULT_SETTINGS, alg: 'von', loss: 'rosenbrock', rho: 0.1, rhoGd: 0.01, tau: 1, samples: 16, start: [-1.5, 2], steps: 300, speed: 20, improved: true },
  series: [blrSeries('Your run', playgroundLoss, { expectation: 'mc' }), gdSeries(playgroundLoss)],
  controls: ['loss', 'expr', 'alg', 'rho', 'rhoGd', 'tau', 'samples', 'improved', 'seed'],
  surface: (s) => ({ loss: playgroundLoss(s), temperature: s.tau, view: [-3, 3, -3, 3] }),
  view: [-3, 3, -3, 3],
};

export function WallFigure({ id, caption }: FigureProps) {
  return <Figure id={id} config={WALL} caption={caption} />;
}
export function FlatSharpFigure({ id, caption }: FigureProps) {
  return <Figure id={id} config={FLAT_SHARP} caption={caption} />;
}
export function ParametersFigure({ id, caption }: FigureProps) {
  return <Figure id={id} config={PARAMS} caption={caption} />;
}
export function PathsFigure({ id, loss, caption }: FigureProps & { loss: 'ill-conditioned' | 'rosenbrock' }) {
  return <Figure id={id} config={loss === 'rosenbrock' ? PATHS_ROSEN : PATHS_QUAD} caption={caption} />;
}
export function PlaygroundFigure({ id, caption }: FigureProps) {
  return <Figure id={id} config={PLAYGROUND} caption={caption} />;
}
