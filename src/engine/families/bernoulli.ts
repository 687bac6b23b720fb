/**
 * Bernoulli candidates on binary weights θ ∈ {−1, +1}² (Meng, Bachmann & Khan, ICML 2020;
 * Khan & Rue 2023, §4.6): q(θ) ∝ exp(λᵀθ), natural parameters λ = ½ logit p, expectation
 * parameters μ = E[θ] = tanh λ, p = P(θⱼ = +1). The BLR step, with the book's temperature
 * convention and a uniform prior (λ₀ = 0), is
 *   λ' = (1 − ρ)λ − (ρ/τ) ĝ,      ĝ ≈ ∇_μ E_q[ℓ̄]
 * (α = ρ/τ unless given), and without the entropy (`entropy: false`) λ' = λ − α ĝ.
 * The estimate ĝ:
 *   "exact"  E_q[ℓ̄] = Σ_corners Πⱼ (1 + cⱼμⱼ)/2 ℓ̄(c) is linear in each μⱼ, so ∇_μ is exact;
 *   "mc"     the concrete relaxation: δ = ½ log(u/(1−u)), w = tanh((λ + δ)/t),
 *            ĝ = [(1 − w²)/(t(1 − μ²))] ∘ ∇ℓ̄(w), averaged over samples (BayesBiNN);
 *   "delta"  ∇ℓ̄(sign λ): the straight-through estimator's gradient at the mode.
 */
import { B, BERNOULLI_STRIDE, fmt, type Failure, type Kernel } from '../kernel';
import type { Loss } from '../losses/loss';
import { createRng, type Rng } from '../rng';
import type { RunSpec } from '../spec';

/** sign with sign(0) = +1, the binary network's forward pass. */
const sgn = (v: number) => (v >= 0 ? 1 : -1);

/** Binary entropy of θⱼ ∈ {±1} with P(+1) = p, in nats. */
function entropy1(p: number): number {
  const a = p > 0 ? -p * Math.log(p) : 0;
  const b = p < 1 ? -(1 - p) * Math.log(1 - p) : 0;
  return a + b;
}

/** P(θⱼ = +1) = σ(2λ), stable for large |λ|. */
const prob = (l: number) => 1 / (1 + Math.exp(-2 * l));

/** E_q[ℓ̄] and ∇_μ E_q[ℓ̄] by summing over the four corners, into out[0..2]. */
export function bernoulliExpectation(loss: Loss, mu1: number, mu2: number, out: Float64Array): void {
  let e = 0;
  let d1 = 0;
  let d2 = 0;
  for (const c1 of [-1, 1]) {
    for (const c2 of [-1, 1]) {
      const v = loss.value(c1, c2);
      const a = (1 + c1 * mu1) / 2;
      const b = (1 + c2 * mu2) / 2;
      e += a * b * v;
      d1 += (c1 / 2) * b * v;
      d2 += a * (c2 / 2) * v;
    }
  }
  out[0] = e;
  out[1] = d1;
  out[2] = d2;
}

export class BernoulliKernel implements Kernel {
  readonly stride = BERNOULLI_STRIDE;
  private l1: number;
  private l2: number;
  private readonly g = new Float64Array(3);
  private readonly tmp = new Float64Array(6);
  private readonly ex = new Float64Array(3);
  private readonly rng: Rng;
  private readonly alpha: number;

  constructor(
    private readonly spec: RunSpec,
    private readonly loss: Loss,
  ) {
    this.l1 = Math.atanh(spec.init.mean[0]);
    this.l2 = Math.atanh(spec.init.mean[1]);
    this.rng = createRng(spec.seed);
    this.alpha = spec.alpha ?? spec.rho / spec.temperature;
  }

  /** ĝ ≈ ∇_μ E_q[ℓ̄] into this.g[1..2] by the spec's estimator. */
  private estimate(): void {
    const { g, tmp } = this;
    const mu1 = Math.tanh(this.l1);
    const mu2 = Math.tanh(this.l2);
    if (this.spec.expectation === 'exact') {
      bernoulliExpectation(this.loss, mu1, mu2, g);
      return;
    }
    if (this.spec.expectation === 'delta') {
      this.loss.evaluate(sgn(this.l1), sgn(this.l2), tmp);
      g[1] = tmp[1];
      g[2] = tmp[2];
      return;
    }
    const t = this.spec.relax;
    const n = this.spec.samples;
    let s1 = 0;
    let s2 = 0;
    for (let k = 0; k < n; k++) {
      const u1 = this.uniform();
      const u2 = this.uniform();
      const w1 = Math.tanh((this.l1 + 0.5 * Math.log(u1 / (1 - u1))) / t);
      const w2 = Math.tanh((this.l2 + 0.5 * Math.log(u2 / (1 - u2))) / t);
      this.loss.evaluate(w1, w2, tmp);
      s1 += ((1 - w1 * w1) / (t * (1 - mu1 * mu1))) * tmp[1];
      s2 += ((1 - w2 * w2) / (t * (1 - mu2 * mu2))) * tmp[2];
    }
    g[1] = s1 / n;
    g[2] = s2 / n;
  }

  /** Uniform on (0, 1): never 0, so the logistic noise stays finite. */
  private uniform(): number {
    let u = this.rng.uniform();
    while (u === 0) u = this.rng.uniform();
    return u;
  }

  record(f: Float64Array, o: number, step: number): Failure | null {
    this.estimate();
    const mu1 = Math.tanh(this.l1);
    const mu2 = Math.tanh(this.l2);
    const ex = this.ex;
    bernoulliExpectation(this.loss, mu1, mu2, ex);
    const p1 = prob(this.l1);
    const p2 = prob(this.l2);
    const h = entropy1(p1) + entropy1(p2);
    const lossAtMode = this.loss.value(sgn(this.l1), sgn(this.l2));
    if (!Number.isFinite(this.g[1] + this.g[2] + ex[0] + lossAtMode)) {
      return {
        reason: `the loss or its gradient is not finite for q at step ${step}`,
        remedy: step === 0 ? 'use a loss that is finite on [−1, 1]²' : 'use a smaller rho or alpha, or a larger relaxation temperature',
      };
    }
    // Var θⱼ = 1 − μⱼ² = 4p(1 − p), kept representable when q is nearly a point mass.
    const v1 = Math.max(4 * p1 * (1 - p1), 1e-300);
    const v2 = Math.max(4 * p2 * (1 - p2), 1e-300);
    f[o] = step;
    f[o + 1] = mu1;
    f[o + 2] = mu2;
    f[o + 3] = 1 / v1;
    f[o + 4] = 0;
    f[o + 5] = 1 / v2;
    f[o + 6] = v1;
    f[o + 7] = 0;
    f[o + 8] = v2;
    f[o + 9] = lossAtMode;
    f[o + 10] = ex[0] - (this.spec.entropy ? this.spec.temperature * h : 0);
    f[o + B.lx] = this.l1;
    f[o + B.ly] = this.l2;
    f[o + B.px] = p1;
    f[o + B.py] = p2;
    return null;
  }

  step(step: number): Failure | null {
    const keep = this.spec.entropy ? 1 - this.spec.rho : 1;
    this.l1 = keep * this.l1 - this.alpha * this.g[1];
    this.l2 = keep * this.l2 - this.alpha * this.g[2];
    if (!Number.isFinite(this.l1 + this.l2) || Math.abs(this.l1) > 1e6 || Math.abs(this.l2) > 1e6) {
      return { reason: `λ ran away at step ${step} (λ = ${fmt(this.l1)}, ${fmt(this.l2)})`, remedy: 'use a smaller rho or alpha' };
    }
    return null;
  }
}
