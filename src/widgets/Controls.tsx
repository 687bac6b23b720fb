/**
 * The controls of a figure: playback (play/pause, step, reset, speed) and the settings the
 * figure exposes. Every control is a native form element with a visible label.
 */
import { useEffect, useId, useState } from 'react';
import { useStore } from 'zustand';
import { ALGORITHM_NAMES, PRESETS } from '../engine/presets';
import { EXPR_FUNCTIONS, MAX_EXPR_LENGTH, MAX_SAMPLES } from '../engine/spec';
import type { FigureController } from './controller';
import { PLAYGROUND_LOSSES, SPEEDS, type FigureSettings, type SettingName } from './settings';

export interface ControlsProps {
  controller: FigureController;
  show: readonly SettingName[];
}

const LOSS_LABELS: Record<(typeof PLAYGROUND_LOSSES)[number], string> = {
  quadratic: 'Quadratic',
  rosenbrock: 'Rosenbrock',
  wall: 'Wall',
  'flat-sharp': 'Flat versus sharp',
  expr: 'Your own formula',
};

export function PlaybackControls({ controller }: { controller: FigureController }) {
  const playing = useStore(controller.store, (s) => s.playing);
  const speed = useStore(controller.store, (s) => s.settings.speed);
  const speedId = useId();
  return (
    <div className="playback" role="toolbar" aria-label="Playback">
      <button type="button" className="primary" onClick={controller.toggle} aria-keyshortcuts="k">
        {playing ? 'Pause' : 'Play'}
      </button>
      <button type="button" onClick={controller.step} aria-keyshortcuts=".">
        Step
      </button>
      <button type="button" onClick={controller.reset} aria-keyshortcuts="r">
        Reset
      </button>
      <span className="control inline">
        <label htmlFor={speedId}>Speed</label>
        <select id={speedId} data-setting="speed" value={String(speed)} onChange={(e) => controller.setSpeed(Number(e.target.value))}>
          {(SPEEDS.includes(speed as (typeof SPEEDS)[number]) ? SPEEDS : [...SPEEDS, speed].sort((a, b) => a - b)).map((s) => (
            <option key={s} value={String(s)}>
              {s} steps/s
            </option>
          ))}
        </select>
      </span>
    </div>
  );
}

interface NumberSpec {
  label: string;
  min: number;
  max: number;
  /** Slider on a log scale (for ρ and τ). */
  log?: boolean;
  integer?: boolean;
  hint?: string;
}

const NUMBER_SPECS: Partial<Record<SettingName, NumberSpec>> = {
  rho: { label: 'ρ, step size', min: 0.001, max: 1, log: true },
  rhoGd: { label: 'ρ for gradient descent', min: 0.001, max: 1, log: true },
  tau: { label: 'τ, temperature', min: 0.001, max: 10, log: true },
  samples: { label: 'Monte Carlo samples', min: 1, max: MAX_SAMPLES, integer: true, log: true },
  seed: { label: 'Random seed', min: 0, max: 99999, integer: true },
};

function NumberControl({ controller, name, spec }: { controller: FigureController; name: SettingName; spec: NumberSpec }) {
  const value = useStore(controller.store, (s) => s.settings[name] as number);
  const id = useId();
  const [draft, setDraft] = useState(String(value));
  const [invalid, setInvalid] = useState<string | null>(null);
  useEffect(() => {
    setDraft(String(value));
    setInvalid(null);
  }, [value]);
  const toSlider = (v: number) => (spec.log ? Math.log10(v) : v);
  const fromSlider = (s: number) => {
    const v = spec.log ? 10 ** s : s;
    return spec.integer ? Math.round(v) : Number(v.toPrecision(3));
  };
  const commit = (text: string) => {
    const v = Number(text);
    if (text.trim() === '' || !Number.isFinite(v) || v < spec.min || v > spec.max || (spec.integer && !Number.isInteger(v))) {
      setInvalid(`Enter ${spec.integer ? 'a whole number' : 'a number'} from ${spec.min} to ${spec.max}.`);
      return;
    }
    setInvalid(null);
    if (v !== value) controller.update({ [name]: v } as Partial<FigureSettings>);
  };
  return (
    <div className="control">
      <label htmlFor={id}>{spec.label}</label>
      <div className="control-row">
        <input
          type="range"
          aria-label={`${spec.label} slider${spec.log ? ' (log scale)' : ''}`}
          min={toSlider(spec.min)}
          max={toSlider(spec.max)}
          step={spec.log ? 0.01 : 1}
          value={toSlider(value)}
          onChange={(e) => controller.update({ [name]: fromSlider(Number(e.target.value)) } as Partial<FigureSettings>)}
        />
        <input
          id={id}
          type="number"
          inputMode="decimal"
          data-setting={name}
          min={spec.min}
          max={spec.max}
          step="any"
          value={draft}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={invalid ? `${id}-err` : undefined}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={(e) => commit(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && commit((e.target as HTMLInputElement).value)}
        />
      </div>
      {invalid && (
        <div id={`${id}-err`} className="field-error" role="status">
          {invalid}
        </div>
      )}
    </div>
  );
}

/** A labelled menu for one of the settings whose values are a fixed list. */
function SelectControl<K extends 'alg' | 'loss'>(props: {
  controller: FigureController;
  name: K;
  label: string;
  options: readonly FigureSettings[K][];
  optionLabel: (v: FigureSettings[K]) => string;
  hint?: (v: FigureSettings[K]) => string;
}) {
  const { controller, name, label, options, optionLabel, hint } = props;
  const value = useStore(controller.store, (s) => s.settings[name]);
  const id = useId();
  return (
    <div className="control">
      <label htmlFor={id}>{label}</label>
      <select id={id} data-setting={name} value={value} onChange={(e) => controller.update({ [name]: e.target.value } as Partial<FigureSettings>)}>
        {options.map((o) => (
          <option key={o} value={o}>
            {optionLabel(o)}
          </option>
        ))}
      </select>
      {hint && <p className="control-hint">{hint(value)}</p>}
    </div>
  );
}

function ImprovedControl({ controller }: { controller: FigureController }) {
  const improved = useStore(controller.store, (s) => s.settings.improved);
  const id = useId();
  return (
    <div className="control checkbox">
      <input id={id} type="checkbox" data-setting="improved" checked={improved} onChange={(e) => controller.update({ improved: e.target.checked })} />
      <label htmlFor={id}>Improved update (keeps S positive definite)</label>
    </div>
  );
}

/** The formula field: checked in the worker as the reader types; the last good formula stays. */
function FormulaControl({ controller }: { controller: FigureController }) {
  const expr = useStore(controller.store, (s) => s.settings.expr);
  const loss = useStore(controller.store, (s) => s.settings.loss);
  const id = useId();
  const [draft, setDraft] = useState(expr);
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  useEffect(() => setDraft(expr), [expr]);
  useEffect(() => {
    if (draft === expr) {
      setError(null);
      return;
    }
    let live = true;
    setChecking(true);
    const timer = setTimeout(() => {
      controller
        .checkExpr(draft)
        .then((r) => {
          if (!live) return;
          setChecking(false);
          if (r.ok) {
            setError(null);
            controller.update({ expr: draft.trim(), loss: 'expr' });
          } else setError(r.message ?? 'This formula cannot be used.');
        })
        .catch((e: Error) => live && (setChecking(false), setError(e.message)));
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [draft, expr, controller]);
  if (loss !== 'expr') return null;
  return (
    <div className="control formula">
      <label htmlFor={id}>ℓ̄(x, y) =</label>
      <input
        id={id}
        type="text"
        data-setting="expr"
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        value={draft}
        maxLength={MAX_EXPR_LENGTH}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-msg`}
        onChange={(e) => setDraft(e.target.value)}
      />
      <div id={`${id}-msg`} className={error ? 'field-error' : 'control-hint'} role="status" data-formula-message>
        {error
          ? `${error} The plot keeps the last formula that worked.`
          : checking
            ? 'Checking…'
            : `Numbers, x, y, pi, e, + − * / ^ and ${EXPR_FUNCTIONS.join(', ')}.`}
      </div>
    </div>
  );
}

export function Controls({ controller, show }: ControlsProps) {
  return (
    <div className="controls">
      {show.includes('loss') && (
        <SelectControl controller={controller} name="loss" label="Loss" options={PLAYGROUND_LOSSES} optionLabel={(l) => LOSS_LABELS[l]} />
      )}
      {show.includes('expr') && <FormulaControl controller={controller} />}
      {show.includes('alg') && (
        <SelectControl
          controller={controller}
          name="alg"
          label="Algorithm"
          options={ALGORITHM_NAMES}
          optionLabel={(a) => PRESETS[a].title}
          hint={(a) => PRESETS[a].approximation}
        />
      )}
      {show.map((name) => {
        const spec = NUMBER_SPECS[name];
        return spec ? <NumberControl key={name} controller={controller} name={name} spec={spec} /> : null;
      })}
      {show.includes('improved') && <ImprovedControl controller={controller} />}
    </div>
  );
}
