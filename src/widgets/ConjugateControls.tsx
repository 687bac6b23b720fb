/**
 * What the two conjugate figures (ConjugatePlot.tsx, CoinPlot.tsx) share: the toggle between
 * all the data at once and one example per step. (Their frame helpers are frames.ts's.)
 */
import { useId } from 'react';
import { useStore } from 'zustand';
import { lockedProps, useClassroom } from './classroom';
import type { FigureController } from './controller';

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
            {...lockedProps(locked)}
          />{' '}
          {label}
        </label>
      ))}
      {hint && <p className="control-hint">{hint}</p>}
    </fieldset>
  );
}
