/**
 * The two embed forms of a figure as one-line snippets, the mapping between a page's query
 * string (`ID.name=value`) and the element's `state` attribute (`name=value`), and the one
 * message the embed page sends to its parent. Pure functions: shared by the Embed menu, the
 * embed page, the custom element and the unit tests.
 */

/** `type` of the height message posted by the embed page to `window.parent`. */
export const HEIGHT_MESSAGE = 'blr-explorable:height';

/** The only message the embed page sends: its content height in CSS pixels. */
export interface HeightMessage {
  type: typeof HEIGHT_MESSAGE;
  figure: string;
  height: number;
}

/** Element and script names of the library build (dist/embed/blr-figure.js). */
export const ELEMENT_NAME = 'blr-figure';
export const ELEMENT_SCRIPT = 'embed/blr-figure.js';

export function heightMessage(figure: string, height: number): HeightMessage {
  return { type: HEIGHT_MESSAGE, figure, height: Math.ceil(height) };
}

/** Whether `data` has exactly the height message's shape (what a host should check). */
export function isHeightMessage(data: unknown): data is HeightMessage {
  if (typeof data !== 'object' || data === null) return false;
  const m = data as Record<string, unknown>;
  return (
    Object.keys(m).length === 3 &&
    m.type === HEIGHT_MESSAGE &&
    typeof m.figure === 'string' &&
    typeof m.height === 'number' &&
    Number.isFinite(m.height) &&
    m.height >= 0 &&
    m.height <= 100_000
  );
}

/** The figure's `ID.name` parameters of a query string, as `name=value` (the element's `state`). */
export function stateFromQuery(id: string, query: URLSearchParams): string {
  const out = new URLSearchParams();
  for (const [key, value] of query) if (key.startsWith(`${id}.`)) out.append(key.slice(id.length + 1), value);
  return out.toString();
}

/**
 * The element's `state` attribute (`tau=0.3&rho=0.2`, a leading `?` allowed) as the query the
 * figure reads (`wall.tau=0.3&wall.rho=0.2`). Keys that already carry a prefix are ignored.
 */
export function queryFromState(id: string, state: string | null): URLSearchParams {
  const out = new URLSearchParams();
  if (!state) return out;
  for (const [key, value] of new URLSearchParams(state.trim().replace(/^\?/, ''))) {
    if (key && !key.includes('.')) out.append(`${id}.${key}`, value);
  }
  return out;
}

/** The book's base URL (the folder of its index.html) from a page address of the book. */
export function bookBase(href: string): string {
  const u = new URL('./', href);
  u.search = '';
  u.hash = '';
  return u.href;
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** `<iframe>` snippet: the embed page with the figure's state, the height a first guess. */
export function iframeSnippet(base: string, id: string, state: string, title: string): string {
  const query = new URLSearchParams({ embed: id });
  for (const [k, v] of queryFromState(id, state)) query.append(k, v);
  const src = `${base}?${query.toString()}`;
  return `<iframe src="${escapeAttr(src)}" title="${escapeAttr(title)}" width="100%" height="760" style="border:0" loading="lazy"></iframe>`;
}

/** `<script type="module">` + `<blr-figure>` snippet. */
export function elementSnippet(base: string, id: string, state: string): string {
  const attrs = `figure="${escapeAttr(id)}"${state ? ` state="${escapeAttr(state)}"` : ''}`;
  return `<script type="module" src="${escapeAttr(base + ELEMENT_SCRIPT)}"></script><${ELEMENT_NAME} ${attrs}></${ELEMENT_NAME}>`;
}
