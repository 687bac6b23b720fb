/**
 * The approximation ladder (Khan & Rue 2023, §4 and Table 1), the pure half: which
 * approximations a set of switches turns on, the RunSpec they make of the exact BLR, the update
 * equations they produce (TeX, composed from parts) and the name of the algorithm they equal.
 * LadderPanel.tsx draws the switches and typesets the equations; nothing here touches the DOM.
 */
import { identifyAlgorithm, type Identification } from '../engine/identify';
import type { AlgorithmName } from '../engine/presets';
import { lossSchema, safeParseRunSpec, type LossSpec, type RunSpec, type RunSpecInput } from '../engine/spec';
import { LADDER_TOKENS, type FigureSettings, type LadderToken } from './settings';

/** The data every ladder run uses: f(x) = w₂ tanh(w₁x), 24 seeded points, prior (δ/2)‖w‖². */
export const LADDER_LOSS = { kind: 'tanh-regression' } as const satisfies RunSpecInput['loss'];
const LADDER_LOSS_SPEC = lossSchema.parse(LADDER_LOSS) as Extract<LossSpec, { kind: 'tanh-regression' }>;
/** The loss's defaults, for the constants line, as the engine's loss schema sets them. */
export const LADDER_DATA = {
  n: LADDER_LOSS_SPEC.data.n,
  noiseVariance: LADDER_LOSS_SPEC.noiseVariance,
  priorPrecision: LADDER_LOSS_SPEC.priorPrecision,
};

/** β₁ of the momentum rung (Adam's default). */
export const LADDER_MOMENTUM = 0.9;
/** Drop-out rate p of the dropout switch. */
export const LADDER_DROPOUT = 0.5;
/** c (PyTorch's ε) of the damping switch, as RMSprop/Adam have it (ladderConstants writes 10⁻⁸). */
export const LADDER_EPSILON = 1e-8;

export type LadderFamily = 'gaussian' | 'gaussian-diag' | 'gaussian-fixed';
export type LadderHessian = 'sampled' | 'gauss-newton' | 'fisher' | 'squared-gradient';

/** The family switch's tokens (at most one is on) and the Hessian radio's tokens (likewise). */
export const FAMILY_TOKENS = ['diag', 'fixed'] as const satisfies readonly LadderToken[];
export const HESSIAN_TOKENS = ['ggn', 'fisher', 'sq'] as const satisfies readonly LadderToken[];
/** RMSprop's four items, one switch each (the fixed family has none of them). */
export const SCALE_TOKENS = ['root', 'zero', 'damp', 'alpha'] as const satisfies readonly LadderToken[];
const HESSIAN_OF: Record<(typeof HESSIAN_TOKENS)[number], LadderHessian> = { ggn: 'gauss-newton', fisher: 'fisher', sq: 'squared-gradient' };

/** What a set of switches means, resolved: the options the spec and the equations are built from. */
export interface LadderOptions {
  family: LadderFamily;
  dropout: boolean;
  /** Delta method (the gradient at the mean) instead of Monte Carlo samples of q. */
  delta: boolean;
  /** Minibatch gradients with the N/M scaling. */
  batch: boolean;
  hessian: LadderHessian;
  /** Precondition the mean step by √S instead of S (RMSprop's square root). */
  sqrt: boolean;
  /** Start from S₀ = 0 (RMSprop's v₀ = 0) instead of S₀ = I. */
  zeroStart: boolean;
  /** Add c·I to the preconditioner (RMSprop's ε). */
  damping: boolean;
  /** A separate step size α for the mean instead of ρ. */
  alpha: boolean;
  /** β₁ momentum with bias correction (of the scale too when it starts from S₀ = 0: Adam). */
  momentum: boolean;
  /**
   * The improved update of Lin, Schmidt & Khan (2020): on exactly while the Hessian itself is
   * used, whose estimate is indefinite on this non-convex loss (the plain update then loses
   * positive definiteness in the first step); the other three approximations are PSD. Off from
   * S₀ = 0, where its S⁻¹ does not exist.
   */
  improved: boolean;
  /** Switches that are on but change nothing here: the fixed family learns no precision. */
  inactive: LadderToken[];
}

/**
 * The switches in ladder order with at most one family token and one Hessian token (the first
 * in LADDER_TOKENS order wins, so a hand-edited link `diag.fixed` means `diag`).
 */
export function normaliseLadder(tokens: readonly LadderToken[]): LadderToken[] {
  const family = FAMILY_TOKENS.find((t) => tokens.includes(t));
  const hessian = HESSIAN_TOKENS.find((t) => tokens.includes(t));
  return LADDER_TOKENS.filter(
    (t) => tokens.includes(t) && (!(FAMILY_TOKENS as readonly string[]).includes(t) || t === family) && (!(HESSIAN_TOKENS as readonly string[]).includes(t) || t === hessian),
  );
}

/** The switches with `token` turned on or off; a family or Hessian token replaces its siblings. */
export function toggleLadder(tokens: readonly LadderToken[], token: LadderToken, on: boolean): LadderToken[] {
  let next = tokens.filter((t) => t !== token);
  if (on) {
    const group = [FAMILY_TOKENS, HESSIAN_TOKENS].find((g) => (g as readonly string[]).includes(token)) as readonly LadderToken[] | undefined;
    if (group) next = next.filter((t) => !group.includes(t));
    next.push(token);
  }
  return normaliseLadder(next);
}

/** The options a set of switches turns on. */
export function ladderOptions(tokens: readonly LadderToken[]): LadderOptions {
  const t = normaliseLadder(tokens);
  const has = (k: LadderToken) => t.includes(k);
  const family: LadderFamily = has('diag') ? 'gaussian-diag' : has('fixed') ? 'gaussian-fixed' : 'gaussian';
  const fixed = family === 'gaussian-fixed';
  const hessianToken = HESSIAN_TOKENS.find((k) => has(k));
  // The fixed family learns no precision: nothing to take the root of, start at 0, damp, or step apart from ρ.
  const inactive = fixed ? t.filter((k) => (HESSIAN_TOKENS as readonly string[]).includes(k) || (SCALE_TOKENS as readonly string[]).includes(k)) : [];
  const hessian: LadderHessian = hessianToken && !fixed ? HESSIAN_OF[hessianToken] : 'sampled';
  return {
    family,
    dropout: has('drop'),
    delta: has('delta'),
    batch: has('batch'),
    hessian,
    sqrt: has('root') && !fixed,
    zeroStart: has('zero') && !fixed,
    damping: has('damp') && !fixed,
    alpha: has('alpha') && !fixed,
    momentum: has('mom'),
    improved: !fixed && hessian === 'sampled' && !(has('zero') && !fixed),
    inactive,
  };
}

/** The settings a ladder run reads. */
export type LadderSettings = Pick<FigureSettings, 'ladder' | 'rho' | 'rhoGd' | 'alpha' | 'batch' | 'samples' | 'seed' | 'steps' | 'start'>;

/**
 * The RunSpec of a set of switches: the exact BLR (full Gaussian, Monte Carlo with
 * `samples` samples, the Hessian itself with the improved update, every example) with each
 * switched-on approximation applied as Table 1 has it. ρ is `rhoGd` for the fixed family
 * (there it is SGD's learning rate, which this loss needs far smaller than the BLR's ρ).
 */
export function ladderSpec(s: LadderSettings): RunSpecInput {
  const o = ladderOptions(s.ladder);
  const fixed = o.family === 'gaussian-fixed';
  const spec: RunSpecInput = {
    loss: LADDER_LOSS,
    algorithm: 'blr',
    family: o.family,
    expectation: o.delta ? 'delta' : 'mc',
    hessian: o.hessian,
    improved: o.improved,
    rho: fixed ? s.rhoGd : s.rho,
    steps: s.steps,
    seed: s.seed,
    init: { mean: [s.start[0], s.start[1]], precision: o.zeroStart ? [[0, 0], [0, 0]] : [[1, 0], [0, 1]] },
  };
  if (!o.delta) spec.samples = s.samples;
  if (o.batch) spec.batchSize = s.batch;
  // The square-root rung is RMSprop/Adam as torch.optim has them: the prior as weight decay.
  if (o.sqrt) Object.assign(spec, { sqrt: true, prior: 'in-gradient' });
  if (o.damping) spec.damping = LADDER_EPSILON;
  if (o.alpha) spec.alpha = s.alpha;
  // Adam's second bias correction undoes the pull of the start S₀ = 0: with that start only.
  if (o.momentum) Object.assign(spec, { momentum: LADDER_MOMENTUM, debias: o.zeroStart ? 'both' : 'momentum' });
  if (o.dropout) spec.dropout = LADDER_DROPOUT;
  return spec;
}

/** The reference run: the same settings with every switch off (the exact BLR). */
export function exactBlrSpec(s: LadderSettings): RunSpecInput {
  return ladderSpec({ ...s, ladder: [] });
}

/** The update a set of switches produces, as three TeX blocks (KaTeX `aligned` bodies). */
export interface LadderEquations {
  /** ĝ and how it is sampled; with momentum, the averaged and bias-corrected û. */
  gradient: string;
  /** The Hessian estimate and the precision (or scale) update; the fixed family's S = I. */
  precision: string;
  /** The mean step. */
  mean: string;
}

/**
 * The BLR step of Khan & Rue (2023, eqs. 12–13; τ = 1) under the options, in chapter 4's
 * notation (primes for the new values, ∘ and / elementwise): the data part Σᵢℓᵢ estimated,
 * the prior (δ/2)‖θ‖² exact (on the square-root rung: inside ĝ as weight decay, RunSpec prior
 * "in-gradient"), as engine/blr.ts `createGeneralStep` computes it. Each block
 * changes exactly when a switch that acts on it changes.
 */
export function ladderEquations(o: LadderOptions): LadderEquations {
  const diag = o.family === 'gaussian-diag';
  const fixed = o.family === 'gaussian-fixed';
  const avg = o.delta ? '' : '\\tfrac{1}{K}\\sum_{k=1}^{K}';
  const sum = o.batch ? '\\tfrac{N}{M}\\sum_{i\\in\\mathcal{B}}' : '\\sum_{i=1}^{N}';
  const at = o.delta ? '\\mathbf{m}' : '\\boldsymbol\\theta_k';
  // Dropout evaluates at z ∘ θ; by the chain rule the derivatives pick up the mask.
  const point = o.dropout ? `\\mathbf{z}\\circ${at}` : at;
  const gMask = o.dropout ? '\\mathbf{z}\\circ ' : '';
  const hMask = o.dropout ? (diag ? '\\mathbf{z}\\circ ' : '(\\mathbf{z}\\mathbf{z}^{\\top})\\circ ') : '';

  // The gradient block.
  const where: string[] = [];
  if (!o.delta) where.push('\\boldsymbol\\theta_k \\sim q');
  if (o.batch) where.push('\\mathcal{B}:\\ M \\text{ of the } N \\text{ examples}');
  if (o.dropout) where.push('z_j \\sim \\operatorname{Bern}(1-p)');
  // The square root (RMSprop/Adam) takes the prior as weight decay, inside the gradient.
  const decay = o.sqrt ? ' + \\delta\\,\\mathbf{m}' : '';
  const gradientRows = [`\\hat{\\mathbf{g}} &= ${gMask}${avg}${sum}\\nabla\\ell_i(${point})${decay}`];
  if (where.length) gradientRows.push(`&\\quad ${where.join(',\\;\\; ')}`);
  if (o.momentum) {
    gradientRows.push("\\mathbf{u}' &= \\beta_1\\,\\mathbf{u} + (1-\\beta_1)\\,\\hat{\\mathbf{g}}");
    gradientRows.push("\\hat{\\mathbf{u}} &= \\mathbf{u}'/(1-\\beta_1^{\\,t})");
  }
  const g = o.momentum ? '\\hat{\\mathbf{u}}' : '\\hat{\\mathbf{g}}';
  const step = o.sqrt ? g : `${g} + \\delta\\,\\mathbf{m}`;

  // The precision block.
  let precisionRows: string[];
  let scale = '';
  if (fixed) {
    precisionRows = ["\\mathbf{S}' &= \\mathbf{S} = \\mathbf{I} \\quad \\text{(fixed covariance: nothing to learn)}"];
  } else {
    const S = diag ? '\\mathbf{s}' : '\\mathbf{S}';
    const H = diag ? '\\hat{\\mathbf{h}}' : '\\hat{\\mathbf{H}}';
    const I = diag ? '' : '\\mathbf{I}';
    let h: string;
    switch (o.hessian) {
      case 'sampled':
        h = diag ? `${hMask}\\operatorname{diag}\\Big(${avg}${sum}\\nabla^2\\ell_i(${point})\\Big)` : `${hMask}${avg}${sum}\\nabla^2\\ell_i(${point})`;
        break;
      case 'gauss-newton':
        h = `${hMask}${avg}${sum}\\tfrac{1}{\\sigma^2}${diag ? '\\nabla f_i\\circ\\nabla f_i' : '\\nabla f_i\\,\\nabla f_i^{\\top}'}\\,\\Big|_{${point}}`;
        break;
      case 'fisher':
        h = `${hMask}${avg}${sum}${diag ? '\\nabla\\ell_i\\circ\\nabla\\ell_i' : '\\nabla\\ell_i\\,\\nabla\\ell_i^{\\top}'}\\,\\Big|_{${point}}`;
        break;
      case 'squared-gradient':
        h = diag ? '\\hat{\\mathbf{g}}\\circ\\hat{\\mathbf{g}}' : '\\hat{\\mathbf{g}}\\,\\hat{\\mathbf{g}}^{\\top}';
        break;
    }
    precisionRows = [`${H} &= ${h}`];
    const start = o.zeroStart ? `,\\quad ${S}_0 = \\mathbf{0}` : '';
    if (o.improved) {
      const quad = diag ? `\\boldsymbol\\Delta\\circ\\boldsymbol\\Delta/${S}` : `\\boldsymbol\\Delta\\,${S}^{-1}\\boldsymbol\\Delta`;
      precisionRows.push(`${S}' &= ${S} + \\rho\\,\\boldsymbol\\Delta + \\tfrac{\\rho^2}{2}\\,${quad}`);
      precisionRows.push(`&\\quad \\boldsymbol\\Delta = ${H} + \\delta${I} - ${S}${start}`);
    } else {
      precisionRows.push(o.sqrt && o.hessian === 'squared-gradient' ? `${S}' &= (1-\\rho)\\,${S} + \\rho\\,${H}${start}` : `${S}' &= (1-\\rho)\\,${S} + \\rho\\,(${H} + \\delta${I})${start}`);
    }
    scale = `${S}'`;
    if (o.zeroStart && o.momentum) {
      precisionRows.push(`\\hat{${S}} &= ${S}'/\\big(1-(1-\\rho)^{t}\\big)`);
      scale = `\\hat{${S}}`;
    }
  }

  // The mean block: step size, preconditioner (S', its root, bias-corrected), damping.
  const lr = o.alpha ? '\\alpha' : '\\rho';
  let mean: string;
  if (fixed) mean = `\\mathbf{m}' &= \\mathbf{m} - \\rho\\,(${step})`;
  else if (diag) {
    const p = o.sqrt ? `\\sqrt{${scale}}` : scale;
    const denom = o.damping ? `\\big(${p} + c\\big)` : p;
    mean = `\\mathbf{m}' &= \\mathbf{m} - ${lr}\\,(${step})/${denom}`;
  } else {
    const p = o.sqrt ? `${scale}^{1/2}` : scale;
    const inverse = o.damping ? `\\big(${p} + c\\,\\mathbf{I}\\big)^{-1}` : `${p}^{-1}`;
    mean = `\\mathbf{m}' &= \\mathbf{m} - ${lr}\\,${inverse}(${step})`;
  }

  const block = (rows: string[]) => `\\begin{aligned}${rows.join(' \\\\ ')}\\end{aligned}`;
  return { gradient: block(gradientRows), precision: block(precisionRows), mean: block([mean]) };
}

/** The constants the equations use, for people ("N = 24 examples, K = 32 samples, …"). */
export function ladderConstants(o: LadderOptions, s: LadderSettings): string {
  const parts = [`N = ${LADDER_DATA.n} examples`];
  if (!o.delta) parts.push(`K = ${s.samples} samples`);
  if (o.batch) parts.push(`M = ${s.batch}`);
  parts.push(`δ = ${LADDER_DATA.priorPrecision}`);
  if (o.hessian === 'gauss-newton') parts.push(`σ² = ${LADDER_DATA.noiseVariance}`);
  const rho = o.family === 'gaussian-fixed' ? s.rhoGd : s.rho;
  parts.push(o.sqrt ? `ρ = 1 − β₂ = ${rho}` : `ρ = ${rho}`);
  if (o.alpha) parts.push(`α = ${s.alpha}`);
  if (o.damping) parts.push('c = 10⁻⁸');
  if (o.momentum) parts.push(`β₁ = ${LADDER_MOMENTUM}`);
  if (o.dropout) parts.push(`p = ${LADDER_DROPOUT}`);
  const notes = [];
  if (o.momentum) notes.push('t counts the steps.');
  if (o.family === 'gaussian-diag') notes.push('Products (∘), squares and divisions of vectors are elementwise.');
  return [`${parts.join(', ')}.`, ...notes].join(' ');
}

/** What the ladder says about the current switches: the spec's verdict and the algorithm's name. */
export type LadderVerdict =
  | { ok: true; spec: RunSpec; identification: Identification; summary: string }
  | { ok: false; summary: string; issues: string[] };

/** Why the schema rejects a combination, in the ladder's own terms (the schema's words follow). */
function ladderHint(o: LadderOptions): string | null {
  if (o.zeroStart && o.family === 'gaussian') {
    return 'the start S₀ = 0 (RMSprop’s v₀ = 0) is allowed for a diagonal scale only; switch on the diagonal covariance';
  }
  if (o.zeroStart && !o.damping) return 'the start S₀ = 0 needs the damping c (RMSprop’s ε), which keeps the mean step finite where s is still 0; switch on the damping c';
  if (o.zeroStart && !o.delta) return 'the start S₀ = 0 is an improper q that cannot be sampled; switch on the delta method';
  return null;
}

/** Validates the ladder's spec and names it (identifyAlgorithm), or says why it cannot run. */
export function ladderVerdict(s: LadderSettings): LadderVerdict {
  const r = safeParseRunSpec(ladderSpec(s));
  if (!r.ok) {
    const issues = r.error.issues.map((i) => `${i.path}: ${i.message}`);
    const hint = ladderHint(ladderOptions(s.ladder));
    return { ok: false, issues, summary: `This combination cannot run: ${hint ?? r.error.issues[0].message}.` };
  }
  const identification = identifyAlgorithm(r.spec);
  return { ok: true, spec: r.spec, identification, summary: identification.summary };
}

/** The algorithms the ladder can start from: presets of engine/presets.ts. */
export type LadderPreset = Extract<AlgorithmName, 'sgd' | 'rmsprop' | 'adam' | 'ogn' | 'vogn' | 'dropout'>;

/**
 * The switches each algorithm starts from; no preset: none (the exact BLR). These are the
 * ladder's only restatement of Table 1, and tests/widgets/ladder-presets.test.ts checks it
 * against the presets: identify names each set of switches as its algorithm.
 */
export const LADDER_PRESETS: Record<LadderPreset | 'blr', LadderToken[]> = {
  blr: [],
  sgd: ['fixed', 'delta', 'batch'],
  rmsprop: ['diag', 'delta', 'batch', 'sq', 'root', 'zero', 'damp', 'alpha'],
  adam: ['diag', 'delta', 'batch', 'sq', 'root', 'zero', 'damp', 'alpha', 'mom'],
  ogn: ['diag', 'delta', 'batch', 'fisher'],
  vogn: ['diag', 'batch', 'fisher'],
  dropout: ['fixed', 'delta', 'batch', 'drop'],
};
