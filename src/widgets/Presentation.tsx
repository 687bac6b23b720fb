/**
 * Presentation mode for one figure: the figure goes full screen (Fullscreen API on its root;
 * where that is missing or refused, a fixed overlay that covers the viewport) with large type,
 * thick lines, high-contrast colours and big controls (presentation.css). Also the figure's
 * small toolbar ("Present", "Keys ?") and the help dialog that lists every key of keys.ts.
 */
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { KEY_BINDINGS } from './keys';
import './presentation.css';

/** How the figure is presented: not at all, through the Fullscreen API, or as an overlay. */
export type PresentMode = null | 'fullscreen' | 'overlay';

/** The class of the fallback overlay (on the figure root; `html` gets `blr-presenting`). */
export const OVERLAY_CLASS = 'presenting-overlay';

export interface Presentation {
  mode: PresentMode;
  enter(): void;
  /** Leaves presentation mode; false when the figure was not presented. */
  leave(): boolean;
  toggle(): void;
}

/** Presentation mode of the element in `root`. */
export function usePresentation(root: RefObject<HTMLElement | null>): Presentation {
  const [mode, setMode] = useState<PresentMode>(null);
  const modeRef = useRef<PresentMode>(null);
  modeRef.current = mode;

  // The browser leaves full screen on its own (Esc, F11, a tab switch): follow it.
  useEffect(() => {
    const onChange = () => {
      const el = root.current;
      if (el && document.fullscreenElement === el) setMode('fullscreen');
      else if (modeRef.current === 'fullscreen') setMode(null);
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, [root]);

  // The overlay: no page scrolling behind it, and Esc leaves it wherever focus is.
  useEffect(() => {
    if (mode !== 'overlay') return;
    const html = document.documentElement;
    html.classList.add('blr-presenting');
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      if (root.current?.contains(e.target as Node)) return; // the figure's own handler has it
      setMode(null);
    };
    document.addEventListener('keydown', onKey);
    return () => {
      html.classList.remove('blr-presenting');
      document.removeEventListener('keydown', onKey);
    };
  }, [mode, root]);

  // Unmounting while full screen leaves full screen.
  useEffect(() => {
    const el = root.current;
    return () => {
      if (el && document.fullscreenElement === el) void document.exitFullscreen?.().catch(() => {});
    };
  }, [root]);

  const enter = useCallback(() => {
    const el = root.current;
    if (!el || modeRef.current) return;
    const focusIn = () => {
      if (!el.contains(document.activeElement)) el.focus({ preventScroll: true });
    };
    const overlay = () => {
      setMode('overlay');
      focusIn();
    };
    if (!document.fullscreenEnabled || typeof el.requestFullscreen !== 'function') {
      overlay();
      return;
    }
    // Optimistic: the class and styles apply at once; a refusal falls back to the overlay.
    setMode('fullscreen');
    el.requestFullscreen({ navigationUI: 'hide' }).then(focusIn, overlay);
  }, [root]);

  const leave = useCallback(() => {
    const el = root.current;
    const current = modeRef.current;
    if (!current) return false;
    setMode(null);
    if (el && document.fullscreenElement === el) void document.exitFullscreen().catch(() => {});
    return true;
  }, [root]);

  const toggle = useCallback(() => {
    if (modeRef.current) leave();
    else enter();
  }, [enter, leave]);

  return { mode, enter, leave, toggle };
}

/** The figure's toolbar: presentation mode and the keyboard help (with a visible hint). */
export function PresentToolbar({ presentation, onHelp, helpOpen }: { presentation: Presentation; onHelp: () => void; helpOpen: boolean }) {
  const on = presentation.mode !== null;
  return (
    <div className="figure-toolbar" role="toolbar" aria-label="Figure">
      <button type="button" className="keys-hint" onClick={onHelp} aria-haspopup="dialog" aria-expanded={helpOpen} aria-keyshortcuts="?" title="Keyboard shortcuts">
        Keys <kbd>?</kbd>
      </button>
      <button type="button" className="present-button" onClick={presentation.toggle} aria-pressed={on} aria-keyshortcuts="f" data-present>
        {on ? 'Leave presentation' : 'Present'}
      </button>
    </div>
  );
}

/**
 * The list of keys as a modal dialog inside the figure (so it shows in full screen too). Focus
 * moves into it and back to where it was; Esc, ? or the button closes it.
 */
export function KeyHelp({ onClose }: { onClose: () => void }) {
  const titleId = useId();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    closeRef.current?.focus({ preventScroll: true });
    return () => {
      if (previous?.isConnected) previous.focus({ preventScroll: true });
    };
  }, []);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape' || e.key === '?') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    } else if (e.key === 'Tab') {
      // The close button is the only stop: focus stays in the dialog.
      e.preventDefault();
      closeRef.current?.focus();
    }
  };
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a click beside the dialog closes it; Escape and its Close button do by keyboard
    // biome-ignore lint/a11y/useKeyWithClickEvents: as above
    <div className="key-help-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div className="key-help" role="dialog" aria-modal="true" aria-labelledby={titleId} onKeyDown={onKeyDown} data-key-help>
        <h2 id={titleId}>Keyboard shortcuts</h2>
        <p className="key-help-note">When this figure has focus (click it), in the page and in presentation mode:</p>
        <table>
          <tbody>
            {KEY_BINDINGS.map((b) => (
              <tr key={b.action} data-action={b.action}>
                <th scope="row">
                  {b.labels.map((l, i) => (
                    <span key={l}>
                      {i > 0 && ' or '}
                      <kbd>{l}</kbd>
                    </span>
                  ))}
                </th>
                <td>{b.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" ref={closeRef} onClick={onClose} className="primary">
          Close
        </button>
      </div>
    </div>
  );
}
