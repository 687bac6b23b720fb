/**
 * The named algorithms of Table 1 (Khan & Rue 2023) as data: each preset *fixes* the RunSpec
 * fields that make the BLR into that algorithm (a spec that contradicts them is an error) and
 * gives *defaults* for the rest (the classical algorithm's usual hyper-parameters). All of them
 * run through the one BLR step; `approximations` names the chain, as Table 1 does.
 */
export const ALGORITHM_NAMES = [
  'gd', 'newton', 'von', 'blr', 'sgd', 'rmsprop', 'adam', 'ogn', 'vogn', 'ivon', 'mog', 'dropout', 'ste', 'bayesbinn',
  'conjugate', 'laplace', 'em', 'svi', 'vmp', 'ncvmp', 'ncvi',
] as const;
export type AlgorithmName = (typeof ALGORITHM_NAMES)[number];

type Mat = [[number, number], [number, number]];

/** Fields a preset may fix or default (a subset of the RunSpec). */
export interface PresetFields {
  family?: 'gaussian' | 'gaussian-diag' | 'gaussian-fixed' | 'mixture' | 'bernoulli' | 'beta';
  expectation?: 'delta' | 'mc' | 'exact';
  hessian?: 'sampled' | 'reparam' | 'gauss-newton' | 'fisher' | 'squared-gradient' | 'complete-data';
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

export interface AlgorithmPreset {
  /** Short name for menus and legends. */
  title: string;
  /** Candidate family, as the paper's Table 1 names it. */
  family: string;
  /** The approximations that turn the BLR into this algorithm, in order. */
  approximations: string[];
  /** One line for people: the approximation and the update it gives. */
  approximation: string;
  fixed: PresetFields;
  defaults?: PresetFields;
}

const I: Mat = [[1, 0], [0, 1]];
const ZERO: Mat = [[0, 0], [0, 0]];

export const PRESETS: Record<AlgorithmName, AlgorithmPreset> = {
  gd: {
    title: 'Gradient descent',
    family: 'Gaussian, fixed covariance',
    approximations: ['delta method'],
    approximation: 'Gaussian with fixed identity covariance + delta method: m ← m − ρ∇ℓ̄(m)',
    fixed: { family: 'gaussian-fixed', expectation: 'delta', init: { precision: I } },
  },
  newton: {
    title: "Newton's method",
    family: 'Gaussian',
    approximations: ['delta method', 'ρ = 1'],
    approximation: 'Full Gaussian + delta method + ρ = 1: m ← m − ∇²ℓ̄(m)⁻¹∇ℓ̄(m)',
    fixed: { family: 'gaussian', expectation: 'delta', rho: 1 },
  },
  von: {
    title: 'Variational online Newton',
    family: 'Gaussian',
    approximations: ['Monte Carlo expectations'],
    approximation: 'Full Gaussian + Monte Carlo expectations of the gradient and Hessian',
    fixed: { family: 'gaussian', expectation: 'mc' },
  },
  blr: {
    title: 'Bayesian learning rule',
    family: 'any',
    approximations: [],
    approximation: 'Every choice explicit: family, expectation, approximations, ρ, τ',
    fixed: {},
  },
  sgd: {
    title: 'Stochastic gradient descent',
    family: 'Gaussian, fixed covariance',
    approximations: ['delta method', 'minibatch gradient'],
    approximation: 'Fixed identity covariance + delta method + minibatch gradient: m ← m − ρ ĝ(m), ĝ = (N/M)Σᵢ∈batch ∇ℓᵢ + δm',
    fixed: { family: 'gaussian-fixed', expectation: 'delta', init: { precision: I } },
  },
  rmsprop: {
    title: 'RMSprop',
    family: 'Gaussian, diagonal covariance',
    approximations: ['delta method', 'minibatch gradient', 'squared gradient for the Hessian', 'square root', 'separate step α', 'prior as weight decay'],
    approximation:
      'Diagonal + delta + minibatch + Hessian ≈ ĝ² + square root, the prior inside the gradient as weight decay: ĝ = ĝ_data + δm, v ← (1−ρ)v + ρĝ², m ← m − α ĝ/(√v + ε) (torch.optim.RMSprop)',
    fixed: { family: 'gaussian-diag', expectation: 'delta', hessian: 'squared-gradient', sqrt: true, debias: 'none', momentum: 0, temperature: 1, improved: false, prior: 'in-gradient' },
    // torch.optim.RMSprop's defaults: lr = 0.01, alpha = 0.99 (ρ = 1 − alpha), eps = 1e-8, v₀ = 0;
    // weight_decay = δ, the loss's prior precision.
    defaults: { rho: 0.01, alpha: 0.01, damping: 1e-8, init: { precision: ZERO } },
  },
  adam: {
    title: 'Adam',
    family: 'Gaussian, diagonal covariance',
    approximations: ['delta method', 'minibatch gradient', 'squared gradient for the Hessian', 'square root', 'separate step α', 'prior as weight decay', 'momentum', 'bias correction'],
    approximation: 'RMSprop + momentum + bias correction: ĝ = ĝ_data + δm, u ← β₁u + (1−β₁)ĝ, v ← (1−ρ)v + ρĝ², m ← m − α û/(√v̂ + ε) (torch.optim.Adam)',
    fixed: { family: 'gaussian-diag', expectation: 'delta', hessian: 'squared-gradient', sqrt: true, debias: 'both', temperature: 1, improved: false, prior: 'in-gradient' },
    // torch.optim.Adam's defaults: lr = 1e-3, betas = (0.9, 0.999) (ρ = 1 − β₂), eps = 1e-8;
    // weight_decay = δ, the loss's prior precision.
    defaults: { rho: 0.001, alpha: 0.001, momentum: 0.9, damping: 1e-8, init: { precision: ZERO } },
  },
  // OGN and VOGN as published (Osawa et al. 2019, §3; Khan et al. 2018, eq. for VOGN): the scale
  // s averages the per-example squared gradients, q's precision is s + δ with δ added outside the
  // average, and the mean step divides by it, m ← m − α(u + δm)/(s + δ), with Adam's momentum
  // u ← β₁u + (1−β₁)ĝ on the data gradient. The engine's S = s + δ carries the same numbers:
  // (1−ρ)(s + δ) + ρ(ĥ + δ) = [(1−ρ)s + ρĥ] + δ. momentum: 0 is the momentum-free variant.
  ogn: {
    title: 'Online Gauss–Newton (OGN)',
    family: 'Gaussian, diagonal covariance',
    approximations: ['delta method', 'minibatch gradient', 'Gauss–Newton from per-example squared gradients', 'separate step α', 'momentum'],
    approximation: 'Gauss–Newton Hessian in Adam, no square root: s ← (1−ρ)s + ρ(N/M)Σgᵢ², u ← β₁u + (1−β₁)ĝ, m ← m − α(u + δm)/(s + δ)',
    fixed: { family: 'gaussian-diag', expectation: 'delta', hessian: 'fisher', sqrt: false, debias: 'none', damping: 0, temperature: 1, prior: 'split' },
    defaults: { momentum: 0.9 },
  },
  vogn: {
    title: 'Variational OGN (VOGN)',
    family: 'Gaussian, diagonal covariance',
    approximations: ['Monte Carlo (one sample)', 'minibatch gradient', 'Gauss–Newton from per-example squared gradients', 'separate step α', 'momentum'],
    approximation: 'OGN without the delta method: gradients and squared per-example gradients at θ ~ q = N(m, 1/(s + δ))',
    fixed: { family: 'gaussian-diag', expectation: 'mc', hessian: 'fisher', sqrt: false, debias: 'none', damping: 0, temperature: 1, prior: 'split' },
    defaults: { samples: 1, momentum: 0.9 },
  },
  ivon: {
    title: 'IVON',
    family: 'Gaussian, diagonal covariance',
    approximations: ['Monte Carlo (one sample)', 'minibatch gradient', 'reparameterisation Hessian', 'improved update', 'momentum with bias correction', 'separate step α'],
    approximation: 'Diagonal + one sample + ĥ = ĝ(θ−m)/σ² + improved update (ρ = 1 − β₂) + momentum: Shen et al. (2024), Algorithm 1',
    fixed: { family: 'gaussian-diag', expectation: 'mc', hessian: 'reparam', improved: true, sqrt: false, debias: 'momentum', damping: 0, temperature: 1, prior: 'split' },
    defaults: { samples: 1, momentum: 0.9, rho: 0.001 },
  },
  mog: {
    title: 'Multimodal optimisation',
    family: 'Mixture of Gaussians',
    approximations: ['delta method'],
    approximation: 'Mixture of K Gaussians + delta method: K parallel Newton steps coupled through the entropy',
    fixed: { family: 'mixture', expectation: 'delta' },
    defaults: { components: 4, improved: true },
  },
  dropout: {
    title: 'Dropout',
    family: 'Spike-and-slab mixture',
    approximations: ['delta method on the slab', 'sampled masks'],
    approximation: 'Fixed covariance + delta method at m ∘ z, zⱼ ~ Bernoulli(1 − p): SGD with dropout',
    fixed: { family: 'gaussian-fixed', expectation: 'delta', init: { precision: I } },
    defaults: { dropout: 0.5 },
  },
  ste: {
    title: 'Straight-through estimator',
    family: 'Bernoulli on ±1',
    approximations: ['delta method at sign λ', 'no entropy'],
    approximation: 'Bernoulli + gradient at the mode sign(λ) + entropy dropped: λ ← λ − α∇ℓ̄(sign λ)',
    fixed: { family: 'bernoulli', expectation: 'delta', entropy: false },
    defaults: { alpha: 0.1 },
  },
  conjugate: {
    title: 'Conjugate Bayes',
    family: 'Conjugate to the model (Gaussian, Beta)',
    approximations: ['ρ = 1'],
    approximation: 'Conjugate model + ρ = 1: the exact posterior in one step; one example per step (online) is recursive least squares, the Kalman filter',
    fixed: { rho: 1, improved: false },
    defaults: { family: 'gaussian', expectation: 'exact' },
  },
  laplace: {
    title: 'Laplace approximation',
    family: 'Gaussian',
    approximations: ['delta method', 'ρ = 1 (Newton) to the fixed point'],
    approximation: "Newton's method run to its fixed point: q = N(θ_MAP, ∇²ℓ̄(θ_MAP)⁻¹)",
    fixed: { family: 'gaussian', expectation: 'delta', hessian: 'sampled', rho: 1, improved: false },
  },
  em: {
    title: 'Expectation maximisation',
    family: 'Exact q(z) × point mass on θ',
    approximations: ['ρ = 1 on q(z) (E-step)', 'delta method + Newton with ρ = 1 on θ (M-step)'],
    approximation: 'E-step: ρ = 1 on q(z); M-step: Newton with ρ = 1 and the expected complete-data Hessian',
    fixed: { family: 'gaussian-diag', expectation: 'delta', hessian: 'complete-data', rho: 1, improved: false },
  },
  svi: {
    title: 'Stochastic variational inference',
    family: 'Mean-field Gaussian',
    approximations: ['mean field', 'minibatch natural gradients', 'ρ < 1'],
    approximation: 'Mean field + minibatches: λ ← (1−ρ)λ + ρ(λ₀ + (N/M)Σ_batch …)',
    fixed: { family: 'gaussian-diag', coordinate: false, improved: false },
    defaults: { expectation: 'delta', rho: 0.1 },
  },
  vmp: {
    title: 'Variational message passing',
    family: 'Mean-field Gaussian',
    approximations: ['mean field', 'block (coordinate) updates with ρ = 1'],
    approximation: 'Mean field + one block per step with ρ = 1: coordinate ascent on the objective',
    fixed: { family: 'gaussian-diag', coordinate: true, rho: 1 },
    defaults: { expectation: 'exact' },
  },
  ncvmp: {
    title: 'Non-conjugate VMP',
    family: 'Mean-field Gaussian',
    approximations: ['mean field', 'block updates', 'natural gradients for the non-conjugate factors'],
    approximation: 'VMP on a non-conjugate model: block updates with the expected gradient and Hessian of the non-conjugate part',
    fixed: { family: 'gaussian-diag', coordinate: true },
    defaults: { expectation: 'exact', rho: 1 },
  },
  ncvi: {
    title: 'Non-conjugate VI (mixture)',
    family: 'Mixture of Gaussians',
    approximations: ['Monte Carlo natural gradients', 'conjugate part exact'],
    approximation: 'Mixture of Gaussians + Monte Carlo: natural-gradient VI with a multimodal q (Lin et al. 2019)',
    fixed: { family: 'mixture', expectation: 'mc' },
    defaults: { components: 3, improved: true, samples: 8 },
  },
  bayesbinn: {
    title: 'BayesBiNN',
    family: 'Bernoulli on ±1',
    approximations: ['relaxed (concrete) samples'],
    approximation: 'Bernoulli + concrete relaxation: λ ← (1−ρ)λ − (ρ/τ)ĝ, ĝ = [(1−w²)/(t(1−μ²))]∇ℓ̄(w)',
    fixed: { family: 'bernoulli', expectation: 'mc', entropy: true },
    defaults: { samples: 1 },
  },
};
