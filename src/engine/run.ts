/**
 * A run: the BLR step applied `spec.steps` times, recording one frame per iterate.
 * Frames live in one Float64Array (FRAME_STRIDE numbers each) so the worker can transfer
 * them without copying object graphs, and the inner loop allocates nothing.
 */
import { createBlrStep, type GaussianState } from './blr';
import { createDeltaEstimator, createExactEstimator, createMonteCarloEstimator, type Estimator } from './estimators';
import { prepareLoss } from './losses/index';
import type { Loss } from './losses/loss';
import { det2, inv2, isPosDef2 } from './linalg2';
import { createRng } from './rng';
import type { RunSpec } from './spec';

/** Offsets of a frame's fields inside its FRAME_STRIDE-long slot. */
export const F = {
  step: 0, mx: 1, my: 2, sa: 3, sb: 4, sc: 5, ca: 6, cb: 7, cc: 8, loss: 9, objective: 10,
} as const;
export const FRAME_STRIDE = 11;

/** 1 + log 2π: the constant of a 2-D Gaussian's entropy, H(q) = (1 + log 2π) + ½ log det Σ. */
const ENTROPY_CONST = 1 + Math.log(2 * Math.PI);
/** A mean farther out than this has run away; stop before the numbers overflow. */
const RUNAWAY = 1e6;

export type RunStatus = 'running' | 'ok' | 'diverged';

export interface Divergence {
  /** The step whose update failed (frames 0..step−1 are sane). */
  step: number;
  reason: string;
  remedy: string;
}

/** One frame as plain JSON, the CLI's and the tests' view of the Float64Array slot. */
export interface Frame {
  step: number;
  mean: [number, number];
  precision: [[number, number], [number, number]];
  cov: [[number, number], [number, number]];
  loss: number;
  objective: number;
}

const finite6 = (e: Float64Array) =>
  Number.isFinite(e[0]) && Number.isFinite(e[1]) && Number.isFinite(e[2]) && Number.isFinite(e[3]) && Number.isFinite(e[4]) && Number.isFinite(e[5]);

/** The estimator a spec asks for (delta, Monte Carlo or exact). */
export function createEstimator(spec: RunSpec, loss: Loss): Estimator {
  switch (spec.expectation) {
    case 'delta':
      return createDeltaEstimator(loss);
    case 'exact':
      return createExactEstimator(loss);
    case 'mc':
      return createMonteCarloEstimator(loss, createRng(spec.seed), spec.samples, spec.hessian);
  }
}

/**
 * A resumable run of the BLR. `advance(n)` performs up to n steps; frames accumulate in
 * `frames[0 .. count·FRAME_STRIDE)`. Frame 0 is q at the start, frame k is q after k steps.
 */
export class BlrRun {
  readonly spec: RunSpec;
  readonly loss: Loss;
  readonly frames: Float64Array;
  count = 0;
  status: RunStatus = 'running';
  divergence: Divergence | null = null;
  private readonly q: GaussianState;
  private readonly estimate: Estimator;
  private readonly step: (q: GaussianState, e: Float64Array) => void;
  private readonly delta: boolean;
  private readonly tau: number;
  private readonly e = new Float64Array(6);

  constructor(spec: RunSpec, loss: Loss) {
    this.spec = spec;
    this.loss = loss;
    this.estimate = createEstimator(spec, loss);
    this.step = createBlrStep(spec);
    this.delta = spec.expectation === 'delta';
    this.tau = spec.temperature;
    const [[sa, sb], [, sc]] = spec.init.precision;
    const cov = new Float64Array(3);
    inv2(sa, sb, sc, cov);
    this.q = { mx: spec.init.mean[0], my: spec.init.mean[1], sa, sb, sc, ca: cov[0], cb: cov[1], cc: cov[2] };
    this.frames = new Float64Array((spec.steps + 1) * FRAME_STRIDE);
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
    const q = this.q;
    for (let n = 0; n < maxSteps && this.status === 'running'; n++) {
      // this.e holds the expectations at the current q, computed when its frame was recorded.
      this.step(q, this.e);
      if (!this.sane()) return this.count - before;
      this.record();
      if (this.status === 'running' && this.count === last) this.status = 'ok';
    }
    return this.count - before;
  }

  /** Evaluates the expectations at q and appends its frame; ends the run if they are not finite. */
  private record(): void {
    const q = this.q;
    const e = this.e;
    const step = this.count;
    this.estimate(q.mx, q.my, q.sa, q.sb, q.sc, q.ca, q.cb, q.cc, e);
    const lossAtMean = this.delta ? e[0] : this.loss.value(q.mx, q.my);
    if (!finite6(e) || !Number.isFinite(lossAtMean)) {
      this.fail(
        step,
        `the loss or its derivatives are not finite near the mean (${fmt(q.mx)}, ${fmt(q.my)}) at step ${step}`,
        step === 0
          ? 'start from a point where the loss is defined and finite'
          : 'use a smaller rho, or start closer to a minimum; for a custom formula, check it is defined there',
      );
      return;
    }
    const detS = det2(q.sa, q.sb, q.sc);
    const logDetS = Math.log(detS);
    const entropy = ENTROPY_CONST - 0.5 * logDetS;
    if (!Number.isFinite(entropy)) {
      // det S over- or underflowed: q is numerically a point or unbounded.
      this.fail(
        step,
        `the precision ${step === 0 ? 'at the start' : `at step ${step}`} is too extreme to represent (det S = ${fmt(detS)})`,
        'start from a moderate precision, use a smaller rho, or a larger temperature',
      );
      return;
    }
    const o = step * FRAME_STRIDE;
    const f = this.frames;
    f[o] = step;
    f[o + 1] = q.mx;
    f[o + 2] = q.my;
    f[o + 3] = q.sa;
    f[o + 4] = q.sb;
    f[o + 5] = q.sc;
    f[o + 6] = q.ca;
    f[o + 7] = q.cb;
    f[o + 8] = q.cc;
    f[o + 9] = lossAtMean;
    f[o + 10] = e[0] - this.tau * entropy;
    this.count = step + 1;
  }

  /** Checks the state after a step; on failure ends the run with a reason and a remedy. */
  private sane(): boolean {
    const q = this.q;
    const step = this.count;
    const det = det2(q.sa, q.sb, q.sc);
    if (!Number.isFinite(q.sa + q.sb + q.sc + det)) {
      this.fail(step, `the precision overflowed at step ${step} (det S = ${fmt(det)})`, 'start from a moderate precision, use a smaller rho, or a larger temperature');
      return false;
    }
    if (!isPosDef2(q.sa, q.sb, q.sc)) {
      this.fail(
        step,
        `the precision stopped being positive definite at step ${step}: the expected Hessian is not positive definite where q is`,
        this.spec.improved
          ? 'use a smaller rho or more samples'
          : 'set improved: true (the update of Lin et al. 2020 keeps it positive definite), use a smaller rho, or more samples',
      );
      return false;
    }
    if (!Number.isFinite(q.mx + q.my) || Math.abs(q.mx) > RUNAWAY || Math.abs(q.my) > RUNAWAY) {
      this.fail(step, `the mean ran away at step ${step}`, 'use a smaller rho');
      return false;
    }
    if (!(q.ca > 0 && q.cc > 0) || !Number.isFinite(q.ca + q.cb + q.cc)) {
      this.fail(step, `the covariance Σ = S⁻¹ is no longer representable at step ${step}`, 'use a smaller rho or a larger temperature');
      return false;
    }
    return true;
  }

  private fail(step: number, reason: string, remedy: string): void {
    this.status = 'diverged';
    this.divergence = { step, reason, remedy };
  }

  /** "Diverged: reason. Try: remedy." for people. */
  get message(): string | undefined {
    const d = this.divergence;
    return d ? `Diverged: ${d.reason}. Try: ${d.remedy}.` : undefined;
  }
}

function fmt(v: number): string {
  return Number.isFinite(v) ? v.toPrecision(4) : String(v);
}

/** Frame i of a frame buffer as plain JSON. */
export function frameAt(frames: Float64Array, i: number): Frame {
  const o = i * FRAME_STRIDE;
  return {
    step: frames[o],
    mean: [frames[o + 1], frames[o + 2]],
    precision: [[frames[o + 3], frames[o + 4]], [frames[o + 4], frames[o + 5]]],
    cov: [[frames[o + 6], frames[o + 7]], [frames[o + 7], frames[o + 8]]],
    loss: frames[o + 9],
    objective: frames[o + 10],
  };
}

/** The outcome of a whole run, as the CLI prints it. */
export interface RunResult {
  status: 'ok' | 'diverged';
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
  const frames = Array.from({ length: r.count }, (_, i) => frameAt(r.frames, i));
  const result: RunResult = { status: r.status === 'diverged' ? 'diverged' : 'ok', spec, frames, final: frames.at(-1) ?? null };
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
