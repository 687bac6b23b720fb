/** KL(q ‖ p) readouts: a frame's value from the worker's KL log, and how a KL and the objective gap are written. */

/**
 * A KL divergence for a readout: "—" where undefined; three decimals below 1000, else three
 * significant digits. A quadrature error can make a KL that is really 0 come out as −1e-5:
 * values within ±5e-4 of 0 show as 0.000 rather than as a negative divergence.
 */
export function formatKl(kl: number): string {
  if (!Number.isFinite(kl)) return '—';
  if (Math.abs(kl) < 5e-4) return '0.000';
  return Math.abs(kl) < 1000 ? kl.toFixed(3) : kl.toPrecision(3);
}

/** The objective gap L(q) − L(p) = τ·KL(q ‖ p), formatted as formatKl does. */
export function formatGap(kl: number, temperature: number): string {
  return formatKl(temperature * kl);
}

/** KL(q ‖ p) of frame k of a log, NaN where the worker sent none. */
export function klAt(kl: Float64Array | null, count: number, k: number): number {
  if (!kl || count === 0) return NaN;
  const i = Math.max(0, Math.min(k, count - 1));
  return i < kl.length ? kl[i] : NaN;
}
