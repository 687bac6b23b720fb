/**
 * Chapter 5's inference figures (laplace-vi, em-gmm, vmp-svi, ncvi), opened through the embed
 * route `?embed=ID`, against their DOM contract:
 *   the exact posterior: g.posterior-bands[data-posterior-bands="2"] holding two
 *     path.posterior-line; legend [data-legend="posterior"]; <output data-readout="kl|gap"
 *     data-series=KEY> per series that measures it; <output data-readout="neg-log-z">;
 *     [data-posterior-warning] when the window cuts p off;
 *   laplace-vi: fieldset[data-panel="labelled"] with preset buttons [data-preset], the strip
 *     rect[data-strip="add"] (a click adds a point), circle.data-point[data-point=i], radios
 *     [data-label=0|1], input[data-input="new-x"] and its "Add point" button, [data-remove=i];
 *     state in the URL as laplace-vi.labelled=x:y,x:y,…;
 *   em-gmm: svg.em-strip with circle.em-point[data-r1] (EM's responsibility of component 1 at
 *     the step shown), <output data-readout="n1"> (Σᵢ rᵢ₁), the minima [data-minimum];
 *   ncvi: the mixture series' components g.component (opacity = weight) in g.series[data-series="mixture"].
 */
import { expectNoSeriousAxeViolations, figure, step } from './helpers.mjs';


async function open(page, poll, id, query = '') {
  await page.goto(`./?embed=${id}${query}`);
  return figure(page, id, poll);
}

const text = async (loc) => ((await loc.textContent()) ?? '').trim();
const number = async (loc) => Number(await text(loc));

/** KL(q ‖ p) at the step shown, by series. */
async function kls(fig) {
  return fig.locator('output[data-readout="kl"]').evaluateAll((els) => Object.fromEntries(els.map((e) => [e.dataset.series, Number(e.textContent.trim())])));
}

async function playToEnd(fig, poll, what) {
  await fig.getByRole('button', { name: 'Play', exact: true }).click();
  await poll(async () => (await fig.getAttribute('data-status')) === 'done', { timeout: 20_000, message: async () => `${what}: the run did not finish (status ${await fig.getAttribute('data-status')})` });
}

async function expectPosterior(fig, poll, id) {
  await poll(async () => (await fig.locator('g.posterior-bands path.posterior-line').count()) === 2, {
    timeout: 8000,
    message: `${id}: the exact posterior's two contours are not drawn`,
  });
  const lengths = await fig.locator('g.posterior-bands path.posterior-line').evaluateAll((ps) => ps.map((p) => p.getTotalLength()));
  if (!lengths.every((l) => l > 20)) throw new Error(`${id}: a posterior contour is empty (${lengths})`);
  if ((await fig.locator('[data-legend="posterior"]').count()) !== 1) throw new Error(`${id}: no legend entry for the exact posterior`);
  const nlz = await number(fig.locator('output[data-readout="neg-log-z"]'));
  if (!Number.isFinite(nlz)) throw new Error(`${id}: −log Z is not a number`);
}

export default [
  {
    name: 'chapter 5 holds the four figures under their ids, each drawing its first frame',
    timeout: 60_000,
    async run({ page, poll }) {
      await page.goto('./?ch=inference');
      for (const id of ['laplace-vi', 'em-gmm', 'vmp-svi', 'ncvi']) {
        const fig = await figure(page, id, poll);
        if ((await fig.getAttribute('id')) !== `fig-${id}`) throw new Error(`${id}: the figure's anchor is ${await fig.getAttribute('id')}`);
      }
    },
  },
  {
    name: 'each inference figure runs (frames advance), draws the exact posterior and gives finite KL and gap readouts',
    timeout: 60_000,
    async run({ page, poll }) {
      for (const [id, keys] of [['laplace-vi', ['laplace', 'vi', 'mf']], ['vmp-svi', ['vmp', 'svi']], ['ncvi', ['von', 'mixture']]]) {
        const fig = await open(page, poll, id);
        await expectPosterior(fig, poll, id);
        const before = await step(fig);
        await fig.getByRole('button', { name: 'Play', exact: true }).click();
        await poll(async () => (await step(fig)) >= before + 10, { timeout: 10_000, message: async () => `${id}: the step stays at ${await step(fig)}` });
        const kl = await kls(fig);
        const gaps = await fig.locator('output[data-readout="gap"]').evaluateAll((els) => els.map((e) => Number(e.textContent.trim())));
        if (JSON.stringify(Object.keys(kl).sort()) !== JSON.stringify([...keys].sort())) throw new Error(`${id}: KL readouts for ${Object.keys(kl)}, expected ${keys}`);
        if (!Object.values(kl).every((v) => Number.isFinite(v) && v > -0.01)) throw new Error(`${id}: KL readouts ${JSON.stringify(kl)} are not finite divergences`);
        if (gaps.length !== keys.length || !gaps.every(Number.isFinite)) throw new Error(`${id}: gap readouts ${gaps}`);
        if ((await fig.locator('[data-posterior-warning]').count()) !== 0) throw new Error(`${id}: the default window is said to cut the posterior off`);
      }
      const em = await open(page, poll, 'em-gmm');
      await poll(async () => (await em.locator('[data-minimum]').count()) === 2, { timeout: 8000, message: 'em-gmm: the two mirror-image minima are not marked' });
      await em.getByRole('button', { name: 'Play', exact: true }).click();
      await poll(async () => (await step(em)) >= 5, { timeout: 10_000, message: 'em-gmm: the run does not advance' });
    },
  },
  {
    name: 'laplace-vi: at convergence full VI is closest to p and mean field farthest; editing the data (presets, clicks, keyboard) changes the runs and the link',
    timeout: 90_000,
    async run({ page, poll }) {
      await page.emulateMedia({ reducedMotion: 'reduce' });
      const fig = await open(page, poll, 'laplace-vi');
      await playToEnd(fig, poll, 'defaults');
      const first = await kls(fig);
      if (!(first.vi < first.laplace && first.laplace < first.mf)) throw new Error(`expected KL(VI) < KL(Laplace) < KL(mean field), got ${JSON.stringify(first)}`);
      const laplaceMean = await text(fig.locator('output[data-readout="mean"][data-series="laplace"]'));
      const mfPrecision = await text(fig.locator('output[data-readout="precision"][data-series="mf"]'));
      if (!/\[\[[-\d.]+, 0\.000\], \[0\.000, [-\d.]+\]\]/.test(mfPrecision)) throw new Error(`the mean-field precision is not diagonal: ${mfPrecision}`);

      // A preset: four points.
      await fig.locator('[data-preset="few"]').click();
      await poll(async () => (await fig.locator('circle.data-point').count()) === 4, { timeout: 3000, message: 'the four-point preset does not show four points' });
      await poll(async () => new URL(page.url()).searchParams.get('laplace-vi.labelled') === '0:0,0.9:0,1.8:1,3:1', {
        timeout: 3000, message: () => `the link holds ${new URL(page.url()).searchParams.get('laplace-vi.labelled')}`,
      });
      if ((await fig.locator('[data-preset="few"]').getAttribute('aria-pressed')) !== 'true') throw new Error('the chosen preset is not marked pressed');
      // A data edit shows the new runs' end without pressing Play.
      await poll(async () => (await step(fig)) === 100 && (await fig.getAttribute('data-status')) === 'done', {
        timeout: 10_000, message: async () => `after the edit the figure shows step ${await step(fig)} (${await fig.getAttribute('data-status')}), not the runs' end`,
      });
      const second = await kls(fig);
      const laplaceMean2 = await text(fig.locator('output[data-readout="mean"][data-series="laplace"]'));
      if (laplaceMean2 === laplaceMean) throw new Error(`Laplace's mean did not change with the data (${laplaceMean})`);
      if (JSON.stringify(second) === JSON.stringify(first)) throw new Error('the KL readouts did not change with the data');

      // A click on the strip adds a point with the chosen label.
      await fig.locator('input[data-label="0"]').check();
      const strip = fig.locator('rect[data-strip="add"]');
      const box = await strip.boundingBox();
      await page.mouse.click(box.x + box.width * 0.9, box.y + box.height * 0.5);
      await poll(async () => (await fig.locator('circle.data-point').count()) === 5, { timeout: 3000, message: 'a click on the strip did not add a point' });
      if ((await fig.locator('circle.data-point.label-0').count()) !== 3) throw new Error('the clicked point is not labelled 0');

      // The keyboard: x = 2.5, label 1, Add point.
      await fig.locator('input[data-label="1"]').check();
      await fig.locator('input[data-input="new-x"]').fill('2.5');
      await fig.locator('input[data-input="new-x"]').press('Enter');
      await poll(async () => (new URL(page.url()).searchParams.get('laplace-vi.labelled') ?? '').endsWith(',2.5:1'), {
        timeout: 3000, message: () => `the typed point is not in the link: ${new URL(page.url()).searchParams.get('laplace-vi.labelled')}`,
      });
      // Removing by keyboard: the first point.
      await fig.locator('details.data-list summary').click();
      await fig.locator('[data-remove="0"]').focus();
      await page.keyboard.press('Enter');
      await poll(async () => (await fig.locator('circle.data-point').count()) === 5, { timeout: 3000, message: 'the Remove button did not remove the point' });
      await poll(async () => !(new URL(page.url()).searchParams.get('laplace-vi.labelled') ?? '0:0,').startsWith('0:0,'), {
        timeout: 3000, message: () => `the removed point is still in the link: ${new URL(page.url()).searchParams.get('laplace-vi.labelled')}`,
      });

      // The link reopens the same data.
      await page.goto(page.url());
      const again = await figure(page, 'laplace-vi', poll);
      if ((await again.locator('circle.data-point').count()) !== 5) throw new Error('the link did not reopen the edited data');
      if ((await again.locator('[data-notice="url"]').count()) !== 0) throw new Error('the edited data’s link gives a notice');
    },
  },
  {
    name: 'laplace-vi: a malformed data link falls back with a notice; data beyond the window warns that the numbers are approximate',
    timeout: 40_000,
    async run({ page, poll }) {
      const bad = await open(page, poll, 'laplace-vi', '&laplace-vi.labelled=1:2,3:1');
      await poll(async () => (await bad.locator('[data-notice="url"]').count()) === 1, { timeout: 3000, message: 'a label 2 in the link gives no notice' });
      if ((await bad.locator('circle.data-point').count()) !== 8) throw new Error('the malformed link did not fall back to the default data');
      const wide = await open(page, poll, 'laplace-vi', '&laplace-vi.labelled=-1.5:1,4.5:0');
      await poll(async () => (await wide.locator('[data-posterior-warning]').count()) === 1, {
        timeout: 8000, message: 'two far-apart points with swapped labels (a posterior wider than the window) give no warning',
      });
      const warning = await text(wide.locator('[data-posterior-warning]'));
      if (!/cuts off part of the posterior/.test(warning)) throw new Error(`the warning reads "${warning}"`);
    },
  },
  {
    name: 'em-gmm: the data are coloured by EM’s responsibilities at the step shown, and they sum to the count readout',
    timeout: 40_000,
    async run({ page, poll }) {
      await page.emulateMedia({ reducedMotion: 'reduce' });
      const fig = await open(page, poll, 'em-gmm');
      const rs = () => fig.locator('circle.em-point').evaluateAll((cs) => cs.map((c) => Number(c.dataset.r1)));
      const start = await poll(async () => { const r = await rs(); return r.length === 24 && r.every(Number.isFinite) ? r : false; }, { timeout: 5000, message: 'the 24 data points have no responsibilities' });
      await playToEnd(fig, poll, 'em-gmm');
      const end = await rs();
      if (!end.every((r) => r >= 0 && r <= 1)) throw new Error(`responsibilities outside [0, 1]: ${end}`);
      if (JSON.stringify(end) === JSON.stringify(start)) throw new Error('the responsibilities did not follow the run');
      const n1 = await number(fig.locator('output[data-readout="n1"]'));
      const sum = end.reduce((a, b) => a + b, 0);
      if (Math.abs(n1 - sum) > 0.051) throw new Error(`Σ rᵢ₁ = ${sum}, the readout says ${n1}`);
      // At EM's fixed point the points are split between the components, most of them firmly.
      const firm = end.filter((r) => r < 0.1 || r > 0.9).length;
      if (firm < 18) throw new Error(`only ${firm} of 24 points are claimed firmly at the end: ${end.map((r) => r.toFixed(2))}`);
      // The fitted components are drawn.
      for (const j of [1, 2]) if (!((await fig.locator(`path.em-curve-${j}`).getAttribute('d')) ?? '').startsWith('M')) throw new Error(`component ${j}'s curve is not drawn`);
      // Another seed is another data set.
      await fig.locator('input[data-setting="seed"]').fill('3');
      await fig.locator('input[data-setting="seed"]').press('Enter');
      await poll(async () => JSON.stringify(await rs()) !== JSON.stringify(end), { timeout: 5000, message: 'a new seed did not change the data strip' });
    },
  },
  {
    name: 'ncvi: on the tanh network’s two-mode posterior the mixture’s KL equals the single Gaussian’s with K = 1 and falls by about log 2 with K = 3',
    timeout: 60_000,
    async run({ page, poll }) {
      await page.emulateMedia({ reducedMotion: 'reduce' });
      const fig = await open(page, poll, 'ncvi', '&ncvi.components=1');
      await playToEnd(fig, poll, 'K = 1');
      const one = await kls(fig);
      // One Gaussian holds one of two equal modes: log 2 for the other, plus ≈ 0.24 for the mode's skew.
      if (!(one.von > Math.LN2 && one.von < 1.1) || Math.abs(one.mixture - one.von) > 0.05) throw new Error(`with K = 1 both should hold one mode, KL ≈ log 2 + 0.24: ${JSON.stringify(one)}`);
      const k = fig.locator('input[data-setting="components"]');
      await k.fill('3');
      await k.press('Enter');
      await poll(async () => (await fig.locator('g.series[data-series="mixture"] g.component').count()) === 3, { timeout: 5000, message: 'three components are not drawn' });
      await playToEnd(fig, poll, 'K = 3');
      const three = await kls(fig);
      if (!(three.mixture < 0.3 && three.mixture < three.von - 0.6)) throw new Error(`with K = 3 the mixture's KL should fall about log 2 below the Gaussian's: ${JSON.stringify(three)}`);
      const opacities = await fig.locator('g.series[data-series="mixture"] g.component').evaluateAll((gs) => gs.map((g) => Number(g.getAttribute('opacity'))));
      if (!opacities.every((o) => o >= 0.25 && o <= 1) || Math.max(...opacities) !== 1) throw new Error(`component opacities ${opacities} do not follow the weights`);
    },
  },
  {
    name: 'inference figures: no serious axe violations (dark), keyboard-reachable data controls, presentation keeps the plot large',
    timeout: 60_000,
    async run({ page, poll }) {
      await page.emulateMedia({ colorScheme: 'dark' });
      for (const id of ['laplace-vi', 'em-gmm']) {
        const fig = await open(page, poll, id);
        await expectNoSeriousAxeViolations(page, id);
        if (id === 'laplace-vi') {
          // Tab from the preset buttons reaches the label radios and the x field.
          await fig.locator('[data-preset="separated"]').focus();
          const reached = new Set();
          for (let i = 0; i < 8; i++) {
            await page.keyboard.press('Tab');
            reached.add(await page.evaluate(() => document.activeElement?.getAttribute('data-preset') ?? document.activeElement?.getAttribute('data-input') ?? document.activeElement?.getAttribute('type')));
          }
          for (const want of ['overlapping', 'few', 'radio', 'new-x']) if (!reached.has(want)) throw new Error(`Tab does not reach ${want}: ${[...reached]}`);
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
      }
    },
  },
];
