/**
 * Chapter 6's uncertainty figure (Figure 6.1, id `predictive`): what a distribution q buys over
 * a point. Four runs on the two-weight network f(x) = w₂ tanh(w₁x), same data, minibatches,
 * seed and start: Adam's point estimate (one curve, no band), IVON's Gaussian q, SGD with
 * dropout (Monte Carlo dropout at test time) and the Laplace approximation at the MAP, each
 * drawn in data space as its predictive mean ± 2 sd over an x-range twice as wide as the data.
 * The pure half (specs, predictive per frame) is uncertainty.ts; the maths engine/predictive.ts.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { tanhData } from '../engine/data';
import type { FigureController } from './controller';
import { DEFAULT_SETTINGS } from './defaults';
import { Figure, type FigureConfig, type FigurePlotProps } from './Figure';
import type { FigureProps } from './figures-basic';
import { bandPath, frameCursor, setText } from './frames';
import { Readouts } from './Readouts';
import type { FigureSettings, SeriesConfig } from './settings';
import {
  DATA_X_RANGE, DEFAULT_DROPOUT, NOISE_VARIANCE, PREDICTIVE_DATA, PREDICTIVE_DRAWS, PREDICTIVE_SERIES, READ_AT, X_RANGE, Y_RANGE, linearisedSeriesPredictive, predictiveGrid, predictiveSpec, seriesPredictive, testDraws,
  type PredictiveSeries,
} from './uncertainty';
import './uncertainty.css';

const LABELS: Record<PredictiveSeries, string> = {
  point: 'Adam: a point estimate (no band)',
  ivon: 'IVON: samples of q',
  dropout: 'MC dropout: random masks at test time',
  laplace: 'Laplace: N(θ_MAP, ∇²ℓ̄⁻¹), sampled',
};
const COLORS: Record<PredictiveSeries, string> = {
  point: 'var(--series-gd)',
  ivon: 'var(--series-blr)',
  dropout: 'var(--series-dropout)',
  laplace: 'var(--series-laplace)',
};

/** The figure's configuration: defaults found by running the engine (start (2.5, 0.5), seeds 1–5: every run settles in the basin of (1.0, 1.1)). */
export function createPredictiveConfig(base: FigureSettings): FigureConfig {
  const series: SeriesConfig[] = PREDICTIVE_SERIES.map((key) => ({
    key,
    label: LABELS[key],
    color: COLORS[key],
    ellipses: key === 'ivon' || key === 'laplace',
    spec: (s: FigureSettings) => predictiveSpec(key, s),
  }));
  return {
    defaults: { ...base, alpha: 0.1, batch: 8, tau: 1, steps: 200, speed: 20, start: [2.5, 0.5], dropout: DEFAULT_DROPOUT },
    series,
    controls: ['alpha', 'batch', 'dropout', 'seed'],
    view: [-3, 3, -3, 3],
    plot: UncertaintyPlot,
    readouts: UncertaintyReadouts,
  };
}

export const PREDICTIVE = createPredictiveConfig(DEFAULT_SETTINGS);

/** Figure 6.1: predictive bands of IVON, MC dropout and Laplace beside a point estimate. */
export function UncertaintyFigure({ id, caption }: FigureProps) {
  return <Figure id={id} config={PREDICTIVE} caption={caption} />;
}

const W = 560;
const H = 300;
const PAD = { left: 30, right: 8, top: 8, bottom: 22 };
const px = (x: number) => PAD.left + ((x - X_RANGE[0]) / (X_RANGE[1] - X_RANGE[0])) * (W - PAD.left - PAD.right);
const py = (y: number) => PAD.top + (1 - (y - Y_RANGE[0]) / (Y_RANGE[1] - Y_RANGE[0])) * (H - PAD.top - PAD.bottom);
// Curves far outside the window are clipped anyway; clamping keeps the path numbers small.
const pyClamped = (y: number) => py(Math.min(Y_RANGE[1] + 1, Math.max(Y_RANGE[0] - 1, y)));
const X_TICKS = [-4, -3, -2, -1, 0, 1, 2, 3, 4];
const Y_TICKS = [-2, -1, 0, 1, 2];
const minus = (v: number) => String(v).replace('-', '−');

function linePath(xs: Float64Array, ys: Float64Array): string {
  let d = '';
  for (let i = 0; i < xs.length; i++) d += `${i ? 'L' : 'M'}${px(xs[i]).toFixed(1)},${pyClamped(ys[i]).toFixed(1)}`;
  return d;
}

/** The test-time draws of the current settings (new only when the seed or the dropout rate changes). */
function useTestDraws(controller: FigureController) {
  const seed = useStore(controller.store, (s) => s.settings.seed);
  const dropout = useStore(controller.store, (s) => s.settings.dropout);
  return useMemo(() => testDraws({ seed, dropout }), [seed, dropout]);
}

/** Data space: the data, the point estimate's curve and each distribution's mean ± 2 sd band at the step on screen. */
export function UncertaintyPlot({ controller }: FigurePlotProps) {
  const data = useMemo(() => tanhData(PREDICTIVE_DATA), []);
  const xs = useMemo(() => predictiveGrid(), []);
  const draws = useTestDraws(controller);
  const [shown, setShown] = useState<Record<PredictiveSeries, boolean>>({ point: true, ivon: true, dropout: true, laplace: true });
  const bands = useRef<Partial<Record<PredictiveSeries, SVGPathElement | null>>>({});
  const curves = useRef<Partial<Record<PredictiveSeries, SVGPathElement | null>>>({});
  const clip = `pred-clip-${useId().replace(/[^\w-]/g, '')}`;
  const p = useStore(controller.store, (s) => s.settings.dropout ?? DEFAULT_DROPOUT);

  useEffect(() => {
    let last: unknown[] = [];
    const draw = () => {
      const now: unknown[] = [];
      const cursors = controller.series.map((s, i) => {
        const log = controller.logs[i];
        const k = frameCursor(controller.shown, log?.count ?? 0).k;
        now.push(log, k);
        return { key: s.key as PredictiveSeries, log, k };
      });
      // Redraw only when a frame on screen changes (a restart replaces the logs).
      if (now.length === last.length && now.every((x, i) => x === last[i])) return;
      last = now;
      for (const { key, log, k } of cursors) {
        const band = bands.current[key];
        const curve = curves.current[key];
        if (k < 0) {
          curve?.setAttribute('d', '');
          band?.setAttribute('d', '');
          continue;
        }
        const pred = seriesPredictive(key, log.data, k * log.stride, xs, draws);
        curve?.setAttribute('d', linePath(xs, pred.mean));
        if (band && pred.sd) {
          const sd = pred.sd;
          const hi = pred.mean.map((m, i) => m + 2 * sd[i]);
          const lo = pred.mean.map((m, i) => m - 2 * sd[i]);
          band.setAttribute('d', bandPath(xs, hi, lo, px, pyClamped));
        }
      }
    };
    draw();
    return controller.subscribeFrames(draw);
  }, [controller, xs, draws]);

  return (
    <>
      <svg
        className="plot predictive-plot"
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`Data space, x from −4 to 4: the ${PREDICTIVE_DATA.n} training points (x from −2 to 2, shaded), Adam's fitted curve, and the predictive mean with a band of ±2 standard deviations for IVON, Monte Carlo dropout and Laplace, at the step on screen`}
      >
        <clipPath id={clip}>
          <rect x={PAD.left} y={PAD.top} width={W - PAD.left - PAD.right} height={H - PAD.top - PAD.bottom} />
        </clipPath>
        <rect className="plot-bg" width={W} height={H} />
        <rect className="data-range" x={px(DATA_X_RANGE[0])} y={PAD.top} width={px(DATA_X_RANGE[1]) - px(DATA_X_RANGE[0])} height={H - PAD.top - PAD.bottom} />
        <g className="ticks" aria-hidden="true">
          {X_TICKS.map((x) => (
            <text key={`x${x}`} x={px(x)} y={H - 6} textAnchor="middle">
              {minus(x)}
            </text>
          ))}
          {Y_TICKS.map((y) => (
            <text key={`y${y}`} x={PAD.left - 5} y={py(y) + 4} textAnchor="end">
              {minus(y)}
            </text>
          ))}
        </g>
        <line className="axis" x1={PAD.left} x2={W - PAD.right} y1={py(0)} y2={py(0)} />
        <line className="axis" x1={px(0)} x2={px(0)} y1={PAD.top} y2={H - PAD.bottom} />
        <g clipPath={`url(#${clip})`}>
          {/* One g.series per run, in the series' order (the picture export reads their colours). */}
          {PREDICTIVE_SERIES.map((key) => (
            <g key={key} className="series" data-series={key} style={{ color: COLORS[key] }} visibility={shown[key] ? 'visible' : 'hidden'}>
              {key !== 'point' && <path className={`band band-${key}`} data-band={key} ref={(el) => void (bands.current[key] = el)} />}
              <path className={`curve curve-${key}`} data-curve={key} ref={(el) => void (curves.current[key] = el)} />
            </g>
          ))}
        </g>
        <g className="points">
          {data.x.map((x, i) => (
            <circle key={i} cx={px(x).toFixed(1)} cy={py(data.y[i]).toFixed(1)} r={2.8} />
          ))}
        </g>
      </svg>
      <div className="legend predictive-legend" role="group" aria-label="Series shown (toggle each)">
        {PREDICTIVE_SERIES.map((key) => (
          <button
            key={key}
            type="button"
            className={`series-toggle toggle-${key}`}
            data-toggle={key}
            aria-pressed={shown[key]}
            style={{ color: COLORS[key] }}
            onClick={() => setShown((v) => ({ ...v, [key]: !v[key] }))}
          >
            <span className={`swatch swatch-${key}`} aria-hidden="true" /> {key === 'dropout' ? `MC dropout (p = ${p}): random masks at test time` : LABELS[key]}
          </button>
        ))}
      </div>
      <p className="plot-axes">
        Horizontal: x, from −4 to 4 (the training inputs lie in the shaded strip from −2 to 2); vertical: f(x). Bands: predictive mean ± 2 sd of f(x; θ)
        over {PREDICTIVE_DRAWS} test-time draws (the same draws every frame); the observation noise (σ² = {NOISE_VARIANCE}) would widen every band alike.
      </p>
    </>
  );
}

const X_LABEL: Record<(typeof READ_AT)[number], string> = { 0: 'x = 0 (centre of the data)', 2: 'x = 2 (edge of the data)', 4: 'x = 4 (edge of the window)' };

/** The predictive sd of f at READ_AT for each series, then the usual readouts of each run's q. */
export function UncertaintyReadouts({ controller }: { controller: FigureController }) {
  const draws = useTestDraws(controller);
  const cells = useRef<Record<string, HTMLOutputElement | null>>({});
  const xs = useMemo(() => Float64Array.from(READ_AT), []);

  useEffect(() => {
    const update = () => {
      controller.series.forEach((s, i) => {
        const key = s.key as PredictiveSeries;
        const log = controller.logs[i];
        const k = frameCursor(controller.shown, log?.count ?? 0).k;
        const pred = k >= 0 ? seriesPredictive(key, log.data, k * log.stride, xs, draws) : null;
        READ_AT.forEach((x, j) => setText(cells.current[`${key}:${x}`], !pred ? '—' : pred.sd ? pred.sd[j].toFixed(3) : 'none (a point)'));
        if (key === 'laplace') {
          const lin = k >= 0 ? linearisedSeriesPredictive(log.data, k * log.stride, xs) : null;
          READ_AT.forEach((x, j) => setText(cells.current[`laplace-linear:${x}`], lin ? lin.sd[j].toFixed(3) : '—'));
        }
      });
    };
    update();
    return controller.subscribeFrames(update);
  }, [controller, xs, draws]);

  return (
    <>
      <table className="predictive-readouts" aria-label="Predictive standard deviation of f(x) at three inputs">
        <caption>Predictive sd of f(x) at the step on screen</caption>
        <thead>
          <tr>
            <th scope="col">Method</th>
            {READ_AT.map((x) => (
              <th key={x} scope="col">
                {X_LABEL[x]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {PREDICTIVE_SERIES.map((key) => (
            <tr key={key} style={{ color: COLORS[key] }}>
              <th scope="row">{LABELS[key].split(':')[0]}</th>
              {READ_AT.map((x) => (
                <td key={x}>
                  <output data-readout="sd" data-series={key} data-x={x} aria-live="off" ref={(el) => void (cells.current[`${key}:${x}`] = el)}>
                    —
                  </output>
                </td>
              ))}
            </tr>
          ))}
          <tr style={{ color: COLORS.laplace }}>
            <th scope="row">Laplace, linearised (√JΣJᵀ)</th>
            {READ_AT.map((x) => (
              <td key={x}>
                <output data-readout="sd" data-series="laplace-linear" data-x={x} aria-live="off" ref={(el) => void (cells.current[`laplace-linear:${x}`] = el)}>
                  —
                </output>
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      <Readouts controller={controller} />
    </>
  );
}
