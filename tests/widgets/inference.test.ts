/**
 * Chapter 5's figure helpers (widgets/inference.ts): the logistic data's URL text and its
 * validation, edits, EM's responsibilities against the direct formula, the fitted components'
 * curves, and how KL(q ‖ p) and the objective gap are written.
 */
import { describe, expect, it } from 'vitest';
import { gmmData } from '../../src/engine/data';
import { identifyAlgorithm } from '../../src/engine/identify';
import { prepareLoss } from '../../src/engine/losses/index';
import { frameKl } from '../../src/engine/measure';
import { gridPosterior } from '../../src/engine/posterior';
import { BlrRun } from '../../src/engine/run';
import { parseRunSpec } from '../../src/engine/spec';
import { NCVI } from '../../src/widgets/figures-inference';
import { DEFAULT_SETTINGS } from '../../src/widgets/defaults';
import {
  EDGE_MASS_LIMIT,
  LOGISTIC_PRESETS,
  MAX_POINTS,
  STRIP_RANGE,
  componentDensity,
  correlationOfCov,
  edgeWarning,
  formatGap,
  formatKl,
  formatLabelledPoints,
  klAt,
  labelledPointsIssue,
  logisticLoss,
  parseLabelledPoints,
  precisionOfCov,
  responsibilities,
  stripRange,
  withPointAdded,
  withPointRemoved,
  type LabelledPoint,
} from '../../src/widgets/inference';
import { settingsFromQuery, writeSettingsToQuery, type FigureSettings, type SeriesConfig } from '../../src/widgets/settings';

describe('the labelled data of the logistic-regression figure', () => {
  it('round-trips through its URL text at full precision', () => {
    const pts: LabelledPoint[] = [[-0.6, 0], [0.125, 1], [3.4, 1], [0, 0]];
    const text = formatLabelledPoints(pts);
    expect(text).toBe('-0.6:0,0.125:1,3.4:1,0:0');
    expect(parseLabelledPoints(text)).toEqual(pts);
    for (const p of Object.values(LOGISTIC_PRESETS)) expect(parseLabelledPoints(formatLabelledPoints(p.points))).toEqual(p.points);
  });

  it('rejects malformed text, labels other than 0/1, non-finite or out-of-range x, none or too many points', () => {
    const tooMany = Array.from({ length: MAX_POINTS + 1 }, (_, i) => `${(i % 5) * 0.5}:1`).join(',');
    const justEnough = Array.from({ length: MAX_POINTS }, (_, i) => `${(i % 5) * 0.5}:0`).join(',');
    for (const bad of ['', ' ', '1', '1:2', '1:-1', '1:0.5', 'a:1', 'NaN:1', 'Infinity:0', '1e400:1', '1:1,', ',1:1', '1:1;2:0', `${STRIP_RANGE[1] + 0.01}:1`, `${STRIP_RANGE[0] - 1}:0`, tooMany]) {
      expect(parseLabelledPoints(bad), JSON.stringify(bad)).toBeUndefined();
    }
    expect(parseLabelledPoints(justEnough)).toHaveLength(MAX_POINTS);
    expect(parseLabelledPoints(' 1.5 : 1 ')).toEqual([[1.5, 1]]);
    expect(labelledPointsIssue([])).toMatch(/at least one/);
    expect(labelledPointsIssue([[1, 2]])).toMatch(/label/);
    expect(labelledPointsIssue([[Number.NaN, 1]])).toMatch(/finite/);
    expect(labelledPointsIssue([[1, 1]])).toBeNull();
  });

  it('adds clicked points rounded to 2 decimals and clamped to the strip, up to the limit; removes all but the last', () => {
    const one: LabelledPoint[] = [[1, 0]];
    expect(withPointAdded(one, 2.34567, 1)).toEqual([[1, 0], [2.35, 1]]);
    expect(withPointAdded(one, 99, 0)).toEqual([[1, 0], [STRIP_RANGE[1], 0]]);
    expect(withPointAdded(one, -0.001, 1)).toEqual([[1, 0], [0, 1]]);
    expect(Object.is(withPointAdded(one, -0.001, 1)[1][0], -0)).toBe(false);
    expect(withPointAdded(one, Number.NaN, 1)).toEqual(one);
    const full = Array.from({ length: MAX_POINTS }, (): LabelledPoint => [1, 1]);
    expect(withPointAdded(full, 2, 0)).toHaveLength(MAX_POINTS);
    expect(withPointRemoved([[1, 0], [2, 1], [3, 1]], 1)).toEqual([[1, 0], [3, 1]]);
    expect(withPointRemoved(one, 0)).toEqual(one);
    expect(withPointRemoved([[1, 0], [2, 1]], 5)).toEqual([[1, 0], [2, 1]]);
  });

  it('gives a loss the RunSpec schema accepts, for every preset', () => {
    for (const p of Object.values(LOGISTIC_PRESETS)) {
      const spec = parseRunSpec({ loss: logisticLoss(p.points, 0.5), algorithm: 'laplace' });
      expect(spec.loss).toMatchObject({ kind: 'logistic-regression', x: p.points.map((q) => q[0]), y: p.points.map((q) => q[1]), priorPrecision: 0.5 });
    }
  });

  it('travels in links as the `labelled` setting; a bad value is a notice and the defaults', () => {
    const defaults: FigureSettings = { ...DEFAULT_SETTINGS, rho: 0.25, steps: 100, start: [0, 0], speed: 10, labelled: LOGISTIC_PRESETS.separated.points };
    const series: SeriesConfig[] = [
      { key: 'vi', label: 'VI', color: 'red', ellipses: true, spec: (s) => ({ loss: logisticLoss(s.labelled!, 0.5), expectation: 'exact', rho: s.rho, steps: s.steps }) },
    ];
    const allowed = ['labelled', 'rho', 'start', 'speed', 'steps', 'seed'] as const;
    const edited: FigureSettings = { ...defaults, labelled: [[0.5, 1], [2, 0]] };
    const q = new URLSearchParams();
    writeSettingsToQuery('laplace-vi', q, edited, defaults);
    expect(q.get('laplace-vi.labelled')).toBe('0.5:1,2:0');
    const back = settingsFromQuery('laplace-vi', q, defaults, series, allowed);
    expect(back.notice).toBeNull();
    expect(back.settings.labelled).toEqual([[0.5, 1], [2, 0]]);
    const bad = settingsFromQuery('laplace-vi', new URLSearchParams('laplace-vi.labelled=0.5:7'), defaults, series, allowed);
    expect(bad.notice).toMatch(/labelled/);
    expect(bad.settings).toEqual(defaults);
    // Figures without the setting write nothing for it.
    const none = new URLSearchParams();
    writeSettingsToQuery('other', none, { ...defaults, labelled: undefined }, { ...defaults, labelled: undefined });
    expect([...none.keys()]).toEqual([]);
  });
});

describe('EM’s responsibilities and fitted components', () => {
  const normal = (x: number, m: number, v: number) => Math.exp(-((x - m) ** 2) / (2 * v)) / Math.sqrt(2 * Math.PI * v);

  it('equal N(x; μ₁)/(N(x; μ₁) + N(x; μ₂)) and stay finite for far-out points', () => {
    const x = gmmData({ n: 24, seed: 1, noise: 1 });
    const r = responsibilities(x, -1.5, 2, 1);
    x.forEach((xi, i) => {
      const n1 = normal(xi, -1.5, 1);
      const n2 = normal(xi, 2, 1);
      expect(r[i]).toBeCloseTo(n1 / (n1 + n2), 12);
    });
    const far = responsibilities([-1e4, 1e4, 0.25], -1.5, 2, 1);
    expect(Array.from(far)).toEqual([1, 0, expect.closeTo(0.5, 12)]);
    // Equal means: every point is split evenly; swapping the means swaps r and 1 − r.
    expect(Array.from(responsibilities([3, -7], 1, 1, 2))).toEqual([0.5, 0.5]);
    const swapped = responsibilities(x, 2, -1.5, 1);
    swapped.forEach((s, i) => expect(s).toBeCloseTo(1 - r[i], 12));
  });

  it('draw ½N(x; μ, σ²) on a grid that integrates to ½', () => {
    const c = componentDensity(0.7, 0.5, -6, 8, 2001);
    expect(c.x[0]).toBe(-6);
    expect(c.x[2000]).toBe(8);
    let area = 0;
    for (let i = 1; i < 2001; i++) area += 0.5 * (c.y[i] + c.y[i - 1]) * (c.x[i] - c.x[i - 1]);
    expect(area).toBeCloseTo(0.5, 6);
    expect(Math.max(...c.y)).toBeCloseTo(0.5 * normal(0.7, 0.7, 0.5), 3);
  });

  it('strip ranges cover the data with a margin and at least the given window', () => {
    expect(stripRange([0, 1], -4.5, 4.5)).toEqual([-4.5, 4.5]);
    expect(stripRange([-6, 5], -4.5, 4.5)).toEqual([-6.5, 5.5]);
  });
});

describe('numbers about the exact posterior', () => {
  it('KL and the gap τ·KL: three decimals, — where undefined, no negative zero from quadrature', () => {
    expect(formatKl(Math.LN2)).toBe('0.693');
    expect(formatKl(58.20834)).toBe('58.208');
    expect(formatKl(12345.6)).toBe('1.23e+4');
    expect(formatKl(Number.NaN)).toBe('—');
    expect(formatKl(Number.POSITIVE_INFINITY)).toBe('—');
    expect(formatKl(-2e-4)).toBe('0.000');
    expect(formatKl(-0.0771)).toBe('-0.077');
    expect(formatGap(0.1982, 1)).toBe('0.198');
    expect(formatGap(0.1982, 0.5)).toBe('0.099');
    expect(formatGap(Number.NaN, 2)).toBe('—');
  });

  it('reads a frame’s KL, clamped to the frames received, NaN without any', () => {
    const kl = Float64Array.from([3, 2, 1, 0.5]);
    expect(klAt(kl, 4, 2)).toBe(1);
    expect(klAt(kl, 3, 10)).toBe(1);
    expect(klAt(kl, 4, -1)).toBe(3);
    expect(klAt(null, 4, 1)).toBeNaN();
    expect(klAt(kl, 0, 0)).toBeNaN();
  });

  it('warns when the window holds less than all but 1e-3 of the mass', () => {
    expect(edgeWarning(EDGE_MASS_LIMIT / 2)).toBeNull();
    expect(edgeWarning(2e-3)).toBe('The window cuts off part of the posterior; the numbers are approximate.');
    expect(edgeWarning(Number.NaN)).not.toBeNull();
  });

  it('reads the correlation of a covariance (NaN without positive variances)', () => {
    expect(correlationOfCov([[4, -3], [-3, 9]])).toBeCloseTo(-0.5, 14);
    expect(correlationOfCov([[0, 0], [0, 1]])).toBeNaN();
  });

  it('inverts the posterior covariance into its precision', () => {
    const [a, b, c] = precisionOfCov([[0.3809, -0.1318], [-0.1318, 0.0571]]);
    // (Σ⁻¹)Σ = I
    expect(a * 0.3809 + b * -0.1318).toBeCloseTo(1, 12);
    expect(a * -0.1318 + b * 0.0571).toBeCloseTo(0, 12);
    expect(b * -0.1318 + c * 0.0571).toBeCloseTo(1, 12);
    expect(precisionOfCov([[1, 1], [1, 1]]).every(Number.isNaN)).toBe(true);
  });
});

describe('the ncvi figure: a mixture against one Gaussian on the tanh network’s posterior', () => {
  it('targets the two-weight network, whose posterior has two mirror modes; K = 2 removes the log 2 one Gaussian pays', async () => {
    const [von, mixture] = NCVI.series.map((s) => parseRunSpec(s.spec(NCVI.defaults)));
    expect(von.loss.kind).toBe('tanh-regression');
    expect(mixture.loss).toEqual(von.loss);
    expect(identifyAlgorithm(mixture).name).toBe('ncvi');
    expect([mixture.family, mixture.expectation, mixture.components]).toEqual(['mixture', 'mc', 2]);
    const loss = await prepareLoss(von.loss);
    const [a, b] = loss.minima!;
    expect(b[0]).toBeCloseTo(-a[0], 9);
    expect(b[1]).toBeCloseTo(-a[1], 9);
    expect(loss.value(a[0], a[1])).toBeCloseTo(loss.value(b[0], b[1]), 9);
    const surface = NCVI.surface!(NCVI.defaults);
    const post = gridPosterior(loss, surface.temperature, surface.view!, 300);
    const klOf = (spec: ReturnType<typeof parseRunSpec>) => {
      const r = new BlrRun(spec, loss);
      r.advance();
      expect(r.status).not.toBe('diverged');
      return frameKl(loss, post, r.frames, r.count - 1, r.stride, spec);
    };
    const one = klOf(von);
    const single = klOf(parseRunSpec(NCVI.series[1].spec({ ...NCVI.defaults, components: 1 })));
    const two = klOf(mixture);
    // One Gaussian holds one of two equal modes: at least log 2, plus the mode's own skew.
    expect(one).toBeGreaterThan(Math.LN2);
    expect(Math.abs(single - one)).toBeLessThan(0.05);
    // One component per mode: the log 2 is gone.
    expect(one - two).toBeGreaterThan(0.6);
    expect(two).toBeLessThan(0.35);
  });
});
