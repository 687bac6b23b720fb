/** The seeded generator: determinism, range, and the first moments of its normals. */
import { describe, it, expect } from 'vitest';
import { createRng } from '../../src/engine/rng';

describe('createRng', () => {
  it('the same seed gives the same stream; different seeds different streams', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const sa = Array.from({ length: 100 }, () => a.normal());
    const sb = Array.from({ length: 100 }, () => b.normal());
    const sc = Array.from({ length: 100 }, () => c.normal());
    expect(sb).toEqual(sa);
    expect(sc).not.toEqual(sa);
    // Seeds are taken modulo 2³², so the full seed range of the RunSpec is distinct.
    expect(createRng(0).uniform()).not.toBe(createRng(2 ** 32 - 1).uniform());
    expect(createRng(2 ** 32).uniform()).toBe(createRng(0).uniform());
  });

  it('uniform() lies in [0, 1) with mean ½ and variance 1/12, using more than 32 bits', () => {
    const r = createRng(7);
    const N = 200_000;
    let s = 0;
    let s2 = 0;
    let fine = 0;
    let outside = 0;
    for (let i = 0; i < N; i++) {
      const u = r.uniform();
      if (!(u >= 0 && u < 1)) outside++;
      s += u;
      s2 += u * u;
      if ((u * 2 ** 32) % 1 !== 0) fine++;
    }
    const mean = s / N;
    const v = s2 / N - mean * mean;
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / N));
    expect(Math.abs(v - 1 / 12)).toBeLessThan(5 * Math.sqrt(1 / 180 / N));
    expect(outside).toBe(0);
    expect(fine).toBeGreaterThan(N * 0.99);
  });

  it('normal() has mean 0, variance 1, skew 0, kurtosis 3 and the right tail mass', () => {
    const r = createRng(2024);
    const N = 400_000;
    let m1 = 0;
    let m2 = 0;
    let m3 = 0;
    let m4 = 0;
    let tail = 0;
    let bad = 0;
    for (let i = 0; i < N; i++) {
      const z = r.normal();
      if (!Number.isFinite(z)) bad++;
      m1 += z;
      m2 += z * z;
      m3 += z * z * z;
      m4 += z ** 4;
      if (Math.abs(z) > 1.959963984540054) tail++;
    }
    expect(bad).toBe(0);
    m1 /= N;
    m2 /= N;
    m3 /= N;
    m4 /= N;
    // Standard errors: √(Var(zᵏ)/N) with Var(z)=1, Var(z²)=2, Var(z³)=15, Var(z⁴)=96.
    expect(Math.abs(m1)).toBeLessThan(5 * Math.sqrt(1 / N));
    expect(Math.abs(m2 - 1)).toBeLessThan(5 * Math.sqrt(2 / N));
    expect(Math.abs(m3)).toBeLessThan(5 * Math.sqrt(15 / N));
    expect(Math.abs(m4 - 3)).toBeLessThan(5 * Math.sqrt(96 / N));
    expect(Math.abs(tail / N - 0.05)).toBeLessThan(5 * Math.sqrt(0.05 * 0.95 / N));
  });

  it('consecutive normals are uncorrelated (Box–Muller pairs included)', () => {
    const r = createRng(99);
    const N = 200_000;
    let c = 0;
    let prev = r.normal();
    for (let i = 0; i < N; i++) {
      const z = r.normal();
      c += prev * z;
      prev = z;
    }
    expect(Math.abs(c / N)).toBeLessThan(5 / Math.sqrt(N));
  });
});
