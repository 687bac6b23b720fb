/**
 * Mixture-of-Gaussians candidates q(θ) = Σₖ πₖ N(θ; mₖ, Sₖ⁻¹) (Lin, Khan & Schmidt, ICML 2019;
 * Khan & Rue 2023, §3.3). The BLR on the joint q(θ, z) gives, per component k, with Eₖ the
 * expectation under N(mₖ, Sₖ⁻¹) and the book's temperature convention (τ divides ℓ̄):
 *   Sₖ' = Sₖ + ρ Gₖ,                Gₖ = Eₖ[∇²ℓ̄]/τ + Eₖ[∇² log q]
 *   mₖ' = mₖ − ρ Sₖ'⁻¹ (Eₖ[∇ℓ̄]/τ + Eₖ[∇ log q])
 *   vₖ' = vₖ − ρ (Fₖ − F_K),        vₖ = log(πₖ/π_K),  Fₖ = Eₖ[ℓ̄/τ + log q]
 * and, with `improved`, Sₖ' = Sₖ + ρGₖ + (ρ²/2) Gₖ Sₖ⁻¹ Gₖ (Lin, Schmidt & Khan 2020), which
 * stays positive definite however indefinite Gₖ is. For K = 1, ∇² log q = −S and
 * E[∇ log q] = 0, and this is the Gaussian step of blr.ts.
 *
 * Expectations: "delta" evaluates everything at mₖ (parallel Newton steps coupled through the
 * entropy); "mc" averages over `samples` draws from each component (non-conjugate VI); "exact"
 * takes every Eₖ by a 16 × 16 Gauss–Hermite product rule in component k's own frame, θ = mₖ +
 * Lₖ⁻ᵀt with Sₖ = LₖLₖᵀ (exact for polynomials of degree ≤ 31; for ℓ̄ and log q, which are not
 * polynomials, accurate to the rule's precision rather than exact).
 */
import { C, COMPONENT_STRIDE, FRAME_STRIDE, RUNAWAY, fmt, type Failure, type Kernel } from '../kernel';
import { improvedPrecision } from '../blr';
import { chol2, isPosDef2 } from '../linalg2';
import type { Loss } from '../losses/loss';
import { gaussianRule } from '../quadrature';
import { createRng, type Rng } from '../rng';
import type { RunSpec } from '../spec';

const LOG_2PI = Math.log(2 * Math.PI);
/** Gauss–Hermite nodes per axis for the "exact" expectations (MIXTURE_NODES = 16² in spec.ts). */
const GH_NODES = 16;
let ghRule: { t: Float64Array; w: Float64Array } | null = null;
const rule = () => {
  if (!ghRule) {
    const g = gaussianRule(GH_NODES);
    ghRule = { t: g.nodes, w: g.weights };
  }
  return ghRule;
};

/** Components' state, structure-of-arrays. */
interface Components {
  k: number;
  /** v = log π (unnormalised; normalised after each step). */
  logw: Float64Array;
  mx: Float64Array;
  my: Float64Array;
  sa: Float64Array;
  sb: Float64Array;
  sc: Float64Array;
  ca: Float64Array;
  cb: Float64Array;
  cc: Float64Array;
  /** ½ log det Sⱼ − log 2π: the log normaliser of component j. */
  lognorm: Float64Array;
}

/** Initial means: given, or K points on a circle of radius 1 around the start mean (`spreadMeans`). */
export function initialMeans(spec: RunSpec): [number, number][] {
  if (spec.init.means) return spec.init.means.map((m) => [m[0], m[1]]);
  return spreadMeans(spec.init.mean, spec.components);
}

/** K means mⱼ = c + (cos aⱼ, sin aⱼ), aⱼ = π/4 + 2πj/K, on the unit circle around c; c itself for K = 1. */
export function spreadMeans(center: readonly [number, number], k: number): [number, number][] {
  const [cx, cy] = center;
  if (k === 1) return [[cx, cy]];
  return Array.from({ length: k }, (_, j) => {
    const a = Math.PI / 4 + (2 * Math.PI * j) / k;
    return [cx + Math.cos(a), cy + Math.sin(a)];
  });
}

/**
 * log q(θ) and its gradient and Hessian into out[0..5], for the mixture `c`:
 * with responsibilities rⱼ ∝ πⱼNⱼ(θ) and aⱼ = −Sⱼ(θ − mⱼ),
 * ∇ log q = Σ rⱼaⱼ,  ∇² log q = Σ rⱼ(aⱼaⱼᵀ − Sⱼ) − (Σ rⱼaⱼ)(Σ rⱼaⱼ)ᵀ.
 */
export function logMixture(c: Components, x: number, y: number, out: Float64Array, scratch: Float64Array): void {
  const k = c.k;
  let max = -Infinity;
  for (let j = 0; j < k; j++) {
    const dx = x - c.mx[j];
    const dy = y - c.my[j];
    const l = c.logw[j] + c.lognorm[j] - 0.5 * (c.sa[j] * dx * dx + 2 * c.sb[j] * dx * dy + c.sc[j] * dy * dy);
    scratch[j] = l;
    if (l > max) max = l;
  }
  let z = 0;
  for (let j = 0; j < k; j++) {
    scratch[j] = Math.exp(scratch[j] - max);
    z += scratch[j];
  }
  let g1 = 0;
  let g2 = 0;
  let h11 = 0;
  let h12 = 0;
  let h22 = 0;
  for (let j = 0; j < k; j++) {
    const r = scratch[j] / z;
    const dx = x - c.mx[j];
    const dy = y - c.my[j];
    const a1 = -(c.sa[j] * dx + c.sb[j] * dy);
    const a2 = -(c.sb[j] * dx + c.sc[j] * dy);
    g1 += r * a1;
    g2 += r * a2;
    h11 += r * (a1 * a1 - c.sa[j]);
    h12 += r * (a1 * a2 - c.sb[j]);
    h22 += r * (a2 * a2 - c.sc[j]);
  }
  out[0] = max + Math.log(z);
  out[1] = g1;
  out[2] = g2;
  out[3] = h11 - g1 * g1;
  out[4] = h12 - g1 * g2;
  out[5] = h22 - g2 * g2;
}

export class MixtureKernel implements Kernel {
  readonly stride: number;
  private readonly c: Components;
  /** Per component: Fₖ, then the gradient and Hessian of ℓ̄/τ + log q (6 numbers each). */
  private readonly e: Float64Array;
  private readonly rng: Rng;
  private readonly tmp = new Float64Array(6);
  private readonly lq = new Float64Array(6);
  private readonly scratch: Float64Array;
  private readonly L = new Float64Array(3);
  private readonly improvedOut = new Float64Array(3);
  private readonly ell: Float64Array;

  constructor(
    private readonly spec: RunSpec,
    private readonly loss: Loss,
  ) {
    const k = spec.components;
    this.stride = FRAME_STRIDE + COMPONENT_STRIDE * k;
    const arr = () => new Float64Array(k);
    this.c = { k, logw: arr(), mx: arr(), my: arr(), sa: arr(), sb: arr(), sc: arr(), ca: arr(), cb: arr(), cc: arr(), lognorm: arr() };
    this.e = new Float64Array(6 * k);
    this.ell = new Float64Array(k);
    this.scratch = new Float64Array(k);
    this.rng = createRng(spec.seed);
    const means = initialMeans(spec);
    const [[sa, sb], [, sc]] = spec.init.precision;
    const w = spec.init.weights ?? Array.from({ length: k }, () => 1);
    const total = w.reduce((a, b) => a + b, 0);
    for (let j = 0; j < k; j++) {
      this.c.logw[j] = Math.log(w[j] / total);
      this.c.mx[j] = means[j][0];
      this.c.my[j] = means[j][1];
      this.setPrecision(j, sa, sb, sc);
    }
  }

  private setPrecision(j: number, sa: number, sb: number, sc: number): void {
    const c = this.c;
    const det = sa * sc - sb * sb;
    c.sa[j] = sa;
    c.sb[j] = sb;
    c.sc[j] = sc;
    c.ca[j] = sc / det;
    c.cb[j] = -sb / det;
    c.cc[j] = sa / det;
    c.lognorm[j] = 0.5 * Math.log(det) - LOG_2PI;
  }

  /** Eₖ of (ℓ̄/τ + log q, its gradient, its Hessian) for every component into this.e. */
  private expectations(): boolean {
    const c = this.c;
    const tau = this.spec.temperature;
    const mc = this.spec.expectation === 'mc';
    const exact = this.spec.expectation === 'exact';
    const gh = exact ? rule() : null;
    const n = mc ? this.spec.samples : exact ? GH_NODES * GH_NODES : 1;
    const inv = exact ? 1 : 1 / n;
    const { tmp, lq, L, e } = this;
    for (let j = 0; j < c.k; j++) {
      let f = 0;
      let l = 0;
      let g1 = 0;
      let g2 = 0;
      let h11 = 0;
      let h12 = 0;
      let h22 = 0;
      if (mc || exact) chol2(c.sa[j], c.sb[j], c.sc[j], L);
      for (let s = 0; s < n; s++) {
        let x = c.mx[j];
        let y = c.my[j];
        // Weight of this point: 1 for samples (averaged below), the product rule's for "exact".
        let wt = 1;
        if (mc || gh) {
          let z1: number;
          let z2: number;
          if (gh) {
            const a = (s / GH_NODES) | 0;
            const b = s - a * GH_NODES;
            z1 = gh.t[a];
            z2 = gh.t[b];
            wt = gh.w[a] * gh.w[b];
          } else {
            z1 = this.rng.normal();
            z2 = this.rng.normal();
          }
          const u2 = z2 / L[2];
          x += (z1 - L[1] * u2) / L[0];
          y += u2;
        }
        this.loss.evaluate(x, y, tmp);
        logMixture(c, x, y, lq, this.scratch);
        l += wt * tmp[0];
        f += wt * (tmp[0] / tau + lq[0]);
        g1 += wt * (tmp[1] / tau + lq[1]);
        g2 += wt * (tmp[2] / tau + lq[2]);
        h11 += wt * (tmp[3] / tau + lq[3]);
        h12 += wt * (tmp[4] / tau + lq[4]);
        h22 += wt * (tmp[5] / tau + lq[5]);
      }
      const o = 6 * j;
      e[o] = f * inv;
      e[o + 1] = g1 * inv;
      e[o + 2] = g2 * inv;
      e[o + 3] = h11 * inv;
      e[o + 4] = h12 * inv;
      e[o + 5] = h22 * inv;
      this.ell[j] = l * inv;
      for (let i = 0; i < 6; i++) if (!Number.isFinite(e[o + i])) return false;
    }
    return true;
  }

  record(f: Float64Array, o: number, step: number): Failure | null {
    const c = this.c;
    if (!this.expectations()) {
      return {
        reason: `the loss or its derivatives are not finite near a component's mean at step ${step}`,
        remedy: step === 0 ? 'start the components where the loss is defined and finite' : 'use a smaller rho, or set improved: true',
      };
    }
    // The mixture's own mean and covariance (moment matching), the weighted loss at the means,
    // and the objective L(q) = τ Σ πₖ Fₖ = E_q[ℓ̄] − τH(q).
    let mx = 0;
    let my = 0;
    let obj = 0;
    let loss = 0;
    for (let j = 0; j < c.k; j++) {
      const w = Math.exp(c.logw[j]);
      mx += w * c.mx[j];
      my += w * c.my[j];
      obj += w * this.e[6 * j];
      loss += w * this.loss.value(c.mx[j], c.my[j]);
    }
    let ca = 0;
    let cb = 0;
    let cc = 0;
    for (let j = 0; j < c.k; j++) {
      const w = Math.exp(c.logw[j]);
      const dx = c.mx[j] - mx;
      const dy = c.my[j] - my;
      ca += w * (c.ca[j] + dx * dx);
      cb += w * (c.cb[j] + dx * dy);
      cc += w * (c.cc[j] + dy * dy);
    }
    const det = ca * cc - cb * cb;
    f[o] = step;
    f[o + 1] = mx;
    f[o + 2] = my;
    f[o + 3] = cc / det;
    f[o + 4] = -cb / det;
    f[o + 5] = ca / det;
    f[o + 6] = ca;
    f[o + 7] = cb;
    f[o + 8] = cc;
    f[o + 9] = loss;
    // With the delta method Eₖ[log q] is taken at mₖ, which misses the −1 per dimension of a
    // Gaussian's E[log N] = log N(m) − 1: add it back so the objective matches the Gaussian one.
    f[o + 10] = this.spec.temperature * (obj - (this.spec.expectation === 'delta' ? 1 : 0));
    for (let j = 0; j < c.k; j++) {
      const b = o + FRAME_STRIDE + COMPONENT_STRIDE * j;
      f[b + C.weight] = Math.exp(c.logw[j]);
      f[b + C.mx] = c.mx[j];
      f[b + C.my] = c.my[j];
      f[b + C.sa] = c.sa[j];
      f[b + C.sb] = c.sb[j];
      f[b + C.sc] = c.sc[j];
      f[b + C.ca] = c.ca[j];
      f[b + C.cb] = c.cb[j];
      f[b + C.cc] = c.cc[j];
    }
    return null;
  }

  step(step: number): Failure | null {
    const c = this.c;
    const rho = this.spec.rho;
    const e = this.e;
    const last = 6 * (c.k - 1);
    const fK = e[last];
    for (let j = 0; j < c.k; j++) {
      const o = 6 * j;
      const ga = e[o + 3];
      const gb = e[o + 4];
      const gc = e[o + 5];
      let sa: number;
      let sb: number;
      let sc: number;
      if (this.spec.improved) {
        improvedPrecision(c.sa[j], c.sb[j], c.sc[j], c.ca[j], c.cb[j], c.cc[j], ga, gb, gc, rho, this.improvedOut);
        sa = this.improvedOut[0];
        sb = this.improvedOut[1];
        sc = this.improvedOut[2];
      } else {
        sa = c.sa[j] + rho * ga;
        sb = c.sb[j] + rho * gb;
        sc = c.sc[j] + rho * gc;
      }
      if (!isPosDef2(sa, sb, sc)) {
        return {
          reason: `component ${j + 1}'s precision stopped being positive definite at step ${step}`,
          remedy: this.spec.improved ? 'use a smaller rho' : 'set improved: true (Lin et al. 2020), or use a smaller rho',
        };
      }
      this.setPrecision(j, sa, sb, sc);
      const g1 = e[o + 1];
      const g2 = e[o + 2];
      c.mx[j] -= rho * (c.ca[j] * g1 + c.cb[j] * g2);
      c.my[j] -= rho * (c.cb[j] * g1 + c.cc[j] * g2);
      c.logw[j] -= rho * (e[o] - fK);
      if (!Number.isFinite(c.mx[j] + c.my[j]) || Math.abs(c.mx[j]) > RUNAWAY || Math.abs(c.my[j]) > RUNAWAY) {
        return { reason: `component ${j + 1}'s mean ran away at step ${step} (at ${fmt(c.mx[j])}, ${fmt(c.my[j])})`, remedy: 'use a smaller rho' };
      }
    }
    // Normalise the weights: v = log π.
    let max = -Infinity;
    for (let j = 0; j < c.k; j++) max = Math.max(max, c.logw[j]);
    let z = 0;
    for (let j = 0; j < c.k; j++) z += Math.exp(c.logw[j] - max);
    const lz = max + Math.log(z);
    for (let j = 0; j < c.k; j++) c.logw[j] -= lz;
    if (!Number.isFinite(lz)) return { reason: `the mixture weights are no longer finite at step ${step}`, remedy: 'use a smaller rho' };
    return null;
  }
}
