/**
 * Estimators of (E[ℓ̄], E[∇ℓ̄], E[∇²ℓ̄]): BLR-MATH check 5 (Bonnet/Price on θ⁴) for Monte Carlo
 * with sampled and reparameterisation Hessians, convergence to the closed forms, and the
 * delta/exact estimators' wiring.
 */
import { describe, it, expect } from 'vitest';
import { createDeltaEstimator, createExactEstimator, createMonteCarloEstimator } from '../../src/engine/estimators';
import type { Loss } from '../../src/engine/losses/loss';
import { createRng } from '../../src/engine/rng';
import { evalAt, expectAt, gaussMoments, lossFrom } from './_helpers';

/** ℓ(x, y) = x⁴ + y², a test-only loss with no closed-form expect. */
const quartic: Loss = {
  label: 'x^4 + y^2',
  value: (x, y) => x ** 4 + y * y,
  evaluate(x, y, out) {
    out[0] = x ** 4 + y * y;
    out[1] = 4 * x ** 3;
    out[2] = 2 * y;
    out[3] = 12 * x * x;
    out[4] = 0;
    out[5] = 2;
  },
  view: [-3, 3, -3, 3],
};

/** Runs an estimator at (m, S) and returns its six outputs. */
function estimateAt(est: ReturnType<typeof createDeltaEstimator>, m: [number, number], S: [number, number, number]): Float64Array {
  const [sa, sb, sc] = S;
  const d = sa * sc - sb * sb;
  const out = new Float64Array(6);
  est(m[0], m[1], sa, sb, sc, sc / d, -sb / d, sa / d, out);
  return out;
}

describe('BLR-MATH check 5: Bonnet/Price for ℓ = x⁴ (+ y²) under mean (1, 0), Σ = diag(2, 1)', () => {
  // Moments of x ~ N(1, 2): E[x⁴] = 25, E[4x³] = 28, E[12x²] = 36 (closed form below).
  const mx = gaussMoments(1, 2, 8);
  const N = 200_000;
  const S: [number, number, number] = [0.5, 0, 1]; // precision = Σ⁻¹

  it('the closed forms themselves', () => {
    expect(mx[4]).toBe(25);
    expect(4 * mx[3]).toBe(28);
    expect(12 * mx[2]).toBe(36);
  });

  // Standard errors from exact moments. With v = S(θ − m) = ((x − 1)/2, y) the reparameterisation
  // Hessian samples are v₁·4x³ (xx), ½(v₁·2y + v₂·4x³) (xy) and v₂·2y = 2y² (yy).
  const se = (variance: number) => Math.sqrt(variance / N);
  const seF = se(mx[8] - 25 * 25 + 2); // Var(x⁴) + Var(y²), independent
  const seGx = se(16 * mx[6] - 28 * 28);
  const seHxxSampled = se(144 * mx[4] - 36 * 36);
  // E[(x−1)² 4x⁶] = 4(E[x⁸] − 2E[x⁷] + E[x⁶]); mean 36.
  const seHxxReparam = se(4 * (mx[8] - 2 * mx[7] + mx[6]) - 36 * 36);
  // xy sample ½((x−1)/2·2y + y·4x³) = ½y((x−1) + 4x³): mean 0, variance ¼E[y²]E[(x − 1 + 4x³)²].
  const e2 = 16 * mx[6] + 8 * (mx[4] - mx[3]) + (mx[2] - 2 * mx[1] + 1);
  const seHxyReparam = se(0.25 * e2);
  const seHyyReparam = se(4 * 3 - 4); // Var(2y²) = 4(E[y⁴] − 1) = 8

  for (const hessian of ['sampled', 'reparam'] as const) {
    it(`Monte Carlo (${N} samples, ${hessian} Hessian) is within 4 standard errors`, () => {
      const est = createMonteCarloEstimator(quartic, createRng(hessian === 'sampled' ? 11 : 12), N, hessian);
      const e = estimateAt(est, [1, 0], S);
      expect(Math.abs(e[0] - 26)).toBeLessThan(4 * seF);
      expect(Math.abs(e[1] - 28)).toBeLessThan(4 * seGx);
      expect(Math.abs(e[2] - 0)).toBeLessThan(4 * se(4));
      if (hessian === 'sampled') {
        expect(Math.abs(e[3] - 36)).toBeLessThan(4 * seHxxSampled);
        expect(e[4]).toBe(0);
        expect(e[5]).toBe(2);
      } else {
        expect(Math.abs(e[3] - 36)).toBeLessThan(4 * seHxxReparam);
        expect(Math.abs(e[4])).toBeLessThan(4 * seHxyReparam);
        expect(Math.abs(e[5] - 2)).toBeLessThan(4 * seHyyReparam);
      }
      // …and not trivially: the errors are of the size Monte Carlo predicts, not zero.
      expect(Math.abs(e[0] - 26)).toBeGreaterThan(0);
    });
  }

  it('samples are drawn with covariance S⁻¹ (not S): a correlated check on a quadratic', () => {
    // For ℓ = ½θᵀθ, E[ℓ] = ½(‖m‖² + tr Σ); with S = [[4, 1], [1, 1]], Σ = [[1, −1], [−1, 4]]/3.
    const l = lossFrom({ kind: 'quadratic', center: [0, 0], hessian: [[1, 0], [0, 1]] });
    const est = createMonteCarloEstimator(l, createRng(5), 100_000, 'reparam');
    const e = estimateAt(est, [0.5, -0.5], [4, 1, 1]);
    const exact = 0.5 * (0.5 + 5 / 3);
    // Var of ½‖θ‖² with Σ: ½tr(Σ²) + mᵀΣm; generous bound.
    expect(Math.abs(e[0] - exact)).toBeLessThan(4 * Math.sqrt(3 / 100_000));
    // Reparam Hessian of a quadratic is E[sym(S(θ−m)(θ−m)ᵀ)] = I.
    expect(Math.abs(e[3] - 1)).toBeLessThan(0.03);
    expect(Math.abs(e[4])).toBeLessThan(0.03);
    expect(Math.abs(e[5] - 1)).toBeLessThan(0.03);
  });
});

describe('Monte Carlo error shrinks with the sample count (wall and flat-sharp)', () => {
  const cases = [
    { name: 'wall', loss: lossFrom({ kind: 'wall' }), m: [0.8, 0.3] as [number, number], S: [60, 5, 4] as [number, number, number] },
    { name: 'flat-sharp', loss: lossFrom({ kind: 'flat-sharp' }), m: [0.5, 0.2] as [number, number], S: [3, 0.5, 2] as [number, number, number] },
  ];
  for (const { name, loss, m, S } of cases) {
    for (const hessian of ['sampled', 'reparam'] as const) {
      it(`${name}, ${hessian}: mean error at 4096 samples ≪ at 16 (20 seeds), against the closed form`, () => {
        const d = S[0] * S[2] - S[1] * S[1];
        const exact = expectAt(loss, m[0], m[1], S[2] / d, -S[1] / d, S[0] / d);
        const err = (samples: number) => {
          let total = 0;
          for (let seed = 1; seed <= 20; seed++) {
            const e = estimateAt(createMonteCarloEstimator(loss, createRng(seed), samples, hessian), m, S);
            for (let i = 0; i < 6; i++) total += Math.abs(e[i] - exact[i]);
          }
          return total / 20;
        };
        const e16 = err(16);
        const e4096 = err(4096);
        // Root-N: the expected ratio is 16; demand at least 6.
        expect(e4096).toBeLessThan(e16 / 6);
        expect(e4096).toBeGreaterThan(0);
      });
    }
  }
});

describe('delta and exact estimators', () => {
  it('delta returns evaluate(m) whatever the covariance', () => {
    const l = lossFrom({ kind: 'rosenbrock' });
    const est = createDeltaEstimator(l);
    expect(Array.from(estimateAt(est, [0.3, -0.4], [5, 1, 0.5]))).toEqual(Array.from(evalAt(l, 0.3, -0.4)));
  });

  it('exact passes Σ (not S) to loss.expect', () => {
    const l = lossFrom({ kind: 'rosenbrock' });
    const est = createExactEstimator(l);
    const S: [number, number, number] = [5, 1, 0.5];
    const d = 5 * 0.5 - 1;
    expect(Array.from(estimateAt(est, [0.3, -0.4], S))).toEqual(Array.from(expectAt(l, 0.3, -0.4, 0.5 / d, -1 / d, 5 / d)));
  });

  it('exact refuses a loss without expect, naming it and the alternatives', () => {
    expect(() => createExactEstimator(quartic)).toThrow(/x\^4 \+ y\^2.*"mc" or "delta"/);
  });

  it('the Monte Carlo estimator is deterministic given the rng and consumes it', () => {
    const l = lossFrom({ kind: 'flat-sharp' });
    const a = createMonteCarloEstimator(l, createRng(3), 8, 'sampled');
    const b = createMonteCarloEstimator(l, createRng(3), 8, 'sampled');
    const e1 = estimateAt(a, [0, 0], [1, 0, 1]);
    expect(Array.from(estimateAt(b, [0, 0], [1, 0, 1]))).toEqual(Array.from(e1));
    expect(Array.from(estimateAt(a, [0, 0], [1, 0, 1]))).not.toEqual(Array.from(e1));
  });
});
