/**
 * Every figure of the book by id: `FIGURES` (title and element) for `?embed=ID`, demos and
 * Table 1, and `FIGURE_CONFIGS` for pages that build a figure with a given state. Chapters import
 * their figures from the defining modules instead, so a chapter loads only its own widgets.
 */
import type { ReactNode } from 'react';
import { BINARY, BinaryFigure } from './BinaryFigure';
import type { FigureConfig } from './Figure';
import {
  FLAT_SHARP, FlatSharpFigure, PARAMS, ParametersFigure, PATHS_QUAD, PATHS_ROSEN, PathsFigure, PLAYGROUND, PlaygroundFigure, WALL, WallFigure,
} from './figures-basic';
import { COIN, CoinFigure, CONJUGATE_LINREG, ConjugateFigure } from './figures-conjugate';
import { EM_GMM, EmFigure, LAPLACE_VI, LaplaceViFigure, MeanFieldFigure, NCVI, NonConjugateFigure, VMP_SVI } from './figures-inference';
import { ADAM_VS_IVON, LADDERS, LadderFigure, PointVsDistFigure } from './figures-optimisers';
import { MixtureFigure, MOG_FLATSHARP, MOG_HIMMELBLAU } from './MixtureFigure';
import { PREDICTIVE, UncertaintyFigure } from './figures-uncertainty';

export type { FigureProps } from './figures-basic';
export { FlatSharpFigure, ParametersFigure, PathsFigure, PlaygroundFigure, WallFigure, LadderFigure, PointVsDistFigure };
export { BinaryFigure, CoinFigure, ConjugateFigure, MixtureFigure };
export { EmFigure, LaplaceViFigure, MeanFieldFigure, NonConjugateFigure };
export { UncertaintyFigure };

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
  predictive: { title: 'What q buys: predictive uncertainty from IVON, MC dropout and Laplace', render: () => <UncertaintyFigure id="predictive" /> },
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
  predictive: PREDICTIVE,
};
