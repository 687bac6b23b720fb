import { describe, expect, it } from 'vitest';
import { createLinearRegressionLoss } from '../../src/engine/losses/linear-regression';
import { createQuadraticLoss } from '../../src/engine/losses/quadratic';
import { createWallLoss, WALL_DEFAULTS } from '../../src/engine/losses/wall';
import { gridPosterior, klToPosterior } from '../../src/engine/posterior';

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
