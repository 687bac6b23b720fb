import { describe, expect, it } from 'vitest';
import { createLinearRegressionLoss } from '../../src/engine/losses/linear-regression';
import { createQuadraticLoss } from '../../src/engine/losses/quadratic';
import { createWallLoss, WALL_DEFAULTS } from '../../src/engine/losses/wall';
import { ellipseMass, gaussExpect, gridPosterior, hpdLevels, klGaussian, klMixture, klToPosterior, logMixtureDensity, posteriorDensity, type MixtureQ } from '../../src/engine/posterior';

// BLR-MATH check 2: the exact posterior of Bayesian linear regression.
const blr = createLinearRegressionLoss({ x: [-1, 0, 1, 2], y: [-0.5, 0.4, 1.1, 2.2], noiseVariance: 0.25, priorPrecision: 0.5 });
const S: [number, number, number] = [16.5, 8, 24.5];
const m: [number, number] = [0.357384276267, 0.862894930198];
const detS = S[0] * S[2] - S[1] * S[1];
const view = [m[0] - 2.5, m[0] + 2.5, m[1] - 2.5, m[1] + 2.5] as const;

/** KL between 2-D Gaussians N(m1, Σ1) ‖ N(m2, S2⁻¹), in closed form. */
function gaussianKl(m1: number[], C1: number[], m2: number[], S2: number[]): number {
  const tr = S2[0] * C1[0] + 2 * S2[1] * C1[1] + S2[2] * C1[2];
  const d = [m2[0] - m1[0], m2[1] - m1[1]];
  const quad = S2[0] * d[0] * d[0] + 2 * S2[1] * d[0] * d[1] + S2[2] * d[1] * d[1];
  const detC1 = C1[0] * C1[2] - C1[1] * C1[1];
  const detS2 = S2[0] * S2[2] - S2[1] * S2[1];
  return 0.5 * (tr + quad - 2 - Math.log(detC1 * detS2));
}

describe('grid posterior', () => {
  it('−log Z, mean and covariance of Bayesian linear regression equal the closed form', () => {
    const post = gridPosterior(blr, 1, view, 400);
    // Gaussian integral: −log Z = ℓ̄(m*) − log 2π + ½ log det S*.
    expect(post.negLogZ).toBeCloseTo(blr.value(m[0], m[1]) - Math.log(2 * Math.PI) + 0.5 * Math.log(detS), 9);
    expect(post.mean[0]).toBeCloseTo(m[0], 9);
    expect(post.mean[1]).toBeCloseTo(m[1], 9);
    expect(post.cov[0][0]).toBeCloseTo(S[2] / detS, 9);
    expect(post.cov[0][1]).toBeCloseTo(-S[1] / detS, 9);
    expect(post.cov[1][1]).toBeCloseTo(S[0] / detS, 9);
    expect(post.edgeMass).toBeLessThan(1e-12);
  });

  it('a tempered quadratic has covariance τA⁻¹ and −log Z = −log(2πτ/√det A)', () => {
    const A = [[3, 1], [1, 2]] as const;
    const q = createQuadraticLoss({ center: [1, -2], hessian: A });
    const tau = 0.5;
    const post = gridPosterior(q, tau, [-3.5, 5.5, -6.5, 2.5], 400);
    const detA = 5;
    expect(post.negLogZ).toBeCloseTo(-Math.log((2 * Math.PI * tau) / Math.sqrt(detA)), 8);
    expect(post.cov[0][0]).toBeCloseTo((tau * 2) / detA, 8);
    expect(post.cov[0][1]).toBeCloseTo((-tau * 1) / detA, 8);
  });

  it('KL(q ‖ p) is 0 at the exact posterior and equals the Gaussian KL elsewhere; τ·KL is the objective gap', () => {
    const post = gridPosterior(blr, 1, view, 400);
    const out = new Float64Array(6);
    const C = [S[2] / detS, -S[1] / detS, S[0] / detS];
    blr.expect!(m[0], m[1], C[0], C[1], C[2], out);
    expect(klToPosterior(out[0], C[0] * C[2] - C[1] * C[1], post)).toBeCloseTo(0, 8);
    const m1 = [0, 1];
    const C1 = [0.05, 0.01, 0.08];
    blr.expect!(m1[0], m1[1], C1[0], C1[1], C1[2], out);
    expect(klToPosterior(out[0], C1[0] * C1[2] - C1[1] * C1[1], post)).toBeCloseTo(gaussianKl(m1, C1, m, S), 8);
  });

  it('on a non-Gaussian target (the wall) KL is positive for any Gaussian and the window check flags a cut-off window', () => {
    const wall = createWallLoss(WALL_DEFAULTS);
    const post = gridPosterior(wall, 1, [-8, 8, -8, 8], 400);
    expect(post.edgeMass).toBeLessThan(1e-8);
    const out = new Float64Array(6);
    wall.expect!(post.mean[0], post.mean[1], post.cov[0][0], post.cov[0][1], post.cov[1][1], out);
    const det = post.cov[0][0] * post.cov[1][1] - post.cov[0][1] ** 2;
    expect(klToPosterior(out[0], det, post)).toBeGreaterThan(0);
    expect(gridPosterior(wall, 1, [-0.5, 0.5, -0.5, 0.5], 100).edgeMass).toBeGreaterThan(1e-3);
  });
});

describe('KL(q ‖ p) for any q, and the HPD contours', () => {
  const A: [number, number, number] = [3, 1, 2];
  const c: [number, number] = [1, -2];
  const tau = 0.5;
  const quad = createQuadraticLoss({ center: c, hessian: [[A[0], A[1]], [A[1], A[2]]] });
  const qview = [c[0] - 3, c[0] + 3, c[1] - 3, c[1] + 3] as const;
  const post = gridPosterior(quad, tau, qview, 400);
  // p = N(c, τA⁻¹): precision A/τ.
  const P = [A[0] / tau, A[1] / tau, A[2] / tau];
  const qm = [0.6, -1.7];
  const qc = [0.3, 0.05, 0.2];

  it('klGaussian (closed-form E_q[ℓ̄]) and by Gauss–Hermite (no expect) equal the Gaussian–Gaussian KL', () => {
    const exact = gaussianKl(qm, qc, c, P);
    expect(klGaussian(quad, post, qm[0], qm[1], qc[0], qc[1], qc[2])).toBeCloseTo(exact, 6);
    const noExpect = { ...quad, expect: undefined };
    expect(klGaussian(noExpect, post, qm[0], qm[1], qc[0], qc[1], qc[2])).toBeCloseTo(exact, 6);
    // q = p gives zero.
    const pc = [A[2] * tau, -A[1] * tau, A[0] * tau].map((v) => v / (A[0] * A[2] - A[1] * A[1]));
    expect(klGaussian(noExpect, post, c[0], c[1], pc[0], pc[1], pc[2])).toBeCloseTo(0, 6);
  });

  it('gaussExpect is exact for polynomials: E[x⁴] = 3σ⁴ + 6σ²μ² + μ⁴ in the Cholesky frame', () => {
    expect(gaussExpect((x) => x ** 4, 0.7, 0, 2, 0.3, 1)).toBeCloseTo(3 * 4 + 6 * 2 * 0.49 + 0.7 ** 4, 10);
    expect(gaussExpect((x, y) => x * y, 0.7, -1, 2, 0.3, 1)).toBeCloseTo(0.3 - 0.7, 12);
  });

  it('klMixture: one component, or two identical ones, is klGaussian', () => {
    const one: MixtureQ = { w: [1], mx: [qm[0]], my: [qm[1]], ca: [qc[0]], cb: [qc[1]], cc: [qc[2]] };
    const two: MixtureQ = { w: [0.4, 0.6], mx: [qm[0], qm[0]], my: [qm[1], qm[1]], ca: [qc[0], qc[0]], cb: [qc[1], qc[1]], cc: [qc[2], qc[2]] };
    const g = klGaussian(quad, post, qm[0], qm[1], qc[0], qc[1], qc[2]);
    expect(klMixture(quad, post, one)).toBeCloseTo(g, 8);
    expect(klMixture(quad, post, two)).toBeCloseTo(g, 8);
  });

  it('a mixture of two well-separated Gaussians has log q = log ½ + log Nₖ near each mean', () => {
    const q: MixtureQ = { w: [0.5, 0.5], mx: [-5, 5], my: [0, 0], ca: [1, 1], cb: [0, 0], cc: [1, 1] };
    expect(logMixtureDensity(q, -5, 0)).toBeCloseTo(Math.log(0.5) - Math.log(2 * Math.PI), 10);
  });

  it('HPD levels of a Gaussian target are its density on the 1σ and 2σ ellipses', () => {
    const n = 240;
    const [x0, x1, y0, y1] = qview;
    const values = new Float64Array(n * n);
    for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) values[j * n + i] = quad.value(x0 + ((i + 0.5) * (x1 - x0)) / n, y0 + ((j + 0.5) * (y1 - y0)) / n);
    const d = posteriorDensity(values, post, qview, n, n);
    const [l2, l1] = hpdLevels(d, [ellipseMass(2), ellipseMass(1)]);
    const peak = Math.sqrt(P[0] * P[2] - P[1] * P[1]) / (2 * Math.PI);
    expect(l1 / peak).toBeCloseTo(Math.exp(-0.5), 2);
    expect(l2 / peak).toBeCloseTo(Math.exp(-2), 2);
    expect(ellipseMass(1)).toBeCloseTo(0.3935, 4);
  });
});

describe('a target much narrower than the window', () => {
  it('is integrated again around its mass: −log Z of a sharp quadratic stays exact', () => {
    // p = N(c, (A/τ)⁻¹) with a precision of 4e4: about one cell wide on a 300² grid over ±3.
    const A = [[40000, 15000], [15000, 30000]] as [[number, number], [number, number]];
    const loss = createQuadraticLoss({ center: [0.3, -0.2], hessian: A });
    const post = gridPosterior(loss, 1, [-3, 3, -3, 3], 300);
    const det = A[0][0] * A[1][1] - A[0][1] ** 2;
    expect(post.negLogZ).toBeCloseTo(-Math.log(2 * Math.PI) + 0.5 * Math.log(det), 6);
    expect(post.mean[0]).toBeCloseTo(0.3, 8);
  });
});
