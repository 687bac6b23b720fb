#!/usr/bin/env node
/**
 * Page benchmark: `npm run bench:page` (builds, then runs this against dist/). Budgets of the
 * static-first book (issue 11), measured in headless Chromium with the CPU throttled 4× through
 * CDP (`Emulation.setCPUThrottlingRate`), at 1280×900, a fresh context (first visit) per page:
 *
 *   - JS before a figure is near: JavaScript requested until the network is idle with the page
 *     at its top (gzip -9 sizes of the dist files; the service worker's background precache is
 *     counted apart);
 *   - LCP (largest-contentful-paint) and TBT (sum of long tasks' time over 50 ms from the first
 *     paint until the page is idle), as Lighthouse defines them;
 *   - scrolling through the page at reading speed (300 px every 100 ms) while every figure
 *     mounts: CLS (layout-shift sum), the longest frame gap (rAF) and the longest main-thread task;
 *   - Play → first moved frame: from pressing Play on the page's first figure to its step
 *     readout changing, and the fps (rAF) and longest frame gap while it plays for 3 s.
 * Pages: the home page, every chapter, Table 1 and the embed page `?embed=wall`.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT, launchChromium, startPreview } from '../tests/browser/run.mjs';

const DIST = join(ROOT, 'dist');
const CPU = Number(process.env.BENCH_CPU ?? 4);

const gzipCache = new Map();
function gzipSize(urlString) {
  let path = join(DIST, decodeURIComponent(new URL(urlString).pathname));
  if (path.endsWith('/')) path = join(path, 'index.html');
  if (!gzipCache.has(path)) gzipCache.set(path, existsSync(path) ? gzipSync(readFileSync(path), { level: 9 }).length : NaN);
  return gzipCache.get(path);
}
const kB = (b) => (Number.isNaN(b) ? '?' : `${(b / 1024).toFixed(1)} kB`);
const msf = (v) => (v == null ? '—' : `${Math.round(v)} ms`);

function chapterPaths() {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const list = html.match(/<ol class="chapter-list">([\s\S]*?)<\/ol>/)?.[1] ?? '';
  return [...new Set([...list.matchAll(/href="(\.\/[^"/]+\/)"/g)].map((m) => m[1]))];
}

async function measure(browser, baseURL, path) {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 } });
  try {
    const js = new Map();
    let phase = 'load';
    const origin = new URL(baseURL).origin;
    context.on('request', (req) => {
      const url = new URL(req.url());
      if (url.origin !== origin || !/\.m?js$/.test(url.pathname)) return;
      const by = req.serviceWorker() ? 'sw' : phase;
      if (!js.has(req.url())) js.set(req.url(), by);
    });
    await context.addInitScript(() => {
      window.__perf = { lcp: 0, fcp: 0, long: [], shifts: 0 };
      const observe = (type, fn) => { try { new PerformanceObserver((l) => l.getEntries().forEach(fn)).observe({ type, buffered: true }); } catch { /* unsupported */ } };
      observe('largest-contentful-paint', (e) => { window.__perf.lcp = e.startTime; });
      observe('paint', (e) => { if (e.name === 'first-contentful-paint') window.__perf.fcp = e.startTime; });
      observe('longtask', (e) => window.__perf.long.push({ start: e.startTime, duration: e.duration }));
      observe('layout-shift', (e) => { if (!e.hadRecentInput) window.__perf.shifts += e.value; });
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
    await page.goto(path, { waitUntil: 'networkidle' });
    const load = await page.evaluate(() => {
      const p = window.__perf;
      const tbt = p.long.filter((t) => t.start >= p.fcp).reduce((s, t) => s + Math.max(0, t.duration - 50), 0);
      return { lcp: p.lcp, fcp: p.fcp, tbt, cls: p.shifts, longest: Math.max(0, ...p.long.map((t) => t.duration)) };
    });
    const jsLoad = [...js].filter(([, p]) => p === 'load');
    phase = 'scroll';

    // Scroll at reading speed; every figure mounts on the way.
    const scroll = await page.evaluate(async () => {
      const t0 = performance.now();
      const startShifts = window.__perf.shifts;
      let last = performance.now();
      let gap = 0;
      let running = true;
      const tick = (now) => { gap = Math.max(gap, now - last); last = now; if (running) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
      const height = document.documentElement.scrollHeight;
      for (let y = 0; y <= height; y += 300) {
        scrollTo(0, y);
        await new Promise((r) => setTimeout(r, 100));
      }
      const islands = () => [...document.querySelectorAll('.figure-island')];
      const end = performance.now() + 30_000;
      while (islands().some((i) => !['live', 'failed'].includes(i.dataset.islandState)) && performance.now() < end) await new Promise((r) => setTimeout(r, 100));
      running = false;
      const long = window.__perf.long.filter((t) => t.start >= t0);
      return { cls: window.__perf.shifts - startShifts, gap, longest: Math.max(0, ...long.map((t) => t.duration)), figures: islands().length, mounted: islands().filter((i) => i.dataset.islandState === 'live').length };
    });

    // Play → first moved frame, on the page's first figure (scrolled into view and built).
    let play = null;
    const fig = page.locator('[data-widget][data-status]').first();
    if ((await page.locator('.figure-island, .embed-page').count()) && (await fig.count())) {
      await fig.scrollIntoViewIfNeeded();
      await page.waitForFunction(() => document.querySelector('[data-widget][data-status]')?.getAttribute('data-status') === 'idle', null, { timeout: 20_000 });
      const button = fig.getByRole('button', { name: 'Play', exact: true }).first();
      await page.evaluate(() => {
        const f = document.querySelector('[data-widget][data-status]');
        const out = f.querySelector('output[data-readout="step"]');
        window.__play = { pressed: 0, moved: 0 };
        f.addEventListener('pointerdown', () => { window.__play.pressed = performance.now(); }, { capture: true, once: true });
        const before = out?.textContent;
        const mo = new MutationObserver(() => {
          if (window.__play.pressed && out.textContent !== before && !window.__play.moved) {
            // The frame that shows the change: the next animation frame.
            requestAnimationFrame(() => { window.__play.moved = performance.now(); });
            mo.disconnect();
          }
        });
        if (out) mo.observe(out, { childList: true, characterData: true, subtree: true });
      });
      await button.click();
      play = await page.evaluate(async () => {
        const end = performance.now() + 10_000;
        while (!window.__play.moved && performance.now() < end) await new Promise((r) => setTimeout(r, 20));
        const first = window.__play.moved ? window.__play.moved - window.__play.pressed : null;
        let frames = 0;
        let gap = 0;
        let last = performance.now();
        const t0 = last;
        await new Promise((resolve) => {
          const tick = (now) => { frames++; gap = Math.max(gap, now - last); last = now; if (now - t0 < 3000) requestAnimationFrame(tick); else resolve(); };
          requestAnimationFrame(tick);
        });
        return { first, fps: frames / ((performance.now() - t0) / 1000), gap };
      });
    }
    const sum = (list) => list.reduce((s, [url]) => s + gzipSize(url), 0);
    return { path, load, jsLoad: sum(jsLoad), jsLoadFiles: jsLoad.length, jsNames: jsLoad.map(([u]) => `${new URL(u).pathname.split('/').pop()} ${kB(gzipSize(u))}`), html: gzipSize(new URL(path, baseURL).href.split('?')[0]), scroll, play };
  } finally {
    await context.close();
  }
}

function printTable(rows) {
  const header = ['page', 'HTML gz', 'JS gz before a figure is near', 'LCP', 'TBT', 'longest task: load', 'figures mounted', 'CLS (load + scroll)', 'frame gap: scroll', 'longest task: scroll', 'Play → moved frame', 'fps playing', 'frame gap: playing'];
  const cells = rows.map((r) => [
    r.path, kB(r.html), `${kB(r.jsLoad)} (${r.jsLoadFiles} files)`, msf(r.load.lcp), msf(r.load.tbt), msf(r.load.longest),
    `${r.scroll.mounted}/${r.scroll.figures}`, (r.load.cls + r.scroll.cls).toFixed(4), msf(r.scroll.gap), msf(r.scroll.longest),
    r.play ? msf(r.play.first) : '—', r.play ? r.play.fps.toFixed(1) : '—', r.play ? msf(r.play.gap) : '—',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => c.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
  console.log('\nJavaScript before a figure is near (gzip -9):');
  for (const r of rows) console.log(`  ${r.path}: ${r.jsNames.join(', ') || 'none'}`);
}

let server = null;
let browser = null;
const cleanup = async () => { await Promise.allSettled([browser?.close(), server?.close()]); };
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(signal, async () => { await cleanup(); process.exit(130); });

try {
  server = await startPreview();
  browser = await launchChromium();
  const rows = [];
  for (const path of ['./', ...chapterPaths(), './table/', './?embed=wall']) {
    rows.push(await measure(browser, server.url, path));
    process.stderr.write(`measured ${path}\n`);
  }
  console.log(`Chromium ${browser.version()} (headless), CPU throttled ${CPU}×, 1280×900, ${new Date().toISOString()}`);
  printTable(rows);
} catch (err) {
  console.error(`bench failed: ${err.stack ?? err.message}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
