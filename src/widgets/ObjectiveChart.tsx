/** A small plot of the objective E_q[ℓ̄] − τH(q) against the step, one line per series. */
import { useEffect, useRef } from 'react';
import { F } from '../engine/run';
import type { FigureController } from './controller';
import { fmt } from './geometry';

export interface ObjectiveChartProps {
  controller: FigureController;
  width?: number;
  height?: number;
}

const MAX_POINTS = 300;

export function ObjectiveChart({ controller, width = 260, height = 90 }: ObjectiveChartProps) {
  const lines = useRef<(SVGPolylineElement | null)[]>([]);
  const lo = useRef<SVGTextElement>(null);
  const hi = useRef<SVGTextElement>(null);

  useEffect(() => {
    const update = () => {
      const upto = Math.floor(controller.shown);
      let steps = 1;
      const sample: number[] = [];
      controller.logs.forEach((log) => {
        const k = Math.min(upto, log.count - 1);
        steps = Math.max(steps, k);
        const stride = Math.max(1, Math.ceil(k / MAX_POINTS));
        for (let j = 0; j <= k; j += stride) sample.push(log.data[j * log.stride + F.objective]);
      });
      sample.sort((a, b) => a - b);
      // A robust top: early objectives can be orders of magnitude above the rest; clip them.
      let min = sample.length ? sample[0] : Infinity;
      const q80 = sample.length ? sample[Math.floor(0.8 * (sample.length - 1))] : -Infinity;
      let max = sample.length ? Math.min(sample[sample.length - 1], q80 + 2 * (q80 - min) + 1e-9) : -Infinity;
      if (!(max > min)) {
        min -= 1;
        max += 1;
      }
      const pad = 4;
      controller.logs.forEach((log, i) => {
        const el = lines.current[i];
        if (!el) return;
        const k = Math.min(upto, log.count - 1);
        const stride = Math.max(1, Math.ceil(k / MAX_POINTS));
        let pts = '';
        for (let j = 0; j <= k; j += stride) {
          const v = log.data[j * log.stride + F.objective];
          const x = pad + ((width - 2 * pad) * j) / steps;
          const y = height - pad - ((height - 2 * pad) * (Math.min(v, max) - min)) / (max - min);
          pts += `${x.toFixed(1)},${y.toFixed(1)} `;
        }
        el.setAttribute('points', pts);
      });
      if (lo.current) lo.current.textContent = Number.isFinite(min) ? fmt(min, 2) : '';
      if (hi.current) hi.current.textContent = Number.isFinite(max) ? fmt(max, 2) : '';
    };
    update();
    return controller.subscribeFrames(update);
  }, [controller, width, height]);

  return (
    <svg className="objective-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label="Objective against step for each run">
      <text className="axis-label" x={4} y={12} ref={hi} />
      <text className="axis-label" x={4} y={height - 6} ref={lo} />
      {controller.series.map((s, i) => (
        <polyline key={s.key} style={{ color: s.color }} ref={(el) => void (lines.current[i] = el)} />
      ))}
    </svg>
  );
}
