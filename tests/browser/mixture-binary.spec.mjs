/**
 * The mixture figures (mog-himmelblau, mog-flatsharp) and the binary-weights figure (binary),
 * opened through the embed route `?embed=ID`, against their DOM contract:
 *   mixture: g.component[data-component=j] with ellipse.sd1 and ellipse.sd2 per component;
 *     handles [data-handle="component"][data-component=j] (role="slider", tabindex="0",
 *     data-x/data-y = the mean drawn); table [data-weights] with a row per component
 *     (data-weight = the weight at the step shown) holding a bar [data-bar] and
 *     <output data-readout="weight|component-mean">; K in input[data-setting="components"];
 *     markers [data-minimum]; q's density in g.mixture-density (data-step).
 *   binary: g.corner[data-corner="c1,c2"] per panel; <output data-readout="corner-mass"
 *     data-corner> and <output data-readout="ste-corner"> ("here" at STE's corner); the ring
 *     [data-ste-corner="c1,c2"]; <output data-readout="p1|p2" data-series="ste|bayesbinn">.
 */
import { expectNoSeriousAxeViolations, figure, step } from './helpers.mjs';

const CORNERS = ['-1,-1', '-1,1', '1,-1', '1,1'];

const urlParam = (page, key) => new URL(page.url()).searchParams.get(key);
const parseMeans = (raw) => raw.split(';').map((p) => p.split(',').map(Number));

async function open(page, poll, id, query = '') {
  await page.goto(`./?embed=${id}${query}`);
  return figure(page, id, poll);
}

/** Component handles' drawn means, by component. */
async function handleMeans(fig) {
  return fig.locator('[data-handle="component"]').evaluateAll((els) => els.map((el) => [Number(el.dataset.x), Number(el.dataset.y)]));
}

/** The weights at the step shown (full precision), one per table row; null for rows without one. */
async function weights(fig) {
  return fig.locator('[data-weights] tbody tr').evaluateAll((rows) => rows.map((r) => (r.dataset.weight === undefined ? null : Number(r.dataset.weight))));
}

/** Counts the components drawn with a visible 1σ and 2σ ellipse. */
async function visibleEllipsePairs(fig) {
  return fig.locator('g.component').evaluateAll((gs) =>
    gs.filter((g) => {
      const e1 = g.querySelector('ellipse.sd1');
      const e2 = g.querySelector('ellipse.sd2');
      return e1 && e2 && e1.getAttribute('visibility') === 'visible' && e2.getAttribute('visibility') === 'visible' && Number(e1.getAttribute('rx')) > 0;
    }).length,
  );
}

async function expectComponents(fig, poll, k) {
  await poll(async () => (await visibleEllipsePairs(fig)) === k && (await fig.locator('g.component').count()) === k, {
    timeout: 5000,
    message: async () => `expected ${k} components with both ellipses, found ${await visibleEllipsePairs(fig)} of ${await fig.locator('g.component').count()}`,
  });
  const w = await poll(async () => { const v = await weights(fig); return v.length === k && v.every((x) => x !== null) ? v : false; }, {
    timeout: 5000, message: async () => `the weights table does not show ${k} weights: ${JSON.stringify(await weights(fig))}`,
  });
  const sum = w.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > 1e-9) throw new Error(`the ${k} weights sum to ${sum}, not 1`);
  const bars = await fig.locator('[data-weights] [data-bar]').count();
  if (bars !== k) throw new Error(`${bars} weight bars for ${k} components`);
  const shown = await fig.locator('output[data-readout="weight"]').allTextContents();
  const total = shown.reduce((a, t) => a + Number(t), 0);
  if (shown.length !== k || Math.abs(total - 1) > 0.002 * k) throw new Error(`the weight readouts ${JSON.stringify(shown)} do not add up to 1`);
}

async function stepTimes(fig, poll, n) {
  const from = await step(fig);
  for (let i = 0; i < n; i++) await fig.getByRole('button', { name: 'Step', exact: true }).click();
  await poll(async () => (await step(fig)) === from + n, { timeout: 5000, message: async () => `Step ×${n} from ${from} shows step ${await step(fig)}` });
}

export default [
  {
    name: 'mog-himmelblau: one ellipse pair and one weight bar per component, weights summing to 1, for K = 4 and after changing K',
    async run({ page, poll }) {
      const fig = await open(page, poll, 'mog-himmelblau');
      await expectComponents(fig, poll, 4);
      const minima = await fig.locator('[data-minimum]').count();
      if (minima !== 4) throw new Error(`${minima} minima marked on Himmelblau's function, expected 4`);
      const k = fig.locator('input[data-setting="components"]');
      for (const n of [6, 1, 8]) {
        await k.fill(String(n));
        await k.press('Enter');
        await poll(async () => urlParam(page, 'mog-himmelblau.components') === String(n), { timeout: 3000, message: `K = ${n} did not reach the URL` });
        await expectComponents(fig, poll, n);
      }
      const handles = await fig.locator('[data-handle="component"]').count();
      if (handles !== 8) throw new Error(`${handles} handles for 8 components`);
    },
  },
  {
    name: 'mog-himmelblau: stepping moves every component, and q’s density follows the step shown',
    async run({ page, poll }) {
      const fig = await open(page, poll, 'mog-himmelblau');
      await expectComponents(fig, poll, 4);
      const before = await handleMeans(fig);
      await stepTimes(fig, poll, 3);
      const after = await poll(async () => { const m = await handleMeans(fig); return m.every((p, j) => Math.hypot(p[0] - before[j][0], p[1] - before[j][1]) > 0.05) ? m : false; }, {
        timeout: 3000, message: async () => `not every component moved in 3 steps: ${JSON.stringify(before)} → ${JSON.stringify(await handleMeans(fig))}`,
      });
      const shown = (await fig.locator('output[data-readout="component-mean"]').allTextContents()).map((t) => t.replace(/[()\s]/g, '').split(',').map(Number));
      shown.forEach((m, j) => {
        if (Math.abs(m[0] - after[j][0]) > 0.01 || Math.abs(m[1] - after[j][1]) > 0.01) throw new Error(`component ${j}'s readout ${m} is not where it is drawn ${after[j]}`);
      });
      await poll(async () => (await fig.locator('g.mixture-density').getAttribute('data-step')) === '3' && (await fig.locator('g.mixture-density path').count()) > 0, {
        timeout: 3000, message: 'q’s density contours do not show step 3',
      });
    },
  },
  {
    name: 'mog-himmelblau: dragging a component’s mean writes means and restarts the run from there; arrow keys move a focused one',
    async run({ page, poll }) {
      const fig = await open(page, poll, 'mog-himmelblau');
      await expectComponents(fig, poll, 4);
      await stepTimes(fig, poll, 4);
      const current = await handleMeans(fig);
      const handle = fig.locator('[data-handle="component"][data-component="2"]');
      await handle.scrollIntoViewIfNeeded();
      const box = await handle.boundingBox();
      const svg = await fig.locator('svg.plot').boundingBox();
      const from = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      const to = { x: svg.x + svg.width * 0.5, y: svg.y + svg.height * 0.5 };
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      await page.mouse.move(to.x, to.y, { steps: 8 });
      await page.mouse.up();
      // The centre of the plot is (0, 0) of Himmelblau's window [−5.5, 5.5]².
      const means = await poll(async () => { const raw = urlParam(page, 'mog-himmelblau.means'); if (!raw) return false; const m = parseMeans(raw); return Math.hypot(m[2][0], m[2][1]) < 0.3 ? m : false; }, {
        timeout: 3000, message: () => `dragging component 2 to the centre did not write it to mog-himmelblau.means (${urlParam(page, 'mog-himmelblau.means')})`,
      });
      if (means.length !== 4) throw new Error(`means has ${means.length} entries, expected 4`);
      [0, 1, 3].forEach((j) => {
        if (Math.abs(means[j][0] - current[j][0]) > 0.002 || Math.abs(means[j][1] - current[j][1]) > 0.002) throw new Error(`component ${j} did not stay where it was (${current[j]} → ${means[j]})`);
      });
      await poll(async () => (await step(fig)) === 0, { timeout: 3000, message: async () => `the run did not restart: step ${await step(fig)}` });
      await poll(async () => { const m = await handleMeans(fig); return m.every((p, j) => Math.abs(p[0] - means[j][0]) < 1e-9 && Math.abs(p[1] - means[j][1]) < 1e-9); }, {
        timeout: 3000, message: async () => `frame 0 does not start from the written means: ${JSON.stringify(await handleMeans(fig))} vs ${JSON.stringify(means)}`,
      });
      // The restarted run moves component 2 from the centre.
      await stepTimes(fig, poll, 2);
      const moved = await handleMeans(fig);
      if (Math.hypot(moved[2][0] - means[2][0], moved[2][1] - means[2][1]) < 0.05) throw new Error('component 2 does not move from where it was dropped');

      // Keyboard: ArrowUp on component 1 moves it up by a fiftieth of the window from the frame on screen.
      const k1 = fig.locator('[data-handle="component"][data-component="1"]');
      await k1.focus();
      await page.keyboard.press('ArrowUp');
      const keyed = await poll(async () => { const m = parseMeans(urlParam(page, 'mog-himmelblau.means') ?? ''); return m.length === 4 && Math.abs(m[1][1] - (moved[1][1] + 0.22)) < 0.002 ? m : false; }, {
        timeout: 3000, message: () => `ArrowUp did not move component 1 up by 0.22 from ${moved[1]} (${urlParam(page, 'mog-himmelblau.means')})`,
      });
      if (Math.abs(keyed[1][0] - moved[1][0]) > 0.002) throw new Error('ArrowUp moved component 1 sideways');
      await poll(async () => (await step(fig)) === 0, { timeout: 3000, message: 'ArrowUp did not restart the run' });
      const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-component'));
      if (focused !== '1') throw new Error(`the focus left the handle (on ${focused})`);
      // The link reopens the figure with the placed components.
      const link = page.url();
      await page.goto(link);
      const again = await figure(page, 'mog-himmelblau', poll);
      const reopened = await poll(async () => { const m = await handleMeans(again); return m.length === 4 && m.every((p) => Number.isFinite(p[0])) ? m : false; }, { timeout: 5000, message: 'no handles after reopening the link' });
      reopened.forEach((p, j) => {
        if (Math.abs(p[0] - keyed[j][0]) > 1e-9 || Math.abs(p[1] - keyed[j][1]) > 1e-9) throw new Error(`the reopened link does not start component ${j} at ${keyed[j]} (${p})`);
      });
      if (await again.locator('[data-notice="url"]').count()) throw new Error('the link with means shows a notice');
    },
  },
  {
    name: 'mog-flatsharp: a component in each well, the sharp one lighter at τ = 0.1; Monte Carlo expectations run too',
    timeout: 45_000,
    async run({ page, poll }) {
      const fig = await open(page, poll, 'mog-flatsharp');
      await expectComponents(fig, poll, 2);
      const minima = await fig.locator('[data-minimum]').count();
      if (minima !== 2) throw new Error(`${minima} minima marked on the flat-sharp loss, expected its 2 wells`);
      await fig.locator('select[data-setting="speed"]').selectOption('320');
      await fig.getByRole('button', { name: 'Play', exact: true }).click();
      await poll(async () => (await fig.getAttribute('data-status')) === 'done', { timeout: 15_000, message: 'the run did not finish' });
      const w = await weights(fig);
      const m = await handleMeans(fig);
      if (Math.abs(m[0][0] + 1.5) > 0.05 || Math.abs(m[1][0] - 1.46) > 0.05) throw new Error(`the components did not settle in the two wells: ${JSON.stringify(m)}`);
      if (!(w[0] > 0.08 && w[0] < 0.22)) throw new Error(`the sharp well's weight is ${w[0]}, expected about 0.14 at τ = 0.1`);
      const opacity = await fig.locator('g.component').evaluateAll((gs) => gs.map((g) => Number(g.getAttribute('opacity'))));
      if (!(opacity[0] < opacity[1] && opacity[0] >= 0.25 && opacity[1] === 1)) throw new Error(`opacities ${opacity} do not follow the weights ${w}`);
      await fig.locator('input[data-setting="mc"]').check();
      await poll(async () => urlParam(page, 'mog-flatsharp.mc') === '1', { timeout: 3000, message: 'the Monte Carlo switch did not reach the URL' });
      await stepTimes(fig, poll, 5);
      if (await fig.locator('.engine-message').count()) throw new Error(`engine message: ${await fig.locator('.engine-message').first().textContent()}`);
    },
  },
  {
    name: 'binary: four corners whose masses sum to 1, STE on one of them, P(θⱼ = +1) per run; STE jumps while BayesBiNN moves smoothly',
    timeout: 45_000,
    async run({ page, poll }) {
      const fig = await open(page, poll, 'binary');
      const corners = await fig.locator('g.binary-panel[data-panel="bayesbinn"] g.corner').evaluateAll((gs) => gs.map((g) => g.dataset.corner));
      if (JSON.stringify([...corners].sort()) !== JSON.stringify([...CORNERS].sort())) throw new Error(`corners ${corners}`);
      const check = async () => {
        const masses = await fig.locator('output[data-readout="corner-mass"]').evaluateAll((os) => os.map((o) => [o.dataset.corner, Number(o.textContent)]));
        if (masses.length !== 4) throw new Error(`${masses.length} corner masses`);
        const sum = masses.reduce((a, [, m]) => a + m, 0);
        if (Math.abs(sum - 1) > 0.003) throw new Error(`corner masses ${JSON.stringify(masses)} sum to ${sum}`);
        const here = await fig.locator('output[data-readout="ste-corner"]').evaluateAll((os) => os.filter((o) => o.textContent === 'here').map((o) => o.dataset.corner));
        const ring = await fig.locator('[data-ste-corner]').getAttribute('data-ste-corner');
        if (here.length !== 1 || !CORNERS.includes(here[0]) || ring !== here[0]) throw new Error(`STE's corner: table ${JSON.stringify(here)}, ring ${ring}`);
        // The disc of STE's panel is full at its corner and empty elsewhere.
        const discs = await fig.locator('g.binary-panel[data-panel="ste"] circle.corner-mass').evaluateAll((cs) => cs.map((c) => Number(c.getAttribute('r'))));
        if (discs.filter((r) => r > 0).length !== 1) throw new Error(`STE's discs ${discs}`);
        const p = await fig.locator('output[data-readout="p1"], output[data-readout="p2"]').evaluateAll((os) => os.map((o) => Number(o.textContent)));
        if (p.length !== 4 || !p.every((v) => v >= 0 && v <= 1)) throw new Error(`probabilities ${p}`);
        return { masses, ste: here[0] };
      };
      const first = await check();
      if (first.ste !== '1,1') throw new Error(`STE starts at ${first.ste}, expected sign(0) = (+1, +1)`);
      if (!first.masses.every(([, m]) => Math.abs(m - 0.25) < 1e-9)) throw new Error(`q starts uniform, not ${JSON.stringify(first.masses)}`);
      const seen = new Set([first.ste]);
      for (let i = 0; i < 6; i++) {
        await stepTimes(fig, poll, 2);
        seen.add((await check()).ste);
      }
      if (seen.size < 2) throw new Error(`STE stayed on ${[...seen]} for 12 steps`);
      await fig.locator('select[data-setting="speed"]').selectOption('320');
      await fig.getByRole('button', { name: 'Play', exact: true }).click();
      await poll(async () => (await fig.getAttribute('data-status')) === 'done', { timeout: 15_000, message: 'the runs did not finish' });
      const { masses } = await check();
      const best = masses.reduce((a, b) => (b[1] > a[1] ? b : a));
      if (best[0] !== '1,-1') throw new Error(`BayesBiNN's heaviest corner is ${best[0]}, expected the best corner (1, −1)`);
      const p2 = Number(await fig.locator('output[data-readout="p2"][data-series="bayesbinn"]').textContent());
      if (!(p2 > 0.1 && p2 < 0.6)) throw new Error(`BayesBiNN's P(θ₂ = +1) = ${p2}, expected between 0 and 1`);
      const alpha = fig.locator('input[data-setting="alpha"]');
      if (await alpha.count()) {
        await alpha.fill('0.05');
        await alpha.press('Enter');
        await poll(async () => urlParam(page, 'binary.alpha') === '0.05', { timeout: 3000, message: 'α did not reach the URL' });
      }
    },
  },
  {
    name: 'mixture and binary: presentation mode keeps the plot large, reduced motion shows the whole run, no serious axe violations in dark mode',
    timeout: 60_000,
    async run({ page, poll }) {
      await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
      for (const id of ['mog-himmelblau', 'binary']) {
        const fig = await open(page, poll, id);
        await expectNoSeriousAxeViolations(page, id);
        await fig.getByRole('button', { name: 'Play', exact: true }).click();
        await poll(async () => (await fig.getAttribute('data-status')) === 'done', { timeout: 15_000, message: `${id}: the run did not finish under reduced motion` });
        if (id === 'mog-himmelblau') {
          await poll(async () => (await fig.locator('g.mixture-density').getAttribute('data-step')) === '150', { timeout: 3000, message: 'the density contours do not show the last step once the run is done' });
        }
        await fig.click({ position: { x: 4, y: 4 } });
        await page.keyboard.press('f');
        await poll(async () => !!(await fig.getAttribute('data-presenting')), { timeout: 3000, message: `${id}: f did not present the figure` });
        const viewport = page.viewportSize();
        // The presented layout settles over a few frames: wait for the plot to reach its size.
        await poll(async () => ((await fig.locator('svg.plot').boundingBox())?.height ?? 0) >= viewport.height * 0.45, {
          timeout: 10_000,
          message: async () => `${id}: the presented plot is ${(await fig.locator('svg.plot').boundingBox())?.height} px high in a ${viewport.height} px window`,
        });
        await page.keyboard.press('Escape');
        await poll(async () => !(await fig.getAttribute('data-presenting')), { timeout: 3000, message: `${id}: Escape did not leave presentation mode` });
      }
    },
  },
];
