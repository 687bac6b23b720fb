/**
 * Widget behaviour, against the widgets' DOM contract:
 *   <figure data-widget="ID" data-status="idle|running|paused|done|diverged|error" data-frames-received="N">
 *     buttons "Play"/"Pause" (one toggle), "Step", "Reset";
 *     <output data-readout="step|loss|objective">;
 *     SVG start point [data-handle="start"] (role="slider", tabindex="0", mouse- and arrow-key-movable);
 *     [data-notice="url"] (role="status") for a malformed or out-of-range link;
 *   state in the URL query as ID.field=value (rho, tau, samples, seed, alg, steps, start=x,y, speed).
 * Run with `npm run build && npm run test:browser` (see run.mjs for the test API).
 */

import { quietWindow } from './helpers.mjs';

const CHAPTERS = {
  'from-loss-to-distribution': ['wall', 'flatsharp'],
  'natural-gradients': ['params', 'paths-quad', 'paths-rosen', 'playground'],
};
const WIDGETS = Object.entries(CHAPTERS).flatMap(([chapter, ids]) => ids.map((id) => ({ chapter, id })));

// Accessible names of the ρ and τ controls ("ρ, step size", "τ, temperature slider"), not of
// related ones such as "ρ for gradient descent".
const RHO = /^(?!.*\bfor\b)\s*(ρ|rho\b)/i;
const TAU = /^(?!.*\bfor\b)\s*(τ|tau\b)/i;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));


/** Opens a chapter (with extra query, e.g. '&wall.tau=0.5') and waits until it has rendered an h1. */
async function openChapter(page, chapter, query = '') {
  const path = `./?ch=${chapter}${query}`;
  await page.goto(path, { waitUntil: 'load' });
  await page.locator('h1').first().waitFor({ state: 'visible', timeout: 10_000 }).catch(() => {
    throw new Error(`${path}: no visible <h1> within 10 s`);
  });
  return path;
}

/** The root of widget `id` on `chapter`, scrolled into view. Fails clearly when it is not there. */
async function openWidget(page, chapter, id, query = '') {
  const path = await openChapter(page, chapter, query);
  return widget(page, id, path);
}

/**
 * The root of widget `id`, scrolled into view, once it is ready: its step readout shows an
 * integer (before its first frame it may show a placeholder such as "—").
 */
async function widget(page, id, where = page.url()) {
  const fig = page.locator(`[data-widget="${id}"]`);
  await fig.first().waitFor({ state: 'attached', timeout: 10_000 }).catch(() => {
    throw new Error(`no [data-widget="${id}"] on ${where} (the widget is not on the page yet)`);
  });
  if (await fig.count() > 1) throw new Error(`${await fig.count()} elements have data-widget="${id}"`);
  await fig.scrollIntoViewIfNeeded();
  await waitReady(fig);
  return fig;
}

async function waitReady(fig) {
  const end = Date.now() + 15_000;
  for (;;) {
    const st = await status(fig);
    if (st === 'error') {
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text, line breaks included, is what a reader sees
      const text = await fig.evaluate((el) => [...el.querySelectorAll('[role="status"], [role="alert"]')].map((m) => m.innerText.trim().replace(/\s*\n+\s*/g, ' | ')).filter(Boolean).join(' | '));
      throw new Error(`the widget is in data-status="error"${text ? `: ${text}` : ''}`);
    }
    if (await stepOrNull(fig) !== null) return;
    if (Date.now() > end) {
      throw new Error(`the widget's step readout shows no integer 15 s after load (${JSON.stringify(await stepText(fig))}, status ${st})`);
    }
    await sleep(100);
  }
}

function button(fig, name) {
  return fig.getByRole('button', { name, exact: true });
}

async function click(fig, name) {
  const b = button(fig, name);
  if (await b.count() === 0) {
    const names = await fig.getByRole('button').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label') || b.textContent.trim()));
    throw new Error(`no button named "${name}" in the widget (buttons: ${JSON.stringify(names)}, status ${await status(fig)})`);
  }
  await b.first().click();
}

async function stepText(fig) {
  const out = fig.locator('output[data-readout="step"]');
  if (await out.count() === 0) throw new Error('no <output data-readout="step"> in the widget');
  return out.first().textContent(); // the first run's, when the figure shows several
}

async function stepOrNull(fig) {
  // Figures are built as the reader approaches them; until then there is no readout.
  if (await fig.locator('output[data-readout="step"]').count() === 0) return null;
  const m = (await stepText(fig)).replace(/[\s,\u202f\u00a0]/g, '').match(/-?\d+/);
  return m ? Number(m[0]) : null;
}

async function readStep(fig) {
  const step = await stepOrNull(fig);
  if (step === null) throw new Error(`the step readout ${JSON.stringify(await stepText(fig))} holds no integer`);
  return step;
}

const status = (fig) => fig.getAttribute('data-status');

async function framesReceived(fig) {
  const v = await fig.getAttribute('data-frames-received');
  if (v === null || !/^\d+$/.test(v)) throw new Error(`data-frames-received is ${JSON.stringify(v)}, not an integer`);
  return Number(v);
}

async function urlParam(page, key) {
  return page.evaluate((k) => new URL(location.href).searchParams.get(k), key);
}

/**
 * The controls of a setting: `input` shows its value (a number input, found by
 * data-setting="<field>" or by name; else the slider), `slider` is what a reader moves with the
 * arrow keys (a slider, found by name, not the start handle; else the number input). A slider may
 * be on a log scale, so values are read from the number input when there is one.
 */
async function setting(fig, field, name, label) {
  const bySetting = fig.locator(`input[data-setting="${field}"]`);
  let input = (await bySetting.count()) ? bySetting.first() : fig.getByRole('spinbutton', { name }).first();
  let slider = fig.getByRole('slider', { name }).and(fig.locator(':not([data-handle])')).first();
  if (await input.count() === 0) input = null;
  if (await slider.count() === 0) slider = null;
  if (!input && !slider) throw new Error(`no slider or number input for ${label} in the widget`);
  return { input: input ?? slider, slider: slider ?? input };
}

async function controlValue(c) {
  const v = await c.evaluate((el) => (el instanceof HTMLInputElement ? el.value : el.getAttribute('aria-valuenow')));
  return Number(v);
}

const near = (a, b) => Math.abs(a - b) <= 1e-4 * Math.max(Math.abs(a), Math.abs(b), 1e-12);

async function startHandle(fig) {
  const h = fig.locator('[data-handle="start"]');
  if (await h.count() === 0) throw new Error('no start handle [data-handle="start"] in the widget');
  const attrs = await h.first().evaluate((el) => ({
    svg: el instanceof SVGElement, role: el.getAttribute('role'), tabindex: el.getAttribute('tabindex'),
  }));
  if (!attrs.svg || attrs.role !== 'slider' || attrs.tabindex !== '0') {
    throw new Error(`the start handle should be an SVG element with role="slider" tabindex="0", got ${JSON.stringify(attrs)}`);
  }
  return h.first();
}

/** Centre of the handle, relative to its <svg>. */
function handleCentre(handle) {
  return handle.evaluate((el) => {
    const h = el.getBoundingClientRect();
    const s = (el.ownerSVGElement ?? el).getBoundingClientRect();
    return { x: h.x + h.width / 2 - s.x, y: h.y + h.height / 2 - s.y };
  });
}

/** Plays until the step readout moves past `from` (fails after 15 s). */
async function playUntilStepAdvances(fig, poll, from) {
  await click(fig, 'Play');
  return poll(async () => { const s = await readStep(fig); return s > from ? s : false; }, {
    timeout: 15_000,
    message: async () => `the step readout did not advance after Play (step ${await readStep(fig)}, status ${await status(fig)})`,
  });
}

async function pause(fig, poll) {
  if (await status(fig) === 'done') throw new Error('the run was already done before it could be paused: cannot test Pause');
  await click(fig, 'Pause');
  await poll(async () => (await status(fig)) === 'paused', {
    timeout: 10_000, message: async () => `data-status is "${await status(fig)}" after Pause, expected "paused"`,
  });
}

const perWidget = WIDGETS.flatMap(({ chapter, id }) => [
  {
    name: `${id}: Play advances the step, Pause holds it, Step adds exactly one`,
    async run({ page, poll }) {
      const fig = await openWidget(page, chapter, id);
      const s0 = await readStep(fig);
      const s1 = await playUntilStepAdvances(fig, poll, s0);
      if (await button(fig, 'Play').count() !== 0) throw new Error('while running, the widget still shows a "Play" button (it should have become "Pause")');
      // A little more play: the step keeps advancing (or the run ends, which pause() reports).
      await poll(async () => (await readStep(fig)) >= s1 + 2 || (await status(fig)) === 'done', {
        timeout: 15_000, message: async () => `the step stopped advancing while playing (step ${await readStep(fig)}, status ${await status(fig)})`,
      });
      await pause(fig, poll);
      if (await button(fig, 'Play').count() === 0) throw new Error('after Pause there is no "Play" button');
      const a = await readStep(fig);
      await quietWindow(page, 30, 500);
      const b = await readStep(fig);
      if (a !== b) throw new Error(`the step moved while paused: ${a} → ${b} in 30 animation frames`);
      await click(fig, 'Step');
      await poll(async () => (await readStep(fig)) !== b, { timeout: 10_000, message: `Step did not change the step readout (${b})` });
      await quietWindow(page, 20, 300);
      const c = await readStep(fig);
      if (c !== b + 1) throw new Error(`Step moved the step readout from ${b} to ${c}, expected ${b + 1}`);
      if ((await status(fig)) !== 'paused') throw new Error(`after Step the figure is "${await status(fig)}", expected "paused"`);
    },
  },

  {
    name: `${id}: dragging the start handle updates ${id}.start and resets the step; ArrowRight moves it`,
    async run({ page, poll }) {
      const fig = await openWidget(page, chapter, id);
      const handle = await startHandle(fig);
      await playUntilStepAdvances(fig, poll, await readStep(fig));
      await pause(fig, poll);
      const before = await urlParam(page, `${id}.start`);
      // Drag towards one of two points near the middle of the plot (the one farther away).
      await handle.scrollIntoViewIfNeeded();
      const h = await handle.boundingBox();
      const s = await handle.evaluate((el) => {
        const r = (el.ownerSVGElement ?? el).getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      });
      const from = { x: h.x + h.width / 2, y: h.y + h.height / 2 };
      const targets = [1, -1].map((k) => ({ x: s.x + s.width * (0.5 + 0.2 * k), y: s.y + s.height * (0.5 + 0.15 * k) }));
      const to = targets.sort((p, q) => Math.hypot(q.x - from.x, q.y - from.y) - Math.hypot(p.x - from.x, p.y - from.y))[0];
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      await page.mouse.move(to.x, to.y, { steps: 10 });
      await page.mouse.up();
      const after = await poll(async () => { const v = await urlParam(page, `${id}.start`); return v !== null && v !== before ? v : false; }, {
        timeout: 10_000, message: `dragging the start handle did not change ${id}.start in the URL (still ${JSON.stringify(before)})`,
      });
      // Until the restarted run's frame 0 arrives the readout shows a placeholder.
      await poll(async () => (await stepOrNull(fig)) === 0, {
        timeout: 10_000, message: async () => `the step readout is ${await readStep(fig)} after moving the start point, expected 0`,
      });
      // Keyboard: ArrowRight on the focused handle moves it to the right.
      await handle.focus();
      const x0 = (await handleCentre(handle)).x;
      await page.keyboard.press('ArrowRight');
      await poll(async () => { const v = await urlParam(page, `${id}.start`); return v !== after; }, {
        timeout: 10_000, message: `ArrowRight on the focused start handle did not change ${id}.start (${after})`,
      });
      const x1 = (await handleCentre(handle)).x;
      if (!(x1 > x0)) throw new Error(`ArrowRight did not move the handle to the right (x ${x0.toFixed(1)} → ${x1.toFixed(1)} px)`);
    },
  },

  {
    name: `${id}: a copied link restores ρ and the start point in a fresh page`,
    async run({ page, poll, freshPage }) {
      const fig = await openWidget(page, chapter, id);
      const rho = await setting(fig, 'rho', RHO, 'ρ (rho)');
      const v0 = await controlValue(rho.input);
      await rho.slider.focus();
      for (const key of ['ArrowUp', 'ArrowUp', 'ArrowUp']) await page.keyboard.press(key);
      if (near(await controlValue(rho.input), v0)) {
        for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowDown'); // was at its maximum
      }
      const v1 = await controlValue(rho.input);
      if (near(v1, v0)) throw new Error(`arrow keys on the ρ slider did not change ρ (${v0})`);
      const handle = await startHandle(fig);
      await handle.focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowUp');
      await poll(async () => (await urlParam(page, `${id}.rho`)) !== null && (await urlParam(page, `${id}.start`)) !== null, {
        timeout: 10_000, message: async () => `the URL does not hold both ${id}.rho and ${id}.start: ${await page.evaluate(() => location.search)}`,
      });
      // The figure writes its settings to the address debounced; it says when nothing is pending.
      await poll(async () => (await fig.getAttribute('data-url-sync')) === 'idle', {
        timeout: 10_000, message: async () => `the figure's address write is still "${await fig.getAttribute('data-url-sync')}"`,
      });
      const href = await page.evaluate(() => location.href);
      const start = await urlParam(page, `${id}.start`);
      const pos = await handleCentre(handle);

      const page2 = await freshPage();
      await page2.goto(href, { waitUntil: 'load' });
      const fig2 = await widget(page2, id, href);
      const v2 = await controlValue((await setting(fig2, 'rho', RHO, 'ρ (rho)')).input);
      if (!near(v2, v1)) throw new Error(`the copied link ${href} restores ρ = ${v2}, expected ${v1}`);
      const start2 = await urlParam(page2, `${id}.start`);
      if (start2 !== start) throw new Error(`the copied link has ${id}.start=${start}, the reopened page shows ${id}.start=${start2}`);
      const pos2 = await handleCentre(await startHandle(fig2));
      if (Math.hypot(pos2.x - pos.x, pos2.y - pos.y) > 2) {
        throw new Error(`the start handle is at (${pos2.x.toFixed(1)}, ${pos2.y.toFixed(1)}) in the reopened page, expected (${pos.x.toFixed(1)}, ${pos.y.toFixed(1)})`);
      }
    },
  },

  {
    name: `${id}: with prefers-reduced-motion, Play jumps to the final frame (status done)`,
    async run({ page, poll }) {
      await page.emulateMedia({ reducedMotion: 'reduce' });
      const fig = await openWidget(page, chapter, id);
      await readStep(fig); // the readout exists
      // Record every value the step readout shows after Play.
      await fig.evaluate((root) => {
        window.__stepsShown = new Set();
        new MutationObserver(() => {
          window.__stepsShown.add(root.querySelector('output[data-readout="step"]')?.textContent);
        }).observe(root, { subtree: true, childList: true, characterData: true });
      });
      await click(fig, 'Play');
      await poll(async () => (await status(fig)) === 'done', {
        timeout: 10_000, message: async () => `status is "${await status(fig)}" (step ${await readStep(fig)}), expected "done"`,
      });
      const shown = await page.evaluate(() => [...window.__stepsShown]);
      if (shown.length > 3) {
        throw new Error(`the step readout animated through ${shown.length} values (${shown.slice(0, 8).join(', ')}, …) instead of jumping to the final frame`);
      }
    },
  },
]);

const perChapter = Object.keys(CHAPTERS).map((chapter) => ({
  name: `${chapter}: an offscreen widget stops receiving frames and resumes when scrolled back`,
  async run({ page, poll }) {
    const path = await openChapter(page, chapter);
    const first = page.locator('[data-widget]').first();
    await first.waitFor({ state: 'attached', timeout: 10_000 }).catch(() => {
      throw new Error(`no [data-widget] on ${path} (the widgets are not on the page yet)`);
    });
    await first.scrollIntoViewIfNeeded();
    await waitReady(first);
    const f0 = await framesReceived(first);
    await click(first, 'Play');
    await poll(async () => (await framesReceived(first)) > f0, {
      timeout: 15_000, message: async () => `data-frames-received stayed at ${f0} after Play (status ${await status(first)})`,
    });
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const outOfView = await first.evaluate((el) => { const r = el.getBoundingClientRect(); return r.bottom < 0 || r.top > innerHeight; });
    if (!outOfView) throw new Error('scrolling to the bottom did not take the first widget out of view (page too short?)');
    // The IntersectionObserver fires and the frames already asked for arrive: wait until the
    // counter holds still for 10 animation frames, then it must stay put for 60 more.
    let settled = -1;
    await poll(async () => {
      const f = await framesReceived(first);
      await quietWindow(page, 10, 0);
      const same = f === (await framesReceived(first));
      if (same) settled = f;
      return same;
    }, { timeout: 15_000, message: 'the offscreen widget never stopped receiving frames' });
    const f1 = settled;
    await quietWindow(page, 60, 700);
    const f2 = await framesReceived(first);
    if (f2 !== f1) throw new Error(`the offscreen widget kept receiving frames: ${f1} → ${f2} in 60 animation frames`);
    await first.scrollIntoViewIfNeeded();
    await poll(async () => (await framesReceived(first)) > f2, {
      timeout: 15_000, message: async () => `frames did not resume after scrolling back (still ${f2}, status ${await status(first)})`,
    });
  },
}));

export default [
  ...perWidget,
  ...perChapter,
  {
    name: 'a malformed link shows a notice in the affected widget only; the others keep their state',
    async run({ page, poll }) {
      const query = '&wall.rho=banana&flatsharp.tau=0.2';
      const path = await openChapter(page, 'from-loss-to-distribution', query);
      const wall = await widget(page, 'wall', path);
      const flat = await widget(page, 'flatsharp', path);
      const notice = wall.locator('[data-notice="url"]');
      await poll(async () => (await notice.count()) > 0 && notice.first().isVisible(), {
        timeout: 10_000, message: 'no visible [data-notice="url"] inside the wall figure for wall.rho=banana',
      });
      const role = await notice.first().getAttribute('role');
      if (role !== 'status') throw new Error(`the URL notice has role=${JSON.stringify(role)}, expected "status"`);
      const all = await page.locator('[data-notice="url"]').count();
      const inWall = await notice.count();
      if (all !== inWall) throw new Error(`${all - inWall} URL notice(s) outside the wall figure`);
      const v = await controlValue((await setting(flat, 'tau', TAU, 'τ (tau)')).input);
      if (!near(v, 0.2)) throw new Error(`the flatsharp τ control shows ${v}, expected 0.2 from flatsharp.tau=0.2`);
    },
  },
];
