/**
 * The one BLR step for Gaussian candidates (Khan & Rue 2023, eq. 8 with the Gaussian natural
 * parameters of §3), tempered as in BLR-MATH.md:
 *   full:  S' = (1 − ρ)S + (ρ/τ)E[∇²ℓ̄],   m' = m − (ρ/τ) S'⁻¹ E[∇ℓ̄]
 *   diag:  s' = (1 − ρ)s + (ρ/τ)diag E[∇²ℓ̄], m' = m − (ρ/τ) E[∇ℓ̄]/s'
 *   fixed: m' = m − ρ Σ₀ E[∇ℓ̄]   (entropy constant, so τ drops out)
 * With `improved` (Lin, Schmidt & Khan 2020, eq. 6), G = Ĥ − S and
 *   S' = S + ρG + (ρ²/2) G S⁻¹ G, which stays positive definite for any Ĥ.
 * Every named algorithm of Table 1 is a configuration of this step (see presets.ts).
 */
export type FamilyName = 'gaussian' | 'gaussian-diag' | 'gaussian-fixed';

/** The Gaussian state the step updates in place: mean, precision S and covariance Σ = S⁻¹. */
export interface GaussianState {
  mx: number;
  my: number;
  sa: number;
  sb: number;
  sc: number;
  ca: number;
  cb: number;
  cc: number;
}

export interface StepConfig {
  family: FamilyName;
  rho: number;
  temperature: number;
  improved: boolean;
}

/** One BLR step on `q` from the expectations `e` = (E[ℓ̄], E[∇ℓ̄], E[∇²ℓ̄]) (estimators.ts). */
export function blrStep(q: GaussianState, e: Float64Array, cfg: StepConfig): void {
  createBlrStep(cfg)(q, e);
}

/** The BLR step for one configuration, with the family and update chosen once, not per step. */
export function createBlrStep(cfg: StepConfig): (q: GaussianState, e: Float64Array) => void {
  const { rho, temperature: tau, improved } = cfg;
  if (cfg.family === 'gaussian-fixed') {
    return (q, e) => {
      const g1 = e[1];
      const g2 = e[2];
      q.mx -= rho * (q.ca * g1 + q.cb * g2);
      q.my -= rho * (q.cb * g1 + q.cc * g2);
    };
  }
  const full = cfg.family === 'gaussian';
  return (q, e) => learnedStep(q, e, rho, tau, improved, full);
}

function learnedStep(q: GaussianState, e: Float64Array, rho: number, tau: number, improved: boolean, full: boolean): void {
  const g1 = e[1];
  const g2 = e[2];
  const ha = e[3] / tau;
  const hb = full ? e[4] / tau : 0;
  const hc = e[5] / tau;
  let sa: number;
  let sb: number;
  let sc: number;
  if (improved) {
    const ga = ha - q.sa;
    const gb = hb - q.sb;
    const gc = hc - q.sc;
    // G Σ G for symmetric G and Σ, written out: (GΣ) = [[p, r], [s, t]].
    const p = ga * q.ca + gb * q.cb;
    const r = ga * q.cb + gb * q.cc;
    const s = gb * q.ca + gc * q.cb;
    const t = gb * q.cb + gc * q.cc;
    const half = 0.5 * rho * rho;
    sa = q.sa + rho * ga + half * (p * ga + r * gb);
    sb = q.sb + rho * gb + half * (p * gb + r * gc);
    sc = q.sc + rho * gc + half * (s * gb + t * gc);
  } else {
    sa = (1 - rho) * q.sa + rho * ha;
    sb = (1 - rho) * q.sb + rho * hb;
    sc = (1 - rho) * q.sc + rho * hc;
  }
  const det = sa * sc - sb * sb;
  const ca = sc / det;
  const cb = -sb / det;
  const cc = sa / det;
  // The mean step uses the NEW precision S' (BLR-MATH.md, "Gaussian updates").
  const k = rho / tau;
  q.mx -= k * (ca * g1 + cb * g2);
  q.my -= k * (cb * g1 + cc * g2);
  q.sa = sa;
  q.sb = sb;
  q.sc = sc;
  q.ca = ca;
  q.cb = cb;
  q.cc = cc;
}
