/**
 * Live numbers for each series at the step on screen: step, ℓ̄(m), the objective
 * E_q[ℓ̄] − τH(q), the mean and the precision; optionally the natural parameters
 * λ = (Sm, −½S) and expectation parameters μ = (m, Σ + mmᵀ). Updated in place on frames.
 */
import { useEffect, useRef } from 'react';
import { gaussianExpectationFromMoments, gaussianNaturalFromMoments } from '../engine/families/gaussian';
import { F } from '../engine/run';
import type { FigureController } from './controller';
import { fmt } from './geometry';
import { formatGap, formatKl, klAt } from './kl';
import { PosteriorReadouts } from './PosteriorReadouts';

export interface ReadoutsProps {
  controller: FigureController;
  /** Also show λ and μ (chapter 2). */
  parameters?: boolean;
}

const FIELDS = ['step', 'loss', 'objective', 'mean', 'precision'] as const;
const PARAM_FIELDS = ['lambda1', 'lambda2', 'mu1', 'mu2'] as const;
/** For series that measure it (SeriesConfig.kl): KL(q ‖ p) and the objective gap τ·KL. */
const KL_FIELDS = ['kl', 'gap'] as const;
type Field = (typeof FIELDS)[number] | (typeof PARAM_FIELDS)[number] | (typeof KL_FIELDS)[number];

const vec = (a: number, b: number) => `(${fmt(a)}, ${fmt(b)})`;
const mat = (a: number, b: number, c: number) => `[[${fmt(a)}, ${fmt(b)}], [${fmt(b)}, ${fmt(c)}]]`;

export function Readouts({ controller, parameters = false }: ReadoutsProps) {
  const cells = useRef<Record<string, HTMLOutputElement | null>>({});
  const fields: Field[] = parameters ? [...FIELDS, ...PARAM_FIELDS] : [...FIELDS];
  const fieldsOf = (kl: boolean | undefined): Field[] => (kl ? [...fields, ...KL_FIELDS] : fields);

  useEffect(() => {
    const scratch = new Float64Array(5);
    // Each series' temperature τ (for the gap τ·KL), from its spec for the current settings.
    let tauFor: unknown = null;
    let taus: number[] = [];
    const update = () => {
      const shown = Math.floor(controller.shown);
      const { settings } = controller.store.getState();
      if (tauFor !== settings) {
        tauFor = settings;
        taus = controller.series.map((s) => (s.kl ? (s.spec(settings).temperature ?? 1) : 1));
      }
      controller.logs.forEach((log, i) => {
        const key = controller.series[i].key;
        const withKl = controller.series[i].kl;
        const set = (field: Field, text: string) => {
          const el = cells.current[`${key}:${field}`];
          if (el && el.textContent !== text) el.textContent = text;
        };
        if (!log.count) {
          for (const f of fieldsOf(withKl)) set(f, '—');
          return;
        }
        const k = Math.min(shown, log.count - 1);
        const o = k * log.stride;
        const d = log.data;
        set('step', String(d[o + F.step]));
        set('loss', fmt(d[o + F.loss], 4));
        set('objective', fmt(d[o + F.objective], 4));
        set('mean', vec(d[o + F.mx], d[o + F.my]));
        set('precision', mat(d[o + F.sa], d[o + F.sb], d[o + F.sc]));
        if (withKl) {
          const kl = klAt(log.kl, log.count, k);
          set('kl', formatKl(kl));
          set('gap', formatGap(kl, taus[i]));
        }
        if (parameters) {
          gaussianNaturalFromMoments(d[o + F.mx], d[o + F.my], d[o + F.sa], d[o + F.sb], d[o + F.sc], scratch);
          set('lambda1', vec(scratch[0], scratch[1]));
          set('lambda2', mat(scratch[2], scratch[3], scratch[4]));
          gaussianExpectationFromMoments(d[o + F.mx], d[o + F.my], d[o + F.ca], d[o + F.cb], d[o + F.cc], scratch);
          set('mu1', vec(scratch[0], scratch[1]));
          set('mu2', mat(scratch[2], scratch[3], scratch[4]));
        }
      });
    };
    update();
    return controller.subscribeFrames(update);
  }, [controller, parameters]); // fieldsOf follows `parameters`; the settings are read from the store per frame

  const labels: Record<Field, string> = {
    step: 'step',
    loss: 'ℓ̄(m)',
    objective: 'E[ℓ̄] − τH',
    mean: 'mean m',
    precision: 'precision S',
    lambda1: 'λ₁ = Sm',
    lambda2: 'Λ₂ = −S/2',
    mu1: 'μ₁ = m',
    mu2: 'M₂ = Σ + mmᵀ',
    kl: 'KL(q ‖ p)',
    gap: 'objective gap τ·KL',
  };
  return (
    <div className="readouts">
      {controller.series.map((s) => (
        <section key={s.key} className="readout-series" style={{ color: s.color }} aria-label={`Readouts for ${s.label}`}>
          <h4 className="readout-title">
            <span className="swatch" aria-hidden="true" /> {s.label}
          </h4>
          <dl>
            {fieldsOf(s.kl).map((f) => (
              <div key={f} className={`readout readout-${f}`}>
                <dt>{labels[f]}</dt>
                <dd>
                  <output data-readout={f} data-series={s.key} aria-live="off" ref={(el) => void (cells.current[`${s.key}:${f}`] = el)}>
                    —
                  </output>
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <PosteriorReadouts controller={controller} />
    </div>
  );
}
