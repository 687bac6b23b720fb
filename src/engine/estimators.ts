/**
 * Estimators of the three expectations the BLR needs under q = N(m, S⁻¹):
 * E_q[ℓ̄], E_q[∇ℓ̄] and E_q[∇²ℓ̄] (Khan & Rue 2023, eqs. 10–11; Bonnet/Price theorems).
 * Each writes (E[ℓ̄], E[∇ℓ̄]₁, E[∇ℓ̄]₂, E[∇²ℓ̄]₁₁, E[∇²ℓ̄]₁₂, E[∇²ℓ̄]₂₂) into out[0..5].
 */
import { chol2 } from './linalg2';
import type { DataTerms, Loss } from './losses/loss';
import type { Rng } from './rng';

/** (mx, my, S = [[sa, sb], [sb, sc]], Σ = [[ca, cb], [cb, cc]]) → out[0..5]. */
export type Estimator = (
  mx: number, my: number, sa: number, sb: number, sc: number, ca: number, cb: number, cc: number, out: Float64Array,
) => void;

/** Delta method: E_q[f(θ)] ≈ f(m) for the loss, its gradient and its Hessian. */
export function createDeltaEstimator(loss: Loss): Estimator {
  return (mx, my, _sa, _sb, _sc, _ca, _cb, _cc, out) => loss.evaluate(mx, my, out);
}

/** Closed-form Gaussian expectations supplied by the loss. */
export function createExactEstimator(loss: Loss): Estimator {
  const expect = loss.expect;
  if (!expect) throw new Error(`The loss "${loss.label}" has no closed-form Gaussian expectations; use expectation "mc" or "delta".`);
  return (mx, my, _sa, _sb, _sc, ca, cb, cc, out) => expect(mx, my, ca, cb, cc, out);
}

/**
 * Monte Carlo with θ = m + L⁻ᵀz, S = LLᵀ, z ~ N(0, I). Gradient by Bonnet: mean of ∇ℓ̄(θₖ).
 * Hessian by Price ("sampled": mean of ∇²ℓ̄(θₖ)) or by reparameterisation ("reparam":
 * mean of sym(S(θₖ − m)∇ℓ̄(θₖ)ᵀ) = sym(Lz ∇ℓ̄ᵀ), which needs gradients only). The loss is the
 * per-example estimator's one example, so the sampling is written once (createDataEstimator).
 */
export function createMonteCarloEstimator(loss: Loss, rng: Rng, samples: number, hessian: 'sampled' | 'reparam' | 'squared-gradient'): Estimator {
  return createDataEstimator(asOneExample(loss), { expectation: 'mc', hessian, samples, rng, batchRng: rng });
}

/** Any loss as a data sum of one example with no prior (no minibatch can be drawn from it). */
export function asOneExample(loss: Loss): DataTerms {
  return { n: 1, priorPrecision: 0, example: (_i, x, y, out) => loss.evaluate(x, y, out) };
}

/** How the Hessian estimate is formed (RunSpec `hessian`). */
export type HessianKind = 'sampled' | 'reparam' | 'gauss-newton' | 'fisher' | 'squared-gradient' | 'complete-data';

/** Ĥ = ĝĝᵀ: the squared-gradient approximation of RMSprop/Adam, in place on out[3..5]. */
export function squareGradient(out: Float64Array): void {
  out[3] = out[1] * out[1];
  out[4] = out[1] * out[2];
  out[5] = out[2] * out[2];
}

/**
 * Picks M of N indices without replacement (a partial Fisher–Yates shuffle of `idx`, which
 * holds a permutation of 0..N−1 and stays one); the batch is idx[0..M).
 */
export function drawBatch(idx: Int32Array, m: number, rng: Rng): void {
  const n = idx.length;
  for (let k = 0; k < m; k++) {
    const j = k + Math.floor(rng.uniform() * (n - k));
    const t = idx[k];
    idx[k] = idx[j];
    idx[j] = t;
  }
}

export interface DataEstimatorOptions {
  expectation: 'delta' | 'mc';
  hessian: HessianKind;
  samples: number;
  /** M; undefined or ≥ N: every example. */
  batchSize?: number;
  /**
   * Data arriving one example at a time: the k-th estimate (k = 0, 1, …) uses the first k + 1
   * examples, unscaled (recursive least squares / the Kalman filter with ρ = 1).
   */
  online?: boolean;
  /** Draws the samples θ ~ q. */
  rng: Rng;
  /** Draws the minibatches (a separate stream, so batches do not depend on the sample count). */
  batchRng: Rng;
}

/**
 * Estimates of the data part Σᵢ ℓᵢ of a data-sum loss, from a minibatch with the N/M scaling
 * (Khan & Rue 2023, §4.2): ĝ = (N/M) Σ_{i∈batch} ∇ℓᵢ(θ), with θ = m (delta) or θ ~ q (Monte
 * Carlo, averaged over samples), and Ĥ from
 *   "sampled"          (N/M) Σ ∇²ℓᵢ(θ)            the Hessian itself
 *   "gauss-newton"     (N/M) Σ Jᵢᵀ ℓ''ᵢ Jᵢ          generalised Gauss–Newton
 *   "fisher"           (N/M) Σ ∇ℓᵢ ∇ℓᵢᵀ             per-example squared gradients (OGN/VOGN)
 *   "squared-gradient" ĝ ĝᵀ                        the squared minibatch gradient (RMSprop/Adam)
 *   "reparam"          sym(Lz ĝᵀ)                   from gradients only (IVON), Monte Carlo
 *   "complete-data"    (N/M) Σ E_q(zᵢ)[∇²(−log p(xᵢ, zᵢ|θ))]   EM's curvature (latent-variable losses)
 * The prior is not included: the step adds it exactly (StepExtras.prior). One batch per step
 * serves every sample.
 */
export function createDataEstimator(data: DataTerms, o: DataEstimatorOptions): Estimator {
  const n = data.n;
  const batchM = o.batchSize === undefined ? n : Math.min(o.batchSize, n);
  let m = o.online ? 1 : batchM;
  const scale = o.online ? 1 : n / batchM;
  const idx = Int32Array.from({ length: n }, (_, i) => i);
  const tmp = new Float64Array(6);
  const gn = new Float64Array(3);
  const L = new Float64Array(3);
  const mc = o.expectation === 'mc';
  const samples = mc ? o.samples : 1;
  const inv = 1 / samples;
  const hk = o.hessian;
  let calls = 0;
  return (mx, my, sa, sb, sc, _ca, _cb, _cc, out) => {
    if (o.online) m = Math.min(n, ++calls);
    else if (m < n) drawBatch(idx, m, o.batchRng);
    if (mc) chol2(sa, sb, sc, L);
    let f = 0;
    let g1 = 0;
    let g2 = 0;
    let h11 = 0;
    let h12 = 0;
    let h22 = 0;
    for (let k = 0; k < samples; k++) {
      let x = mx;
      let y = my;
      let z1 = 0;
      let z2 = 0;
      if (mc) {
        z1 = o.rng.normal();
        z2 = o.rng.normal();
        const u2 = z2 / L[2];
        x += (z1 - L[1] * u2) / L[0];
        y += u2;
      }
      let pf = 0;
      let p1 = 0;
      let p2 = 0;
      let q11 = 0;
      let q12 = 0;
      let q22 = 0;
      for (let b = 0; b < m; b++) {
        const i = idx[b];
        data.example(i, x, y, tmp);
        pf += tmp[0];
        p1 += tmp[1];
        p2 += tmp[2];
        if (hk === 'sampled') {
          q11 += tmp[3];
          q12 += tmp[4];
          q22 += tmp[5];
        } else if (hk === 'gauss-newton' || hk === 'complete-data') {
          if (hk === 'gauss-newton') data.gaussNewton!(i, x, y, gn);
          else data.completeData!(i, x, y, gn);
          q11 += gn[0];
          q12 += gn[1];
          q22 += gn[2];
        } else if (hk === 'fisher') {
          q11 += tmp[1] * tmp[1];
          q12 += tmp[1] * tmp[2];
          q22 += tmp[2] * tmp[2];
        }
      }
      p1 *= scale;
      p2 *= scale;
      f += pf * scale;
      g1 += p1;
      g2 += p2;
      if (hk === 'reparam') {
        const v1 = L[0] * z1;
        const v2 = L[1] * z1 + L[2] * z2;
        h11 += v1 * p1;
        h12 += 0.5 * (v1 * p2 + v2 * p1);
        h22 += v2 * p2;
      } else {
        h11 += q11 * scale;
        h12 += q12 * scale;
        h22 += q22 * scale;
      }
    }
    out[0] = f * inv;
    out[1] = g1 * inv;
    out[2] = g2 * inv;
    out[3] = h11 * inv;
    out[4] = h12 * inv;
    out[5] = h22 * inv;
    if (hk === 'squared-gradient') squareGradient(out);
  };
}
