/**
 * `autoplay`: presses a figure's Play button once it shows its first frame (for the embed
 * page's `&autoplay=1` and the element's `autoplay` attribute). Returns a cancel function.
 * Readers who ask for reduced motion get the figure paused, as on the book's pages.
 */
export function autoplayWhenReady(root: ParentNode, timeoutMs = 20_000): () => void {
  if (typeof matchMedia !== 'undefined' && matchMedia('(prefers-reduced-motion: reduce)').matches) return () => {};
  const end = Date.now() + timeoutMs;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = () => {
    const fig = root.querySelector('[data-widget]');
    const step = fig?.querySelector('output[data-readout="step"]')?.textContent?.trim() ?? '';
    const play = fig?.querySelector<HTMLButtonElement>('.playback button.primary');
    if (play && /^\d+$/.test(step)) {
      if (play.textContent?.trim() === 'Play') play.click();
      return;
    }
    if (Date.now() < end) timer = setTimeout(tick, 50);
  };
  tick();
  return () => clearTimeout(timer);
}
