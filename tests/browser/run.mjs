#!/usr/bin/env node
/**
 * A tiny browser test runner: headless Debian Chromium (playwright-core) against `dist/`.
 *
 *   npm run build && npm run test:browser [-- FILTER]
 *
 * FILTER (optional) keeps only the tests whose "file › name" contains it (case-insensitive).
 *
 * Spec files are tests/browser/*.spec.mjs. Each default-exports an array of tests:
 *
 *   export default [
 *     {
 *       name: 'home page has an h1',
 *       // optional: timeout (ms, default and minimum 60 000); allowErrors: true | RegExp — console errors and
 *       // page errors matching it (all of them for `true`) do not fail the test.
 *       async run({ page, context, browser, baseURL, freshPage, sleep, poll }) {
 *         await page.goto('./');                 // relative to baseURL (the preview server)
 *         if (await page.locator('h1').count() === 0) throw new Error('no h1');
 *       },
 *     },
 *   ];
 *
 * Each test gets a new browser context and page. A test fails if `run` throws, if it takes longer
 * than its timeout, or if any page of the test logged a console error or threw (unless allowed).
 * A failing test leaves screenshots of its open pages in test-results/.
 *
 * Helpers passed to `run`:
 *   freshPage()            another page in a new context (no shared storage), with the same error
 *                          capture; closed with the test.
 *   sleep(ms)              wait.
 *   poll(fn, {timeout, interval, message})
 *                          call async fn until it returns a truthy value; return it, or throw
 *                          (after at least MIN_POLL_TIMEOUT, 15 s, whatever timeout asks)
 *                          `message` (a string, or a maybe-async function of the last value)
 *                          after timeout.
 *
 * The module also exports ensureChromium(), launchChromium() and startPreview() for other scripts
 * (bench/page.bench.mjs). Importing it does not run the tests.
 */
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(HERE, '../..');
const RESULTS = join(ROOT, 'test-results');
/** Per test; a test whose work is heavier sets its own, far above its measured time. */
const DEFAULT_TIMEOUT = 60_000;
/**
 * The shortest time `poll` waits for a condition, whatever a spec asks: the suite must pass on a
 * slow, shared 2-core machine, and a poll only takes this long when its condition fails.
 */
const MIN_POLL_TIMEOUT = 15_000;

/** Flags that work headless as root on a closed network (see STACK-NOTES.md in the shared folder beside the repository). */
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Finds Chromium, installing Debian's package if needed; returns its path. */
export async function ensureChromium() {
  await import(pathToFileURL(join(ROOT, 'scripts/ensure-chromium.mjs')).href);
  return process.env.CHROMIUM_PATH;
}

/**
 * Launches headless Chromium. Playwright starts it with a fresh --user-data-dir in a temporary
 * directory (it refuses one in `args`) and deletes that directory on close.
 */
export async function launchChromium() {
  const executablePath = await ensureChromium();
  return chromium.launch({
    executablePath,
    args: CHROMIUM_ARGS,
    // We close the browser ourselves on signals; Playwright still kills it on process exit.
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
  });
}

/**
 * Serves the built book with Vite's preview server on a free port. Returns { url, close }.
 * The folder is dist/, or $BLR_DIST (for a build made elsewhere: `vite build --outDir DIR`).
 */
export async function startPreview() {
  const outDir = resolve(ROOT, process.env.BLR_DIST ?? 'dist');
  if (!existsSync(join(outDir, 'index.html'))) {
    throw new Error(`${join(outDir, 'index.html')} is missing: run \`npm run build\` first.`);
  }
  const server = await preview({
    root: ROOT,
    build: { outDir },
    logLevel: 'silent',
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const { port } = server.httpServer.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function poll(fn, { timeout: asked = 5000, interval = 100, message = 'condition not met' } = {}) {
  const timeout = Math.max(asked, MIN_POLL_TIMEOUT);
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > end) {
      let text = message;
      if (typeof message === 'function') {
        try { text = await message(last); } catch (err) { text = `condition not met (${err.message})`; }
      }
      throw new Error(`${text} (after ${timeout} ms)`);
    }
    await sleep(interval);
  }
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Console errors and uncaught page errors of every page in `context`, pushed to `errors`. */
function captureErrors(context, errors) {
  context.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const { url, lineNumber } = msg.location();
    errors.push(`console.error: ${msg.text()}${url ? ` (${url}:${lineNumber})` : ''}`);
  });
  context.on('weberror', (webError) => {
    const err = webError.error();
    errors.push(`page error: ${err?.stack || err?.message || String(err)}`);
  });
}

async function loadSpecs(filter) {
  const files = readdirSync(HERE).filter((f) => f.endsWith('.spec.mjs')).sort();
  const tests = [];
  for (const file of files) {
    const mod = await import(pathToFileURL(join(HERE, file)).href);
    const list = mod.default;
    if (!Array.isArray(list)) throw new Error(`${file}: the default export must be an array of { name, run }`);
    for (const t of list) {
      if (!t || typeof t.name !== 'string' || typeof t.run !== 'function') {
        throw new Error(`${file}: every test needs a string \`name\` and a function \`run\``);
      }
      const title = `${file.replace(/\.spec\.mjs$/, '')} › ${t.name}`;
      if (!filter || title.toLowerCase().includes(filter.toLowerCase())) tests.push({ ...t, title });
    }
  }
  return tests;
}

const slug = (s) => s.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').slice(0, 100);

async function runOne(test, { browser, baseURL }) {
  const errors = [];
  const contexts = [];
  const newContext = async () => {
    const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(10_000);
    captureErrors(context, errors);
    contexts.push(context);
    return context;
  };
  const context = await newContext();
  const page = await context.newPage();
  const freshPage = async () => (await newContext()).newPage();
  const started = Date.now();
  let failure = null;
  try {
    // A test may ask for more time than the default, never less (see DEFAULT_TIMEOUT).
    const timeout = Math.max(test.timeout ?? 0, DEFAULT_TIMEOUT);
    await withTimeout(
      test.run({ page, context, browser, baseURL, freshPage, sleep, poll }),
      timeout, 'test',
    );
    await sleep(50); // let late console messages arrive
    const allow = test.allowErrors;
    const unexpected = errors.filter((e) => !(allow === true || (allow instanceof RegExp && allow.test(e))));
    if (unexpected.length) {
      failure = new Error(`the page logged ${unexpected.length} error(s):\n${unexpected.join('\n')}`);
    }
  } catch (err) {
    failure = err instanceof Error ? err : new Error(String(err));
    if (errors.length) failure.message += `\n(and the page logged:\n${errors.join('\n')})`;
  }
  if (failure) {
    const shots = [];
    for (const [i, p] of contexts.flatMap((c) => c.pages()).entries()) {
      const path = join(RESULTS, `${slug(test.title)}${i ? `-${i}` : ''}.png`);
      try {
        await withTimeout(p.screenshot({ path, timeout: 5000 }), 6000, 'screenshot');
        shots.push(relative(ROOT, path));
      } catch { /* page crashed or closed */ }
    }
    failure.shots = shots;
  }
  await Promise.all(contexts.map((c) => withTimeout(c.close(), 10_000, 'closing a context').catch(() => {})));
  return { failure, ms: Date.now() - started };
}

/** Drops the browser's launch log that Playwright appends to some errors. */
function shorten(message) {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips the ANSI colour codes (ESC [ … m) of assertion messages
  return message.replace(/\x1b\[[0-9;]*m/g, '').replace(/\n\s*Browser logs:[\s\S]*/, '').trimEnd();
}

function indent(text, by = '    ') {
  return text.split('\n').map((l) => by + l).join('\n');
}

async function main() {
  const filter = process.argv.slice(2).find((a) => !a.startsWith('-'));
  let browser = null;
  let server = null;
  let cleaning = null;
  let interrupted = false;
  let passed = 0;
  let failed = 0;
  const cleanup = () => (cleaning ??= (async () => {
    await Promise.allSettled([
      browser && withTimeout(browser.close(), 10_000, 'closing Chromium'),
      server && withTimeout(server.close(), 5_000, 'closing the preview server'),
    ]);
  })());
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, async () => {
      interrupted = true;
      console.log(`${signal}: stopping; closing Chromium and the preview server`);
      await cleanup();
      console.log(`${passed} passed, ${failed} failed`);
      process.exit(130);
    });
  }

  try {
    const tests = await loadSpecs(filter);
    if (tests.length === 0) throw new Error(filter ? `no test matches "${filter}"` : 'no tests in tests/browser/*.spec.mjs');
    rmSync(RESULTS, { recursive: true, force: true });
    mkdirSync(RESULTS, { recursive: true });
    server = await startPreview();
    browser = await launchChromium();
    console.log(`Chromium ${browser.version()} · ${server.url} · ${tests.length} test(s)`);
    for (const test of tests) {
      if (interrupted) break;
      const { failure, ms } = await runOne(test, { browser, baseURL: server.url });
      if (interrupted) break;
      if (failure) {
        failed++;
        console.log(`✗ ${test.title} (${ms} ms)`);
        console.log(indent(shorten(failure.message)));
        if (failure.shots?.length) console.log(indent(`screenshot: ${failure.shots.join(', ')}`));
      } else {
        passed++;
        console.log(`✓ ${test.title} (${ms} ms)`);
      }
    }
  } catch (err) {
    if (interrupted) return;
    failed++;
    console.log(`✗ runner: ${shorten(err.message)}`);
  } finally {
    await cleanup();
  }
  if (interrupted) return; // the signal handler prints the summary and exits
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
