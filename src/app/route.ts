/**
 * Routes live in the query string (`?ch=SLUG`, `?embed=ID`), so the built book works from any
 * static host or a local folder, and `#…` stays free for equation and section anchors.
 */
export type Route =
  | { kind: 'home' }
  | { kind: 'chapter'; slug: string }
  | { kind: 'embed'; figure: string };

/** The route a query string names. */
export function parseRoute(search: string): Route {
  const q = new URLSearchParams(search);
  const embed = q.get('embed');
  if (embed) return { kind: 'embed', figure: embed };
  const ch = q.get('ch');
  if (ch) return { kind: 'chapter', slug: ch };
  return { kind: 'home' };
}

/** Link to a chapter, keeping nothing of the current page's figure state. */
export function chapterHref(slug: string): string {
  return `?ch=${encodeURIComponent(slug)}`;
}

/** Whether lecture mode (large controls for projection) is on: `?lecture=1`. */
export function isLectureMode(search: string): boolean {
  return new URLSearchParams(search).get('lecture') === '1';
}
