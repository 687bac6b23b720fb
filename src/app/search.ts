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
  content?: string;
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

const norm = (w: string) => w.toLowerCase().replace(/[’‘]/g, "'").replace(/[^\p{L}\p{N}']/gu, '');

/** How many of a section's matches start the whole phrase (`locations` are word positions in `content`). */
function phraseHits(words: string[], phrase: string[], locations: number[]): number {
  if (phrase.length < 2) return 0;
  const at = new Set<number>();
  // A location may point at any word of the phrase; look back to where the phrase would start.
  for (const l of locations) for (let k = 0; k < phrase.length; k++) if (phrase.every((p, i) => norm(words[l - k + i] ?? '') === p)) at.add(l - k);
  return at.size;
}

/**
 * A page's sections, best first — those holding the whole phrase, then by number of matches (ties
 * in page order) — each with the equation its first match is nearest. `score` ranks pages: the
 * number of times the page holds the whole phrase.
 */
export function toHit(d: PagefindData, term = ''): SearchHit & { score: number } {
  const phrase = term.split(/\s+/).map(norm).filter(Boolean);
  const words = (d.content ?? '').split(/\s+/).filter(Boolean);
  const eqs = (d.anchors ?? []).filter((a) => a.id.startsWith('eq-'));
  const subs = (d.sub_results ?? []).map((s, i) => ({ s, i, exact: phraseHits(words, phrase, s.locations) }));
  subs.sort((a, b) => b.exact - a.exact || b.s.locations.length - a.s.locations.length || a.i - b.i);
  return {
    title: d.meta.title ?? d.url,
    url: d.url,
    score: subs.reduce((n, x) => n + x.exact, 0),
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
      // Pagefind ranks by words; a page that holds the whole phrase comes first (stable sort).
      const hits = (await Promise.all(res.results.slice(0, 10).map((r) => r.data()))).map((d) => toHit(d, term));
      hits.sort((a, b) => b.score - a.score);
      if (mine !== seq) return;
      render(list, hits);
      status.textContent = hits.length ? `${hits.length} chapter${hits.length === 1 ? '' : 's'} match “${term}”.` : `Nothing matches “${term}”.`;
    } catch (e) {
      if (mine === seq) status.textContent = `Search is not available (${(e as Error).message}).`;
    }
  });
  // Escape closes the dialog at once (in a search field it would first only clear the text).
  d.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    d.close();
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
