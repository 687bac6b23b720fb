/**
 * How far a frame's q is from the exact tempered target: KL(q ‖ p) per frame, for the figures
 * that show the exact posterior beside the approximation (Khan & Rue 2023, §5). The objective
 * gap is τ·KL: L(q) + τ log Z = τ KL(q ‖ p) ≥ 0.
 */
import { C, COMPONENT_STRIDE, F, FRAME_STRIDE } from './kernel';
import type { Loss } from './losses/loss';
import { BETA, betaKl, betaTarget, lbeta } from './families/beta';
import { adaptivePosterior, klGaussian, klMixture, type GridPosterior, type MixtureQ } from './posterior';
import type { RunSpec } from './spec';

/** Whether a spec's target is normalised on a grid (the 2-D families) rather than in closed form. */
export function needsGrid(spec: Pick<RunSpec, 'family'>): boolean {
  return spec.family !== 'beta' && spec.family !== 'bernoulli';
}

/**
 * The exact tempered target p ∝ exp(−ℓ̄/τ) on a window, exactly as the worker computes it for
 * the figures (and the CLI's --posterior): the adaptive nested rule of engine/posterior.ts.
 */
export function targetPosterior(loss: Loss, temperature: number, view: readonly [number, number, number, number]): GridPosterior {
  return adaptivePosterior(loss, temperature, view);
}

/** What the figures show about the exact posterior of a run, as plain JSON (the CLI's --posterior). */
export type PosteriorReport =
  | {
      /** The 2-D families: p on the window, by targetPosterior. */
      kind: 'grid';
      view: [number, number, number, number];
      temperature: number;
      negLogZ: number;
      mean: [number, number];
      cov: [[number, number], [number, number]];
      edgeMass: number;
      /** KL(q ‖ p) of every frame; null where it is not defined (an improper q). */
      kl: (number | null)[];
    }
  | {
      /** The coin: p = Beta(α*, β*) with all the flips, in closed form, Z = B(α*, β*). */
      kind: 'beta';
      temperature: number;
      alpha: number;
      beta: number;
      negLogZ: number;
      mean: number;
      variance: number;
      kl: (number | null)[];
    }
  | { kind: 'none'; reason: string };

/**
 * −log Z, p's moments and KL(q ‖ p) per frame for the frames of a run, as the worker computes
 * them (targetPosterior on `view`, frameKl per frame); `view` defaults to the loss's own.
 */
export function posteriorReport(
  spec: RunSpec, loss: Loss, frames: Float64Array, count: number, stride: number, view: readonly [number, number, number, number] = loss.view,
): PosteriorReport {
  if (spec.family === 'bernoulli') return { kind: 'none', reason: 'binary weights have no density to compare q with' };
  const post = needsGrid(spec) ? targetPosterior(loss, spec.temperature, view) : null;
  const kl = Array.from({ length: count }, (_, i) => {
    const v = frameKl(loss, post, frames, i, stride, spec);
    return Number.isFinite(v) ? v : null;
  });
  if (!post && spec.loss.kind === 'coin') {
    const h = spec.loss.flips.reduce<number>((s, y) => s + y, 0);
    const [a, b] = betaTarget(spec, h, spec.loss.flips.length - h);
    return { kind: 'beta', temperature: spec.temperature, alpha: a, beta: b, negLogZ: -lbeta(a, b), mean: a / (a + b), variance: (a * b) / ((a + b) ** 2 * (a + b + 1)), kl };
  }
  const p = post!;
  return {
    kind: 'grid',
    view: [view[0], view[1], view[2], view[3]],
    temperature: spec.temperature,
    negLogZ: p.negLogZ,
    mean: [p.mean[0], p.mean[1]],
    cov: [[p.cov[0][0], p.cov[0][1]], [p.cov[1][0], p.cov[1][1]]],
    edgeMass: p.edgeMass,
    kl,
  };
}

/**
 * KL(q ‖ p) of frame i, or NaN where it is not defined (binary weights; an improper q). The
 * 2-D families need the target normalised on a grid (`post`); the Beta family's target is a Beta.
 */
export function frameKl(loss: Loss, post: GridPosterior | null, frames: Float64Array, i: number, stride: number, spec: RunSpec): number {
  const o = i * stride;
  const family = spec.family;
  if (family === 'beta' && spec.loss.kind === 'coin') {
    const h = spec.loss.flips.reduce<number>((s, y) => s + y, 0);
    const [c, d] = betaTarget(spec, h, spec.loss.flips.length - h);
    return betaKl(frames[o + BETA.alpha], frames[o + BETA.beta], c, d);
  }
  if (family === 'bernoulli' || !post) return NaN;
  if (family === 'mixture') {
    const k = (stride - FRAME_STRIDE) / COMPONENT_STRIDE;
    const q: MixtureQ = { w: new Float64Array(k), mx: new Float64Array(k), my: new Float64Array(k), ca: new Float64Array(k), cb: new Float64Array(k), cc: new Float64Array(k) };
    for (let j = 0; j < k; j++) {
      const b = o + FRAME_STRIDE + j * COMPONENT_STRIDE;
      (q.w as Float64Array)[j] = frames[b + C.weight];
      (q.mx as Float64Array)[j] = frames[b + C.mx];
      (q.my as Float64Array)[j] = frames[b + C.my];
      (q.ca as Float64Array)[j] = frames[b + C.ca];
      (q.cb as Float64Array)[j] = frames[b + C.cb];
      (q.cc as Float64Array)[j] = frames[b + C.cc];
    }
    return klMixture(loss, post, q);
  }
  const kl = klGaussian(loss, post, frames[o + F.mx], frames[o + F.my], frames[o + F.ca], frames[o + F.cb], frames[o + F.cc]);
  return Number.isFinite(kl) ? kl : NaN;
}
