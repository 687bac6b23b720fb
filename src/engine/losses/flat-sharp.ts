import type { Loss } from './loss';

type Vec = readonly [number, number];
type Mat = readonly [Vec, Vec];

export interface FlatSharpParams {
  eps: number;
  h1: number;
  c1: Vec;
  P1: Mat;
  h2: number;
  c2: Vec;
  P2: Mat;
}

/** Defaults of Figure 1 (right) as given in BLR-MATH.md: sharp well at c1, flat one at c2. */
export const FLAT_SHARP_DEFAULTS: FlatSharpParams = {
  eps: 0.02,
  h1: 1,
  c1: [-1.5, 0],
  P1: [[40, 0], [0, 40]],
  h2: 0.8,
  c2: [1.5, 0],
  P2: [[1, 0], [0, 1]],
};

/**
 * ℓ(θ) = (ε/2)‖θ‖² − h₁ g(θ; c₁, P₁) − h₂ g(θ; c₂, P₂), g(θ; c, P) = exp(−½ (θ−c)ᵀP(θ−c)).
 * With K = (P⁻¹ + Σ)⁻¹ and d = m − c: E[g] = det(I + PΣ)^(−1/2) exp(−½ dᵀKd),
 * E[∇g] = −E[g] K d, E[∇²g] = E[g] (K d dᵀ K − K).
 */
export function createFlatSharpLoss(p: FlatSharpParams): Loss {
  const wells = [
    { h: p.h1, cx: p.c1[0], cy: p.c1[1], a: p.P1[0][0], b: p.P1[0][1], c: p.P1[1][1] },
    { h: p.h2, cx: p.c2[0], cy: p.c2[1], a: p.P2[0][0], b: p.P2[0][1], c: p.P2[1][1] },
  ];
  const eps = p.eps;
  // Adds −h·g's contribution; (ka, kb, kc) is the matrix in the exponent, s the prefactor.
  const addWell = (h: number, dx: number, dy: number, ka: number, kb: number, kc: number, s: number, out: Float64Array) => {
    const kdx = ka * dx + kb * dy;
    const kdy = kb * dx + kc * dy;
    const g = s * Math.exp(-0.5 * (dx * kdx + dy * kdy));
    out[0] -= h * g;
    out[1] += h * g * kdx;
    out[2] += h * g * kdy;
    out[3] -= h * g * (kdx * kdx - ka);
    out[4] -= h * g * (kdx * kdy - kb);
    out[5] -= h * g * (kdy * kdy - kc);
  };
  const value = (x: number, y: number): number => {
    let v = 0.5 * eps * (x * x + y * y);
    for (const wl of wells) {
      const dx = x - wl.cx;
      const dy = y - wl.cy;
      v -= wl.h * Math.exp(-0.5 * (wl.a * dx * dx + 2 * wl.b * dx * dy + wl.c * dy * dy));
    }
    return v;
  };
  const w1 = wells[0];
  const w2 = wells[1];
  return {
    label: 'flat-sharp',
    value,
    evaluate(x, y, out) {
      out[0] = 0.5 * eps * (x * x + y * y);
      out[1] = eps * x;
      out[2] = eps * y;
      out[3] = eps;
      out[4] = 0;
      out[5] = eps;
      addWell(w1.h, x - w1.cx, y - w1.cy, w1.a, w1.b, w1.c, 1, out);
      addWell(w2.h, x - w2.cx, y - w2.cy, w2.a, w2.b, w2.c, 1, out);
    },
    expect(mx, my, sxx, sxy, syy, out) {
      out[0] = 0.5 * eps * (mx * mx + my * my + sxx + syy);
      out[1] = eps * mx;
      out[2] = eps * my;
      out[3] = eps;
      out[4] = 0;
      out[5] = eps;
      expectWell(w1, mx, my, sxx, sxy, syy, out);
      expectWell(w2, mx, my, sxx, sxy, syy, out);
    },
    view: [-3, 3, -2.25, 2.25],
  };

  function expectWell(wl: (typeof wells)[number], mx: number, my: number, sxx: number, sxy: number, syy: number, out: Float64Array) {
    // K = (P⁻¹ + Σ)⁻¹ and det(I + PΣ) = det(P) det(P⁻¹ + Σ).
    const dp = wl.a * wl.c - wl.b * wl.b;
    const ia = wl.c / dp + sxx;
    const ib = -wl.b / dp + sxy;
    const ic = wl.a / dp + syy;
    const dm = ia * ic - ib * ib;
    const s = 1 / Math.sqrt(dp * dm);
    addWell(wl.h, mx - wl.cx, my - wl.cy, ic / dm, -ib / dm, ia / dm, s, out);
  }
}
