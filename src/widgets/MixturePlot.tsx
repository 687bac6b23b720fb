/**
 * The plot of a mixture figure: the loss as contour rings with its local minima marked, the
 * tempered target as faint bands, q(θ)'s density as faint contours, and for every component
 * its trail, 1σ and 2σ ellipses and mean in its own colour, its opacity following its weight.
 * Each component's mean is a handle (mouse, touch, arrow keys) that restarts the run with that
 * component moved. Beside the plot: the weights as a bar chart with the numbers in a table.
 * Moving layers are updated in place from the controller's frame log, as in Plot.tsx.
 */
import { contours } from 'd3-contour';
import { useEffect, useMemo, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { useStore } from 'zustand';
import { C, F } from '../engine/kernel';
import type { FigurePlotProps } from './Figure';
import { frameCursor, lerpAt, placeComponent, setText, trailPath } from './frames';
import { contourPath, createFrame2D, fmt, type Frame2D, type View } from './geometry';
import { componentColor, componentCount, componentOffset, componentsAt, mixtureContourLevels, mixtureDensityGrid, movedMeans, resolveMeans, type Point } from './mixture';
import { SurfaceLayers } from './SurfaceLayers';
import './plot-extras.css';
import './mixture.css';

/** Grid of the density contours (main thread, at most every DENSITY_MS). */
const DENSITY_GRID = 90;
const DENSITY_MS = 100;
/** The target's bands kept faint under the components and q's own contours. */
const faintTarget = (i: number) => 0.05 + 0.06 * i;

interface ComponentNodes {
  group: SVGGElement | null;
  trail: SVGPathElement | null;
  e1: SVGEllipseElement | null;
  e2: SVGEllipseElement | null;
  dot: SVGCircleElement | null;
  handle: SVGGElement | null;
  bar: HTMLElement | null;
  weight: HTMLOutputElement | null;
  mean: HTMLOutputElement | null;
  row: HTMLTableRowElement | null;
}

const emptyNodes = (): ComponentNodes => ({ group: null, trail: null, e1: null, e2: null, dot: null, handle: null, bar: null, weight: null, mean: null, row: null });

const reducedMotion = () => typeof matchMedia !== 'undefined' && matchMedia('(prefers-reduced-motion: reduce)').matches;

export function MixturePlot({ controller, config }: FigurePlotProps) {
  const width = 560;
  const surface = useStore(controller.store, (s) => s.surface);
  const k = useStore(controller.store, (s) => s.settings.components);
  const hasMeans = useStore(controller.store, (s) => s.settings.means.length > 0);
  const view: View = surface?.view ?? config.view;
  const frame = useMemo(() => createFrame2D(view, width), [view]);
  const nodes = useRef<ComponentNodes[]>([]);
  // One entry per component ever drawn: React hands a removed component's refs null afterwards.
  while (nodes.current.length < k) nodes.current.push(emptyNodes());
  const ref = <K extends keyof ComponentNodes>(j: number, key: K) => (el: ComponentNodes[K]) => void (nodes.current[j][key] = el);
  const densityGroup = useRef<SVGGElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const drag = useRef<{ j: number; means: Point[] } | null>(null);

  const minima = surface ? (surface.minima ?? (surface.minimiser ? [surface.minimiser] : [])) : [];

  // Trails, ellipses, means, handles and the weights table on every frame.
  useEffect(() => {
    const draw = () => drawComponents(controller, nodes.current, frame);
    draw();
    return controller.subscribeFrames(draw);
  }, [controller, frame, k]);

  // q's density contours: for the step on screen, throttled, and not while a reduced-motion run plays.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = -Infinity;
    const draw = () => {
      timer = undefined;
      last = performance.now();
      drawDensity(controller, densityGroup.current, frame);
    };
    const schedule = () => {
      const g = densityGroup.current;
      if (controller.store.getState().playing && reducedMotion()) {
        g?.setAttribute('visibility', 'hidden');
        return;
      }
      if (timer !== undefined) return;
      timer = setTimeout(draw, Math.max(0, DENSITY_MS - (performance.now() - last)));
    };
    schedule();
    const unsubscribeFrames = controller.subscribeFrames(schedule);
    const unsubscribeStore = controller.store.subscribe((s, prev) => s.playing !== prev.playing && schedule());
    return () => {
      clearTimeout(timer);
      unsubscribeFrames();
      unsubscribeStore();
    };
  }, [controller, frame]);

  /** The components' means in the frame on screen (or, before it arrives, the start means). */
  function currentMeans(): Point[] {
    const log = controller.logs[0];
    const { settings } = controller.store.getState();
    if (log && log.count > 0 && componentCount(log.stride) === settings.components) {
      return componentsAt(log.data, frameCursor(controller.shown, log.count).k, log.stride).map((c) => [c.mx, c.my]);
    }
    return resolveMeans(settings.means, settings.components, settings.start);
  }

  function moveComponent(base: Point[], j: number, to: Point) {
    controller.update({ means: movedMeans(base, j, to, frame.view) });
  }

  function pointerToData(e: PointerEvent): Point | null {
    const ctm = svgRef.current?.getScreenCTM();
    if (!ctm) return null;
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(ctm.inverse());
    return frame.toData(p.x, p.y);
  }

  const onPointerDown = (j: number) => (e: PointerEvent<SVGGElement>) => {
    drag.current = { j, means: currentMeans() };
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus();
    e.preventDefault();
  };
  const onPointerMove = (e: PointerEvent<SVGGElement>) => {
    const d = drag.current;
    if (!d) return;
    const p = pointerToData(e);
    if (p) moveComponent(d.means, d.j, p);
  };
  const onPointerUp = (e: PointerEvent<SVGGElement>) => {
    drag.current = null;
    e.currentTarget.releasePointerCapture?.(e.pointerId);
  };
  const onKeyDown = (j: number) => (e: KeyboardEvent<SVGGElement>) => {
    const moves: Record<string, Point> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    const m = moves[e.key];
    if (!m) return;
    e.preventDefault();
    e.stopPropagation();
    const stepSize = ((frame.view[1] - frame.view[0]) / 50) * (e.shiftKey ? 5 : 1);
    const means = currentMeans();
    moveComponent(means, j, [means[j][0] + m[0] * stepSize, means[j][1] + m[1] * stepSize]);
  };

  const series = controller.series[0];
  const ids = Array.from({ length: k }, (_, j) => j);
  return (
    <>
      <svg
        ref={svgRef}
        className="plot mixture-plot"
        viewBox={`0 0 ${frame.width} ${frame.height}`}
        role="group"
        aria-label={`Loss contours with the ${k} components of the mixture q; x from ${view[0]} to ${view[1]}, y from ${view[2]} to ${view[3]}`}
      >
        <rect className="plot-bg" width={frame.width} height={frame.height} />
        <SurfaceLayers surface={surface} frame={frame} targetOpacity={faintTarget} />
        <g className="mixture-density" ref={densityGroup} aria-hidden="true" />
        <g className="series mixture-components" style={{ color: series?.color }} aria-hidden="true">
          {ids.map((j) => (
            <g key={j} className="component" data-component={j} style={{ color: componentColor(j) }} ref={ref(j, 'group')}>
              <path className="trail" ref={ref(j, 'trail')} />
              <ellipse className="sd2" ref={ref(j, 'e2')} />
              <ellipse className="sd1" ref={ref(j, 'e1')} />
              <circle className="mean" r={4.5} ref={ref(j, 'dot')} />
            </g>
          ))}
        </g>
        {minima.map(([x, y], i) => (
          <g key={i} className="local-minimum" data-minimum={i} transform={`translate(${frame.px(x).toFixed(1)},${frame.py(y).toFixed(1)})`}>
            <title>{`Local minimum of ℓ̄ at (${fmt(x, 2)}, ${fmt(y, 2)})`}</title>
            <path d="M-9,0L0,-9L9,0L0,9Z" />
          </g>
        ))}
        {ids.map((j) => (
          <g
            key={j}
            className="component-handle"
            data-handle="component"
            data-component={j}
            // biome-ignore lint/a11y/useAriaPropsForRole: aria-valuenow and aria-valuetext are set per frame, outside React (the frame handler below)
            role="slider"
            tabIndex={0}
            aria-label={`Mean of component ${j + 1} (arrow keys move it and restart the run, Shift for bigger steps)`}
            aria-valuemin={view[0]}
            aria-valuemax={view[1]}
            style={{ color: componentColor(j) }}
            ref={ref(j, 'handle')}
            onPointerDown={onPointerDown(j)}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onPointerCancel={onPointerUp}
            onKeyDown={onKeyDown(j)}
          >
            {/* A generous, invisible hit area for fingers. */}
            <circle className="hit" r={16} />
            <circle className="knob" r={7} />
          </g>
        ))}
      </svg>
      <div className="plot-extras">
        <table className="mixture-weights" data-weights>
          <caption>Components of q at the step shown</caption>
          <thead>
            <tr>
              <th scope="col">Component</th>
              <th scope="col">Weight π</th>
              <th scope="col">Mean m</th>
            </tr>
          </thead>
          <tbody>
            {ids.map((j) => (
              <tr key={j} data-component={j} style={{ color: componentColor(j) }} ref={ref(j, 'row')}>
                <th scope="row">
                  <span className="swatch" aria-hidden="true" /> {j + 1}
                </th>
                <td>
                  <span className="bar-cell">
                    <span className="bar-track" aria-hidden="true">
                      <span className="bar-fill" data-bar ref={ref(j, 'bar')} />
                    </span>
                    <output data-readout="weight" data-component={j} aria-live="off" ref={ref(j, 'weight')}>
                      —
                    </output>
                  </span>
                </td>
                <td>
                  <output data-readout="component-mean" data-component={j} aria-live="off" ref={ref(j, 'mean')}>
                    —
                  </output>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {hasMeans && (
          <button type="button" className="respread" onClick={() => controller.update({ means: [] })}>
            Place the components on a circle around the start
          </button>
        )}
        <ul className="legend" aria-label="Legend">
          <li>
            <span className="legend-ellipse" aria-hidden="true" /> Components of q: mean, 1σ and 2σ ellipses; fainter when lighter
          </li>
          <li>
            <span className="legend-density" aria-hidden="true" /> Density of q
          </li>
          <li className="legend-minimum">
            <span aria-hidden="true">◆</span> Local minima of ℓ̄
          </li>
        </ul>
      </div>
    </>
  );
}

/** Moves each component's trail, ellipses, mean and handle to the step on screen; fills the table. */
function drawComponents(controller: FigurePlotProps['controller'], nodes: ComponentNodes[], f: Frame2D) {
  const log = controller.logs[0];
  const { settings } = controller.store.getState();
  const { k, t } = frameCursor(controller.shown, log?.count ?? 0);
  const kLog = log && k >= 0 ? componentCount(log.stride) : 0;
  const fallback = resolveMeans(settings.means, settings.components, settings.start);
  const last = log ? log.count - 1 : -1;
  const d = log?.data;
  const sw = log?.stride ?? 0;
  let maxWeight = 0;
  for (let j = 0; j < kLog; j++) maxWeight = Math.max(maxWeight, d![k * sw + componentOffset(j, C.weight)]);
  nodes.forEach((n, j) => {
    const live = j < kLog && !!d;
    for (const el of [n.trail, n.e1, n.e2, n.dot]) el?.setAttribute('visibility', live ? 'visible' : 'hidden');
    let mx: number;
    let my: number;
    if (live) {
      const at = (field: number) => lerpAt(d, k, t, componentOffset(j, field), last, sw);
      mx = at(C.mx);
      my = at(C.my);
      n.trail?.setAttribute('d', trailPath({ data: d, stride: sw }, componentOffset(j, C.mx), componentOffset(j, C.my), k, [mx, my], f));
      placeComponent(n.group, n, { weight: at(C.weight), mx, my, ca: at(C.ca), cb: at(C.cb), cc: at(C.cc) }, maxWeight, f);
      // The table shows the step's own numbers (not interpolated), as the readouts do.
      const w = d[k * sw + componentOffset(j, C.weight)];
      const wx = d[k * sw + componentOffset(j, C.mx)];
      const wy = d[k * sw + componentOffset(j, C.my)];
      setText(n.weight, fmt(w));
      setText(n.mean, `(${fmt(wx, 2)}, ${fmt(wy, 2)})`);
      n.bar?.style.setProperty('width', `${(Math.min(1, Math.max(0, w)) * 100).toFixed(1)}%`);
      n.row?.setAttribute('data-weight', String(w));
    } else {
      [mx, my] = fallback[j] ?? settings.start;
      setText(n.weight, '—');
      setText(n.mean, '—');
      n.bar?.style.setProperty('width', '0');
      n.row?.removeAttribute('data-weight');
    }
    const h = n.handle;
    if (h) {
      h.setAttribute('transform', `translate(${f.px(mx).toFixed(1)},${f.py(my).toFixed(1)})`);
      h.setAttribute('aria-valuenow', String(Number(mx.toFixed(3))));
      h.setAttribute('aria-valuetext', `component ${j + 1}: x = ${fmt(mx, 2)}, y = ${fmt(my, 2)}`);
      h.setAttribute('data-x', String(mx));
      h.setAttribute('data-y', String(my));
    }
  });
}

/** Redraws q's density contours for the (whole) step on screen, as paths in `g`. */
function drawDensity(controller: FigurePlotProps['controller'], g: SVGGElement | null, f: Frame2D) {
  if (!g) return;
  const log = controller.logs[0];
  if (!log || log.count === 0 || componentCount(log.stride) === 0) {
    g.setAttribute('visibility', 'hidden');
    return;
  }
  const { k } = frameCursor(controller.shown, log.count);
  const grid = mixtureDensityGrid(componentsAt(log.data, k, log.stride), f.view, DENSITY_GRID, DENSITY_GRID);
  const levels = mixtureContourLevels(grid, f.view, DENSITY_GRID, DENSITY_GRID);
  const bands = levels.length ? contours().size([DENSITY_GRID, DENSITY_GRID]).thresholds(levels)(grid as unknown as number[]) : [];
  while (g.childNodes.length > bands.length) g.lastChild!.remove();
  while (g.childNodes.length < bands.length) g.append(document.createElementNS('http://www.w3.org/2000/svg', 'path'));
  bands.forEach((b, i) => {
    (g.childNodes[i] as SVGPathElement).setAttribute('d', contourPath({ value: b.value, coordinates: b.coordinates as number[][][][] }, f, DENSITY_GRID, DENSITY_GRID));
  });
  g.setAttribute('data-step', String(log.data[k * log.stride + F.step]));
  g.setAttribute('visibility', 'visible');
}
