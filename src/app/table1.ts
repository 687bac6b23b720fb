/**
 * Table 1 of Khan & Rue (2023) as data: each learning algorithm, the candidate family (posterior
 * approximation) and the natural-gradient approximation that turn the Bayesian learning rule
 * into it, where the book derives it, and the live figure that shows it. The rows follow the
 * paper's order; IVON (Shen et al. 2024) is listed after VOGN although the paper predates it.
 * Table1Page.tsx renders this; tests/app/table1.test.ts checks every figure id, preset and anchor.
 */
import { chapterHref } from './route';

export interface Table1Row {
  /** Stable id: the `open=` value of the page's address and the row's `row-<id>` anchor. */
  id: string;
  algorithm: string;
  /** The candidate family q (the paper's "posterior approximation"). */
  family: string;
  /** The approximations of the natural gradient (plain text; math in Unicode). */
  approximation: string;
  /** Marked "(New)" in the paper: an algorithm the BLR derived rather than recovered. */
  isNew?: boolean;
  /** A note shown under the algorithm's name. */
  note?: string;
  /** Chapter slug and section number, and the section heading's id in that chapter (rehype-slug). */
  chapter: string;
  section: string;
  anchor: string;
  /** The live figure: an id of FIGURES. */
  figure: string;
  /** The figure's starting state as `[name, value]` settings (names without the `ID.` prefix). */
  preset?: [string, string][];
}

export interface Table1Group {
  id: 'optimisation' | 'deep-learning' | 'inference';
  title: string;
  rows: Table1Row[];
}

const CH3 = 'optimisation';
const CH4 = 'deep-learning';
const CH5 = 'inference';

const SEC = {
  gd: [CH3, '3.2', '32-gradient-descent-a-gaussian-that-cannot-change-its-shape'],
  newton: [CH3, '3.3', '33-newtons-method-a-gaussian-that-learns-its-curvature'],
  mixture: [CH3, '3.4', '34-multimodal-optimisation-with-mixtures-of-gaussians'],
  sgd: [CH4, '4.1', '41-sums-over-data-minibatches-and-sgd'],
  adam: [CH4, '4.3', '43-rmsprop-and-adam'],
  ogn: [CH4, '4.4', '44-online-gaussnewton-and-its-variational-version'],
  ivon: [CH4, '4.5', '45-ivon-curvature-from-the-gradient-you-already-have'],
  dropout: [CH4, '4.6', '46-dropout-as-a-spike-and-slab-mixture'],
  binary: [CH4, '4.7', '47-binary-weights-ste-and-bayesbinn'],
  conjugate: [CH5, '5.2', '52-conjugate-models-one-step-is-enough'],
  laplace: [CH5, '5.3', '53-laplace-versus-variational-inference'],
  em: [CH5, '5.4', '54-expectation-maximisation'],
  meanField: [CH5, '5.5', '55-mean-field-inference-vmp-and-svi'],
  nonConjugate: [CH5, '5.6', '56-non-conjugate-models'],
} as const satisfies Record<string, readonly [string, string, string]>;

const at = (key: keyof typeof SEC) => ({ chapter: SEC[key][0], section: SEC[key][1], anchor: SEC[key][2] });

export const TABLE1: Table1Group[] = [
  {
    id: 'optimisation',
    title: 'Optimisation algorithms',
    rows: [
      { id: 'gd', algorithm: 'Gradient descent', family: 'Gaussian, fixed covariance', approximation: 'Delta method', ...at('gd'), figure: 'paths-quad' },
      { id: 'newton', algorithm: 'Newton’s method', family: 'Gaussian', approximation: 'Delta method, ρ = 1', ...at('newton'), figure: 'ch3-newton' },
      {
        id: 'multimodal',
        algorithm: 'Multimodal optimisation',
        isNew: true,
        family: 'Mixture of Gaussians',
        approximation: 'Delta method',
        ...at('mixture'),
        figure: 'mog-himmelblau',
      },
    ],
  },
  {
    id: 'deep-learning',
    title: 'Deep-learning algorithms',
    rows: [
      {
        id: 'sgd',
        algorithm: 'Stochastic gradient descent',
        family: 'Gaussian, fixed covariance',
        approximation: 'Delta method, stochastic (minibatch) approximation',
        ...at('sgd'),
        figure: 'ladder',
        preset: [['ladder', 'fixed.delta.batch']],
      },
      {
        id: 'rmsprop',
        algorithm: 'RMSprop',
        family: 'Gaussian, diagonal covariance',
        approximation: 'Delta method, minibatch, Hessian ≈ squared gradient, square-root scaling, slow-moving scale vector',
        ...at('adam'),
        figure: 'ladder',
        preset: [['ladder', 'diag.delta.batch.sq.sqrt']],
      },
      {
        id: 'adam',
        algorithm: 'Adam',
        family: 'Gaussian, diagonal covariance',
        approximation: 'As RMSprop, with momentum and bias correction',
        ...at('adam'),
        figure: 'ladder',
        preset: [['ladder', 'diag.delta.batch.sq.sqrt.mom']],
      },
      {
        id: 'dropout',
        algorithm: 'Dropout',
        family: 'Mixture of Gaussians (spike and slab)',
        approximation: 'Delta method, minibatch, responsibilities ≈ the dropout mask',
        ...at('dropout'),
        figure: 'ladder-dropout',
      },
      {
        id: 'ste',
        algorithm: 'Straight-through estimator (STE)',
        family: 'Bernoulli',
        approximation: 'Delta method, minibatch',
        ...at('binary'),
        figure: 'binary',
      },
      {
        id: 'ogn',
        algorithm: 'Online Gauss–Newton (OGN)',
        isNew: true,
        family: 'Gaussian, diagonal covariance',
        approximation: 'Gauss–Newton Hessian approximation in Adam, no square-root scaling',
        ...at('ogn'),
        figure: 'ladder-ogn',
      },
      {
        id: 'vogn',
        algorithm: 'Variational OGN (VOGN)',
        isNew: true,
        family: 'Gaussian, diagonal covariance',
        approximation: 'OGN without the delta method (gradients at a sample θ ~ q)',
        ...at('ogn'),
        figure: 'ladder-ogn',
        preset: [['ladder', 'diag.batch.fisher']],
      },
      {
        id: 'ivon',
        algorithm: 'IVON',
        note: 'After the paper: Shen et al. (2024)',
        family: 'Gaussian, diagonal covariance',
        approximation: 'One sample, reparameterisation Hessian, improved update, momentum',
        ...at('ivon'),
        figure: 'adam-vs-ivon',
      },
      {
        id: 'bayesbinn',
        algorithm: 'BayesBiNN',
        isNew: true,
        family: 'Bernoulli',
        approximation: 'STE without the delta method (relaxed samples), with the entropy',
        ...at('binary'),
        figure: 'binary',
      },
    ],
  },
  {
    id: 'inference',
    title: 'Approximate Bayesian inference algorithms',
    rows: [
      {
        id: 'conjugate',
        algorithm: 'Conjugate Bayes, Kalman filter',
        family: 'Exponential family (conjugate)',
        approximation: 'Learning rate ρ = 1',
        ...at('conjugate'),
        figure: 'conjugate-linreg',
      },
      { id: 'laplace', algorithm: 'Laplace’s method', family: 'Gaussian', approximation: 'Delta method', ...at('laplace'), figure: 'laplace-vi' },
      {
        id: 'em',
        algorithm: 'Expectation-maximisation',
        family: 'Exponential family (latent variables) + Gaussian (parameters)',
        approximation: 'Delta method for the parameters, ρ = 1',
        ...at('em'),
        figure: 'em-gmm',
      },
      {
        id: 'svi',
        algorithm: 'Stochastic variational inference (SVI)',
        family: 'Exponential family, mean-field',
        approximation: 'Stochastic approximation, local ρ = 1',
        ...at('meanField'),
        figure: 'vmp-svi',
      },
      {
        id: 'vmp',
        algorithm: 'Variational message passing (VMP)',
        family: 'Exponential family, mean-field',
        approximation: 'ρ = 1 for all nodes',
        ...at('meanField'),
        figure: 'vmp-svi',
      },
      {
        id: 'ncvmp',
        algorithm: 'Non-conjugate VMP',
        family: 'Exponential family, mean-field',
        approximation: 'ρ = 1 for all nodes; natural-gradient messages for the non-conjugate factors',
        ...at('nonConjugate'),
        figure: 'ncvi',
      },
      {
        id: 'ncvi',
        algorithm: 'Non-conjugate variational inference',
        isNew: true,
        family: 'Mixture of exponential-family distributions',
        approximation: 'None (Monte Carlo estimates of the exact natural gradient)',
        ...at('nonConjugate'),
        figure: 'mog-himmelblau',
        preset: [['mc', '1']],
      },
    ],
  },
];

/** Every row, in table order. */
export const TABLE1_ROWS: Table1Row[] = TABLE1.flatMap((g) => g.rows);

/** The row with this id, or undefined. */
export function table1Row(id: string | null | undefined): Table1Row | undefined {
  return id ? TABLE1_ROWS.find((r) => r.id === id) : undefined;
}

/** The row's section in the book: `SLUG/#ANCHOR` from the book's folder. */
export function table1SectionHref(row: Table1Row): string {
  return `${chapterHref(row.chapter)}#${row.anchor}`;
}

/** The row's preset as the figure's own query parameters (`ID.name=value`). */
export function table1Query(row: Table1Row): URLSearchParams {
  return new URLSearchParams((row.preset ?? []).map(([k, v]) => [`${row.figure}.${k}`, v]));
}
