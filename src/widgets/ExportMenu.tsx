/**
 * The "Export" action of a figure (issue 6): the plot as SVG or PNG of what is on screen (with
 * a legend drawn in and every colour resolved, so the file renders the same anywhere), the
 * trajectory received so far as CSV or JSON, and each series' RunSpec as JSON for the CLI.
 * Pure work lives in export.ts; this file does the DOM work and the downloads.
 */
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { RunSpec } from '../engine/spec';
import type { FigureController } from './controller';
import {
  exportFileName,
  layoutLegend,
  normaliseSpec,
  runSpecJson,
  trajectoryCsv,
  trajectoryJsonText,
  type LegendItem,
  type SeriesFrames,
  type TrajectoryExport,
} from './export';
import type { SeriesConfig } from './settings';
import './export.css';

export interface ExportMenuProps {
  id: string;
  controller: FigureController;
  /** The figure's config (FigureConfig); only its series are exported. Typed here, not imported from Figure.tsx, which renders this menu. */
  config: { readonly series: readonly SeriesConfig[] };
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Presentation properties copied from the live elements' computed styles into the clone. */
const STYLE_PROPS = [
  'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'stroke-linejoin',
  'stroke-linecap', 'opacity', 'visibility', 'font-family', 'font-size', 'font-weight', 'color',
] as const;

export function ExportMenu({ id, controller, config }: ExportMenuProps) {
  const details = useRef<HTMLDetailsElement>(null);
  const summary = useRef<HTMLElement>(null);
  const [status, setStatus] = useState('');
  const groupId = useId();

  const plotSvg = () => details.current?.closest('figure')?.querySelector<SVGSVGElement>('svg.plot') ?? null;

  async function act(what: string, task: () => Promise<string> | string) {
    try {
      setStatus(`Saved ${await task()}.`);
    } catch (e) {
      setStatus(`Could not export the ${what}: ${(e as Error).message}`);
    }
  }

  const specs = (): RunSpec[] => {
    const { settings } = controller.store.getState();
    return config.series.map((s) => normaliseSpec(s.spec(settings)));
  };

  const trajectory = (): TrajectoryExport => {
    const { settings } = controller.store.getState();
    const all = specs();
    const series: SeriesFrames[] = controller.series.map((s, i) => ({
      key: s.key,
      label: s.label,
      data: controller.logs[i].data,
      count: controller.logs[i].count,
      stride: controller.logs[i].stride,
      spec: all[i],
      status: controller.logs[i].status,
    }));
    return { figure: id, settings, series, exportedAt: new Date().toISOString() };
  };

  const pictureSvg = (): { text: string; width: number; height: number } => {
    const svg = plotSvg();
    if (!svg) throw new Error('the plot is not on the page');
    return standaloneSvg(svg, controller, id, specs());
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDetailsElement>) => {
    if (e.key === 'Escape' && details.current?.open) {
      details.current.open = false;
      summary.current?.focus();
      e.stopPropagation();
      e.preventDefault();
    }
  };
  // Space and Enter open the menu; keep them from reaching the figure's play/pause shortcut.
  const onSummaryKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key === ' ' || e.key === 'Enter') e.stopPropagation();
  };

  return (
    <details className="export-menu" data-export-menu ref={details} onKeyDown={onKeyDown}>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: a <summary> is the disclosure's own button; this only keeps Space/Enter from the figure's shortcuts */}
      <summary ref={summary} onKeyDown={onSummaryKeyDown} aria-describedby={`${groupId}-status`}>
        Export
      </summary>
      <div className="export-items" role="group" aria-label="Export this figure">
        <div className="export-row" role="group" aria-label="Picture">
          <span className="export-kind" aria-hidden="true">Picture</span>
          <button type="button" data-export="svg" aria-label="Download the picture as SVG" onClick={() => act('picture', () => {
            const name = exportFileName.svg(id);
            download(new Blob([pictureSvg().text], { type: 'image/svg+xml' }), name);
            return name;
          })}>SVG</button>
          <button type="button" data-export="png" aria-label="Download the picture as PNG" onClick={() => act('picture', async () => {
            const name = exportFileName.png(id);
            download(await svgToPng(pictureSvg()), name);
            return name;
          })}>PNG</button>
        </div>
        <div className="export-row" role="group" aria-label="Trajectory">
          <span className="export-kind" aria-hidden="true">Trajectory</span>
          <button type="button" data-export="csv" aria-label="Download the trajectory as CSV" onClick={() => act('trajectory', () => {
            const name = exportFileName.csv(id);
            download(new Blob([trajectoryCsv(trajectory())], { type: 'text/csv' }), name);
            return name;
          })}>CSV</button>
          <button type="button" data-export="json" aria-label="Download the trajectory as JSON" onClick={() => act('trajectory', () => {
            const name = exportFileName.json(id);
            download(new Blob([trajectoryJsonText(trajectory())], { type: 'application/json' }), name);
            return name;
          })}>JSON</button>
        </div>
        <div className="export-row" role="group" aria-label="RunSpec for the command line">
          <span className="export-kind" aria-hidden="true">RunSpec</span>
          {controller.series.map((s, i) => (
            <button
              key={s.key}
              type="button"
              data-export="spec"
              data-series={s.key}
              title={`RunSpec of “${s.label}” as JSON for npm run blr`}
              aria-label={`Download the RunSpec of ${s.label} as JSON`}
              onClick={() => act('RunSpec', () => {
                const name = exportFileName.spec(id, s.key);
                download(new Blob([runSpecJson(specs()[i])], { type: 'application/json' }), name);
                return name;
              })}
            >
              <span className="swatch" style={{ color: s.color }} aria-hidden="true" /> {s.key}
            </button>
          ))}
        </div>
        <p className="export-status" id={`${groupId}-status`} role="status" aria-live="polite">
          {status}
        </p>
      </div>
    </details>
  );
}

/** Saves a blob under a file name through a temporary <a download>. */
function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * A copy of the live plot that renders the same on its own: every element's computed
 * presentation styles inlined (custom properties and classes resolved), interactive attributes
 * dropped, and a legend (series, ERM marker, the step shown) added below.
 */
function standaloneSvg(live: SVGSVGElement, controller: FigureController, figureId: string, specs: readonly RunSpec[]): { text: string; width: number; height: number } {
  const clone = live.cloneNode(true) as SVGSVGElement;
  const liveEls = [live, ...live.querySelectorAll('*')];
  const cloneEls = [clone, ...clone.querySelectorAll('*')];
  const drop: Element[] = [];
  const computed = new Map<Element, Record<string, string>>();
  liveEls.forEach((el, i) => {
    const c = cloneEls[i];
    if (!(el instanceof SVGElement) || !c) return;
    // The transparent hit area of the start handle is for fingers only.
    if (el.classList.contains('hit')) drop.push(c);
    const cs = getComputedStyle(el);
    const values: Record<string, string> = {};
    for (const p of STYLE_PROPS) values[p] = cs.getPropertyValue(p);
    computed.set(el, values);
    // The root gets everything; below it only what differs from the parent (all these
    // properties but opacity are inherited), which keeps the file small.
    const parent = el === live ? null : computed.get(el.parentElement!);
    const style = STYLE_PROPS.filter((p) => {
      const v = values[p];
      if (v === '' || v.includes('var(')) return false;
      if (!parent) return true;
      return p === 'opacity' ? v !== '1' : v !== parent[p];
    })
      .map((p) => `${p}:${values[p]}`)
      .join(';');
    if (style) c.setAttribute('style', style);
    else c.removeAttribute('style');
    for (const attr of ['class', 'role', 'tabindex', 'aria-label', 'aria-hidden', 'aria-valuemin', 'aria-valuemax', 'aria-valuenow', 'aria-valuetext', 'data-handle']) {
      c.removeAttribute(attr);
    }
  });
  drop.forEach((c) => c.remove());

  const [, , width, plotHeight] = (live.getAttribute('viewBox') ?? `0 0 ${live.clientWidth} ${live.clientHeight}`).split(/\s+/).map(Number);
  const svgStyle = getComputedStyle(live);
  const fg = svgStyle.color;
  const bgRect = live.querySelector('.plot-bg');
  const bg = bgRect ? getComputedStyle(bgRect).fill : 'white';
  const seriesGroups = live.querySelectorAll('g.series');
  const shown = Math.floor(controller.shown);
  const items: LegendItem[] = controller.series.map((s, i) => ({
    kind: 'series',
    label: s.label,
    color: seriesGroups[i] ? getComputedStyle(seriesGroups[i]).color : fg,
  }));
  if (live.querySelector('.minimiser')) items.push({ kind: 'erm', label: 'ERM minimiser', color: fg });
  // What produced the picture: the step on screen and each run's algorithm and step sizes.
  const runs = specs.map((spec, i) => {
    const log = controller.logs[i];
    const step = log.count ? Math.min(shown, log.count - 1) : '—';
    return `${controller.series[i].key}: ${spec.algorithm}, ${stepSizes(spec)}, step ${step}`;
  });
  items.push({ kind: 'note', label: `${figureId} · ${runs.join(' · ')}`, color: fg });
  const layout = layoutLegend(items, { width });

  const height = plotHeight + layout.height;
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  const font = svgStyle.fontFamily;
  const legend = document.createElementNS(SVG_NS, 'g');
  legend.setAttribute('data-legend', '');
  legend.setAttribute('transform', `translate(0,${plotHeight})`);
  const el = (name: string, attrs: Record<string, string | number>, parent: Element = legend) => {
    const e = document.createElementNS(SVG_NS, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    parent.append(e);
    return e;
  };
  el('rect', { x: 0, y: 0, width, height: layout.height, fill: bg });
  for (const it of layout.items) {
    if (it.kind === 'series') {
      el('line', { x1: it.mx - 8, y1: it.my, x2: it.mx + 8, y2: it.my, stroke: it.color, 'stroke-width': 2 });
      el('circle', { cx: it.mx, cy: it.my, r: 4.5, fill: it.color, stroke: bg, 'stroke-width': 1.5 });
    } else if (it.kind === 'erm') {
      const h = 5;
      el('path', { d: `M${it.mx - h},${it.my - h}L${it.mx + h},${it.my + h}M${it.mx - h},${it.my + h}L${it.mx + h},${it.my - h}`, stroke: it.color, 'stroke-width': 2.5, fill: 'none' });
    }
    const text = el('text', {
      x: it.tx.toFixed(1),
      y: it.ty.toFixed(1),
      fill: it.kind === 'series' ? it.color : fg,
      'font-size': it.kind === 'note' ? layout.noteFontSize : layout.fontSize,
      'font-family': font,
      ...(it.kind === 'series' ? { 'font-weight': 600 } : {}),
    });
    text.textContent = it.label;
  }
  clone.append(legend);
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}\n`;
  return { text, width, height };
}

/**
 * Renders a standalone SVG to a PNG at the screen's pixel density (at least 2×). The image is
 * loaded from a data: URL, which the book's Content-Security-Policy allows (img-src 'self' data:)
 * where a blob: URL is blocked, and which does not taint the canvas.
 */
async function svgToPng(svg: { text: string; width: number; height: number }): Promise<Blob> {
  const scale = Math.max(2, Math.min(4, window.devicePixelRatio || 1));
  const url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.text)}`;
  const img = new Image();
  img.decoding = 'async';
  await new Promise<void>((resolve, reject) => {
    img.onload = () => resolve();
    img.onerror = () => reject(new Error('the browser could not draw the SVG'));
    img.src = url;
  });
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(svg.width * scale);
  canvas.height = Math.round(svg.height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2-D canvas');
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  return await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the canvas gave no PNG'))), 'image/png'),
  );
}

/** The step sizes a run uses, as its update reads them: ρ (unless a separate α replaces it with no entropy), α, τ. */
function stepSizes(spec: RunSpec): string {
  const parts: string[] = [];
  const entropyFree = spec.family === 'gaussian-fixed' || (spec.family === 'bernoulli' && !spec.entropy);
  if (!(spec.family === 'bernoulli' && !spec.entropy)) parts.push(`ρ = ${spec.rho}`);
  if (spec.alpha !== undefined) parts.push(`α = ${spec.alpha}`);
  if (!entropyFree) parts.push(`τ = ${spec.temperature}`);
  return parts.join(', ');
}
