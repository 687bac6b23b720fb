/**
 * axe-core on fully built, playing chapters (issue 10, item 7): scroll through the chapter so
 * every figure mounts, press Play on each and wait until it has advanced, then run axe. One
 * test per chapter and colour scheme, so no test loops over the whole book.
 */
import { axeSeriousViolations, CHAPTER_SLUGS, step } from './helpers.mjs';

async function playEveryFigure(page, poll, slug) {
  await page.goto(`./${slug}/`, { waitUntil: 'load' });
  await page.locator('h1').first().waitFor({ state: 'visible', timeout: 15_000 });
  // Each figure first shows its static picture under the same data-widget (an island); the live
  // figure takes the attribute over when it has drawn its first frame, and only it has data-status.
  const ids = await page.locator('[data-widget]').evaluateAll((els) => els.map((e) => e.getAttribute('data-widget')));
  const n = ids.length;
  if (!n) throw new Error(`${slug}: no figures`);
  for (const id of ids) {
    const fig = page.locator(`[data-widget="${id}"]`);
    await fig.scrollIntoViewIfNeeded();
    // Live and shown: its island has swapped the picture for it (it is built hidden first).
    const shown = () => fig.evaluate((el) => { const island = el.closest('.figure-island'); return !island || island.dataset.islandState === 'live'; }).catch(() => false);
    await poll(async () => (await shown()) && (await fig.getAttribute('data-status').catch(() => null)) !== null && /^\d+$/.test(((await fig.locator('output[data-readout="step"]').first().textContent().catch(() => '')) ?? '').trim()), {
      timeout: 30_000,
      message: `${slug}: figure ${id} never became live with its first frame`,
    });
    const play = fig.getByRole('button', { name: 'Play', exact: true });
    if (!(await play.count())) throw new Error(`${slug}: figure ${id} has no Play button`);
    await play.click();
    await poll(async () => (await step(fig)) >= 2 || ['done', 'diverged'].includes(await fig.getAttribute('data-status')), {
      timeout: 30_000,
      message: async () => `${slug}: figure ${id} does not play (status ${await fig.getAttribute('data-status')})`,
    });
  }
  return n;
}

function report(where, violations) {
  return violations
    .map((v) => `${where}: [${v.impact}] ${v.id}: ${v.help}\n      ${v.targets.slice(0, 6).join(' | ')}${v.targets.length > 6 ? ` | … (${v.targets.length})` : ''}`)
    .join('\n');
}

export default CHAPTER_SLUGS.flatMap((slug) =>
  ['light', 'dark'].map((scheme) => ({
    name: `${slug} (${scheme}): every figure mounted and playing, no serious axe violations`,
    timeout: 240_000, // measured up to ~70 s (inference) on the shared 2-core machine
    async run({ page, poll }) {
      await page.emulateMedia({ colorScheme: scheme });
      const n = await playEveryFigure(page, poll, slug);
      const violations = await axeSeriousViolations(page);
      if (violations.length) throw new Error(`axe with ${n} figures playing:\n${report(`${slug} ${scheme}`, violations)}`);
    },
  })),
);
