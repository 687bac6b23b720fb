/**
 * A run: the BLR step applied `spec.steps` times, recording one frame per iterate.
 * Frames live in one Float64Array (FRAME_STRIDE numbers each) so the worker can transfer
 * them without copying object graphs, and the inner loop allocates nothing.
 */
import { createBlrStep, createGeneralStep, plainExtras, type ExtrasState, type FamilyName, type GaussianState, type StepExtras } from './blr';
import { asOneExample, createDataEstimator, createDeltaEstimator, createExactEstimator, type Estimator } from './estimators';
import { BernoulliKernel } from './families/bernoulli';
import { BETA, BetaKernel } from './families/beta';
import { MixtureKernel } from './families/mixture';
import { B, BERNOULLI_STRIDE, COMPONENT_STRIDE, ENTROPY_CONST, FRAME_STRIDE, RUNAWAY, fmt, type Failure, type Kernel } from './kernel';
import { prepareLoss } from './losses/index';
import type { Loss } from './losses/loss';
import { det2, inv2, isPosDef2 } from './linalg2';
import { createRng, type Rng } from './rng';
import type { RunSpec } from './spec';

export { F, FRAME_STRIDE, COMPONENT_STRIDE, C, B, BERNOULLI_STRIDE, strideFor } from './kernel';

/**
 * "ok": every step taken; "diverged": a step failed (see Divergence); "not-converged": every step
 * was taken but a run that claims a fixed point (the Laplace approximation) did not reach one,
 * e.g. Newton's iterates fell into a 2-cycle; its frames are all valid, `message` says why.
 */
export type RunStatus = 'running' | 'ok' | 'diverged' | 'not-converged';

/** The last Newton step must be below this, relative to 1 + ‖m‖, for a fixed point. */
export const CONVERGED_STEP = 1e-6;

export interface Divergence {
  /** The step whose update failed (frames 0..step−1 are sane). */
  step: number;
  reason: string;
  remedy: string;
}

/** One mixture component in a frame. */
export interface ComponentFrame {
  weight: number;
  mean: [number, number];
  precision: [[number, number], [number, number]];
  cov: [[number, number], [number, number]];
}

/** One frame as plain JSON, the CLI's and the tests' view of the Float64Array slot. */
export interface Frame {
  step: number;
  /** The mean of q (for a mixture, of the whole mixture; for Bernoulli, E[θ] = tanh λ). */
  mean: [number, number];
  precision: [[number, number], [number, number]];
  cov: [[number, number], [number, number]];
  loss: number;
  objective: number;
  /** Family "mixture": every component. */
  components?: ComponentFrame[];
  /** Family "bernoulli": natural parameters λ = ½ logit p and p = P(θⱼ = +1). */
  bernoulli?: { lambda: [number, number]; p: [number, number] };
  /** Family "beta": q = Beta(α, β) and the flips seen so far. */
  beta?: { alpha: number; beta: number; heads: number; tails: number };
}

const finite6 = (e: Float64Array) =>
  Number.isFinite(e[0]) && Number.isFinite(e[1]) && Number.isFinite(e[2]) && Number.isFinite(e[3]) && Number.isFinite(e[4]) && Number.isFinite(e[5]);

/**
 * The estimator a spec asks for: closed forms ("exact"), the loss at the mean (plain delta), or
 * the per-example estimator (createDataEstimator) for everything else — minibatches, Monte
 * Carlo, and the Hessian approximations — with a loss that is not a data sum as one example.
 */
export function createEstimator(spec: RunSpec, loss: Loss): Estimator {
  if (spec.expectation === 'exact') return createExactEstimator(loss);
  if (!loss.data && spec.expectation === 'delta' && spec.hessian === 'sampled') return createDeltaEstimator(loss);
  return createDataEstimator(loss.data ?? asOneExample(loss), {
    expectation: spec.expectation,
    hessian: spec.hessian,
    samples: spec.samples,
    batchSize: spec.batchSize,
    online: spec.online,
    rng: createRng(spec.seed),
    batchRng: createRng(batchSeed(spec.seed)),
  });
}

/** Seeds of the engine's separate random streams, derived from the spec's seed. */
export const batchSeed = (seed: number) => (seed ^ 0x5bd1e995) >>> 0;
export const maskSeed = (seed: number) => (seed ^ 0x27d4eb2f) >>> 0;

/**
 * A loss evaluated at m ∘ z for a dropout mask z (Srivastava et al. 2014): by the chain rule its
 * gradient is z ∘ ∇ℓ̄(m ∘ z) and its Hessian diag(z) ∇²ℓ̄ diag(z). The kernel sets the mask.
 */
export function maskedLoss(inner: Loss): Loss & { mask: [number, number] } {
  const mask: [number, number] = [1, 1];
  const scaleOut = (out: Float64Array) => {
    const [z1, z2] = mask;
    out[1] *= z1;
    out[2] *= z2;
    out[3] *= z1 * z1;
    out[4] *= z1 * z2;
    out[5] *= z2 * z2;
  };
  const data = inner.data;
  return {
    ...inner,
    mask,
    value: (x, y) => inner.value(x, y),
    evaluate(x, y, out) {
      inner.evaluate(mask[0] * x, mask[1] * y, out);
      scaleOut(out);
    },
    expect: undefined,
    data: data && {
      n: data.n,
      priorPrecision: data.priorPrecision,
      example(i, x, y, out) {
        data.example(i, mask[0] * x, mask[1] * y, out);
        scaleOut(out);
      },
      ...(data.gaussNewton && {
        gaussNewton(i: number, x: number, y: number, out: Float64Array) {
          data.gaussNewton!(i, mask[0] * x, mask[1] * y, out);
          out[0] *= mask[0] * mask[0];
          out[1] *= mask[0] * mask[1];
          out[2] *= mask[1] * mask[1];
        },
      }),
      ...(data.completeData && {
        completeData(i: number, x: number, y: number, out: Float64Array) {
          data.completeData!(i, mask[0] * x, mask[1] * y, out);
          out[0] *= mask[0] * mask[0];
          out[1] *= mask[0] * mask[1];
          out[2] *= mask[1] * mask[1];
        },
      }),
    },
  };
}

/**
 * The Gaussian families (full, diagonal, fixed covariance) with every option of the one step:
 * data-part estimates with the prior exact, momentum, bias correction, square root, damping.
 */
class GaussianKernel implements Kernel {
  readonly stride = FRAME_STRIDE;
  private readonly q: GaussianState;
  private readonly e = new Float64Array(6);
  private readonly estimate: Estimator;
  private readonly plain: ((q: GaussianState, e: Float64Array) => void) | null;
  private readonly general: (q: GaussianState, e: Float64Array, st: ExtrasState) => void;
  private readonly st: ExtrasState = { t: 0, ux: 0, uy: 0 };
  /** δ of the prior the step adds exactly (data losses off the closed-form path), else 0. */
  private readonly prior: number;
  private readonly deltaLoss: boolean;
  private readonly masked: (Loss & { mask: [number, number] }) | null;
  private readonly maskRng: Rng | null;
  /** S may be singular (RMSprop/Adam's v₀ = 0); frames then record S + cI, the preconditioner. */
  private readonly singularOk: boolean;
  /**
   * EM (delta method with the expected complete-data Hessian): θ is a point estimate, so q has
   * no entropy; the frame's objective is ℓ̄(m) = −log p(D, θ = m), the quantity EM decreases,
   * and its precision is the M-step's curvature, not a posterior's.
   */
  private readonly pointEstimate: boolean;

  constructor(
    private readonly spec: RunSpec,
    private readonly loss: Loss,
  ) {
    this.masked = spec.dropout > 0 ? maskedLoss(loss) : null;
    this.maskRng = spec.dropout > 0 ? createRng(maskSeed(spec.seed)) : null;
    const evalLoss = this.masked ?? loss;
    this.estimate = createEstimator(spec, evalLoss);
    this.prior = loss.data && spec.expectation !== 'exact' ? loss.data.priorPrecision : 0;
    const family = spec.family as FamilyName;
    const cfg = { family, rho: spec.rho, temperature: spec.temperature, improved: spec.improved };
    const extras: StepExtras = {
      alpha: spec.alpha,
      momentum: spec.momentum,
      debias: spec.debias,
      sqrt: spec.sqrt,
      damping: spec.damping,
      prior: this.prior,
      priorInGradient: spec.prior === 'in-gradient',
      squared: spec.hessian === 'squared-gradient',
      coordinate: spec.coordinate,
    };
    this.plain = plainExtras(extras) ? createBlrStep(cfg) : null;
    this.general = createGeneralStep(cfg, extras);
    this.deltaLoss = spec.expectation === 'delta' && !this.masked && this.prior === 0;
    // RMSprop/Adam start from v₀ = 0 (the spec allows it with damping ≥ 1e-12 only): S may stay
    // singular, and the frame records the preconditioner S + cI as q's precision instead.
    this.singularOk = spec.init.precision[0][0] === 0 && spec.init.precision[1][1] === 0;
    this.pointEstimate = spec.hessian === 'complete-data' && spec.expectation === 'delta';
    const [[sa, sb], [, sc]] = spec.init.precision;
    const cov = new Float64Array(3);
    if (sb === 0) {
      cov[0] = 1 / sa;
      cov[1] = 0;
      cov[2] = 1 / sc;
    } else inv2(sa, sb, sc, cov);
    this.q = { mx: spec.init.mean[0], my: spec.init.mean[1], sa, sb, sc, ca: cov[0], cb: cov[1], cc: cov[2] };
  }

  step(step: number): Failure | null {
    if (this.plain) this.plain(this.q, this.e);
    else this.general(this.q, this.e, this.st);
    return this.sane(step);
  }

  record(f: Float64Array, o: number, step: number): Failure | null {
    const q = this.q;
    const e = this.e;
    if (this.masked && this.maskRng) {
      const keep = 1 - this.spec.dropout;
      this.masked.mask[0] = this.maskRng.uniform() < keep ? 1 : 0;
      this.masked.mask[1] = this.maskRng.uniform() < keep ? 1 : 0;
    }
    this.estimate(q.mx, q.my, q.sa, q.sb, q.sc, q.ca, q.cb, q.cc, e);
    const lossAtMean = this.deltaLoss ? e[0] : this.loss.value(q.mx, q.my);
    if (!finite6(e) || !Number.isFinite(lossAtMean)) {
      return {
        reason: `the loss or its derivatives are not finite near the mean (${fmt(q.mx)}, ${fmt(q.my)}) at step ${step}`,
        remedy:
          step === 0
            ? 'start from a point where the loss is defined and finite'
            : 'use a smaller rho, or start closer to a minimum; for a custom formula, check it is defined there',
      };
    }
    const c = this.singularOk ? this.spec.damping : 0;
    const sa = q.sa + c;
    const sc = q.sc + c;
    const detS = det2(sa, q.sb, sc);
    const entropy = ENTROPY_CONST - 0.5 * Math.log(detS);
    let objective: number;
    if (Number.isFinite(entropy)) {
      // E_q[ℓ̄] − τH(q), with the exact prior term E_q[(δ/2)‖θ‖²] = (δ/2)(‖m‖² + tr Σ) when the
      // estimates leave it out.
      const prior = this.prior === 0 ? 0 : 0.5 * this.prior * (q.mx * q.mx + q.my * q.my + (this.spec.expectation === 'delta' ? 0 : q.ca + q.cc));
      objective = this.pointEstimate ? lossAtMean : e[0] + prior - this.spec.temperature * entropy;
    } else {
      // det S over- or underflowed: q is numerically a point or unbounded.
      return {
        reason: `the precision ${step === 0 ? 'at the start' : `at step ${step}`} is too extreme to represent (det S = ${fmt(detS)})`,
        remedy: 'start from a moderate precision, use a smaller rho, or a larger temperature',
      };
    }
    f[o] = step;
    f[o + 1] = q.mx;
    f[o + 2] = q.my;
    f[o + 3] = sa;
    f[o + 4] = q.sb;
    f[o + 5] = sc;
    f[o + 6] = c === 0 ? q.ca : 1 / sa;
    f[o + 7] = c === 0 ? q.cb : 0;
    f[o + 8] = c === 0 ? q.cc : 1 / sc;
    f[o + 9] = lossAtMean;
    f[o + 10] = objective;
    return null;
  }

  /** Checks the state after a step. */
  private sane(step: number): Failure | null {
    const q = this.q;
    const det = det2(q.sa, q.sb, q.sc);
    if (!Number.isFinite(q.sa + q.sb + q.sc + det)) {
      return { reason: `the precision overflowed at step ${step} (det S = ${fmt(det)})`, remedy: 'start from a moderate precision, use a smaller rho, or a larger temperature' };
    }
    const psd = this.singularOk && q.sb === 0 && q.sa >= 0 && q.sc >= 0;
    if (!psd && !isPosDef2(q.sa, q.sb, q.sc)) {
      return {
        reason: `the precision stopped being positive definite at step ${step}: the expected Hessian is not positive definite where q is`,
        remedy: this.spec.improved
          ? 'use a smaller rho or more samples'
          : 'set improved: true (the update of Lin et al. 2020 keeps it positive definite), use a smaller rho, or more samples',
      };
    }
    if (!Number.isFinite(q.mx + q.my) || Math.abs(q.mx) > RUNAWAY || Math.abs(q.my) > RUNAWAY) {
      return { reason: `the mean ran away at step ${step}`, remedy: this.spec.alpha !== undefined ? 'use a smaller alpha or rho' : 'use a smaller rho' };
    }
    if (!psd && (!(q.ca > 0 && q.cc > 0) || !Number.isFinite(q.ca + q.cb + q.cc))) {
      return { reason: `the covariance Σ = S⁻¹ is no longer representable at step ${step}`, remedy: 'use a smaller rho or a larger temperature' };
    }
    return null;
  }
}

/** The kernel for a spec's family. */
export function createKernel(spec: RunSpec, loss: Loss): Kernel {
  if (spec.family === 'mixture') return new MixtureKernel(spec, loss);
  if (spec.family === 'bernoulli') return new BernoulliKernel(spec, loss);
  if (spec.family === 'beta') return new BetaKernel(spec);
  return new GaussianKernel(spec, loss);
}

/**
 * A resumable run of the BLR. `advance(n)` performs up to n steps; frames accumulate in
 * `frames[0 .. count·stride)`. Frame 0 is q at the start, frame k is q after k steps.
 */
export class BlrRun {
  readonly spec: RunSpec;
  readonly loss: Loss;
  readonly frames: Float64Array;
  /** Numbers per frame (FRAME_STRIDE for the Gaussian families; see strideFor). */
  readonly stride: number;
  count = 0;
  status: RunStatus = 'running';
  divergence: Divergence | null = null;
  private readonly kernel: Kernel;

  constructor(spec: RunSpec, loss: Loss) {
    this.spec = spec;
    this.loss = loss;
    this.kernel = createKernel(spec, loss);
    this.stride = this.kernel.stride;
    this.frames = new Float64Array((spec.steps + 1) * this.stride);
    this.record();
    if (this.status === 'running' && spec.steps === 0) this.status = 'ok';
  }

  /** True once the run has finished or diverged. */
  get done(): boolean {
    return this.status !== 'running';
  }

  /** Performs up to `maxSteps` steps; returns the number of frames added. */
  advance(maxSteps = Infinity): number {
    const before = this.count;
    const last = this.spec.steps + 1;
    for (let n = 0; n < maxSteps && this.status === 'running'; n++) {
      const failure = this.kernel.step(this.count);
      if (failure) {
        this.fail(this.count, failure);
        break;
      }
      this.record();
      if (this.status === 'running' && this.count === last) this.finish();
    }
    return this.count - before;
  }

  /** The last step is taken: "ok", or "not-converged" for a fixed-point method that did not settle. */
  private finish(): void {
    this.status = 'ok';
    if (this.spec.algorithm !== 'laplace' || this.count < 2) return;
    const f = this.frames;
    const s = this.stride;
    const at = (k: number): [number, number] => [f[k * s + 1], f[k * s + 2]];
    const last = this.count - 1;
    const m = at(last);
    const prev = at(last - 1);
    const stepSize = Math.hypot(m[0] - prev[0], m[1] - prev[1]);
    const tol = CONVERGED_STEP * (1 + Math.hypot(m[0], m[1]));
    if (stepSize <= tol) return;
    const n = this.spec.steps;
    let what: string;
    if (last >= 2) {
      const back2 = at(last - 2);
      const cycle = Math.hypot(m[0] - back2[0], m[1] - back2[1]);
      what =
        cycle <= 1e-3 * stepSize
          ? `Newton's iterates alternate between (${fmt(prev[0])}, ${fmt(prev[1])}) and (${fmt(m[0])}, ${fmt(m[1])}) (a 2-cycle), so there is no mode to centre q on`
          : `after ${n} Newton steps the mean still moves by ${fmt(stepSize)} per step, so it has not reached the mode`;
    } else what = `after ${n} Newton step${n === 1 ? '' : 's'} the mean still moves by ${fmt(stepSize)}, so it has not reached the mode`;
    this.status = 'not-converged';
    this.notConverged = {
      reason: what,
      remedy:
        'damp the Newton steps (algorithm "blr" with family "gaussian", expectation "delta" and rho < 1, say 0.5, has the same fixed point), start closer to the mode, or take more steps',
    };
  }

  /** Why a "not-converged" run did not settle. */
  notConverged: Failure | null = null;

  private record(): void {
    const step = this.count;
    const o = step * this.stride;
    let failure = this.kernel.record(this.frames, o, step);
    if (!failure) {
      // A last net under every family: a frame is finite or it is not recorded.
      for (let i = o; i < o + this.stride; i++) {
        if (!Number.isFinite(this.frames[i])) {
          failure = {
            reason: `q ${step === 0 ? 'at the start' : `at step ${step}`} is too extreme to represent (a covariance or objective overflowed)`,
            remedy: 'start from a moderate precision, use a smaller rho, or a larger temperature',
          };
          this.frames.fill(0, o, o + this.stride);
          break;
        }
      }
    }
    if (failure) this.fail(step, failure);
    else this.count = step + 1;
  }

  private fail(step: number, failure: Failure): void {
    this.status = 'diverged';
    this.divergence = { step, ...failure };
  }

  /** "Diverged: reason. Try: remedy." (or "Not converged: …") for people. */
  get message(): string | undefined {
    const d = this.divergence;
    if (d) return `Diverged: ${d.reason}. Try: ${d.remedy}.`;
    const c = this.notConverged;
    return c ? `Not converged: ${c.reason}. Try: ${c.remedy}.` : undefined;
  }
}

/**
 * Frame i of a frame buffer as plain JSON. `stride` says the family: FRAME_STRIDE (Gaussian),
 * BERNOULLI_STRIDE, or FRAME_STRIDE + COMPONENT_STRIDE·K for a mixture of K.
 */
export function frameAt(frames: Float64Array, i: number, stride: number = FRAME_STRIDE, family?: string): Frame {
  const o = i * stride;
  const frame: Frame = {
    step: frames[o],
    mean: [frames[o + 1], frames[o + 2]],
    precision: [[frames[o + 3], frames[o + 4]], [frames[o + 4], frames[o + 5]]],
    cov: [[frames[o + 6], frames[o + 7]], [frames[o + 7], frames[o + 8]]],
    loss: frames[o + 9],
    objective: frames[o + 10],
  };
  if (family === 'beta') {
    frame.beta = { alpha: frames[o + BETA.alpha], beta: frames[o + BETA.beta], heads: frames[o + BETA.heads], tails: frames[o + BETA.tails] };
  } else if (family === 'bernoulli' || (family === undefined && stride === BERNOULLI_STRIDE)) {
    frame.bernoulli = { lambda: [frames[o + B.lx], frames[o + B.ly]], p: [frames[o + B.px], frames[o + B.py]] };
  } else if (stride > FRAME_STRIDE) {
    const k = (stride - FRAME_STRIDE) / COMPONENT_STRIDE;
    frame.components = Array.from({ length: k }, (_, j) => {
      const c = o + FRAME_STRIDE + j * COMPONENT_STRIDE;
      return {
        weight: frames[c],
        mean: [frames[c + 1], frames[c + 2]] as [number, number],
        precision: [[frames[c + 3], frames[c + 4]], [frames[c + 4], frames[c + 5]]] as [[number, number], [number, number]],
        cov: [[frames[c + 6], frames[c + 7]], [frames[c + 7], frames[c + 8]]] as [[number, number], [number, number]],
      };
    });
  }
  return frame;
}

/** The outcome of a whole run, as the CLI prints it. */
export interface RunResult {
  status: 'ok' | 'diverged' | 'not-converged';
  spec: RunSpec;
  frames: Frame[];
  /** The last sane frame; null only when the start itself is not finite. */
  final: Frame | null;
  message?: string;
  divergence?: Divergence;
}

/** Runs a validated spec with a ready loss to the end. */
export function runWithLoss(spec: RunSpec, loss: Loss): RunResult {
  const r = new BlrRun(spec, loss);
  r.advance();
  const frames = Array.from({ length: r.count }, (_, i) => frameAt(r.frames, i, r.stride, spec.family));
  const result: RunResult = { status: r.status === 'running' ? 'ok' : r.status, spec, frames, final: frames.at(-1) ?? null };
  if (r.notConverged) result.message = r.message;
  if (r.divergence) {
    result.message = r.message;
    result.divergence = r.divergence;
  }
  return result;
}

/** run(spec): loads the loss (mathjs only for formulas) and returns every frame. */
export async function run(spec: RunSpec): Promise<RunResult> {
  return runWithLoss(spec, await prepareLoss(spec.loss));
}
