/**
 * The figure's main view: the tempered target as shaded bands, the loss as contour rings with
 * the ERM minimiser marked, and for each series q's mean trail with its 1σ and 2σ ellipses.
 * Static layers render through React once per surface; the moving layers are updated in place
 * on animation frames from the controller's frame logs.
 */
import { useEffect, useMemo, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { useStore } from 'zustand';
import { F } from '../engine/kernel';
import type { FigureController } from './controller';
import { componentCount, componentsAt, frameCursor, lerpAt, placeComponent, placeGaussian, trailPath } from './frames';
import { contourPath, createFrame2D, fmt, type Frame2D, type View } from './geometry';
import { SurfaceLayers } from './SurfaceLayers';
import './plot-layers.css';

export interface PlotProps {
  controller: FigureController;
  /** Used until the worker reports the loss's own view window. */
  fallbackView: View;
  width?: number;
  /** Mark every local minimum the loss reports (the gmm loss's mirror pair), not only the ERM minimiser. */
  minima?: boolean;
}

interface SeriesNodes {
  trail: SVGPathElement | null;
  e1: SVGEllipseElement | null;
  e2: SVGEllipseElement | null;
  dot: SVGCircleElement | null;
  /** A mixture series' components (created on demand: K follows the run's frames). */
  components: SVGGElement | null;
}

/** The legend entry of the exact posterior's contours (figures with `posterior`). */
export function PosteriorLegendItem() {
  return (
    <li className="legend-posterior" data-legend="posterior">
      <span className="legend-posterior-key" aria-hidden="true" /> exact posterior, 39% / 86% mass
    </li>
  );
}

/** Moved to frames.ts; re-exported until CoinPlot.tsx and ConjugatePlot.tsx import it from there. */

export function Plot({ controller, fallbackView, width = 560, minima = false }: PlotProps) {
  const surface = useStore(controller.store, (s) => s.surface);
  const start = useStore(controller.store, (s) => s.settings.start);
  const view = surface?.view ?? fallbackView;
  const frame = useMemo(() => createFrame2D(view, width), [view, width]);
  const nodes = useRef<SeriesNodes[]>(controller.series.map(() => ({ trail: null, e1: null, e2: null, dot: null, components: null })));
  const svgRef = useRef<SVGSVGElement>(null);
  const dragging = useRef(false);

  // The exact posterior's HPD contours (86.5% then 39.3% of its mass), when the figure asked.
  const posterior = useMemo(() => (surface?.posterior ? surface.posterior.bands.map((b) => contourPath(b, frame, surface.nx, surface.ny)) : []), [surface, frame]);

  useEffect(() => {
    const draw = () => drawSeries(controller, nodes.current, frame);
    draw();
    const unsubscribe = controller.subscribeFrames(draw);
    return () => {
      unsubscribe();
    };
  }, [controller, frame]);

  function moveStart(x: number, y: number) {
    const [x0, x1, y0, y1] = frame.view;
    const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
    const r = (v: number) => Number(v.toFixed(3));
    controller.update({ start: [r(clamp(x, x0, x1)), r(clamp(y, y0, y1))] });
  }

  function pointerToData(e: PointerEvent): [number, number] | null {
    const svg = svgRef.current;
    const ctm = svg?.getScreenCTM();
    if (!svg || !ctm) return null;
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(ctm.inverse());
    return frame.toData(p.x, p.y);
  }

  const onPointerDown = (e: PointerEvent<SVGGElement>) => {
    dragging.current = true;
    e.currentTarget.setPointerCapture(e.pointerId);
    e.preventDefault();
  };
  const onPointerMove = (e: PointerEvent<SVGGElement>) => {
    if (!dragging.current) return;
    const p = pointerToData(e);
    if (p) moveStart(p[0], p[1]);
  };
  const onPointerUp = (e: PointerEvent<SVGGElement>) => {
    dragging.current = false;
    e.currentTarget.releasePointerCapture?.(e.pointerId);
  };
  const onKeyDown = (e: KeyboardEvent<SVGGElement>) => {
    const stepSize = ((frame.view[1] - frame.view[0]) / 50) * (e.shiftKey ? 5 : 1);
    const moves: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    const m = moves[e.key];
    if (!m) return;
    e.preventDefault();
    e.stopPropagation();
    moveStart(start[0] + m[0] * stepSize, start[1] + m[1] * stepSize);
  };

  const [sx, sy] = [frame.px(start[0]), frame.py(start[1])];
  const minimiser = surface?.minimiser;
  const localMinima = minima && surface?.minima && surface.minima.length > 1 ? surface.minima : [];
  return (
    <svg
      ref={svgRef}
      className="plot"
      viewBox={`0 0 ${frame.width} ${frame.height}`}
      role="group"
      aria-label={`Loss contours${posterior.length ? ", the exact posterior's 39% and 86% contours" : ''} with the runs of this figure; x from ${view[0]} to ${view[1]}, y from ${view[2]} to ${view[3]}`}
    >
      <rect className="plot-bg" width={frame.width} height={frame.height} />
      <SurfaceLayers surface={surface} frame={frame} />
      {posterior.length > 0 && (
        // Drawn twice: a halo in the plot's background colour keeps the lines legible over
        // contours and q's filled ellipses.
        <g className="posterior-bands" data-posterior-bands={posterior.length} aria-hidden="true">
          {posterior.map((d, i) => (
            <path key={`halo${i}`} className="posterior-halo" d={d} />
          ))}
          {posterior.map((d, i) => (
            <path key={i} className={`posterior-line posterior-${i === 0 ? 'outer' : 'inner'}`} d={d} />
          ))}
        </g>
      )}
      {localMinima.map(([x, y], i) => (
        <g key={i} className="plot-minimum" data-minimum={i} transform={`translate(${frame.px(x).toFixed(1)},${frame.py(y).toFixed(1)})`}>
          <title>{`Local minimum of ℓ̄ at (${fmt(x, 2)}, ${fmt(y, 2)})`}</title>
          <path d="M-8,0L0,-8L8,0L0,8Z" />
        </g>
      ))}
      {minimiser && (
        <g className="minimiser" transform={`translate(${frame.px(minimiser[0])},${frame.py(minimiser[1])})`}>
          <title>{`ERM minimiser (${fmt(minimiser[0])}, ${fmt(minimiser[1])})`}</title>
          <path d="M-6,-6L6,6M-6,6L6,-6" />
          <text x={8} y={-8}>
            ERM
          </text>
        </g>
      )}
      {controller.series.map((s, i) => (
        <g key={s.key} className="series" data-series={s.key} style={{ color: s.color }} aria-hidden="true">
          <path className="trail" ref={(el) => void (nodes.current[i].trail = el)} />
          {s.ellipses && <ellipse className="sd2" ref={(el) => void (nodes.current[i].e2 = el)} />}
          {s.ellipses && <ellipse className="sd1" ref={(el) => void (nodes.current[i].e1 = el)} />}
          <circle className="mean" r={4.5} ref={(el) => void (nodes.current[i].dot = el)} />
          {s.ellipses && <g className="components" ref={(el) => void (nodes.current[i].components = el)} />}
        </g>
      ))}
      <g
        className="start-handle"
        data-handle="start"
        role="slider"
        tabIndex={0}
        aria-label="Start point of the runs (arrow keys move it, Shift for bigger steps)"
        aria-valuemin={view[0]}
        aria-valuemax={view[1]}
        aria-valuenow={start[0]}
        aria-valuetext={`x = ${fmt(start[0], 2)}, y = ${fmt(start[1], 2)}`}
        transform={`translate(${sx},${sy})`}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onKeyDown={onKeyDown}
      >
        {/* A generous, invisible hit area for fingers. */}
        <circle className="hit" r={22} />
        <circle className="knob" r={7} />
      </g>
    </svg>
  );
}

/** Moves each series' trail, ellipses and mean to the controller's current (fractional) step. */
function drawSeries(controller: FigureController, nodes: SeriesNodes[], f: Frame2D) {
  controller.logs.forEach((log, i) => {
    const n = nodes[i];
    if (!n?.trail) return;
    const { k, t } = frameCursor(controller.shown, log.count);
    const hidden = k < 0;
    // A mixture q is drawn by its components; its overall mean and moment-matched ellipse would
    // sit between the modes, where q has little mass.
    const mixture = componentCount(log.stride) > 0;
    for (const el of [n.trail, n.e1, n.e2, n.dot]) el?.setAttribute('visibility', hidden || mixture ? 'hidden' : 'visible');
    if (n.components) drawComponents(n.components, hidden || !mixture ? null : log, k, f);
    if (hidden || mixture) return;
    const last = log.count - 1;
    const at = (o: number) => lerpAt(log.data, k, t, o, last, log.stride);
    const mx = at(F.mx);
    const my = at(F.my);
    n.trail.setAttribute('d', trailPath(log, F.mx, F.my, k, [mx, my], f));
    placeGaussian(n, { mx, my, ca: at(F.ca), cb: at(F.cb), cc: at(F.cc) }, f, true);
  });
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * A mixture series' components at (whole) frame k: each a 2σ and a 1σ ellipse and its mean, in
 * the series' colour with opacity from its weight (frames.ts `placeComponent`, as MixturePlot
 * draws them); `log` null clears them.
 */
function drawComponents(g: SVGGElement, log: FigureController['logs'][number] | null, k: number, f: Frame2D) {
  const comps = log ? componentsAt(log.data, k, log.stride) : [];
  while (g.childNodes.length > comps.length) g.lastChild!.remove();
  while (g.childNodes.length < comps.length) {
    const c = document.createElementNS(SVG_NS, 'g');
    c.setAttribute('class', 'component');
    for (const cls of ['sd2', 'sd1']) {
      const e = document.createElementNS(SVG_NS, 'ellipse');
      e.setAttribute('class', cls);
      c.append(e);
    }
    const dot = document.createElementNS(SVG_NS, 'circle');
    dot.setAttribute('class', 'mean');
    dot.setAttribute('r', '3.5');
    c.append(dot);
    g.append(c);
  }
  const maxWeight = comps.reduce((m, c) => Math.max(m, c.weight), 0);
  comps.forEach((c, j) => {
    const el = g.childNodes[j] as SVGGElement;
    el.setAttribute('data-weight', c.weight.toFixed(4));
    const [e2, e1, dot] = el.childNodes as unknown as [SVGEllipseElement, SVGEllipseElement, SVGCircleElement];
    placeComponent(el, { e1, e2, dot }, c, maxWeight, f);
  });
}
