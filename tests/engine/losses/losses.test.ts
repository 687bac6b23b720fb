/**
 * Every closed-form loss against its definition (BLR-MATH.md), its derivatives against
 * central finite differences, and its Gaussian expectations against three independent checks:
 * (a) Σ → 0 gives the point evaluation, (b) seeded Monte Carlo, (c) Bonnet and Price,
 * ∇_m E[ℓ] = E[∇ℓ] and ∂E[ℓ]/∂Σ = ½ E[∇²ℓ], by finite differences of `expect` itself.
 */
import { describe, it, expect } from 'vitest';
import { createRng } from '../../../src/engine/rng';
import { LOSS_SLOTS } from '../../../src/engine/losses/loss';
import { softplus, sigmoid } from '../../../src/engine/losses/logistic-regression';
import { EXACT_KINDS, LOSS_KINDS } from '../../../src/engine/spec';
import {
  LOSS_CASES, LINREG_DATA, LOGISTIC_DATA, evalAt, expectAt, expectNear, fdGrad, fdHessFromGrad, lossFrom,
} from '../_helpers';

describe('loss definitions match BLR-MATH.md', () => {
  it('every closed-form kind has a test case and an expect()', () => {
    const covered = new Set(LOSS_CASES.map((c) => c.spec.kind));
    for (const k of LOSS_KINDS) if (EXACT_KINDS.includes(k)) expect(covered.has(k), k).toBe(true);
    for (const k of EXACT_KINDS) if (k !== 'expr') expect(typeof lossFrom({ kind: k, ...(k.endsWith('regression') ? LOGISTIC_DATA : {}) }).expect).toBe('function');
    expect(LOSS_SLOTS).toBe(6);
  });

  const pts: [number, number][] = [[-1, 1], [0.4, -0.7], [1.2, 0.3], [2, 2]];

  it('quadratic ½(θ−c)ᵀA(θ−c)', () => {
    const l = lossFrom({ kind: 'quadratic', center: [1, -2], hessian: [[3, 1], [1, 2]] });
    for (const [x, y] of pts) {
      const dx = x - 1;
      const dy = y + 2;
      expectNear(l.value(x, y), 0.5 * (3 * dx * dx + 2 * dx * dy + 2 * dy * dy), 1e-14, 1e-14);
    }
    expect(l.minimiser).toEqual([1, -2]);
  });

  it('rosenbrock (a − x)² + b(y − x²)², check 1 derivatives at (−1, 1)', () => {
    const l = lossFrom({ kind: 'rosenbrock', a: 1, b: 2 });
    for (const [x, y] of pts) expectNear(l.value(x, y), (x - 1) ** 2 + 2 * (y - x * x) ** 2, 1e-14, 1e-14);
    const e = evalAt(l, -1, 1);
    expect(Array.from(e)).toEqual([4, -4, 0, 18, 8, 4]);
    expect(l.minimiser).toEqual([1, 1]);
  });

  it('wall ½(θ−a)ᵀA(θ−a) + h exp(κ(x − w)) with the Figure 1 defaults', () => {
    const l = lossFrom({ kind: 'wall' });
    for (const [x, y] of pts) {
      const dx = x - 1;
      const dy = y;
      expectNear(l.value(x, y), 0.5 * (dx * dx + dx * dy + dy * dy) + Math.exp(10 * x - 15), 1e-14, 1e-14);
    }
  });

  it('flat-sharp (ε/2)‖θ‖² − h₁g₁ − h₂g₂ with the Figure 1 defaults; the sharp well is deeper', () => {
    const l = lossFrom({ kind: 'flat-sharp' });
    const ref = (x: number, y: number) =>
      0.01 * (x * x + y * y) - Math.exp(-20 * ((x + 1.5) ** 2 + y * y)) - 0.8 * Math.exp(-0.5 * ((x - 1.5) ** 2 + y * y));
    for (const [x, y] of [...pts, [-1.5, 0], [1.5, 0]] as [number, number][]) expectNear(l.value(x, y), ref(x, y), 1e-14, 1e-14);
    expect(l.value(-1.5, 0)).toBeLessThan(l.value(1.5, 0));
  });

  it('linear regression Σ(yᵢ − θ₀ − θ₁xᵢ)²/(2σ²) + (δ/2)‖θ‖², features (1, xᵢ), minimiser = check 2 posterior mean', () => {
    const l = lossFrom({ kind: 'linear-regression', ...LINREG_DATA });
    const ref = (u: number, v: number) => {
      let s = 0;
      for (let i = 0; i < 4; i++) s += (LINREG_DATA.y[i] - u - v * LINREG_DATA.x[i]) ** 2 / (2 * 0.25);
      return s + 0.25 * (u * u + v * v);
    };
    for (const [x, y] of pts) expectNear(l.value(x, y), ref(x, y), 1e-13, 1e-13);
    expectNear(l.minimiser![0], 0.357384276267, 0, 1e-11);
    expectNear(l.minimiser![1], 0.862894930198, 0, 1e-11);
  });

  it('logistic regression Σ softplus(θᵀxᵢ) − yᵢθᵀxᵢ + (δ/2)‖θ‖², features (xᵢ, 1), minimiser is stationary', () => {
    const l = lossFrom({ kind: 'logistic-regression', ...LOGISTIC_DATA, priorPrecision: 0.7 });
    const ref = (u: number, v: number) => {
      let s = 0.35 * (u * u + v * v);
      for (let i = 0; i < LOGISTIC_DATA.x.length; i++) {
        const a = u * LOGISTIC_DATA.x[i] + v;
        s += Math.log(1 + Math.exp(a)) - LOGISTIC_DATA.y[i] * a;
      }
      return s;
    };
    for (const [x, y] of pts) expectNear(l.value(x, y), ref(x, y), 1e-13, 1e-13);
    const [mu, mv] = l.minimiser!;
    const e = evalAt(l, mu, mv);
    expectNear(e[1], 0, 0, 1e-10);
    expectNear(e[2], 0, 0, 1e-10);
  });

  it('softplus and sigmoid are stable far out', () => {
    for (const a of [-800, -40, -1, 0, 1e-3, 2, 40, 800]) {
      // log(1 + eᵃ) = a + log(1 + e⁻ᵃ); log1p keeps the tiny values for a ≪ 0.
      const ref = a > 0 ? a + Math.log1p(Math.exp(-a)) : Math.log1p(Math.exp(a));
      expectNear(softplus(a), ref, 1e-14, 1e-300);
      expect(sigmoid(a) + sigmoid(-a)).toBeCloseTo(1, 15);
      expect(Number.isFinite(softplus(a))).toBe(true);
    }
    expect(softplus(-800)).toBe(0); // e^−800 underflows: that is the right answer in doubles
    expect(sigmoid(-800)).toBe(0);
  });
});

describe.each(LOSS_CASES)('$name', ({ spec, points, covs }) => {
  const loss = lossFrom(spec);

  it('value() equals evaluate()[0]', () => {
    for (const [x, y] of points) expectNear(evalAt(loss, x, y)[0], loss.value(x, y), 1e-14, 1e-14);
  });

  it('analytic gradient and Hessian match central finite differences', () => {
    const grad = (x: number, y: number): [number, number] => {
      const e = evalAt(loss, x, y);
      return [e[1], e[2]];
    };
    for (const [x, y] of points) {
      const e = evalAt(loss, x, y);
      const h = 1e-5;
      const g = fdGrad(loss.value, x, y, h);
      const H = fdHessFromGrad(grad, x, y, h);
      const scaleG = 1e-7 * (1 + Math.abs(e[0]) + Math.abs(e[1]) + Math.abs(e[2]));
      const scaleH = 1e-6 * (1 + Math.abs(e[3]) + Math.abs(e[4]) + Math.abs(e[5]));
      expectNear(e[1], g[0], 1e-7, scaleG, `∂x at (${x}, ${y})`);
      expectNear(e[2], g[1], 1e-7, scaleG, `∂y at (${x}, ${y})`);
      expectNear(e[3], H[0], 1e-6, scaleH, `∂xx at (${x}, ${y})`);
      expectNear(e[4], H[1], 1e-6, scaleH, `∂xy at (${x}, ${y})`);
      expectNear(e[5], H[2], 1e-6, scaleH, `∂yy at (${x}, ${y})`);
    }
  });

  it('(a) expect with Σ → 0 equals evaluate at the mean', () => {
    for (const [x, y] of points) {
      const e = evalAt(loss, x, y);
      const q = expectAt(loss, x, y, 1e-13, 0, 1e-13);
      for (let i = 0; i < 6; i++) expectNear(q[i], e[i], 1e-9, 1e-9, `slot ${i} at (${x}, ${y})`);
    }
  });

  it('(b) expect agrees with seeded Monte Carlo (80k samples) within 5 standard errors', () => {
    const rng = createRng(20240607);
    const N = 80_000;
    const tmp = new Float64Array(6);
    for (const [mx, my] of points) {
      for (const [sxx, sxy, syy] of covs) {
        const l11 = Math.sqrt(sxx);
        const l21 = sxy / l11;
        const l22 = Math.sqrt(syy - l21 * l21);
        const sum = new Float64Array(6);
        const sum2 = new Float64Array(6);
        for (let k = 0; k < N; k++) {
          const z1 = rng.normal();
          const z2 = rng.normal();
          loss.evaluate(mx + l11 * z1, my + l21 * z1 + l22 * z2, tmp);
          for (let i = 0; i < 6; i++) {
            sum[i] += tmp[i];
            sum2[i] += tmp[i] * tmp[i];
          }
        }
        const exact = expectAt(loss, mx, my, sxx, sxy, syy);
        for (let i = 0; i < 6; i++) {
          const mean = sum[i] / N;
          const se = Math.sqrt(Math.max(0, sum2[i] / N - mean * mean) / N);
          expectNear(exact[i], mean, 0, 5 * se + 1e-9 * (1 + Math.abs(mean)), `slot ${i} at m = (${mx}, ${my}), Σ = (${sxx}, ${sxy}, ${syy})`);
        }
      }
    }
  });

  it('(c) Bonnet: E[∇ℓ] = ∇_m E[ℓ]; Price: E[∇²ℓ] = 2 ∂E[ℓ]/∂Σ = ∇_m E[∇ℓ] (finite differences of expect)', () => {
    for (const [mx, my] of points) {
      for (const [sxx, sxy, syy] of covs) {
        const E = expectAt(loss, mx, my, sxx, sxy, syy);
        const f = (a: number, b: number, c: number, d: number, e: number) => expectAt(loss, a, b, c, d, e);
        const hm = 1e-5;
        const mxp = f(mx + hm, my, sxx, sxy, syy);
        const mxm = f(mx - hm, my, sxx, sxy, syy);
        const myp = f(mx, my + hm, sxx, sxy, syy);
        const mym = f(mx, my - hm, sxx, sxy, syy);
        const tolG = 1e-7 * (1 + Math.abs(E[0]) + Math.abs(E[1]) + Math.abs(E[2]));
        const tolH = 1e-6 * (1 + Math.abs(E[3]) + Math.abs(E[4]) + Math.abs(E[5]));
        const at = `m = (${mx}, ${my}), Σ = (${sxx}, ${sxy}, ${syy})`;
        expectNear(E[1], (mxp[0] - mxm[0]) / (2 * hm), 1e-7, tolG, `Bonnet x ${at}`);
        expectNear(E[2], (myp[0] - mym[0]) / (2 * hm), 1e-7, tolG, `Bonnet y ${at}`);
        // ∇_m E[∇ℓ] = E[∇²ℓ] (Bonnet applied to the gradient).
        expectNear(E[3], (mxp[1] - mxm[1]) / (2 * hm), 1e-6, tolH, `∂m E[∂x] ${at}`);
        expectNear(E[4], 0.5 * ((mxp[2] - mxm[2]) / (2 * hm) + (myp[1] - mym[1]) / (2 * hm)), 1e-6, tolH, `∂m E[∂xy] ${at}`);
        expectNear(E[5], (myp[2] - mym[2]) / (2 * hm), 1e-6, tolH, `∂m E[∂y] ${at}`);
        // Price. E[ℓ] depends on Σ through (sxx, sxy, syy), where sxy stands for both off-diagonal
        // entries: ∂/∂sxx = ½E[H₁₁], ∂/∂syy = ½E[H₂₂], ∂/∂sxy = ½(E[H₁₂] + E[H₂₁]) = E[H₁₂].
        const hs = 1e-6 * Math.min(1, sxx, syy);
        const dxx = (f(mx, my, sxx + hs, sxy, syy)[0] - f(mx, my, sxx - hs, sxy, syy)[0]) / (2 * hs);
        const dxy = (f(mx, my, sxx, sxy + hs, syy)[0] - f(mx, my, sxx, sxy - hs, syy)[0]) / (2 * hs);
        const dyy = (f(mx, my, sxx, sxy, syy + hs)[0] - f(mx, my, sxx, sxy, syy - hs)[0]) / (2 * hs);
        const tolP = 2e-6 * (1 + Math.abs(E[0]) + Math.abs(E[3]) + Math.abs(E[4]) + Math.abs(E[5])) + 1e-9 / hs;
        expectNear(E[3], 2 * dxx, 1e-6, tolP, `Price xx ${at}`);
        expectNear(E[4], dxy, 1e-6, tolP, `Price xy ${at}`);
        expectNear(E[5], 2 * dyy, 1e-6, tolP, `Price yy ${at}`);
      }
    }
  });
});

describe('rosenbrock expectation by hand', () => {
  it('E under N(m, Σ) equals the moment expansion written out independently', () => {
    // ℓ = (a−x)² + b(y−x²)²; with x = mx + u, y = my + v the expansion has terms up to u⁴.
    const a = 1.3;
    const b = 5;
    const l = lossFrom({ kind: 'rosenbrock', a, b });
    const [mx, my, sxx, sxy, syy] = [0.4, -0.2, 0.3, 0.1, 0.5];
    // E[(y − x²)²] = Var(y − x²) + (E[y − x²])²; Var(x²) = 4mx²sxx + 2sxx², Cov(y, x²) = 2mx sxy.
    const meanR = my - (mx * mx + sxx);
    const varR = syy + 4 * mx * mx * sxx + 2 * sxx * sxx - 2 * 2 * mx * sxy;
    const e = expectAt(l, mx, my, sxx, sxy, syy);
    expectNear(e[0], (a - mx) ** 2 + sxx + b * (varR + meanR * meanR), 1e-13, 1e-13);
    expectNear(e[2], 2 * b * meanR, 1e-13, 1e-13);
    expectNear(e[5], 2 * b, 0, 0);
  });
});
