/**
 * Helpers shared by the browser spec files. (Not part of run.mjs: that is the running entry
 * point, and a spec importing it back would wait on itself.)
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Figure `id` on the current page, scrolled into view, once it shows its first frame. */
export async function figure(page, id, poll) {
  const fig = page.locator(`[data-widget="${id}"]`);
  await fig.waitFor({ state: 'attached', timeout: 10_000 });
  // The island may swap its picture for the live figure mid-scroll (the element under
  // data-widget is replaced): scroll again until the element that is there stays put.
  await poll(async () => fig.scrollIntoViewIfNeeded({ timeout: 2000 }).then(() => true, () => false), {
    timeout: 15_000,
    message: `the ${id} figure could not be scrolled into view`,
  });
  // The live figure (a prerendered page shows its static picture under the same data-widget first).
  await poll(async () => (await fig.getAttribute('data-status').catch(() => null)) !== null && /^\d+$/.test(((await fig.locator('output[data-readout="step"]').first().textContent().catch(() => '')) ?? '').trim()), {
    timeout: 8000,
    message: `the ${id} figure never showed its first frame`,
  });
  return fig;
}

/** The step a figure shows (its first run's, when it has several). */
export const step = async (fig) => Number((await fig.locator('output[data-readout="step"]').first().textContent()).trim());

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's serious and critical violations on the page, as { id, impact, help, targets }.
 * axe is injected by evaluate, not addScriptTag: the book's CSP blocks inline scripts.
 */
export async function axeSeriousViolations(page) {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Throws, naming `where`, when the page has serious or critical axe violations. */
export async function expectNoSeriousAxeViolations(page, where) {
  const violations = await axeSeriousViolations(page);
  if (violations.length) throw new Error(`${where}: axe: ${violations.map((v) => `${v.id}: ${v.targets.join(', ')}`).join('\n')}`);
}

/** The chapters' slugs in book order, read from content/chapters.ts (so specs can make one test per chapter). */
/** The numbered chapters' slugs, in order: the `chapters` list of content/chapters.ts (not its appendices). */
export const CHAPTER_SLUGS = (() => {
  const source = readFileSync(new URL('../../content/chapters.ts', import.meta.url), 'utf8');
  const list = source.slice(source.indexOf('export const chapters'), source.indexOf('\n];', source.indexOf('export const chapters')));
  return [...list.matchAll(/^\s*slug:\s*'([^']+)'/gm)].map((m) => m[1]);
})();
if (CHAPTER_SLUGS.length < 5) throw new Error(`content/chapters.ts: found only ${CHAPTER_SLUGS.length} chapter slugs`);

/** Resolves after `n` of the page's animation frames (the clock the figures' play loops run on). */
export const animationFrames = (page, n = 2) =>
  page.evaluate((count) => new Promise((resolve) => {
    let k = 0;
    const tick = () => (++k >= count ? resolve() : requestAnimationFrame(tick));
    requestAnimationFrame(tick);
  }), n);

/**
 * Waits `frames` of the page's animation frames and at least `ms` of its time: the window of a
 * negative check ("nothing moves", "the key did nothing"). The figures' play loops and React's
 * updates run on these frames, so whatever a key or a running figure would change shows in it;
 * when nothing should happen there is no state to wait for.
 */
export const quietWindow = (page, frames, ms = 0) =>
  page.evaluate(([n, least]) => new Promise((resolve) => {
    const t0 = performance.now();
    let k = 0;
    const tick = () => (++k >= n && performance.now() - t0 >= least ? resolve() : requestAnimationFrame(tick));
    requestAnimationFrame(tick);
  }), [frames, ms]);
