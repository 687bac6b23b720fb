/**
 * The book's figures: each is a configuration of the one Figure component — which loss, which
 * series (runs derived from the settings), which controls. Chapters import these by name;
 * `FIGURES` maps ids to them for embedding.
 */
import type { ReactNode } from 'react';
import type { RunSpecInput } from '../engine/spec';
import { BINARY, BinaryFigure } from './BinaryFigure';
import { DEFAULT_SETTINGS } from './defaults';
import { Figure, type FigureConfig } from './Figure';
import { COIN, CoinFigure, CONJUGATE_LINREG, ConjugateFigure } from './figures-conjugate';
import { EM_GMM, EmFigure, LAPLACE_VI, LaplaceViFigure, MeanFieldFigure, NCVI, NonConjugateFigure, VMP_SVI } from './figures-inference';
import { createLadderConfig } from './LadderPanel';
import type { LadderPreset } from './ladder';
import { createPointVsDistConfig } from './PointVsDist';
import { MixtureFigure, MOG_FLATSHARP, MOG_HIMMELBLAU } from './MixtureFigure';
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
const WALL: FigureConfig = {
  defaults: { ...DEFAULT_SETTINGS, rho: 0.2, tau: 1, start: [-1.5, 1.5], steps: 200, speed: 20 },
  // A start narrower than N(m, I): E[h exp(κx)] grows like exp(κ²Σ/2), so a wide q would
  // begin with an enormous wall term.
  series: [blrSeries('BLR, full Gaussian (exact expectations)', wallLoss, { init: { precision: [[4, 0], [0, 4]] } })],
  controls: ['tau', 'rho', 'alg'],
  surface: (s) => ({ loss: wallLoss(), temperature: s.tau, view: [-2.5, 2.5, -2, 2] }),
  view: [-2.5, 2.5, -2, 2],
};

const flatSharpLoss = () => ({ kind: 'flat-sharp' as const });
const FLAT_SHARP: FigureConfig = {
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
const PARAMS: FigureConfig = {
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
const PATHS_QUAD: FigureConfig = {
  defaults: { ...DEFAULT_SETTINGS, rho: 0.2, rhoGd: 0.18, tau: 1, start: [-2, 0.5], steps: 120, speed: 10 },
  series: [blrSeries('BLR with the delta method (natural gradient)', illConditioned, { expectation: 'delta' }), gdSeries(illConditioned)],
  controls: ['rho', 'rhoGd', 'alg'],
  surface: (s) => ({ loss: illConditioned(), temperature: s.tau, view: [-3, 3, -2.5, 2.5] }),
  view: [-3, 3, -2.5, 2.5],
};

const rosenbrockLoss = () => ({ kind: 'rosenbrock' as const, a: 1, b: 5 });
const PATHS_ROSEN: FigureConfig = {
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
const PLAYGROUND: FigureConfig = {
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

/** The approximation ladder's configuration for each preset (none: the exact BLR). */
const LADDERS: Record<LadderPreset | 'blr', FigureConfig> = {
  blr: createLadderConfig(DEFAULT_SETTINGS, 'blr'),
  sgd: createLadderConfig(DEFAULT_SETTINGS, 'sgd'),
  rmsprop: createLadderConfig(DEFAULT_SETTINGS, 'rmsprop'),
  adam: createLadderConfig(DEFAULT_SETTINGS, 'adam'),
  ogn: createLadderConfig(DEFAULT_SETTINGS, 'ogn'),
  vogn: createLadderConfig(DEFAULT_SETTINGS, 'vogn'),
  dropout: createLadderConfig(DEFAULT_SETTINGS, 'dropout'),
};
const ADAM_VS_IVON = createPointVsDistConfig(DEFAULT_SETTINGS);

/** The approximation ladder (LadderPanel.tsx): switches from the exact BLR to Table 1's optimisers, opened at `preset`. */
export function LadderFigure({ id, caption, preset }: FigureProps & { preset?: LadderPreset }) {
  return <Figure id={id} config={LADDERS[preset ?? 'blr']} caption={caption} />;
}
/** Adam's point beside IVON's Gaussian on the same data, minibatches and start (PointVsDist.tsx). */
export function PointVsDistFigure({ id, caption }: FigureProps) {
  return <Figure id={id} config={ADAM_VS_IVON} caption={caption} />;
}

export { BinaryFigure, CoinFigure, ConjugateFigure, MixtureFigure };
export { EmFigure, LaplaceViFigure, MeanFieldFigure, NonConjugateFigure };

/** Every figure of the book by the id its chapter gives it, for `?embed=ID`. */
export const FIGURES: Record<string, { title: string; render: () => ReactNode }> = {
  wall: { title: 'The wall: the Bayesian mean keeps away from the wall', render: () => <WallFigure id="wall" /> },
  flatsharp: { title: 'Flat versus sharp minima', render: () => <FlatSharpFigure id="flatsharp" /> },
  params: { title: 'Natural and expectation parameters of q', render: () => <ParametersFigure id="params" /> },
  'paths-quad': { title: 'Natural-gradient and Euclidean paths on an ill-conditioned quadratic', render: () => <PathsFigure id="paths-quad" loss="ill-conditioned" /> },
  'paths-rosen': { title: 'Natural-gradient and Euclidean paths on Rosenbrock', render: () => <PathsFigure id="paths-rosen" loss="rosenbrock" /> },
  'ch3-newton': { title: "Newton's method and gradient descent on Rosenbrock", render: () => <PathsFigure id="ch3-newton" loss="rosenbrock" /> },
  playground: { title: 'Your own loss', render: () => <PlaygroundFigure id="playground" /> },
  ladder: { title: 'The approximation ladder: from the Bayesian learning rule to Adam', render: () => <LadderFigure id="ladder" /> },
  'ladder-ogn': { title: 'The approximation ladder opened at OGN', render: () => <LadderFigure id="ladder-ogn" preset="ogn" /> },
  'ladder-dropout': { title: 'The approximation ladder opened at dropout', render: () => <LadderFigure id="ladder-dropout" preset="dropout" /> },
  'adam-vs-ivon': { title: 'A point beside a distribution: Adam and IVON', render: () => <PointVsDistFigure id="adam-vs-ivon" /> },
  'mog-himmelblau': { title: 'A mixture of Gaussians on Himmelblau’s four minima', render: () => <MixtureFigure id="mog-himmelblau" loss="himmelblau" /> },
  'mog-flatsharp': { title: 'A mixture of Gaussians on a flat and a sharp minimum', render: () => <MixtureFigure id="mog-flatsharp" loss="flat-sharp" /> },
  binary: { title: 'Binary weights: the straight-through estimator and BayesBiNN', render: () => <BinaryFigure id="binary" /> },
  'conjugate-linreg': { title: 'Bayesian linear regression: one BLR step to the exact posterior, or one point at a time', render: () => <ConjugateFigure id="conjugate-linreg" /> },
  coin: { title: 'The Beta–Bernoulli coin: Bayes’ rule as one BLR step', render: () => <CoinFigure id="coin" /> },
  'laplace-vi': { title: 'Laplace, full-Gaussian and mean-field VI beside the exact posterior of logistic regression', render: () => <LaplaceViFigure id="laplace-vi" /> },
  'em-gmm': { title: 'EM and gradient descent on the means of a two-component mixture', render: () => <EmFigure id="em-gmm" /> },
  'vmp-svi': { title: 'Mean field on a correlated posterior: VMP’s block updates and SVI’s minibatches', render: () => <MeanFieldFigure id="vmp-svi" /> },
  ncvi: { title: 'A mixture of Gaussians against one Gaussian on a posterior with two modes', render: () => <NonConjugateFigure id="ncvi" /> },
};

/** Each figure's configuration by id, for pages that build a figure with a given state (demo sequences). */
export const FIGURE_CONFIGS: Record<string, FigureConfig> = {
  wall: WALL,
  flatsharp: FLAT_SHARP,
  params: PARAMS,
  'paths-quad': PATHS_QUAD,
  'paths-rosen': PATHS_ROSEN,
  'ch3-newton': PATHS_ROSEN,
  playground: PLAYGROUND,
  ladder: LADDERS.blr,
  'ladder-ogn': LADDERS.ogn,
  'ladder-dropout': LADDERS.dropout,
  'adam-vs-ivon': ADAM_VS_IVON,
  'mog-himmelblau': MOG_HIMMELBLAU,
  'mog-flatsharp': MOG_FLATSHARP,
  binary: BINARY,
  'conjugate-linreg': CONJUGATE_LINREG,
  coin: COIN,
  'laplace-vi': LAPLACE_VI,
  'em-gmm': EM_GMM,
  'vmp-svi': VMP_SVI,
  ncvi: NCVI,
};
