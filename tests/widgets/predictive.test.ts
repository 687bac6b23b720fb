import { describe, expect, it } from 'vitest';
import { identifyAlgorithm } from '../../src/engine/identify';
import { run } from '../../src/engine/run';
import { parseRunSpec } from '../../src/engine/spec';
import { gridX, predictiveBand, standardNormals, tanhCurve } from '../../src/widgets/predictive';
import { createPointVsDistConfig } from '../../src/widgets/PointVsDist';
import { DEFAULT_SETTINGS } from '../../src/widgets/defaults';

describe('data space of f(x) = w₂ tanh(w₁x)', () => {
  const xs = gridX(-2, 2, 9);

  it('spaces the grid evenly and draws the same normals for the same seed', () => {
    expect([...xs]).toEqual([-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2]);
    expect(standardNormals(50, 3)).toEqual(standardNormals(50, 3));
    expect(standardNormals(50, 3)).not.toEqual(standardNormals(50, 4));
    const z = standardNormals(4000, 1);
    const mean = z.reduce((a, b) => a + b, 0) / z.length;
    const variance = z.reduce((a, b) => a + (b - mean) ** 2, 0) / z.length;
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });

  it('collapses the band onto the curve of the mean when q is a point', () => {
    const band = predictiveBand([1.5, 1], [0, 0, 0], xs, standardNormals(64, 1));
    const curve = tanhCurve(1.5, 1, xs);
    for (let i = 0; i < xs.length; i++) {
      expect(band.mean[i]).toBeCloseTo(curve[i], 12);
      expect(band.lo[i]).toBeCloseTo(curve[i], 12);
      expect(band.hi[i]).toBeCloseTo(curve[i], 12);
    }
  });

  it('widens with the variance of w₂, which scales f linearly: the band at x is tanh(w₁x)·(m₂ ± 1.645σ₂)', () => {
    // Only w₂ uncertain: f = w₂ tanh(w₁x) is Gaussian in w₂, so the 5% and 95% quantiles are known.
    const sd = 0.3;
    const band = predictiveBand([1.5, 1], [0, 0, sd * sd], xs, standardNormals(20000, 2));
    for (let i = 0; i < xs.length; i++) {
      const t = Math.tanh(1.5 * xs[i]);
      const ends = [t * (1 - 1.645 * sd), t * (1 + 1.645 * sd)].sort((a, b) => a - b);
      expect(band.mean[i]).toBeCloseTo(t, 1);
      expect(band.lo[i]).toBeCloseTo(ends[0], 1);
      expect(band.hi[i]).toBeCloseTo(ends[1], 1);
    }
  });

  it('uses the full covariance through its Cholesky factor', () => {
    // w₁ and w₂ perfectly correlated: every sample lies on w₂ = w₁ − 0.5.
    const band = predictiveBand([1.5, 1], [0.04, 0.04, 0.04], gridX(1, 1, 2), standardNormals(2000, 5));
    const z = standardNormals(2000, 5);
    let sum = 0;
    for (let j = 0; j < 2000; j++) {
      const w1 = 1.5 + 0.2 * z[2 * j];
      sum += (w1 - 0.5) * Math.tanh(w1);
    }
    expect(band.mean[0]).toBeCloseTo(sum / 2000, 10);
  });
});

describe('the adam-vs-ivon figure', () => {
  const config = createPointVsDistConfig(DEFAULT_SETTINGS);

  it('runs Adam and IVON on the same data, minibatches and start; only IVON draws q', async () => {
    const [adam, ivon] = config.series.map((s) => parseRunSpec(s.spec(config.defaults)));
    expect(identifyAlgorithm(adam).name).toBe('adam');
    expect(identifyAlgorithm(ivon).name).toBe('ivon');
    expect(adam.loss).toEqual(ivon.loss);
    expect([adam.batchSize, adam.seed, adam.init.mean]).toEqual([ivon.batchSize, ivon.seed, ivon.init.mean]);
    expect(config.series.map((s) => s.ellipses)).toEqual([false, true]);
    for (const spec of [adam, ivon]) {
      const r = await run(spec);
      expect(r.status, r.message).toBe('ok');
      // Both converge to the minimum near (1.1, 1.1) that the start lies closest to.
      expect(Math.hypot(r.final!.mean[0] - 1.1, r.final!.mean[1] - 1.12)).toBeLessThan(0.35);
    }
  });
});
