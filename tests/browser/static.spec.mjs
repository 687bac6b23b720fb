/**
 * The static-first book (issue 11): every page is prerendered HTML that holds its whole text,
 * math and figures' static pictures; figures mount as islands without moving the page; the old
 * query-string links land where they did; the book works from a sub-folder; search finds a
 * section, online and offline.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from './static-server.mjs';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const DIST = resolve(ROOT, process.env.BLR_DIST ?? 'dist');

/** The chapter folders the built home page links to (read once, when the spec loads). */
function builtChapters() {
  const file = join(DIST, 'index.html');
  if (!existsSync(file)) return [];
  const html = readFileSync(file, 'utf8');
  const list = html.match(/<ol class="chapter-list">([\s\S]*?)<\/ol>/)?.[1] ?? '';
  return [...new Set([...list.matchAll(/href="\.\/([^"/]+)\/"/g)].map((m) => m[1]))];
}
const CHAPTERS = builtChapters();
const PAGES = [{ path: './', kind: 'home' }, ...CHAPTERS.map((slug) => ({ path: `./${slug}/`, kind: 'chapter', slug })), { path: './table/', kind: 'table' }, { path: './demo/', kind: 'demo' }];

/** What a page's HTML holds, read in the page (works with JavaScript off). */
const contentOf = (page) => page.evaluate(() => ({
  h1: document.querySelector('h1')?.textContent.trim() ?? '',
  h2: document.querySelectorAll('main h2').length,
  katex: document.querySelectorAll('.katex').length,
  islands: document.querySelectorAll('.figure-island').length,
  pictures: [...document.querySelectorAll('.figure-island')].filter((i) => i.querySelector('.figure-static-picture svg') && i.querySelector('figcaption')).length,
  jsNotes: [...document.querySelectorAll('.figure-js-note')].filter((n) => n.getBoundingClientRect().height > 0).length,
  title: document.title,
}));

function checkContent(where, c, kind) {
  if (!c.h1) throw new Error(`${where}: no h1`);
  if (kind !== 'chapter') return;
  if (c.h2 < 2) throw new Error(`${where}: ${c.h2} section headings`);
  if (c.katex < 10) throw new Error(`${where}: only ${c.katex} KaTeX formulas`);
  if (c.islands < 1) throw new Error(`${where}: no figure`);
  if (c.pictures !== c.islands) throw new Error(`${where}: ${c.islands - c.pictures} of ${c.islands} figures have no static picture with its caption`);
}

/**
 * Scrolls through the page, letting every figure mount; returns the layout-shift sum from the
 * first scroll on (the shifts of loading itself, e.g. a late font, are the bench's: npm run
 * bench:page reports CLS with them).
 */
async function scrollThrough(page, poll) {
  await page.evaluate(() => document.fonts.ready);
  await page.evaluate(() => {
    window.__shift = { sum: 0, entries: [] };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.hadRecentInput) continue;
        window.__shift.sum += e.value;
        window.__shift.entries.push({ value: e.value, at: Math.round(scrollY), sources: (e.sources ?? []).map((s) => s.node?.className || s.node?.nodeName || '?').slice(0, 3) });
      }
    }).observe({ type: 'layout-shift' });
  });
  // The page's height is read again at each step, in case anything grows while it scrolls.
  for (let y = 0; y < (await page.evaluate(() => document.documentElement.scrollHeight)); y += 500) {
    await page.evaluate((y) => scrollTo(0, y), y);
    // Every figure near the viewport has mounted (or says it failed) before scrolling on.
    await poll(() => page.evaluate(() => [...document.querySelectorAll('.figure-island')].every((i) => {
      const r = i.getBoundingClientRect();
      const near = r.bottom > -500 && r.top < innerHeight + 500; // inside the islands' 600 px margin
      return !near || ['live', 'failed'].includes(i.dataset.islandState);
    })), { timeout: 20_000, message: async () => `figures near y=${y} did not mount: ${await page.evaluate(() => [...document.querySelectorAll('.figure-island')].map((i) => `${i.dataset.island} ${i.dataset.islandState ?? 'static'} at ${Math.round(i.getBoundingClientRect().top)}`).join(', '))}` });
  }
  await poll(() => page.evaluate(() => [...document.querySelectorAll('.figure-island')].every((i) => i.dataset.islandState === 'live')), { timeout: 30_000, message: async () => `not every figure mounted: ${await page.evaluate(() => [...document.querySelectorAll('.figure-island')].map((i) => `${i.dataset.island} ${i.dataset.islandState ?? 'static'} at ${Math.round(i.getBoundingClientRect().top)}`).join(', '))}` });
  // Two frames for the last shifts to be reported.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return page.evaluate(() => window.__shift);
}

const jsOffTests = PAGES.map((p) => ({
  name: `with JavaScript off, ${p.path} shows its text, math and every figure's static picture`,
  async run({ browser, baseURL }) {
    const context = await browser.newContext({ baseURL, javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      await page.goto(p.path);
      const c = await contentOf(page);
      checkContent(p.path, c, p.kind);
      if (c.jsNotes !== c.islands) throw new Error(`${p.path}: ${c.jsNotes} of ${c.islands} figures say that the live figure needs JavaScript`);
    } finally {
      await context.close();
    }
    // A plain HTTP fetch of the built file holds the same.
    const html = await (await fetch(new URL(p.path, baseURL))).text();
    if (!/<h1[\s>]/.test(html)) throw new Error(`${p.path}: the fetched HTML has no <h1>`);
    if (!/<title>[^<]+<\/title>/.test(html) || !/<meta name="description" content="[^"]+"/.test(html)) throw new Error(`${p.path}: no title or description`);
    if (!/<link rel="canonical" href="[^"]+"/.test(html) || !/<meta property="og:title" content="[^"]+"/.test(html)) throw new Error(`${p.path}: no canonical link or Open Graph title`);
    if (p.kind === 'chapter') {
      const katex = (html.match(/class="katex"/g) ?? []).length;
      const islands = (html.match(/class="figure-island"/g) ?? []).length;
      const pictures = (html.match(/class="figure-static-picture"/g) ?? []).length;
      if (katex < 10) throw new Error(`${p.path}: the fetched HTML has ${katex} KaTeX formulas`);
      if (!islands || pictures !== islands) throw new Error(`${p.path}: the fetched HTML has ${pictures} static pictures for ${islands} figures`);
      if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) throw new Error(`${p.path}: an inline script`);
    }
  },
}));

const shiftTests = CHAPTERS.map((slug) => ({
  name: `layout shift while scrolling through ${slug} and every figure mounts ≤ 0.02`,
  timeout: 120_000,
  async run({ page, poll }) {
    await page.goto(`./${slug}/`);
    const shift = await scrollThrough(page, poll);
    if (!(shift.sum <= 0.02)) throw new Error(`${slug}: layout shift ${shift.sum.toFixed(4)} > 0.02: ${JSON.stringify(shift.entries.slice(0, 8))}`);
  },
}));

const distinctTitles = {
  name: 'every page has its own title, description and canonical link; sitemap.xml lists every page',
  async run({ baseURL }) {
    const seen = new Map();
    for (const p of PAGES) {
      const html = await (await fetch(new URL(p.path, baseURL))).text();
      const title = html.match(/<title>([^<]+)<\/title>/)[1];
      const description = html.match(/<meta name="description" content="([^"]+)"/)[1];
      for (const [k, v] of [['title', title], ['description', description]]) {
        if (seen.has(`${k}:${v}`)) throw new Error(`${p.path} has the same ${k} as ${seen.get(`${k}:${v}`)}: ${v}`);
        seen.set(`${k}:${v}`, p.path);
      }
    }
    const sitemap = await (await fetch(new URL('./sitemap.xml', baseURL))).text();
    for (const p of PAGES.filter((p) => p.kind === 'chapter')) {
      if (!sitemap.includes(`${p.slug}/</loc>`)) throw new Error(`sitemap.xml does not list ${p.slug}/`);
    }
  },
};

const oldLinks = {
  name: 'old ?ch=, ?table=1, ?demo= and ?embed= links land on the right page, anchor and figure state',
  timeout: 60_000,
  async run({ page, poll }) {
    // A chapter and an equation anchor far down the page.
    await page.goto('./?ch=natural-gradients#eq-2.9');
    await poll(async () => new URL(page.url()).pathname.endsWith('/natural-gradients/'), { timeout: 10_000, message: () => `?ch=natural-gradients went to ${page.url()}` });
    if (new URL(page.url()).hash !== '#eq-2.9') throw new Error(`the anchor was lost: ${page.url()}`);
    await poll(() => page.evaluate(() => {
      const r = document.getElementById('eq-2.9')?.getBoundingClientRect();
      return !!r && r.top >= -2 && r.top < innerHeight / 2;
    }), { timeout: 10_000, message: 'equation 2.9 is not at the top of the window' });
    // Every chapter by its old link.
    for (const slug of CHAPTERS) {
      await page.goto(`./?ch=${slug}`);
      await poll(async () => new URL(page.url()).pathname.endsWith(`/${slug}/`), { timeout: 10_000, message: () => `?ch=${slug} went to ${page.url()}` });
    }
    // Figure state in the old link reaches the figure.
    await page.goto('./?ch=natural-gradients&paths-quad.rho=0.3');
    await poll(async () => new URL(page.url()).pathname.endsWith('/natural-gradients/'), { timeout: 10_000, message: 'no redirect' });
    const fig = page.locator('[data-widget="paths-quad"]');
    await fig.scrollIntoViewIfNeeded();
    await poll(async () => (await fig.getAttribute('data-status')) !== null, { timeout: 15_000, message: 'paths-quad did not mount' });
    await poll(async () => (await fig.locator('input[type="number"][data-setting="rho"]').inputValue().catch(() => '')) === '0.3', { timeout: 10_000, message: 'rho=0.3 from the link did not reach the figure' });
    // Table 1, demo sequences, embeds.
    await page.goto('./?table=1&open=em');
    await poll(async () => new URL(page.url()).pathname.endsWith('/table/') && new URL(page.url()).searchParams.get('open') === 'em', { timeout: 10_000, message: () => `?table=1 went to ${page.url()}` });
    await page.goto('./?demo=wall,flatsharp&at=2');
    await poll(async () => new URL(page.url()).pathname.endsWith('/demo/') && (await page.locator('[data-demo-position="2"]').count()) === 1, { timeout: 10_000, message: () => `?demo= went to ${page.url()}` });
    await page.goto('./natural-gradients/?embed=wall');
    await poll(async () => (await page.locator('.embed-page [data-widget="wall"]').count()) === 1, { timeout: 10_000, message: () => `an embed link from a chapter folder went to ${page.url()}` });
  },
};

const subPath = {
  name: 'the book served from a sub-folder (/blr/): navigation, figures, search and offline',
  timeout: 120_000,
  async run({ browser, poll }) {
    const server = await serveStatic(DIST, { base: '/blr/', cache: 'no-cache' });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const errors = [];
    context.on('weberror', (e) => errors.push(String(e.error())));
    // Requests a navigation cancels (net::ERR_ABORTED) are not failures of the book.
    context.on('requestfailed', (r) => !/ERR_ABORTED/.test(r.failure()?.errorText ?? '') && errors.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
    try {
      const page = await context.newPage();
      await page.goto(server.url);
      await page.locator('.chapter-list a').nth(1).click();
      await poll(async () => new URL(page.url()).pathname === `/blr/${CHAPTERS[1]}/`, { timeout: 10_000, message: () => `the chapter link went to ${page.url()}` });
      const missing = [];
      page.on('response', (r) => r.status() >= 400 && missing.push(r.url()));
      const fig = page.locator('[data-widget="paths-quad"]');
      await fig.scrollIntoViewIfNeeded();
      await poll(async () => (await fig.getAttribute('data-status')) === 'idle', { timeout: 20_000, message: 'the figure did not mount under /blr/' });
      await fig.getByRole('button', { name: 'Play', exact: true }).click();
      await poll(async () => Number(await fig.locator('output[data-readout="step"]').first().textContent()) > 2, { timeout: 10_000, message: 'the figure does not run under /blr/' });
      await search(page, 'Newton', poll);
      await closeSearch(page);
      await page.locator('a.brand').click();
      await poll(async () => new URL(page.url()).pathname === '/blr/', { timeout: 10_000, message: () => `the brand link went to ${page.url()}` });
      // Offline after this visit.
      await poll(async () => page.evaluate(() => !!navigator.serviceWorker.controller) || (await page.reload(), false), { timeout: 30_000, message: 'the service worker never took control under /blr/' });
      await poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state === 'activated'), { timeout: 30_000, message: 'the service worker did not activate' });
      await context.setOffline(true);
      await page.goto(`${server.url}${CHAPTERS[0]}/`);
      if (!(await page.locator('h1').first().textContent())) throw new Error('offline, the chapter has no h1');
      const wall = page.locator('[data-widget="wall"]');
      await wall.scrollIntoViewIfNeeded();
      await poll(async () => (await wall.getAttribute('data-status')) === 'idle', { timeout: 20_000, message: 'offline under /blr/, the figure did not mount' });
      await context.setOffline(false);
      if (missing.length) throw new Error(`files not found under /blr/: ${missing.join(', ')}`);
      if (errors.length) throw new Error(errors.join('\n'));
    } finally {
      await context.close();
      await server.close();
    }
  },
};

/** Opens the search with `/`, types `term`, returns the result links (href, text) in order. */
async function search(page, term, poll) {
  await page.locator('body').press('Escape').catch(() => {});
  await page.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
  await page.keyboard.press('/');
  const input = page.locator('.search-dialog input[type="search"]');
  await input.waitFor({ state: 'visible' });
  await input.fill(term);
  await poll(async () => (await page.locator('.search-dialog .search-section').count()) > 0, { timeout: 15_000, message: async () => `no result for “${term}”: ${await page.locator('.search-status').textContent()}` });
  const links = await page.locator('.search-dialog .search-section').evaluateAll((as) => as.map((a) => ({ href: a.href, text: a.textContent })));
  return links;
}

async function closeSearch(page) {
  await page.keyboard.press('Escape');
  await page.locator('.search-dialog').waitFor({ state: 'hidden' });
}

/** The id of the section (h2/h3) of the chapter page at `url` whose text holds `phrase`, and all sections holding it. */
async function sectionsWith(page, phrase) {
  return page.evaluate((phrase) => {
    const hits = new Set();
    let current = null;
    for (const el of document.querySelectorAll('article.prose > *')) {
      if (/^H[23]$/.test(el.tagName) && el.id) current = el.id;
      else if (current && el.textContent.includes(phrase)) hits.add(current);
    }
    return [...hits];
  }, phrase);
}

const searchTest = {
  name: "search: a phrase in one section only (“Fisher's identity”) lists that section first, online and offline",
  timeout: 90_000,
  async run({ page, context, poll }) {
    await page.goto('./inference/');
    const sections = await sectionsWith(page, "Fisher's identity");
    if (sections.length < 1) throw new Error('no section of chapter 5 holds “Fisher\'s identity” (the content changed: pick another phrase)');
    const check = async (where) => {
      const links = await search(page, "Fisher's identity", poll);
      const first = new URL(links[0].href);
      if (!first.pathname.endsWith('/inference/') || !sections.includes(decodeURIComponent(first.hash.slice(1)))) {
        throw new Error(`${where}: the first result is ${links[0].href} (${links[0].text}), not the section ${sections.join(' / ')}`);
      }
      return links[0];
    };
    const first = await check('online');
    // Following the result lands on the section.
    await page.locator('.search-dialog .search-section').first().click();
    await poll(async () => new URL(page.url()).hash === new URL(first.href).hash, { timeout: 5000, message: 'the result link did not go to the section' });
    // Offline: once the service worker holds the book and its index.
    await poll(async () => page.evaluate(() => !!navigator.serviceWorker.controller) || (await page.reload(), false), { timeout: 30_000, message: 'the service worker never took control' });
    await poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state === 'activated'), { timeout: 30_000, message: 'the service worker did not activate' });
    await context.setOffline(true);
    await page.goto('./optimisation/');
    await check('offline');
    await context.setOffline(false);
  },
};

export default [
  ...(CHAPTERS.length ? [] : [{ name: 'the built home page lists chapters', run() { throw new Error(`${DIST}/index.html lists no chapter: build first`); } }]),
  ...jsOffTests,
  distinctTitles,
  oldLinks,
  searchTest,
  subPath,
  ...shiftTests,
];
