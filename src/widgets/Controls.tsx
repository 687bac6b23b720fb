/**
 * The controls of a figure: playback (play/pause, step, reset, speed) and the settings the
 * figure exposes. Every control is a native form element with a visible label. A classroom link
 * (`ID.hide=…`, `ID.lock=…`, see classroom.ts) leaves chosen controls out or disables them; the
 * "Classroom link" helper at the end builds such a link.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { EXPR_FUNCTIONS, MAX_EXPR_LENGTH } from '../engine/spec';
import { classroomLink, lockedProps, lockedWrapper, useClassroom } from './classroom';
import type { FigureController } from './controller';
import {
  CLASSROOM_LABELS, CLASSROOM_NAMES, controlRange, SETTING_NAMES, SETTINGS, settingRow, SPEEDS,
  type Classroom, type ClassroomName, type FigureSettings, type Range, type SettingName, type SettingsOfKind,
} from './settings';

export interface ControlsProps {
  controller: FigureController;
  show: readonly SettingName[];
}

function LockMark({ locked }: { locked: boolean }) {
  return locked ? (
    <span className="locked-mark" aria-hidden="true" style={{ fontWeight: 400, fontSize: '0.85em', color: 'var(--muted)', marginLeft: '0.4em' }}>
      (locked)
    </span>
  ) : null;
}

export function PlaybackControls({ controller }: { controller: FigureController }) {
  const playing = useStore(controller.store, (s) => s.playing);
  const speed = useStore(controller.store, (s) => s.settings.speed);
  const speedId = useId();
  const room = useClassroom(controller.id);
  if (room.isHidden('playback')) return null;
  const locked = lockedProps(room.isLocked('playback'));
  const speedLocked = room.isLocked('speed');
  return (
    <div className="playback" role="toolbar" aria-label="Playback" data-locked={room.isLocked('playback') ? '' : undefined}>
      <button type="button" className="primary" onClick={controller.toggle} aria-keyshortcuts="k" {...locked}>
        {playing ? 'Pause' : 'Play'}
      </button>
      <button type="button" onClick={controller.step} aria-keyshortcuts="." {...locked}>
        Step
      </button>
      <button type="button" onClick={controller.reset} aria-keyshortcuts="r" {...locked}>
        Reset
      </button>
      {!room.isHidden('speed') && (
        <span className="control inline" {...lockedWrapper(speedLocked)}>
          <label htmlFor={speedId}>{SETTINGS.speed.label}</label>
          <LockMark locked={speedLocked} />
          <select
            id={speedId}
            data-setting="speed"
            value={String(speed)}
            onChange={(e) => controller.setSpeed(Number(e.target.value))}
            {...lockedProps(speedLocked)}
          >
            {(SPEEDS.includes(speed as (typeof SPEEDS)[number]) ? SPEEDS : [...SPEEDS, speed].sort((a, b) => a - b)).map((s) => (
              <option key={s} value={String(s)}>
                {s} {SETTINGS.speed.unit}
              </option>
            ))}
          </select>
        </span>
      )}
    </div>
  );
}

/** A number control as the settings table declares it: the slider's range, the typed field's, a log scale. */
interface NumberSpec {
  label: string;
  slider: Range;
  typed: Range;
  log: boolean;
  integer: boolean;
}

function numberSpec(name: SettingName): NumberSpec {
  const row = settingRow(name);
  const { slider, typed } = controlRange(name);
  return { label: row.label, slider, typed, log: !!row.log, integer: !!row.range?.integer };
}

function NumberControl({ controller, name, spec, locked }: { controller: FigureController; name: SettingName; spec: NumberSpec; locked: boolean }) {
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
    const { min, max } = spec.typed;
    if (text.trim() === '' || !Number.isFinite(v) || v < min || v > max || (spec.integer && !Number.isInteger(v))) {
      setInvalid(`Enter ${spec.integer ? 'a whole number' : 'a number'} from ${min} to ${max}.`);
      return;
    }
    setInvalid(null);
    if (v !== value) controller.update({ [name]: v } as Partial<FigureSettings>);
  };
  return (
    <div className="control" {...lockedWrapper(locked)}>
      <label htmlFor={id}>
        {spec.label}
        <LockMark locked={locked} />
      </label>
      <div className="control-row">
        <input
          {...lockedProps(locked)}
          type="range"
          aria-label={`${spec.label} slider${spec.log ? ' (log scale)' : ''}`}
          min={toSlider(spec.slider.min)}
          max={toSlider(spec.slider.max)}
          step={settingRow(name).step ?? (spec.log ? 0.01 : 1)}
          value={toSlider(value)}
          onChange={(e) => controller.update({ [name]: fromSlider(Number(e.target.value)) } as Partial<FigureSettings>)}
        />
        <input
          {...lockedProps(locked)}
          id={id}
          type="number"
          inputMode="decimal"
          data-setting={name}
          min={spec.typed.min}
          max={spec.typed.max}
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

/** A labelled menu for one of the settings whose values are a fixed list (its options and hint from the table). */
function SelectControl({ controller, name, locked }: { controller: FigureController; name: SettingsOfKind<'select'>; locked: boolean }) {
  const row = SETTINGS[name] as { label: string; options: readonly { value: string; label: string }[]; hint?: (v: string) => string };
  const value = useStore(controller.store, (s) => s.settings[name]);
  const id = useId();
  return (
    <div className="control" {...lockedWrapper(locked)}>
      <label htmlFor={id}>
        {row.label}
        <LockMark locked={locked} />
      </label>
      <select
        {...lockedProps(locked)}
        id={id}
        data-setting={name}
        value={value}
        onChange={(e) => controller.update({ [name]: e.target.value } as Partial<FigureSettings>)}
      >
        {row.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {row.hint && <p className="control-hint">{row.hint(value)}</p>}
    </div>
  );
}

function CheckboxControl({ controller, name, locked }: { controller: FigureController; name: SettingsOfKind<'checkbox'>; locked: boolean }) {
  const checked = useStore(controller.store, (s) => s.settings[name]);
  const id = useId();
  return (
    <div className="control checkbox" {...lockedWrapper(locked)}>
      <input
        {...lockedProps(locked)}
        id={id}
        type="checkbox"
        data-setting={name}
        checked={checked}
        onChange={(e) => controller.update({ [name]: e.target.checked })}
      />
      <label htmlFor={id}>
        {SETTINGS[name].label}
        <LockMark locked={locked} />
      </label>
    </div>
  );
}

/** The formula field: checked in the worker as the reader types; the last good formula stays. */
function FormulaControl({ controller, locked }: { controller: FigureController; locked: boolean }) {
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
    <div className="control formula" {...lockedWrapper(locked)}>
      <label htmlFor={id}>
        {SETTINGS.expr.label}
        <LockMark locked={locked} />
      </label>
      <input
        {...lockedProps(locked)}
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
  const room = useClassroom(controller.id);
  if (room.hide.includes('controls')) return null;
  const has = (name: SettingName) => show.includes(name) && !room.isHidden(name as ClassroomName);
  const locked = (name: SettingName) => room.isLocked(name as ClassroomName);
  return (
    <div className="controls">
      {/* The menus and the formula in table order, then the numbers in the figure's order, then the checkboxes. */}
      {SETTING_NAMES.map((name) => {
        if (!has(name)) return null;
        const kind = SETTINGS[name].control;
        if (kind === 'select') return <SelectControl key={name} controller={controller} name={name as SettingsOfKind<'select'>} locked={locked(name)} />;
        if (kind === 'formula') return <FormulaControl key={name} controller={controller} locked={locked(name)} />;
        return null;
      })}
      {show.map((name) =>
        SETTINGS[name].control === 'number' && has(name) ? <NumberControl key={name} controller={controller} name={name} spec={numberSpec(name)} locked={locked(name)} /> : null,
      )}
      {SETTING_NAMES.map(
        (name) => SETTINGS[name].control === 'checkbox' && has(name) && <CheckboxControl key={name} controller={controller} name={name as SettingsOfKind<'checkbox'>} locked={locked(name)} />,
      )}
      {/* A class that opened a classroom link (or a demo) does not get the tool to undo it. */}
      {room.fromAddress && !room.hide.length && !room.lock.length && <ClassroomHelper controller={controller} show={show} />}
    </div>
  );
}

/**
 * "Classroom link": ticks for hiding or locking each control, and the page's address with them
 * as `ID.hide` / `ID.lock` (the figure's current settings included). It changes nothing on
 * this page; the link opens the figure as the class should see it.
 */
function ClassroomHelper({ controller, show }: { controller: FigureController; show: readonly SettingName[] }) {
  const id = controller.id;
  const fieldId = useId();
  const [room, setRoom] = useState<Classroom>({ hide: [], lock: [] });
  const [href, setHref] = useState('');
  const [copied, setCopied] = useState('');
  const field = useRef<HTMLInputElement>(null);
  // The figure writes its settings to the address 150 ms after a change; follow it.
  useEffect(() => {
    setHref(location.href);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = controller.store.subscribe((state, prev) => {
      if (state.settings === prev.settings) return;
      clearTimeout(timer);
      timer = setTimeout(() => setHref(location.href), 250);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [controller]);
  useEffect(() => setCopied(''), [room, href]);
  const link = href ? classroomLink(href, id, room) : '';
  // The figure's own controls, then those every figure has (the speed menu, playback, the column).
  const everyFigure = (n: ClassroomName) => !Object.hasOwn(SETTINGS, n) || SETTINGS[n as SettingName].control === 'speed';
  const rows = [...CLASSROOM_NAMES.filter((n) => !everyFigure(n) && show.includes(n as SettingName)), ...CLASSROOM_NAMES.filter(everyFigure)];
  const toggle = (list: keyof Classroom, name: ClassroomName, on: boolean) =>
    setRoom((r) => {
      const next = { ...r, [list]: on ? [...r[list], name] : r[list].filter((n) => n !== name) };
      // A hidden control cannot also be locked.
      return list === 'hide' && on ? { ...next, lock: next.lock.filter((n) => n !== name) } : next;
    });
  const copy = async () => {
    const text = classroomLink(location.href, id, room);
    setHref(location.href);
    try {
      await navigator.clipboard.writeText(text);
      setCopied('Copied.');
    } catch {
      field.current?.select();
      setCopied('Selected: press Ctrl+C (⌘C on a Mac) to copy.');
    }
  };
  return (
    <details className="classroom-helper" data-classroom-helper style={{ marginTop: '0.5rem' }} onToggle={() => setHref(location.href)}>
      <summary style={{ cursor: 'pointer', fontWeight: 600 }}>Classroom link</summary>
      <p className="control-hint">A link to this page that opens this figure with the controls you tick hidden or locked (disabled).</p>
      <table style={{ borderCollapse: 'collapse', margin: '0.4rem 0' }}>
        <thead>
          <tr>
            <th scope="col" style={{ textAlign: 'left', paddingRight: '0.75rem' }}>
              Control
            </th>
            <th scope="col">Hide</th>
            <th scope="col">Lock</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((name) => (
            <tr key={name}>
              <th scope="row" style={{ textAlign: 'left', fontWeight: 400, paddingRight: '0.75rem' }}>
                {CLASSROOM_LABELS[name]}
              </th>
              {(['hide', 'lock'] as const).map((kind) => (
                <td key={kind} style={{ textAlign: 'center' }}>
                  <input
                    type="checkbox"
                    aria-label={`${kind === 'hide' ? 'Hide' : 'Lock'} ${CLASSROOM_LABELS[name]}`}
                    {...{ [`data-classroom-${kind}`]: name }}
                    checked={room[kind].includes(name)}
                    // A hidden control cannot also be locked.
                    disabled={kind === 'lock' && room.hide.includes(name)}
                    onChange={(e) => toggle(kind, name, e.target.checked)}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <label htmlFor={fieldId} style={{ display: 'block', fontWeight: 600 }}>
        Link for the class
      </label>
      <div className="control-row">
        <input
          ref={field}
          id={fieldId}
          type="text"
          readOnly
          data-classroom-link
          value={link}
          onFocus={(e) => e.target.select()}
          style={{ flex: 1, minWidth: 0, fontFamily: 'var(--mono)', fontSize: '0.8rem' }}
        />
        <button type="button" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      <p className="control-hint" role="status">
        {copied}
      </p>
    </details>
  );
}
