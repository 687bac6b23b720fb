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

/** (m, S) from λ: S = −2Λ₂, m = S⁻¹λ₁, into out[0..4] as (mx, my, Sxx, Sxy, Syy). */
export function gaussianMomentsFromNatural(l1x: number, l1y: number, l2a: number, l2b: number, l2c: number, out: Float64Array): void {
  const sa = -2 * l2a;
  const sb = -2 * l2b;
  const sc = -2 * l2c;
  const det = sa * sc - sb * sb;
  out[0] = (sc * l1x - sb * l1y) / det;
  out[1] = (sa * l1y - sb * l1x) / det;
  out[2] = sa;
  out[3] = sb;
  out[4] = sc;
}

/** (m, Σ) from μ: Σ = M₂ − μ₁μ₁ᵀ, into out[0..4] as (mx, my, Σxx, Σxy, Σyy). */
export function gaussianMomentsFromExpectation(m1x: number, m1y: number, m2a: number, m2b: number, m2c: number, out: Float64Array): void {
  out[0] = m1x;
  out[1] = m1y;
  out[2] = m2a - m1x * m1x;
  out[3] = m2b - m1x * m1y;
  out[4] = m2c - m1y * m1y;
}
