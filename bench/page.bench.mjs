#!/usr/bin/env node
/**
 * Page benchmark: `npm run bench:page` (builds, then runs this against dist/).
 *
 * For the home page and each chapter linked from it, in a fresh headless Chromium context
 * (empty cache, so a first visit):
 *   - JS gz: the JavaScript the page (and its workers) requested until the network went idle, as
 *     the sum of the gzip sizes (node:zlib, level 9) of those files in dist/; "+ on Play": JS the
 *     page requested later; "SW precache": JS fetched by a service worker in the background
 *     (not needed to show the page, so counted apart);
 *   - then presses every widget's Play button ([data-widget] … button "Play") and, for ~5 s,
 *     counts requestAnimationFrame callbacks (fps reaching the screen), the frames the workers
 *     delivered (sum of data-frames-received increments, per second), and the longest
 *     main-thread task (PerformanceObserver 'longtask', i.e. tasks over 50 ms) during load and
 *     during play.
 * Widgets scrolled out of view may stop on purpose: after pressing every Play the first widget is
 * scrolled back into view, so the measurement is of the page as a reader sees it there.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT, launchChromium, startPreview } from '../tests/browser/run.mjs';

const MEASURE_MS = 5000;
const KNOWN_CHAPTERS = ['from-loss-to-distribution', 'natural-gradients'];
const DIST = join(ROOT, 'dist');

const gzipCache = new Map();
function gzipSize(urlString) {
  const path = join(DIST, decodeURIComponent(new URL(urlString).pathname));
  if (!gzipCache.has(path)) {
    gzipCache.set(path, existsSync(path) ? gzipSync(readFileSync(path), { level: 9 }).length : NaN);
  }
  return gzipCache.get(path);
}

const kB = (bytes) => (Number.isNaN(bytes) ? '?' : `${(bytes / 1024).toFixed(1)} kB`);
const ms = (v) => (v == null ? 'none over 50 ms' : `${Math.round(v)} ms`);

async function chapterSlugs(browser, baseURL) {
  const context = await browser.newContext({ baseURL });
  try {
    const page = await context.newPage();
    await page.goto('./', { waitUntil: 'networkidle' });
    const slugs = await page.locator('a[href*="ch="]').evaluateAll((as) => [...new Set(as.map((a) => new URL(a.href).searchParams.get('ch')).filter(Boolean))]);
    if (slugs.length) return { slugs, note: '' };
    return { slugs: KNOWN_CHAPTERS, note: 'The home page links to no chapter yet: measured the known slugs.' };
  } finally {
    await context.close();
  }
}

async function measure(browser, baseURL, path) {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 } });
  try {
    const js = new Map(); // url -> 'load' | 'play' | 'sw'
    let phase = 'load';
    const origin = new URL(baseURL).origin;
    context.on('request', (req) => {
      const url = new URL(req.url());
      if (url.origin !== origin || !/\.m?js$/.test(url.pathname)) return;
      const by = req.serviceWorker() ? 'sw' : phase;
      if (!js.has(req.url()) || (js.get(req.url()) === 'sw' && by !== 'sw')) js.set(req.url(), by);
    });
    await context.addInitScript(() => {
      window.__longtasks = [];
      try {
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) window.__longtasks.push({ start: e.startTime, duration: e.duration });
        }).observe({ type: 'longtask', buffered: true });
      } catch { /* not supported */ }
    });
    const page = await context.newPage();
    await page.goto(path, { waitUntil: 'networkidle' });
    phase = 'play';

    const widgets = page.locator('[data-widget]');
    const count = await widgets.count();
    let played = 0;
    for (let i = 0; i < count; i++) {
      // Figures are built when the reader approaches them: scroll to each before pressing Play.
      await widgets.nth(i).scrollIntoViewIfNeeded();
      const play = widgets.nth(i).getByRole('button', { name: 'Play', exact: true });
      if (await play.first().waitFor({ timeout: 5000 }).then(() => true, () => false)) {
        await play.first().click();
        played++;
      }
    }
    if (count) await widgets.first().scrollIntoViewIfNeeded();
    const result = await page.evaluate(async (duration) => {
      const framesReceived = () => [...document.querySelectorAll('[data-widget]')]
        .reduce((sum, el) => sum + (Number(el.getAttribute('data-frames-received')) || 0), 0);
      const t0 = performance.now();
      const f0 = framesReceived();
      let rafs = 0;
      await new Promise((resolve) => {
        const tick = () => {
          rafs++;
          if (performance.now() - t0 < duration) requestAnimationFrame(tick);
          else resolve();
        };
        requestAnimationFrame(tick);
      });
      const seconds = (performance.now() - t0) / 1000;
      const max = (list) => (list.length ? Math.max(...list.map((e) => e.duration)) : null);
      return {
        fps: rafs / seconds,
        workerFps: (framesReceived() - f0) / seconds,
        longLoad: max(window.__longtasks.filter((e) => e.start < t0)),
        longPlay: max(window.__longtasks.filter((e) => e.start >= t0)),
      };
    }, MEASURE_MS);

    const sum = (which) => [...js].filter(([, p]) => p === which).reduce((s, [url]) => s + gzipSize(url), 0);
    const files = (which) => [...js].filter(([, p]) => p === which).length;
    const tag = { load: '', play: ' (on Play)', sw: ' (SW precache)' };
    const names = [...js].map(([url, p]) => `${new URL(url).pathname.split('/').pop()} ${kB(gzipSize(url))}${tag[p]}`);
    return {
      path, names, widgets: count, played,
      jsLoad: sum('load'), jsLoadFiles: files('load'), jsPlay: sum('play'), jsPlayFiles: files('play'), jsSw: sum('sw'), jsSwFiles: files('sw'),
      ...result,
    };
  } finally {
    await context.close();
  }
}

function printTable(rows) {
  const header = ['page', 'widgets (played)', 'JS gz first visit', '+ JS gz on Play', 'SW precache JS gz', 'fps (rAF)', 'worker frames/s', 'longest task: load', 'longest task: play'];
  const cells = rows.map((r) => [
    r.path,
    `${r.widgets} (${r.played})`,
    `${kB(r.jsLoad)} (${r.jsLoadFiles} files)`,
    r.jsPlayFiles ? `${kB(r.jsPlay)} (${r.jsPlayFiles} files)` : '—',
    r.jsSwFiles ? `${kB(r.jsSw)} (${r.jsSwFiles} files)` : '—',
    r.fps.toFixed(1),
    r.widgets ? r.workerFps.toFixed(1) : '—',
    ms(r.longLoad),
    ms(r.longPlay),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => c.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
  console.log('\nJavaScript requested (gzip -9 sizes of the dist files):');
  for (const r of rows) console.log(`  ${r.path}: ${r.names.join(', ') || 'none'}`);
}

let server = null;
let browser = null;
const cleanup = async () => {
  await Promise.allSettled([browser?.close(), server?.close()]);
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, async () => { await cleanup(); process.exit(130); });
}

try {
  server = await startPreview();
  browser = await launchChromium();
  const { slugs, note } = await chapterSlugs(browser, server.url);
  const rows = [];
  for (const path of ['./', ...slugs.map((s) => `./?ch=${s}`)]) rows.push(await measure(browser, server.url, path));
  console.log(`Chromium ${browser.version()} (headless), ${MEASURE_MS / 1000} s of play per page, ${new Date().toISOString()}`);
  if (note) console.log(note);
  printTable(rows);
} catch (err) {
  console.error(`bench failed: ${err.message}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
