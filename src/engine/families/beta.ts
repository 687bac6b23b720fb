/**
 * Beta candidates for a coin's bias p ∈ (0, 1): the book's conjugate example outside the
 * Gaussian family (Khan & Rue 2023, §5.1). q(p) = Beta(α, β) is an exponential family with
 * statistics T(p) = (log p, log(1 − p)), natural parameters λ = (α − 1, β − 1), constant base
 * measure and expectation parameters μ = (ψ(α) − ψ(α + β), ψ(β) − ψ(α + β)). The loss
 * ℓ̄(p) = −(h + α₀ − 1) log p − (t + β₀ − 1) log(1 − p) (Bernoulli likelihood of h heads and t tails
 * plus a Beta(α₀, β₀) prior) is linear in T, so ∇_μ E_q[ℓ̄] = −(λ₀ + (h, t)) exactly and the BLR is
 *   λ' = (1 − ρ)λ + (ρ/τ)(λ₀ + (h, t)),
 * which with ρ = 1 (and τ = 1) is the exact posterior in one step. With `online`, step t sees the
 * first t flips: Bayes' rule one observation at a time. Every expectation is in closed form, so
 * the spec's `expectation` plays no part. q starts at `init.start` when given, else at the prior.
 *
 * Temperature, the book's one convention: the tempered target is p_τ ∝ exp(−ℓ̄/τ) with ℓ̄
 * including the prior's negative log, so the data AND the prior's pseudo-counts are divided by
 * τ: p_τ = Beta(1 + (h + α₀ − 1)/τ, 1 + (t + β₀ − 1)/τ), the fixed point of the step above.
 */
import { BETA, BETA_STRIDE, fmt, type Failure, type Kernel } from '../kernel';

export { BETA, BETA_STRIDE };
import type { RunSpec } from '../spec';


/** log Γ(x) for x > 0 (Lanczos, g = 7, n = 9; ~15 digits). */
export function lgamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lgamma(1 - x);
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  const z = x - 1;
  let a = c[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** ψ(x) = d log Γ/dx for x > 0: recurrence up to x ≥ 10, then the asymptotic series. */
export function digamma(x: number): number {
  let r = 0;
  while (x < 10) {
    r -= 1 / x;
    x += 1;
  }
  const f = 1 / (x * x);
  return r + Math.log(x) - 0.5 / x - f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f / 132))));
}

/** log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b). */
export function lbeta(a: number, b: number): number {
  return lgamma(a) + lgamma(b) - lgamma(a + b);
}

/** Entropy of Beta(a, b) in nats. */
export function betaEntropy(a: number, b: number): number {
  return lbeta(a, b) - (a - 1) * digamma(a) - (b - 1) * digamma(b) + (a + b - 2) * digamma(a + b);
}

/** KL(Beta(a, b) ‖ Beta(c, d)). */
export function betaKl(a: number, b: number, c: number, d: number): number {
  return lbeta(c, d) - lbeta(a, b) + (a - c) * digamma(a) + (b - d) * digamma(b) + (c - a + d - b) * digamma(a + b);
}

/** The tempered target exp(−ℓ̄/τ) for all the flips, as Beta(α*, β*). */
export function betaTarget(spec: RunSpec, heads: number, tails: number): [number, number] {
  const [a0, b0] = spec.init.mean;
  const tau = spec.temperature;
  return [1 + (heads + a0 - 1) / tau, 1 + (tails + b0 - 1) / tau];
}

export class BetaKernel implements Kernel {
  readonly stride = BETA_STRIDE;
  private l1: number;
  private l2: number;
  private readonly flips: readonly number[];
  private readonly heads: number;
  private readonly tails: number;

  constructor(private readonly spec: RunSpec) {
    if (spec.loss.kind !== 'coin') throw new Error('family "beta" needs the loss "coin"');
    this.flips = spec.loss.flips;
    this.heads = this.flips.reduce((s, y) => s + y, 0);
    this.tails = this.flips.length - this.heads;
    // Start from init.start = (α, β), or else the prior Beta(α₀, β₀) (init.mean holds (α₀, β₀)).
    const [a, b] = spec.init.start ?? spec.init.mean;
    this.l1 = a - 1;
    this.l2 = b - 1;
  }

  /** Heads and tails the step numbered `step` sees (all of them unless online). */
  private seen(step: number): [number, number] {
    if (!this.spec.online) return [this.heads, this.tails];
    let h = 0;
    const n = Math.min(step, this.flips.length);
    for (let i = 0; i < n; i++) h += this.flips[i];
    return [h, n - h];
  }

  record(f: Float64Array, o: number, step: number): Failure | null {
    const a = this.l1 + 1;
    const b = this.l2 + 1;
    const [h, t] = this.seen(step);
    const [a0, b0] = this.spec.init.mean;
    const mean = a / (a + b);
    const v = (a * b) / ((a + b) ** 2 * (a + b + 1));
    const dab = digamma(a + b);
    // E_q[ℓ̄] with ℓ̄ for the data seen so far: −(h + α₀ − 1)E[log p] − (t + β₀ − 1)E[log(1 − p)].
    const el = -(h + a0 - 1) * (digamma(a) - dab) - (t + b0 - 1) * (digamma(b) - dab);
    const loss = -(h + a0 - 1) * Math.log(mean) - (t + b0 - 1) * Math.log(1 - mean);
    f[o] = step;
    f[o + 1] = mean;
    f[o + 2] = 0;
    f[o + 3] = 1 / v;
    f[o + 4] = 0;
    f[o + 5] = 1;
    f[o + 6] = v;
    f[o + 7] = 0;
    f[o + 8] = 1;
    f[o + 9] = loss;
    f[o + 10] = el - this.spec.temperature * betaEntropy(a, b);
    f[o + BETA.alpha] = a;
    f[o + BETA.beta] = b;
    f[o + BETA.heads] = h;
    f[o + BETA.tails] = t;
    return null;
  }

  step(step: number): Failure | null {
    const [h, t] = this.seen(step);
    const [a0, b0] = this.spec.init.mean;
    const rho = this.spec.rho;
    const k = rho / this.spec.temperature;
    this.l1 = (1 - rho) * this.l1 + k * (a0 - 1 + h);
    this.l2 = (1 - rho) * this.l2 + k * (b0 - 1 + t);
    if (!(this.l1 > -1 && this.l2 > -1) || !Number.isFinite(this.l1 + this.l2)) {
      return { reason: `q left the Beta family at step ${step} (α = ${fmt(this.l1 + 1)}, β = ${fmt(this.l2 + 1)})`, remedy: 'use a prior with α₀, β₀ ≥ 1' };
    }
    return null;
  }

}
