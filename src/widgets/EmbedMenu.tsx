/**
 * The "Embed" action of a figure (issue 6): a disclosure with the figure's two one-line embed
 * snippets — an `<iframe>` of the embed page and the `<blr-figure>` custom element — each in a
 * read-only field (always visible, so a reader can select it by hand when the clipboard is not
 * available) with a Copy button. The state is the figure's current settings as mirrored in the
 * page address. See docs/EMBEDDING.md.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { bookBase, elementSnippet, iframeSnippet, stateFromQuery } from './embed-snippets';
import './embed-menu.css';
import type { FigureController } from './controller';

export interface EmbedMenuProps {
  id: string;
  controller: FigureController;
}

type Form = 'iframe' | 'element';
const FORM_LABEL: Record<Form, string> = { iframe: 'iframe', element: 'script and element' };

export function EmbedMenu({ id, controller }: EmbedMenuProps) {
  const [open, setOpen] = useState(false);
  const [snippets, setSnippets] = useState<Record<Form, string>>({ iframe: '', element: '' });
  const [status, setStatus] = useState('');
  const panelId = useId();
  const fields = useRef<Partial<Record<Form, HTMLTextAreaElement | null>>>({});

  // The snippets follow the figure's settings while the panel is open (the page address is
  // updated shortly after each change, so it is read again a moment later).
  useEffect(() => {
    if (!open) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      const base = bookBase(location.href);
      const state = stateFromQuery(id, new URLSearchParams(location.search));
      setSnippets({ iframe: iframeSnippet(base, id, state, `BLR Explorable: ${id}`), element: elementSnippet(base, id, state) });
    };
    refresh();
    const unsubscribe = controller.store.subscribe((s, prev) => {
      if (s.settings === prev.settings) return;
      clearTimeout(timer);
      timer = setTimeout(refresh, 300);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [open, id, controller]);

  useEffect(() => {
    if (!status) return;
    const t = setTimeout(() => setStatus(''), 4000);
    return () => clearTimeout(t);
  }, [status]);

  const copy = async (form: Form) => {
    const field = fields.current[form];
    const text = snippets[form];
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      setStatus(`Copied the ${FORM_LABEL[form]} snippet.`);
    } catch {
      // Clipboard blocked (permissions, insecure origin, old browser): select the text instead.
      field?.focus();
      field?.select();
      setStatus('Copying is not allowed here: the snippet is selected, press Ctrl+C (⌘C) to copy it.');
    }
  };

  return (
    <div className="embed-menu" data-embed-menu={id}>
      <button type="button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)}>
        Embed
      </button>
      <div className="embed-panel" id={panelId} hidden={!open} role="group" aria-label="Embed this figure in another page">
        {(['iframe', 'element'] as const).map((form) => (
          <div className="embed-form" key={form}>
            <label htmlFor={`${panelId}-${form}`}>{form === 'iframe' ? 'As an iframe' : 'As a script and element (no iframe)'}</label>
            <textarea
              id={`${panelId}-${form}`}
              data-embed-snippet={form}
              readOnly
              rows={3}
              spellCheck={false}
              value={snippets[form]}
              ref={(el) => void (fields.current[form] = el)}
              onFocus={(e) => e.currentTarget.select()}
            />
            <button type="button" data-embed-copy={form} onClick={() => void copy(form)}>
              Copy {FORM_LABEL[form]}
            </button>
          </div>
        ))}
        <p className="embed-hint">
          Paste either line into a page of your course; the second needs no iframe and keeps the host page’s styles out.
        </p>
      </div>
      <p className="embed-status" role="status">
        {status}
      </p>
    </div>
  );
}
