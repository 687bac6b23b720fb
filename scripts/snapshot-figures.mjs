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
 * Run it after changing a figure's layout; `npm run build` warns about figures without one, and
 * the layout-shift tests (tests/browser/static.spec.mjs) fail when a picture no longer matches.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, launchChromium, startPreview } from '../tests/browser/run.mjs';

const build = () => execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { stdio: 'inherit', cwd: ROOT });
if (!process.argv.includes('--no-build')) build();

const server = await startPreview();
const browser = await launchChromium();
const snapshots = {};
try {
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto('./');
  const chapters = await page.locator('.chapter-list a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  for (const href of chapters) {
    await page.goto(href);
    const ids = await page.locator('.figure-island[data-island]').evaluateAll((els) => els.map((e) => e.dataset.island));
    for (const id of ids) {
      const island = page.locator(`.figure-island[data-island="${id}"]`);
      await island.scrollIntoViewIfNeeded();
      await page.waitForFunction((id) => document.querySelector(`.figure-island[data-island="${id}"]`)?.dataset.islandState === 'live', id, { timeout: 30_000 });
      // Settled: no change inside the figure for 500 ms (it does not play by itself).
      await page.evaluate((id) => new Promise((resolve) => {
        const fig = document.querySelector(`[data-widget="${id}"]`);
        let timer = setTimeout(done, 500);
        const mo = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, 500); });
        mo.observe(fig, { subtree: true, childList: true, attributes: true, characterData: true });
        function done() { mo.disconnect(); resolve(); }
      }), id);
      snapshots[id] = await page.evaluate((id) => {
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
        for (const el of fig.querySelectorAll('*')) {
          for (const attr of [...el.attributes]) {
            if (['for', 'name', 'tabindex', 'aria-labelledby', 'aria-describedby', 'aria-controls', 'aria-activedescendant', 'aria-owns', 'aria-keyshortcuts'].includes(attr.name) || attr.name.startsWith('data-frames')) {
              el.removeAttribute(attr.name);
              continue;
            }
            let v = attr.value;
            for (const [from, to] of renamed) v = v.split(`#${from})`).join(`#${to})`).replace(new RegExp(`^#${from.replace(/[^\w-]/g, '\\$&')}$`), `#${to}`);
            if (v !== attr.value) el.setAttribute(attr.name, v);
          }
          if (el.matches('input, select, textarea, button')) el.setAttribute('disabled', '');
        }
        return fig.innerHTML;
      }, id);
      console.log(`  ${id}: ${(snapshots[id].length / 1024).toFixed(1)} kB`);
    }
  }
} finally {
  await browser.close();
  server.close();
}
const sorted = Object.fromEntries(Object.entries(snapshots).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(join(ROOT, 'build/figure-snapshots.json'), `${JSON.stringify(sorted, null, 1)}\n`);
console.log(`\n${Object.keys(sorted).length} figures recorded in build/figure-snapshots.json`);
if (!process.argv.includes('--no-build')) build();
