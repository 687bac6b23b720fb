/**
 * A figure's keyboard shortcuts as data: one table (keys → action → description) read both by
 * the figure's key handler and by the help overlay that lists every key. The keys work when the
 * figure (or something in it) has focus, in the page and in presentation mode.
 */

export type KeyAction = 'toggle' | 'step' | 'reset' | 'faster' | 'slower' | 'smallerStep' | 'largerStep' | 'present' | 'leave' | 'help';

export interface KeyBinding {
  /** `KeyboardEvent.key` values (letters in lower case: Shift and Caps Lock do not matter). */
  keys: readonly string[];
  /** How each key is shown in the help, in the order of `keys`. */
  labels: readonly string[];
  action: KeyAction;
  description: string;
}

export const KEY_BINDINGS: readonly KeyBinding[] = [
  { keys: [' ', 'k'], labels: ['Space', 'k'], action: 'toggle', description: 'Play or pause' },
  { keys: ['ArrowRight', '.'], labels: ['→', '.'], action: 'step', description: 'One step forward (pauses first)' },
  { keys: ['r'], labels: ['r'], action: 'reset', description: 'Reset the runs to their start' },
  { keys: ['+', '='], labels: ['+', '='], action: 'faster', description: 'Faster: the next animation speed' },
  { keys: ['-', '_'], labels: ['−', '_'], action: 'slower', description: 'Slower: the previous animation speed' },
  { keys: ['['], labels: ['['], action: 'smallerStep', description: 'Smaller step size ρ (÷ 1.25)' },
  { keys: [']'], labels: [']'], action: 'largerStep', description: 'Larger step size ρ (× 1.25)' },
  { keys: ['f'], labels: ['f'], action: 'present', description: 'Present full screen, or leave' },
  { keys: ['Escape'], labels: ['Esc'], action: 'leave', description: 'Leave presentation mode (or close this list)' },
  { keys: ['?'], labels: ['?'], action: 'help', description: 'Show or hide this list of keys' },
];

const BY_KEY = new Map<string, KeyAction>(KEY_BINDINGS.flatMap((b) => b.keys.map((k) => [k, b.action] as const)));

/** The action of a key press, or null (modifier chords other than Shift are never shortcuts). */
export function keyAction(e: { key: string; altKey?: boolean; ctrlKey?: boolean; metaKey?: boolean }): KeyAction | null {
  if (e.altKey || e.ctrlKey || e.metaKey) return null;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  return BY_KEY.get(key) ?? null;
}

/** The part of an element the handler looks at (a DOM Element satisfies it). */
export interface KeyTargetLike {
  tagName: string;
  closest(selector: string): unknown;
}

/**
 * Whether a key press from `target` belongs to that element rather than to the figure: typing
 * in fields and menus, a button's own Space/Enter, anything inside a dialog. Escape always
 * reaches the figure (to leave presentation mode from anywhere in it).
 */
export function ownedByTarget(target: KeyTargetLike, key: string): boolean {
  if (target.closest('[role="dialog"]')) return true;
  if (key === 'Escape') return false;
  if (target.closest('input, select, textarea, [contenteditable]:not([contenteditable="false"])')) return true;
  if (target.closest('button, a[href], summary')) return key === ' ' || key === 'Enter';
  // A focused scroll region (the ladder's equations) scrolls with the horizontal arrows.
  if (target.closest('[data-scroll-region]')) return key === 'ArrowLeft' || key === 'ArrowRight' || key === 'Home' || key === 'End';
  return false;
}

/** What the keys drive on a figure's controller (a subset of FigureController). */
export interface KeyController {
  toggle(): void;
  step(): void;
  reset(): void;
  nudgeSpeed(direction: 1 | -1): void;
  nudgeStepSize(direction: 1 | -1): boolean;
}

/** What the keys drive around the controller: presentation mode and the help overlay. */
export interface KeyUi {
  togglePresent(): void;
  /** Leaves presentation mode; false when there was nothing to leave. */
  leave(): boolean;
  toggleHelp(): void;
}

/** Runs an action; returns whether it did something (so the key's default can be prevented). */
export function runKeyAction(action: KeyAction, controller: KeyController, ui: KeyUi): boolean {
  switch (action) {
    case 'toggle':
      controller.toggle();
      return true;
    case 'step':
      controller.step();
      return true;
    case 'reset':
      controller.reset();
      return true;
    case 'faster':
      controller.nudgeSpeed(1);
      return true;
    case 'slower':
      controller.nudgeSpeed(-1);
      return true;
    case 'smallerStep':
      return controller.nudgeStepSize(-1);
    case 'largerStep':
      return controller.nudgeStepSize(1);
    case 'present':
      ui.togglePresent();
      return true;
    case 'leave':
      return ui.leave();
    case 'help':
      ui.toggleHelp();
      return true;
  }
}

/** `aria-keyshortcuts` for the figure (keys the attribute can name unambiguously). */
export const ARIA_KEYSHORTCUTS = KEY_BINDINGS.flatMap((b) => b.keys)
  .filter((k) => !['+', '=', '-', '_'].includes(k))
  .map((k) => (k === ' ' ? 'Space' : k))
  .join(' ');
