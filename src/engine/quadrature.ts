/**
 * Gauss–Hermite quadrature: ∫ e^(−x²) f(x) dx ≈ Σ wᵢ f(xᵢ). The nodes are the eigenvalues of
 * the Jacobi matrix (Golub & Welsch 1969), found by Sturm-sequence bisection, which stays
 * robust for the few hundred nodes that wide Gaussians need; the weights come from the
 * orthonormal Hermite recurrence (Press et al., Numerical Recipes §4.6).
 */
export interface GaussHermite {
  nodes: Float64Array;
  weights: Float64Array;
}

/** Number of eigenvalues below x of the Jacobi matrix of the Hermite weight (Sturm count). */
function countBelow(x: number, n: number): number {
  // LDLᵀ of (J − xI) with diagonal 0 and off-diagonal √(k/2): count negative pivots.
  let count = 0;
  let d = -x;
  if (d < 0) count++;
  for (let k = 1; k < n; k++) {
    const off2 = k / 2;
    d = -x - off2 / (d === 0 ? 1e-300 : d);
    if (d < 0) count++;
  }
  return count;
}

/** Nodes and weights of the n-point Gauss–Hermite rule for the weight e^(−x²). */
export function gaussHermite(n: number): GaussHermite {
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  const bound = Math.sqrt(2 * n + 1) + 1; // every Hermite root lies inside ±√(2n + 1)
  const PIM4 = Math.PI ** -0.25;
  for (let i = 0; i < n; i++) {
    let lo = -bound;
    let hi = bound;
    // The (i+1)-th smallest eigenvalue: the smallest t with countBelow(t) ≥ i + 1.
    for (let it = 0; it < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo)); it++) {
      const mid = 0.5 * (lo + hi);
      if (countBelow(mid, n) >= i + 1) hi = mid;
      else lo = mid;
    }
    const z = 0.5 * (lo + hi);
    let p1 = PIM4;
    let p2 = 0;
    let logScale = 0;
    for (let j = 1; j <= n; j++) {
      const p3 = p2;
      p2 = p1;
      p1 = z * Math.sqrt(2 / j) * p2 - Math.sqrt((j - 1) / j) * p3;
      // The recurrence overflows at the outer roots of large rules; keep its scale apart.
      if (Math.abs(p1) > 1e150) {
        p1 *= 1e-150;
        p2 *= 1e-150;
        logScale += 150 * Math.LN10;
      }
    }
    const pp = Math.sqrt(2 * n) * p2;
    x[i] = z;
    w[i] = Math.exp(Math.LN2 - 2 * Math.log(Math.abs(pp)) - 2 * logScale);
  }
  return { nodes: x, weights: w };
}

/**
 * A rule for expectations under N(μ, v): E[f(a)] ≈ Σ ωᵢ f(μ + √v tᵢ) with tᵢ = √2 xᵢ and
 * ωᵢ = wᵢ/√π (the change of variables a = μ + √(2v) x).
 */
export function gaussianRule(n: number): GaussHermite {
  const { nodes, weights } = gaussHermite(n);
  const t = new Float64Array(n);
  const o = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    t[i] = Math.SQRT2 * nodes[i];
    o[i] = weights[i] / Math.sqrt(Math.PI);
  }
  return { nodes: t, weights: o };
}
