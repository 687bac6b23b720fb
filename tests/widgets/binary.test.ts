/**
 * The binary figure's pure helpers (widgets/binary.ts) against the Bernoulli family's frames:
 * corner masses of a product of Bernoullis, the straight-through estimator's corner, and the
 * figure's problem, whose best corner is not the rounded continuous minimiser.
 */
import { describe, expect, it } from 'vitest';
import { createLoss } from '../../src/engine/losses/index';
import { B, BlrRun, F } from '../../src/engine/run';
import { parseRunSpec, type LossSpec } from '../../src/engine/spec';
import { CORNERS, cornerKey, cornerMasses, lowestCorner, steCorner } from '../../src/widgets/binary';
import { BINARY } from '../../src/widgets/BinaryFigure';

function runOf(input: Parameters<typeof parseRunSpec>[0]) {
  const spec = parseRunSpec(input);
  const loss = createLoss(spec.loss as Exclude<LossSpec, { kind: 'expr' }>);
  const run = new BlrRun(spec, loss);
  run.advance();
  return { run, loss };
}

describe('corner masses', () => {
  it('are the products P(θ₁ = c₁) P(θ₂ = c₂) and sum to one', () => {
    for (const [px, py] of [[0.5, 0.5], [0.9, 0.2], [1, 0], [0.01, 0.999]]) {
      const m = cornerMasses(px, py);
      expect(m.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
      CORNERS.forEach(([c1, c2], i) => expect(m[i]).toBeCloseTo((c1 > 0 ? px : 1 - px) * (c2 > 0 ? py : 1 - py), 14));
    }
    expect(cornerMasses(1, 0)[CORNERS.findIndex((c) => cornerKey(c) === '1,-1')]).toBe(1);
  });

  it('are uniform for λ = 0 and match E[θ] = tanh λ', () => {
    expect(cornerMasses(0.5, 0.5)).toEqual([0.25, 0.25, 0.25, 0.25]);
    const px = 0.8;
    const py = 0.3;
    const m = cornerMasses(px, py);
    // E[θ₁] = Σ c₁ q(c) = 2p₁ − 1.
    expect(CORNERS.reduce((a, c, i) => a + c[0] * m[i], 0)).toBeCloseTo(2 * px - 1, 14);
    expect(CORNERS.reduce((a, c, i) => a + c[1] * m[i], 0)).toBeCloseTo(2 * py - 1, 14);
  });
});

describe('the straight-through estimator’s corner', () => {
  it('is sign λ with sign(0) = +1', () => {
    expect(steCorner(0, 0)).toEqual([1, 1]);
    expect(steCorner(-0.1, 2)).toEqual([-1, 1]);
    expect(steCorner(3, -1e-9)).toEqual([1, -1]);
  });

  it('is the point where every STE frame evaluates the loss, and one of the four corners', () => {
    const { run, loss } = runOf(BINARY.series[0].spec(BINARY.defaults));
    const seen = new Set<string>();
    for (let k = 0; k < run.count; k++) {
      const o = k * run.stride;
      const c = steCorner(run.frames[o + B.lx], run.frames[o + B.ly]);
      expect(CORNERS.map(cornerKey)).toContain(cornerKey(c));
      expect(run.frames[o + F.loss]).toBeCloseTo(loss.value(c[0], c[1]), 12);
      seen.add(cornerKey(c));
    }
    // It never settles on this problem: it keeps jumping between corners.
    expect(seen.size).toBeGreaterThan(1);
  });
});

describe('the figure’s problem', () => {
  const { run: bayes, loss } = runOf(BINARY.series[1].spec(BINARY.defaults));
  const losses = CORNERS.map(([x, y]) => loss.value(x, y));

  it('has its best corner away from the rounded continuous minimiser', () => {
    const best = CORNERS[lowestCorner(losses)];
    const [mx, my] = loss.minimiser!;
    expect(cornerKey(best)).toBe('1,-1');
    expect(cornerKey([Math.sign(mx), Math.sign(my)])).toBe('1,1');
    expect(lowestCorner([3, 1, 1, 2])).toBe(1);
  });

  it('ends with BayesBiNN’s heaviest corner the best one, its probabilities between 0 and 1', () => {
    const o = (bayes.count - 1) * bayes.stride;
    const p = [bayes.frames[o + B.px], bayes.frames[o + B.py]];
    const m = cornerMasses(p[0], p[1]);
    expect(m.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(lowestCorner(m.map((v) => -v))).toBe(lowestCorner(losses));
    expect(p[1]).toBeGreaterThan(0.1);
    expect(p[1]).toBeLessThan(0.6);
  });
});
