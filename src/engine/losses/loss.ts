/**
 * The contract every loss ℓ̄ : R² → R satisfies. Values are negative log joints without
 * normalising constants (Khan & Rue 2023, eq. 1). All methods write into caller-owned
 * buffers so the BLR inner loop allocates nothing.
 */
export interface Loss {
  /** Human-readable name, e.g. "rosenbrock" or the user's formula. */
  readonly label: string;
  /** ℓ̄(x, y). */
  value(x: number, y: number): number;
  /**
   * Value, gradient and Hessian at (x, y):
   * out[0] = ℓ̄, out[1..2] = ∇ℓ̄, out[3..5] = (∂xx, ∂xy, ∂yy) of ∇²ℓ̄.
   */
  evaluate(x: number, y: number, out: Float64Array): void;
  /**
   * Closed-form Gaussian expectations under q = N(m, Σ), Σ = [[sxx, sxy], [sxy, syy]]:
   * out[0] = E_q[ℓ̄], out[1..2] = E_q[∇ℓ̄], out[3..5] = E_q[∇²ℓ̄] (Bonnet/Price).
   * Absent when the loss has no closed form.
   */
  readonly expect?: (mx: number, my: number, sxx: number, sxy: number, syy: number, out: Float64Array) => void;
  /** The ERM minimiser argmin ℓ̄ when it is known in closed form or precomputed. */
  readonly minimiser?: readonly [number, number];
  /** Every local minimiser, for losses with several (drawn as markers; `minimiser` is the global one). */
  readonly minima?: readonly (readonly [number, number])[];
  /** A view window [xmin, xmax, ymin, ymax] that shows the interesting part of the surface. */
  readonly view: readonly [number, number, number, number];
  /** Present for losses that are sums over data: ℓ̄(θ) = Σᵢ ℓᵢ(θ) + (δ/2)‖θ‖². */
  readonly data?: DataTerms;
  /**
   * Optional fast path for the grid posterior: ℓ̄ on the lattice xs × ys into
   * out[j·xs.length + i] = ℓ̄(xs[i], ys[j]), equal to `value` there (up to rounding). Losses whose
   * per-example terms separate by coordinate precompute them once per row and column.
   */
  readonly lattice?: (xs: Float64Array, ys: Float64Array, out: Float64Array) => void;
}

/**
 * The per-example view of a data-sum loss, for minibatches (the N/M scaling of Khan & Rue
 * 2023, §4.2) and for the Hessian approximations built from per-example terms. The prior is
 * the isotropic Gaussian R(θ) = (δ/2)‖θ‖²: the conjugate part, which the engine handles exactly.
 */
export interface DataTerms {
  /** Number of examples N. */
  readonly n: number;
  /** δ, the precision of the Gaussian prior. */
  readonly priorPrecision: number;
  /** ℓᵢ, ∇ℓᵢ and ∇²ℓᵢ at θ = (x, y) into out[0..5], without the prior. */
  example(i: number, x: number, y: number, out: Float64Array): void;
  /** The generalised Gauss–Newton term Jᵢᵀ (∂²ℓᵢ/∂f²) Jᵢ at θ into out[0..2] = (xx, xy, yy) (models f_θ(x) with a loss on f). */
  gaussNewton?(i: number, x: number, y: number, out: Float64Array): void;
  /**
   * Latent-variable losses only: the expected complete-data Hessian E_{q(zᵢ)}[∇²(−log p(xᵢ, zᵢ | θ))]
   * with q(zᵢ) the exact posterior at θ (an E-step with ρ = 1), into out[0..2]. The M-step of EM
   * is the Newton step with this Hessian (Khan & Rue 2023, §5).
   */
  completeData?(i: number, x: number, y: number, out: Float64Array): void;
}

/** Number of slots `evaluate` and `expect` write. */
export const LOSS_SLOTS = 6;

/**
 * ℓ̄(θ) = Σᵢ ℓᵢ(θ) + (δ/2)‖θ‖² with its gradient and Hessian into out[0..5], from a per-example
 * `example(i, x, y, tmp)` (tmp: a caller-owned scratch of LOSS_SLOTS numbers).
 */
export function sumOverData(
  n: number, example: DataTerms['example'], delta: number, x: number, y: number, out: Float64Array, tmp: Float64Array,
): void {
  let f = 0.5 * delta * (x * x + y * y);
  let g1 = delta * x;
  let g2 = delta * y;
  let h11 = delta;
  let h12 = 0;
  let h22 = delta;
  for (let i = 0; i < n; i++) {
    example(i, x, y, tmp);
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
}
