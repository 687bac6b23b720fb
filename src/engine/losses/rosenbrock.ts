import type { Loss } from './loss';

export interface RosenbrockParams {
  a: number;
  b: number;
}

/**
 * ℓ̄(x, y) = (a − x)² + b (y − x²)² (Rosenbrock 1960). A polynomial of degree four, so its
 * Gaussian expectations are closed-form in the moments of N(m, Σ) up to order four.
 */
export function createRosenbrockLoss({ a, b }: RosenbrockParams): Loss {
  return {
    label: 'rosenbrock',
    value: (x, y) => (a - x) * (a - x) + b * (y - x * x) * (y - x * x),
    evaluate(x, y, out) {
      const r = y - x * x;
      out[0] = (a - x) * (a - x) + b * r * r;
      out[1] = -2 * (a - x) - 4 * b * x * r;
      out[2] = 2 * b * r;
      out[3] = 2 - 4 * b * r + 8 * b * x * x;
      out[4] = -4 * b * x;
      out[5] = 2 * b;
    },
    expect(mx, my, sxx, sxy, syy, out) {
      // Gaussian moments: E[x²], E[x³], E[x⁴], E[xy], E[x²y], E[y²].
      const ex2 = mx * mx + sxx;
      const ex3 = mx * mx * mx + 3 * mx * sxx;
      const ex4 = mx ** 4 + 6 * mx * mx * sxx + 3 * sxx * sxx;
      const exy = mx * my + sxy;
      const ex2y = mx * mx * my + sxx * my + 2 * mx * sxy;
      const ey2 = my * my + syy;
      out[0] = a * a - 2 * a * mx + ex2 + b * (ey2 - 2 * ex2y + ex4);
      out[1] = -2 * a + 2 * mx - 4 * b * exy + 4 * b * ex3;
      out[2] = 2 * b * (my - ex2);
      out[3] = 2 - 4 * b * my + 12 * b * ex2;
      out[4] = -4 * b * mx;
      out[5] = 2 * b;
    },
    minimiser: [a, a * a],
    view: [a - 3, a + 1.5, Math.min(-1.5, a * a - 2.5), Math.max(3, a * a + 2)],
  };
}
