/**
 * The views of chapter 5's inference figures (figures-inference.tsx): the parameter-plane plot
 * with a legend naming the axes and the exact posterior; the logistic-regression data editor
 * (presets, a strip where a click adds a point, a keyboard form, removable points); and the EM
 * figure's data strip, points coloured by the E-step's responsibilities and the two fitted
 * components at the step on screen. The numbers come from inference.ts; these only draw them.
 */
import { useEffect, useId, useMemo, useRef, useState, type ComponentType, type FormEvent, type MouseEvent } from 'react';
import { useStore } from 'zustand';
import { gmmData } from '../engine/data';
import { F } from '../engine/kernel';
import { lockedWrapper, useClassroom } from './classroom';
import type { FigureController } from './controller';
import { GaussianPlot, type FigurePlotProps, type GaussianPlotOptions } from './Figure';
import { frameCursor, setText } from './frames';
import { fmt } from './geometry';
import {
  LOGISTIC_PRESETS,
  MAX_POINTS,
  STRIP_RANGE,
  componentDensity,
  formatLabelledPoints,
  responsibilities,
  stripRange,
  withPointAdded,
  withPointRemoved,
  type LabelledPoint,
  type LogisticPreset,
} from './inference';
import type { FigureSettings } from './settings';
import './inference.css';

/** What a plot of a parameter plane says about its axes and marks: GaussianPlot's options, with the axes named. */
export type InferencePlotOptions = GaussianPlotOptions & Required<Pick<GaussianPlotOptions, 'axes'>>;

/** A plot view (FigureConfig.plot): GaussianPlot with the axes' names and the figure's own extras. */
export function createInferencePlot(options: InferencePlotOptions): ComponentType<FigurePlotProps> {
  return function InferencePlot(props: FigurePlotProps) {
    return <GaussianPlot {...props} {...options} />;
  };
}

const STRIP_W = 360;
const STRIP_H = 96;
const STRIP_PAD = 14;
/** Rows of the two labels in the strip: y = 1 above, y = 0 below. */
const ROW_Y = { 1: 30, 0: 66 } as const;

const stripX = (x: number) => STRIP_PAD + ((x - STRIP_RANGE[0]) / (STRIP_RANGE[1] - STRIP_RANGE[0])) * (STRIP_W - 2 * STRIP_PAD);
const stripToX = (px: number) => STRIP_RANGE[0] + ((px - STRIP_PAD) / (STRIP_W - 2 * STRIP_PAD)) * (STRIP_RANGE[1] - STRIP_RANGE[0]);
const TICKS = Array.from({ length: STRIP_RANGE[1] - STRIP_RANGE[0] }, (_, i) => Math.ceil(STRIP_RANGE[0]) + i).filter((t) => t <= STRIP_RANGE[1]);

const samePoints = (a: readonly LabelledPoint[], b: readonly LabelledPoint[]) => formatLabelledPoints(a) === formatLabelledPoints(b);

/**
 * The logistic-regression data (setting `labelled`): preset buttons, a strip where a click adds a
 * point with the chosen label and a click on a point removes it, and the same by keyboard (an
 * x field with an Add button; each point a Remove button). Obeys a classroom link's `labelled`.
 */
export function LogisticDataPanel({ controller }: { controller: FigureController }) {
  const points = useStore(controller.store, (s) => s.settings.labelled) ?? LOGISTIC_PRESETS.separated.points;
  const [label, setLabel] = useState<0 | 1>(1);
  const [draftX, setDraftX] = useState('1.5');
  const svgRef = useRef<SVGSVGElement>(null);
  const room = useClassroom(controller.id);
  const ids = useId();
  if (room.isHidden('labelled')) return null;
  const locked = room.isLocked('labelled');
  const full = points.length >= MAX_POINTS;

  const set = (next: LabelledPoint[]) => {
    if (!locked && !samePoints(next, points)) controller.update({ labelled: next });
  };
  const onStripClick = (e: MouseEvent<SVGRectElement>) => {
    const ctm = svgRef.current?.getScreenCTM();
    if (!ctm || locked) return;
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(ctm.inverse());
    set(withPointAdded(points, stripToX(p.x), label));
  };
  const draft = Number(draftX);
  const draftOk = draftX.trim() !== '' && Number.isFinite(draft) && draft >= STRIP_RANGE[0] && draft <= STRIP_RANGE[1];
  const onAdd = (e: FormEvent) => {
    e.preventDefault();
    if (draftOk) set(withPointAdded(points, draft, label));
  };

  return (
    <fieldset className="data-panel" data-panel="labelled" disabled={locked} {...lockedWrapper(locked)}>
      <legend>Data: {points.length} labelled points (at most {MAX_POINTS})</legend>
      <div className="data-presets" role="group" aria-label="Start from a data set">
        {(Object.keys(LOGISTIC_PRESETS) as LogisticPreset[]).map((k) => (
          <button key={k} type="button" data-preset={k} aria-pressed={samePoints(points, LOGISTIC_PRESETS[k].points)} onClick={() => set(LOGISTIC_PRESETS[k].points)}>
            {LOGISTIC_PRESETS[k].title}
          </button>
        ))}
      </div>
      <svg
        ref={svgRef}
        className="data-strip"
        viewBox={`0 0 ${STRIP_W} ${STRIP_H}`}
        role="group"
        aria-label={`The data: x from ${STRIP_RANGE[0]} to ${STRIP_RANGE[1]}, label 1 in the upper row, label 0 in the lower. Click the strip to add a point labelled ${label}; click a point to remove it.`}
      >
        {/* biome-ignore lint/a11y/noStaticElementInteractions: a mouse shortcut; the x field and Add button below add a point by keyboard */}
        <rect className="strip-bg" x={0} y={0} width={STRIP_W} height={STRIP_H} onClick={onStripClick} data-strip="add" />
        {([1, 0] as const).map((y) => (
          <g key={y} className="strip-row" aria-hidden="true">
            <line x1={STRIP_PAD} x2={STRIP_W - STRIP_PAD} y1={ROW_Y[y]} y2={ROW_Y[y]} />
            <text x={2} y={ROW_Y[y] + 4}>
              {y}
            </text>
          </g>
        ))}
        <g className="strip-axis" aria-hidden="true">
          {TICKS.map((t) => (
            <text key={t} x={stripX(t)} y={STRIP_H - 6} textAnchor="middle">
              {t}
            </text>
          ))}
        </g>
        {points.map(([x, y], i) => (
          // biome-ignore lint/a11y/noStaticElementInteractions: a mouse shortcut; each point has a Remove button in the table below
          <circle
            key={i}
            className={`data-point label-${y}`}
            data-point={i}
            cx={stripX(x)}
            cy={ROW_Y[y]}
            r={6}
            onClick={() => set(withPointRemoved(points, i))}
          >
            <title>{`x = ${x}, label ${y} (click to remove)`}</title>
          </circle>
        ))}
      </svg>
      <div className="data-label" role="radiogroup" aria-label="Label of added points">
        <span aria-hidden="true">New points:</span>
        {([0, 1] as const).map((y) => (
          <label key={y}>
            <input type="radio" name={`${ids}-label`} data-label={y} checked={label === y} onChange={() => setLabel(y)} /> label {y}
          </label>
        ))}
      </div>
      <form className="data-add control-row" onSubmit={onAdd}>
        <label htmlFor={`${ids}-x`}>x =</label>
        <input
          id={`${ids}-x`}
          type="number"
          step={0.1}
          min={STRIP_RANGE[0]}
          max={STRIP_RANGE[1]}
          value={draftX}
          aria-invalid={!draftOk}
          onChange={(e) => setDraftX(e.target.value)}
          data-input="new-x"
        />
        <button type="submit" disabled={!draftOk || full}>
          Add point
        </button>
      </form>
      <details className="data-list">
        <summary>Remove points by keyboard</summary>
        <ul>
          {points.map(([x, y], i) => (
            <li key={i}>
              <button type="button" data-remove={i} disabled={points.length <= 1} onClick={() => set(withPointRemoved(points, i))} aria-label={`Remove the point x = ${x}, label ${y}`}>
                {x} : {y} ×
              </button>
            </li>
          ))}
        </ul>
      </details>
    </fieldset>
  );
}

const EM_W = 560;
const EM_H = 110;
const EM_BASE = 92;
const EM_CURVE_H = 62;
/** Grid of the fitted components' curves. */
const CURVE_N = 121;

/**
 * The EM figure's data strip: the data, each point coloured by rᵢ₁ (teal: component 1, orange:
 * component 2) at the EM series' mean on screen, and the two fitted components ½N(x; μₖ, σ²).
 */
export function createEmDataStrip(dataOf: (s: FigureSettings) => { n: number; seed: number; noise: number; variance: number }): ComponentType<{ controller: FigureController }> {
  return function EmDataStrip({ controller }: { controller: FigureController }) {
    const settings = useStore(controller.store, (s) => s.settings);
    const gen = dataOf(settings);
    const x = useMemo(() => gmmData(gen), [gen.n, gen.seed, gen.noise]); // `gen` is a new object each render; the data depend on these three
    const [x0, x1] = useMemo(() => stripRange(x, -4.5, 4.5), [x]);
    const px = (v: number) => 8 + ((v - x0) / (x1 - x0)) * (EM_W - 16);
    const dots = useRef<(SVGCircleElement | null)[]>([]);
    const curves = useRef<(SVGPathElement | null)[]>([null, null]);
    const marks = useRef<(SVGGElement | null)[]>([null, null]);
    const n1 = useRef<HTMLOutputElement>(null);

    useEffect(() => {
      const draw = () => {
        const log = controller.logs[0];
        const { k } = frameCursor(controller.shown, log?.count ?? 0);
        if (k < 0) return;
        const mu = [log.data[k * log.stride + F.mx], log.data[k * log.stride + F.my]];
        const r = responsibilities(x, mu[0], mu[1], gen.variance);
        let sum = 0;
        r.forEach((ri, i) => {
          sum += ri;
          const el = dots.current[i];
          if (!el) return;
          el.style.fill = `color-mix(in srgb, var(--resp-1) ${(100 * ri).toFixed(1)}%, var(--resp-2))`;
          el.setAttribute('data-r1', ri.toFixed(4));
        });
        const scale = EM_CURVE_H / (0.5 / Math.sqrt(2 * Math.PI * gen.variance));
        mu.forEach((m, j) => {
          const c = componentDensity(m, gen.variance, x0, x1, CURVE_N);
          let d = '';
          for (let i = 0; i < CURVE_N; i++) d += `${i ? 'L' : 'M'}${px(c.x[i]).toFixed(1)},${(EM_BASE - 8 - c.y[i] * scale).toFixed(1)}`;
          curves.current[j]?.setAttribute('d', d);
          const g = marks.current[j];
          if (g) {
            const inside = m >= x0 && m <= x1;
            g.setAttribute('visibility', inside ? 'visible' : 'hidden');
            g.setAttribute('transform', `translate(${px(Math.min(x1, Math.max(x0, m))).toFixed(1)},0)`);
          }
        });
        setText(n1.current, `${fmt(sum, 1)} of ${x.length}`);
      };
      draw();
      return controller.subscribeFrames(draw);
    }, [controller, x, x0, x1, gen.variance]);

    return (
      <div className="em-strip-wrap">
        <svg
          className="em-strip"
          viewBox={`0 0 ${EM_W} ${EM_H}`}
          role="img"
          aria-label={`The ${x.length} data points on a line from ${fmt(x0, 1)} to ${fmt(x1, 1)}, coloured by EM's responsibility of component 1 (teal) against component 2 (orange), and the two fitted components ½N(x; μₖ, σ²) at the step shown`}
        >
          <rect className="strip-bg" width={EM_W} height={EM_H} />
          <line className="em-axis" x1={8} x2={EM_W - 8} y1={EM_BASE} y2={EM_BASE} />
          {Array.from({ length: Math.floor(x1) - Math.ceil(x0) + 1 }, (_, i) => Math.ceil(x0) + i).map((t) => (
            <text key={t} className="em-tick" x={px(t)} y={EM_H - 3} textAnchor="middle">
              {t}
            </text>
          ))}
          {[0, 1].map((j) => (
            <path key={j} className={`em-curve em-curve-${j + 1}`} ref={(el) => void (curves.current[j] = el)} />
          ))}
          {[0, 1].map((j) => (
            <g key={j} className={`em-mark em-mark-${j + 1}`} ref={(el) => void (marks.current[j] = el)}>
              <line y1={EM_BASE - 6} y2={EM_BASE + 6} />
              <text y={12} textAnchor="middle">
                {j ? 'μ₂' : 'μ₁'}
              </text>
            </g>
          ))}
          {x.map((v, i) => (
            // Three rows of jitter keep close points apart.
            <circle key={i} className="em-point" data-point={i} cx={px(v)} cy={EM_BASE - 2 - (i % 3) * 6} r={4.5} ref={(el) => void (dots.current[i] = el)} />
          ))}
        </svg>
        <p className="em-strip-caption">
          <span className="resp-key resp-key-1" aria-hidden="true" /> component 1 · <span className="resp-key resp-key-2" aria-hidden="true" /> component 2 · points
          claimed by component 1 (Σᵢ rᵢ₁):{' '}
          <output data-readout="n1" aria-live="off" ref={n1}>
            —
          </output>
        </p>
      </div>
    );
  };
}
