import type { Loss } from './loss';

export interface QuadraticParams {
  center: readonly [number, number];
  hessian: readonly [readonly [number, number], readonly [number, number]];
}

/**
 * ℓ̄(θ) = ½ (θ − c)ᵀ A (θ − c). Under q = N(m, Σ):
 * E[ℓ̄] = ½ (m − c)ᵀ A (m − c) + ½ tr(AΣ), E[∇ℓ̄] = A(m − c), E[∇²ℓ̄] = A.
 */
export function createQuadraticLoss(p: QuadraticParams, label = 'quadratic'): Loss {
  const [cx, cy] = p.center;
  const a = p.hessian[0][0];
  const b = p.hessian[0][1];
  const c = p.hessian[1][1];
  const value = (x: number, y: number): number => {
    const dx = x - cx;
    const dy = y - cy;
    return 0.5 * (a * dx * dx + 2 * b * dx * dy + c * dy * dy);
  };
  // Half-widths of the 3-standard-deviation box of exp(−ℓ̄), widened to stay readable.
  const det = a * c - b * b;
  const rx = Math.max(1.5, Math.min(50, 3 * Math.sqrt(c / det)));
  const ry = Math.max(1.5, Math.min(50, 3 * Math.sqrt(a / det)));
  const r = Math.max(rx, ry);
  return {
    label,
    value,
    evaluate(x, y, out) {
      const dx = x - cx;
      const dy = y - cy;
      out[0] = 0.5 * (a * dx * dx + 2 * b * dx * dy + c * dy * dy);
      out[1] = a * dx + b * dy;
      out[2] = b * dx + c * dy;
      out[3] = a;
      out[4] = b;
      out[5] = c;
    },
    expect(mx, my, sxx, sxy, syy, out) {
      const dx = mx - cx;
      const dy = my - cy;
      out[0] = 0.5 * (a * dx * dx + 2 * b * dx * dy + c * dy * dy) + 0.5 * (a * sxx + 2 * b * sxy + c * syy);
      out[1] = a * dx + b * dy;
      out[2] = b * dx + c * dy;
      out[3] = a;
      out[4] = b;
      out[5] = c;
    },
    minimiser: [cx, cy],
    view: [cx - r, cx + r, cy - r, cy + r],
  };
}
