/**
 * What a candidate family contributes to a run: its state, how it records a frame and how it
 * takes one BLR step. `BlrRun` (run.ts) owns the frames, the status and the divergence report;
 * the kernels (Gaussian in run.ts, families/mixture.ts, families/bernoulli.ts) own the maths.
 */

/** Why a run stopped, for people: what went wrong and what to try. */
export interface Failure {
  reason: string;
  remedy: string;
}

export interface Kernel {
  /** Numbers per frame: the 11 common fields (run.ts `F`) plus the family's own. */
  readonly stride: number;
  /**
   * Evaluates the expectations at the current state (kept for the next step) and writes frame
   * `step` at frames[o .. o + stride). Returns a failure instead when they are not finite.
   */
  record(frames: Float64Array, o: number, step: number): Failure | null;
  /** Takes step number `step` (1-based) from the expectations of the last record. */
  step(step: number): Failure | null;
}

/** Number formatting for messages. */
export function fmt(v: number): string {
  return Number.isFinite(v) ? v.toPrecision(4) : String(v);
}

/** 1 + log 2π: the constant of a 2-D Gaussian's entropy, H(q) = (1 + log 2π) + ½ log det Σ. */
export const ENTROPY_CONST = 1 + Math.log(2 * Math.PI);
/** A mean farther out than this has run away; stop before the numbers overflow. */
export const RUNAWAY = 1e6;

/** Offsets of a frame's common fields inside its slot (every family writes these). */
export const F = {
  step: 0, mx: 1, my: 2, sa: 3, sb: 4, sc: 5, ca: 6, cb: 7, cc: 8, loss: 9, objective: 10,
} as const;
/** Numbers per frame for the Gaussian families (the common fields only). */
export const FRAME_STRIDE = 11;
/** Numbers per mixture component after the common fields: weight, mean, precision, covariance. */
export const COMPONENT_STRIDE = 9;
/** Offsets inside a component's block. */
export const C = { weight: 0, mx: 1, my: 2, sa: 3, sb: 4, sc: 5, ca: 6, cb: 7, cc: 8 } as const;
/** Offsets of the Bernoulli family's extra fields: natural parameters λ and P(θⱼ = +1). */
export const B = { lx: 11, ly: 12, px: 13, py: 14 } as const;
export const BERNOULLI_STRIDE = 15;
/** Numbers per frame for the Beta family: the common fields, α, β, heads and tails seen. */
export const BETA_STRIDE = 15;
/** Offsets of the Beta family's extra fields. */
export const BETA = { alpha: 11, beta: 12, heads: 13, tails: 14 } as const;

/** Numbers per frame for a spec's family. */
export function strideFor(spec: { family: string; components: number }): number {
  if (spec.family === 'mixture') return FRAME_STRIDE + COMPONENT_STRIDE * spec.components;
  if (spec.family === 'bernoulli') return BERNOULLI_STRIDE;
  if (spec.family === 'beta') return BETA_STRIDE;
  return FRAME_STRIDE;
}
