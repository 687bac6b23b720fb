/**
 * The conjugate figures' pure parts: the URL fields of points and flips, the figures' specs (one
 * step to the exact posterior, one point per step = recursive least squares, the coin with no
 * flips), the predictive band against a hand computation, the exact posterior against the
 * chapter's numbers, Beta densities against closed forms, seeded random flips, steps and windows.
 */
import { describe, expect, it } from 'vitest';
import { createLinearRegressionLoss } from '../../src/engine/losses/linear-regression';
import { run } from '../../src/engine/run';
import { targetPosterior } from '../../src/engine/measure';
import { parseRunSpec } from '../../src/engine/spec';
import {
  betaCurve,
  coinPosterior,
  coinPrefixPosteriors,
  conjugateSteps,
  densityTop,
  examplesSeen,
  linregPosterior,
  niceTicks,
  parameterView,
  placedPoint,
  predictiveLine,
  randomFlips,
  unitGrid,
  type Point,
} from '../../src/widgets/conjugate';
import { COIN, CONJUGATE_LINREG } from '../../src/widgets/figures-conjugate';
import { gaussianDraws } from '../../src/engine/predictive';
import { DATA_LIMITS, SETTINGS, URL_FIELDS, settingsFromQuery, writeSettingsToQuery, type FigureSettings } from '../../src/widgets/settings';
import { expectNear } from '../engine/_helpers';

const LINREG = CONJUGATE_LINREG;
const allowed = (c: typeof LINREG) => [...c.controls, 'start', 'speed', 'steps', 'seed'] as const;
const fromQuery = (c: typeof LINREG, id: string, q: string) => settingsFromQuery(id, new URLSearchParams(q), c.defaults, c.series, allowed(c));

describe('points and flips in the URL', () => {
  it('round-trips points "x,y;x,y" and flips "HTTH"', () => {
    const points: Point[] = [[-1.25, 0.5], [0, 3], [2.99, -3]];
    expect(URL_FIELDS.points.format(points)).toBe('-1.25,0.5;0,3;2.99,-3');
    expect(URL_FIELDS.points.parse('-1.25,0.5;0,3;2.99,-3')).toEqual(points);
    expect(URL_FIELDS.flips.format([1, 0, 0, 1])).toBe('HTTH');
    expect(URL_FIELDS.flips.parse('HTTH')).toEqual([1, 0, 0, 1]);
    expect(URL_FIELDS.flips.parse('')).toEqual([]);
  });

  it('rejects points out of the window, non-finite, malformed, none or too many; flips other than H and T or too many', () => {
    const many = Array.from({ length: DATA_LIMITS.points + 1 }, (_, i) => `${(i / 20).toFixed(2)},0`).join(';');
    for (const raw of ['', '3.01,0', '0,-4', 'NaN,1', 'Infinity,0', '1', '1,2,3', '1,2;', ';1,2', many]) {
      expect(URL_FIELDS.points.parse(raw), raw).toBeUndefined();
    }
    expect(URL_FIELDS.points.parse(many.split(';').slice(0, DATA_LIMITS.points).join(';'))).toHaveLength(DATA_LIMITS.points);
    for (const raw of ['HTX', 'ht', '1010', 'H'.repeat(DATA_LIMITS.flips + 1)]) expect(URL_FIELDS.flips.parse(raw), raw).toBeUndefined();
    expect(URL_FIELDS.flips.parse('H'.repeat(DATA_LIMITS.flips))).toHaveLength(DATA_LIMITS.flips);
  });

  it('bounds σ², δ, α₀ and β₀', () => {
    expect(URL_FIELDS.noise.parse('0.25')).toBe(0.25);
    expect(URL_FIELDS.noise.parse('0.001')).toBeUndefined();
    expect(URL_FIELDS.delta.parse('1000')).toBeUndefined();
    expect(URL_FIELDS.alpha0.parse('0.5')).toBe(0.5);
    expect(URL_FIELDS.beta0.parse('0.4')).toBeUndefined();
    expect(URL_FIELDS.online.parse('1')).toBe(true);
  });

  it('a figure without these settings writes none of them (a missing value formats as "")', () => {
    const q = new URLSearchParams();
    const { points: _p, noise: _n, delta: _d, online: _o, flips: _f, alpha0: _a, beta0: _b, ...plain } = LINREG.defaults;
    writeSettingsToQuery('wall', q, { ...plain, rho: 0.5 }, plain);
    expect([...q.keys()]).toEqual(['wall.rho']);
    expect(URL_FIELDS.points.format(undefined)).toBe('');
  });

  it('conjugate-linreg: a link with changed points and mode reopens them; a bad one falls back with a notice', () => {
    const changed: FigureSettings = { ...LINREG.defaults, points: [[0.5, 1], [-2, -1.5]], online: true, noise: 0.5 };
    const q = new URLSearchParams('ch=inference');
    writeSettingsToQuery('conjugate-linreg', q, changed, LINREG.defaults);
    expect(q.get('conjugate-linreg.points')).toBe('0.5,1;-2,-1.5');
    expect(q.get('conjugate-linreg.online')).toBe('1');
    expect(q.get('conjugate-linreg.delta')).toBeNull();
    const back = fromQuery(LINREG, 'conjugate-linreg', q.toString());
    expect(back.notice).toBeNull();
    expect(back.settings).toEqual(changed);
    for (const bad of ['conjugate-linreg.points=9,9', 'conjugate-linreg.noise=0', 'conjugate-linreg.flips=HT']) {
      const r = fromQuery(LINREG, 'conjugate-linreg', bad);
      expect(r.settings, bad).toEqual(LINREG.defaults);
      expect(r.notice, bad).toMatch(/could not be used/);
    }
  });

  it('coin: flips and the prior travel in the link; no flips at all is a valid link', () => {
    const q = new URLSearchParams();
    writeSettingsToQuery('coin', q, { ...COIN.defaults, flips: [], alpha0: 0.5 }, COIN.defaults);
    expect(q.get('coin.flips')).toBe('');
    expect(q.get('coin.alpha0')).toBe('0.5');
    const back = fromQuery(COIN, 'coin', q.toString());
    expect(back.notice).toBeNull();
    expect(back.settings.flips).toEqual([]);
    expect(fromQuery(COIN, 'coin', 'coin.points=0,0').notice).toMatch(/not a setting of this figure/);
  });
});

describe('Bayesian linear regression', () => {
  const example = LINREG.defaults.points!;

  it('the exact posterior is chapter 5’s worked example: S⋆ = [[16.5, 8], [8, 24.5]], m⋆ ≈ (0.357, 0.863)', () => {
    const post = linregPosterior(example, 0.25, 0.5);
    expect(post.precision).toEqual([16.5, 8, 24.5]);
    expectNear(post.mean[0], 0.357384276267, 1e-11);
    expectNear(post.mean[1], 0.862894930198, 1e-11);
    // Σ = S⁻¹
    const [a, b, c] = post.precision;
    const [ca, cb, cc] = post.cov;
    expectNear(a * ca + b * cb, 1, 1e-14);
    expectNear(a * cb + b * cc, 0, 0, 1e-15);
    expectNear(b * cb + c * cc, 1, 1e-14);
  });

  it('the predictive band: mean m₀ + m₁x, variance Σ₀₀ + 2xΣ₀₁ + x²Σ₁₁ (+ σ²), by hand at x = 2 and x = −1', () => {
    const band = predictiveLine([0.5, 2], [0.04, 0.01, 0.09], [2, -1]);
    // x = 2: 0.04 + 0.04 + 0.36 = 0.44; x = −1: 0.04 − 0.02 + 0.09 = 0.11.
    expectNear(band.mean[0], 4.5, 1e-15);
    expectNear(band.hi[0], 4.5 + 2 * Math.sqrt(0.44), 1e-15);
    expectNear(band.lo[1], -1.5 - 2 * Math.sqrt(0.11), 1e-15);
    const noisy = predictiveLine([0.5, 2], [0.04, 0.01, 0.09], [2], 0.25, 1);
    expectNear(noisy.hi[0] - noisy.mean[0], Math.sqrt(0.69), 1e-15);
  });

  it('lines drawn from q have q’s mean and covariance (common random numbers through Cholesky)', () => {
    const z = new Float64Array([1, 0, 0, 1, -1, 0, 0, -1]);
    const lines = gaussianDraws([1, 2], [4, 1, 2], z);
    // θ = m + Lz with L = [[2, 0], [0.5, √1.75]]: the four draws ±L's columns.
    expect(lines[0]).toEqual([3, 2.5]);
    expectNear(lines[1][1], 2 + Math.sqrt(1.75), 1e-15);
    const mean = lines.reduce((s, l) => [s[0] + l[0] / 4, s[1] + l[1] / 4], [0, 0]);
    expect(mean).toEqual([1, 2]);
    let cov01 = 0;
    let cov11 = 0;
    for (const l of lines) {
      cov01 += ((l[0] - 1) * (l[1] - 2)) / 2;
      cov11 += ((l[1] - 2) * (l[1] - 2)) / 2;
    }
    expectNear(cov01, 1, 1e-15);
    expectNear(cov11, 2, 1e-14);
  });

  it('all at once, one step (ρ = 1) of the figure’s spec reaches the exact posterior from any start', async () => {
    for (const start of [[0, 0], [2.5, -2]] as [number, number][]) {
      const r = await run(parseRunSpec(LINREG.series[0].spec({ ...LINREG.defaults, start })));
      expect(r.frames).toHaveLength(2);
      expect(r.frames[0].mean).toEqual(start);
      const post = linregPosterior(example, 0.25, 0.5);
      expectNear(r.frames[1].mean[0], post.mean[0], 1e-12);
      expectNear(r.frames[1].mean[1], post.mean[1], 1e-12);
      expectNear(r.frames[1].precision[0][1], 8, 1e-12);
    }
  });

  it('one point at a time, frame t is the posterior of the first t points (recursive least squares); the start is the prior', async () => {
    const r = await run(parseRunSpec(LINREG.series[0].spec({ ...LINREG.defaults, online: true })));
    expect(r.frames).toHaveLength(example.length + 1);
    expect(r.frames[0].precision).toEqual([[0.5, 0], [0, 0.5]]);
    for (let t = 1; t <= example.length; t++) {
      const post = linregPosterior(example.slice(0, t), 0.25, 0.5);
      expectNear(r.frames[t].mean[0], post.mean[0], 1e-11, 1e-13, `m₀ after ${t}`);
      expectNear(r.frames[t].mean[1], post.mean[1], 1e-11, 1e-13, `m₁ after ${t}`);
      expectNear(r.frames[t].precision[1][1], post.precision[2], 1e-12, 0, `S₁₁ after ${t}`);
    }
  });

  it('ρ < 1 approaches the posterior geometrically within the steps the figure gives it', async () => {
    const s = { ...LINREG.defaults, rho: 0.5 };
    const spec = parseRunSpec(LINREG.series[0].spec(s));
    expect(spec.algorithm).toBe('blr');
    expect(spec.steps).toBe(14);
    const r = await run(spec);
    const post = linregPosterior(example, 0.25, 0.5);
    expectNear(r.final!.mean[1], post.mean[1], 1e-3);
  });

  it('steps of a run: 1 all at once, N one at a time, plus (1 − ρ)ᵗ < 1e-4 for ρ < 1', () => {
    expect(conjugateSteps(4, 1, false)).toBe(1);
    expect(conjugateSteps(4, 1, true)).toBe(4);
    expect(conjugateSteps(4, 0.5, false)).toBe(14); // 0.5¹⁴ ≈ 6e-5 < 1e-4 < 0.5¹³
    expect(conjugateSteps(4, 0.5, true)).toBe(18);
    expect(conjugateSteps(4, 0.001, false)).toBe(400);
    // No data: q₀, the prior, is the posterior already.
    for (const rho of [1, 0.5]) for (const online of [false, true]) expect(conjugateSteps(0, rho, online)).toBe(0);
  });

  it('examples used by a step: the first t one at a time; all of them from step 1 all at once', () => {
    expect([0, 1, 2, 4, 6].map((t) => examplesSeen(t, 4, true))).toEqual([0, 1, 2, 4, 4]);
    expect([0, 1, 5].map((t) => examplesSeen(t, 4, false))).toEqual([0, 4, 4]);
  });

  it('the parameter window holds the posterior’s mean ± 4 sd, at least [−3, 3]², snapped to a few sizes', () => {
    expect(parameterView(linregPosterior(example, 0.25, 0.5))).toEqual([-3, 3, -3, 3]);
    // Nearly vertical data: a steep slope.
    const steep = linregPosterior([[-0.05, -3], [0.05, 3]], 0.01, 0.01);
    const [x0, x1, y0, y1] = parameterView(steep);
    expect(x1).toBe(-x0);
    expect(y1).toBeGreaterThanOrEqual(Math.abs(steep.mean[1]) + 4 * Math.sqrt(steep.cov[2]));
    expect(y0).toBe(x0);
  });

  it('within the bounds of σ² and δ, the worker’s grid normaliser on the window is close to the closed form, even for awkward points', () => {
    const [noise, delta] = [SETTINGS.noise.range.min, SETTINGS.delta.range.min];
    const many = Array.from({ length: DATA_LIMITS.points }, (_, i) => [-3 + (6 * i) / 39, Math.max(-3, Math.min(3, 0.5 + 0.8 * (-3 + (6 * i) / 39)))] as Point);
    const cases: Point[][] = [many, [[-0.05, -3], [0.05, 3]], Array.from({ length: 40 }, (_, i) => [2.9 + (i % 2) * 0.1, 3 - (i % 3) * 0.05] as Point)];
    for (const points of cases) {
      const post = linregPosterior(points, noise, delta);
      const loss = createLinearRegressionLoss({ x: points.map((p) => p[0]), y: points.map((p) => p[1]), noiseVariance: noise, priorPrecision: delta });
      // Z = exp(−ℓ̄(m⋆)) · 2π / √det S⋆ for the Gaussian target.
      const [a, b, c] = post.precision;
      const negLogZ = loss.value(post.mean[0], post.mean[1]) - Math.log(2 * Math.PI) + 0.5 * Math.log(a * c - b * b);
      const grid = targetPosterior(loss, 1, parameterView(post));
      expect(Math.abs(grid.negLogZ - negLogZ), `${points.length} points`).toBeLessThan(0.03);
    }
  });

  it('a dragged point is clamped to the window and rounded to hundredths (no −0)', () => {
    expect(placedPoint(1.23456, -7, 3)).toEqual([1.23, -3]);
    expect(Object.is(placedPoint(-0.001, 0.004, 3)[0], 0)).toBe(true);
  });
});

describe('the coin', () => {
  it('Beta densities: closed forms at known points and a unit integral', () => {
    expectNear(betaCurve(2, 2, [0.5])[0], 1.5, 1e-13);
    expectNear(betaCurve(1, 1, [0.3])[0], 1, 1e-13);
    // Beta(9, 5): p⁸(1 − p)⁴ / B(9, 5), B(9, 5) = 8! 4! / 13!.
    const B = (40320 * 24) / 6227020800;
    const p = 0.6;
    expectNear(betaCurve(9, 5, [p])[0], (p ** 8 * (1 - p) ** 4) / B, 1e-12);
    // Jeffreys' prior Beta(½, ½) = 1/(π √(p(1 − p))).
    expectNear(betaCurve(0.5, 0.5, [0.2])[0], 1 / (Math.PI * Math.sqrt(0.16)), 1e-12);
    const grid = unitGrid(4000);
    const sum = betaCurve(9, 5, grid).reduce((s, v) => s + v, 0) / grid.length;
    expectNear(sum, 1, 1e-9);
  });

  it('the exact posterior adds the counts to the prior, flip by flip or all at once', () => {
    const flips = COIN.defaults.flips!;
    expect(coinPosterior(2, 2, flips)).toEqual([9, 5]);
    const prefixes = coinPrefixPosteriors(2, 2, flips);
    expect(prefixes).toHaveLength(flips.length + 1);
    expect(prefixes[0]).toEqual([2, 2]);
    expect(prefixes.at(-1)).toEqual([9, 5]);
    expect(prefixes[3]).toEqual([4, 3]); // H T H
  });

  it('the density axis covers the curves away from the ends, where Beta(½, ½) is unbounded', () => {
    const grid = unitGrid(240);
    const top = densityTop([[2, 2], [9, 5]], grid);
    const peak = Math.max(...betaCurve(9, 5, grid));
    expect(top).toBeGreaterThan(peak);
    expect(top).toBeLessThan(1.1 * peak);
    expect(Number.isFinite(densityTop([[0.5, 0.5]], grid))).toBe(true);
    expect(densityTop([[0.5, 0.5]], grid)).toBeLessThan(5);
  });

  it('random flips are seeded: the same seed and earlier count give the same flips, in one stream', () => {
    expect(randomFlips(3, 0, 20)).toEqual(randomFlips(3, 0, 20));
    expect(randomFlips(3, 10, 10)).toEqual(randomFlips(3, 0, 20).slice(10));
    expect(randomFlips(3, 0, 20)).not.toEqual(randomFlips(4, 0, 20));
    const many = randomFlips(1, 0, 4000);
    expectNear(many.reduce<number>((s, y) => s + y, 0) / many.length, 0.7, 0.05);
  });

  it('the figure’s spec: one step to Beta(α₀ + h, β₀ + t), one flip per step online, and no flips stays at the prior', async () => {
    const batch = await run(parseRunSpec(COIN.series[0].spec(COIN.defaults)));
    expect(batch.frames).toHaveLength(2);
    expect(batch.frames[1].beta).toMatchObject({ alpha: 9, beta: 5 });
    const online = await run(parseRunSpec(COIN.series[0].spec({ ...COIN.defaults, online: true })));
    expect(online.frames).toHaveLength(11);
    expect(online.frames[3].beta).toMatchObject({ alpha: 4, beta: 3, heads: 2, tails: 1 });
    const none = await run(parseRunSpec(COIN.series[0].spec({ ...COIN.defaults, flips: [] })));
    expect(none.frames).toHaveLength(1);
    expect(none.frames[0].beta).toMatchObject({ alpha: 2, beta: 2, heads: 0, tails: 0 });
  });
});

describe('the coin at temperature τ', () => {
  // The target is p(θ) ∝ exp(−ℓ̄(θ)/τ) with ℓ̄ = −Σ log p(yᵢ | θ) − log Beta(θ; α₀, β₀) (the prior
  // is part of ℓ̄). Checked from that definition alone: log q(θ) + ℓ̄(θ)/τ must not depend on θ.
  const flips = COIN.defaults.flips!;
  const { heads, tails } = { heads: flips.filter((y) => y === 1).length, tails: flips.filter((y) => y === 0).length };
  const lossBar = (t: number, a0: number, b0: number) => -heads * Math.log(t) - tails * Math.log(1 - t) - ((a0 - 1) * Math.log(t) + (b0 - 1) * Math.log(1 - t));
  const logBeta = (t: number, a: number, b: number) => Math.log(betaCurve(a, b, [t])[0]);
  const isTarget = ([a, b]: readonly [number, number], tau: number, a0: number, b0: number) => {
    const offsets = [0.1, 0.3, 0.5, 0.7, 0.9].map((t) => logBeta(t, a, b) + lossBar(t, a0, b0) / tau);
    return Math.max(...offsets) - Math.min(...offsets);
  };

  it.each([0.5, 2, 5])('τ = %s: one step with ρ = 1, and many with ρ = 0.3, reach q ∝ exp(−ℓ̄/τ); the figure’s exact curve is that target', async (tau) => {
    const settings = { ...COIN.defaults, tau };
    const spec = parseRunSpec(COIN.series[0].spec(settings));
    expect(spec.temperature).toBe(tau);
    const one = (await run(spec)).final!.beta!;
    expect(isTarget([one.alpha, one.beta], tau, 2, 2)).toBeLessThan(1e-9);
    expect(isTarget(coinPosterior(2, 2, flips, tau), tau, 2, 2)).toBeLessThan(1e-9);
    expect(coinPosterior(2, 2, flips, tau)[0]).toBeCloseTo(one.alpha, 12);
    const slow = (await run(parseRunSpec({ ...COIN.series[0].spec({ ...settings, rho: 0.3 }), steps: 200 }))).final!.beta!;
    expect(slow.alpha).toBeCloseTo(one.alpha, 9);
    expect(slow.beta).toBeCloseTo(one.beta, 9);
    // Tempering changes q: hotter is wider (smaller α + β), colder narrower.
    expect(Math.sign(one.alpha + one.beta - 14)).toBe(Math.sign(1 - tau));
  });

  it('online at τ passes through every prefix’s tempered target', async () => {
    const tau = 2;
    const r = await run(parseRunSpec(COIN.series[0].spec({ ...COIN.defaults, tau, online: true })));
    const prefixes = coinPrefixPosteriors(2, 2, flips, tau);
    r.frames.slice(1).forEach((f, i) => {
      expect(f.beta!.alpha).toBeCloseTo(prefixes[i + 1][0], 12);
      expect(f.beta!.beta).toBeCloseTo(prefixes[i + 1][1], 12);
    });
  });

  it('τ is a control of the coin and travels in its links', () => {
    expect(COIN.controls).toContain('tau');
    const q = new URLSearchParams();
    writeSettingsToQuery('coin', q, { ...COIN.defaults, tau: 2 }, COIN.defaults);
    expect(q.toString()).toBe('coin.tau=2');
    expect(settingsFromQuery('coin', q, COIN.defaults, COIN.series, [...COIN.controls, 'seed']).settings.tau).toBe(2);
  });
});

describe('axis ticks', () => {
  it('round steps of 1, 2 or 5 × 10ᵏ covering the range', () => {
    expect(niceTicks(-3, 3, 6)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 3.3, 4)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(0, 7, 4)).toEqual([0, 2, 4, 6]);
  });
});
