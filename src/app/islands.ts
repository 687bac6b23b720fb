/**
 * The figures of a prerendered page as islands (see src/app/island-ssr.tsx for the markup). The
 * prose is never touched: each `.figure-island` is mounted on its own when it comes within
 * `NEAR` of the viewport, loading only its figure's module (and React with the first one). The
 * live figure is built hidden on top of the static picture and takes its place once it has
 * drawn its first frame at the picture's size, so nothing on the page moves.
 */
import type { ComponentType, ReactNode } from 'react';

/** How far ahead of the viewport a figure starts loading (and its engine worker starts): the
 * same margin as the live figure's own (Figure.tsx), which builds itself when it is this near. */
export const NEAR = '600px 0px';
/**
 * The longest the static picture waits for the live figure to reach its size (a figure whose
 * address changed its settings may never match it). A figure near but off screen may get its
 * first frame only when it comes into view, so this is generous.
 */
const SWAP_WAIT_MS = 8000;
const FRAME_WAIT_MS = 1500;

// One chunk per widget module: a chapter fetches only the modules its figures come from.
const MODULES = import.meta.glob<Record<string, unknown>>(['../widgets/*.tsx', '!../widgets/*.test.tsx']);

let runtime: Promise<{ createRoot: typeof import('react-dom/client').createRoot; createElement: typeof import('react').createElement }> | null = null;
function loadRuntime() {
  runtime ??= Promise.all([import('react'), import('react-dom/client')]).then(([react, dom]) => ({ createRoot: dom.createRoot, createElement: react.createElement }));
  return runtime;
}

/** The caption as it is in the page, for the live figure (its HTML is the build's own output). */
function captionNode(createElement: typeof import('react').createElement, island: HTMLElement): ReactNode {
  const caption = island.querySelector(':scope > figure > figcaption');
  return caption ? createElement('span', { className: 'figcaption-html', dangerouslySetInnerHTML: { __html: caption.innerHTML } }) : undefined;
}

async function mount(island: HTMLElement) {
  if (island.dataset.islandState) return;
  island.dataset.islandState = 'loading';
  const loader = MODULES[`../widgets/${island.dataset.module}.tsx`];
  const props = JSON.parse(island.dataset.props ?? '{}') as { id: string };
  try {
    if (!loader) throw new Error(`no widget module "${island.dataset.module}"`);
    const [{ createRoot, createElement }, mod] = await Promise.all([loadRuntime(), loader()]);
    const Component = mod[island.dataset.export ?? ''] as ComponentType<Record<string, unknown>> | undefined;
    if (!Component) throw new Error(`"${island.dataset.module}" has no figure "${island.dataset.export}"`);
    const staticFigure = island.querySelector<HTMLElement>(':scope > figure.figure-static');
    const live = document.createElement('div');
    live.className = 'island-live';
    // The live figure takes the anchor `#fig-ID` and `data-widget` from the placeholder.
    island.removeAttribute('id');
    if (staticFigure) {
      staticFigure.dataset.staticWidget = staticFigure.dataset.widget;
      staticFigure.removeAttribute('data-widget');
    }
    island.append(live);
    createRoot(live).render(createElement(Component, { ...props, caption: captionNode(createElement, island) }));
    island.dataset.islandState = 'building';
    await swapWhenReady(island, live, staticFigure, props.id);
  } catch (e) {
    island.dataset.islandState = 'failed';
    const note = document.createElement('p');
    note.className = 'notice';
    note.setAttribute('role', 'status');
    note.textContent = `This figure could not be loaded (${(e as Error).message}). Reload the page to try again.`;
    island.prepend(note);
  }
}

/**
 * Shows the live figure in place of the picture once it is built at the picture's height; at
 * once when it cannot match the picture (the address sets this figure, or it shows a notice);
 * FRAME_WAIT_MS after its first frame if the heights still differ; at the latest SWAP_WAIT_MS
 * after it was built (a figure near but off screen gets its first frame only in view).
 */
function swapWhenReady(island: HTMLElement, live: HTMLElement, staticFigure: HTMLElement | null, id: string): Promise<void> {
  const fromAddress = [...new URLSearchParams(location.search).keys()].some((k) => k.startsWith(`${id}.`));
  return new Promise((resolve) => {
    let builtAt = 0;
    let framedAt = 0;
    const check = (now: number) => {
      const figure = live.querySelector<HTMLElement>(':scope > figure');
      const built = !!figure?.querySelector('.figure-body');
      if (built && !builtAt) builtAt = now;
      if (built && !framedAt && Number(figure!.getAttribute('data-frames-received') ?? 0) > 0) framedAt = now;
      const sameSize = built && !!staticFigure && Math.abs(figure!.offsetHeight - staticFigure.offsetHeight) < 1;
      const differs = fromAddress || !!figure?.querySelector('[data-notice]');
      if (built && (sameSize || differs || !staticFigure || (framedAt && now - framedAt > FRAME_WAIT_MS) || now - builtAt > SWAP_WAIT_MS)) {
        staticFigure?.remove();
        island.dataset.islandState = 'live';
        resolve();
        return;
      }
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
}

/** Mounts every island of the page as it nears the viewport (at once for one in view or linked). */
export function startIslands(root: ParentNode = document) {
  const islands = [...root.querySelectorAll<HTMLElement>('.figure-island[data-island]')];
  if (!islands.length) return;
  if (typeof IntersectionObserver === 'undefined') {
    islands.forEach((i) => void mount(i));
    return;
  }
  const io = new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        if (!e.isIntersecting) continue;
        io.unobserve(e.target);
        void mount(e.target as HTMLElement);
      }
    },
    { rootMargin: NEAR },
  );
  islands.forEach((i) => io.observe(i));
}
