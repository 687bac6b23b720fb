import { sumOverData, type Loss } from './loss';

export interface GmmParams {
  x: readonly number[];
  /** Known variance σ² of both components. */
  variance: number;
  /** δ of the Gaussian prior on the two means. */
  priorPrecision: number;
}

/**
 * The negative log marginal likelihood of a 1-D mixture ½N(μ₁, σ²) + ½N(μ₂, σ²) in its two
 * means θ = (μ₁, μ₂), plus a Gaussian prior: ℓ̄(θ) = −Σᵢ log Σₖ ½N(xᵢ; μₖ, σ²) + (δ/2)‖θ‖².
 * With responsibilities rᵢₖ ∝ N(xᵢ; μₖ, σ²) and aᵢₖ = (xᵢ − μₖ)/σ²:
 *   ∂ℓᵢ/∂μₖ = −rᵢₖaᵢₖ,  ∂²ℓᵢ/∂μₖ∂μⱼ = δₖⱼ rᵢₖ/σ² − rᵢₖ(δₖⱼ − rᵢⱼ)aᵢₖaᵢⱼ,
 * and the expected complete-data Hessian (EM's) is diag(rᵢ₁, rᵢ₂)/σ². Symmetric under μ₁ ↔ μ₂
 * (label switching), so it has two mirror-image minima.
 */
/**
 * EM's E-step for one point x of ½N(μ₁, σ²) + ½N(μ₂, σ²): its responsibility
 * r₁ = N(x; μ₁, σ²)/(N(x; μ₁, σ²) + N(x; μ₂, σ²)) (Bishop 2006, eq. 9.23; r₂ = 1 − r₁) and
 * its loss −log(½N(x; μ₁, σ²) + ½N(x; μ₂, σ²)).
 */
export function gmmResponsibility(x: number, m1: number, m2: number, variance: number): { r1: number; value: number } {
  const l1 = -((x - m1) ** 2) / (2 * variance);
  const l2 = -((x - m2) ** 2) / (2 * variance);
  // Shifted by the larger exponent, so far-out points neither overflow nor give 0/0.
  const mx = Math.max(l1, l2);
  const e1 = Math.exp(l1 - mx);
  const e2 = Math.exp(l2 - mx);
  // −log(½N₁ + ½N₂) = −mx − log(e1 + e2) + log 2 + ½ log(2πσ²)
  return { r1: e1 / (e1 + e2), value: -mx - Math.log(e1 + e2) + Math.log(2) + 0.5 * Math.log(2 * Math.PI * variance) };
}

export function createGmmLoss(p: GmmParams): Loss {
  const xs = Float64Array.from(p.x);
  const n = xs.length;
  const s2 = p.variance;
  const d = p.priorPrecision;
  const resp = (xi: number, m1: number, m2: number) => gmmResponsibility(xi, m1, m2, s2);
  const example = (i: number, m1: number, m2: number, out: Float64Array) => {
    const xi = xs[i];
    const { r1, value } = resp(xi, m1, m2);
    const r2 = 1 - r1;
    const a1 = (xi - m1) / s2;
    const a2 = (xi - m2) / s2;
    out[0] = value;
    out[1] = -r1 * a1;
    out[2] = -r2 * a2;
    out[3] = r1 / s2 - r1 * r2 * a1 * a1;
    out[4] = r1 * r2 * a1 * a2;
    out[5] = r2 / s2 - r1 * r2 * a2 * a2;
  };
  const tmp = new Float64Array(6);
  const evaluate = (m1: number, m2: number, out: Float64Array) => sumOverData(n, example, d, m1, m2, out, tmp);
  // The minimiser with μ₁ < μ₂, by EM itself from the data's quartiles (it converges monotonically).
  const sorted = Array.from(xs).sort((a, b) => a - b);
  let m1 = sorted[Math.floor(n / 4)] ?? -1;
  let m2 = sorted[Math.floor((3 * n) / 4)] ?? 1;
  for (let it = 0; it < 2000; it++) {
    let a = 0;
    let b = 0;
    let c = 0;
    let e = 0;
    for (let i = 0; i < n; i++) {
      const { r1 } = resp(xs[i], m1, m2);
      a += r1 * xs[i];
      b += r1;
      c += (1 - r1) * xs[i];
      e += 1 - r1;
    }
    const n1 = a / (b + d * s2);
    const n2 = c / (e + d * s2);
    const done = Math.abs(n1 - m1) + Math.abs(n2 - m2) < 1e-14;
    m1 = n1;
    m2 = n2;
    if (done) break;
  }
  const lo = Math.min(m1, m2);
  const hi = Math.max(m1, m2);
  const gmm: Loss = {
    label: 'gmm',
    value(a, b) {
      // The loss alone, in one pass: −Σ log(e^{l₁} + e^{l₂}) shifted by the larger exponent,
      // plus n(log 2 + ½ log 2πσ²) and the prior (the grid posterior evaluates only this).
      let f = 0.5 * d * (a * a + b * b) + n * (Math.LN2 + 0.5 * Math.log(2 * Math.PI * s2));
      const k = -0.5 / s2;
      for (let i = 0; i < n; i++) {
        const xi = xs[i];
        const l1 = k * (xi - a) * (xi - a);
        const l2 = k * (xi - b) * (xi - b);
        f -= l1 > l2 ? l1 + Math.log1p(Math.exp(l2 - l1)) : l2 + Math.log1p(Math.exp(l1 - l2));
      }
      return f;
    },
    evaluate,
    // −Σᵢ log(e^{l₁ᵢ(μ₁)} + e^{l₂ᵢ(μ₂)}) = −log Πᵢ(E₁ᵢ + E₂ᵢ): the exponentials once per column
    // and per row, then one product per lattice point (rescaled before it can underflow).
    lattice(as, bs, o) {
      const k = -0.5 / s2;
      const c0 = n * (Math.LN2 + 0.5 * Math.log(2 * Math.PI * s2));
      const expTable = (v: Float64Array) => {
        const e = new Float64Array(v.length * n);
        for (let c = 0; c < v.length; c++) for (let i = 0; i < n; i++) e[c * n + i] = Math.exp(k * (xs[i] - v[c]) * (xs[i] - v[c]));
        return e;
      };
      const ea = expTable(as);
      const eb = expTable(bs);
      const nx = as.length;
      for (let r = 0; r < bs.length; r++) {
        const b = bs[r];
        const rb = r * n;
        for (let c = 0; c < nx; c++) {
          const a = as[c];
          const ca = c * n;
          let prod = 1;
          let logs = 0;
          let far = false;
          for (let i = 0; i < n; i++) {
            const f = ea[ca + i] + eb[rb + i];
            // A factor this small means both means lie far from xᵢ: the shifted pointwise form then.
            if (f < 1e-140) {
              far = true;
              break;
            }
            prod *= f;
            if (prod < 1e-150) {
              logs += Math.log(prod);
              prod = 1;
            }
          }
          o[r * nx + c] = far ? gmm.value(a, b) : 0.5 * d * (a * a + b * b) + c0 - logs - Math.log(prod);
        }
      }
    },
    minimiser: [lo, hi],
    minima: [[lo, hi], [hi, lo]],
    view: [-4.5, 4.5, -4.5, 4.5],
    data: {
      n,
      priorPrecision: d,
      example,
      completeData(i, a, b, o) {
        const { r1 } = resp(xs[i], a, b);
        o[0] = r1 / s2;
        o[1] = 0;
        o[2] = (1 - r1) / s2;
      },
    },
  };
  return gmm;
}
