/**
 * The exact tempered target p(θ) = exp(−ℓ̄(θ)/τ)/Z on a grid, the reference every
 * approximation is measured against (issue 5): −log Z, the mean and covariance of p, and
 * KL(q ‖ p) for a Gaussian q. In 2-D a fine midpoint grid is exact to many digits for smooth
 * targets whose mass lies inside the window.
 */
import type { Loss } from './losses/loss';

export interface GridPosterior {
  /** −log Z with Z = ∫ exp(−ℓ̄(θ)/τ) dθ over the window. */
  negLogZ: number;
  mean: [number, number];
  cov: [[number, number], [number, number]];
  temperature: number;
  /** Mass of p within one grid cell of the window's edge: large values mean the window is too small. */
  edgeMass: number;
}

/**
 * Midpoint rule on an n × n grid over `view`: log Z = −ℓ̄_min/τ + log Σ exp(−(ℓ̄ − ℓ̄_min)/τ) ΔA,
 * shifted by the minimum so that nothing overflows.
 */
export function gridPosterior(loss: Loss, temperature: number, view: readonly [number, number, number, number], n = 400): GridPosterior {
  const [x0, x1, y0, y1] = view;
  const dx = (x1 - x0) / n;
  const dy = (y1 - y0) / n;
  const values = new Float64Array(n * n);
  let min = Infinity;
  for (let j = 0; j < n; j++) {
    const y = y0 + (j + 0.5) * dy;
    for (let i = 0; i < n; i++) {
      const v = loss.value(x0 + (i + 0.5) * dx, y);
      values[j * n + i] = v;
      if (v < min) min = v;
    }
  }
  let w = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  let edge = 0;
  for (let j = 0; j < n; j++) {
    const y = y0 + (j + 0.5) * dy;
    for (let i = 0; i < n; i++) {
      const v = values[j * n + i];
      // Non-finite loss values carry no mass (outside a formula's domain, say).
      const p = Number.isFinite(v) ? Math.exp(-(v - min) / temperature) : 0;
      const x = x0 + (i + 0.5) * dx;
      w += p;
      sx += p * x;
      sy += p * y;
      sxx += p * x * x;
      sxy += p * x * y;
      syy += p * y * y;
      if (i === 0 || j === 0 || i === n - 1 || j === n - 1) edge += p;
    }
  }
  const mx = sx / w;
  const my = sy / w;
  return {
    negLogZ: min / temperature - Math.log(w * dx * dy),
    mean: [mx, my],
    cov: [
      [sxx / w - mx * mx, sxy / w - mx * my],
      [sxy / w - mx * my, syy / w - my * my],
    ],
    temperature,
    edgeMass: edge / w,
  };
}

/**
 * KL(q ‖ p) = E_q[ℓ̄]/τ − H(q) + log Z for q = N(m, Σ) with E_q[ℓ̄] given (exact or
 * estimated), H(q) = (1 + log 2π) + ½ log det Σ in 2-D. τ·KL is the objective gap
 * L(q) − L(p) = E_q[ℓ̄] − τH(q) + τ log Z ≥ 0.
 */
export function klToPosterior(expectedLoss: number, covDet: number, post: GridPosterior): number {
  const entropy = 1 + Math.log(2 * Math.PI) + 0.5 * Math.log(covDet);
  return expectedLoss / post.temperature - entropy - post.negLogZ;
}
