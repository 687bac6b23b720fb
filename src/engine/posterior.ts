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

/** Tolerances of `adaptivePosterior`: successive levels must agree this closely. */
export const ADAPTIVE_TOL = { negLogZ: 1e-9, moment: 1e-9 };

/**
 * The tempered target's −log Z, mean and covariance on the window, to the accuracy of a fine
 * grid at a fraction of its cost (issue 14: a data edit must re-normalise in well under 30 ms).
 * Nested trapezoid rules over the window, h = L/32, L/64, … (each level reuses every value of
 * the one before, or evaluates the whole lattice at once through `loss.lattice`), stopped when
 * two levels agree to ADAPTIVE_TOL. For a smooth target that vanishes at the window's edge the
 * trapezoid rule converges faster than any power of h (for a Gaussian of width σ the error
 * falls like exp(−2π²σ²/h²)), so two agreeing levels bound the finer one's error by far less
 * than the tolerance. Where the window cuts off mass the rule is only O(h²) and its Richardson
 * extrapolation (Simpson, (4T₂ₙ − Tₙ)/3) is used and compared instead. A target too narrow for
 * the window's lattice is integrated in its own whitened frame θ = m + L t, t ∈ [−12, 12]²
 * (Σ = LLᵀ), the frame re-fitted to the mass until the moments settle.
 */
export function adaptivePosterior(loss: Loss, temperature: number, view: readonly [number, number, number, number]): GridPosterior {
  const [x0, x1, y0, y1] = view;
  const fast = !!loss.lattice;
  const win = nested(
    { kind: 'window', x0, y0, dx: x1 - x0, dy: y1 - y0 },
    loss,
    temperature,
    fast ? 1024 : 256,
  );
  const h = Math.max((x1 - x0) / win.n, (y1 - y0) / win.n);
  const narrow = minStd(win.post.cov) < 3 * h;
  if (win.converged || !narrow) return win.post;
  // Too narrow for the lattice: integrate in the target's own frame, re-fitted to the mass.
  let post = win.post;
  let mean = post.mean;
  let cov = inflate(post.cov, (0.5 * h) ** 2);
  for (let pass = 0; pass < 8; pass++) {
    const w = nested(whitenedFrame(mean, cov), loss, temperature, 256);
    if (!Number.isFinite(w.post.negLogZ)) break;
    post = { ...w.post, edgeMass: win.post.edgeMass };
    const ratio = minStd(w.post.cov) / minStd(cov);
    if (w.converged && ratio > 0.2 && ratio < 3) break;
    mean = w.post.mean;
    cov = w.post.cov;
  }
  return post;
}

const minStd = (c: readonly (readonly number[])[]) => {
  const [[a, b], [, d]] = c;
  return Math.sqrt(Math.max(0, 0.5 * (a + d) - Math.hypot(0.5 * (a - d), b)));
};
const inflate = (c: readonly (readonly number[])[], e: number): [[number, number], [number, number]] => [
  [c[0][0] + e, c[0][1]],
  [c[1][0], c[1][1] + e],
];

/** An integration domain: the axis-aligned window, or a parallelogram θ = m + L t, t ∈ [−R, R]². */
type Domain =
  | { kind: 'window'; x0: number; y0: number; dx: number; dy: number }
  | { kind: 'frame'; m: readonly [number, number]; l11: number; l21: number; l22: number; R: number };

function whitenedFrame(m: readonly [number, number], cov: readonly (readonly number[])[]): Domain {
  const l11 = Math.sqrt(cov[0][0]);
  const l21 = cov[0][1] / l11;
  const l22 = Math.sqrt(Math.max(cov[1][1] - l21 * l21, 1e-300));
  // ±12 standard deviations of the fitted Gaussian: posterior tails are often heavier (a
  // logistic posterior's decay like the prior where the likelihood saturates).
  return { kind: 'frame', m, l11, l21, l22, R: 12 };
}

/** Raw trapezoid sums of a level: Σw·p·(1, x, y, x², xy, y²) and the edge share, p = exp(−(v − shift)/τ). */
interface Sums {
  n: number;
  shift: number;
  s: Float64Array;
  edge: number;
}

/**
 * Nested trapezoid rules for exp(−ℓ̄/τ) on an (n+1)² lattice of the domain, n = 32, 64, … ≤
 * maxLevel: the finest level's moments (or their Richardson extrapolation where that
 * converges instead) and whether two levels agreed.
 */
function nested(dom: Domain, loss: Loss, temperature: number, maxLevel: number): { post: GridPosterior; n: number; converged: boolean } {
  const window = dom.kind === 'window';
  const pointX = (i: number, _j: number, n: number) =>
    window ? dom.x0 + (dom.dx * i) / n : dom.m[0] + dom.l11 * (-dom.R + (2 * dom.R * i) / n);
  const pointY = (i: number, j: number, n: number) =>
    window ? dom.y0 + (dom.dy * j) / n : dom.m[1] + dom.l21 * (-dom.R + (2 * dom.R * i) / n) + dom.l22 * (-dom.R + (2 * dom.R * j) / n);
  const area = window ? dom.dx * dom.dy : 4 * dom.R * dom.R * dom.l11 * dom.l22;
  const lattice = window && loss.lattice ? loss.lattice : null;
  let n = 32;
  let v = levelValues(loss, lattice, n, null, pointX, pointY);
  let prevT = sums(v, n, temperature, pointX, pointY);
  let prevS: Sums | null = null;
  let best = prevT;
  while (2 * n <= maxLevel) {
    const m = 2 * n;
    v = levelValues(loss, lattice, m, v, pointX, pointY);
    const t = sums(v, m, temperature, pointX, pointY);
    const simpson = richardson(prevT, t, temperature);
    n = m;
    if (agree(moments(prevT, area, temperature), moments(t, area, temperature))) return { post: moments(t, area, temperature), n, converged: true };
    if (prevS && agree(moments(prevS, area, temperature), moments(simpson, area, temperature))) return { post: moments(simpson, area, temperature), n, converged: true };
    // On the window, a target narrower than 1.5 cells is better resolved in its own frame.
    if (window && minStd(moments(t, area, temperature).cov) < (1.5 * Math.max(dom.dx, dom.dy)) / n) return { post: moments(t, area, temperature), n, converged: false };
    prevT = t;
    prevS = simpson;
    best = simpson;
  }
  return { post: moments(best, area, temperature), n, converged: false };
}

/** Loss values of level n (row-major, (n+1)²), reusing the even nodes of the level before. */
function levelValues(
  loss: Loss,
  lattice: Loss['lattice'] | null,
  n: number,
  coarse: Float64Array | null,
  px: (i: number, j: number, n: number) => number,
  py: (i: number, j: number, n: number) => number,
): Float64Array {
  const k = n + 1;
  const v = new Float64Array(k * k);
  if (lattice) {
    const xs = Float64Array.from({ length: k }, (_, i) => px(i, 0, n));
    const ys = Float64Array.from({ length: k }, (_, j) => py(0, j, n));
    lattice(xs, ys, v);
    return v;
  }
  const h = n >> 1;
  for (let j = 0; j <= n; j++) {
    for (let i = 0; i <= n; i++) {
      v[j * k + i] = coarse && (i & 1) === 0 && (j & 1) === 0 ? coarse[(j >> 1) * (h + 1) + (i >> 1)] : loss.value(px(i, j, n), py(i, j, n));
    }
  }
  return v;
}

function sums(v: Float64Array, n: number, temperature: number, px: (i: number, j: number, n: number) => number, py: (i: number, j: number, n: number) => number): Sums {
  let shift = Infinity;
  for (let k = 0; k < v.length; k++) if (v[k] < shift) shift = v[k];
  const s = new Float64Array(6);
  let edge = 0;
  for (let j = 0; j <= n; j++) {
    const wj = j === 0 || j === n ? 0.5 : 1;
    for (let i = 0; i <= n; i++) {
      const val = v[j * (n + 1) + i];
      // Non-finite loss values carry no mass (outside a formula's domain, say).
      if (!Number.isFinite(val)) continue;
      // Below e⁻⁴⁶ of the peak a node adds less than 1e-20 each: skip the exponential.
      const u = (val - shift) / temperature;
      if (u > 46) continue;
      const p = (i === 0 || i === n ? 0.5 : 1) * wj * Math.exp(-u);
      if (p === 0) continue;
      const x = px(i, j, n);
      const y = py(i, j, n);
      s[0] += p;
      s[1] += p * x;
      s[2] += p * y;
      s[3] += p * x * x;
      s[4] += p * x * y;
      s[5] += p * y * y;
      if (i <= 1 || j <= 1 || i >= n - 1 || j >= n - 1) edge += p;
    }
  }
  // Sums are per unit lattice cell: multiply by the cell area later (area/n²).
  const cell = 1 / (n * n);
  for (let k = 0; k < 6; k++) s[k] *= cell;
  return { n, shift, s, edge: edge * cell };
}

/**
 * (4T₂ₙ − Tₙ)/3 of every sum, on the finer level's shift: exp(−(v − a)/τ) = exp(−(v − b)/τ)·
 * exp((b − a)/τ), and b ≤ a since the finer lattice holds every node of the coarser one.
 */
function richardson(coarse: Sums, fine: Sums, temperature: number): Sums {
  const r = Math.exp((fine.shift - coarse.shift) / temperature);
  const s = new Float64Array(6);
  for (let k = 0; k < 6; k++) s[k] = (4 * fine.s[k] - r * coarse.s[k]) / 3;
  return { n: fine.n, shift: fine.shift, s, edge: fine.edge };
}

function moments(t: Sums, area: number, temperature: number): GridPosterior {
  const w = t.s[0];
  const mx = t.s[1] / w;
  const my = t.s[2] / w;
  return {
    negLogZ: t.shift / temperature - Math.log(w * area),
    mean: [mx, my],
    cov: [
      [t.s[3] / w - mx * mx, t.s[4] / w - mx * my],
      [t.s[4] / w - mx * my, t.s[5] / w - my * my],
    ],
    temperature,
    edgeMass: t.edge / w,
  };
}

/**
 * Two levels agree: −log Z to ADAPTIVE_TOL.negLogZ, the moments to ADAPTIVE_TOL.moment relative
 * to p's spread; 10× looser where the window cuts off mass (edge share > 1e-9), since the
 * numbers then depend on the window at about that level anyway.
 */
function agree(a: GridPosterior, b: GridPosterior): boolean {
  const loose = b.edgeMass > 1e-9 ? 10 : 1;
  if (!(Math.abs(a.negLogZ - b.negLogZ) <= loose * ADAPTIVE_TOL.negLogZ)) return false;
  const scale = Math.sqrt(b.cov[0][0] + b.cov[1][1]);
  const tol = loose * ADAPTIVE_TOL.moment;
  for (let k = 0; k < 2; k++) if (!(Math.abs(a.mean[k] - b.mean[k]) <= tol * (scale + Math.abs(b.mean[k])))) return false;
  const c2 = b.cov[0][0] + b.cov[1][1];
  for (const [r, c] of [[0, 0], [0, 1], [1, 1]] as const) if (!(Math.abs(a.cov[r][c] - b.cov[r][c]) <= tol * c2)) return false;
  return true;
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
