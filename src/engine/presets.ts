/**
 * The named algorithms of Table 1 (Khan & Rue 2023) as data: each preset fixes some RunSpec
 * fields and leaves the rest to the spec. All of them run through the one BLR step.
 */
export const ALGORITHM_NAMES = ['gd', 'newton', 'von', 'blr'] as const;
export type AlgorithmName = (typeof ALGORITHM_NAMES)[number];

export interface PresetFields {
  family?: 'gaussian' | 'gaussian-diag' | 'gaussian-fixed';
  expectation?: 'delta' | 'mc' | 'exact';
  rho?: number;
  init?: { precision?: [[number, number], [number, number]] };
}

export interface AlgorithmPreset {
  /** Short name for menus and legends. */
  title: string;
  /** The approximation that turns the BLR into this algorithm (Table 1). */
  approximation: string;
  fixed: PresetFields;
}

export const PRESETS: Record<AlgorithmName, AlgorithmPreset> = {
  gd: {
    title: 'Gradient descent',
    approximation: 'Gaussian with fixed identity covariance + delta method: m ← m − ρ∇ℓ̄(m)',
    fixed: { family: 'gaussian-fixed', expectation: 'delta', init: { precision: [[1, 0], [0, 1]] } },
  },
  newton: {
    title: "Newton's method",
    approximation: 'Full Gaussian + delta method + ρ = 1: m ← m − ∇²ℓ̄(m)⁻¹∇ℓ̄(m)',
    fixed: { family: 'gaussian', expectation: 'delta', rho: 1 },
  },
  von: {
    title: 'Variational online Newton',
    approximation: 'Full Gaussian + Monte Carlo expectations of the gradient and Hessian',
    fixed: { family: 'gaussian', expectation: 'mc' },
  },
  blr: {
    title: 'Bayesian learning rule',
    approximation: 'Every choice explicit: family, expectation, ρ, τ',
    fixed: {},
  },
};
