import { TANH_TRUE_WEIGHTS } from '../data';
import { sumOverData, type Loss } from './loss';

export interface TanhRegressionParams {
  x: readonly number[];
  y: readonly number[];
  noiseVariance: number;
  priorPrecision: number;
}

/**
 * A two-weight "network" f(x) = w₂ tanh(w₁ x) with squared loss and a Gaussian prior:
 * ℓ̄(w) = Σ (yᵢ − f(xᵢ))²/(2σ²) + (δ/2)‖w‖². Non-convex, and symmetric under w → −w, so it
 * has two mirror-image minima — the smallest loss that behaves like a neural network's.
 * With rᵢ = f(xᵢ) − yᵢ and Jᵢ = ∂f/∂w = (w₂xᵢ(1 − tᵢ²), tᵢ), tᵢ = tanh(w₁xᵢ):
 * ∇ℓᵢ = rᵢJᵢ/σ², ∇²ℓᵢ = (JᵢJᵢᵀ + rᵢ∇²f)/σ², and the Gauss–Newton term is JᵢJᵢᵀ/σ².
 */
export function createTanhRegressionLoss(p: TanhRegressionParams): Loss {
  const xs = Float64Array.from(p.x);
  const ys = Float64Array.from(p.y);
  const n = xs.length;
  const s2 = p.noiseVariance;
  const d = p.priorPrecision;
  const example = (i: number, w1: number, w2: number, out: Float64Array) => {
    const xi = xs[i];
    const t = Math.tanh(w1 * xi);
    const sech2 = 1 - t * t;
    const r = w2 * t - ys[i];
    const j1 = w2 * xi * sech2;
    const j2 = t;
    out[0] = (r * r) / (2 * s2);
    out[1] = (r * j1) / s2;
    out[2] = (r * j2) / s2;
    out[3] = (j1 * j1 + r * w2 * xi * xi * -2 * t * sech2) / s2;
    out[4] = (j1 * j2 + r * xi * sech2) / s2;
    out[5] = (j2 * j2) / s2;
  };
  const tmp = new Float64Array(6);
  const evaluate = (w1: number, w2: number, out: Float64Array) => sumOverData(n, example, d, w1, w2, out, tmp);
  const out = new Float64Array(6);
  // The minimiser near the generating weights (both signs are minima): Newton where the Hessian
  // is positive definite, gradient descent elsewhere, with a backtracking line search.
  let w1 = TANH_TRUE_WEIGHTS[0];
  let w2 = TANH_TRUE_WEIGHTS[1];
  for (let it = 0; it < 500; it++) {
    evaluate(w1, w2, out);
    const [f0, g1, g2, h11, h12, h22] = out;
    if (Math.hypot(g1, g2) < 1e-10 * (1 + Math.abs(f0))) break;
    const det = h11 * h22 - h12 * h12;
    let d1 = -g1;
    let d2 = -g2;
    if (h11 > 0 && det > 0) {
      d1 = -(h22 * g1 - h12 * g2) / det;
      d2 = -(h11 * g2 - h12 * g1) / det;
    }
    let t = 1;
    while (t > 1e-12) {
      evaluate(w1 + t * d1, w2 + t * d2, out);
      if (out[0] <= f0 + 1e-4 * t * (g1 * d1 + g2 * d2)) break;
      t *= 0.5;
    }
    w1 += t * d1;
    w2 += t * d2;
  }
  evaluate(w1, w2, out);
  const stationary = Math.hypot(out[1], out[2]) < 1e-6 * (1 + Math.abs(out[0]));
  const found = stationary && Number.isFinite(w1 + w2);
  return {
    label: 'tanh-regression',
    value(a, b) {
      // The loss alone (the grid posterior evaluates only this): Σ rᵢ²/(2σ²) + (δ/2)‖w‖².
      let f = 0;
      for (let i = 0; i < n; i++) {
        const r = b * Math.tanh(a * xs[i]) - ys[i];
        f += r * r;
      }
      return f / (2 * s2) + 0.5 * d * (a * a + b * b);
    },
    evaluate,
    // Σᵢ (w₂tᵢ − yᵢ)² = w₂²Σtᵢ² − 2w₂Σtᵢyᵢ + Σyᵢ² with tᵢ = tanh(w₁xᵢ): two sums per column w₁.
    lattice(w1s, w2s, o) {
      let yy = 0;
      for (let i = 0; i < n; i++) yy += ys[i] * ys[i];
      const nx = w1s.length;
      const tt = new Float64Array(nx);
      const ty = new Float64Array(nx);
      for (let c = 0; c < nx; c++) {
        let a = 0;
        let b = 0;
        for (let i = 0; i < n; i++) {
          const t = Math.tanh(w1s[c] * xs[i]);
          a += t * t;
          b += t * ys[i];
        }
        tt[c] = a;
        ty[c] = b;
      }
      const k = 1 / (2 * s2);
      for (let r = 0; r < w2s.length; r++) {
        const w2 = w2s[r];
        for (let c = 0; c < nx; c++) {
          const w1 = w1s[c];
          o[r * nx + c] = k * (w2 * w2 * tt[c] - 2 * w2 * ty[c] + yy) + 0.5 * d * (w1 * w1 + w2 * w2);
        }
      }
    },
    minimiser: found ? [w1, w2] : undefined,
    minima: found ? [[w1, w2], [-w1, -w2]] : undefined,
    view: [-3, 3, -3, 3],
    data: {
      n,
      priorPrecision: d,
      example,
      gaussNewton(i, a, b, o) {
        const xi = xs[i];
        const t = Math.tanh(a * xi);
        const j1 = b * xi * (1 - t * t);
        o[0] = (j1 * j1) / s2;
        o[1] = (j1 * t) / s2;
        o[2] = (t * t) / s2;
      },
    },
  };
}
