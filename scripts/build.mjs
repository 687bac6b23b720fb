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
 * Figure pictures come from build/figure-snapshots.json (`npm run snapshot:figures` refreshes it).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
const snapshots = existsSync(snapshotFile) ? JSON.parse(readFileSync(snapshotFile, 'utf8')) : {};
renderer.setSnapshots(snapshots);
const template = readFileSync(join(OUT, 'index.html'), 'utf8');
const pages = renderer.pages();
const missing = [];
for (const page of pages) {
  const rendered = await renderer.renderPage(page);
  for (const id of rendered.figures) if (!snapshots[id]) missing.push(id);
  const dir = join(OUT, page.path);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.html'), pageHtml(template, page, rendered.body, { siteUrl }));
  console.log(`  ${page.path || './'}  ${page.kind}${rendered.figures.length ? `, figures: ${rendered.figures.join(' ')}` : ''}`);
}
writeFileSync(join(OUT, 'sitemap.xml'), sitemapXml(pages, { siteUrl }));
if (missing.length) {
  console.warn(`\n[build] no static picture for ${missing.join(', ')}: run \`npm run snapshot:figures\` (their placeholders show no picture and may shift when they mount).`);
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
