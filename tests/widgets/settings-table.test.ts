/**
 * The settings table (settings.ts SETTINGS) as properties: every codec round-trips and refuses
 * what is out of range or malformed with a notice naming the setting and what it takes; the
 * ranges agree with the RunSpec schema's; every figure's defaults are valid; the controls, the
 * classroom names and the book's defaults are the table's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LADDER_TOKENS } from '../../src/widgets/settings';
import { MAX_COMPONENTS, MAX_EXPR_LENGTH, safeParseRunSpec, SPEC_LIMITS, type RunSpecInput } from '../../src/engine/spec';
import { controlRange, describeRange, inRange, PLAYGROUND_LOSSES, FIGURE_ALGORITHMS, SETTING_NAMES, SETTINGS, settingRow, settingsFromQuery, URL_FIELDS, CLASSROOM_NAMES, CLASSROOM_LABELS, DATA_LIMITS } from '../../src/widgets/settings';
import type { FigureSettings, Range, SettingName } from '../../src/widgets/settings';
import { DEFAULT_SETTINGS } from '../../src/widgets/defaults';
import { FIGURE_CONFIGS } from '../../src/widgets/figures';
import { nudgedStepSize } from '../../src/widgets/controller';
import { MAX_POINTS, STRIP_RANGE } from '../../src/widgets/inference';

/** No −0 (a link writes it as "0"). */
const plain = (v: number) => (Object.is(v, -0) ? 0 : v);
const inRangeArb = (r: Range): fc.Arbitrary<number> =>
  r.integer
    ? fc.integer({ min: r.min, max: r.max })
    : fc.double({ min: r.min, max: r.max, noNaN: true, noDefaultInfinity: true }).map(plain).filter((v) => inRange(r, v));
const numberArb = (name: SettingName) => inRangeArb(settingRow(name).range!);
const coordArb = (c: number) => fc.double({ min: -c, max: c, noNaN: true, noDefaultInfinity: true }).map(plain);
const pairArb = (c: number) => fc.tuple(coordArb(c), coordArb(c));

/** Values of each setting in its range: a new row of the table needs one here (the type says so). */
const VALUES: { [K in SettingName]-?: fc.Arbitrary<NonNullable<FigureSettings[K]>> } = {
  loss: fc.constantFrom(...PLAYGROUND_LOSSES),
  expr: fc.string({ maxLength: MAX_EXPR_LENGTH }),
  alg: fc.constantFrom(...FIGURE_ALGORITHMS),
  rho: numberArb('rho'),
  rhoGd: numberArb('rhoGd'),
  tau: numberArb('tau'),
  samples: numberArb('samples'),
  seed: numberArb('seed'),
  improved: fc.boolean(),
  components: numberArb('components'),
  mc: fc.boolean(),
  ladder: fc.subarray([...LADDER_TOKENS]),
  alpha: numberArb('alpha'),
  batch: numberArb('batch'),
  online: fc.boolean(),
  points: fc.array(pairArb(DATA_LIMITS.coord), { minLength: 1, maxLength: DATA_LIMITS.points }),
  noise: numberArb('noise'),
  delta: numberArb('delta'),
  flips: fc.array(fc.constantFrom(0 as const, 1 as const), { maxLength: DATA_LIMITS.flips }),
  alpha0: numberArb('alpha0'),
  beta0: numberArb('beta0'),
  labelled: fc.array(fc.tuple(fc.double({ min: STRIP_RANGE[0], max: STRIP_RANGE[1], noNaN: true }).map(plain), fc.constantFrom(0 as const, 1 as const)), { minLength: 1, maxLength: MAX_POINTS }),
  dropout: numberArb('dropout'),
  speed: numberArb('speed'),
  steps: numberArb('steps'),
  start: pairArb(SPEC_LIMITS.coord.max),
  means: fc.array(pairArb(SPEC_LIMITS.coord.max), { maxLength: MAX_COMPONENTS }),
};

const NUMBER_SETTINGS = SETTING_NAMES.filter((n) => settingRow(n).range);

/** A spec in which the RunSpec field `path` holds v and nothing else stops it being valid. */
const SPEC_CONTEXT: Record<string, (v: number) => RunSpecInput> = {
  rho: (v) => ({ loss: { kind: 'quadratic' }, family: 'gaussian-fixed', rho: v }),
  temperature: (v) => ({ loss: { kind: 'quadratic' }, temperature: v }),
  samples: (v) => ({ loss: { kind: 'quadratic' }, expectation: 'mc', samples: v }),
  seed: (v) => ({ loss: { kind: 'quadratic' }, seed: v }),
  components: (v) => ({ loss: { kind: 'quadratic' }, family: 'mixture', components: v }),
  alpha: (v) => ({ loss: { kind: 'quadratic' }, alpha: v }),
  batchSize: (v) => ({ loss: { kind: 'linear-regression', data: { n: SPEC_LIMITS.batchSize.max, seed: 1, noise: 0.3 } }, batchSize: v, steps: 10 }),
  steps: (v) => ({ loss: { kind: 'quadratic' }, steps: v }),
  dropout: (v) => ({ loss: { kind: 'quadratic' }, dropout: v }),
  'loss.noiseVariance': (v) => ({ loss: { kind: 'linear-regression', x: [0, 1], y: [0, 1], noiseVariance: v } }),
  'loss.priorPrecision': (v) => ({ loss: { kind: 'linear-regression', x: [0, 1], y: [0, 1], priorPrecision: v } }),
  'init.mean': (v) => (v > 0 ? { loss: { kind: 'coin', flips: [] }, family: 'beta', init: { mean: [v, v] } } : { loss: { kind: 'quadratic' }, init: { mean: [v, v] } }),
};
/** The schema's own bounds for each RunSpec field a number setting feeds. */
const SCHEMA_RANGE: Record<string, Range> = {
  rho: SPEC_LIMITS.rho,
  temperature: SPEC_LIMITS.temperature,
  samples: SPEC_LIMITS.samples,
  seed: SPEC_LIMITS.seed,
  components: SPEC_LIMITS.components,
  alpha: SPEC_LIMITS.alpha,
  batchSize: SPEC_LIMITS.batchSize,
  steps: SPEC_LIMITS.steps,
  dropout: SPEC_LIMITS.dropout,
  'loss.noiseVariance': SPEC_LIMITS.noiseVariance,
  'loss.priorPrecision': SPEC_LIMITS.priorPrecision,
  'init.mean': SPEC_LIMITS.coord,
};
const accepts = (path: string, v: number) => safeParseRunSpec(SPEC_CONTEXT[path](v)).ok;

describe('the settings table', () => {
  it('every setting’s codec round-trips: parse(format(v)) = v for v in its range', () => {
    for (const name of SETTING_NAMES) {
      const field = URL_FIELDS[name] as { parse(raw: string): unknown; format(v: unknown): string };
      fc.assert(
        fc.property(VALUES[name] as fc.Arbitrary<unknown>, (v) => {
          expect(field.parse(field.format(v)), name).toEqual(v);
        }),
        { numRuns: 150 },
      );
    }
  });

  it('a number out of range, a fraction for a whole number, or a malformed value is refused with a notice naming the setting and its range', () => {
    for (const name of NUMBER_SETTINGS) {
      const r = settingRow(name).range!;
      const outside = fc.oneof(
        fc.double({ min: r.max, max: 1e12, noNaN: true, noDefaultInfinity: true }).filter((v) => v > r.max),
        fc.double({ min: -1e12, max: r.min, noNaN: true, noDefaultInfinity: true }).filter((v) => (r.open ? v <= r.min : v < r.min)),
        ...(r.integer ? [fc.double({ min: r.min, max: r.max, noNaN: true }).filter((v) => !Number.isInteger(v))] : []),
      );
      fc.assert(
        fc.property(fc.oneof(outside.map(String), fc.constantFrom('0x10', 'Infinity', '', 'banana', '1,2', '1e')), (raw) => {
          const { settings, notice } = settingsFromQuery('fig', new URLSearchParams({ [`fig.${name}`]: raw }), DEFAULT_SETTINGS, [], [name]);
          expect(settings, `${name}=${raw}`).toEqual(DEFAULT_SETTINGS);
          expect(notice, `${name}=${raw}`).toContain(`${name} = "${raw.slice(0, 40)}" is not a valid value`);
          expect(notice, `${name}=${raw}`).toContain(describeRange(r));
        }),
        { numRuns: 60 },
      );
    }
    for (const name of SETTING_NAMES) {
      const field = URL_FIELDS[name] as { parse(raw: string): unknown; expected: string };
      fc.assert(
        fc.property(fc.oneof(fc.string({ maxLength: 12 }), fc.string({ minLength: MAX_EXPR_LENGTH + 1, maxLength: MAX_EXPR_LENGTH + 20 })), (raw) => {
          if (field.parse(raw) !== undefined) return;
          const { notice } = settingsFromQuery('fig', new URLSearchParams({ [`fig.${name}`]: raw }), DEFAULT_SETTINGS, [], [name]);
          expect(notice, `${name}=${raw}`).toContain(`${name} = "`);
          expect(notice, `${name}=${raw}`).toContain(field.expected);
        }),
        { numRuns: 60 },
      );
    }
  });

  it('each number setting’s range lies in the schema’s range for its RunSpec field, and equals it unless the row says why not', () => {
    // Rows whose URL range is deliberately narrower than the schema's (a model or figure limit, commented in the row).
    const NARROWER: SettingName[] = ['noise', 'delta', 'alpha0', 'beta0', 'dropout', 'steps'];
    for (const name of NUMBER_SETTINGS) {
      const row = settingRow(name);
      const r = row.range!;
      if (!row.spec) {
        expect(name, 'only the playback speed is display-only').toBe('speed');
        continue;
      }
      const schema = SCHEMA_RANGE[row.spec];
      expect(schema, `${name} feeds ${row.spec}`).toBeDefined();
      expect(r.min, name).toBeGreaterThanOrEqual(schema.min);
      expect(r.max, name).toBeLessThanOrEqual(schema.max);
      if (!NARROWER.includes(name)) expect({ ...r }, name).toEqual({ ...schema });
      // The schema itself accepts the range's ends and every value between…
      const lo = r.open ? r.min + Math.max(1e-9, Math.abs(r.min) * 1e-9) : r.min;
      expect(accepts(row.spec, lo), `${name} = ${lo}`).toBe(true);
      expect(accepts(row.spec, r.max), `${name} = ${r.max}`).toBe(true);
      fc.assert(fc.property(inRangeArb(r), (v) => accepts(row.spec!, v)), { numRuns: 40 });
      // …and, where the ranges are the schema's, refuses what lies just outside.
      if (!NARROWER.includes(name)) {
        const step = r.integer ? 1 : Math.max(1e-9, Math.abs(r.max) * 1e-9);
        expect(accepts(row.spec, r.max + step), `${name} = ${r.max + step}`).toBe(false);
        expect(accepts(row.spec, r.open ? r.min : r.min - step), `${name} below ${r.min}`).toBe(false);
      }
    }
  });

  it('the slider’s range is the URL’s range, or a declared usable range inside it; the keyboard clamps to it', () => {
    for (const name of SETTING_NAMES.filter((n) => SETTINGS[n].control === 'number')) {
      const row = settingRow(name);
      const { slider, typed } = controlRange(name);
      if (!row.ui) {
        expect(slider, name).toEqual(row.range);
        expect(typed, name).toEqual(row.range);
      } else {
        expect(inRange(row.range!, slider.min) || (row.range!.open && slider.min > row.range!.min), name).toBe(true);
        expect(slider.max, name).toBeLessThanOrEqual(row.range!.max);
        expect(typed, name).toEqual(row.ui.sliderOnly ? row.range : slider);
      }
    }
    // The declared choices (reported): ρ, ρ_GD and α on [0.001, 1], τ on [0.001, 10], the seed's slider to 99,999 with the typed field to 2³²−1.
    expect(controlRange('rho').slider).toMatchObject({ min: 0.001, max: 1 });
    expect(controlRange('tau').slider).toMatchObject({ min: 0.001, max: 10 });
    expect(controlRange('seed')).toMatchObject({ slider: { min: 0, max: 99999 }, typed: { min: 0, max: 2 ** 32 - 1 } });
    for (const name of ['rho', 'rhoGd'] as const) {
      const { min, max } = controlRange(name).slider;
      fc.assert(
        fc.property(fc.double({ min: 1e-6, max: 10, noNaN: true }), fc.constantFrom(1 as const, -1 as const), (v, d) => {
          const n = nudgedStepSize(v, d, name);
          return n >= min && n <= max;
        }),
      );
    }
  });

  it('every figure’s defaults are in range, round-trip through its own link, and give specs the schema accepts', () => {
    for (const [id, config] of Object.entries(FIGURE_CONFIGS)) {
      for (const name of SETTING_NAMES) {
        const v = config.defaults[name];
        if (v === undefined) {
          expect(settingRow(name).default, `${id}: ${name} has a book default`).toBeUndefined();
          continue;
        }
        const field = URL_FIELDS[name] as { parse(raw: string): unknown; format(v: unknown): string };
        expect(field.parse(field.format(v)), `${id}: ${name}`).toEqual(v);
      }
      for (const series of config.series) {
        const r = safeParseRunSpec(series.spec(config.defaults));
        expect(r.ok ? null : r.error.message, `${id}: ${series.key}`).toBeNull();
      }
      // A figure's controls are settings with a control (a field, a panel or a dragged mark; not the steps).
      for (const name of config.controls) expect(SETTINGS[name].control, `${id}: ${name}`).not.toBe('none');
    }
  });

  it('the derived lists are the ones the controls, links and classroom helper had (moved, not changed)', () => {
    expect(CLASSROOM_NAMES).toEqual([
      'loss', 'expr', 'alg', 'rho', 'rhoGd', 'tau', 'samples', 'seed', 'improved', 'components', 'mc', 'ladder', 'alpha', 'batch',
      'online', 'points', 'noise', 'delta', 'flips', 'alpha0', 'beta0', 'labelled', 'dropout', 'speed', 'playback', 'controls',
    ]);
    expect(CLASSROOM_LABELS.rho).toBe('ρ, step size');
    expect(CLASSROOM_LABELS.playback).toBe('Play, Step, Reset and Speed');
    expect(CLASSROOM_LABELS.controls).toBe('Every setting (the whole column)');
    expect(DEFAULT_SETTINGS).toEqual({
      alg: 'blr', rho: 0.1, rhoGd: 0.05, tau: 1, samples: 16, seed: 1, steps: 200, start: [-1, 1], speed: 20, improved: false,
      loss: 'expr', expr: 'x^2 + 3*y^2 + sin(3*x)', components: 4, mc: false, means: [], ladder: [], alpha: 0.05, batch: 8,
    });
    expect(Object.keys(DEFAULT_SETTINGS)).not.toContain('points');
    expect(settingsFromQuery('fig', new URLSearchParams('fig.labelled=0x1:1'), DEFAULT_SETTINGS, [], ['labelled']).notice).toMatch(/labelled = "0x1:1" is not a valid value/);
  });
});
