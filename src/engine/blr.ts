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
import { inv2 } from './linalg2';

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

/**
 * The options that make the one step into the deep-learning optimisers of Table 1 (all off:
 * the plain BLR above). Khan & Rue 2023, §4.2–4.3; Shen et al. 2024, Algorithm 1.
 */
export interface StepExtras {
  /** Separate step size α for the mean; undefined: ρ/τ (ρ for the fixed family). */
  alpha?: number;
  /** β₁: u ← β₁u + (1 − β₁)ĝ. */
  momentum: number;
  /** Bias correction: of u ("momentum"), or of u and of S ("both"). */
  debias: 'none' | 'momentum' | 'both';
  /** Precondition by √S (RMSprop/Adam's square root). */
  sqrt: boolean;
  /** c in P = S + cI (or √S + cI). */
  damping: number;
  /**
   * δ of a Gaussian prior (δ/2)‖θ‖² handled exactly at the mean, outside the estimates: the
   * conjugate part. 0 when the loss's estimates already include its prior.
   */
  prior: number;
  /**
   * Where the prior goes (RunSpec `prior`): false (the split) adds it exactly outside the
   * estimates as above; true puts it inside the gradient as weight decay does in torch.optim
   * (ĝ ← ĝ + δm before momentum, and Ĥ = ĝĝᵀ of that gradient when `squared`, else Ĥ + δI).
   */
  priorInGradient?: boolean;
  /** The Hessian estimate is the squared gradient (RunSpec hessian "squared-gradient"). */
  squared?: boolean;
  /**
   * Mean field with block updates (VMP): step t updates only coordinate (t − 1) mod 2 of the
   * diagonal family, the other block held fixed (Winn & Bishop 2005; Khan & Rue 2023, §5).
   */
  coordinate?: boolean;
}

/** True when the extras change nothing, so the plain step applies. */
export function plainExtras(x: StepExtras): boolean {
  return x.alpha === undefined && x.momentum === 0 && x.debias === 'none' && !x.sqrt && x.damping === 0 && x.prior === 0 && !x.coordinate;
  // (priorInGradient changes nothing when prior = 0.)
}

/** State the extras carry between steps: the step count t and the momentum u. */
export interface ExtrasState {
  t: number;
  ux: number;
  uy: number;
}

/**
 * The one BLR step with every option: from ĝ = e[1..2] and Ĥ = e[3..5] (data part),
 *   S' = (1 − ρ)S + (ρ/τ)(Ĥ + δI)              (or the improved form; fixed family: S' = S)
 *   u ← β₁u + (1 − β₁)ĝ,   ū = u/(1 − β₁ᵗ) when bias-corrected,   ḡ = ū + δm
 *   Ŝ = S'/(1 − (1 − ρ)ᵗ) when bias-corrected ("both"),   P = Ŝ or √Ŝ, plus cI
 *   m' = m − α P⁻¹ ḡ,   α = ρ/τ unless given.
 * With `priorInGradient` (weight decay, as torch.optim.RMSprop/Adam take `weight_decay`) the
 * prior enters first instead: ĝ ← ĝ + δm, Ĥ ← ĝĝᵀ (squared-gradient Hessian) or Ĥ + δI, then
 *   S' = (1 − ρ)S + (ρ/τ)Ĥ,   u ← β₁u + (1 − β₁)ĝ,   ḡ = ū   (no separate prior term).
 * With every extra off this is exactly `createBlrStep`'s update.
 */
export function createGeneralStep(cfg: StepConfig, x: StepExtras): (q: GaussianState, e: Float64Array, st: ExtrasState) => void {
  const { rho, temperature: tau, improved, family } = cfg;
  const fixed = family === 'gaussian-fixed';
  const full = family === 'gaussian';
  const alpha = x.alpha ?? (fixed ? rho : rho / tau);
  const beta1 = x.momentum;
  const d = x.prior;
  const scratch = new Float64Array(3);
  const coordinate = !!x.coordinate && !full && !fixed;
  const inGradient = !!x.priorInGradient && d !== 0;
  const squared = !!x.squared;
  /** δ added outside the estimates: the split form only. */
  const dOut = inGradient ? 0 : d;
  return (q, e, st) => {
    st.t += 1;
    const t = st.t;
    // Block updates: remember the block that stays, and restore it after the step.
    const keep = coordinate ? (t % 2 === 1 ? 1 : 0) : -1;
    const held = keep === 0 ? [q.mx, q.sa, q.ca] : keep === 1 ? [q.my, q.sc, q.cc] : null;
    let gx = e[1];
    let gy = e[2];
    let h11 = e[3];
    let h12 = e[4];
    let h22 = e[5];
    if (inGradient) {
      // Weight decay: the prior's gradient joins the estimate before it is squared or averaged.
      gx += d * q.mx;
      gy += d * q.my;
      if (squared) {
        h11 = gx * gx;
        h12 = gx * gy;
        h22 = gy * gy;
      } else {
        h11 += d;
        h22 += d;
      }
    }
    if (!fixed) {
      const ha = (h11 + dOut) / tau;
      const hb = full ? h12 / tau : 0;
      const hc = (h22 + dOut) / tau;
      if (improved) {
        improvedPrecision(q.sa, q.sb, q.sc, q.ca, q.cb, q.cc, ha - q.sa, hb - q.sb, hc - q.sc, rho, scratch);
        q.sa = scratch[0];
        q.sb = full ? scratch[1] : 0;
        q.sc = scratch[2];
      } else {
        q.sa = (1 - rho) * q.sa + rho * ha;
        q.sb = full ? (1 - rho) * q.sb + rho * hb : 0;
        q.sc = (1 - rho) * q.sc + rho * hc;
      }
      if (full) inv2(q.sa, q.sb, q.sc, scratch);
      else {
        scratch[0] = 1 / q.sa;
        scratch[1] = 0;
        scratch[2] = 1 / q.sc;
      }
      q.ca = scratch[0];
      q.cb = scratch[1];
      q.cc = scratch[2];
    }
    // The gradient: momentum and its bias correction act on the estimate, the prior is exact
    // (split) or already inside the estimate (weight decay).
    if (beta1 > 0) {
      st.ux = beta1 * st.ux + (1 - beta1) * gx;
      st.uy = beta1 * st.uy + (1 - beta1) * gy;
      const c = x.debias === 'none' ? 1 : 1 - beta1 ** t;
      gx = st.ux / c;
      gy = st.uy / c;
    }
    gx += dOut * q.mx;
    gy += dOut * q.my;
    // The preconditioner P.
    const cs = x.debias === 'both' && !fixed ? 1 - (1 - rho) ** t : 1;
    let pa = q.sa / cs;
    let pb = q.sb / cs;
    let pc = q.sc / cs;
    if (x.sqrt && pb === 0) {
      pa = Math.sqrt(pa);
      pc = Math.sqrt(pc);
    } else if (x.sqrt) {
      // √ of a symmetric PSD 2×2: (P + √det I)/√(tr + 2√det).
      const sd = Math.sqrt(Math.max(0, pa * pc - pb * pb));
      const k = Math.sqrt(pa + pc + 2 * sd);
      if (k > 0) {
        pa = (pa + sd) / k;
        pb = pb / k;
        pc = (pc + sd) / k;
      }
    }
    pa += x.damping;
    pc += x.damping;
    const det = pa * pc - pb * pb;
    q.mx -= (alpha * (pc * gx - pb * gy)) / det;
    q.my -= (alpha * (pa * gy - pb * gx)) / det;
    if (held && keep === 0) [q.mx, q.sa, q.ca] = held;
    else if (held && keep === 1) [q.my, q.sc, q.cc] = held;
  };
}

/**
 * The improved precision update (Lin, Schmidt & Khan 2020, eq. 6) for symmetric 2×2 matrices
 * held as triples: S' = S + ρG + (ρ²/2) G Σ G, Σ = S⁻¹, into out[0..2]. Positive definite for
 * any symmetric G when S is.
 */
export function improvedPrecision(
  sa: number, sb: number, sc: number, ca: number, cb: number, cc: number, ga: number, gb: number, gc: number, rho: number, out: Float64Array,
): void {
  // G Σ G for symmetric G and Σ, written out: (GΣ) = [[p, r], [s, t]].
  const p = ga * ca + gb * cb;
  const r = ga * cb + gb * cc;
  const s = gb * ca + gc * cb;
  const t = gb * cb + gc * cc;
  const half = 0.5 * rho * rho;
  out[0] = sa + rho * ga + half * (p * ga + r * gb);
  out[1] = sb + rho * gb + half * (p * gb + r * gc);
  out[2] = sc + rho * gc + half * (s * gb + t * gc);
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

const IMPROVED_OUT = new Float64Array(3);

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
    improvedPrecision(q.sa, q.sb, q.sc, q.ca, q.cb, q.cc, ha - q.sa, hb - q.sb, hc - q.sc, rho, IMPROVED_OUT);
    sa = IMPROVED_OUT[0];
    sb = IMPROVED_OUT[1];
    sc = IMPROVED_OUT[2];
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
