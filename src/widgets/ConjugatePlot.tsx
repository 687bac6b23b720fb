/**
 * The plot of the conjugate linear-regression figure: two panels side by side (stacked where the
 * column is narrow). Data space: the points, q's mean line, ±2 sd bands of θ₀ + θ₁x (and of a
 * new y) and a few lines drawn from q; points are added by a click, moved by dragging or arrow
 * keys and removed by Shift-click or Delete, and the point the shown step has just added is
 * ringed. Parameter space: Plot.tsx (loss contours, the exact posterior shaded and its
 * contours, q's path and ellipses). Below: the mode, how many points the step has seen, and
 * the points as number fields (the keyboard's way to add and edit them). KL(q ‖ p) and the
 * exact posterior's numbers are in the readouts (the series has `kl`, the figure `posterior`).
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type MouseEvent, type PointerEvent } from 'react';
import { useStore } from 'zustand';
import { F } from '../engine/run';
import { lockedProps, LOCKED_DESCRIPTION, useClassroom } from './classroom';
import { examplesSeen, niceTicks, placedPoint, predictiveLine, type Point } from './conjugate';
import { ModeToggle } from './ConjugateControls';
import type { FigureController } from './controller';
import type { FigurePlotProps } from './Figure';
import { bandPath, frameCursor, lerpAt, setText } from './frames';
import { fmt } from './geometry';
import { Plot } from './Plot';
import { gaussianDraws, standardNormals, type Sym2Triple } from '../engine/predictive';
import { DATA_LIMITS } from './settings';
import './conjugate.css';


const C = DATA_LIMITS.coord;
/** One empty list, so a store selector never returns a fresh one (it would re-render forever). */
const NO_POINTS: Point[] = [];
/** The data panel in SVG units: plot area inside margins for the axes. */
const W = 340;
const H = 320;
const M = { left: 34, right: 10, top: 10, bottom: 34 };
const px = (x: number) => M.left + ((x + C) / (2 * C)) * (W - M.left - M.right);
const py = (y: number) => H - M.bottom - ((y + C) / (2 * C)) * (H - M.top - M.bottom);
const fromPx = (sx: number, sy: number): Point => [((sx - M.left) / (W - M.left - M.right)) * 2 * C - C, ((H - M.bottom - sy) / (H - M.top - M.bottom)) * 2 * C - C];
const XS = Float64Array.from({ length: 61 }, (_, i) => -C + (2 * C * i) / 60);
const TICKS = niceTicks(-C, C, 6);
/** Lines drawn from q: the same standard normal draws every frame. */
const SAMPLE_NORMALS = standardNormals(8, 7);
/** Keyboard moves of a point, in data units (Shift: five times). */
const NUDGE = 0.1;


export function ConjugatePlot({ controller, config }: FigurePlotProps) {
  const seen = useRef<HTMLOutputElement>(null);

  useEffect(() => {
    const update = () => {
      const log = controller.logs[0];
      const { k } = frameCursor(controller.shown, log?.count ?? 0);
      const { settings } = controller.store.getState();
      const n = settings.points?.length ?? 0;
      setText(seen.current, k < 0 ? '—' : `${examplesSeen(log.data[k * log.stride + F.step], n, settings.online === true)} of ${n}`);
    };
    update();
    const off = controller.subscribeFrames(update);
    // The count changes with the points too, not only with frames.
    const offStore = controller.store.subscribe((s, prev) => s.settings !== prev.settings && update());
    return () => {
      off();
      offStore();
    };
  }, [controller]);

  return (
    <div className="conj-view">
      <div className="conj-panels">
        <section className="conj-panel" aria-label="Data space">
          <h4 className="conj-panel-title">
            Data space <span className="conj-panel-sub">x across, y up</span>
          </h4>
          <DataPanel controller={controller} />
        </section>
        <section className="conj-panel" aria-label="Parameter space">
          <h4 className="conj-panel-title">
            Parameter space <span className="conj-panel-sub">intercept θ₀ across, slope θ₁ up</span>
          </h4>
          <Plot controller={controller} fallbackView={config.view} width={340} />
        </section>
      </div>
      <div className="conj-extras">
        <ModeToggle
          controller={controller}
          labels={['All the data at once (one step, ρ = 1)', 'One point at a time (recursive least squares)']}
          hint="One at a time, step t sees the first t points: the Kalman filter's measurement update."
        />
        <dl className="conj-numbers">
          <div>
            <dt>points seen</dt>
            <dd>
              <output data-readout="seen" aria-live="off" ref={seen}>
                —
              </output>
            </dd>
          </div>
        </dl>
        <PointsEditor controller={controller} defaults={config.defaults.points ?? []} />
        <ul className="legend" aria-label="Legend">
          <li style={{ color: controller.series[0]?.color }}>
            <span className="swatch" aria-hidden="true" /> q: mean line, ±2 sd of θ₀ + θ₁x (dark band) and of a new y (light band), lines drawn from q; its mean, 1σ and 2σ ellipses
          </li>
          <li className="conj-legend-exact">
            <span className="conj-legend-shade" aria-hidden="true" /> Exact posterior p(θ | data): shaded, with its 39% and 86% contours
          </li>
          <li className="conj-legend-erm">
            <span aria-hidden="true">×</span> Its mean m⋆, where ℓ̄ is smallest
          </li>
          <li className="conj-legend-points">
            <span className="conj-legend-point" aria-hidden="true" /> Points; <span className="conj-legend-ring" aria-hidden="true" /> the one just added
          </li>
        </ul>
      </div>
    </div>
  );
}

interface DataNodes {
  noiseBand: SVGPathElement | null;
  band: SVGPathElement | null;
  line: SVGLineElement | null;
  samples: SVGGElement | null;
}

/** The data panel: points and the fitted line of the step on screen. */
function DataPanel({ controller }: { controller: FigureController }) {
  const points = useStore(controller.store, (s) => s.settings.points ?? NO_POINTS);
  const online = useStore(controller.store, (s) => s.settings.online === true);
  const room = useClassroom(controller.id);
  const locked = room.isLocked('points') || room.isHidden('points');
  const nodes = useRef<DataNodes>({ noiseBand: null, band: null, line: null, samples: null });
  const pointEls = useRef<(SVGGElement | null)[]>([]);
  const svgRef = useRef<SVGSVGElement>(null);
  const drag = useRef<{ i: number } | null>(null);
  const focusAfter = useRef<number | null>(null);
  const [status, setStatus] = useState('');
  const clip = `conj-clip-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;

  useEffect(() => {
    const draw = () => drawData(controller, nodes.current, pointEls.current);
    draw();
    const off = controller.subscribeFrames(draw);
    const offStore = controller.store.subscribe((s, prev) => s.settings !== prev.settings && draw());
    return () => {
      off();
      offStore();
    };
  }, [controller, points]);

  // Focus follows a removed point to its neighbour, so Delete can be pressed again.
  useEffect(() => {
    const i = focusAfter.current;
    focusAfter.current = null;
    if (i !== null) (pointEls.current[Math.min(i, points.length - 1)] ?? svgRef.current)?.focus();
  }, [points]);

  const current = () => controller.store.getState().settings.points ?? [];
  const setPoints = (next: Point[]) => controller.update({ points: next });
  function remove(i: number) {
    const ps = current();
    if (ps.length <= 1) {
      setStatus('The last point stays: the regression needs at least one.');
      return;
    }
    focusAfter.current = i;
    setPoints(ps.filter((_, j) => j !== i));
    setStatus(`Removed point ${i + 1}.`);
  }
  function move(i: number, p: Point) {
    const ps = current().slice();
    if (!ps[i]) return;
    ps[i] = placedPoint(p[0], p[1], C);
    setPoints(ps);
  }
  function toData(clientX: number, clientY: number): Point | null {
    const ctm = svgRef.current?.getScreenCTM();
    if (!ctm) return null;
    const p = new DOMPoint(clientX, clientY).matrixTransform(ctm.inverse());
    return fromPx(p.x, p.y);
  }

  const onBackgroundClick = (e: MouseEvent<SVGRectElement>) => {
    if (locked) return;
    const p = toData(e.clientX, e.clientY);
    if (!p || Math.abs(p[0]) > C || Math.abs(p[1]) > C) return;
    const ps = current();
    if (ps.length >= DATA_LIMITS.points) {
      setStatus(`This figure takes at most ${DATA_LIMITS.points} points.`);
      return;
    }
    setPoints([...ps, placedPoint(p[0], p[1], C)]);
    setStatus(`Added point ${ps.length + 1}.`);
  };
  const onPointerDown = (i: number) => (e: PointerEvent<SVGGElement>) => {
    if (locked) return;
    e.preventDefault();
    if (e.shiftKey || e.altKey) {
      remove(i);
      return;
    }
    drag.current = { i };
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus();
  };
  const onPointerMove = (e: PointerEvent<SVGGElement>) => {
    const d = drag.current;
    if (!d) return;
    const p = toData(e.clientX, e.clientY);
    if (p) move(d.i, p);
  };
  const onPointerUp = (e: PointerEvent<SVGGElement>) => {
    drag.current = null;
    e.currentTarget.releasePointerCapture?.(e.pointerId);
  };
  const onKeyDown = (i: number) => (e: KeyboardEvent<SVGGElement>) => {
    if (locked) return;
    if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      e.stopPropagation();
      remove(i);
      return;
    }
    const moves: Record<string, Point> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    const m = moves[e.key];
    if (!m) return;
    e.preventDefault();
    e.stopPropagation();
    const size = NUDGE * (e.shiftKey ? 5 : 1);
    const p = current()[i];
    if (p) move(i, [p[0] + m[0] * size, p[1] + m[1] * size]);
  };

  const n = points.length;
  return (
    <>
      <svg
        ref={svgRef}
        className="plot conj-data"
        viewBox={`0 0 ${W} ${H}`}
        role="group"
        tabIndex={-1}
        aria-label={`Data space: ${n} point${n === 1 ? '' : 's'} (x, y) and q's fitted line; x and y from ${-C} to ${C}`}
      >
        <defs>
          <clipPath id={clip}>
            <rect x={M.left} y={M.top} width={W - M.left - M.right} height={H - M.top - M.bottom} />
          </clipPath>
        </defs>
        {/* biome-ignore lint/a11y/noStaticElementInteractions: a mouse shortcut; the x, y fields below the plot add a point by keyboard */}
        <rect className="plot-bg conj-add" width={W} height={H} onClick={onBackgroundClick} data-add-area="" />
        <g className="conj-axes" aria-hidden="true">
          {TICKS.map((t) => (
            <g key={t}>
              <line className={t === 0 ? 'conj-zero' : 'conj-grid'} x1={px(t)} x2={px(t)} y1={py(-C)} y2={py(C)} />
              <line className={t === 0 ? 'conj-zero' : 'conj-grid'} x1={px(-C)} x2={px(C)} y1={py(t)} y2={py(t)} />
              <text x={px(t)} y={H - M.bottom + 14} textAnchor="middle">
                {t}
              </text>
              <text x={M.left - 6} y={py(t) + 4} textAnchor="end">
                {t}
              </text>
            </g>
          ))}
          <text className="conj-axis-title" x={W - M.right} y={H - 4} textAnchor="end">
            x
          </text>
          <text className="conj-axis-title" x={M.left - 26} y={M.top + 8}>
            y
          </text>
        </g>
        <g className="series conj-fit" clipPath={`url(#${clip})`} style={{ color: controller.series[0]?.color }} aria-hidden="true">
          <path className="conj-noise-band" ref={(el) => void (nodes.current.noiseBand = el)} />
          <path className="conj-band" ref={(el) => void (nodes.current.band = el)} />
          <g className="conj-samples" ref={(el) => void (nodes.current.samples = el)}>
            {Array.from({ length: SAMPLE_NORMALS.length / 2 }, (_, j) => (
              <line key={j} />
            ))}
          </g>
          <line className="conj-line" ref={(el) => void (nodes.current.line = el)} />
        </g>
        {points.map(([x, y], i) => (
          <g
            key={i}
            className="conj-point"
            data-point={i}
            data-x={x}
            data-y={y}
            transform={`translate(${px(x).toFixed(1)},${py(y).toFixed(1)})`}
            role="slider"
            tabIndex={0}
            aria-label={`Point ${i + 1} of ${n}${online ? ` (step ${i + 1} adds it)` : ''}${locked ? '' : ': arrow keys move it (Shift for bigger steps), Delete removes it'}`}
            aria-valuemin={-C}
            aria-valuemax={C}
            aria-valuenow={x}
            aria-valuetext={`x = ${fmt(x, 2)}, y = ${fmt(y, 2)}`}
            aria-disabled={locked || undefined}
            ref={(el) => void (pointEls.current[i] = el)}
            onPointerDown={onPointerDown(i)}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onPointerCancel={onPointerUp}
            onKeyDown={onKeyDown(i)}
          >
            {/* A generous, invisible hit area for fingers. */}
            <circle className="hit" r={14} />
            <circle className="ring" r={11} />
            <circle className="dot" r={5.5} />
          </g>
        ))}
      </svg>
      <p className="control-hint conj-how">
        {locked
          ? `The points are ${LOCKED_DESCRIPTION}.`
          : 'Click empty space to add a point, drag a point to move it, Shift-click it (or focus it and press Delete) to remove it.'}{' '}
        <span role="status" data-points-status="">
          {status}
        </span>
      </p>
    </>
  );
}

/** Draws q's line, bands and sample lines for the step on screen, and marks the points it has seen. */
function drawData(controller: FigureController, n: DataNodes, pointEls: (SVGGElement | null)[]) {
  const log = controller.logs[0];
  const { settings } = controller.store.getState();
  const count = settings.points?.length ?? 0;
  const hidden = !log || log.count === 0;
  for (const el of [n.noiseBand, n.band, n.line, n.samples]) el?.setAttribute('visibility', hidden ? 'hidden' : 'visible');
  if (hidden) {
    pointEls.forEach((el) => el?.classList.remove('seen', 'added'));
    return;
  }
  const last = log.count - 1;
  const { k, t } = frameCursor(controller.shown, log.count);
  const d = log.data;
  const sw = log.stride;
  const at = (o: number) => lerpAt(d, k, t, o, last, sw);
  const mean: [number, number] = [at(F.mx), at(F.my)];
  const cov: Sym2Triple = [at(F.ca), at(F.cb), at(F.cc)];
  const band = predictiveLine(mean, cov, XS);
  const wide = predictiveLine(mean, cov, XS, settings.noise ?? 1);
  n.band?.setAttribute('d', bandPath(XS, band.lo, band.hi, px, py));
  n.noiseBand?.setAttribute('d', bandPath(XS, wide.lo, wide.hi, px, py));
  const line = (el: SVGLineElement | null | undefined, [b0, b1]: Point) => {
    el?.setAttribute('x1', px(-C).toFixed(1));
    el?.setAttribute('x2', px(C).toFixed(1));
    el?.setAttribute('y1', py(b0 - b1 * C).toFixed(1));
    el?.setAttribute('y2', py(b0 + b1 * C).toFixed(1));
  };
  line(n.line, mean);
  const lines = gaussianDraws(mean, cov, SAMPLE_NORMALS);
  n.samples?.querySelectorAll('line').forEach((el, j) => line(el, lines[j]));
  const step = d[k * sw + F.step];
  const online = settings.online === true;
  const seen = examplesSeen(step, count, online);
  pointEls.forEach((el, i) => {
    if (!el) return;
    el.classList.toggle('seen', i < seen);
    el.classList.toggle('added', online && i === step - 1);
  });
  n.line?.parentElement?.setAttribute('data-step', String(step));
}

/** The points as number fields: the keyboard's (and screen reader's) way to add, edit and remove them. */
function PointsEditor({ controller, defaults }: { controller: FigureController; defaults: readonly Point[] }) {
  const points = useStore(controller.store, (s) => s.settings.points ?? NO_POINTS);
  const room = useClassroom(controller.id);
  const fieldRefs = useRef<(HTMLInputElement | null)[]>([]);
  const focusRow = useRef<number | null>(null);
  useEffect(() => {
    const i = focusRow.current;
    focusRow.current = null;
    if (i !== null) fieldRefs.current[Math.min(i, points.length - 1)]?.focus();
  }, [points]);
  if (room.isHidden('points')) return null;
  const locked = room.isLocked('points');
  const lockProps = lockedProps(locked);
  const set = (next: Point[]) => controller.update({ points: next });
  const current = () => controller.store.getState().settings.points ?? [];
  const full = points.length >= DATA_LIMITS.points;
  const isDefault = points.length === defaults.length && points.every((p, i) => p[0] === defaults[i][0] && p[1] === defaults[i][1]);
  return (
    <details className="conj-points" data-points-editor="">
      <summary>Points as numbers ({points.length})</summary>
      <table>
        <caption className="control-hint">
          x and y from {-C} to {C}; one at a time, the points arrive in this order.
        </caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">x</th>
            <th scope="col">y</th>
            <th scope="col">
              <span className="conj-sr">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {points.map((p, i) => (
            <tr key={i}>
              <th scope="row">{i + 1}</th>
              {([0, 1] as const).map((axis) => (
                <td key={axis}>
                  <CoordInput
                    value={p[axis]}
                    label={`Point ${i + 1}, ${axis ? 'y' : 'x'}`}
                    inputRef={axis === 0 ? (el) => void (fieldRefs.current[i] = el) : undefined}
                    lockProps={lockProps}
                    onCommit={(v) => {
                      const ps = current().slice();
                      if (!ps[i]) return;
                      ps[i] = axis ? [ps[i][0], v] : [v, ps[i][1]];
                      set(ps);
                    }}
                  />
                </td>
              ))}
              <td>
                <button
                  type="button"
                  aria-label={`Remove point ${i + 1}`}
                  disabled={locked || points.length <= 1}
                  onClick={() => {
                    focusRow.current = i;
                    set(current().filter((_, j) => j !== i));
                  }}
                >
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="conj-point-actions">
        <button
          type="button"
          disabled={locked || full}
          onClick={() => {
            focusRow.current = current().length;
            set([...current(), [0, 0]]);
          }}
        >
          Add a point at (0, 0)
        </button>
        <button type="button" disabled={locked || isDefault} onClick={() => set(defaults.map((p) => [p[0], p[1]] as Point))}>
          Restore the example’s points
        </button>
      </div>
      {full && <p className="control-hint">{`At most ${DATA_LIMITS.points} points.`}</p>}
    </details>
  );
}

/** A number field for one coordinate: checked on Enter or leaving the field, within [−C, C]. */
function CoordInput(props: {
  value: number;
  label: string;
  onCommit(v: number): void;
  inputRef?: (el: HTMLInputElement | null) => void;
  lockProps: Record<string, unknown>;
}) {
  const { value, label, onCommit, inputRef, lockProps } = props;
  const [draft, setDraft] = useState(String(value));
  const [invalid, setInvalid] = useState(false);
  const errId = useId();
  useEffect(() => {
    setDraft(String(value));
    setInvalid(false);
  }, [value]);
  const commit = (text: string) => {
    const v = Number(text);
    if (text.trim() === '' || !Number.isFinite(v) || Math.abs(v) > C) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    if (v !== value) onCommit(v);
  };
  return (
    <>
      <input
        ref={inputRef}
        type="number"
        inputMode="decimal"
        step="any"
        min={-C}
        max={C}
        aria-label={label}
        value={draft}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? errId : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={(e) => commit(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && commit((e.target as HTMLInputElement).value)}
        {...lockProps}
      />
      {invalid && (
        <span id={errId} className="field-error" role="status">
          {`Enter a number from ${-C} to ${C}.`}
        </span>
      )}
    </>
  );
}
