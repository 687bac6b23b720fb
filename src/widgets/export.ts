/**
 * Export of what a figure shows (issue 6), the pure half: the trajectory as CSV and JSON, each
 * series' RunSpec as the CLI's input, file names, and the geometry of the legend drawn into an
 * exported picture. The DOM half (cloning the plot, inlining styles, downloads) is ExportMenu.tsx.
 */
import { F, FRAME_STRIDE, frameAt, type Frame } from '../engine/run';
import { parseRunSpec, type RunSpec, type RunSpecInput } from '../engine/spec';
import type { FigureSettings } from './settings';

/** One series' frames as the controller holds them: `count` frames of `stride` numbers. */
export interface SeriesFrames {
  key: string;
  label: string;
  data: Float64Array;
  count: number;
  /** Numbers per frame; FRAME_STRIDE when left out. */
  stride?: number;
  /** The validated, complete spec that produced the frames. */
  spec: RunSpec;
  /** The run's state when exported (running, ok, diverged, ...). */
  status?: string;
}

export interface TrajectoryExport {
  figure: string;
  settings: FigureSettings;
  series: readonly SeriesFrames[];
  /** ISO time of the export; left out when not given (keeps the output reproducible). */
  exportedAt?: string;
}

/** CSV columns, in order; the numeric ones map to frame offsets in `F`. */
export const CSV_COLUMNS = [
  'series', 'step', 'mean_x', 'mean_y', 'precision_a', 'precision_b', 'precision_c', 'cov_a', 'cov_b', 'cov_c', 'loss', 'objective',
] as const;
const NUMERIC_OFFSETS = [F.step, F.mx, F.my, F.sa, F.sb, F.sc, F.ca, F.cb, F.cc, F.loss, F.objective] as const;

/** Shortest text that parses back to the same double (JS's own number printing, keeping −0). */
const num = (v: number) => (Object.is(v, -0) ? '-0' : Number.isFinite(v) ? String(v) : '');

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The normalised spec of a series: `parseRunSpec` fills every default and applies the
 * algorithm's preset, so the JSON is complete and the CLI reads it back to the same run.
 */
export function normaliseSpec(input: RunSpecInput): RunSpec {
  return parseRunSpec(input);
}

/** The RunSpec file: the spec alone, as `npm run blr -- FILE` accepts it. */
export function runSpecJson(spec: RunSpec): string {
  return `${JSON.stringify(spec, null, 2)}\n`;
}

/**
 * The trajectory as CSV: `#` comment lines saying which figure, settings and RunSpecs produced
 * it (read with e.g. pandas `comment="#"`), a header, then one row per frame per series.
 * Numbers are written at full precision.
 */
export function trajectoryCsv(t: TrajectoryExport): string {
  const lines: string[] = [
    `# BLR Explorable trajectory of figure ${t.figure}${t.exportedAt ? `, exported ${t.exportedAt}` : ''}`,
    `# settings: ${JSON.stringify(t.settings)}`,
    ...t.series.map((s) => `# runspec ${s.key} (${s.label}; ${s.count} frames${s.status ? `, ${s.status}` : ''}): ${JSON.stringify(s.spec)}`),
    CSV_COLUMNS.join(','),
  ];
  for (const s of t.series) {
    const key = csvField(s.key);
    for (let i = 0; i < s.count; i++) {
      const o = i * (s.stride ?? FRAME_STRIDE);
      let row = key;
      for (const off of NUMERIC_OFFSETS) row += `,${num(s.data[o + off])}`;
      lines.push(row);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** One JSON row: the CLI's frame shape plus the series it belongs to. */
export type TrajectoryRow = { series: string } & Frame;

export interface TrajectoryJson {
  figure: string;
  exportedAt?: string;
  settings: FigureSettings;
  series: { key: string; label: string; frames: number; status?: string; spec: RunSpec }[];
  rows: TrajectoryRow[];
}

/**
 * The trajectory as a JSON document: the settings and every series' RunSpec, then one row per
 * frame per series in the same shape as the CLI's `frames` (`step`, `mean`, `precision`, `cov`,
 * `loss`, `objective`).
 */
export function trajectoryJson(t: TrajectoryExport): TrajectoryJson {
  const doc: TrajectoryJson = {
    figure: t.figure,
    ...(t.exportedAt ? { exportedAt: t.exportedAt } : {}),
    settings: t.settings,
    series: t.series.map((s) => ({ key: s.key, label: s.label, frames: s.count, ...(s.status ? { status: s.status } : {}), spec: s.spec })),
    rows: [],
  };
  for (const s of t.series) {
    for (let i = 0; i < s.count; i++) doc.rows.push({ series: s.key, ...frameAt(s.data, i, s.stride ?? FRAME_STRIDE, s.spec.family) });
  }
  return doc;
}

export const trajectoryJsonText = (t: TrajectoryExport) => `${JSON.stringify(trajectoryJson(t), null, 1)}\n`;

/** File names of a figure's exports. */
export const exportFileName = {
  svg: (figure: string) => `${safe(figure)}.svg`,
  png: (figure: string) => `${safe(figure)}.png`,
  csv: (figure: string) => `${safe(figure)}-trajectory.csv`,
  json: (figure: string) => `${safe(figure)}-trajectory.json`,
  spec: (figure: string, series: string) => `${safe(figure)}-${safe(series)}-runspec.json`,
};
function safe(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '') || 'figure';
}

// ——— Legend geometry ———

export interface LegendItem {
  /** A series (dot and line), the ERM marker (a cross), or a line of text on its own row. */
  kind: 'series' | 'erm' | 'note';
  label: string;
  /** Resolved CSS colour (rgb(...) or #hex), never a custom property. */
  color: string;
}

export interface LegendOptions {
  width: number;
  fontSize?: number;
  padding?: number;
  /** Gap between items on one row. */
  gap?: number;
  /** Width of the marker before each label. */
  marker?: number;
  /** Average glyph width as a fraction of the font size (for estimating text widths). */
  charWidth?: number;
}

export interface PlacedLegendItem extends LegendItem {
  /** The marker's centre. */
  mx: number;
  my: number;
  /** Where the label's text starts (x) and its baseline (y). */
  tx: number;
  ty: number;
  /** Estimated width of the whole item (marker + label). */
  w: number;
}

export interface LegendLayout {
  items: PlacedLegendItem[];
  /** Height the legend adds below the plot. */
  height: number;
  fontSize: number;
  /** Font size of notes (smaller than the labels). */
  noteFontSize: number;
}

/**
 * Places legend items in rows below a plot `width` wide: greedy wrapping by estimated text
 * width; a label longer than a whole row is shortened with an ellipsis.
 */
export function layoutLegend(items: readonly LegendItem[], opts: LegendOptions): LegendLayout {
  const fontSize = opts.fontSize ?? 13;
  const pad = opts.padding ?? 10;
  const gap = opts.gap ?? 18;
  const marker = opts.marker ?? 22;
  const rowH = Math.round(fontSize * 1.6);
  const usable = Math.max(marker + fontSize * 3, opts.width - 2 * pad);
  const placed: PlacedLegendItem[] = [];
  let x = pad;
  let row = 0;
  const noteFontSize = Math.round(fontSize * 0.85);
  for (const item of items) {
    const m = item.kind === 'note' ? 0 : marker;
    const cw = (opts.charWidth ?? 0.58) * (item.kind === 'note' ? noteFontSize : fontSize);
    let label = item.label;
    const maxChars = Math.max(3, Math.floor((usable - m) / cw));
    if (label.length > maxChars) label = `${label.slice(0, maxChars - 1)}…`;
    const w = m + label.length * cw;
    if (x > pad && (item.kind === 'note' || x + w > pad + usable)) {
      row++;
      x = pad;
    }
    const cy = pad + row * rowH + rowH / 2;
    placed.push({ ...item, label, mx: x + m / 2 - 4, my: cy, tx: x + m, ty: cy + (item.kind === 'note' ? noteFontSize : fontSize) * 0.35, w });
    // A note takes its row alone.
    x = item.kind === 'note' ? pad + usable + 1 : x + w + gap;
  }
  const rows = items.length ? row + 1 : 0;
  return { items: placed, height: rows ? 2 * pad + rows * rowH : 0, fontSize, noteFontSize };
}
