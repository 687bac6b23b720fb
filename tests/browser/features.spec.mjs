/**
 * Behaviour beyond the basic widget contract: the formula field, engine messages for a
 * diverging run, keyboard shortcuts, embeds, lecture mode, chapter navigation and offline use.
 */
import { figure, step } from './helpers.mjs';


export default [
  {
    name: 'the formula field reports a bad formula inline, keeps the last good surface, and runs a good one',
    async run({ page, poll }) {
      await page.goto('./?ch=natural-gradients');
      const fig = await figure(page, 'playground', poll);
      await fig.locator('select[data-setting="loss"]').selectOption('expr');
      const field = fig.locator('input[data-setting="expr"]');
      await field.waitFor();
      const contours = fig.locator('.contours path');
      await poll(async () => new URL(page.url()).searchParams.get('playground.loss') === 'expr', { timeout: 5000, message: 'choosing a formula did not reach the URL' });
      // Wait until the default formula's surface is on screen and stays.
      let before = null;
      await poll(async () => {
        const d = (await contours.count()) > 0 ? await contours.first().getAttribute('d') : null;
        const same = d !== null && d === before;
        before = d;
        return same;
      }, { timeout: 8000, interval: 500, message: 'no stable contours for the default formula' });
      await field.fill('x^2 + z');
      const message = fig.locator('[data-formula-message]');
      await poll(async () => /"z"/.test(await message.textContent()), {
        timeout: 5000,
        message: async () => `the inline message does not name the unknown symbol: ${JSON.stringify(await message.textContent())}`,
      });
      if ((await field.getAttribute('aria-invalid')) !== 'true') throw new Error('the bad formula is not marked aria-invalid');
      if ((await contours.first().getAttribute('d')) !== before) throw new Error('the surface changed for a formula that does not parse');
      await field.fill('import("fs")');
      await poll(async () => /not allowed|Function|import/i.test(await message.textContent()), { timeout: 5000, message: 'import(...) was not rejected inline' });
      await field.fill('(x^2 - 1)^2 + y^2');
      await poll(async () => new URL(page.url()).searchParams.get('playground.expr') === '(x^2 - 1)^2 + y^2', {
        timeout: 5000,
        message: () => `the good formula did not reach the URL (${page.url()})`,
      });
      await poll(async () => (await contours.first().getAttribute('d')) !== before, { timeout: 8000, message: 'the surface did not change for the new formula' });
      if (await field.getAttribute('aria-invalid')) throw new Error('a good formula is still marked invalid');
      await fig.getByRole('button', { name: 'Play', exact: true }).click();
      await poll(async () => (await step(fig)) > 3, { timeout: 5000, message: 'the run on the new formula does not advance' });
    },
  },
  {
    name: 'a link with a formula that does not parse shows the notice and the figure’s defaults',
    async run({ page, poll }) {
      await page.goto('./?ch=natural-gradients&playground.loss=expr&playground.expr=x%2Bconstructor&paths-rosen.rho=0.3');
      const fig = await figure(page, 'playground', poll);
      const notice = fig.locator('[data-notice="url"]');
      await poll(async () => /constructor/.test((await notice.textContent().catch(() => '')) ?? ''), {
        timeout: 5000,
        message: 'no notice naming the bad symbol',
      });
      if ((await fig.locator('select[data-setting="loss"]').inputValue()) !== 'rosenbrock') throw new Error('the figure did not fall back to its default loss');
      if ((await fig.getAttribute('data-status')) === 'error') throw new Error('the figure is in an error state instead of its defaults');
      const rosen = await figure(page, 'paths-rosen', poll);
      if ((await rosen.locator('input[data-setting="rho"]').inputValue()) !== '0.3') throw new Error('another figure lost its state');
    },
  },
  {
    name: 'a link’s formula is checked even when the link picks another loss; 200 nested brackets are refused in words',
    async run({ page, poll }) {
      await page.goto('./?ch=natural-gradients&playground.loss=quadratic&playground.expr=x%2Bconstructor');
      const fig = await figure(page, 'playground', poll);
      const notice = fig.locator('[data-notice="url"]');
      await poll(async () => /constructor/.test((await notice.textContent().catch(() => '')) ?? ''), { timeout: 15_000, message: 'no notice for a bad formula without loss=expr' });
      if ((await fig.locator('select[data-setting="loss"]').inputValue()) !== 'rosenbrock') throw new Error('the figure did not fall back to its defaults');
      await page.goto(`./?ch=natural-gradients&playground.loss=expr&playground.expr=${encodeURIComponent('('.repeat(200))}`);
      const deep = await figure(page, 'playground', poll);
      const text = await poll(async () => {
        const t = (await deep.locator('[data-notice="url"]').textContent().catch(() => '')) ?? '';
        return /nests brackets 200 deep; at most \d+ levels are allowed/.test(t) && t;
      }, { timeout: 15_000, message: async () => `no nesting message: ${await deep.locator('[data-notice="url"]').textContent().catch(() => '')}` });
      if (/call stack/i.test(text)) throw new Error(`an internal message reached the reader: ${text}`);
    },
  },
  {
    name: 'a number in hex (speed=0x10) gives the notice; a demo position out of range or not an integer opens demo 1 with a notice',
    async run({ page, poll }) {
      await page.goto('./?ch=from-loss-to-distribution&wall.speed=0x10');
      const wall = await figure(page, 'wall', poll);
      await poll(async () => /speed = "0x10" is not a valid value/.test((await wall.locator('[data-notice="url"]').textContent().catch(() => '')) ?? ''), { timeout: 15_000, message: 'no notice for speed=0x10' });
      for (const at of ['1e9', '999999999999999999999', '4', '0']) {
        await page.goto(`./?demo=wall,flatsharp,params&at=${at}`);
        const position = page.locator('[data-demo-position]');
        await poll(async () => (await position.getAttribute('data-demo-position').catch(() => null)) === '1', { timeout: 15_000, message: `at=${at} did not open demo 1` });
        await poll(async () => /is not a demo of this sequence \(1 to 3\), so it opens demo 1/.test((await page.locator('[data-notice="demo-position"]').textContent().catch(() => '')) ?? ''), {
          timeout: 15_000,
          message: `no notice for at=${at}`,
        });
        await poll(async () => new URL(page.url()).searchParams.get('at') === '1', { timeout: 15_000, message: () => `the address keeps at=${at}: ${page.url()}` });
      }
    },
  },
  {
    name: 'a diverging run shows the engine message with its remedy; the other run and figures carry on',
    async run({ page, poll }) {
      await page.goto('./?ch=natural-gradients&paths-quad.rhoGd=0.5&paths-rosen.rho=0.3');
      const fig = await figure(page, 'paths-quad', poll);
      await fig.getByRole('button', { name: 'Play', exact: true }).click();
      const msg = fig.locator('[data-message="gd"]');
      await poll(async () => (await msg.count()) > 0, { timeout: 10_000, message: 'no divergence message for gradient descent with ρ = 0.5' });
      const text = await msg.textContent();
      if (!/Diverged/.test(text) || !/smaller rho/.test(text)) throw new Error(`unexpected message: ${text}`);
      await poll(async () => (await fig.getAttribute('data-status')) === 'diverged', { timeout: 20_000, message: 'the figure did not end as diverged' });
      const blrStep = Number((await fig.locator('output[data-readout="step"][data-series="blr"]').textContent()).trim());
      if (blrStep !== 120) throw new Error(`the BLR run stopped at step ${blrStep}, not its last step 120`);
      const rosen = await figure(page, 'paths-rosen', poll);
      if ((await rosen.locator('input[data-setting="rho"]').inputValue()) !== '0.3') throw new Error('another figure lost its state');
    },
  },
  {
    name: 'keyboard: k plays and pauses, "." steps, r resets, from inside the figure',
    async run({ page, poll }) {
      await page.goto('./?ch=from-loss-to-distribution');
      const fig = await figure(page, 'wall', poll);
      await fig.getByRole('button', { name: 'Step', exact: true }).focus();
      await page.keyboard.press('k');
      await poll(async () => (await fig.getAttribute('data-status')) === 'running', { timeout: 3000, message: 'k did not start playing' });
      await poll(async () => (await step(fig)) > 2, { timeout: 5000, message: 'the run does not advance after k' });
      await page.keyboard.press('k');
      await poll(async () => (await fig.getAttribute('data-status')) === 'paused', { timeout: 3000, message: 'k did not pause' });
      const s = await step(fig);
      await fig.locator('.readouts').click();
      await page.keyboard.press('.');
      await poll(async () => (await step(fig)) === s + 1, { timeout: 3000, message: '"." did not add one step' });
      await page.keyboard.press('r');
      await poll(async () => (await step(fig)) === 0, { timeout: 3000, message: 'r did not reset' });
    },
  },
  {
    name: 'an embed shows one figure; an unknown embed id says what exists',
    async run({ page, poll }) {
      await page.goto('./?embed=flatsharp&flatsharp.tau=0.2');
      const fig = await figure(page, 'flatsharp', poll);
      if ((await page.locator('[data-widget]').count()) !== 1) throw new Error('an embed shows more than one figure');
      if ((await fig.locator('input[data-setting="tau"]').inputValue()) !== '0.2') throw new Error('the embed ignored its settings');
      await page.goto('./?embed=nope');
      const notice = page.locator('[role="status"]');
      await poll(async () => /wall/.test((await notice.textContent().catch(() => '')) ?? ''), { timeout: 3000, message: 'no list of figures for an unknown embed' });
    },
  },
  {
    name: 'lecture mode enlarges the text and controls',
    async run({ page, poll }) {
      await page.goto('./?ch=from-loss-to-distribution&lecture=1');
      await figure(page, 'wall', poll);
      const size = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
      if (size < 22) throw new Error(`root font size ${size}px in lecture mode`);
      const toggle = page.getByRole('button', { name: 'Lecture mode' });
      if ((await toggle.getAttribute('aria-pressed')) !== 'true') throw new Error('the lecture toggle does not show that it is on');
      await toggle.click();
      await poll(async () => (await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))) < 20, { timeout: 2000, message: 'the toggle did not leave lecture mode' });
      if (new URL(page.url()).searchParams.has('lecture')) throw new Error('lecture=1 stayed in the address');
      await toggle.click();
      await poll(async () => new URL(page.url()).searchParams.get('lecture') === '1', { timeout: 2000, message: 'the toggle did not put lecture=1 in the address' });
    },
  },
  {
    name: 'chapters link to each other and list their sections',
    async run({ page, poll }) {
      await page.goto('./?ch=from-loss-to-distribution');
      const toc = page.getByRole('navigation', { name: 'Contents of this chapter' });
      await poll(async () => (await toc.locator('a').count()) >= 3, { timeout: 5000, message: 'the table of contents is empty' });
      await page.locator('a[rel="next"]').click();
      // Chapters live at their own paths now (old ?ch= links: static.spec.mjs › old links).
      await poll(async () => new URL(page.url()).pathname.endsWith('/natural-gradients/'), { timeout: 5000, message: 'next did not open chapter 2' });
      await page.locator('h1').first().waitFor();
      await page.locator('a[rel="prev"]').click();
      await poll(async () => new URL(page.url()).pathname.endsWith('/from-loss-to-distribution/'), { timeout: 5000, message: 'prev did not open chapter 1' });
    },
  },
  {
    name: 'after one visit the book works offline (service worker)',
    timeout: 60_000,
    async run({ page, context, poll }) {
      await page.goto('./?ch=from-loss-to-distribution');
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      await poll(async () => page.evaluate(() => !!navigator.serviceWorker.controller) || (await page.reload(), false), {
        timeout: 20_000,
        message: 'the service worker never took control of the page',
      });
      // Every file the service worker precaches exists (a missing one would only warn, and be
      // missing offline).
      const missing = await page.evaluate(async () => {
        const sw = await (await fetch(new URL('../sw.js', location.href))).text();
        // Workbox's precache manifest: {url:"…",revision:…} entries.
        const list = [...sw.matchAll(/\burl:"([^"]+)"/g)].map((m) => m[1]);
        const bad = [];
        if (list.length < 20) bad.push(`only ${list.length} precached files`);
        for (const f of list) if (!(await fetch(new URL(`../${f}`, location.href), { method: 'HEAD' })).ok) bad.push(f);
        return bad;
      });
      if (missing.length) throw new Error(`the service worker precaches files the build does not have: ${missing.join(', ')}`);
      // Give the install step time to finish precaching.
      await poll(async () => page.evaluate(async () => (await caches.keys()).length > 0 && (await (await caches.open((await caches.keys())[0])).keys()).length > 20), {
        timeout: 20_000,
        message: 'the precache did not fill',
      });
      await context.setOffline(true);
      await page.goto('./?ch=natural-gradients');
      const fig = await figure(page, 'paths-quad', poll);
      await fig.getByRole('button', { name: 'Play', exact: true }).click();
      await poll(async () => (await step(fig)) > 2, { timeout: 8000, message: 'offline, the figure does not run' });
      await context.setOffline(false);
    },
  },
];
