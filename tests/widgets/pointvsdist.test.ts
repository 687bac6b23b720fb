import { describe, expect, it } from 'vitest';
import { identifyAlgorithm } from '../../src/engine/identify';
import { run } from '../../src/engine/run';
import { parseRunSpec } from '../../src/engine/spec';
import { createPointVsDistConfig } from '../../src/widgets/PointVsDist';
import { DEFAULT_SETTINGS } from '../../src/widgets/defaults';

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
