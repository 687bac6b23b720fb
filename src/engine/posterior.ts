/**
 * The exact tempered target p(θ) = exp(−ℓ̄(θ)/τ)/Z on a grid, the reference every
 * approximation is measured against (issue 5): −log Z, the mean and covariance of p, and
 * KL(q ‖ p) for a Gaussian q. In 2-D a fine midpoint grid is exact to many digits for smooth
 * targets whose mass lies inside the window.
 */
import type { Loss } from './losses/loss';
import { gaussianRule } from './quadrature';

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
  const post = gridOnce(loss, temperature, view, n);
  // A target much narrower than the window (in any direction) has few cells under it: integrate
  // again on a grid in its own whitened frame θ = m + L t, t ∈ [−9, 9]², Σ = LLᵀ, which resolves
  // it whatever its width and correlation.
  const [[a, b], [, c]] = post.cov;
  const half = 0.5 * (a + c);
  const minSd = Math.sqrt(Math.max(0, half - Math.hypot(0.5 * (a - c), b)));
  const cell = Math.min((view[1] - view[0]) / n, (view[3] - view[2]) / n);
  if (!(minSd > 0) || minSd > 15 * cell) return post;
  const fine = gridWhitened(loss, temperature, post.mean, post.cov, n);
  return Number.isFinite(fine.negLogZ) ? { ...fine, edgeMass: post.edgeMass } : post;
}

/**
 * The midpoint rule for exp(−ℓ̄/τ) on an n × n grid of cells, cell (i, j) centred at
 * affine(i, j) = (a₀ + a₁i + a₂j, b₀ + b₁i + b₂j) with area `cell`, shifted by the minimum so
 * that nothing overflows; edgeMass is the share of the mass in the outermost cells.
 */
function integrateGrid(loss: Loss, temperature: number, n: number, a: readonly number[], b: readonly number[], cell: number): GridPosterior {
  const values = new Float64Array(n * n);
  let min = Infinity;
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const v = loss.value(a[0] + a[1] * i + a[2] * j, b[0] + b[1] * i + b[2] * j);
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
    for (let i = 0; i < n; i++) {
      const v = values[j * n + i];
      // Non-finite loss values carry no mass (outside a formula's domain, say).
      const p = Number.isFinite(v) ? Math.exp(-(v - min) / temperature) : 0;
      const x = a[0] + a[1] * i + a[2] * j;
      const y = b[0] + b[1] * i + b[2] * j;
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
    negLogZ: min / temperature - Math.log(w * cell),
    mean: [mx, my],
    cov: [
      [sxx / w - mx * mx, sxy / w - mx * my],
      [sxy / w - mx * my, syy / w - my * my],
    ],
    temperature,
    edgeMass: edge / w,
  };
}

/** The midpoint rule over the window `view`. */
function gridOnce(loss: Loss, temperature: number, view: readonly [number, number, number, number], n: number): GridPosterior {
  const [x0, x1, y0, y1] = view;
  const dx = (x1 - x0) / n;
  const dy = (y1 - y0) / n;
  return integrateGrid(loss, temperature, n, [x0 + 0.5 * dx, dx, 0], [y0 + 0.5 * dy, 0, dy], dx * dy);
}

/** The midpoint rule on t ∈ [−9, 9]² for θ = m + L t, Σ = LLᵀ (Jacobian det L). */
function gridWhitened(loss: Loss, temperature: number, m: readonly [number, number], cov: readonly (readonly number[])[], n: number): GridPosterior {
  const l11 = Math.sqrt(cov[0][0]);
  const l21 = cov[0][1] / l11;
  const l22 = Math.sqrt(Math.max(cov[1][1] - l21 * l21, 1e-300));
  const R = 9;
  const dt = (2 * R) / n;
  const t0 = -R + 0.5 * dt;
  // θ = m + L t with t = (t0 + i·dt, t0 + j·dt).
  return integrateGrid(
    loss, temperature, n,
    [m[0] + l11 * t0, l11 * dt, 0],
    [m[1] + (l21 + l22) * t0, l21 * dt, l22 * dt],
    dt * dt * l11 * l22,
  );
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

/** The normalised target on a grid, for contours: density p(θ) per cell midpoint (row-major, y outer). */
export interface PosteriorDensity {
  nx: number;
  ny: number;
  view: readonly [number, number, number, number];
  density: Float64Array;
}

/**
 * p(θ) = exp(−ℓ̄(θ)/τ)/Z from loss values at the midpoints of an nx × ny grid over `view`
 * (as computeSurface returns them), with Z from a fine `gridPosterior`.
 */
export function posteriorDensity(values: ArrayLike<number>, post: GridPosterior, view: readonly [number, number, number, number], nx: number, ny: number): PosteriorDensity {
  const density = new Float64Array(nx * ny);
  for (let k = 0; k < density.length; k++) {
    const v = values[k];
    density[k] = Number.isFinite(v) ? Math.exp(-v / post.temperature + post.negLogZ) : 0;
  }
  return { nx, ny, view, density };
}

/** Probability mass inside a Gaussian's kσ ellipse in 2-D: 1 − exp(−k²/2) (39.3% and 86.5% for k = 1, 2). */
export const ellipseMass = (k: number) => 1 - Math.exp(-0.5 * k * k);

/**
 * Highest-density levels: for each mass m, the density t with ∫_{p ≥ t} p = m on the grid. Contours
 * of p at these levels enclose the same probability as q's 1σ and 2σ ellipses.
 */
export function hpdLevels(d: PosteriorDensity, masses: readonly number[]): number[] {
  const [x0, x1, y0, y1] = d.view;
  const cell = ((x1 - x0) / d.nx) * ((y1 - y0) / d.ny);
  const sorted = Float64Array.from(d.density).sort().reverse();
  let total = 0;
  for (const v of sorted) total += v * cell;
  return masses.map((m) => {
    let acc = 0;
    for (const v of sorted) {
      acc += (v * cell) / total;
      if (acc >= m) return v;
    }
    return sorted[sorted.length - 1];
  });
}

const GH_2D = 16;
let rule2: { t: Float64Array; w: Float64Array } | null = null;
function rule(): { t: Float64Array; w: Float64Array } {
  if (!rule2) {
    const g = gaussianRule(GH_2D);
    rule2 = { t: g.nodes, w: g.weights };
  }
  return rule2;
}

/**
 * E_q[f] for q = N(m, Σ) by a 16 × 16 Gauss–Hermite product rule in q's Cholesky frame
 * (θ = m + L t, Σ = LLᵀ): exact for polynomials of degree ≤ 31, and it follows q however narrow.
 */
export function gaussExpect(f: (x: number, y: number) => number, mx: number, my: number, ca: number, cb: number, cc: number): number {
  const { t, w } = rule();
  const l11 = Math.sqrt(ca);
  const l21 = cb / l11;
  const l22 = Math.sqrt(Math.max(0, cc - l21 * l21));
  let s = 0;
  for (let i = 0; i < t.length; i++) {
    const ti = t[i];
    for (let j = 0; j < t.length; j++) {
      const tj = t[j];
      s += w[i] * w[j] * f(mx + l11 * ti, my + l21 * ti + l22 * tj);
    }
  }
  return s;
}

/**
 * KL(q ‖ p) for a Gaussian q = N(m, Σ): E_q[ℓ̄]/τ − H(q) + log Z, with E_q[ℓ̄] in closed form
 * when the loss has one and by `gaussExpect` otherwise.
 */
export function klGaussian(loss: Loss, post: GridPosterior, mx: number, my: number, ca: number, cb: number, cc: number, scratch = new Float64Array(6)): number {
  let el: number;
  if (loss.expect) {
    loss.expect(mx, my, ca, cb, cc, scratch);
    el = scratch[0];
  } else el = gaussExpect((x, y) => loss.value(x, y), mx, my, ca, cb, cc);
  return klToPosterior(el, ca * cc - cb * cb, post);
}

/** A mixture q = Σ πₖ N(mₖ, Σₖ) as arrays (weights, means, covariances (a, b, c)). */
export interface MixtureQ {
  w: ArrayLike<number>;
  mx: ArrayLike<number>;
  my: ArrayLike<number>;
  ca: ArrayLike<number>;
  cb: ArrayLike<number>;
  cc: ArrayLike<number>;
}

/** log q(θ) for a mixture, by log-sum-exp. */
const terms = new Float64Array(64);
export function logMixtureDensity(q: MixtureQ, x: number, y: number): number {
  let max = -Infinity;
  for (let k = 0; k < q.w.length; k++) {
    const a = q.ca[k];
    const b = q.cb[k];
    const c = q.cc[k];
    const det = a * c - b * b;
    const dx = x - q.mx[k];
    const dy = y - q.my[k];
    // (θ − m)ᵀ Σ⁻¹ (θ − m) with Σ⁻¹ = [[c, −b], [−b, a]]/det.
    const quad = (c * dx * dx - 2 * b * dx * dy + a * dy * dy) / det;
    const l = Math.log(q.w[k]) - Math.log(2 * Math.PI) - 0.5 * Math.log(det) - 0.5 * quad;
    terms[k] = l;
    if (l > max) max = l;
  }
  let s = 0;
  for (let k = 0; k < q.w.length; k++) s += Math.exp(terms[k] - max);
  return max + Math.log(s);
}

/** KL(q ‖ p) for a mixture q: Σₖ πₖ Eₖ[log q + ℓ̄/τ] + log Z, each Eₖ by `gaussExpect`. */
export function klMixture(loss: Loss, post: GridPosterior, q: MixtureQ): number {
  const tau = post.temperature;
  let s = 0;
  for (let k = 0; k < q.w.length; k++) {
    if (q.w[k] === 0) continue;
    s += q.w[k] * gaussExpect((x, y) => logMixtureDensity(q, x, y) + loss.value(x, y) / tau, q.mx[k], q.my[k], q.ca[k], q.cb[k], q.cc[k]);
  }
  return s - post.negLogZ;
}
