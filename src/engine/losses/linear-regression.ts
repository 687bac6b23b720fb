import type { Loss } from './loss';

export interface LinearRegressionParams {
  x: readonly number[];
  y: readonly number[];
  noiseVariance: number;
  priorPrecision: number;
}

/**
 * Bayesian linear regression with features (1, xᵢ):
 * ℓ̄(θ) = Σ (yᵢ − θᵀxᵢ)²/(2σ²) + (δ/2)‖θ‖² = ½ θᵀAθ − bᵀθ + c,
 * A = XᵀX/σ² + δI, b = Xᵀy/σ². The exact posterior is N(A⁻¹b, A⁻¹) (Khan & Rue 2023, §3.1).
 */
export function createLinearRegressionLoss(p: LinearRegressionParams): Loss {
  const s2 = p.noiseVariance;
  const d = p.priorPrecision;
  let sx = 0;
  let sxx = 0;
  let sy = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < p.x.length; i++) {
    sx += p.x[i];
    sxx += p.x[i] * p.x[i];
    sy += p.y[i];
    sxy += p.x[i] * p.y[i];
    syy += p.y[i] * p.y[i];
  }
  const a11 = p.x.length / s2 + d;
  const a12 = sx / s2;
  const a22 = sxx / s2 + d;
  const b1 = sy / s2;
  const b2 = sxy / s2;
  const c0 = syy / (2 * s2);
  const det = a11 * a22 - a12 * a12;
  const mx = (a22 * b1 - a12 * b2) / det;
  const my = (a11 * b2 - a12 * b1) / det;
  const value = (x: number, y: number) => 0.5 * (a11 * x * x + 2 * a12 * x * y + a22 * y * y) - b1 * x - b2 * y + c0;
  const r = Math.max(1.5, 4 * Math.sqrt(Math.max(a11, a22) / det));
  return {
    label: 'linear-regression',
    value,
    evaluate(x, y, out) {
      out[0] = value(x, y);
      out[1] = a11 * x + a12 * y - b1;
      out[2] = a12 * x + a22 * y - b2;
      out[3] = a11;
      out[4] = a12;
      out[5] = a22;
    },
    expect(x, y, vxx, vxy, vyy, out) {
      out[0] = value(x, y) + 0.5 * (a11 * vxx + 2 * a12 * vxy + a22 * vyy);
      out[1] = a11 * x + a12 * y - b1;
      out[2] = a12 * x + a22 * y - b2;
      out[3] = a11;
      out[4] = a12;
      out[5] = a22;
    },
    minimiser: [mx, my],
    view: [mx - r, mx + r, my - r, my + r],
    data: {
      n: p.x.length,
      priorPrecision: d,
      example(i, u, v, out) {
        const xi = p.x[i];
        const res = u + v * xi - p.y[i];
        out[0] = (res * res) / (2 * s2);
        out[1] = res / s2;
        out[2] = (res * xi) / s2;
        out[3] = 1 / s2;
        out[4] = xi / s2;
        out[5] = (xi * xi) / s2;
      },
      gaussNewton(i, _u, _v, out) {
        const xi = p.x[i];
        out[0] = 1 / s2;
        out[1] = xi / s2;
        out[2] = (xi * xi) / s2;
      },
    },
  };
}
