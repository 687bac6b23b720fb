/**
 * Embeds on a course page of another origin (issue 6): the iframe with the height message and
 * the <blr-figure> element from the library build, both on a plain HTML page served by a tiny
 * node:http server on another loopback port; and the book's Content-Security-Policy.
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Not imported from run.mjs: the runner imports this file while its own top-level await runs.
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The host snippet from docs/EMBEDDING.md, so the docs and the test cannot drift apart. */
function hostSnippet() {
  const doc = readFileSync(`${ROOT}docs/EMBEDDING.md`, 'utf8');
  const block = [...doc.matchAll(/```html\n([\s\S]*?)```/g)].map((m) => m[1]).find((b) => b.includes("addEventListener('message'"));
  if (!block) throw new Error('docs/EMBEDDING.md has no host snippet');
  return block;
}

/** Serves one HTML string at / on 127.0.0.1 (a different origin from the book's server). */
async function serveCoursePage(html, headers = {}) {
  const server = createServer((req, res) => {
    if (req.url === '/' || req.url.startsWith('/?')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers });
      res.end(html);
    } else if (req.url === '/favicon.ico') {
      res.writeHead(204);
      res.end();
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) };
}

function coursePage(book, { autoplay = false } = {}) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A course page</title>
<style>
  /* Hostile host styles: none of this may reach the element's figure. */
  body { font: 40px/3 serif; color: red; letter-spacing: 5px; text-transform: uppercase; }
  button, figure, output { display: none !important; }
  .blr-figure, .figure-main { display: none; }
  div { border: 5px solid lime; }
</style></head>
<body>
  <h1>Week 3: flat minima</h1>
  <div class="notice" id="host-notice">A host element with the book's class names.</div>
  <iframe id="book-frame" src="${book}?embed=wall&wall.tau=0.5" title="BLR Explorable: wall" width="100%" height="300" style="border:0"></iframe>
  <script type="module" src="${book}embed/blr-figure.js"></script>
  <blr-figure figure="flatsharp" state="tau=0.1"${autoplay ? ' autoplay' : ''}></blr-figure>
  ${hostSnippet()}
</body></html>`;
}

/** Records securitypolicyviolation events of every frame in window.__csp. */
const recordCsp = () => {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
};

const stepOf = async (fig) => Number(((await fig.locator('output[data-readout="step"]').first().textContent()) ?? '').trim());

async function firstFrame(fig, poll, what) {
  await fig.waitFor({ state: 'attached', timeout: 15_000 });
  await poll(async () => /^\d+$/.test(((await fig.locator('output[data-readout="step"]').first().textContent().catch(() => '')) ?? '').trim()), {
    timeout: 15_000,
    message: `${what} never showed its first frame`,
  });
}

/**
 * The host CSP that docs/EMBEDDING.md prescribes for the element, read from the docs (the line
 * after "<!-- host-csp -->"), with BOOK replaced by the book's address.
 */
function documentedHostCsp(book) {
  const doc = readFileSync(`${ROOT}docs/EMBEDDING.md`, 'utf8');
  const m = doc.match(/<!-- host-csp -->\s*```\s*\n([^\n]+)\n```/);
  if (!m) throw new Error('docs/EMBEDDING.md has no host CSP block after <!-- host-csp -->');
  return m[1].replaceAll('BOOK', book.replace(/\/$/, ''));
}

/** A course page holding one element and nothing inline (so a strict script-src can apply). */
const elementPage = (book, figure = 'paths-quad') => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A strict course page</title></head><body>
  <h1>Week 4</h1>
  <script type="module" src="${book}embed/blr-figure.js"></script>
  <blr-figure figure="${figure}"></blr-figure></body></html>`;

export default [
  {
    name: 'a course page on another origin: the iframe and the element both run, the iframe follows its height, no errors',
    timeout: 120_000,
    async run({ page, context, baseURL, poll }) {
      const course = await serveCoursePage(coursePage(baseURL));
      try {
        if (new URL(course.url).origin === new URL(baseURL).origin) throw new Error('the course page must be on another origin');
        await context.addInitScript(recordCsp);
        // The runner captures console errors of the whole context; also name the iframe's.
        const frameErrors = [];
        page.on('console', (m) => m.type() === 'error' && m.location().url?.startsWith(baseURL) && frameErrors.push(m.text()));
        page.on('pageerror', (e) => frameErrors.push(String(e)));
        await page.goto(course.url);

        // The iframe: its figure runs.
        const frame = page.frameLocator('#book-frame');
        const wall = frame.locator('[data-widget="wall"]');
        await firstFrame(wall, poll, 'the iframe');
        if ((await wall.locator('input[data-setting="tau"]').inputValue()) !== '0.5') throw new Error('the iframe ignored its state');
        await wall.getByRole('button', { name: 'Play', exact: true }).click();
        await poll(async () => (await stepOf(wall)) > 3, { timeout: 8000, message: 'the iframe’s figure does not advance' });

        // Its height follows its content (set by the documented host snippet).
        const bookFrame = page.frames().find((f) => f.url().startsWith(baseURL));
        if (!bookFrame) throw new Error('no frame of the book');
        const heights = async () => ({
          iframe: await page.locator('#book-frame').evaluate((el) => el.getBoundingClientRect().height),
          content: await bookFrame.evaluate(() => document.documentElement.getBoundingClientRect().height),
        });
        const close = async () => {
          const h = await heights();
          return Math.abs(h.iframe - h.content) <= 3 && h.content > 400 ? h : null;
        };
        const first = await poll(close, { timeout: 8000, message: async () => `the iframe's height does not follow its content: ${JSON.stringify(await heights())}` });
        await wall.getByRole('button', { name: 'Embed', exact: true }).click();
        const grown = await poll(async () => {
          const h = await close();
          return h && h.iframe > first.iframe + 50 ? h : null;
        }, { timeout: 8000, message: async () => `the iframe did not grow with its content (${first.iframe} → ${JSON.stringify(await heights())})` });
        await wall.getByRole('button', { name: 'Embed', exact: true }).click();
        await poll(async () => {
          const h = await close();
          return h && h.iframe < grown.iframe - 50;
        }, { timeout: 8000, message: async () => `the iframe did not shrink back (${JSON.stringify(await heights())})` });

        // The element: runs in its shadow root with its own state, host CSS cannot hide it.
        const flat = page.locator('blr-figure [data-widget="flatsharp"]');
        await firstFrame(flat, poll, 'the element');
        if ((await flat.locator('input[data-setting="tau"]').inputValue()) !== '0.1') throw new Error('the element ignored its state attribute');
        const play = flat.getByRole('button', { name: 'Play', exact: true });
        if (!(await play.isVisible())) throw new Error('the host page’s CSS hides the element’s buttons');
        await play.click();
        await poll(async () => (await stepOf(flat)) > 3, { timeout: 8000, message: 'the element’s figure does not advance' });
        const style = await flat.evaluate((el) => {
          const s = getComputedStyle(el);
          return { font: s.fontSize, color: s.color, spacing: s.letterSpacing, transform: s.textTransform, display: s.display };
        });
        if (style.display === 'none' || style.color === 'rgb(255, 0, 0)' || style.spacing === '5px' || style.transform === 'uppercase' || Math.abs(parseFloat(style.font) - 16.2) > 0.5) {
          throw new Error(`host styles reached the element: ${JSON.stringify(style)}`);
        }
        // …and the element's styles do not leak into the host page.
        const hostNotice = await page.locator('#host-notice').evaluate((el) => getComputedStyle(el).display);
        if (hostNotice !== 'block') throw new Error(`the element's styles reached the host page (.notice is ${hostNotice})`);
        if (await page.locator('head style').count() !== 1 || await page.locator('head link[rel="stylesheet"]').count()) throw new Error('the element added styles to the host page');
        // A changed setting stays in the element: the host's address is untouched.
        const field = flat.locator('input[data-setting="rho"]');
        await field.fill('0.2');
        await field.press('Enter');
        await poll(async () => (await flat.getAttribute('data-status')) !== 'error' && (await field.inputValue()) === '0.2', { timeout: 10_000, message: 'the element did not take ρ = 0.2' });
        // A figure that syncs its settings to the address marks itself data-url-sync; the element's must not.
        if (await flat.getAttribute('data-url-sync')) throw new Error('the element’s figure syncs its settings to an address');
        if (page.url() !== course.url) throw new Error(`the element changed the host page's address: ${page.url()}`);

        const csp = [...(await page.evaluate(() => window.__csp)), ...(await bookFrame.evaluate(() => window.__csp))];
        if (csp.length) throw new Error(`CSP violations: ${csp.join('; ')}`);
        if (frameErrors.length) throw new Error(`errors: ${frameErrors.join('; ')}`);
      } finally {
        await course.close();
      }
    },
  },
  {
    name: 'two elements share one pool; unknown figure ids say what exists; autoplay starts the run',
    timeout: 40_000,
    async run({ page, baseURL, poll }) {
      const course = await serveCoursePage(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Two figures</title></head><body>
        <script type="module" src="${baseURL}embed/blr-figure.js"></script>
        <blr-figure figure="wall" autoplay></blr-figure>
        <blr-figure figure="paths-quad" state="rho=0.15"></blr-figure>
        <blr-figure figure="nope"></blr-figure></body></html>`);
      try {
        // Count the engine workers the page starts (blob wrappers, one pool for all elements).
        await page.addInitScript(() => {
          window.__workers = 0;
          const W = window.Worker;
          window.Worker = class extends W {
            constructor(...a) {
              super(...a);
              window.__workers++;
            }
          };
        });
        await page.goto(course.url);
        const wall = page.locator('blr-figure [data-widget="wall"]');
        await firstFrame(wall, poll, 'the autoplay element');
        await poll(async () => (await stepOf(wall)) > 3, { timeout: 8000, message: 'autoplay did not start the run' });
        const quad = page.locator('blr-figure [data-widget="paths-quad"]');
        await quad.scrollIntoViewIfNeeded();
        await firstFrame(quad, poll, 'the second element');
        if ((await quad.locator('input[data-setting="rho"]').inputValue()) !== '0.15') throw new Error('the second element ignored its state');
        const workers = await page.evaluate(() => window.__workers);
        const cores = await page.evaluate(() => navigator.hardwareConcurrency || 2);
        if (workers < 1 || workers > Math.max(2, Math.min(4, cores - 1))) throw new Error(`${workers} workers for two elements: not one shared pool`);
        await poll(async () => /no figure called “nope”/.test((await page.locator('blr-figure[figure="nope"] .blr-element-error').textContent().catch(() => '')) ?? ''), {
          timeout: 5000,
          message: 'an unknown id does not list the figures',
        });
      } finally {
        await course.close();
      }
    },
  },
  {
    name: 'time from load to the first animated frame (embed page and element, autoplay)',
    timeout: 40_000,
    async run({ page, baseURL, poll }) {
      // Marks the first frame whose step readout is above 0, from the start of navigation.
      await page.addInitScript(() => {
        const find = () => document.querySelector('output[data-readout="step"]') ?? document.querySelector('blr-figure')?.shadowRoot?.querySelector('output[data-readout="step"]');
        const tick = () => {
          const n = Number(find()?.textContent?.trim() ?? '');
          if (n > 0) window.__firstAnimated = performance.now();
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      const measure = async (url) => {
        await page.goto(url);
        return Math.round(await poll(() => page.evaluate(() => window.__firstAnimated), { timeout: 15_000, message: `no animated frame on ${url}` }));
      };
      const iframeMs = await measure(`${baseURL}?embed=wall&autoplay=1`);
      const course = await serveCoursePage(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>One figure</title></head><body>
        <script type="module" src="${baseURL}embed/blr-figure.js"></script><blr-figure figure="wall" autoplay></blr-figure></body></html>`);
      try {
        const elementMs = await measure(course.url);
        console.log(`    embed page → first animated frame: ${iframeMs} ms; element on another origin: ${elementMs} ms`);
      } finally {
        await course.close();
      }
    },
  },
  {
    name: 'the book’s CSP: no violations while every chapter’s figures play, a custom formula included; the policy is enforced',
    timeout: 180_000, // two chapters' figures played one by one: ~30–60 s measured under load
    allowErrors: /Executing inline script violates|Refused to execute inline script/, // the deliberate probe at the end
    async run({ page, context, poll }) {
      await context.addInitScript(recordCsp);
      for (const slug of ['from-loss-to-distribution', 'natural-gradients']) {
        await page.goto(`./?ch=${slug}`);
        await poll(async () => (await page.locator('.katex').count()) > 0, { timeout: 8000, message: `${slug}: no KaTeX` });
        const figs = page.locator('[data-widget]');
        const n = await figs.count();
        for (let i = 0; i < n; i++) {
          const fig = figs.nth(i);
          await fig.scrollIntoViewIfNeeded();
          await firstFrame(fig, poll, `${slug} figure ${i}`);
          await fig.getByRole('button', { name: 'Play', exact: true }).click();
          await poll(async () => (await stepOf(fig)) > 2, { timeout: 8000, message: `${slug} figure ${i} does not advance` });
        }
      }
      // mathjs in the worker: a formula of the reader's own.
      const play = page.locator('[data-widget="playground"]');
      await play.scrollIntoViewIfNeeded();
      await play.locator('select[data-setting="loss"]').selectOption('expr');
      await play.locator('input[data-setting="expr"]').fill('x^2 + y^2');
      await poll(async () => new URL(page.url()).searchParams.get('playground.expr') === 'x^2 + y^2', { timeout: 5000, message: 'the formula was not taken' });
      const button = play.locator('.playback button.primary');
      if ((await button.textContent()).trim() === 'Pause') await button.click();
      await play.getByRole('button', { name: 'Reset', exact: true }).click();
      await play.getByRole('button', { name: 'Play', exact: true }).click();
      await poll(async () => (await stepOf(play)) > 3, { timeout: 8000, message: 'the custom formula does not run' });
      await page.evaluate(() => navigator.serviceWorker.ready);
      const csp = await page.evaluate(() => window.__csp);
      if (csp.length) throw new Error(`CSP violations: ${csp.join('; ')}`);
      // The policy is in force: an injected inline script does not run.
      const ran = await page.evaluate(async () => {
        window.__inline = false;
        const s = document.createElement('script');
        s.textContent = 'window.__inline = true';
        document.body.append(s); // an inline script runs (or is refused) as it is inserted
        return window.__inline;
      });
      if (ran) throw new Error('an inline script ran: the CSP is not in force');
      await poll(() => page.evaluate(() => window.__csp.length > 0), { timeout: 10_000, message: 'the blocked inline script raised no violation event' });
    },
  },
  {
    name: 'the element under the host CSP that docs/EMBEDDING.md prescribes: it plays, with no violation and no message',
    timeout: 60_000,
    async run({ page, context, baseURL, poll }) {
      const csp = documentedHostCsp(baseURL);
      const course = await serveCoursePage(elementPage(baseURL), { 'content-security-policy': csp });
      try {
        await context.addInitScript(recordCsp);
        await page.goto(course.url);
        const fig = page.locator('blr-figure [data-widget="paths-quad"]');
        await firstFrame(fig, poll, 'the element under the documented CSP');
        await fig.getByRole('button', { name: 'Play', exact: true }).click();
        await poll(async () => (await stepOf(fig)) > 5, { timeout: 20_000, message: `the element does not play under "${csp}"` });
        const violations = await page.evaluate(() => window.__csp);
        if (violations.length) throw new Error(`CSP violations under the documented policy "${csp}": ${violations.join('; ')}`);
        const messages = await fig.locator('.engine-message').allTextContents();
        if (messages.length) throw new Error(`the figure shows engine messages under the documented policy: ${messages.join(' | ')}`);
      } finally {
        await course.close();
      }
    },
  },
  {
    name: 'the element under a CSP whose worker-src leaves the book out: the figure says worker-src, runs on the page, the page stays alive',
    timeout: 60_000,
    // The browser reports the blocked worker script in the console; that is the point of the test.
    allowErrors: /Content Security Policy|worker-src|Failed to load|engine\.worker/i,
    async run({ page, context, baseURL, poll }) {
      const book = baseURL.replace(/\/$/, '');
      // The policy the docs used to prescribe (issue 10): the blob wrapper may start, its import may not.
      const csp = `script-src 'self' ${book}; worker-src blob:`;
      const course = await serveCoursePage(elementPage(baseURL), { 'content-security-policy': csp });
      try {
        await context.addInitScript(recordCsp);
        await page.goto(course.url);
        const fig = page.locator('blr-figure [data-widget="paths-quad"]');
        await firstFrame(fig, poll, 'the element under a wrong CSP');
        const said = await poll(async () => {
          const text = (await fig.locator('.engine-message[data-message="worker"]').allTextContents()).join(' ');
          return /worker-src/.test(text) && text;
        }, { timeout: 20_000, message: async () => `no worker-src message; the figure says: ${(await fig.locator('.messages').textContent()) ?? ''}` });
        if (!/on the page itself/.test(said)) throw new Error(`the message does not say where the figure runs now: ${said}`);
        // It still plays (on the page's own thread), and the page answers.
        await fig.getByRole('button', { name: 'Play', exact: true }).click();
        await poll(async () => (await stepOf(fig)) > 5, { timeout: 20_000, message: 'the figure does not play on the page itself' });
        if ((await page.evaluate(() => 6 * 7)) !== 42) throw new Error('the page does not answer');
        if ((await fig.getAttribute('data-status')) === 'error') throw new Error('the figure is in error');
      } finally {
        await course.close();
      }
    },
  },
];
