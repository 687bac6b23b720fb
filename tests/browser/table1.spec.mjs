/**
 * The Table 1 page (`?table=1`): reachable from the home page and the header, a real table
 * (caption, column/group/row headers), one live figure at a time opened by keyboard, presets
 * applied, the open row kept in the address, every row's figure present, and usable in dark
 * mode, lecture mode and on a phone. Run: `BLR_DIST=… node tests/browser/run.mjs table1`.
 */
import { axeSeriousViolations, figure, step } from './helpers.mjs';


async function openTable(page, path = './?table=1') {
  await page.goto(path, { waitUntil: 'load' });
  // The live table (the prerendered one shows first, inert, until React has rendered).
  await page.locator('body[data-app="live"] table.table1').waitFor({ state: 'visible', timeout: 10_000 });
}

const rowIds = (page) => page.locator('tr[data-row]').evaluateAll((trs) => trs.map((tr) => tr.dataset.row));

export default [
  {
    name: 'the home page and the header link to Table 1; the page is a captioned table with its three groups',
    async run({ page }) {
      await page.goto('./', { waitUntil: 'load' });
      await page.locator('main a[href="./table/"]').click();
      await page.waitForURL((u) => u.pathname.endsWith('/table/'));
      await page.locator('table.table1').waitFor({ state: 'visible', timeout: 10_000 });
      if (!/Table 1/.test(await page.locator('h1').textContent())) throw new Error('no Table 1 heading');
      if ((await page.locator('table.table1 caption').count()) !== 1) throw new Error('the table has no caption');
      if ((await page.locator('table.table1 thead th[scope="col"]').count()) !== 5) throw new Error('expected five column headers');
      const groups = await page.locator('th[scope="rowgroup"]').allTextContents();
      if (groups.join('|') !== 'Optimisation algorithms|Deep-learning algorithms|Approximate Bayesian inference algorithms') throw new Error(`groups: ${groups.join(', ')}`);
      const rows = await page.locator('tr[data-row] th[scope="row"]').count();
      if (rows < 19) throw new Error(`only ${rows} rows`);
      if ((await page.locator('.site-header a.site-nav[aria-current="page"]').count()) !== 1) throw new Error('the header link is not marked as the current page');
      // From a chapter, the header leads here too.
      await page.goto('./?ch=natural-gradients', { waitUntil: 'load' });
      await page.locator('.site-header a.site-nav').click();
      await page.locator('table.table1').waitFor({ state: 'visible', timeout: 10_000 });
    },
  },
  {
    name: 'rows open by keyboard, one figure at a time, and the open row is kept in the address',
    async run({ page, poll }) {
      await openTable(page);
      if ((await page.locator('[data-widget]').count()) !== 0) throw new Error('a figure is mounted before any row is opened');
      const gd = page.locator('button[data-open-figure="gd"]');
      await gd.focus();
      await page.keyboard.press('Enter');
      if ((await gd.getAttribute('aria-expanded')) !== 'true') throw new Error('Enter did not open the row');
      await figure(page, 'paths-quad', poll);
      await poll(async () => new URL(page.url()).searchParams.get('open') === 'gd', { message: () => `open=gd is not in the address: ${page.url()}` });
      // The figure's settings stay off the address (syncUrl false).
      const quad = page.locator('[data-widget="paths-quad"]');
      await quad.getByRole('button', { name: 'Step', exact: true }).click();
      await poll(async () => (await step(quad)) === 1, { timeout: 10_000, message: 'Step did not show step 1' });
      // A figure that syncs its settings marks itself data-url-sync; this one must not sync at all.
      if (await quad.getAttribute('data-url-sync')) throw new Error('the Table 1 figure writes its settings to the address');
      if ([...new URL(page.url()).searchParams.keys()].some((k) => k.startsWith('paths-quad.'))) throw new Error(`figure state leaked into the address: ${page.url()}`);
      // Opening another row closes the first: one figure mounted.
      const newton = page.locator('button[data-open-figure="laplace"]');
      await newton.focus();
      await page.keyboard.press(' ');
      if ((await gd.getAttribute('aria-expanded')) !== 'false') throw new Error('the first row did not close');
      if ((await page.locator('tr[data-row-figure]').count()) !== 1) throw new Error('more than one figure row is open');
      if ((await page.locator('[data-widget="paths-quad"]').count()) !== 0) throw new Error('the first figure is still mounted');
      await poll(async () => new URL(page.url()).searchParams.get('open') === 'laplace', { message: 'open= did not follow' });
      await page.keyboard.press('Enter');
      if ((await page.locator('tr[data-row-figure]').count()) !== 0) throw new Error('the row did not close again');
      await poll(async () => !new URL(page.url()).searchParams.has('open'), { message: 'open= was not removed' });
    },
  },
  {
    name: 'a link with open=ROW opens that row; a preset reaches its figure',
    async run({ page, poll }) {
      await openTable(page, './?table=1&open=gd');
      await figure(page, 'paths-quad', poll);
      await openTable(page, './?table=1&open=rmsprop');
      const fig = await figure(page, 'ladder', poll);
      for (const token of ['diag', 'delta', 'batch', 'root', 'zero', 'damp', 'alpha']) {
        const box = fig.locator(`input[data-ladder-token="${token}"]`);
        if (!(await box.isChecked())) throw new Error(`the RMSprop preset did not switch on "${token}"`);
      }
      if (await fig.locator('input[data-ladder-token="mom"]').isChecked()) throw new Error('RMSprop has momentum switched on');
      if ((await fig.locator('[data-notice="url"]').count()) !== 0) throw new Error('the preset raised a notice');
    },
  },
  {
    name: 'every row opens a figure of the book (none is missing from the registry)',
    timeout: 120_000,
    async run({ page, poll }) {
      await openTable(page);
      const missing = [];
      for (const id of await rowIds(page)) {
        const button = page.locator(`button[data-open-figure="${id}"]`);
        await button.click();
        const row = page.locator(`tr[data-row-figure="${id}"]`);
        await row.waitFor({ timeout: 5000 });
        const ok = await poll(async () => (await row.locator('[data-widget]').count()) > 0 || (await row.locator('.notice').count()) > 0, { timeout: 5000, message: `row ${id} shows neither a figure nor a notice` });
        if (ok && (await row.locator('[data-widget]').count()) === 0) missing.push(id);
        await button.click();
      }
      if (missing.length) throw new Error(`rows whose figure is not in the book yet: ${missing.join(', ')}`);
    },
  },
  {
    name: 'section links land on their headings',
    async run({ page }) {
      await openTable(page);
      const link = page.locator('tr[data-row="em"] a[href*="/inference/"]');
      const href = await link.getAttribute('href');
      await link.click();
      await page.waitForURL((u) => u.pathname.endsWith('/inference/'));
      const id = decodeURIComponent(new URL(href, page.url()).hash.slice(1));
      await page.locator(`[id="${id}"]`).waitFor({ state: 'attached', timeout: 10_000 });
    },
  },
  {
    name: 'axe: no serious violations with a row open, in light and dark mode; dark mode is dark',
    async run({ page, poll }) {
      await openTable(page, './?table=1&open=gd');
      await figure(page, 'paths-quad', poll);
      let v = await axeSeriousViolations(page);
      if (v.length) throw new Error(`light: ${JSON.stringify(v, null, 1)}`);
      await page.emulateMedia({ colorScheme: 'dark' });
      v = await axeSeriousViolations(page);
      if (v.length) throw new Error(`dark: ${JSON.stringify(v, null, 1)}`);
      const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      const [r, g, b] = bg.match(/[\d.]+/g).map(Number);
      if (r + g + b > 120) throw new Error(`dark mode background is ${bg}`);
    },
  },
  {
    name: 'lecture mode enlarges the table; on a phone the rows stack without sideways scrolling',
    async run({ page, freshPage, poll }) {
      await openTable(page);
      const normal = await page.locator('table.table1').evaluate((t) => parseFloat(getComputedStyle(t).fontSize));
      await openTable(page, './?table=1&lecture=1');
      if (!(await page.evaluate(() => document.documentElement.classList.contains('lecture')))) throw new Error('no lecture class');
      const lecture = await page.locator('table.table1').evaluate((t) => parseFloat(getComputedStyle(t).fontSize));
      if (!(lecture > normal * 1.2)) throw new Error(`lecture font ${lecture}px vs ${normal}px`);

      const phone = await freshPage();
      await phone.setViewportSize({ width: 375, height: 740 });
      await openTable(phone, './?table=1&open=gd');
      await figure(phone, 'paths-quad', poll);
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow > 1) throw new Error(`the page scrolls sideways by ${overflow}px on a phone`);
      const display = await phone.locator('tr[data-row="gd"]').evaluate((tr) => getComputedStyle(tr).display);
      if (display !== 'block') throw new Error(`rows are not stacked on a phone (display: ${display})`);
      const button = phone.locator('button[data-open-figure="sgd"]');
      const box = await button.boundingBox();
      if (!box || box.height < 40) throw new Error('the disclosure button is too small to tap');
    },
  },
];
