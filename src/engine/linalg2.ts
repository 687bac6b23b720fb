/**
 * Closed-form linear algebra for symmetric 2×2 matrices [[a, b], [b, c]], stored as the
 * triple (a, b, c). Helpers write into caller-owned arrays so hot loops allocate nothing.
 */

/** A symmetric 2×2 matrix [[a, b], [b, c]] as a plain tuple (JSON-friendly). */
export type Sym2 = [[number, number], [number, number]];
export type Vec2 = [number, number];

/** det [[a, b], [b, c]] = ac − b². */
export function det2(a: number, b: number, c: number): number {
  return a * c - b * b;
}

/** Inverse of [[a, b], [b, c]] into out[o..o+2] as (a', b', c'); returns the determinant. */
export function inv2(a: number, b: number, c: number, out: Float64Array, o = 0): number {
  const d = a * c - b * b;
  out[o] = c / d;
  out[o + 1] = -b / d;
  out[o + 2] = a / d;
  return d;
}

/** True when [[a, b], [b, c]] is symmetric positive definite (Sylvester's criterion). */
export function isPosDef2(a: number, b: number, c: number): boolean {
  return a > 0 && a * c - b * b > 0 && Number.isFinite(a + b + c);
}

/** Cholesky factor L = [[l11, 0], [l21, l22]] with LLᵀ = [[a, b], [b, c]], into out[o..o+2]. */
export function chol2(a: number, b: number, c: number, out: Float64Array, o = 0): void {
  const l11 = Math.sqrt(a);
  const l21 = b / l11;
  out[o] = l11;
  out[o + 1] = l21;
  out[o + 2] = Math.sqrt(c - l21 * l21);
}

/** An ellipse axis system: eigenvalues (descending) and the angle of the first eigenvector. */
export interface Eigen2 {
  /** Larger eigenvalue. */
  l1: number;
  /** Smaller eigenvalue. */
  l2: number;
  /** Angle (radians) of the eigenvector of l1, measured from the x-axis. */
  angle: number;
}

/** Eigendecomposition of [[a, b], [b, c]]: λ = (a + c)/2 ± √(((a − c)/2)² + b²). */
export function eigen2(a: number, b: number, c: number): Eigen2 {
  const mid = 0.5 * (a + c);
  const r = Math.hypot(0.5 * (a - c), b);
  // atan2 form is exact for diagonal matrices and avoids dividing by b.
  const angle = 0.5 * Math.atan2(2 * b, a - c);
  return { l1: mid + r, l2: mid - r, angle };
}

/** Tuple form of a symmetric matrix from its triple. */
export function sym2(a: number, b: number, c: number): Sym2 {
  return [[a, b], [b, c]];
}
