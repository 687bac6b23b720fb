/**
 * A point beside a distribution (chapter 4, Figure 4.3): Adam's point and IVON's Gaussian q on
 * the two-weight network f(x) = w₂ tanh(w₁x), same data, same minibatches, same start. In
 * parameter space only IVON has ellipses; the data-space panel shows the data, Adam's one
 * fitted curve and IVON's predictive band from samples of q (predictive.ts).
 */
import { useEffect, useId, useMemo, useRef } from 'react';
import { tanhData } from '../engine/data';
import { F } from '../engine/kernel';
import type { RunSpecInput } from '../engine/spec';
import type { FigureController } from './controller';
import type { FigureConfig } from './Figure';
import { bandPath, frameCursor } from './frames';
import { gridX, predictiveBand, standardNormals, tanhCurve } from '../engine/predictive';
import type { FigureSettings } from './settings';
import './point-vs-dist.css';

/** The data both runs fit: the loss's default generator, named so the panel draws the same points. */
const DATA = { n: 24, seed: 1, noise: 0.3 } as const;
const LOSS = { kind: 'tanh-regression', data: { ...DATA } } as const satisfies RunSpecInput['loss'];
const VIEW = [-3, 3, -3, 3] as const;
/** IVON's ρ = 1 − β₂ (PyTorch's 0.001 is far too slow for 200 steps of this toy) and its start q₀ = N(m₀, I/10). */
const IVON_RHO = 0.1;
const IVON_START_PRECISION: [[number, number], [number, number]] = [[10, 0], [0, 10]];

/**
 * Defaults found by running the engine (seeds 1–12, start (2.5, 0.5)): with one α = 0.1 for both,
 * Adam reaches the minimum in about 8 steps and IVON in 15–45, with no divergence and both in the
 * same basin; 200 steps show both settle (Adam jittering with the minibatches, IVON's q steady).
 */
export function createPointVsDistConfig(base: FigureSettings): FigureConfig {
  const common = (s: FigureSettings) => ({ loss: LOSS, alpha: s.alpha, batchSize: s.batch, steps: s.steps, seed: s.seed });
  return {
    defaults: { ...base, alpha: 0.1, batch: 8, tau: 1, steps: 200, speed: 20, start: [2.5, 0.5] },
    series: [
      {
        key: 'adam',
        label: 'Adam: a point',
        color: 'var(--series-gd)',
        ellipses: false,
        spec: (s) => ({ ...common(s), algorithm: 'adam', init: { mean: [s.start[0], s.start[1]] } }),
      },
      {
        key: 'ivon',
        label: 'IVON: a Gaussian q',
        color: 'var(--series-blr)',
        ellipses: true,
        spec: (s) => ({ ...common(s), algorithm: 'ivon', rho: IVON_RHO, init: { mean: [s.start[0], s.start[1]], precision: IVON_START_PRECISION } }),
      },
    ],
    controls: ['alpha', 'batch', 'seed'],
    surface: () => ({ loss: LOSS, temperature: 1, view: [...VIEW] }),
    view: VIEW,
    panel: DataPanel,
  };
}

const W = 300;
const H = 180;
const X_RANGE = [-2.2, 2.2] as const;
const Y_RANGE = [-2, 2] as const;
const px = (x: number) => ((x - X_RANGE[0]) / (X_RANGE[1] - X_RANGE[0])) * W;
const py = (y: number) => H - ((y - Y_RANGE[0]) / (Y_RANGE[1] - Y_RANGE[0])) * H;
const clampY = (y: number) => Math.min(Y_RANGE[1] + 1, Math.max(Y_RANGE[0] - 1, y));
const pyClamped = (y: number) => py(clampY(y));

function linePath(xs: Float64Array, ys: Float64Array): string {
  let d = '';
  for (let i = 0; i < xs.length; i++) d += `${i ? 'L' : 'M'}${px(xs[i]).toFixed(1)},${pyClamped(ys[i]).toFixed(1)}`;
  return d;
}

/** The data, Adam's curve and IVON's band at the step on screen; updated in place on frames. */
export function DataPanel({ controller }: { controller: FigureController }) {
  const data = useMemo(() => tanhData(DATA), []);
  const xs = useMemo(() => gridX(X_RANGE[0], X_RANGE[1], 61), []);
  const normals = useMemo(() => standardNormals(200, 7), []);
  const band = useRef<SVGPathElement>(null);
  const ivon = useRef<SVGPathElement>(null);
  const adam = useRef<SVGPathElement>(null);
  const clip = `data-clip-${useId().replace(/[^\w-]/g, '')}`;

  useEffect(() => {
    const iAdam = controller.series.findIndex((s) => s.key === 'adam');
    const iIvon = controller.series.findIndex((s) => s.key === 'ivon');
    const curve = new Float64Array(xs.length);
    // Redraw only when the frame on screen changes (a restart replaces the logs).
    let last: unknown[] = [];
    const draw = () => {
      const a = controller.logs[iAdam];
      const v = controller.logs[iIvon];
      const ka = frameCursor(controller.shown, a?.count ?? 0).k;
      const kv = frameCursor(controller.shown, v?.count ?? 0).k;
      const now = [a, v, ka, kv];
      if (now.every((x, i) => x === last[i])) return;
      last = now;
      if (ka >= 0) {
        const o = ka * a.stride;
        adam.current?.setAttribute('d', linePath(xs, tanhCurve(a.data[o + F.mx], a.data[o + F.my], xs, curve)));
      } else adam.current?.setAttribute('d', '');
      if (kv >= 0) {
        const o = kv * v.stride;
        const d = v.data;
        const b = predictiveBand([d[o + F.mx], d[o + F.my]], [d[o + F.ca], d[o + F.cb], d[o + F.cc]], xs, normals);
        ivon.current?.setAttribute('d', linePath(xs, b.mean));
        band.current?.setAttribute('d', bandPath(xs, b.hi, b.lo, px, pyClamped));
      } else {
        ivon.current?.setAttribute('d', '');
        band.current?.setAttribute('d', '');
      }
    };
    draw();
    return controller.subscribeFrames(draw);
  }, [controller, xs, normals]);

  return (
    <figure className="data-panel" data-panel="data-space">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`Data space: the ${DATA.n} data points, Adam's fitted curve and IVON's predictive mean with its 90% band, at the step on screen`}
      >
        <clipPath id={clip}>
          <rect width={W} height={H} />
        </clipPath>
        <line className="axis" x1={0} x2={W} y1={py(0)} y2={py(0)} />
        <line className="axis" x1={px(0)} x2={px(0)} y1={0} y2={H} />
        <g clipPath={`url(#${clip})`}>
          <path className="band" data-band="ivon" ref={band} />
          <path className="curve curve-ivon" data-curve="ivon" ref={ivon} />
          <path className="curve curve-adam" data-curve="adam" ref={adam} />
        </g>
        <g className="points">
          {data.x.map((x, i) => (
            <circle key={i} cx={px(x).toFixed(1)} cy={py(data.y[i]).toFixed(1)} r={2.6} />
          ))}
        </g>
      </svg>
      <figcaption className="data-legend">
        Data space, x from −2.2 to 2.2: the {DATA.n} points, Adam’s curve f(x; m) (dashed) and IVON’s mean with the 90% band of f(x; θ), θ ~ q.
      </figcaption>
    </figure>
  );
}
