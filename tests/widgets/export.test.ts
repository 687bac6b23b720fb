import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLoss } from '../../src/engine/losses/index';
import { BlrRun, F, FRAME_STRIDE, frameAt, run, type RunResult } from '../../src/engine/run';
import { parseRunSpec, type RunSpecInput } from '../../src/engine/spec';
import {
  CSV_COLUMNS,
  exportFileName,
  layoutLegend,
  normaliseSpec,
  runSpecJson,
  trajectoryCsv,
  trajectoryJson,
  trajectoryJsonText,
  type SeriesFrames,
  type TrajectoryExport,
} from '../../src/widgets/export';
import { specForAlgorithm, type FigureSettings } from '../../src/widgets/settings';

const ROOT = resolve(__dirname, '../..');

// The paths-quad figure of chapter 2: BLR (delta method) beside gradient descent.
const settings: FigureSettings = {
  alg: 'blr', rho: 0.2, rhoGd: 0.18, tau: 1, samples: 16, seed: 1, steps: 120, start: [-2, 0.5], speed: 10, improved: false, loss: 'expr', expr: 'x^2',
  components: 4, mc: false, means: [], ladder: [], alpha: 0.05, batch: 8,
};
const loss = { kind: 'quadratic' as const, center: [0.5, 0] as [number, number], hessian: [[5.05, 4.95], [4.95, 5.05]] as [[number, number], [number, number]] };
const blrSpec = (s: FigureSettings): RunSpecInput =>
  specForAlgorithm(s.alg, {
    family: 'gaussian', expectation: 'delta', loss, rho: s.rho, temperature: s.tau, samples: s.samples, seed: s.seed, steps: s.steps, improved: s.improved,
    init: { mean: s.start, precision: [[1, 0], [0, 1]] },
  });
const gdSpec = (s: FigureSettings): RunSpecInput => ({ loss, algorithm: 'gd', rho: s.rhoGd, steps: s.steps, seed: s.seed, init: { mean: s.start } });
// A Monte Carlo run too, so "reproduces exactly" covers the seeded sampler.
const vonSpec: RunSpecInput = { loss: { kind: 'rosenbrock', a: 1, b: 5 }, algorithm: 'von', rho: 0.1, samples: 8, seed: 7, steps: 30, improved: true, init: { mean: [-1.5, 2] } };

/** Runs the engine like the worker does, stopping after `frames` frames (as if only that many had arrived). */
function partial(key: string, label: string, input: RunSpecInput, frames: number): SeriesFrames {
  const spec = parseRunSpec(input);
  if (spec.loss.kind === 'expr') throw new Error('no formulas here');
  const r = new BlrRun(spec, createLoss(spec.loss));
  r.advance(frames - 1);
  return { key, label, data: r.frames, count: r.count, spec, status: r.status };
}

function parseCsv(text: string) {
  const lines = text.trimEnd().split('\n');
  const comments = lines.filter((l) => l.startsWith('#'));
  const [header, ...rows] = lines.filter((l) => !l.startsWith('#'));
  return { comments, header: header.split(','), rows: rows.map((r) => r.split(',')) };
}

const viaJson = <T>(v: T): T => JSON.parse(JSON.stringify(v));

const cli = (input: string) => {
  const out = spawnSync(resolve(ROOT, 'node_modules/.bin/tsx'), ['src/cli/blr.ts', '-'], { cwd: ROOT, input, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`the CLI exited with ${out.status}: ${out.stderr}`);
  return JSON.parse(out.stdout) as Omit<RunResult, 'divergence'>;
};

describe('trajectory export', () => {
  const series = [partial('blr', 'BLR with the delta method', blrSpec(settings), 6), partial('gd', 'Gradient descent', gdSpec(settings), 4)];
  const t: TrajectoryExport = { figure: 'paths-quad', settings, series };

  it('writes a CSV with the settings, a header and one row per frame per series at full precision', () => {
    const { comments, header, rows } = parseCsv(trajectoryCsv(t));
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(header).toEqual(['series', 'step', 'mean_x', 'mean_y', 'precision_a', 'precision_b', 'precision_c', 'cov_a', 'cov_b', 'cov_c', 'loss', 'objective']);
    expect(rows).toHaveLength(6 + 4);
    expect(rows.map((r) => r[0])).toEqual([...Array(6).fill('blr'), ...Array(4).fill('gd')]);
    expect(rows.map((r) => Number(r[1]))).toEqual([0, 1, 2, 3, 4, 5, 0, 1, 2, 3]);
    // The settings and each series' complete spec are noted in the file.
    expect(comments.some((c) => c.includes('paths-quad'))).toBe(true);
    expect(JSON.parse(comments.find((c) => c.startsWith('# settings: '))!.slice('# settings: '.length))).toEqual(settings);
    const gdLine = comments.find((c) => c.startsWith('# runspec gd'))!;
    expect(JSON.parse(gdLine.slice(gdLine.indexOf('{')))).toEqual(series[1].spec);
    // Every number is the engine's double exactly.
    const fields = [F.step, F.mx, F.my, F.sa, F.sb, F.sc, F.ca, F.cb, F.cc, F.loss, F.objective];
    series.forEach((s, si) => {
      for (let i = 0; i < s.count; i++) {
        const row = rows[si === 0 ? i : 6 + i];
        fields.forEach((off, j) => expect(Number(row[j + 1])).toBe(s.data[i * FRAME_STRIDE + off]));
      }
    });
    // Start of the BLR run: the mean is the figure's start, the precision the identity.
    expect(rows[0].slice(1, 7).map(Number)).toEqual([0, -2, 0.5, 1, 0, 1]);
  });

  it('writes JSON rows in the CLI frame shape, with the settings and specs', () => {
    const doc = JSON.parse(trajectoryJsonText({ ...t, exportedAt: '2025-01-01T00:00:00.000Z' })) as ReturnType<typeof trajectoryJson>;
    expect(doc.figure).toBe('paths-quad');
    expect(doc.exportedAt).toBe('2025-01-01T00:00:00.000Z');
    expect(doc.settings).toEqual(settings);
    expect(doc.series.map((s) => [s.key, s.frames, s.spec.algorithm])).toEqual([['blr', 6, 'blr'], ['gd', 4, 'gd']]);
    expect(doc.rows).toHaveLength(10);
    expect(doc.rows[7]).toEqual(viaJson({ series: 'gd', ...frameAt(series[1].data, 1) }));
    expect(Object.keys(doc.rows[0])).toEqual(['series', 'step', 'mean', 'precision', 'cov', 'loss', 'objective']);
  });

  it('is empty but well-formed before any frame has arrived', () => {
    const empty = { ...t, series: [{ ...series[0], count: 0 }] };
    expect(parseCsv(trajectoryCsv(empty)).rows).toHaveLength(0);
    expect(trajectoryJson(empty).rows).toEqual([]);
  });
});

describe('RunSpec export', () => {
  it('is complete and a fixed point of parseRunSpec', () => {
    for (const input of [blrSpec(settings), gdSpec(settings), vonSpec, blrSpec({ ...settings, alg: 'newton' })]) {
      const spec = normaliseSpec(input);
      const text = runSpecJson(spec);
      const back = JSON.parse(text);
      expect(Object.keys(back).sort()).toEqual([
        'algorithm', 'components', 'coordinate', 'damping', 'debias', 'dropout', 'entropy', 'expectation', 'family', 'hessian', 'improved', 'init', 'loss', 'momentum', 'online', 'prior', 'relax', 'rho', 'samples', 'seed', 'sqrt', 'steps', 'temperature',
      ]);
      expect(parseRunSpec(back)).toEqual(spec);
    }
  });

  it('fed to run() reproduces the figure’s frames exactly', async () => {
    for (const [key, input] of [['blr', blrSpec(settings)], ['gd', gdSpec(settings)], ['von', vonSpec]] as const) {
      const shown = partial(key, key, input, 15);
      const exported = JSON.parse(runSpecJson(normaliseSpec(input)));
      const result = await run(parseRunSpec(exported));
      for (let i = 0; i < shown.count; i++) expect(result.frames[i]).toEqual(frameAt(shown.data, i));
      // And the whole run matches the engine run to the end.
      const whole = partial(key, key, input, Infinity);
      expect(result.frames).toEqual(Array.from({ length: whole.count }, (_, i) => frameAt(whole.data, i)));
    }
  });

  it('the CLI (stdin) reproduces the exported trajectory exactly', () => {
    const gd = partial('gd', 'Gradient descent', gdSpec(settings), 121);
    const von = partial('von', 'VON', vonSpec, 31);
    for (const s of [gd, von]) {
      const out = cli(runSpecJson(s.spec));
      expect(out.status).toBe('ok');
      expect(out.spec).toEqual(s.spec);
      const rows = trajectoryJson({ figure: 'f', settings, series: [s] }).rows.map(({ series: _s, ...f }) => f);
      // JSON has no −0, on either side.
      expect(out.frames).toEqual(viaJson(rows));
    }
  });
});

describe('file names and legend geometry', () => {
  it('names files after the figure and series', () => {
    expect(exportFileName.csv('paths-quad')).toBe('paths-quad-trajectory.csv');
    expect(exportFileName.json('paths-quad')).toBe('paths-quad-trajectory.json');
    expect(exportFileName.spec('paths-quad', 'blr')).toBe('paths-quad-blr-runspec.json');
    expect(exportFileName.svg('paths-quad')).toBe('paths-quad.svg');
    expect(exportFileName.png('paths-quad')).toBe('paths-quad.png');
    expect(exportFileName.svg('../x y')).toBe('x-y.svg');
  });

  it('places items in rows inside the width, a note on its own row', () => {
    const items = [
      { kind: 'series' as const, label: 'BLR with the delta method (natural gradient)', color: 'rgb(194, 24, 91)' },
      { kind: 'series' as const, label: 'Gradient descent', color: 'rgb(21, 101, 192)' },
      { kind: 'erm' as const, label: 'ERM minimiser', color: 'rgb(27, 31, 36)' },
      { kind: 'note' as const, label: 'paths-quad · blr step 3', color: 'rgb(27, 31, 36)' },
    ];
    const l = layoutLegend(items, { width: 560, fontSize: 13 });
    expect(l.items.map((i) => i.label)).toEqual(items.map((i) => i.label));
    for (const it of l.items) {
      expect(it.tx).toBeGreaterThanOrEqual(0);
      expect(it.tx - (it.kind === 'note' ? 0 : 22) + it.w).toBeLessThanOrEqual(560);
      expect(it.ty).toBeLessThan(l.height);
    }
    const rowsY = [...new Set(l.items.map((i) => i.my))];
    expect(rowsY.length).toBeGreaterThanOrEqual(2);
    expect(l.items[3].my).toBeGreaterThan(l.items[2].my);
    expect(l.items[3].tx).toBe(10);
    // A narrow plot wraps every item and shortens labels longer than a row.
    const narrow = layoutLegend(items, { width: 150 });
    expect(new Set(narrow.items.map((i) => i.my)).size).toBe(4);
    expect(narrow.items[0].label.endsWith('…')).toBe(true);
    expect(narrow.height).toBeGreaterThan(l.height);
    expect(layoutLegend([], { width: 100 }).height).toBe(0);
  });
});
