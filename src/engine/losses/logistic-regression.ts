import { gaussianRule } from '../quadrature';
import type { Loss } from './loss';

export interface LogisticRegressionParams {
  x: readonly number[];
  y: readonly number[];
  priorPrecision: number;
}

/**
 * Gauss–Hermite nodes per logit. Softplus has branch points at ±iπ (1 + eᵃ = 0), so wide Gaussians converge slowly:
 * 256 nodes keep E[softplus], E[σ] and E[σ'] within 1e-8 for logit variances up to 20 (the
 * test compares against a fine trapezoid rule); 32 nodes are off by ~1e-3 there.
 */
export const LOGISTIC_GH_NODES = 256;

let rule: { t: Float64Array; w: Float64Array } | null = null;
function logitRule() {
  if (!rule) {
    const g = gaussianRule(LOGISTIC_GH_NODES);
    // Drop nodes whose weight cannot change a double: the integrands grow at most linearly.
    const keep: number[] = [];
    for (let i = 0; i < g.weights.length; i++) if (g.weights[i] > 1e-24) keep.push(i);
    rule = { t: Float64Array.from(keep, (i) => g.nodes[i]), w: Float64Array.from(keep, (i) => g.weights[i]) };
  }
  return rule;
}

/**
 * E[softplus(a)], E[σ(a)] and E[σ'(a)] for a ~ N(mean, sd²) into out[0..2], by Gauss–Hermite
 * with LOGISTIC_GH_NODES nodes.
 */
export function expectLogit(mean: number, sd: number, out: Float64Array): void {
  const { t, w } = logitRule();
  let esp = 0;
  let es = 0;
  let ec = 0;
  for (let k = 0; k < t.length; k++) {
    const a = mean + sd * t[k];
    // One exponential serves softplus, σ and σ' = σ(1 − σ).
    const e = Math.exp(-Math.abs(a));
    const s = a >= 0 ? 1 / (1 + e) : e / (1 + e);
    // biome-ignore lint/complexity/useMathMinMax: max(a, 0) written so that a NaN gives 0, as Math.max would not
    esp += w[k] * ((a > 0 ? a : 0) + Math.log1p(e));
    es += w[k] * s;
    ec += w[k] * s * (1 - s);
  }
  out[0] = esp;
  out[1] = es;
  out[2] = ec;
}

/** softplus(a) = log(1 + eᵃ), computed without overflow. */
export function softplus(a: number): number {
  return a > 0 ? a + Math.log1p(Math.exp(-a)) : Math.log1p(Math.exp(a));
}

/** σ(a) = 1/(1 + e⁻ᵃ), computed without overflow. */
export function sigmoid(a: number): number {
  if (a >= 0) return 1 / (1 + Math.exp(-a));
  const e = Math.exp(a);
  return e / (1 + e);
}

/**
 * Bayesian logistic regression with features (xᵢ, 1) and yᵢ ∈ {0, 1}:
 * ℓ̄(θ) = Σ [softplus(θᵀxᵢ) − yᵢ θᵀxᵢ] + (δ/2)‖θ‖². Gaussian expectations reduce to
 * one-dimensional integrals over each logit aᵢ ~ N(mᵀxᵢ, xᵢᵀΣxᵢ), done by Gauss–Hermite.
 */
export function createLogisticRegressionLoss(p: LogisticRegressionParams): Loss {
  const xs = Float64Array.from(p.x);
  const ys = Float64Array.from(p.y);
  const n = xs.length;
  const d = p.priorPrecision;
  const scratch = new Float64Array(3);
  /**
   * Σᵢ over the data of softplus(aᵢ) − yᵢaᵢ and its derivatives, plus the prior, with
   * aᵢ = θᵀxᵢ ~ N(uxᵢ + v, xᵢᵀΣxᵢ). Σ = 0 gives the loss at (u, v) itself: the per-point terms
   * are then evaluated directly instead of by quadrature.
   */
  const accumulate = (u: number, v: number, suu: number, suv: number, svv: number, o: Float64Array) => {
    const pointwise = suu === 0 && suv === 0 && svv === 0;
    let f = 0.5 * d * (u * u + v * v + suu + svv);
    let gu = d * u;
    let gv = d * v;
    let huu = d;
    let huv = 0;
    let hvv = d;
    for (let i = 0; i < n; i++) {
      const xi = xs[i];
      const mean = u * xi + v;
      if (pointwise) {
        const s = sigmoid(mean);
        scratch[0] = softplus(mean);
        scratch[1] = s;
        scratch[2] = s * (1 - s);
      } else expectLogit(mean, Math.sqrt(suu * xi * xi + 2 * suv * xi + svv), scratch);
      const r = scratch[1] - ys[i];
      const c = scratch[2];
      f += scratch[0] - ys[i] * mean;
      gu += r * xi;
      gv += r;
      huu += c * xi * xi;
      huv += c * xi;
      hvv += c;
    }
    o[0] = f;
    o[1] = gu;
    o[2] = gv;
    o[3] = huu;
    o[4] = huv;
    o[5] = hvv;
  };
  const evaluate = (u: number, v: number, out: Float64Array) => accumulate(u, v, 0, 0, 0, out);
  const out = new Float64Array(6);
  /** The loss alone (the grid posterior evaluates only this): Σ softplus(aᵢ) − yᵢaᵢ + (δ/2)‖θ‖². */
  const value = (u: number, v: number) => {
    let f = 0.5 * d * (u * u + v * v);
    for (let i = 0; i < n; i++) {
      const a = u * xs[i] + v;
      f += softplus(a) - ys[i] * a;
    }
    return f;
  };
  // The MAP estimate by Newton's method: ℓ̄ is strictly convex when δ > 0.
  let mu = 0;
  let mv = 0;
  for (let it = 0; it < 100; it++) {
    evaluate(mu, mv, out);
    const det = out[3] * out[5] - out[4] * out[4];
    const du = (out[5] * out[1] - out[4] * out[2]) / det;
    const dv = (out[3] * out[2] - out[4] * out[1]) / det;
    mu -= du;
    mv -= dv;
    if (Math.abs(du) + Math.abs(dv) < 1e-13) break;
  }
  const minimiser: [number, number] | undefined = Number.isFinite(mu + mv) ? [mu, mv] : undefined;
  const cu = minimiser ? mu : 0;
  const cv = minimiser ? mv : 0;
  return {
    label: 'logistic-regression',
    value,
    evaluate,
    // Σᵢ softplus(uxᵢ + v) = log Πᵢ(1 + e^{uxᵢ}e^{v}): exponentials once per column and row, one
    // product per lattice point (rescaled before it overflows); Σ yᵢaᵢ = uΣyᵢxᵢ + vΣyᵢ. Logits
    // beyond ±600 would overflow e^{a}: the loop over `value` then.
    lattice(us, vs, o) {
      let maxX = 0;
      let sy = 0;
      let syx = 0;
      for (let i = 0; i < n; i++) {
        maxX = Math.max(maxX, Math.abs(xs[i]));
        sy += ys[i];
        syx += ys[i] * xs[i];
      }
      let maxU = 0;
      let maxV = 0;
      for (const u of us) maxU = Math.max(maxU, Math.abs(u));
      for (const v of vs) maxV = Math.max(maxV, Math.abs(v));
      const nx = us.length;
      if (maxU * maxX + maxV > 600) {
        for (let r = 0; r < vs.length; r++) for (let c = 0; c < nx; c++) o[r * nx + c] = value(us[c], vs[r]);
        return;
      }
      const eu = new Float64Array(nx * n);
      for (let c = 0; c < nx; c++) for (let i = 0; i < n; i++) eu[c * n + i] = Math.exp(us[c] * xs[i]);
      for (let r = 0; r < vs.length; r++) {
        const v = vs[r];
        const ev = Math.exp(v);
        for (let c = 0; c < nx; c++) {
          const u = us[c];
          const cu = c * n;
          let prod = 1;
          let logs = 0;
          for (let i = 0; i < n; i++) {
            prod *= 1 + eu[cu + i] * ev;
            if (prod > 1e250) {
              logs += Math.log(prod);
              prod = 1;
            }
          }
          o[r * nx + c] = logs + Math.log(prod) - u * syx - v * sy + 0.5 * d * (u * u + v * v);
        }
      }
    },
    expect: accumulate,
    minimiser,
    view: [cu - 4, cu + 4, cv - 4, cv + 4],
    data: {
      n,
      priorPrecision: d,
      example(i, u, v, o) {
        const xi = xs[i];
        const a = u * xi + v;
        const s = sigmoid(a);
        const r = s - ys[i];
        const c = s * (1 - s);
        o[0] = softplus(a) - ys[i] * a;
        o[1] = r * xi;
        o[2] = r;
        o[3] = c * xi * xi;
        o[4] = c * xi;
        o[5] = c;
      },
      // The logistic log-loss is a GLM with the canonical link: its Hessian is its GGN.
      gaussNewton(i, u, v, o) {
        const xi = xs[i];
        const s = sigmoid(u * xi + v);
        const c = s * (1 - s);
        o[0] = c * xi * xi;
        o[1] = c * xi;
        o[2] = c;
      },
    },
  };
}
