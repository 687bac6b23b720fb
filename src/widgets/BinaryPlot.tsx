/**
 * The plot of the binary-weights figure: the loss as contour rings on [−1.5, 1.5]² with its
 * continuous minimiser, the four corners of {−1, +1}² as discs whose area is BayesBiNN's mass
 * q(c) = Πⱼ P(θⱼ = cⱼ), the straight-through estimator's corner sign(λ) as a ring, and each
 * run's mean E[θ] = tanh λ with its trail. Beside it: bars of P(θⱼ = +1) per run and a table
 * of the corners. Moving layers are updated in place from the frame logs, as in Plot.tsx.
 */
import { useEffect, useMemo, useRef } from 'react';
import { useStore } from 'zustand';
import { B, F } from '../engine/kernel';
import type { FigurePlotProps } from './Figure';
import { contourPath, createFrame2D, fmt, type Frame2D, type View } from './geometry';
import { CORNERS, cornerKey, cornerMasses, lowestCorner, steCorner } from './binary';
import { frameCursor, lerpAt, setText, trailPath } from './frames';
import './plot-extras.css';
import './binary.css';

export interface BinaryPlotProps extends FigurePlotProps {
  /** ℓ̄ at each corner (binary.ts CORNERS order), shown beside the corners. */
  cornerLosses: readonly number[];
  /** Keys of the series (SeriesConfig.key) with the straight-through estimator and with BayesBiNN. */
  ste: string;
  bayes: string;
}

/** Steps of each run's recent path drawn behind its point. */
const TRAIL_STEPS = 20;
/** Radius of a corner disc holding all of q's mass, in data units. */
const CORNER_RADIUS = 0.3;

interface SeriesNodes {
  trail: SVGPathElement | null;
  dot: SVGCircleElement | null;
  p: (HTMLOutputElement | null)[];
  bars: (HTMLElement | null)[];
}

interface CornerNodes {
  /** BayesBiNN's disc and the straight-through estimator's (all or nothing). */
  mass: SVGCircleElement | null;
  steMass: SVGCircleElement | null;
  massOut: HTMLOutputElement | null;
  steOut: HTMLOutputElement | null;
}

/** Width of each panel, the gap between them and the height of their titles, in SVG units. */
const PANEL = 275;
const GAP = 10;
const TITLE = 22;

export function BinaryPlot({ controller, config, cornerLosses, ste, bayes }: BinaryPlotProps) {
  const surface = useStore(controller.store, (s) => s.surface);
  const view: View = surface?.view ?? config.view;
  const frame = useMemo(() => createFrame2D(view, PANEL), [view]);
  const seriesNodes = useRef<SeriesNodes[]>(controller.series.map(() => ({ trail: null, dot: null, p: [null, null], bars: [null, null] })));
  const cornerNodes = useRef<CornerNodes[]>(CORNERS.map(() => ({ mass: null, steMass: null, massOut: null, steOut: null })));
  const steRing = useRef<SVGCircleElement>(null);
  const steIndex = controller.series.findIndex((s) => s.key === ste);
  const bayesIndex = controller.series.findIndex((s) => s.key === bayes);

  const lossPaths = useMemo(() => (surface ? surface.loss.map((b) => contourPath(b, frame, surface.nx, surface.ny)) : []), [surface, frame]);
  const best = lowestCorner(cornerLosses);

  useEffect(() => {
    const draw = () => drawBinary(controller, frame, seriesNodes.current, cornerNodes.current, steRing.current, steIndex, bayesIndex);
    draw();
    return controller.subscribeFrames(draw);
  }, [controller, frame, steIndex, bayesIndex]);

  const r = CORNER_RADIUS * frame.k;
  const minimiser = surface?.minimiser;
  const steSeries = controller.series[steIndex];
  const bayesSeries = controller.series[bayesIndex];
  const steLabel = steSeries?.label ?? 'STE';
  const bayesLabel = bayesSeries?.label ?? 'BayesBiNN';
  // The straight-through estimator on the left, BayesBiNN on the right, over the same loss.
  const panels = [
    { index: steIndex, x: 0, title: steLabel },
    { index: bayesIndex, x: PANEL + GAP, title: bayesLabel },
  ];
  return (
    <>
      <svg
        className="plot binary-plot"
        viewBox={`0 0 ${2 * PANEL + GAP} ${frame.height + TITLE}`}
        role="img"
        aria-label={`Two panels over the same loss, x and y from ${view[0]} to ${view[1]}: ${steLabel} on the left, ${bayesLabel} on the right, each with the four binary corners; the tables below give the numbers`}
      >
        <rect className="plot-bg" width={2 * PANEL + GAP} height={frame.height + TITLE} />
        {panels.map(({ index, x, title }) => {
          const s = controller.series[index];
          const isSte = index === steIndex;
          return (
            <g key={s?.key ?? index} className="binary-panel" data-panel={s?.key} transform={`translate(${x},${TITLE})`}>
              <text className="panel-title" x={PANEL / 2} y={-7} textAnchor="middle" style={{ color: s?.color }}>
                {title}
              </text>
              <rect className="panel-frame" width={PANEL} height={frame.height} />
              <g className="contours" aria-hidden="true">
                {lossPaths.map((d, i) => (
                  <path key={i} d={d} />
                ))}
              </g>
              <rect
                className="binary-hull"
                x={frame.px(-1)}
                y={frame.py(1)}
                width={frame.px(1) - frame.px(-1)}
                height={frame.py(-1) - frame.py(1)}
                aria-hidden="true"
              />
              {minimiser && (
                <g className="minimiser" transform={`translate(${frame.px(minimiser[0]).toFixed(1)},${frame.py(minimiser[1]).toFixed(1)})`}>
                  <title>{`Continuous minimiser (${fmt(minimiser[0], 2)}, ${fmt(minimiser[1], 2)})`}</title>
                  <path d="M-5,-5L5,5M-5,5L5,-5" />
                </g>
              )}
              {CORNERS.map((c, i) => (
                <g
                  key={cornerKey(c)}
                  className={`corner${i === best ? ' best' : ''}`}
                  data-corner={cornerKey(c)}
                  transform={`translate(${frame.px(c[0]).toFixed(1)},${frame.py(c[1]).toFixed(1)})`}
                >
                  <circle className="corner-slot" r={r.toFixed(1)} />
                  <circle
                    className="corner-mass"
                    data-mass-of={s?.key}
                    style={{ color: s?.color }}
                    ref={(el) => void (isSte ? (cornerNodes.current[i].steMass = el) : (cornerNodes.current[i].mass = el))}
                  />
                  {/* Loss labels outside the square: above the top corners, below the bottom ones. */}
                  <text className="corner-label" x={0} y={(c[1] > 0 ? -(r + 5) : r + 14).toFixed(1)} textAnchor="middle">
                    {`ℓ̄ = ${fmt(cornerLosses[i], 2)}`}
                  </text>
                </g>
              ))}
              {isSte && <circle ref={steRing} className="ste-ring" data-ste-corner="" r={(r + 6).toFixed(1)} style={{ color: s?.color }} aria-hidden="true" />}
              {s && (
                <g className="series" data-series={s.key} style={{ color: s.color }} aria-hidden="true">
                  <path className="trail" ref={(el) => void (seriesNodes.current[index].trail = el)} />
                  <circle className="mean" r={4.5} ref={(el) => void (seriesNodes.current[index].dot = el)} />
                </g>
              )}
            </g>
          );
        })}
      </svg>
      <div className="plot-extras binary-extras">
        <table className="binary-probabilities" data-probabilities>
          <caption>P(θⱼ = +1) at the step shown</caption>
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">P(θ₁ = +1)</th>
              <th scope="col">P(θ₂ = +1)</th>
            </tr>
          </thead>
          <tbody>
            {controller.series.map((s, i) => (
              <tr key={s.key} data-series={s.key} style={{ color: s.color }}>
                <th scope="row">
                  <span className="swatch" aria-hidden="true" /> {s.label}
                </th>
                {[0, 1].map((j) => (
                  <td key={j}>
                    <span className="bar-cell">
                      <span className="bar-track" aria-hidden="true">
                        <span className="bar-fill" data-bar ref={(el) => void (seriesNodes.current[i].bars[j] = el)} />
                      </span>
                      <output data-readout={`p${j + 1}`} data-series={s.key} aria-live="off" ref={(el) => void (seriesNodes.current[i].p[j] = el)}>
                        —
                      </output>
                    </span>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <table className="binary-corners" data-corners>
          <caption>The four corners of {'{'}−1, +1{'}'}²</caption>
          <thead>
            <tr>
              <th scope="col">Corner</th>
              <th scope="col">ℓ̄</th>
              <th scope="col">Mass under {bayesLabel}</th>
              <th scope="col">{steLabel} uses it</th>
            </tr>
          </thead>
          <tbody>
            {CORNERS.map((c, i) => (
              <tr key={cornerKey(c)} data-corner={cornerKey(c)}>
                <th scope="row">
                  ({c[0] > 0 ? '+1' : '−1'}, {c[1] > 0 ? '+1' : '−1'}){i === best ? ', lowest ℓ̄' : ''}
                </th>
                <td>{fmt(cornerLosses[i], 3)}</td>
                <td>
                  <output data-readout="corner-mass" data-corner={cornerKey(c)} aria-live="off" ref={(el) => void (cornerNodes.current[i].massOut = el)}>
                    —
                  </output>
                </td>
                <td>
                  <output data-readout="ste-corner" data-corner={cornerKey(c)} aria-live="off" ref={(el) => void (cornerNodes.current[i].steOut = el)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <ul className="legend" aria-label="Legend">
          {controller.series.map((s) => (
            <li key={s.key} style={{ color: s.color }}>
              <span className="swatch" aria-hidden="true" /> {s.label}: {s.key === ste ? 'latent point tanh λ' : 'mean E[θ] = tanh λ'}
            </li>
          ))}
          <li>
            <span className="legend-disc" aria-hidden="true" /> Disc area: the run’s mass on the corner ({steLabel}: all of it on sign λ, ringed)
          </li>
          <li className="legend-erm">
            <span aria-hidden="true">×</span> Continuous minimiser of ℓ̄
          </li>
        </ul>
      </div>
    </>
  );
}

/** Moves trails, mean dots, corner discs and the STE ring to the step on screen; fills the tables. */
function drawBinary(
  controller: FigurePlotProps['controller'],
  f: Frame2D,
  series: SeriesNodes[],
  corners: CornerNodes[],
  ring: SVGCircleElement | null,
  steIndex: number,
  bayesIndex: number,
) {
  const shown = controller.shown;
  controller.logs.forEach((log, i) => {
    const n = series[i];
    if (!n) return;
    const { k, t } = frameCursor(shown, log.count);
    const hidden = k < 0;
    for (const el of [n.trail, n.dot]) el?.setAttribute('visibility', hidden ? 'hidden' : 'visible');
    if (hidden) {
      n.p.forEach((el) => setText(el, '—'));
      n.bars.forEach((el) => el?.style.setProperty('width', '0'));
      return;
    }
    const last = log.count - 1;
    const d = log.data;
    const sw = log.stride;
    const mx = lerpAt(d, k, t, F.mx, last, sw);
    const my = lerpAt(d, k, t, F.my, last, sw);
    // Only the recent path: the straight-through estimator's latent point zigzags for ever.
    n.trail?.setAttribute('d', trailPath(log, F.mx, F.my, k, [mx, my], f, Math.max(0, k - TRAIL_STEPS)));
    n.dot?.setAttribute('cx', f.px(mx).toFixed(1));
    n.dot?.setAttribute('cy', f.py(my).toFixed(1));
    const p = [d[k * sw + B.px], d[k * sw + B.py]];
    p.forEach((v, j) => {
      setText(n.p[j], fmt(v));
      n.bars[j]?.style.setProperty('width', `${(Math.min(1, Math.max(0, v)) * 100).toFixed(1)}%`);
    });
  });

  const bayes = controller.logs[bayesIndex];
  const bk = frameCursor(shown, bayes?.count ?? 0).k;
  const masses = bk >= 0 ? cornerMasses(bayes.data[bk * bayes.stride + B.px], bayes.data[bk * bayes.stride + B.py]) : null;
  const steLog = controller.logs[steIndex];
  const sk = frameCursor(shown, steLog?.count ?? 0).k;
  const steAt = sk >= 0 ? cornerKey(steCorner(steLog.data[sk * steLog.stride + B.lx], steLog.data[sk * steLog.stride + B.ly])) : '';
  corners.forEach((n, i) => {
    const m = masses?.[i];
    n.mass?.setAttribute('r', m === undefined ? '0' : (CORNER_RADIUS * f.k * Math.sqrt(Math.max(0, m))).toFixed(2));
    n.steMass?.setAttribute('r', cornerKey(CORNERS[i]) === steAt ? (CORNER_RADIUS * f.k).toFixed(2) : '0');
    setText(n.massOut, m === undefined ? '—' : fmt(m));
    setText(n.steOut, cornerKey(CORNERS[i]) === steAt ? 'here' : '');
  });
  if (ring) {
    const c = steAt ? steAt.split(',').map(Number) : null;
    ring.setAttribute('visibility', c ? 'visible' : 'hidden');
    ring.setAttribute('data-ste-corner', steAt);
    if (c) ring.setAttribute('transform', `translate(${f.px(c[0]).toFixed(1)},${f.py(c[1]).toFixed(1)})`);
  }
}
