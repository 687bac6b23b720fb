/**
 * Which named algorithm a RunSpec *is*: the BLR with a given family and approximations equals a
 * classical algorithm exactly when its spec has that algorithm's signature below. Each
 * signature is the condition under which tests/engine/optimisers.test.ts proves the equality
 * step for step, so the approximation ladder can name a combination with confidence, or say
 * that it is a variant no row of Table 1 names (and which named algorithm it is closest to).
 */
import { PRESETS, type AlgorithmName } from './presets';
import { CONJUGATE_KINDS, type RunSpec } from './spec';

/** One condition of a signature: a field, a test, and how to say what is missing. */
interface Condition {
  test(s: RunSpec): boolean;
  /** What the spec would need, for "a variant of X: needs …" messages. */
  needs: string;
}

const is = <K extends keyof RunSpec>(field: K, value: RunSpec[K], needs: string): Condition => ({ test: (s) => s[field] === value, needs });
const conjugateLoss: Condition = { test: (s) => CONJUGATE_KINDS.includes(s.loss.kind), needs: 'a conjugate model' };
const plainData: Condition[] = [is('online', false, 'all the data at every step'), is('coordinate', false, 'joint (not block) updates')];
const noExtras: Condition[] = [
  ...plainData,
  is('momentum', 0, 'no momentum'),
  is('debias', 'none', 'no bias correction'),
  is('sqrt', false, 'no square root'),
  is('damping', 0, 'no damping'),
  is('dropout', 0, 'no dropout'),
];
const identityStart: Condition = {
  test: (s) => s.init.precision[0][0] === 1 && s.init.precision[0][1] === 0 && s.init.precision[1][1] === 1,
  needs: 'identity covariance',
};
const batch = (on: boolean): Condition => ({ test: (s) => (s.batchSize !== undefined) === on, needs: on ? 'minibatch gradients' : 'full-batch gradients' });
const tau1 = is('temperature', 1, 'temperature τ = 1');
/** RMSprop and Adam start from v₀ = 0 (PyTorch has no other start). */
const zeroStart: Condition = { test: (s) => s.init.precision.every((r) => r.every((v) => v === 0)), needs: 'the start v₀ = 0' };
/** The loss's Gaussian prior precision δ (0 for a loss that is not a data sum). */
const priorOf = (s: RunSpec): number => ('priorPrecision' in s.loss ? s.loss.priorPrecision : 0);
/** torch.optim's weight decay: the prior inside the gradient (or no prior, when both forms agree). */
const weightDecay: Condition = {
  test: (s) => s.prior === 'in-gradient' || priorOf(s) === 0 || s.expectation === 'exact',
  needs: 'the prior inside the gradient as weight decay (prior "in-gradient")',
};
/** The BLR's split: the prior added exactly outside the estimates. */
const priorSplit: Condition = { test: (s) => s.prior === 'split' || priorOf(s) === 0 || s.expectation === 'exact', needs: 'the prior added exactly (prior "split")' };
const rmspropCore: Condition[] = [
  is('family', 'gaussian-diag', 'diagonal covariance'),
  is('expectation', 'delta', 'the delta method'),
  is('hessian', 'squared-gradient', 'the squared-gradient Hessian'),
  is('sqrt', true, 'the square root'),
  is('dropout', 0, 'no dropout'),
  tau1,
  is('improved', false, 'the plain update'),
  zeroStart,
  weightDecay,
  ...plainData,
];
const ognCore = (expectation: 'delta' | 'mc'): Condition[] => [
  is('family', 'gaussian-diag', 'diagonal covariance'),
  is('expectation', expectation, expectation === 'delta' ? 'the delta method' : 'Monte Carlo samples'),
  is('hessian', 'fisher', 'per-example squared gradients'),
  // Adam's momentum on the data gradient (Osawa et al. 2019); β₁ = 0 is the momentum-free form.
  ...plainData,
  is('debias', 'none', 'no bias correction'),
  is('sqrt', false, 'no square root'),
  is('damping', 0, 'no damping'),
  is('dropout', 0, 'no dropout'),
  priorSplit,
  tau1,
  is('improved', false, 'the plain update'),
];

/** Signatures, most specific first. */
const SIGNATURES: [AlgorithmName, Condition[]][] = [
  ['conjugate', [is('family', 'beta', 'a Beta family'), is('rho', 1, 'ρ = 1')]],
  [
    'conjugate',
    [
      is('family', 'gaussian', 'full covariance'),
      conjugateLoss,
      { test: (s) => s.expectation !== 'mc', needs: 'exact expectations' },
      is('hessian', 'sampled', 'the Hessian itself'),
      is('rho', 1, 'ρ = 1'),
      is('improved', false, 'the plain update'),
      batch(false),
      is('coordinate', false, 'joint updates'),
      is('momentum', 0, 'no momentum'),
      is('debias', 'none', 'no bias correction'),
      is('sqrt', false, 'no square root'),
      is('damping', 0, 'no damping'),
      is('dropout', 0, 'no dropout'),
    ],
  ],
  [
    'em',
    [
      is('family', 'gaussian-diag', 'a point estimate of θ with diagonal curvature'),
      is('expectation', 'delta', 'the delta method'),
      is('hessian', 'complete-data', 'the expected complete-data Hessian'),
      is('rho', 1, 'ρ = 1'),
      is('improved', false, 'the plain update'),
      batch(false),
      ...noExtras,
    ],
  ],
  [
    'vmp',
    [is('family', 'gaussian-diag', 'mean field'), is('coordinate', true, 'block updates'), is('rho', 1, 'ρ = 1'), conjugateLoss, is('expectation', 'exact', 'exact expectations'), batch(false), is('online', false, 'all the data')],
  ],
  [
    'ncvmp',
    [
      is('family', 'gaussian-diag', 'mean field'),
      is('coordinate', true, 'block updates'),
      { test: (s) => !CONJUGATE_KINDS.includes(s.loss.kind), needs: 'a non-conjugate model' },
      batch(false),
      is('online', false, 'all the data'),
    ],
  ],
  [
    'svi',
    [
      is('family', 'gaussian-diag', 'mean field'),
      batch(true),
      { test: (s) => s.expectation !== 'exact', needs: 'stochastic estimates' },
      is('hessian', 'sampled', 'the Hessian itself'),
      is('improved', false, 'the plain update'),
      ...noExtras,
      { test: (s) => s.alpha === undefined, needs: 'one step size ρ' },
    ],
  ],
  ['gd', [is('family', 'gaussian-fixed', 'fixed covariance'), is('expectation', 'delta', 'the delta method'), identityStart, batch(false), ...noExtras]],
  ['sgd', [is('family', 'gaussian-fixed', 'fixed covariance'), is('expectation', 'delta', 'the delta method'), identityStart, batch(true), ...noExtras]],
  [
    'dropout',
    [
      is('family', 'gaussian-fixed', 'fixed covariance'),
      is('expectation', 'delta', 'the delta method'),
      identityStart,
      { test: (s) => s.dropout > 0, needs: 'dropout masks' },
      is('momentum', 0, 'no momentum'),
      is('sqrt', false, 'no square root'),
      is('damping', 0, 'no damping'),
    ],
  ],
  [
    'newton',
    [
      is('family', 'gaussian', 'full covariance'),
      is('expectation', 'delta', 'the delta method'),
      is('hessian', 'sampled', 'the Hessian itself'),
      is('rho', 1, 'ρ = 1'),
      is('improved', false, 'the plain update'),
      batch(false),
      ...noExtras,
    ],
  ],
  ['rmsprop', [...rmspropCore, is('momentum', 0, 'no momentum'), is('debias', 'none', 'no bias correction')]],
  ['adam', [...rmspropCore, { test: (s) => s.momentum > 0, needs: 'momentum' }, is('debias', 'both', 'bias correction')]],
  ['ogn', ognCore('delta')],
  ['vogn', ognCore('mc')],
  [
    'ivon',
    [
      is('family', 'gaussian-diag', 'diagonal covariance'),
      is('expectation', 'mc', 'Monte Carlo samples'),
      is('hessian', 'reparam', 'the reparameterisation Hessian'),
      is('improved', true, 'the improved update'),
      is('debias', 'momentum', 'bias-corrected momentum'),
      is('sqrt', false, 'no square root'),
      is('damping', 0, 'no damping'),
      is('dropout', 0, 'no dropout'),
      priorSplit,
      tau1,
      ...plainData,
    ],
  ],
  [
    'von',
    [
      is('family', 'gaussian', 'full covariance'),
      is('expectation', 'mc', 'Monte Carlo samples'),
      { test: (s) => s.hessian === 'sampled' || s.hessian === 'reparam', needs: 'the Hessian itself' },
      is('improved', false, 'the plain update'),
      batch(false),
      ...noExtras,
    ],
  ],
  ['mog', [is('family', 'mixture', 'a mixture of Gaussians'), is('expectation', 'delta', 'the delta method')]],
  ['ncvi', [is('family', 'mixture', 'a mixture of Gaussians'), is('expectation', 'mc', 'Monte Carlo expectations')]],
  ['ste', [is('family', 'bernoulli', 'Bernoulli weights'), is('expectation', 'delta', 'the gradient at sign λ'), is('entropy', false, 'no entropy')]],
  ['bayesbinn', [is('family', 'bernoulli', 'Bernoulli weights'), is('expectation', 'mc', 'relaxed samples'), is('entropy', true, 'the entropy')]],
];

export interface Identification {
  /** The named algorithm the spec equals, or null for a variant. */
  name: AlgorithmName | null;
  /** For a variant: the named algorithm with the fewest unmet conditions, and what it would need. */
  nearest: { name: AlgorithmName; needs: string[] } | null;
  /** One sentence for people. */
  summary: string;
}

/** The named algorithm a validated spec equals, or the nearest one and what it lacks. */
export function identifyAlgorithm(spec: RunSpec): Identification {
  let best: { name: AlgorithmName; needs: string[] } | null = null;
  let bestScore = -Infinity;
  for (const [name, conditions] of SIGNATURES) {
    const needs = conditions.filter((c) => !c.test(spec)).map((c) => c.needs);
    if (!needs.length) return { name, nearest: null, summary: `This combination is ${PRESETS[name].title}.` };
    // Nearest: a named algorithm of the same family first (switching families is not "one switch
    // away"), then the largest share of its conditions met, then the fewest unmet.
    const sameFamily = conditions.every((c) => !c.needs.match(/covariance|mean field|Bernoulli|mixture|Beta|point estimate/) || c.test(spec));
    const score = (sameFamily ? 10 : 0) + (conditions.length - needs.length) / conditions.length - needs.length * 1e-3;
    if (score > bestScore) {
      best = { name, needs };
      bestScore = score;
    }
  }
  const exactBlr =
    (spec.family === 'gaussian' || spec.family === 'gaussian-diag') &&
    spec.expectation !== 'delta' &&
    spec.hessian === 'sampled' &&
    spec.batchSize === undefined &&
    noExtras.every((c) => c.test(spec)) &&
    spec.alpha === undefined;
  if (exactBlr) {
    return {
      name: null,
      nearest: best,
      summary: `This is the Bayesian learning rule itself with a ${spec.family === 'gaussian' ? 'full' : 'diagonal'} Gaussian: variational inference, no approximation beyond the ${spec.expectation === 'exact' ? 'family' : 'Monte Carlo estimate'}.`,
    };
  }
  const near = best && best.needs.length <= 3 ? ` Closest: ${PRESETS[best.name].title}, which would need ${best.needs.join(', ')}.` : '';
  return { name: null, nearest: best, summary: `A variant that no row of Table 1 names.${near}` };
}
