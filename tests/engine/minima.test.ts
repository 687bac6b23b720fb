/** Local minima of a sampled loss (engine/minima.ts), the markers for losses without a list. */
import { describe, expect, it } from 'vitest';
import { gridMinima } from '../../src/engine/minima';
import { computeSurface } from '../../src/engine/surface';
import { HIMMELBLAU_MINIMA } from '../../src/engine/losses/himmelblau';
import { lossFrom } from './_helpers';

describe('grid minima', () => {
  it('finds both wells of flat-sharp, the polished global minimiser first', () => {
    const s = computeSurface(lossFrom({ kind: 'flat-sharp' }), [-3, 3, -2.25, 2.25], 120, 120);
    const m = gridMinima(s);
    expect(m).toHaveLength(2);
    expect(m[0]).toEqual(s.minimiser);
    expect(m[0][0]).toBeCloseTo(-1.5, 1);
    // The flat well's minimum, where εx + h₂(x − 1.5)e^{−(x−1.5)²/2} = 0: x ≈ 1.463.
    expect(Math.abs(m[1][0] - 1.463)).toBeLessThan(0.05);
    expect(Math.abs(m[1][1])).toBeLessThan(0.05);
  });

  it('finds Himmelblau’s four minima within a grid cell', () => {
    const view = [-5.5, 5.5, -5.5, 5.5] as const;
    const s = computeSurface(lossFrom({ kind: 'himmelblau' }), view, 120, 120);
    const m = gridMinima(s);
    expect(m).toHaveLength(4);
    const cell = 11 / 119;
    for (const [x, y] of HIMMELBLAU_MINIMA) expect(m.some(([a, b]) => Math.abs(a - x) <= cell && Math.abs(b - y) <= cell)).toBe(true);
  });

  it('finds one minimum of a quadratic, and none where the loss only falls towards the border', () => {
    const q = computeSurface(lossFrom({ kind: 'quadratic', center: [0.5, -0.5] }), [-3, 3, -3, 3], 40, 40);
    expect(gridMinima(q)).toEqual([q.minimiser]);
    const plane = computeSurface(lossFrom({ kind: 'quadratic', center: [10, 10] }), [-1, 1, -1, 1], 20, 20);
    expect(gridMinima(plane)).toEqual([]);
  });
});
