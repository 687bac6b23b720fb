/**
 * Gauss–Hermite rules against exact Hermite moments, and the node count of the logistic
 * expectations against a fine trapezoid rule.
 */
import { describe, it, expect } from 'vitest';
import { gaussHermite, gaussianRule } from '../../src/engine/quadrature';
import { expectLogit, LOGISTIC_GH_NODES, sigmoid, softplus } from '../../src/engine/losses/logistic-regression';
import { expectNear, gaussMoments, hermiteMoment } from './_helpers';

describe('gaussHermite(n)', () => {
  it.each([1, 2, 3, 4, 5, 8, 13, 16, 32, 64, 100, 256])('n = %i: weights sum to √π, nodes sorted, symmetric and distinct', (n) => {
    const { nodes, weights } = gaussHermite(n);
    expect(nodes.length).toBe(n);
    expect(weights.length).toBe(n);
    expectNear(weights.reduce((a, b) => a + b, 0), Math.sqrt(Math.PI), 1e-14);
    for (let i = 0; i < n; i++) {
      expect(weights[i]).toBeGreaterThanOrEqual(0);
      if (i > 0) expect(nodes[i]).toBeGreaterThan(nodes[i - 1]);
      expectNear(nodes[i], -nodes[n - 1 - i], 0, 1e-13 * Math.max(1, Math.abs(nodes[i])));
      expectNear(weights[i], weights[n - 1 - i], 1e-10, 1e-300);
    }
  });

  it.each([1, 2, 3, 5, 8, 16, 32, 64])('n = %i integrates x^(2k) e^(−x²) exactly for 2k < 2n', (n) => {
    const { nodes, weights } = gaussHermite(n);
    for (let k = 0; k < Math.min(n, 30); k++) {
      let s = 0;
      let odd = 0;
      for (let i = 0; i < n; i++) {
        s += weights[i] * nodes[i] ** (2 * k);
        odd += weights[i] * nodes[i] ** (2 * k + 1);
      }
      expectNear(s, hermiteMoment(k), 1e-11, 0, `n=${n}, k=${k}`);
      expectNear(odd, 0, 0, 1e-11 * hermiteMoment(k + 1), `odd n=${n}, k=${k}`);
    }
    // …and not beyond: for x^(2n) the rule misses exactly ∫ H̃ₙ(x)² e^(−x²) dx = n! √π / 2ⁿ
    // (H̃ₙ the monic Hermite polynomial), so its degree of exactness is 2n − 1. (For n = 64 the
    // gap, ~1e−18 of ∫x¹²⁸e^(−x²), is below double rounding, so it is checked up to n = 32.)
    if (n > 32) return;
    let s = 0;
    for (let i = 0; i < n; i++) s += weights[i] * nodes[i] ** (2 * n);
    let gap = Math.sqrt(Math.PI);
    for (let j = 1; j <= n; j++) gap *= j / 2;
    expectNear(hermiteMoment(n) - s, gap, 0.02, 0, `degree 2n, n=${n}`);
  });

  it('the small rules are the textbook ones', () => {
    const g1 = gaussHermite(1);
    expectNear(g1.nodes[0], 0, 0, 1e-15);
    const g2 = gaussHermite(2);
    expectNear(g2.nodes[1], Math.SQRT1_2, 1e-14);
    expectNear(g2.weights[0], Math.sqrt(Math.PI) / 2, 1e-14);
    const g3 = gaussHermite(3);
    expectNear(g3.nodes[2], Math.sqrt(1.5), 1e-14);
    expectNear(g3.weights[1], (2 * Math.sqrt(Math.PI)) / 3, 1e-14);
  });
});

describe('gaussianRule(n): E over N(μ, v)', () => {
  it('weights sum to 1 and moments of N(μ, v) are exact', () => {
    const { nodes, weights } = gaussianRule(12);
    expectNear(weights.reduce((a, b) => a + b, 0), 1, 1e-14);
    for (const [mu, v] of [[0, 1], [1.5, 0.3], [-2, 7]]) {
      const ref = gaussMoments(mu, v, 20);
      for (let k = 0; k <= 20; k++) {
        let s = 0;
        for (let i = 0; i < nodes.length; i++) s += weights[i] * (mu + Math.sqrt(v) * nodes[i]) ** k;
        expectNear(s, ref[k], 1e-11, 1e-11 * gaussMoments(Math.abs(mu) + 1, v, 20)[k], `μ=${mu}, v=${v}, k=${k}`);
      }
    }
  });
});

/** E[softplus(a)], E[σ(a)], E[σ'(a)], a ~ N(mean, sd²), by the trapezoid rule on ±40 sd. */
function trapezoidLogit(mean: number, sd: number, n = 200_000): [number, number, number] {
  const L = 40;
  const h = (2 * L) / n;
  const c = h / Math.sqrt(2 * Math.PI);
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  for (let i = 0; i <= n; i++) {
    const t = -L + i * h;
    const w = (i === 0 || i === n ? 0.5 : 1) * c * Math.exp(-0.5 * t * t);
    const a = mean + sd * t;
    const s = sigmoid(a);
    a0 += w * softplus(a);
    a1 += w * s;
    a2 += w * s * (1 - s);
  }
  return [a0, a1, a2];
}

describe('expectLogit and the logistic node count', () => {
  const variances = [0.01, 0.1, 1, 3, 10, 20];
  const means = [-6, -1.5, 0, 0.4, 2, 5];
  const rule32 = gaussianRule(32);
  const cases = variances.flatMap((v) => means.map((m) => [v, m] as const));
  const refs = cases.map(([v, m]) => trapezoidLogit(m, Math.sqrt(v)));

  it(`the ${LOGISTIC_GH_NODES}-node rule matches a 200k-point trapezoid rule to 1e-8 for variances 0.01…20`, () => {
    const out = new Float64Array(3);
    cases.forEach(([v, m], j) => {
      expectLogit(m, Math.sqrt(v), out);
      for (let i = 0; i < 3; i++) expectNear(out[i], refs[j][i], 0, 1e-8, `v=${v}, mean=${m}, slot ${i}`);
    });
  });

  it('a 32-node rule is off by more than 1e-5 somewhere in that range (why LOGISTIC_GH_NODES is large)', () => {
    let worst = 0;
    cases.forEach(([v, m], j) => {
      const sd = Math.sqrt(v);
      const q = [0, 0, 0];
      for (let k = 0; k < 32; k++) {
        const a = m + sd * rule32.nodes[k];
        const s = sigmoid(a);
        q[0] += rule32.weights[k] * softplus(a);
        q[1] += rule32.weights[k] * s;
        q[2] += rule32.weights[k] * s * (1 - s);
      }
      for (let i = 0; i < 3; i++) worst = Math.max(worst, Math.abs(q[i] - refs[j][i]));
    });
    expect(worst).toBeGreaterThan(1e-5);
  });

  it('sd = 0 gives the point values', () => {
    const out = new Float64Array(3);
    for (const a of [-3, 0, 0.7, 12]) {
      expectLogit(a, 0, out);
      expectNear(out[0], softplus(a), 1e-14, 1e-300);
      expectNear(out[1], sigmoid(a), 1e-14, 1e-300);
      expectNear(out[2], sigmoid(a) * (1 - sigmoid(a)), 1e-13, 1e-300);
    }
  });
});
