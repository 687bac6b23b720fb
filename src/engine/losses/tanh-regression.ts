import { TANH_TRUE_WEIGHTS } from '../data';
import type { Loss } from './loss';

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
  const evaluate = (w1: number, w2: number, out: Float64Array) => {
    let f = 0.5 * d * (w1 * w1 + w2 * w2);
    let g1 = d * w1;
    let g2 = d * w2;
    let h11 = d;
    let h12 = 0;
    let h22 = d;
    for (let i = 0; i < n; i++) {
      example(i, w1, w2, tmp);
      f += tmp[0];
      g1 += tmp[1];
      g2 += tmp[2];
      h11 += tmp[3];
      h12 += tmp[4];
      h22 += tmp[5];
    }
    out[0] = f;
    out[1] = g1;
    out[2] = g2;
    out[3] = h11;
    out[4] = h12;
    out[5] = h22;
  };
  const out = new Float64Array(6);
  // The minimiser near the generating weights, by damped Newton (both signs are minima).
  let w1 = TANH_TRUE_WEIGHTS[0];
  let w2 = TANH_TRUE_WEIGHTS[1];
  for (let it = 0; it < 200; it++) {
    evaluate(w1, w2, out);
    const det = out[3] * out[5] - out[4] * out[4];
    if (!(out[3] > 0 && det > 0)) break;
    const d1 = (out[5] * out[1] - out[4] * out[2]) / det;
    const d2 = (out[3] * out[2] - out[4] * out[1]) / det;
    w1 -= d1;
    w2 -= d2;
    if (Math.abs(d1) + Math.abs(d2) < 1e-13) break;
  }
  const found = Number.isFinite(w1 + w2);
  return {
    label: 'tanh-regression',
    value(a, b) {
      evaluate(a, b, out);
      return out[0];
    },
    evaluate,
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
