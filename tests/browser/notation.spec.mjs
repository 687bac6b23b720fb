/**
 * The notation page (`notation/`, old links `?ch=notation`; an unnumbered appendix rendered by the chapter route), the
 * link to it in every chapter's header, and the information-matching theorem's anchor that the
 * chapters point to.
 */
import { axeSeriousViolations } from './helpers.mjs';

const CHAPTERS = ['from-loss-to-distribution', 'natural-gradients', 'optimisation', 'deep-learning', 'inference'];

async function open(page, path) {
  await page.goto(path, { waitUntil: 'load' });
  await page.locator('article h1').first().waitFor({ state: 'visible', timeout: 15_000 }).catch(() => {
    throw new Error(`${path}: no visible <h1> in the article within 15 s`);
  });
}

export default [
  {
    name: 'every chapter header links to the notation page, which opens from there',
    timeout: 60_000,
    async run({ page }) {
      for (const slug of CHAPTERS) {
        await open(page, `./${slug}/`);
        const link = page.locator('header.site-header a', { hasText: 'Notation' });
        if ((await link.count()) !== 1) throw new Error(`${slug}: the header has ${await link.count()} "Notation" links (want 1)`);
        const href = await link.getAttribute('href');
        if (!new URL(href, page.url()).pathname.endsWith('/notation/')) throw new Error(`${slug}: the header's Notation link is ${href}`);
      }
      await Promise.all([page.waitForURL((u) => u.pathname.endsWith('/notation/')), page.locator('header.site-header a', { hasText: 'Notation' }).click()]);
      await page.locator('article h1', { hasText: 'Notation' }).waitFor({ timeout: 15_000 });
    },
  },
  {
    name: 'the notation page: title, symbol table with math, no KaTeX errors or serious axe violations',
    async run({ page }) {
      await open(page, './notation/');
      const title = await page.title();
      if (!title.startsWith('Notation and conventions')) throw new Error(`document title is "${title}"`);
      const rows = await page.locator('table.notation-table tbody tr').count();
      if (rows < 40) throw new Error(`the symbol table has ${rows} rows (want at least 40)`);
      const mathCells = await page.locator('table.notation-table td .katex').count();
      if (mathCells < 40) throw new Error(`only ${mathCells} table cells hold rendered math`);
      const errors = await page.locator('.katex-error').count();
      if (errors) throw new Error(`${errors} KaTeX error(s) on the notation page`);
      // The page names the theorem's anchor, and the link there goes to chapter 2.
      const thm = page.locator('a[href*="thm-information-matching"]').first();
      if (!new URL(await thm.getAttribute('href'), page.url()).pathname.endsWith('/natural-gradients/')) throw new Error('the theorem link does not point to chapter 2');
      const violations = await axeSeriousViolations(page);
      if (violations.length) throw new Error(`axe: ${violations.map((v) => `${v.id}: ${v.targets.join(', ')}`).join('\n')}`);
    },
  },
  {
    name: 'the information-matching theorem: a boxed, labelled group at #thm-information-matching that links scroll to',
    async run({ page, poll }) {
      await open(page, './natural-gradients/#thm-information-matching');
      const box = page.locator('#thm-information-matching');
      await box.waitFor({ timeout: 15_000 });
      const info = await box.evaluate((el) => ({
        role: el.getAttribute('role'),
        label: document.getElementById(el.getAttribute('aria-labelledby'))?.textContent ?? '',
        tagged: !!el.querySelector('#eq-2\\.13 .tag'),
        border: getComputedStyle(el).borderTopWidth,
      }));
      if (info.role !== 'group' || !/information matching/.test(info.label)) throw new Error(`theorem box: ${JSON.stringify(info)}`);
      if (!info.tagged) throw new Error('the theorem does not hold equation (2.13) with its tag');
      if (info.border === '0px') throw new Error('the theorem box has no border');
      // Opened with the anchor, the page scrolls the theorem into view once the chapter exists.
      await poll(async () => box.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return r.top < innerHeight && r.bottom > 0;
      }), { timeout: 10_000, message: 'the theorem was not scrolled into view' });
      // Chapters 1 and 3 point to it.
      for (const slug of ['from-loss-to-distribution', 'optimisation']) {
        await open(page, `./${slug}/`);
        const n = await page.locator('a[href="../natural-gradients/#thm-information-matching"]').count();
        if (n === 0) throw new Error(`${slug}: no link to the theorem`);
      }
    },
  },
];
