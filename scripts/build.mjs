#!/usr/bin/env node
/**
 * `npm run build`: the static book in dist/ (or $BLR_OUT).
 *
 *  1. the client script of every page (Vite, vite.config.ts);
 *  2. the prerenderer, as Vite's SSR build of src/app/prerender.tsx, rendered with React's
 *     renderToString into one HTML file per page: home, every chapter of content/chapters.ts at
 *     SLUG/, Table 1 at table/, the demo page at demo/ — with per-page title, description,
 *     canonical link and Open Graph tags — and sitemap.xml;
 *  3. the <blr-figure> element (vite.embed.config.ts) in embed/;
 *  4. the search index (Pagefind, from the prerendered chapters) in pagefind/;
 *  5. the offline service worker sw.js (Workbox generateSW), precaching every page, the figures'
 *     code, the fonts' woff2 files and the search index.
 *
 * Environment: BLR_OUT (output folder), SITE_URL (the book's absolute address, e.g.
 * https://example.org/blr/, for absolute canonical links and sitemap entries; without it they are
 * relative), BLR_BUILD_ID (a label written into the client script, <html data-build>).
 * Figure pictures come from build/figure-snapshots.json. When a figure has none, or the figures'
 * sources (src/widgets, src/engine, src/worker, the stylesheet, the figures' props in the
 * chapters) changed since they were recorded, the build records them again in headless Chromium
 * (scripts/snapshot-figures.mjs) and rewrites the pages; BLR_SNAPSHOTS=off skips that (the
 * pages then keep the pictures they have), BLR_SNAPSHOTS=force records them regardless.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';
import { pageHtml, sitemapXml } from '../build/page-html.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = resolve(ROOT, process.env.BLR_OUT ?? 'dist');
const SSR_OUT = join(ROOT, 'node_modules/.blr-prerender', process.env.BLR_BUILD_ID ?? 'book');
let siteUrl = process.env.SITE_URL || undefined;
if (siteUrl && !siteUrl.endsWith('/')) siteUrl += '/';

const t0 = Date.now();
const step = (what) => console.log(`\n[build] ${what} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

step('client');
await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), build: { outDir: OUT, emptyOutDir: true } });

step('prerenderer (SSR build)');
await build({
  root: ROOT,
  configFile: join(ROOT, 'vite.config.ts'),
  logLevel: 'warn',
  build: { ssr: 'src/app/prerender.tsx', outDir: SSR_OUT, emptyOutDir: true, copyPublicDir: false, minify: false },
  ssr: { noExternal: true },
});

step('pages');
const renderer = await import(pathToFileURL(join(SSR_OUT, 'prerender.js')).href);
const snapshotFile = join(ROOT, 'build/figure-snapshots.json');
const stored = existsSync(snapshotFile) ? JSON.parse(readFileSync(snapshotFile, 'utf8')) : {};
const template = readFileSync(join(OUT, 'index.html'), 'utf8');
const pages = renderer.pages();
const PRELOAD_FONTS = /^KaTeX_(Main-Regular|Math-Italic|Main-Bold|Main-Italic|Size1-Regular|Size2-Regular|AMS-Regular)-[\w-]+\.woff2$/;
const preload = readdirSync(join(OUT, 'assets')).filter((f) => PRELOAD_FONTS.test(f)).map((f) => `assets/${f}`);

/** Writes every page with these figure pictures; returns the figures the pages hold. */
async function writePages(snapshots, quiet) {
  renderer.setSnapshots(snapshots);
  const figures = [];
  for (const page of pages) {
    const rendered = await renderer.renderPage(page);
    figures.push(...rendered.figures);
    const dir = join(OUT, page.path);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.html'), pageHtml(template, page, rendered.body, { siteUrl, preload }));
    if (!quiet) console.log(`  ${page.path || './'}  ${page.kind}${rendered.figures.length ? `, figures: ${rendered.figures.map((f) => f.id).join(' ')}` : ''}`);
  }
  return figures;
}

/** What the pictures depend on: the figures' code and styles, and each figure's props. */
function sourceHash(figures) {
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(tsx?|css)$/.test(name)) hash.update(`${p.slice(ROOT.length)}\n`).update(readFileSync(p));
    }
  };
  for (const d of ['src/widgets', 'src/engine', 'src/worker']) walk(join(ROOT, d));
  hash.update(readFileSync(join(ROOT, 'src/styles/book.css')));
  hash.update(JSON.stringify(figures));
  return hash.digest('hex').slice(0, 16);
}

const figures = await writePages(stored.figures ?? {}, false);
writeFileSync(join(OUT, 'sitemap.xml'), sitemapXml(pages, { siteUrl }));
const hash = sourceHash(figures);
const missing = figures.filter((f) => !stored.figures?.[f.id]).map((f) => f.id);
const mode = process.env.BLR_SNAPSHOTS ?? 'auto';
if (mode === 'force' || (mode !== 'off' && (missing.length || stored.hash !== hash))) {
  step(`figure pictures (${missing.length ? `missing: ${missing.join(', ')}` : mode === 'force' ? 'forced' : 'the figures changed'}), in headless Chromium`);
  try {
    const { recordSnapshots } = await import('./snapshot-figures.mjs');
    const recorded = await recordSnapshots(OUT, (line) => console.log(line));
    writeFileSync(snapshotFile, `${JSON.stringify({ hash, figures: recorded }, null, 1)}\n`);
    await writePages(recorded, true);
    console.log(`  ${Object.keys(recorded).length} pictures recorded in build/figure-snapshots.json (commit it)`);
  } catch (e) {
    console.warn(`[build] could not record the figure pictures (${e.message}); the pages keep the ones they have.`);
  }
} else if (missing.length) {
  console.warn(`\n[build] no static picture for ${missing.join(', ')} (BLR_SNAPSHOTS=off).`);
}

step('<blr-figure> element');
await build({ root: ROOT, configFile: join(ROOT, 'vite.embed.config.ts'), logLevel: 'warn', build: { outDir: join(OUT, 'embed') } });

step('search index (Pagefind)');
const pagefind = await import('pagefind');
const { index, errors } = await pagefind.createIndex({});
if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
const added = await index.addDirectory({ path: OUT });
if (added.errors.length) throw new Error(`pagefind: ${added.errors.join('; ')}`);
rmSync(join(OUT, 'pagefind'), { recursive: true, force: true });
await index.writeFiles({ outputPath: join(OUT, 'pagefind') });
await pagefind.close();
console.log(`  ${added.page_count} pages indexed`);

step('service worker (Workbox)');
const { generateSW } = await import('workbox-build');
const sw = await generateSW({
  globDirectory: OUT,
  globPatterns: ['**/*.{html,js,css,woff2,svg,png,webmanifest}', 'pagefind/**/*'],
  // The element's bundle is for other sites; KaTeX's .woff/.ttf copies are for old browsers.
  globIgnores: ['embed/**', 'sw.js', 'workbox-*.js'],
  swDest: join(OUT, 'sw.js'),
  inlineWorkboxRuntime: true,
  mode: 'production',
  sourcemap: false,
  // A new build waits until the reader reloads (src/app/sw-register.ts), so a page never mixes
  // files of two builds; a first install takes control at once.
  skipWaiting: false,
  clientsClaim: true,
  cleanupOutdatedCaches: true,
  // Figure state lives in the query: every `?…` of a page is the same prerendered file.
  ignoreURLParametersMatching: [/.*/],
  directoryIndex: 'index.html',
  // Hashed files never change under the same name; the rest are checked by their revision.
  dontCacheBustURLsMatching: /\/assets\//,
  maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
  runtimeCaching: [{ urlPattern: /\.(?:woff|ttf)$/, handler: 'CacheFirst', options: { cacheName: 'blr-fonts' } }],
});
console.log(`  ${sw.count} files precached (${(sw.size / 1024).toFixed(0)} kB)`);
for (const w of sw.warnings) console.warn(`  workbox: ${w}`);

step('done');
