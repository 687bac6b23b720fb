/**
 * Helpers shared by the browser spec files. (Not part of run.mjs: that is the running entry
 * point, and a spec importing it back would wait on itself.)
 */

/** Figure `id` on the current page, scrolled into view, once it shows its first frame. */
export async function figure(page, id, poll) {
  const fig = page.locator(`[data-widget="${id}"]`);
  await fig.waitFor({ state: 'attached', timeout: 10_000 });
  await fig.scrollIntoViewIfNeeded();
  await poll(async () => /^\d+$/.test(((await fig.locator('output[data-readout="step"]').first().textContent().catch(() => '')) ?? '').trim()), {
    timeout: 8000,
    message: `the ${id} figure never showed its first frame`,
  });
  return fig;
}

/** The step a figure shows (its first run's, when it has several). */
export const step = async (fig) => Number((await fig.locator('output[data-readout="step"]').first().textContent()).trim());
