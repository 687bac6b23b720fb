/**
 * A data set of labelled 1-D examples as a figure setting: its type, its limits and its URL
 * text ("x:y,x:y,…"). Generic (settings.ts parses and writes it); the logistic-regression
 * figure's presets and edits are in inference.ts.
 */

/** One labelled example of 1-D logistic regression: [x, y] with y ∈ {0, 1}. */
export type LabelledPoint = [x: number, label: 0 | 1];

/**
 * Most examples a reader may place (the data strip stays legible, the URL short); the
 * conjugate figures' DATA_LIMITS.points too.
 */
export const MAX_POINTS = 40;
/** The x range of the data strip; points outside it cannot be placed or linked. */
export const STRIP_RANGE = [-1.5, 4.5] as const;

/** Why a data set cannot be used, or null: 1 to MAX_POINTS points, finite x in STRIP_RANGE, labels 0 or 1. */
export function labelledPointsIssue(points: readonly (readonly unknown[])[]): string | null {
  if (points.length === 0) return 'needs at least one point';
  if (points.length > MAX_POINTS) return `holds at most ${MAX_POINTS} points`;
  for (const p of points) {
    const [x, y] = p;
    if (p.length !== 2 || typeof x !== 'number' || !Number.isFinite(x)) return 'every x must be a finite number';
    if (x < STRIP_RANGE[0] || x > STRIP_RANGE[1]) return `every x must lie in [${STRIP_RANGE[0]}, ${STRIP_RANGE[1]}]`;
    if (y !== 0 && y !== 1) return 'every label must be 0 or 1';
  }
  return null;
}

/** "x:y,x:y,…" (as in a link) to points; undefined when malformed or invalid (labelledPointsIssue). */
export function parseLabelledPoints(raw: string): LabelledPoint[] | undefined {
  if (raw.trim() === '') return undefined;
  const out: LabelledPoint[] = [];
  for (const token of raw.split(',')) {
    const m = /^\s*([^:\s]+)\s*:\s*([01])\s*$/.exec(token);
    if (!m) return undefined;
    const x = Number(m[1]);
    out.push([x, m[2] === '1' ? 1 : 0]);
  }
  return labelledPointsIssue(out) === null ? out : undefined;
}

/** Points as "x:y,x:y,…", full precision (a link reopens exactly the data it was made from). */
export function formatLabelledPoints(points: readonly LabelledPoint[]): string {
  return points.map(([x, y]) => `${x}:${y}`).join(',');
}
