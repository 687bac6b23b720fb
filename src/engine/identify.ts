/**
 * Which named algorithm a RunSpec *is*: the BLR with a given family and approximations equals a
 * classical algorithm exactly when its spec has that algorithm's signature. The signatures are
 * not written here: each is a preset's fixed fields plus what it `requires` (presets.ts), the
 * conditions under which tests/engine/optimisers.test.ts proves the equality step for step. So
 * the approximation ladder can name a combination with confidence, or say that it is a variant
 * no row of Table 1 names (and which named algorithm it is closest to).
 */
import { PRESETS, type AlgorithmName, type Requirements, type SignatureField } from './presets';
import { CONJUGATE_KINDS, type RunSpec } from './spec';

/** One condition of a signature: a field, a test, and how to say what is missing. */
interface Condition {
  field: SignatureField;
  test(s: RunSpec): boolean;
  /** What the spec would need, for "a variant of X: needs …" messages. */
  needs: string;
  /**
   * Part of the candidate family: the `family` field, and for the fixed-covariance Gaussian the
   * covariance it is fixed at. A named algorithm of another family is not "one switch away".
   */
  family: boolean;
}

interface Signature {
  name: AlgorithmName;
  conditions: Condition[];
}

type Value = string | number | boolean | readonly unknown[] | { precision: unknown };

/** The loss's Gaussian prior precision δ (0 for a loss that is not a data sum). */
const priorOf = (s: RunSpec): number => ('priorPrecision' in s.loss ? s.loss.priorPrecision : 0);
const sameMatrix = (a: readonly (readonly number[])[], b: readonly (readonly number[])[]) => a.every((r, i) => r.every((v, j) => v === b[i][j]));
const isZero = (m: readonly (readonly number[])[]) => m.every((r) => r.every((v) => v === 0));
const isIdentity = (m: readonly (readonly number[])[]) => sameMatrix(m, [[1, 0], [0, 1]]);

/** How identify says, by default, that a spec lacks `field = value` (a preset's `wording` may say it in its own terms). */
function defaultNeeds(field: SignatureField, value: unknown): string {
  const words: Partial<Record<SignatureField, Record<string, string>>> = {
    family: { gaussian: 'full covariance', 'gaussian-diag': 'diagonal covariance', 'gaussian-fixed': 'fixed covariance', mixture: 'a mixture of Gaussians', bernoulli: 'Bernoulli weights', beta: 'a Beta family' },
    expectation: { delta: 'the delta method', mc: 'Monte Carlo samples', exact: 'exact expectations' },
    hessian: {
      sampled: 'the Hessian itself',
      reparam: 'the reparameterisation Hessian',
      'gauss-newton': 'the Gauss–Newton Hessian',
      fisher: 'per-example squared gradients',
      'squared-gradient': 'the squared-gradient Hessian',
      'complete-data': 'the expected complete-data Hessian',
    },
    improved: { true: 'the improved update', false: 'the plain update' },
    coordinate: { true: 'block updates', false: 'joint (not block) updates' },
    online: { true: 'the examples one per step', false: 'all the data at every step' },
    momentum: { 0: 'no momentum', positive: 'momentum' },
    debias: { none: 'no bias correction', momentum: 'bias-corrected momentum', both: 'bias correction' },
    sqrt: { true: 'the square root', false: 'no square root' },
    damping: { 0: 'no damping' },
    dropout: { 0: 'no dropout', positive: 'dropout masks' },
    entropy: { true: 'the entropy', false: 'no entropy' },
    batch: { true: 'minibatch gradients', false: 'full-batch gradients' },
    oneStepSize: { true: 'one step size ρ' },
    model: { conjugate: 'a conjugate model', 'non-conjugate': 'a non-conjugate model' },
    prior: { 'in-gradient': 'the prior inside the gradient as weight decay (prior "in-gradient")', split: 'the prior added exactly (prior "split")' },
  };
  const first = Array.isArray(value) ? value[0] : value;
  if (field === 'init') {
    const m = (value as { precision: number[][] }).precision;
    return isZero(m) ? 'the start v₀ = 0' : isIdentity(m) ? 'identity covariance' : `the start precision ${JSON.stringify(m)}`;
  }
  if (field === 'rho') return `ρ = ${first}`;
  if (field === 'temperature') return `temperature τ = ${first}`;
  return words[field]?.[String(first)] ?? `${field} = ${String(first)}`;
}

/** The test of one signature field against a validated spec. */
function testOf(field: SignatureField, want: Value): (s: RunSpec) => boolean {
  const equals = (got: unknown) => (Array.isArray(want) ? want.includes(got) : want === 'positive' ? typeof got === 'number' && got > 0 : got === want);
  switch (field) {
    case 'batch':
      return (s) => (s.batchSize !== undefined) === want;
    case 'oneStepSize':
      return (s) => s.alpha === undefined;
    case 'model':
      return (s) => CONJUGATE_KINDS.includes(s.loss.kind) === (want === 'conjugate');
    case 'init': {
      const m = (want as { precision: number[][] }).precision;
      return (s) => sameMatrix(s.init.precision, m);
    }
    // The two prior modes agree when the loss has no prior or the expectations are exact.
    case 'prior':
      return (s) => s.prior === want || priorOf(s) === 0 || s.expectation === 'exact';
    // The Beta family's conjugate step has no precision for the improved update to act on.
    case 'improved':
      return (s) => s.family === 'beta' || s.improved === want;
    default:
      return (s) => equals(s[field as keyof RunSpec]);
  }
}

/** The order identify checks a signature's fields in, and lists what a spec lacks. */
const FIELD_ORDER: readonly SignatureField[] = [
  'family', 'model', 'expectation', 'hessian', 'rho', 'improved', 'batch', 'online', 'coordinate',
  'momentum', 'debias', 'sqrt', 'damping', 'dropout', 'temperature', 'init', 'prior', 'entropy', 'oneStepSize',
];

/** A preset's signatures: its fixed fields, then each alternative of what it requires. */
function signaturesOf(name: AlgorithmName): Signature[] {
  const preset = PRESETS[name];
  if (!preset.requires && !Object.keys(preset.fixed).length) return [];
  const alternatives: readonly Requirements[] = preset.requires === undefined ? [{}] : Array.isArray(preset.requires) ? preset.requires : [preset.requires as Requirements];
  // Fields a preset may default but identify does not compare (sizes and step lengths of the run).
  const { samples: _samples, components: _components, alpha: _alpha, ...fixed } = preset.fixed;
  return alternatives.map((requires) => {
    const fields = { ...fixed, ...requires };
    const entries = Object.entries(fields) as [SignatureField, Value][];
    entries.sort(([a], [b]) => FIELD_ORDER.indexOf(a) - FIELD_ORDER.indexOf(b));
    const conditions = entries.map(([field, want]) => ({
      field,
      test: testOf(field, want),
      needs: preset.wording?.[field] ?? defaultNeeds(field, want),
      family: field === 'family' || (field === 'init' && fields.family === 'gaussian-fixed'),
    }));
    return { name, conditions };
  });
}

/**
 * The order identify tries the named algorithms in: a spec that meets two signatures is the
 * earlier (on a conjugate model Newton's step with ρ = 1 is conjugate Bayes), and of two equally
 * close variants the earlier is named. The rule itself (blr) is not here: it names what no row
 * does. Laplace shares Newton's signature and is named only when a spec asks for it.
 */
const IDENTIFY_ORDER = [
  'conjugate', 'em', 'vmp', 'ncvmp', 'svi', 'gd', 'sgd', 'dropout', 'newton', 'laplace', 'rmsprop', 'adam',
  'ogn', 'vogn', 'ivon', 'von', 'mog', 'ncvi', 'ste', 'bayesbinn',
] as const satisfies readonly Exclude<AlgorithmName, 'blr'>[];
const SIGNATURES: Signature[] = IDENTIFY_ORDER.flatMap(signaturesOf);
const EXACT_BLR: Signature[] = signaturesOf('blr');

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
  const met = (sig: Signature) => sig.conditions.every((c) => c.test(spec));
  const named = SIGNATURES.filter((sig) => met(sig) && (!PRESETS[sig.name].sameSpecAs || sig.name === spec.algorithm));
  // The algorithm the spec asks for, when it is that algorithm; else the first that matches.
  const name = (named.find((sig) => sig.name === spec.algorithm) ?? named[0])?.name;
  if (name) return { name, nearest: null, summary: `This combination is ${PRESETS[name].title}.` };
  let best: { name: AlgorithmName; needs: string[] } | null = null;
  let bestScore = -Infinity;
  for (const { name, conditions } of SIGNATURES) {
    if (PRESETS[name].sameSpecAs) continue;
    const needs = conditions.filter((c) => !c.test(spec)).map((c) => c.needs);
    // Nearest: a named algorithm of the same family first (switching families is not "one switch
    // away"), then the largest share of its conditions met, then the fewest unmet.
    const sameFamily = conditions.every((c) => !c.family || c.test(spec));
    const score = (sameFamily ? 10 : 0) + (conditions.length - needs.length) / conditions.length - needs.length * 1e-3;
    if (score > bestScore) {
      best = { name, needs };
      bestScore = score;
    }
  }
  if (EXACT_BLR.some(met)) {
    return {
      name: null,
      nearest: best,
      summary: `This is the Bayesian learning rule itself with a ${spec.family === 'gaussian' ? 'full' : 'diagonal'} Gaussian: variational inference, no approximation beyond the ${spec.expectation === 'exact' ? 'family' : 'Monte Carlo estimate'}.`,
    };
  }
  const near = best && best.needs.length <= 3 ? ` Closest: ${PRESETS[best.name].title}, which would need ${best.needs.join(', ')}.` : '';
  return { name: null, nearest: best, summary: `A variant that no row of Table 1 names.${near}` };
}
