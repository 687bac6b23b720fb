/**
 * What the two conjugate figures (ConjugatePlot.tsx, CoinPlot.tsx) share: the toggle between
 * all the data at once and one example per step, and small helpers for the numbers they write
 * on frames.
 */
import { useId } from 'react';
import { useStore } from 'zustand';
import { useClassroom, LOCKED_DESCRIPTION } from './classroom';
import type { FigureController, FrameLog } from './controller';

/** The step shown (whole frames, as the readouts show it) of a log, or −1 before its first frame. */
export function shownFrame(controller: FigureController, log: FrameLog | undefined): number {
  if (!log || log.count === 0) return -1;
  return Math.min(Math.floor(controller.shown), log.count - 1);
}

/** Sets an element's text only when it changed (frames arrive many times a second). */
export function setText(el: Element | null | undefined, text: string) {
  if (el && el.textContent !== text) el.textContent = text;
}

/** KL(q ‖ p) for display: tiny negative round-off is 0. */
export function klText(kl: number | undefined): string {
  if (kl === undefined || !Number.isFinite(kl)) return '—';
  const v = Math.max(0, kl);
  return v < 5e-7 ? '0' : v >= 1e4 ? v.toExponential(2) : v < 1e-3 ? v.toExponential(1) : v.toFixed(4);
}

export interface ModeToggleProps {
  controller: FigureController;
  /** Labels of "all at once" and "one at a time". */
  labels: readonly [string, string];
  hint?: string;
}

/** Two radio buttons: all the data in one step, or one example per step (setting `online`). */
export function ModeToggle({ controller, labels, hint }: ModeToggleProps) {
  const online = useStore(controller.store, (s) => s.settings.online === true);
  const name = useId();
  const room = useClassroom(controller.id);
  if (room.isHidden('online')) return null;
  const locked = room.isLocked('online');
  const lockProps = locked ? { disabled: true, title: `Locked: ${LOCKED_DESCRIPTION}` } : {};
  return (
    <fieldset className="conj-mode" data-setting="online" data-locked={locked ? '' : undefined}>
      <legend>
        How the data arrive
        {locked && <span className="conj-locked"> (locked)</span>}
      </legend>
      {labels.map((label, i) => (
        <label key={label}>
          <input
            type="radio"
            name={name}
            value={i ? 'online' : 'batch'}
            checked={online === (i === 1)}
            onChange={() => controller.update({ online: i === 1 })}
            {...lockProps}
          />{' '}
          {label}
        </label>
      ))}
      {hint && <p className="control-hint">{hint}</p>}
    </fieldset>
  );
}
