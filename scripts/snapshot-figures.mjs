#!/usr/bin/env node
/**
 * `npm run snapshot:figures`: records each figure's static picture for the prerendered pages.
 *
 * Builds the book, opens every chapter in headless Chromium (1280×900), lets each figure mount
 * and draw its first frame (step 0 of its default runs: the loss contours, the target, q₀), and
 * writes the live figure's markup — everything but its caption — to build/figure-snapshots.json;
 * then builds again, so the pages carry the pictures. The markup is the live figure's own, styled
 * by the book's stylesheet (so it follows dark mode and every width exactly as the live figure
 * does), with ids, form names and label/ARIA references taken out (the picture is inert and
 * replaced by the live figure), and SVG-internal ids (clip paths) renamed.
 *
 * `npm run build` runs this itself (recordSnapshots) when a figure has no picture or when the
 * figures' sources changed since the pictures were recorded (the hash in the file); commit the
 * updated build/figure-snapshots.json. The layout-shift tests (tests/browser/static.spec.mjs)
 * fail when a picture does not match its live figure.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, launchChromium } from '../tests/browser/run.mjs';
import { serveStatic } from '../tests/browser/static-server.mjs';

/** Opens every chapter of the built book in `dir` and returns { figureId: markup }. */
export async function recordSnapshots(dir, log = console.log) {
  const server = await serveStatic(dir, { cache: 'no-cache' });
  const browser = await launchChromium();
  const snapshots = {};
  try {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    page.on('pageerror', (e) => log(`page error: ${e.message}`));
    await page.goto('./');
    const chapters = await page.locator('.chapter-list a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const href of chapters) {
      await page.goto(href);
      const ids = await page.locator('.figure-island[data-island]').evaluateAll((els) => els.map((e) => e.dataset.island));
      for (const id of ids) {
        const island = page.locator(`.figure-island[data-island="${id}"]`);
        await island.scrollIntoViewIfNeeded();
        await page.waitForFunction((id) => document.querySelector(`.figure-island[data-island="${id}"]`)?.dataset.islandState === 'live', id, { timeout: 30_000 });
        snapshots[id] = await page.evaluate(SNAPSHOT, id);
        log(`  ${id}: ${(snapshots[id].length / 1024).toFixed(1)} kB`);
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return Object.fromEntries(Object.entries(snapshots).sort(([a], [b]) => a.localeCompare(b)));
}

/** In the page: waits until figure `id` is settled, then returns its markup as a static picture. */
async function SNAPSHOT(id) {
  // Settled: no change inside the figure for 500 ms (it does not play by itself).
  await new Promise((resolve) => {
    const live = document.querySelector(`[data-widget="${id}"]`);
    let timer = setTimeout(done, 500);
    const mo = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, 500); });
    mo.observe(live, { subtree: true, childList: true, attributes: true, characterData: true });
    function done() { mo.disconnect(); resolve(); }
  });
  const fig = document.querySelector(`[data-widget="${id}"]`).cloneNode(true);
  fig.querySelectorAll(':scope > figcaption, [role="dialog"], .notice, .engine-message').forEach((e) => e.remove());
  // SVG-internal ids (clip paths, markers, gradients) stay, renamed; every other id goes.
  const renamed = new Map();
  for (const el of fig.querySelectorAll('[id]')) {
    if (el.closest('defs, clipPath, marker, linearGradient, radialGradient, pattern, mask, filter')) {
      const to = `snap-${id}-${renamed.size}`;
      renamed.set(el.id, to);
      el.id = to;
    } else el.removeAttribute('id');
  }
  const keep = ['data-series', 'data-label', 'data-ladder-name'];
  const drop = ['for', 'name', 'tabindex', 'aria-labelledby', 'aria-describedby', 'aria-controls', 'aria-activedescendant', 'aria-owns', 'aria-keyshortcuts'];
  for (const el of fig.querySelectorAll('*')) {
    for (const attr of [...el.attributes]) {
      // Data attributes name live state (data-readout, data-setting, …) for scripts and tests;
      // the picture keeps only those the stylesheet reads.
      if (drop.includes(attr.name) || (attr.name.startsWith('data-') && !keep.includes(attr.name))) {
        el.removeAttribute(attr.name);
        continue;
      }
      let v = attr.value;
      for (const [from, to] of renamed) {
        v = v.split(`url(#${from})`).join(`url(#${to})`);
        if (v === `#${from}`) v = `#${to}`;
      }
      if (v !== attr.value) el.setAttribute(attr.name, v);
    }
    if (el.matches('input, select, textarea, button')) el.setAttribute('disabled', '');
  }
  return fig.innerHTML;
}

// `npm run snapshot:figures`: build (which records the pictures when they are missing or stale);
// `--force` records them again regardless.
if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { stdio: 'inherit', cwd: ROOT, env: { ...process.env, BLR_SNAPSHOTS: process.argv.includes('--force') ? 'force' : 'auto' } });
}
