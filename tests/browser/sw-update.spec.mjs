/**
 * A new deploy reaches a returning reader, never mixed with the old one (issue 10, item 5).
 *
 * Two genuinely different builds — the book in dist/ and a second build made here with another
 * BLR_BUILD_ID (its client script differs, so every page links other hashed files) — are served
 * in turn from one address by a plain static server that lets the browser cache every file for
 * an hour. After the switch, the reader's next load still shows the old build whole (served by
 * the old service worker, its figures' code included) and says that a new version is ready; its
 * Reload button brings the new build, again whole.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from './static-server.mjs';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const DIST_A = resolve(ROOT, process.env.BLR_DIST ?? 'dist');
const DIST_B = join(ROOT, 'node_modules/.blr-update-test');

/** The build's hashed script names, and the build id the page reports. */
const scriptsOf = (dir) => new Set(readdirSync(join(dir, 'assets')).filter((f) => f.endsWith('.js')));

async function pageState(page) {
  return page.evaluate(() => ({
    build: document.documentElement.dataset.build,
    scripts: performance.getEntriesByType('resource').map((e) => new URL(e.name)).filter((u) => u.pathname.includes('/assets/') && u.pathname.endsWith('.js')).map((u) => u.pathname.split('/').pop()),
  }));
}

function expectWhole(where, state, own, other, build) {
  if (state.build !== build) throw new Error(`${where}: the page is build "${state.build}", not "${build}"`);
  const foreign = state.scripts.filter((s) => !own.has(s));
  if (foreign.length) throw new Error(`${where}: scripts that are not from build "${build}": ${foreign.join(', ')}${foreign.some((s) => other.has(s)) ? ' (from the other build: a mix)' : ''}`);
}

async function mountFigure(page, id, poll) {
  const fig = page.locator(`[data-widget="${id}"]`);
  await fig.scrollIntoViewIfNeeded();
  await poll(async () => (await fig.getAttribute('data-status')) === 'idle', { timeout: 20_000, message: `${id} did not mount` });
}

export default [
  {
    name: 'a returning reader is told that a new build is ready, and Reload gives the new build whole (never a mix)',
    timeout: 300_000,
    async run({ browser, poll }) {
      if (!existsSync(join(DIST_A, 'sw.js'))) throw new Error(`${DIST_A} has no sw.js: build first`);
      execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], {
        cwd: ROOT, stdio: 'ignore', env: { ...process.env, BLR_OUT: DIST_B, BLR_BUILD_ID: 'update-b' },
      });
      const [a, b] = [scriptsOf(DIST_A), scriptsOf(DIST_B)];
      if ([...b].every((s) => a.has(s))) throw new Error('the second build is not different from the first');
      const server = await serveStatic(DIST_A);
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const errors = [];
      context.on('weberror', (e) => errors.push(String(e.error())));
      try {
        const page = await context.newPage();
        const chapter = `${server.url}natural-gradients/`;
        await page.goto(chapter);
        await poll(async () => page.evaluate(() => !!navigator.serviceWorker.controller) || (await page.reload(), false), { timeout: 30_000, message: 'the service worker never took control' });
        await poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state === 'activated'), { timeout: 30_000, message: 'the first service worker did not activate' });
        expectWhole('first visit', await pageState(page), a, b, 'book');

        // The new deploy.
        server.setDir(DIST_B);
        await page.reload();
        await poll(async () => (await page.locator('[data-update="ready"]').count()) === 1, { timeout: 60_000, message: 'the reader was not told that a new version is ready' });
        // Still the old build, whole — even for a figure whose code loads only now.
        await mountFigure(page, 'paths-rosen', poll);
        expectWhole('after the deploy, before Reload', await pageState(page), a, b, 'book');

        await page.locator('[data-update="ready"] button').click();
        await poll(async () => (await page.evaluate(() => document.documentElement.dataset.build).catch(() => null)) === 'update-b', { timeout: 30_000, message: 'Reload did not bring the new build' });
        await page.waitForLoadState('load');
        await mountFigure(page, 'paths-quad', poll);
        expectWhole('after Reload', await pageState(page), b, a, 'update-b');
        // And the next visit stays on it, with no notice.
        await page.goto(`${server.url}optimisation/`);
        await mountFigure(page, 'ch3-newton', poll);
        expectWhole('next visit', await pageState(page), b, a, 'update-b');
        if (await page.locator('[data-update="ready"]').count()) throw new Error('the new build still says that a new version is ready');
        if (errors.length) throw new Error(errors.join('\n'));
      } finally {
        await context.close();
        await server.close();
      }
    },
  },
];
