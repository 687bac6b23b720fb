import { describe, expect, it } from 'vitest';
import { MAX_COMPONENTS, parseRunSpec } from '../../src/engine/spec';
import { DEFAULT_SETTINGS } from '../../src/widgets/defaults';
import {
  CLASSROOM_FIELDS,
  classroomFromQuery,
  DATA_LIMITS,
  settingsFromQuery,
  specForAlgorithm,
  URL_FIELDS,
  writeClassroomToQuery,
  writeSettingsToQuery,
  type FigureSettings,
  type SeriesConfig,
} from '../../src/widgets/settings';

const defaults: FigureSettings = { ...DEFAULT_SETTINGS, steps: 100, expr: 'x^2 + y^2' };
const series: SeriesConfig[] = [
  {
    key: 'blr', label: 'BLR', color: 'red', ellipses: true,
    spec: (s) => specForAlgorithm(s.alg, { loss: { kind: 'wall' }, family: 'gaussian', expectation: 'exact', rho: s.rho, temperature: s.tau, steps: s.steps, init: { mean: s.start, precision: [[2, 0], [0, 2]] } }),
  },
];
const allowed = ['rho', 'tau', 'alg', 'start', 'speed', 'steps', 'seed'] as const;

describe('figure settings in the URL', () => {
  it('round-trips every changed setting and writes nothing for defaults', () => {
    const changed: FigureSettings = { ...defaults, rho: 0.25, tau: 0.07, start: [0.5, -1.25], alg: 'newton' };
    const q = new URLSearchParams('ch=x&other.rho=0.3');
    writeSettingsToQuery('wall', q, changed, defaults);
    expect(q.get('wall.rho')).toBe('0.25');
    expect(q.get('wall.start')).toBe('0.5,-1.25');
    expect(q.get('wall.speed')).toBeNull();
    expect(q.get('other.rho')).toBe('0.3');
    const back = settingsFromQuery('wall', q, defaults, series, allowed);
    expect(back.notice).toBeNull();
    expect(back.settings).toEqual(changed);
    writeSettingsToQuery('wall', q, defaults, defaults);
    expect([...q.keys()]).toEqual(['ch', 'other.rho']);
  });

  it('falls back to the defaults with a notice for malformed values, unknown fields and out-of-range specs', () => {
    for (const query of ['wall.rho=banana', 'wall.start=1', 'wall.alg=adam', 'wall.bogus=1', 'wall.rho=5', 'wall.tau=0', 'wall.speed=1e9', 'wall.steps=0']) {
      const r = settingsFromQuery('wall', new URLSearchParams(query), defaults, series, allowed);
      expect(r.settings, query).toEqual(defaults);
      expect(r.notice, query).toMatch(/could not be used/);
    }
  });

  it('numbers are decimal: hex, binary, octal, Infinity and blanks give the notice; decimal forms are read', () => {
    for (const raw of ['0x10', '0X1A', '0b11', '0o7', 'Infinity', '-Infinity', '', ' ', '1_0', '1e', '.', '+-1', '10px', '1,5']) {
      const r = settingsFromQuery('wall', new URLSearchParams({ 'wall.speed': raw }), defaults, series, allowed);
      expect(r.settings, raw).toEqual(defaults);
      expect(r.notice, raw).toMatch(/speed = ".*" is not a valid value/);
    }
    expect(settingsFromQuery('wall', new URLSearchParams('wall.start=0x1,2'), defaults, series, allowed).notice).toMatch(/start/);
    for (const [raw, v] of [['16', 16], ['2.5', 2.5], ['.5', 0.5], ['5.', 5], ['1e1', 10], ['+20', 20], ['2E1', 20]] as const) {
      const r = settingsFromQuery('wall', new URLSearchParams({ 'wall.speed': raw }), defaults, series, allowed);
      expect(r.notice, raw).toBeNull();
      expect(r.settings.speed, raw).toBe(v);
    }
  });

  it('lists of points: a mixture’s means (none up to MAX_COMPONENTS, anywhere) and data points (1 to DATA_LIMITS.points, in the window)', () => {
    const list = (n: number, v = 1) => Array.from({ length: n }, () => `${v},-${v}`).join(';');
    expect(URL_FIELDS.means.parse('')).toEqual([]);
    expect(URL_FIELDS.means.parse(list(MAX_COMPONENTS, 50))).toHaveLength(MAX_COMPONENTS);
    expect(URL_FIELDS.means.parse(list(MAX_COMPONENTS + 1))).toBeUndefined();
    expect(URL_FIELDS.means.format([[1.5, -2], [0, 3]])).toBe('1.5,-2;0,3');
    expect(URL_FIELDS.points.parse('')).toBeUndefined();
    expect(URL_FIELDS.points.parse(list(DATA_LIMITS.points))).toHaveLength(DATA_LIMITS.points);
    expect(URL_FIELDS.points.parse(list(DATA_LIMITS.points + 1))).toBeUndefined();
    expect(URL_FIELDS.points.parse(`${DATA_LIMITS.coord + 0.5},0`)).toBeUndefined();
    for (const bad of ['1', '1,2,3', '1,x', '1,2;']) {
      expect(URL_FIELDS.means.parse(bad), bad).toBeUndefined();
      expect(URL_FIELDS.points.parse(bad), bad).toBeUndefined();
    }
  });

  it('ignores other figures’ parameters', () => {
    const r = settingsFromQuery('wall', new URLSearchParams('flatsharp.rho=banana&wall.tau=0.5'), defaults, series, allowed);
    expect(r.notice).toBeNull();
    expect(r.settings.tau).toBe(0.5);
  });

  it('builds specs for each preset that the schema accepts (fields the preset fixes are left out)', () => {
    for (const alg of ['gd', 'newton', 'von', 'blr'] as const) {
      const spec = parseRunSpec(series[0].spec({ ...defaults, alg }));
      expect(spec.algorithm).toBe(alg);
    }
    expect(parseRunSpec(series[0].spec({ ...defaults, alg: 'gd' })).init.precision).toEqual([[1, 0], [0, 1]]);
    expect(parseRunSpec(series[0].spec({ ...defaults, alg: 'newton' })).rho).toBe(1);
  });
});

describe('classroom links in the URL (ID.hide, ID.lock)', () => {
  it('parses lists of controls, normalises their order, and ignores other figures', () => {
    const q = new URLSearchParams('wall.hide=rho,alg&wall.lock=tau,speed&flatsharp.hide=banana');
    const { classroom, problems } = classroomFromQuery('wall', q);
    expect(problems).toEqual([]);
    expect(classroom).toEqual({ hide: ['alg', 'rho'], lock: ['tau', 'speed'] });
    expect(classroomFromQuery('params', q).classroom).toEqual({ hide: [], lock: [] });
  });

  it('accepts speed, playback and controls, and names of controls the figure lacks (no effect)', () => {
    const r = classroomFromQuery('wall', new URLSearchParams('wall.hide=controls,speed&wall.lock=playback,samples'));
    expect(r.problems).toEqual([]);
    expect(r.classroom).toEqual({ hide: ['speed', 'controls'], lock: ['samples', 'playback'] });
  });

  it('are not settings: a figure reads its settings around them without a notice', () => {
    const r = settingsFromQuery('wall', new URLSearchParams('wall.hide=alg,rho&wall.lock=tau&wall.tau=0.5'), defaults, series, allowed);
    expect(r.notice).toBeNull();
    expect(r.settings.tau).toBe(0.5);
  });

  it('a malformed list gives the notice and the defaults (no restrictions); other figures are untouched', () => {
    for (const query of ['wall.hide=bogus', 'wall.hide=', 'wall.lock=rho,,tau', 'wall.lock=rho;tau', 'wall.hide=Rho']) {
      const q = new URLSearchParams(`${query}&wall.tau=0.5&flatsharp.hide=rho&flatsharp.tau=0.3`);
      const r = settingsFromQuery('wall', q, defaults, series, allowed);
      expect(r.settings, query).toEqual(defaults);
      expect(r.notice, query).toMatch(/could not be used .*(hide|lock)/);
      expect(classroomFromQuery('wall', q).classroom, query).toEqual({ hide: [], lock: [] });
      const other = settingsFromQuery('flatsharp', q, defaults, series, allowed);
      expect(other.notice, query).toBeNull();
      expect(other.settings.tau, query).toBe(0.3);
      expect(classroomFromQuery('flatsharp', q).classroom.hide, query).toEqual(['rho']);
    }
  });

  it('survive the figure rewriting its settings; writeClassroomToQuery sets and removes them', () => {
    const q = new URLSearchParams('ch=x&wall.hide=alg&wall.lock=tau&wall.rho=0.3');
    writeSettingsToQuery('wall', q, { ...defaults, rho: 0.25 }, defaults);
    expect(q.get('wall.hide')).toBe('alg');
    expect(q.get('wall.lock')).toBe('tau');
    expect(q.get('wall.rho')).toBe('0.25');
    writeSettingsToQuery('wall', q, defaults, defaults);
    expect([...q.keys()]).toEqual(['ch', 'wall.hide', 'wall.lock']);
    writeClassroomToQuery('wall', q, { hide: ['controls', 'rho'], lock: [] });
    expect(q.get('wall.hide')).toBe('rho,controls');
    expect(q.has('wall.lock')).toBe(false);
    const back = classroomFromQuery('wall', q);
    expect(back.classroom).toEqual({ hide: ['rho', 'controls'], lock: [] });
    expect(CLASSROOM_FIELDS.hide.format(back.classroom.hide)).toBe('rho,controls');
  });
});
