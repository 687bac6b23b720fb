/** Closed-form symmetric 2×2 algebra against its defining identities. */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { chol2, det2, eigen2, inv2, isPosDef2, sym2 } from '../../src/engine/linalg2';
import { expectNear } from './_helpers';

// Magnitudes below 1e-100 are flushed to 0: products of such entries underflow, which no 2×2
// routine in doubles can be asked to survive.
const entry = fc.double({ min: -50, max: 50, noNaN: true, noDefaultInfinity: true }).map((x) => (Math.abs(x) < 1e-100 ? 0 : x));
/** SPD matrices as LLᵀ + εI with L lower triangular. */
const spd = fc
  .tuple(fc.double({ min: 0.05, max: 10, noNaN: true }), fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: 0.05, max: 10, noNaN: true }))
  .map(([l11, l21, l22]) => [l11 * l11, l11 * l21, l21 * l21 + l22 * l22] as [number, number, number]);

describe('linalg2', () => {
  it('det2 is ac − b²', () => {
    expect(det2(2, 0.5, 1)).toBe(1.75);
    expect(det2(9.5, 4, 2.5)).toBe(7.75);
    expect(det2(1, 2, 1)).toBe(-3);
  });

  it('inv2 returns the determinant and A·A⁻¹ = I', () => {
    fc.assert(
      fc.property(entry, entry, entry, (a, b, c) => {
        const d = a * c - b * b;
        fc.pre(Math.abs(d) > 1e-3 * (a * a + b * b + c * c + 1e-300));
        const out = new Float64Array(5);
        expect(inv2(a, b, c, out, 2)).toBe(d);
        expect(out[0]).toBe(0);
        expect(out[1]).toBe(0);
        const [ia, ib, ic] = [out[2], out[3], out[4]];
        const s = Math.abs(a) + Math.abs(b) + Math.abs(c);
        const is = Math.abs(ia) + Math.abs(ib) + Math.abs(ic);
        const tol = 1e-12 * s * is + 1e-12;
        expectNear(a * ia + b * ib, 1, 0, tol);
        expectNear(a * ib + b * ic, 0, 0, tol);
        expectNear(b * ia + c * ib, 0, 0, tol);
        expectNear(b * ib + c * ic, 1, 0, tol);
      }),
    );
  });

  it('isPosDef2 is Sylvester’s criterion and rejects non-finite entries', () => {
    expect(isPosDef2(2, 0.5, 1)).toBe(true);
    expect(isPosDef2(1, 1, 1)).toBe(false); // singular
    expect(isPosDef2(-1.6, 0.8, 1.6)).toBe(false);
    expect(isPosDef2(-1, 0, -1)).toBe(false); // det > 0 but negative definite
    expect(isPosDef2(1, 0, Infinity)).toBe(false);
    expect(isPosDef2(NaN, 0, 1)).toBe(false);
    fc.assert(
      fc.property(entry, entry, entry, (a, b, c) => {
        // Positive definite ⇔ both eigenvalues > 0.
        const { l2 } = eigen2(a, b, c);
        const margin = 1e-9 * (Math.abs(a) + Math.abs(b) + Math.abs(c));
        fc.pre(Math.abs(l2) > margin);
        expect(isPosDef2(a, b, c)).toBe(l2 > 0);
      }),
    );
  });

  it('chol2 gives lower-triangular L with LLᵀ = A', () => {
    fc.assert(
      fc.property(spd, ([a, b, c]) => {
        const L = new Float64Array(4);
        chol2(a, b, c, L, 1);
        const [l11, l21, l22] = [L[1], L[2], L[3]];
        expect(l11).toBeGreaterThan(0);
        expect(l22).toBeGreaterThan(0);
        const tol = 1e-12 * (a + Math.abs(b) + c);
        expectNear(l11 * l11, a, 0, tol);
        expectNear(l11 * l21, b, 0, tol);
        expectNear(l21 * l21 + l22 * l22, c, 0, tol);
      }),
    );
  });

  it('eigen2: A v = λ v for the angle’s unit vector, λ₁ ≥ λ₂, trace and determinant preserved', () => {
    const e = eigen2(3, 0, 1);
    expect(e).toEqual({ l1: 3, l2: 1, angle: 0 });
    const r = eigen2(1, 0, 3);
    expect(r.l1).toBe(3);
    expectNear(Math.abs(r.angle), Math.PI / 2, 0, 1e-15);
    fc.assert(
      fc.property(entry, entry, entry, (a, b, c) => {
        const { l1, l2, angle } = eigen2(a, b, c);
        expect(l1).toBeGreaterThanOrEqual(l2);
        const s = Math.abs(a) + Math.abs(b) + Math.abs(c) + 1e-300;
        expectNear(l1 + l2, a + c, 0, 1e-13 * s);
        expectNear(l1 * l2, a * c - b * b, 0, 1e-12 * s * s);
        const v = [Math.cos(angle), Math.sin(angle)];
        expectNear(a * v[0] + b * v[1], l1 * v[0], 0, 1e-12 * s);
        expectNear(b * v[0] + c * v[1], l1 * v[1], 0, 1e-12 * s);
      }),
    );
  });

  it('sym2 builds [[a, b], [b, c]]', () => {
    expect(sym2(1, 2, 3)).toEqual([[1, 2], [2, 3]]);
  });
});
