/**
 * The 2-D Gaussian N(m, S⁻¹) as an exponential family (Khan & Rue 2023, §2 and eq. 14):
 * sufficient statistics T(θ) = (θ, θθᵀ), natural parameters λ = (Sm, −½S),
 * expectation parameters μ = E[T(θ)] = (m, Σ + mmᵀ).
 */

/** λ = (λ₁, Λ₂) = (Sm, −½S) into out[0..4] as (λ₁x, λ₁y, Λ₂xx, Λ₂xy, Λ₂yy). */
export function gaussianNaturalFromMoments(mx: number, my: number, sa: number, sb: number, sc: number, out: Float64Array): void {
  out[0] = sa * mx + sb * my;
  out[1] = sb * mx + sc * my;
  out[2] = -0.5 * sa;
  out[3] = -0.5 * sb;
  out[4] = -0.5 * sc;
}

/** μ = (μ₁, M₂) = (m, Σ + mmᵀ) into out[0..4] as (μ₁x, μ₁y, M₂xx, M₂xy, M₂yy). */
export function gaussianExpectationFromMoments(mx: number, my: number, ca: number, cb: number, cc: number, out: Float64Array): void {
  out[0] = mx;
  out[1] = my;
  out[2] = ca + mx * mx;
  out[3] = cb + mx * my;
  out[4] = cc + my * my;
}

