/**
 * The named algorithms of Table 1 (Khan & Rue 2023) as data, the one place the book states what
 * each algorithm *is*. Each preset
 *   - *fixes* the RunSpec fields that make the BLR into that algorithm (spec.ts: a spec that
 *     contradicts them is an error) and gives *defaults* for the rest (the classical algorithm's
 *     usual hyper-parameters);
 *   - *requires*, beyond its fixed fields, what else a spec must have to equal the algorithm step
 *     for step (identify.ts builds its signature from `fixed` + `requires`; the conditions are
 *     the ones under which tests/engine/optimisers.test.ts proves the equality);
 *   - states its row of Table 1 (`table1`): group, name, candidate family, the approximations of
 *     the natural gradient, where the book derives it and whom to cite (app/table1.ts renders it).
 * All of them run through the one BLR step.
 */
export const ALGORITHM_NAMES = [
  'gd', 'newton', 'von', 'blr', 'sgd', 'rmsprop', 'adam', 'ogn', 'vogn', 'ivon', 'mog', 'dropout', 'ste', 'bayesbinn',
  'conjugate', 'laplace', 'em', 'svi', 'vmp', 'ncvmp', 'ncvi',
] as const;
export type AlgorithmName = (typeof ALGORITHM_NAMES)[number];

type Mat = [[number, number], [number, number]];
type Family = 'gaussian' | 'gaussian-diag' | 'gaussian-fixed' | 'mixture' | 'bernoulli' | 'beta';
type Expectation = 'delta' | 'mc' | 'exact';
type Hessian = 'sampled' | 'reparam' | 'gauss-newton' | 'fisher' | 'squared-gradient' | 'complete-data';

/** Fields a preset may fix or default (a subset of the RunSpec). */
export interface PresetFields {
  family?: Family;
  expectation?: Expectation;
  hessian?: Hessian;
  coordinate?: boolean;
  rho?: number;
  temperature?: number;
  improved?: boolean;
  alpha?: number;
  momentum?: number;
  debias?: 'none' | 'momentum' | 'both';
  prior?: 'split' | 'in-gradient';
  sqrt?: boolean;
  damping?: number;
  dropout?: number;
  entropy?: boolean;
  samples?: number;
  components?: number;
  init?: { precision?: Mat };
}

/**
 * What a spec needs, beyond a preset's fixed fields, to *be* the algorithm (identify.ts). A field
 * with a value must have that value; a list, one of its values; "positive", a value > 0.
 */
export interface Requirements {
  family?: Family;
  expectation?: Expectation | readonly Expectation[];
  hessian?: Hessian | readonly Hessian[];
  rho?: number;
  temperature?: number;
  improved?: boolean;
  coordinate?: boolean;
  /** The examples arrive one per step. */
  online?: boolean;
  momentum?: number | 'positive';
  debias?: 'none' | 'momentum' | 'both';
  sqrt?: boolean;
  damping?: number;
  dropout?: number | 'positive';
  entropy?: boolean;
  /** Minibatch gradients (a `batchSize`) or all the data at every step. */
  batch?: boolean;
  /** One step size ρ for the mean and the precision (no separate `alpha`). */
  oneStepSize?: true;
  /** The model: conjugate (a Gaussian target, spec.ts CONJUGATE_KINDS) or not. */
  model?: 'conjugate' | 'non-conjugate';
  init?: { precision: Mat };
}

/** The fields a signature can name: those of PresetFields that identify compares, and Requirements'. */
export type SignatureField = keyof Requirements | 'prior';

/** The algorithm's row of Table 1, as the book's Table 1 page words it. */
export interface Table1Facts {
  group: 'optimisation' | 'deep-learning' | 'inference';
  /** The learning algorithm, as the row names it. */
  name: string;
  /** The candidate family q (the paper's "posterior approximation"). */
  family: string;
  /** The approximations of the natural gradient, in order (plain text, math in Unicode; shown joined by commas). */
  approximations: string[];
  /** Marked "(New)" in the paper: an algorithm the BLR derived rather than recovered. */
  isNew?: boolean;
  /** A note shown under the algorithm's name. */
  note?: string;
  /** Chapter slug, section number and the section heading's id in that chapter (rehype-slug). */
  chapter: string;
  section: string;
  anchor: string;
  /** The work the algorithm comes from (a key of content/bibliography.ts). */
  cite: string;
}

export interface AlgorithmPreset {
  /** Short name for menus, legends and identify's sentences. */
  title: string;
  /** One line for people: the approximation and the update it gives. */
  approximation: string;
  fixed: PresetFields;
  defaults?: PresetFields;
  /**
   * Beyond `fixed`, what a spec needs to equal the algorithm; a list is alternatives (conjugate
   * Bayes: a Beta family, or a Gaussian on a conjugate model). Left out: no spec is named after it.
   */
  requires?: Requirements | readonly Requirements[];
  /** Named only when a spec asks for it: its signature is another algorithm's (Laplace is Newton run to the fixed point). */
  sameSpecAs?: AlgorithmName;
  /** How this algorithm's literature says what a spec lacks, where it differs from identify's default words. */
  wording?: Partial<Record<SignatureField, string>>;
  /** Its row of Table 1 (von and blr have none: the paper's table has no row for them). */
  table1?: Table1Facts;
}

/** Every example at each step, joint updates, and none of the deep-learning extras. */
const NO_EXTRAS = { online: false, coordinate: false, momentum: 0, debias: 'none', sqrt: false, damping: 0, dropout: 0 } as const satisfies Requirements;
const PLAIN_DATA = { online: false, coordinate: false } as const satisfies Requirements;

const CH3 = 'optimisation';
const CH4 = 'deep-learning';
const CH5 = 'inference';
const SEC = {
  gd: { chapter: CH3, section: '3.2', anchor: '32-gradient-descent-a-gaussian-that-cannot-change-its-shape' },
  newton: { chapter: CH3, section: '3.3', anchor: '33-newtons-method-a-gaussian-that-learns-its-curvature' },
  mixture: { chapter: CH3, section: '3.4', anchor: '34-multimodal-optimisation-with-mixtures-of-gaussians' },
  sgd: { chapter: CH4, section: '4.1', anchor: '41-sums-over-data-minibatches-and-sgd' },
  adam: { chapter: CH4, section: '4.3', anchor: '43-rmsprop-and-adam' },
  ogn: { chapter: CH4, section: '4.4', anchor: '44-online-gaussnewton-and-its-variational-version' },
  ivon: { chapter: CH4, section: '4.5', anchor: '45-ivon-curvature-from-the-gradient-you-already-have' },
  dropout: { chapter: CH4, section: '4.6', anchor: '46-dropout-as-a-spike-and-slab-mixture' },
  binary: { chapter: CH4, section: '4.7', anchor: '47-binary-weights-ste-and-bayesbinn' },
  conjugate: { chapter: CH5, section: '5.2', anchor: '52-conjugate-models-one-step-is-enough' },
  laplace: { chapter: CH5, section: '5.3', anchor: '53-laplace-versus-variational-inference' },
  em: { chapter: CH5, section: '5.4', anchor: '54-expectation-maximisation' },
  meanField: { chapter: CH5, section: '5.5', anchor: '55-mean-field-inference-vmp-and-svi' },
  nonConjugate: { chapter: CH5, section: '5.6', anchor: '56-non-conjugate-models' },
} as const;

const I: Mat = [[1, 0], [0, 1]];
const ZERO: Mat = [[0, 0], [0, 0]];

export const PRESETS: Record<AlgorithmName, AlgorithmPreset> = {
  gd: {
    title: 'Gradient descent',
    approximation: 'Gaussian with fixed identity covariance + delta method: m ← m − ρ∇ℓ̄(m)',
    fixed: { family: 'gaussian-fixed', expectation: 'delta', init: { precision: I } },
    requires: { batch: false, ...NO_EXTRAS },
    table1: {
      group: 'optimisation',
      name: 'Gradient descent',
      family: 'Gaussian, fixed covariance',
      approximations: ['delta method'],
      ...SEC.gd,
      cite: 'khan2023blr',
    },
  },
  newton: {
    title: "Newton's method",
    approximation: 'Full Gaussian + delta method + ρ = 1: m ← m − ∇²ℓ̄(m)⁻¹∇ℓ̄(m)',
    fixed: { family: 'gaussian', expectation: 'delta', rho: 1 },
    requires: { hessian: 'sampled', improved: false, batch: false, ...NO_EXTRAS },
    table1: {
      group: 'optimisation',
      name: 'Newton’s method',
      family: 'Gaussian',
      approximations: ['delta method', 'ρ = 1'],
      ...SEC.newton,
      cite: 'khan2023blr',
    },
  },
  von: {
    title: 'Variational online Newton',
    approximation: 'Full Gaussian + Monte Carlo expectations of the gradient and Hessian',
    fixed: { family: 'gaussian', expectation: 'mc' },
    requires: { hessian: ['sampled', 'reparam'], improved: false, batch: false, ...NO_EXTRAS },
  },
  blr: {
    title: 'Bayesian learning rule',
    approximation: 'Every choice explicit: family, expectation, approximations, ρ, τ',
    fixed: {},
    // The rule itself: no approximation beyond the family (and a Monte Carlo estimate). identify
    // names such a spec "the Bayesian learning rule itself" when no named algorithm matches it.
    requires: [
      { family: 'gaussian', expectation: ['mc', 'exact'], hessian: 'sampled', batch: false, ...NO_EXTRAS, oneStepSize: true },
      { family: 'gaussian-diag', expectation: ['mc', 'exact'], hessian: 'sampled', batch: false, ...NO_EXTRAS, oneStepSize: true },
    ],
  },
  sgd: {
    title: 'Stochastic gradient descent',
    approximation: 'Fixed identity covariance + delta method + minibatch gradient: m ← m − ρ ĝ(m), ĝ = (N/M)Σᵢ∈batch ∇ℓᵢ + δm',
    fixed: { family: 'gaussian-fixed', expectation: 'delta', init: { precision: I } },
    requires: { batch: true, ...NO_EXTRAS },
    table1: {
      group: 'deep-learning',
      name: 'Stochastic gradient descent',
      family: 'Gaussian, fixed covariance',
      approximations: ['delta method', 'stochastic (minibatch) approximation'],
      ...SEC.sgd,
      cite: 'robbins1951stochastic',
    },
  },
  rmsprop: {
    title: 'RMSprop',
    approximation:
      'Diagonal + delta + minibatch + Hessian ≈ ĝ² + square root, the prior inside the gradient as weight decay: ĝ = ĝ_data + δm, v ← (1−ρ)v + ρĝ², m ← m − α ĝ/(√v + ε) (torch.optim.RMSprop)',
    fixed: { family: 'gaussian-diag', expectation: 'delta', hessian: 'squared-gradient', sqrt: true, debias: 'none', momentum: 0, temperature: 1, improved: false, prior: 'in-gradient' },
    // torch.optim.RMSprop's defaults: lr = 0.01, alpha = 0.99 (ρ = 1 − alpha), eps = 1e-8, v₀ = 0;
    // weight_decay = δ, the loss's prior precision.
    defaults: { rho: 0.01, alpha: 0.01, damping: 1e-8, init: { precision: ZERO } },
    // torch.optim has no other start than v₀ = 0: from another one it is a variant.
    requires: { dropout: 0, init: { precision: ZERO }, ...PLAIN_DATA },
    table1: {
      group: 'deep-learning',
      name: 'RMSprop',
      family: 'Gaussian, diagonal covariance',
      approximations: ['delta method', 'minibatch', 'Hessian ≈ squared gradient', 'square-root scaling', 'slow-moving scale vector'],
      ...SEC.adam,
      cite: 'tieleman2012rmsprop',
    },
  },
  adam: {
    title: 'Adam',
    approximation: 'RMSprop + momentum + bias correction: ĝ = ĝ_data + δm, u ← β₁u + (1−β₁)ĝ, v ← (1−ρ)v + ρĝ², m ← m − α û/(√v̂ + ε) (torch.optim.Adam)',
    fixed: { family: 'gaussian-diag', expectation: 'delta', hessian: 'squared-gradient', sqrt: true, debias: 'both', temperature: 1, improved: false, prior: 'in-gradient' },
    // torch.optim.Adam's defaults: lr = 1e-3, betas = (0.9, 0.999) (ρ = 1 − β₂), eps = 1e-8;
    // weight_decay = δ, the loss's prior precision.
    defaults: { rho: 0.001, alpha: 0.001, momentum: 0.9, damping: 1e-8, init: { precision: ZERO } },
    requires: { dropout: 0, init: { precision: ZERO }, ...PLAIN_DATA, momentum: 'positive' },
    table1: {
      group: 'deep-learning',
      name: 'Adam',
      family: 'Gaussian, diagonal covariance',
      approximations: ['as RMSprop, with momentum and bias correction'],
      ...SEC.adam,
      cite: 'kingma2015adam',
    },
  },
  // OGN and VOGN as published (Osawa et al. 2019, §3; Khan et al. 2018, eq. for VOGN): the scale
  // s averages the per-example squared gradients, q's precision is s + δ with δ added outside the
  // average, and the mean step divides by it, m ← m − α(u + δm)/(s + δ), with Adam's momentum
  // u ← β₁u + (1−β₁)ĝ on the data gradient. The engine's S = s + δ carries the same numbers:
  // (1−ρ)(s + δ) + ρ(ĥ + δ) = [(1−ρ)s + ρĥ] + δ. momentum: 0 is the momentum-free variant.
  ogn: {
    title: 'Online Gauss–Newton (OGN)',
    approximation: 'Gauss–Newton Hessian in Adam, no square root: s ← (1−ρ)s + ρ(N/M)Σgᵢ², u ← β₁u + (1−β₁)ĝ, m ← m − α(u + δm)/(s + δ)',
    fixed: { family: 'gaussian-diag', expectation: 'delta', hessian: 'fisher', sqrt: false, debias: 'none', damping: 0, temperature: 1, prior: 'split' },
    defaults: { momentum: 0.9 },
    requires: { ...PLAIN_DATA, dropout: 0, improved: false },
    table1: {
      group: 'deep-learning',
      name: 'Online Gauss–Newton (OGN)',
      family: 'Gaussian, diagonal covariance',
      approximations: ['Gauss–Newton Hessian approximation in Adam', 'no square-root scaling'],
      isNew: true,
      ...SEC.ogn,
      cite: 'osawa2019practical',
    },
  },
  vogn: {
    title: 'Variational OGN (VOGN)',
    approximation: 'OGN without the delta method: gradients and squared per-example gradients at θ ~ q = N(m, 1/(s + δ))',
    fixed: { family: 'gaussian-diag', expectation: 'mc', hessian: 'fisher', sqrt: false, debias: 'none', damping: 0, temperature: 1, prior: 'split' },
    defaults: { samples: 1, momentum: 0.9 },
    requires: { ...PLAIN_DATA, dropout: 0, improved: false },
    table1: {
      group: 'deep-learning',
      name: 'Variational OGN (VOGN)',
      family: 'Gaussian, diagonal covariance',
      approximations: ['OGN without the delta method (gradients at a sample θ ~ q)'],
      isNew: true,
      ...SEC.ogn,
      cite: 'khan2018fast',
    },
  },
  ivon: {
    title: 'IVON',
    approximation: 'Diagonal + one sample + ĥ = ĝ(θ−m)/σ² + improved update (ρ = 1 − β₂) + momentum: Shen et al. (2024), Algorithm 1',
    fixed: { family: 'gaussian-diag', expectation: 'mc', hessian: 'reparam', improved: true, sqrt: false, debias: 'momentum', damping: 0, temperature: 1, prior: 'split' },
    defaults: { samples: 1, momentum: 0.9, rho: 0.001 },
    requires: { dropout: 0, ...PLAIN_DATA },
    table1: {
      group: 'deep-learning',
      name: 'IVON',
      family: 'Gaussian, diagonal covariance',
      approximations: ['one sample', 'reparameterisation Hessian', 'improved update', 'momentum'],
      note: 'After the paper: Shen et al. (2024)',
      ...SEC.ivon,
      cite: 'shen2024variational',
    },
  },
  mog: {
    title: 'Multimodal optimisation',
    approximation: 'Mixture of K Gaussians + delta method: K parallel Newton steps coupled through the entropy',
    fixed: { family: 'mixture', expectation: 'delta' },
    defaults: { components: 4, improved: true },
    table1: {
      group: 'optimisation',
      name: 'Multimodal optimisation',
      family: 'Mixture of Gaussians',
      approximations: ['delta method'],
      isNew: true,
      ...SEC.mixture,
      cite: 'lin2019fast',
    },
  },
  dropout: {
    title: 'Dropout',
    approximation: 'Fixed covariance + delta method at m ∘ z, zⱼ ~ Bernoulli(1 − p): SGD with dropout',
    fixed: { family: 'gaussian-fixed', expectation: 'delta', init: { precision: I } },
    defaults: { dropout: 0.5 },
    requires: { dropout: 'positive', momentum: 0, sqrt: false, damping: 0 },
    table1: {
      group: 'deep-learning',
      name: 'Dropout',
      family: 'Mixture of Gaussians (spike and slab)',
      approximations: ['delta method', 'minibatch', 'responsibilities ≈ the dropout mask'],
      ...SEC.dropout,
      cite: 'srivastava2014dropout',
    },
  },
  ste: {
    title: 'Straight-through estimator',
    approximation: 'Bernoulli + gradient at the mode sign(λ) + entropy dropped: λ ← λ − α∇ℓ̄(sign λ)',
    fixed: { family: 'bernoulli', expectation: 'delta', entropy: false },
    defaults: { alpha: 0.1 },
    wording: { expectation: 'the gradient at sign λ' },
    table1: {
      group: 'deep-learning',
      name: 'Straight-through estimator (STE)',
      family: 'Bernoulli',
      approximations: ['delta method', 'minibatch'],
      ...SEC.binary,
      cite: 'bengio2013estimating',
    },
  },
  conjugate: {
    title: 'Conjugate Bayes',
    approximation: 'Conjugate model + ρ = 1: the exact posterior in one step; one example per step (online) is recursive least squares, the Kalman filter',
    fixed: { rho: 1, improved: false },
    defaults: { family: 'gaussian', expectation: 'exact' },
    requires: [
      { family: 'beta' },
      {
        family: 'gaussian',
        model: 'conjugate',
        expectation: ['delta', 'exact'],
        hessian: 'sampled',
        batch: false,
        coordinate: false,
        momentum: 0,
        debias: 'none',
        sqrt: false,
        damping: 0,
        dropout: 0,
      },
    ],
    wording: { expectation: 'exact expectations', coordinate: 'joint updates' },
    table1: {
      group: 'inference',
      name: 'Conjugate Bayes, Kalman filter',
      family: 'Exponential family (conjugate)',
      approximations: ['learning rate ρ = 1'],
      ...SEC.conjugate,
      cite: 'kalman1960new',
    },
  },
  laplace: {
    title: 'Laplace approximation',
    approximation: "Newton's method run to its fixed point: q = N(θ_MAP, ∇²ℓ̄(θ_MAP)⁻¹)",
    fixed: { family: 'gaussian', expectation: 'delta', hessian: 'sampled', rho: 1, improved: false },
    requires: { batch: false, ...NO_EXTRAS },
    sameSpecAs: 'newton',
    table1: {
      group: 'inference',
      name: 'Laplace’s method',
      family: 'Gaussian',
      approximations: ['delta method'],
      ...SEC.laplace,
      cite: 'tierney1986accurate',
    },
  },
  em: {
    title: 'Expectation maximisation',
    approximation: 'E-step: ρ = 1 on q(z); M-step: Newton with ρ = 1 and the expected complete-data Hessian',
    fixed: { family: 'gaussian-diag', expectation: 'delta', hessian: 'complete-data', rho: 1, improved: false },
    requires: { batch: false, ...NO_EXTRAS },
    wording: { family: 'a point estimate of θ with diagonal curvature' },
    table1: {
      group: 'inference',
      name: 'Expectation-maximisation',
      family: 'Exponential family (latent variables) + Gaussian (parameters)',
      approximations: ['delta method for the parameters', 'ρ = 1'],
      ...SEC.em,
      cite: 'dempster1977maximum',
    },
  },
  svi: {
    title: 'Stochastic variational inference',
    approximation: 'Mean field + minibatches: λ ← (1−ρ)λ + ρ(λ₀ + (N/M)Σ_batch …)',
    fixed: { family: 'gaussian-diag', coordinate: false, improved: false },
    defaults: { expectation: 'delta', rho: 0.1 },
    requires: { batch: true, expectation: ['delta', 'mc'], hessian: 'sampled', ...NO_EXTRAS, oneStepSize: true },
    wording: { family: 'mean field', expectation: 'stochastic estimates' },
    table1: {
      group: 'inference',
      name: 'Stochastic variational inference (SVI)',
      family: 'Exponential family, mean-field',
      approximations: ['stochastic approximation', 'local ρ = 1'],
      ...SEC.meanField,
      cite: 'hoffman2013stochastic',
    },
  },
  vmp: {
    title: 'Variational message passing',
    approximation: 'Mean field + one block per step with ρ = 1: coordinate ascent on the objective',
    fixed: { family: 'gaussian-diag', coordinate: true, rho: 1 },
    defaults: { expectation: 'exact' },
    requires: { model: 'conjugate', expectation: 'exact', batch: false, online: false },
    wording: { family: 'mean field', online: 'all the data' },
    table1: {
      group: 'inference',
      name: 'Variational message passing (VMP)',
      family: 'Exponential family, mean-field',
      approximations: ['ρ = 1 for all nodes'],
      ...SEC.meanField,
      cite: 'winn2005variational',
    },
  },
  ncvmp: {
    title: 'Non-conjugate VMP',
    approximation: 'VMP on a non-conjugate model: block updates with the expected gradient and Hessian of the non-conjugate part',
    fixed: { family: 'gaussian-diag', coordinate: true },
    defaults: { expectation: 'exact', rho: 1 },
    requires: { model: 'non-conjugate', batch: false, online: false },
    wording: { family: 'mean field', online: 'all the data' },
    table1: {
      group: 'inference',
      name: 'Non-conjugate VMP',
      family: 'Exponential family, mean-field',
      approximations: ['ρ = 1 for all nodes; natural-gradient messages for the non-conjugate factors'],
      ...SEC.nonConjugate,
      cite: 'knowles2011nonconjugate',
    },
  },
  ncvi: {
    title: 'Non-conjugate VI (mixture)',
    approximation: 'Mixture of Gaussians + Monte Carlo: natural-gradient VI with a multimodal q (Lin et al. 2019)',
    fixed: { family: 'mixture', expectation: 'mc' },
    defaults: { components: 3, improved: true, samples: 8 },
    wording: { expectation: 'Monte Carlo expectations' },
    table1: {
      group: 'inference',
      name: 'Non-conjugate variational inference',
      family: 'Mixture of exponential-family distributions',
      approximations: ['none (Monte Carlo estimates of the exact natural gradient)'],
      isNew: true,
      ...SEC.nonConjugate,
      cite: 'lin2019fast',
    },
  },
  bayesbinn: {
    title: 'BayesBiNN',
    approximation: 'Bernoulli + concrete relaxation: λ ← (1−ρ)λ − (ρ/τ)ĝ, ĝ = [(1−w²)/(t(1−μ²))]∇ℓ̄(w)',
    fixed: { family: 'bernoulli', expectation: 'mc', entropy: true },
    defaults: { samples: 1 },
    wording: { expectation: 'relaxed samples' },
    table1: {
      group: 'deep-learning',
      name: 'BayesBiNN',
      family: 'Bernoulli',
      approximations: ['STE without the delta method (relaxed samples), with the entropy'],
      isNew: true,
      ...SEC.binary,
      cite: 'meng2020training',
    },
  },
};
