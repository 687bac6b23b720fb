/**
 * How far a frame's q is from the exact tempered target: KL(q ‖ p) per frame, for the figures
 * that show the exact posterior beside the approximation (Khan & Rue 2023, §5). The objective
 * gap is τ·KL: L(q) + τ log Z = τ KL(q ‖ p) ≥ 0.
 */
import { C, COMPONENT_STRIDE, F, FRAME_STRIDE } from './kernel';
import type { Loss } from './losses/loss';
import { BETA, betaKl, betaTarget } from './families/beta';
import { klGaussian, klMixture, type GridPosterior, type MixtureQ } from './posterior';
import type { RunSpec } from './spec';

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
