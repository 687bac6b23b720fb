import type { ComponentType } from 'react';

/** One chapter of the book: metadata plus a lazy loader for its compiled MDX module. */
export interface ChapterInfo {
  /** URL slug, e.g. "natural-gradients". */
  slug: string;
  /** Chapter number; equations in the chapter are numbered "<number>.<n>". */
  number: number;
  title: string;
  /** One or two sentences for the table of contents. */
  summary: string;
  load: () => Promise<{ default: ComponentType }>;
}

export const chapters: ChapterInfo[] = [
  {
    slug: 'from-loss-to-distribution',
    number: 1,
    title: 'From minimising a loss to learning a distribution',
    summary:
      'Empirical risk minimisation versus the Bayesian objective, the expected loss minus τ times the entropy of q: the generalised posterior, why the entropy favours robust and flat solutions, and Figure 1 of the paper made live.',
    load: () => import('./01-from-loss-to-distribution.mdx'),
  },
  {
    slug: 'natural-gradients',
    number: 2,
    title: 'Exponential families and natural gradients',
    summary:
      'Natural and expectation parameters, the Fisher information and the natural gradient; the Bayesian learning rule and its Gaussian form, with gradient descent, Newton’s method and the Laplace approximation as special cases.',
    load: () => import('./02-natural-gradients.mdx'),
  },
  {
    slug: 'optimisation',
    number: 3,
    title: 'Optimisation algorithms from the BLR',
    summary:
      'Choose a family and approximations, then read off the algorithm: gradient descent from a Gaussian with fixed covariance, Newton’s method and damped Newton from a full Gaussian, and multimodal optimisation from a mixture of Gaussians whose components take parallel Newton steps coupled through the entropy.',
    load: () => import('./03-optimisation.mdx'),
  },
  {
    slug: 'deep-learning',
    number: 4,
    title: 'Deep-learning algorithms from the BLR',
    summary:
      'Minibatches, cheap curvature and binary weights as approximations of the rule: SGD, RMSprop and Adam with their ad hoc steps named, OGN, VOGN and IVON as their Bayesian counterparts, dropout as a spike-and-slab mixture, and the straight-through estimator beside BayesBiNN.',
    load: () => import('./04-deep-learning.mdx'),
  },
  {
    slug: 'inference',
    number: 5,
    title: 'Approximate Bayesian inference from the BLR',
    summary:
      'The exact posterior as the reference: conjugate Bayes, recursive least squares and the Kalman filter as one step with ρ = 1; Laplace versus full and mean-field variational inference; EM as ρ = 1 on the labels and Newton on the parameters; VMP and SVI; conjugate-computation and non-conjugate VI, and mixtures for multimodal posteriors.',
    load: () => import('./05-inference.mdx'),
  },
  {
    slug: 'uncertainty',
    number: 6,
    title: 'Why the distribution matters: uncertainty and discussion',
    summary:
      'The posterior predictive as Bayesian model averaging over q, with its aleatoric and epistemic parts; predictive bands from IVON, Monte Carlo dropout and the Laplace approximation (sampled and linearised) against a point estimate; and a closing discussion: the BLR as a principle for designing algorithms, the entropy as automatic complexity control, and the rule’s limitations.',
    load: () => import('./06-uncertainty.mdx'),
  },
];

/**
 * A page of the book outside the numbered chapters (e.g. the notation page): no number, no
 * equations of its own. The chapter route renders it, at `?ch=<slug>`.
 */
export interface AppendixInfo {
  slug: string;
  kind: 'appendix';
  title: string;
  summary: string;
  load: () => Promise<{ default: ComponentType }>;
}

export const appendices: AppendixInfo[] = [
  {
    slug: 'notation',
    kind: 'appendix',
    title: 'Notation and conventions',
    summary: 'One meaning per symbol across the book, where each is introduced, and the conventions for temperature, parameters and matrix gradients.',
    load: () => import('./notation.mdx'),
  },
];

/** Every page the chapter route renders, in reading order: the chapters, then the appendices. */
export type BookPage = ChapterInfo | AppendixInfo;
export const bookPages: readonly BookPage[] = [...chapters, ...appendices];

/** The link every chapter's header carries to the notation page. */
export const NOTATION_SLUG = 'notation';
