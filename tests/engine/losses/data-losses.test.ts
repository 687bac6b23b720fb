/**
 * The losses added for chapters 3–4 (Himmelblau, the tanh network) against their definitions
 * and finite differences, and the per-example view of every data loss: Σᵢ ℓᵢ + (δ/2)‖θ‖² is the
 * loss, and each example's gradient and Hessian match finite differences of its value.
 */
import { describe, expect, it } from 'vitest';
import { tanhData, TANH_TRUE_WEIGHTS } from '../../../src/engine/data';
import { HIMMELBLAU_MINIMA } from '../../../src/engine/losses/himmelblau';
import { evalAt, expectNear, fdGrad, fdHessFromGrad, lossFrom } from '../_helpers';

const pts: [number, number][] = [[-1, 1], [0.4, -0.7], [1.2, 0.3], [2, -2], [-3, 2.5]];

function checkDerivatives(loss: ReturnType<typeof lossFrom>) {
  for (const [x, y] of pts) {
    const e = evalAt(loss, x, y);
    expectNear(e[0], loss.value(x, y), 1e-13, 1e-13);
    const g = fdGrad(loss.value, x, y, 1e-5);
    const H = fdHessFromGrad((a, b) => {
      const o = evalAt(loss, a, b);
      return [o[1], o[2]];
    }, x, y, 1e-5);
    const sg = 1e-7 * (1 + Math.abs(e[0]) + Math.abs(e[1]) + Math.abs(e[2]));
    const sh = 1e-6 * (1 + Math.abs(e[3]) + Math.abs(e[4]) + Math.abs(e[5]));
    expectNear(e[1], g[0], 1e-7, sg, `∂x at ${x},${y}`);
    expectNear(e[2], g[1], 1e-7, sg, `∂y at ${x},${y}`);
    for (let j = 0; j < 3; j++) expectNear(e[3 + j], H[j], 1e-6, sh, `H${j} at ${x},${y}`);
  }
}

describe('Himmelblau s·[(x² + y − 11)² + (x + y² − 7)²]', () => {
  const loss = lossFrom({ kind: 'himmelblau', scale: 0.05 });
  it('matches its definition; the four listed minimisers are stationary zeros', () => {
    for (const [x, y] of pts) expectNear(loss.value(x, y), 0.05 * ((x * x + y - 11) ** 2 + (x + y * y - 7) ** 2), 1e-14, 1e-14);
    for (const [x, y] of HIMMELBLAU_MINIMA) {
      const e = evalAt(loss, x, y);
      expectNear(e[0], 0, 0, 1e-20);
      expectNear(e[1], 0, 0, 1e-12);
      expectNear(e[2], 0, 0, 1e-12);
      expect(e[3] > 0 && e[3] * e[5] - e[4] * e[4] > 0).toBe(true);
    }
    expect(loss.minima).toHaveLength(4);
  });
  it('gradient and Hessian match finite differences', () => checkDerivatives(loss));
});

describe('tanh network f(x) = w₂ tanh(w₁x), squared loss, Gaussian prior', () => {
  const spec = { kind: 'tanh-regression', data: { n: 24, seed: 3, noise: 0.3 }, noiseVariance: 0.25, priorPrecision: 1 };
  const loss = lossFrom(spec);
  const { x, y } = tanhData({ n: 24, seed: 3, noise: 0.3 });
  it('matches its definition on the seeded synthetic data', () => {
    for (const [a, b] of pts) {
      let s = 0.5 * (a * a + b * b);
      for (let i = 0; i < 24; i++) s += (y[i] - b * Math.tanh(a * x[i])) ** 2 / 0.5;
      expectNear(loss.value(a, b), s, 1e-12, 1e-12);
    }
  });
  it('the same generator parameters give the same data; x uniform on [−2, 2]', () => {
    expect(tanhData({ n: 24, seed: 3, noise: 0.3 })).toEqual({ x, y });
    expect(x.every((v) => v >= -2 && v <= 2)).toBe(true);
    expect(tanhData({ n: 24, seed: 4, noise: 0.3 }).x).not.toEqual(x);
    const clean = tanhData({ n: 5, seed: 3, noise: 0 });
    clean.x.forEach((xi, i) => expectNear(clean.y[i], TANH_TRUE_WEIGHTS[1] * Math.tanh(TANH_TRUE_WEIGHTS[0] * xi), 1e-15, 1e-15));
  });
  it('gradient and Hessian match finite differences', () => checkDerivatives(loss));
  it('is symmetric under w → −w, with the minimiser and its mirror image both stationary', () => {
    for (const [a, b] of pts) expectNear(loss.value(-a, -b), loss.value(a, b), 1e-13, 1e-13);
    const [w1, w2] = loss.minimiser!;
    for (const s of [1, -1]) {
      const e = evalAt(loss, s * w1, s * w2);
      expectNear(e[1], 0, 0, 1e-9);
      expectNear(e[2], 0, 0, 1e-9);
    }
  });
});

describe('per-example terms of every data loss', () => {
  const cases = [
    { kind: 'linear-regression', x: [-1, 0, 1, 2], y: [-0.5, 0.4, 1.1, 2.2], noiseVariance: 0.25, priorPrecision: 0.5 },
    { kind: 'logistic-regression', x: [-2, -0.5, 0.3, 1.5, 2.2], y: [0, 0, 1, 1, 0], priorPrecision: 0.7 },
    { kind: 'tanh-regression', data: { n: 10, seed: 2, noise: 0.2 }, noiseVariance: 0.3, priorPrecision: 0.4 },
  ];
  for (const c of cases) {
    it(`${c.kind}: Σᵢ ℓᵢ + (δ/2)‖θ‖² equals the loss with its derivatives; each example matches finite differences`, () => {
      const loss = lossFrom(c);
      const data = loss.data!;
      const out = new Float64Array(6);
      for (const [a, b] of pts) {
        const sum = new Float64Array(6);
        for (let i = 0; i < data.n; i++) {
          data.example(i, a, b, out);
          for (let j = 0; j < 6; j++) sum[j] += out[j];
          const f = (u: number, v: number) => {
            const o = new Float64Array(6);
            data.example(i, u, v, o);
            return o[0];
          };
          const g = fdGrad(f, a, b, 1e-5);
          expectNear(out[1], g[0], 1e-6, 1e-8, `example ${i} ∂x`);
          expectNear(out[2], g[1], 1e-6, 1e-8, `example ${i} ∂y`);
        }
        const d = data.priorPrecision;
        const e = evalAt(loss, a, b);
        expectNear(sum[0] + 0.5 * d * (a * a + b * b), e[0], 1e-12, 1e-12);
        expectNear(sum[1] + d * a, e[1], 1e-12, 1e-12);
        expectNear(sum[2] + d * b, e[2], 1e-12, 1e-12);
        expectNear(sum[3] + d, e[3], 1e-12, 1e-12);
        expectNear(sum[4], e[4], 1e-12, 1e-12);
        expectNear(sum[5] + d, e[5], 1e-12, 1e-12);
      }
    });
  }
});
