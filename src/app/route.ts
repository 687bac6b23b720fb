/**
 * Addresses. Every page is a prerendered HTML file (scripts/build.mjs): the home page `./`, each
 * chapter at `SLUG/`, Table 1 at `table/` (`?open=ROW`), demo sequences at `demo/`
 * (`?demo=SEQUENCE&at=N`); one figure alone stays at `./?embed=ID`. All links are relative to the
 * book's folder (`rootPrefix()`), so the built book works from any sub-folder of a static host.
 * The older query-string routes (`?ch=SLUG`, `?table=1`, `?demo=…`) are redirected by
 * `legacyRedirect`, keeping figure state and `#…` anchors.
 */
let ssrRoot = './';

/** The prerender sets the path from the page it renders to the book's folder ('./' or '../'). */
export function setRootPrefix(prefix: string) {
  ssrRoot = prefix;
}

/** The relative path from the current page to the book's folder: './' on the home page, '../' on a chapter. */
export function rootPrefix(): string {
  if (typeof document !== 'undefined' && document.body?.dataset.root) return document.body.dataset.root;
  return ssrRoot;
}

/** The page kinds the build writes (`<body data-page=…>`). */
export type PageKind = 'home' | 'chapter' | 'table' | 'demo';

/**
 * Where an old query-string link goes now, or null when this page serves it itself:
 * `?ch=SLUG` → `SLUG/`, `?table=1` → `table/`, `?demo=…` → `demo/?demo=…`, and `?embed=ID`
 * on any page but the home page → `./?embed=ID`. Other parameters (figure state, `lecture=1`)
 * and the hash are kept. `root` is the relative path to the book's folder.
 */
export function legacyRedirect(page: PageKind, search: string, hash: string, root: string, slugs: readonly string[]): string | null {
  const q = new URLSearchParams(search);
  const rest = (drop: string[]) => {
    const out = new URLSearchParams(q);
    for (const d of drop) out.delete(d);
    const s = out.toString();
    return s ? `?${s}` : '';
  };
  if (q.get('embed')) return page === 'home' ? null : `${root}${search}${hash}`;
  if (q.get('demo') !== null) return page === 'demo' ? null : `${root}demo/${search}${hash}`;
  if (q.get('table') !== null) return `${root}table/${rest(['table'])}${hash}`;
  const ch = q.get('ch');
  if (ch && slugs.includes(ch)) return `${root}${encodeURIComponent(ch)}/${rest(['ch'])}${hash}`;
  return null;
}
export type Route =
  | { kind: 'home' }
  | { kind: 'chapter'; slug: string }
  | { kind: 'embed'; figure: string }
  /**
   * A demo sequence: `sequence` as written (see parseDemoSequence); `at` counts from 1. An `at`
   * that is not a whole number from 1 (`1e9`, `0`, `two`) is kept in `badAt` and `at` is 1; one
   * beyond the sequence is judged by the page, which knows its length (DemoPage).
   */
  | { kind: 'demo'; sequence: string; at: number; badAt?: string }
  /** The paper's Table 1 with live figures; `open` is the row whose figure is shown, if any. */
  | { kind: 'table'; open: string | null };

/** The route a query string names. */
export function parseRoute(search: string): Route {
  const q = new URLSearchParams(search);
  const embed = q.get('embed');
  if (embed) return { kind: 'embed', figure: embed };
  const demo = q.get('demo');
  if (demo !== null) {
    const at = q.get('at');
    if (at === null) return { kind: 'demo', sequence: demo, at: 1 };
    if (/^\d+$/.test(at) && Number(at) >= 1 && Number.isSafeInteger(Number(at))) return { kind: 'demo', sequence: demo, at: Number(at) };
    return { kind: 'demo', sequence: demo, at: 1, badAt: at };
  }
  if (q.get('table') !== null) return { kind: 'table', open: q.get('open') || null };
  const ch = q.get('ch');
  if (ch) return { kind: 'chapter', slug: ch };
  return { kind: 'home' };
}

/** Link to a chapter, keeping nothing of the current page's figure state. */
export function chapterHref(slug: string): string {
  return `${rootPrefix()}${encodeURIComponent(slug)}/`;
}

/** Link to the Table 1 page, optionally with one row's figure open. */
export function table1Href(open?: string): string {
  return `${rootPrefix()}table/${open ? `?open=${encodeURIComponent(open)}` : ''}`;
}

/** Whether lecture mode (large controls for projection) is on: `?lecture=1`. */
export function isLectureMode(search: string): boolean {
  return new URLSearchParams(search).get('lecture') === '1';
}

/** One demo of a sequence: a figure id and its preset state as `[name, value]` pairs. */
export interface DemoEntry {
  figure: string;
  /** Names without the `ID.` prefix: `tau`, `start`, `hide`, … (checked by the figure itself). */
  preset: [string, string][];
}

/**
 * Parses `?demo=`: demos separated by `,`; each is a figure id, optionally followed by its
 * preset state as `~name=value` parts (`name` or `ID.name`, the keys of the figure's own
 * `ID.name=value` parameters, including `hide` and `lock`):
 *
 *   wall,flatsharp~tau=0.2~hide=alg,rho,paths-quad~start=-2,1
 *
 * Values may contain commas (`start=-2,1`, `hide=alg,rho`): a comma starts a new demo only
 * where a figure id from `figureIds` follows (or where the previous demo has no preset). Values
 * cannot contain `~`. Unknown ids are kept, so the page can say so where that demo would be.
 */
export function parseDemoSequence(sequence: string, figureIds: readonly string[]): DemoEntry[] {
  const entries: DemoEntry[] = [];
  for (const piece of sequence.split(',')) {
    const [head, ...parts] = piece.split('~');
    const last = entries[entries.length - 1];
    if (last?.preset.length && !figureIds.includes(head.trim())) {
      // The continuation of the previous demo's last value, which contains a comma.
      const lastPair = last.preset[last.preset.length - 1];
      lastPair[1] += `,${head.trim()}`;
      addParts(last, parts);
      continue;
    }
    if (!head.trim() && !parts.length) continue; // "wall,,flatsharp" or a trailing comma
    const entry: DemoEntry = { figure: head.trim(), preset: [] };
    addParts(entry, parts);
    entries.push(entry);
  }
  return entries;
}

function addParts(entry: DemoEntry, parts: string[]) {
  for (const part of parts) {
    if (!part) continue;
    const eq = part.indexOf('=');
    let name = (eq < 0 ? part : part.slice(0, eq)).trim();
    if (name.startsWith(`${entry.figure}.`)) name = name.slice(entry.figure.length + 1);
    entry.preset.push([name, eq < 0 ? '' : part.slice(eq + 1).trim()]);
  }
}

/** Writes a sequence back in the syntax parseDemoSequence reads. */
export function formatDemoSequence(entries: readonly DemoEntry[]): string {
  return entries.map((e) => [e.figure, ...e.preset.map(([k, v]) => `${k}=${v}`)].join('~')).join(',');
}

/** A demo's preset as the figure's own query parameters (`ID.name=value`). */
export function demoQuery(entry: DemoEntry): URLSearchParams {
  return new URLSearchParams(entry.preset.map(([k, v]) => [`${entry.figure}.${k}`, v]));
}

/** Escapes only what a query value cannot hold, so `,`, `~`, `=` stay readable. */
const queryValue = (v: string) => v.replace(/[%&#+\s]/g, (c) => encodeURIComponent(c));

/** Link to a demo sequence, at demo `at` (from 1). */
export function demoHref(entries: readonly DemoEntry[], at = 1): string {
  return `?demo=${queryValue(formatDemoSequence(entries))}${at > 1 ? `&at=${at}` : ''}`;
}

/** `search` with `at=N` set, every other parameter left exactly as written. */
export function withDemoPosition(search: string, at: number): string {
  const parts = search.replace(/^\?/, '').split('&').filter((p) => p && !/^at(=|$)/.test(p));
  parts.push(`at=${at}`);
  return `?${parts.join('&')}`;
}

/**
 * One rule for the address's `at`: a whole number from 1 to the sequence's length opens that
 * demo; anything else (`0`, `1.5`, `1e9`, `999999999999999999999`, `two`) opens demo 1 with a notice.
 */
export function demoStart(at: number, badAt: string | undefined, n: number): { at: number; notice: string | null } {
  if (!n) return { at: 1, notice: null };
  const written = badAt ?? String(at);
  if (badAt === undefined && Number.isSafeInteger(at) && at >= 1 && at <= n) return { at, notice: null };
  return {
    at: 1,
    notice: `This link's position at=${written.length > 24 ? `${written.slice(0, 24)}…` : written} is not a demo of this sequence (1 to ${n}), so it opens demo 1.`,
  };
}
