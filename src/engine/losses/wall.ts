import type { Loss } from './loss';

export interface WallParams {
  a: readonly [number, number];
  A: readonly [readonly [number, number], readonly [number, number]];
  h: number;
  kappa: number;
  w: number;
}

/** Defaults of Figure 1 (left) as given in BLR-MATH.md. */
export const WALL_DEFAULTS: WallParams = { a: [1, 0], A: [[1, 0.5], [0.5, 1]], h: 1, kappa: 10, w: 1.5 };

/**
 * The wall: ℓ(θ) = ½ (θ − a)ᵀ A (θ − a) + h exp(kᵀθ − κw), k = (κ, 0) (Khan & Rue 2023, Fig. 1).
 * With W = h exp(kᵀm − κw + ½ kᵀΣk): E[ℓ] = ½(m−a)ᵀA(m−a) + ½tr(AΣ) + W,
 * E[∇ℓ] = A(m − a) + kW, E[∇²ℓ] = A + kkᵀW.
 */
export function createWallLoss(p: WallParams): Loss {
  const [ax, ay] = p.a;
  const A11 = p.A[0][0];
  const A12 = p.A[0][1];
  const A22 = p.A[1][1];
  const { h, kappa, w } = p;
  const quad = (dx: number, dy: number) => 0.5 * (A11 * dx * dx + 2 * A12 * dx * dy + A22 * dy * dy);
  const fill = (dx: number, dy: number, W: number, extra: number, out: Float64Array) => {
    out[0] = quad(dx, dy) + extra + W;
    out[1] = A11 * dx + A12 * dy + kappa * W;
    out[2] = A12 * dx + A22 * dy;
    out[3] = A11 + kappa * kappa * W;
    out[4] = A12;
    out[5] = A22;
  };
  return {
    label: 'wall',
    value: (x, y) => quad(x - ax, y - ay) + h * Math.exp(kappa * (x - w)),
    evaluate(x, y, out) {
      fill(x - ax, y - ay, h * Math.exp(kappa * (x - w)), 0, out);
    },
    expect(mx, my, sxx, sxy, syy, out) {
      const W = h * Math.exp(kappa * (mx - w) + 0.5 * kappa * kappa * sxx);
      fill(mx - ax, my - ay, W, 0.5 * (A11 * sxx + 2 * A12 * sxy + A22 * syy), out);
    },
    view: [-2.5, 2.5, -2.5, 2.5],
  };
}
