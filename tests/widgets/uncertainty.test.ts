import { describe, expect, it } from 'vitest';
import { identifyAlgorithm } from '../../src/engine/identify';
import { F } from '../../src/engine/kernel';
import { dropoutPredictiveExact, tanhModel } from '../../src/engine/predictive';
import { run } from '../../src/engine/run';
import { parseRunSpec } from '../../src/engine/spec';
import { PREDICTIVE } from '../../src/widgets/figures-uncertainty';
import { settingsFromQuery, writeSettingsToQuery } from '../../src/widgets/settings';
import { DATA_X_RANGE, PREDICTIVE_SERIES, X_RANGE, gridIndex, linearisedSeriesPredictive, predictiveGrid, seriesPredictive, testDraws } from '../../src/widgets/uncertainty';

const config = PREDICTIVE;
/** A run's last frame as a frame slot (the layout the controller's logs hold). */
function lastSlot(r: { final: { mean: [number, number]; cov: [[number, number], [number, number]] } | null }): Float64Array {
  const f = new Float64Array(11);
  f[F.mx] = r.final!.mean[0];
  f[F.my] = r.final!.mean[1];
  f[F.ca] = r.final!.cov[0][0];
  f[F.cb] = r.final!.cov[0][1];
  f[F.cc] = r.final!.cov[1][1];
  return f;
}
const specs = () => config.series.map((s) => parseRunSpec(s.spec(config.defaults)));

describe('the uncertainty figure (predictive)', () => {
  it('runs Adam, IVON, SGD with dropout and Laplace on the same data, seed and start', () => {
    const all = specs();
    expect(all.map((s) => s.algorithm)).toEqual(['adam', 'ivon', 'dropout', 'laplace']);
    // Laplace is Newton's step run to its fixed point: Newton's signature, named as the spec asks.
    expect(all.map((s) => identifyAlgorithm(s).name)).toEqual(['adam', 'ivon', 'dropout', 'laplace']);
    expect(identifyAlgorithm({ ...all[3], algorithm: 'blr' }).name).toBe('newton');
    for (const s of all) {
      expect(s.loss).toEqual(all[0].loss);
      expect([s.seed, s.init.mean]).toEqual([all[0].seed, all[0].init.mean]);
    }
    expect(all[2].dropout).toBe(config.defaults.dropout);
    // The window is wider than the data on both sides.
    expect(X_RANGE[0]).toBeLessThan(DATA_X_RANGE[0]);
    expect(X_RANGE[1]).toBeGreaterThan(DATA_X_RANGE[1]);
  });

  it('at the defaults: the point has no band; every distribution has none at x = 0 and one at the edges', async () => {
    const xs = predictiveGrid();
    const draws = testDraws(config.defaults);
    const results = await Promise.all(specs().map((s) => run(s)));
    const sds: Record<string, number[]> = {};
    results.forEach((r, i) => {
      expect(r.status, r.message).toBe('ok');
      const key = PREDICTIVE_SERIES[i];
      const pred = seriesPredictive(key, lastSlot(r), 0, xs, draws);
      if (key === 'point') {
        expect(pred.sd).toBeNull();
        return;
      }
      sds[key] = [0, 2, 4].map((x) => pred.sd![gridIndex(x)]);
    });
    // Laplace's closed form beside it: the linearised sd at the window's edge is positive too.
    const laplace = results[3];
    expect(linearisedSeriesPredictive(lastSlot(laplace), 0, Float64Array.of(0, 4)).sd[1]).toBeGreaterThan(0.1);
    for (const [key, [centre, edge, window]] of Object.entries(sds)) {
      // f(0; θ) = w₂ tanh(0) = 0 for every θ, so no method is uncertain at the data's centre.
      expect(centre, key).toBe(0);
      expect(edge, key).toBeGreaterThan(0.1);
      expect(window, key).toBeGreaterThan(0.1);
    }
    // Dropout's spread in closed form, from the run's own weights (PREDICTIVE_DRAWS masks: within 0.05).
    const exact = dropoutPredictiveExact(tanhModel, results[2].final!.mean, config.defaults.dropout!, Float64Array.of(4));
    expect(Math.abs(sds.dropout[2] - exact.sd[0])).toBeLessThan(0.05);
  });

  it('the same seed gives the same bands, another seed other test-time draws', () => {
    expect(testDraws({ seed: 3, dropout: 0.2 })).toEqual(testDraws({ seed: 3, dropout: 0.2 }));
    expect(testDraws({ seed: 3, dropout: 0.2 }).normals).not.toEqual(testDraws({ seed: 4, dropout: 0.2 }).normals);
  });

  it('keeps its settings in the URL: p, α, M and the seed; a rate outside [0.05, 0.9] falls back to the defaults', () => {
    const allowed = [...config.controls, 'start', 'speed', 'steps', 'seed'] as const;
    const q = new URLSearchParams();
    writeSettingsToQuery('predictive', q, { ...config.defaults, dropout: 0.3, alpha: 0.05 }, config.defaults);
    expect(q.toString()).toBe('predictive.alpha=0.05&predictive.dropout=0.3');
    const back = settingsFromQuery('predictive', q, config.defaults, config.series, allowed);
    expect(back.notice).toBeNull();
    expect([back.settings.dropout, back.settings.alpha]).toEqual([0.3, 0.05]);
    const bad = settingsFromQuery('predictive', new URLSearchParams('predictive.dropout=0.95'), config.defaults, config.series, allowed);
    expect(bad.notice).toMatch(/dropout/);
    expect(bad.settings).toEqual(config.defaults);
  });
});
