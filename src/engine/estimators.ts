/**
 * Estimators of the three expectations the BLR needs under q = N(m, S⁻¹):
 * E_q[ℓ̄], E_q[∇ℓ̄] and E_q[∇²ℓ̄] (Khan & Rue 2023, eqs. 10–11; Bonnet/Price theorems).
 * Each writes (E[ℓ̄], E[∇ℓ̄]₁, E[∇ℓ̄]₂, E[∇²ℓ̄]₁₁, E[∇²ℓ̄]₁₂, E[∇²ℓ̄]₂₂) into out[0..5].
 */
import { chol2 } from './linalg2';
import type { Loss } from './losses/loss';
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
 * mean of sym(S(θₖ − m)∇ℓ̄(θₖ)ᵀ) = sym(Lz ∇ℓ̄ᵀ), which needs gradients only).
 */
export function createMonteCarloEstimator(loss: Loss, rng: Rng, samples: number, hessian: 'sampled' | 'reparam'): Estimator {
  const tmp = new Float64Array(6);
  const L = new Float64Array(3);
  const inv = 1 / samples;
  const reparam = hessian === 'reparam';
  return (mx, my, sa, sb, sc, _ca, _cb, _cc, out) => {
    chol2(sa, sb, sc, L);
    const l11 = L[0];
    const l21 = L[1];
    const l22 = L[2];
    let f = 0;
    let g1 = 0;
    let g2 = 0;
    let h11 = 0;
    let h12 = 0;
    let h22 = 0;
    for (let k = 0; k < samples; k++) {
      const z1 = rng.normal();
      const z2 = rng.normal();
      // Solve Lᵀu = z by back substitution: u = L⁻ᵀz has covariance S⁻¹.
      const u2 = z2 / l22;
      const u1 = (z1 - l21 * u2) / l11;
      loss.evaluate(mx + u1, my + u2, tmp);
      f += tmp[0];
      g1 += tmp[1];
      g2 += tmp[2];
      if (reparam) {
        const v1 = l11 * z1;
        const v2 = l21 * z1 + l22 * z2;
        h11 += v1 * tmp[1];
        h12 += 0.5 * (v1 * tmp[2] + v2 * tmp[1]);
        h22 += v2 * tmp[2];
      } else {
        h11 += tmp[3];
        h12 += tmp[4];
        h22 += tmp[5];
      }
    }
    out[0] = f * inv;
    out[1] = g1 * inv;
    out[2] = g2 * inv;
    out[3] = h11 * inv;
    out[4] = h12 * inv;
    out[5] = h22 * inv;
  };
}
