/**
 * Full-text search of the book: the Pagefind index the build writes to `pagefind/` (from the
 * prerendered chapters), opened from the header's Search button or the `/` key. Each result is a
 * chapter with its best-matching sections (links to their anchors) and, where the match sits in
 * or next to a numbered equation, a link to that equation. The index is precached by the
 * service worker, so search works offline too.
 */
import { rootPrefix } from './route';

interface PagefindAnchor { element: string; id: string; text?: string; location: number }
interface PagefindSub { title: string; url: string; excerpt: string; locations: number[] }
interface PagefindData {
  url: string;
  meta: { title?: string };
  excerpt: string;
  sub_results?: PagefindSub[];
  anchors?: PagefindAnchor[];
}
interface Pagefind {
  options(o: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  debouncedSearch(term: string, opts?: unknown, ms?: number): Promise<{ results: { data(): Promise<PagefindData> }[] } | null>;
}

let pagefind: Promise<Pagefind> | null = null;
function loadPagefind(): Promise<Pagefind> {
  pagefind ??= (async () => {
    const root = new URL(rootPrefix(), location.href);
    const pf = (await import(/* @vite-ignore */ new URL('pagefind/pagefind.js', root).href)) as Pagefind;
    await pf.options({ baseUrl: root.pathname });
    await pf.init();
    return pf;
  })();
  pagefind.catch(() => (pagefind = null));
  return pagefind;
}

/** What a result lists: its sections, best first, each with the equation its match is nearest. */
export interface SearchHit {
  title: string;
  url: string;
  sections: { title: string; url: string; excerpt: string; equation?: { n: string; url: string } }[];
}

/** Orders a page's sections by their number of matches (ties in page order) and finds equations. */
export function toHit(d: PagefindData): SearchHit {
  const eqs = (d.anchors ?? []).filter((a) => a.id.startsWith('eq-'));
  const subs = [...(d.sub_results ?? [])].map((s, i) => ({ s, i })).sort((a, b) => b.s.locations.length - a.s.locations.length || a.i - b.i);
  return {
    title: d.meta.title ?? d.url,
    url: d.url,
    sections: subs.slice(0, 4).map(({ s }) => {
      const first = s.locations[0];
      // The equation block just before the first match (within a paragraph's worth of words).
      const eq = first === undefined ? undefined : eqs.filter((a) => a.location <= first && first - a.location < 60).pop();
      const base = s.url.split('#')[0];
      return { title: s.title, url: s.url, excerpt: s.excerpt, ...(eq ? { equation: { n: eq.id.slice(3), url: `${base}#${eq.id}` } } : {}) };
    }),
  };
}

let dialog: HTMLDialogElement | null = null;

function build(): HTMLDialogElement {
  const d = document.createElement('dialog');
  d.className = 'search-dialog';
  d.setAttribute('aria-label', 'Search the book');
  d.innerHTML = `<form method="dialog" class="search-form" role="search">
    <label for="search-input">Search the book</label>
    <div class="search-row"><input id="search-input" type="search" autocomplete="off" spellcheck="false" placeholder="e.g. Fisher information" />
    <button type="submit" value="close" aria-label="Close the search">Close</button></div>
  </form>
  <p class="search-status" role="status" aria-live="polite"></p>
  <ol class="search-results"></ol>`;
  document.body.append(d);
  const input = d.querySelector<HTMLInputElement>('input')!;
  const status = d.querySelector<HTMLElement>('.search-status')!;
  const list = d.querySelector<HTMLOListElement>('.search-results')!;
  let seq = 0;
  input.addEventListener('input', async () => {
    const term = input.value.trim();
    const mine = ++seq;
    if (!term) {
      list.replaceChildren();
      status.textContent = '';
      return;
    }
    status.textContent = 'Searching…';
    try {
      const pf = await loadPagefind();
      const res = await pf.debouncedSearch(term, {}, 150);
      if (!res || mine !== seq) return; // a newer search replaced this one
      const hits = (await Promise.all(res.results.slice(0, 8).map((r) => r.data()))).map(toHit);
      if (mine !== seq) return;
      render(list, hits);
      status.textContent = hits.length ? `${hits.length} chapter${hits.length === 1 ? '' : 's'} match “${term}”.` : `Nothing matches “${term}”.`;
    } catch (e) {
      if (mine === seq) status.textContent = `Search is not available (${(e as Error).message}).`;
    }
  });
  // Following a result to another part of the same page closes the dialog.
  list.addEventListener('click', (e) => {
    if ((e.target as HTMLElement).closest('a')) d.close();
  });
  return d;
}

function render(list: HTMLOListElement, hits: SearchHit[]) {
  list.replaceChildren(
    ...hits.map((h) => {
      const li = document.createElement('li');
      li.className = 'search-hit';
      const a = document.createElement('a');
      a.href = h.url;
      a.className = 'search-page';
      a.textContent = h.title;
      const ul = document.createElement('ul');
      for (const s of h.sections) {
        const item = document.createElement('li');
        const link = document.createElement('a');
        link.href = s.url;
        link.className = 'search-section';
        link.textContent = s.title;
        const p = document.createElement('p');
        p.className = 'search-excerpt';
        // Pagefind's excerpt: the page's own text, HTML-escaped, with <mark> around matches.
        p.innerHTML = s.excerpt;
        item.append(link);
        if (s.equation) {
          const eq = document.createElement('a');
          eq.href = s.equation.url;
          eq.className = 'search-equation';
          eq.textContent = `equation (${s.equation.n})`;
          item.append(' · ', eq);
        }
        item.append(p);
        ul.append(item);
      }
      li.append(a, ul);
      return li;
    }),
  );
}

export function openSearch() {
  dialog ??= build();
  if (!dialog.open) dialog.showModal();
  dialog.querySelector('input')?.focus();
  void loadPagefind().catch(() => {});
}

/** Wires the header's Search button and the `/` key. */
export function startSearch() {
  for (const b of document.querySelectorAll<HTMLButtonElement>('[data-search-open]')) b.addEventListener('click', openSearch);
  addEventListener('keydown', (e: KeyboardEvent) => {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    const t = e.target as HTMLElement | null;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    e.preventDefault();
    openSearch();
  });
}
