/**
 * The conjugate figures of chapter 5 through the embed route:
 *   conjugate-linreg: svg.conj-data (data space; g.conj-point[data-point=i] with classes `seen`
 *   and `added`, a click on rect[data-add-area] adds a point), the parameter-space svg.plot,
 *   the mode radios (fieldset[data-setting="online"]), output[data-readout="step|mean|precision|
 *   seen|posterior-mean|posterior-precision"], details[data-points-editor].
 *   coin: svg.coin-plot (path[data-curve="q|exact|prior"]), button[data-flip-add="heads|tails|
 *   random|clear"], ol.coin-flips li[data-flip=i] (`seen`, `current`), output[data-readout=
 *   "step|alpha|beta|mean-p|natural|counts|kl"].
 * Run with `npx vite build --outDir DIR && BLR_DIST=DIR node tests/browser/run.mjs conjugate`.
 */
import { expectNoSeriousAxeViolations, figure, step } from './helpers.mjs';

const param = (page, key) => new URL(page.url()).searchParams.get(key);
const text = async (loc) => ((await loc.textContent()) ?? '').trim();
const readout = (fig, name) => text(fig.locator(`output[data-readout="${name}"]`).first());

/** Presses Step and waits until the figure shows step `n`. */
async function stepTo(fig, n, poll) {
  await fig.getByRole('button', { name: 'Step', exact: true }).click();
  await poll(async () => (await step(fig)) === n, { timeout: 5000, message: async () => `Step did not reach step ${n} (at ${await step(fig)})` });
}

/** The centre of an element on the page. */
async function centre(loc) {
  const b = await loc.boundingBox();
  if (!b) throw new Error('element not visible');
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

export default [
  {
    name: 'linreg: one step with ρ = 1 lands on the exact posterior (readouts and ellipse)',
    async run({ page, poll }) {
      await page.goto('./?embed=conjugate-linreg');
      const fig = await figure(page, 'conjugate-linreg', poll);
      const exactMean = await readout(fig, 'posterior-mean');
      if (exactMean !== '(0.357, 0.863)') throw new Error(`the exact posterior mean is ${exactMean}, not chapter 5's (0.357, 0.863)`);
      if ((await readout(fig, 'mean')) !== '(0.000, 0.000)') throw new Error('q₀ is not the prior at the origin');
      if ((await readout(fig, 'seen')) !== '0 of 4') throw new Error(`step 0 has seen ${await readout(fig, 'seen')}`);
      await stepTo(fig, 1, poll);
      await poll(async () => (await fig.getAttribute('data-status')) === 'done', { timeout: 5000, message: 'one step did not finish the run' });
      if ((await readout(fig, 'mean')) !== exactMean) throw new Error(`after one step m = ${await readout(fig, 'mean')}, exact ${exactMean}`);
      const precision = await readout(fig, 'precision');
      if (precision !== '[[16.500, 8.000], [8.000, 24.500]]' || precision !== (await readout(fig, 'posterior-precision'))) throw new Error(`after one step S = ${precision}`);
      if ((await readout(fig, 'seen')) !== '4 of 4') throw new Error('the step did not see every point');
      // In parameter space, q's mean dot sits on the plot's × (the minimiser of ℓ̄ = m⋆).
      const params = fig.locator('section[aria-label="Parameter space"] svg.plot');
      const dot = await centre(params.locator('g.series circle.mean'));
      const cross = await centre(params.locator('g.minimiser path'));
      if (Math.hypot(dot.x - cross.x, dot.y - cross.y) > 1.5) throw new Error(`q's mean is drawn at ${JSON.stringify(dot)}, m⋆ at ${JSON.stringify(cross)}`);
      // Every point is filled once seen.
      if ((await fig.locator('g.conj-point.seen').count()) !== 4) throw new Error('not every point is marked as seen after the step');
    },
  },
  {
    name: 'linreg: one point at a time takes one step per point and rings the point just added',
    async run({ page, poll }) {
      await page.goto('./?embed=conjugate-linreg');
      const fig = await figure(page, 'conjugate-linreg', poll);
      // Keyboard: the second radio of the mode toggle.
      await fig.getByRole('radio', { name: /One point at a time/ }).focus();
      await page.keyboard.press('Space');
      await poll(async () => param(page, 'conjugate-linreg.online') === '1', { timeout: 5000, message: () => `the mode did not reach the address: ${page.url()}` });
      await poll(async () => (await step(fig)) === 0, { timeout: 5000, message: 'the mode change did not restart at step 0' });
      const means = [];
      for (let t = 1; t <= 4; t++) {
        await stepTo(fig, t, poll);
        if ((await readout(fig, 'seen')) !== `${t} of 4`) throw new Error(`step ${t} has seen ${await readout(fig, 'seen')}`);
        const classes = await fig.locator('g.conj-point').evaluateAll((els) => els.map((e) => [e.classList.contains('seen'), e.classList.contains('added')]));
        const expected = [0, 1, 2, 3].map((i) => [i < t, i === t - 1]);
        if (JSON.stringify(classes) !== JSON.stringify(expected)) throw new Error(`at step ${t} the points are marked ${JSON.stringify(classes)}`);
        means.push(await readout(fig, 'mean'));
      }
      if (new Set(means).size !== 4) throw new Error(`the mean did not move with every point: ${means.join(' ')}`);
      if (means[3] !== (await readout(fig, 'posterior-mean'))) throw new Error(`after the last point m = ${means[3]}, not the batch posterior`);
      await poll(async () => (await fig.getAttribute('data-status')) === 'done', { timeout: 5000, message: 'the run did not end after the last point' });
    },
  },
  {
    name: 'linreg: adding, dragging, nudging and deleting points changes the run and the address',
    async run({ page, poll }) {
      await page.goto('./?embed=conjugate-linreg');
      const fig = await figure(page, 'conjugate-linreg', poll);
      const points = () => (param(page, 'conjugate-linreg.points') ?? '-1,-0.5;0,0.4;1,1.1;2,2.2').split(';');
      await stepTo(fig, 1, poll);
      const before = await readout(fig, 'mean');

      // A click on empty space adds a point (lower right of the panel: x > 0, y < 0).
      const area = fig.locator('svg.conj-data rect[data-add-area]');
      const box = await area.boundingBox();
      await page.mouse.click(box.x + 0.75 * box.width, box.y + 0.85 * box.height);
      await poll(async () => points().length === 5, { timeout: 5000, message: () => `the click did not add a point to the address: ${page.url()}` });
      const [x, y] = points()[4].split(',').map(Number);
      if (!(x > 0 && x < 3 && y < 0 && y >= -3)) throw new Error(`the new point is at (${x}, ${y})`);
      if ((await fig.locator('g.conj-point').count()) !== 5) throw new Error('the new point is not drawn');
      // A data edit shows its result: the run is stepped to its end, with the new posterior.
      await poll(async () => (await readout(fig, 'mean')) === (await readout(fig, 'posterior-mean')) && (await readout(fig, 'mean')) !== before, {
        timeout: 5000,
        message: async () => `after adding a point m = ${await readout(fig, 'mean')} (before ${before}, exact ${await readout(fig, 'posterior-mean')})`,
      });

      // Dragging point 1 (0, 0.4) upwards.
      const p1 = await centre(fig.locator('g.conj-point[data-point="1"] circle.dot'));
      await page.mouse.move(p1.x, p1.y);
      await page.mouse.down();
      await page.mouse.move(p1.x, p1.y - 30, { steps: 5 });
      await page.mouse.up();
      await poll(async () => Number(points()[1].split(',')[1]) > 0.8, { timeout: 5000, message: () => `dragging did not move point 2 up: ${points()[1]}` });

      // Keyboard: ArrowRight nudges point 3 by 0.1 (and is not the figure's Step key); Delete removes it.
      const p3 = fig.locator('g.conj-point[data-point="2"]');
      await p3.focus();
      const stepBefore = await step(fig);
      await page.keyboard.press('ArrowRight');
      await poll(async () => points()[2] === '1.1,1.1', { timeout: 5000, message: () => `ArrowRight did not move point 3 to (1.1, 1.1): ${points()[2]}` });
      await page.keyboard.press('Delete');
      await poll(async () => points().length === 4 && !points().includes('1.1,1.1'), { timeout: 5000, message: () => `Delete did not remove point 3: ${points().join(' ')}` });
      if ((await page.evaluate(() => document.activeElement?.getAttribute('data-point'))) !== '2') throw new Error('focus did not move to the next point after Delete');
      if (stepBefore === null) throw new Error('no step readout');

      // Shift-click removes too; the number fields add one.
      await fig.locator('g.conj-point[data-point="0"] circle.dot').click({ modifiers: ['Shift'] });
      await poll(async () => points().length === 3, { timeout: 5000, message: () => `Shift-click did not remove a point: ${points().join(' ')}` });
      await fig.locator('details[data-points-editor] summary').click();
      await fig.getByRole('button', { name: 'Add a point at (0, 0)' }).click();
      await poll(async () => points().at(-1) === '0,0', { timeout: 5000, message: () => `the editor did not add (0, 0): ${points().join(' ')}` });
      const field = fig.getByRole('spinbutton', { name: 'Point 4, y' });
      await field.fill('-1.5');
      await field.press('Enter');
      await poll(async () => points().at(-1) === '0,-1.5', { timeout: 5000, message: () => `the y field did not set the point: ${points().join(' ')}` });
    },
  },
  {
    name: 'coin: one step to Beta(α₀ + heads, β₀ + tails); the heads button changes α, the density and the address',
    async run({ page, poll }) {
      await page.goto('./?embed=coin');
      const fig = await figure(page, 'coin', poll);
      const q = fig.locator('svg.coin-plot path[data-curve="q"]');
      if ((await readout(fig, 'alpha')) !== '2.0000') throw new Error('q₀ is not the prior Beta(2, 2)');
      await stepTo(fig, 1, poll);
      const values = { alpha: await readout(fig, 'alpha'), beta: await readout(fig, 'beta'), mean: await readout(fig, 'mean-p'), kl: await readout(fig, 'kl'), natural: await readout(fig, 'natural') };
      if (JSON.stringify(values) !== JSON.stringify({ alpha: '9.0000', beta: '5.0000', mean: '0.6429', kl: '0.000', natural: '(8.000, 4.000)' })) throw new Error(`after one step: ${JSON.stringify(values)}`);
      const exactPath = await fig.locator('svg.coin-plot path[data-curve="exact"]').getAttribute('d');
      if ((await q.getAttribute('d')) !== exactPath) throw new Error('q’s density is not drawn on the exact posterior’s after one step');
      const density = await q.getAttribute('d');
      await fig.locator('button[data-flip-add="heads"]').click();
      await poll(async () => param(page, 'coin.flips') === 'HTHHTHHHTHH', { timeout: 5000, message: () => `heads did not reach the address: ${page.url()}` });
      await poll(async () => (await readout(fig, 'alpha')) === '10.0000', { timeout: 5000, message: async () => `after heads α = ${await readout(fig, 'alpha')}` });
      if ((await q.getAttribute('d')) === density) throw new Error('the density did not change with a new heads');
      if ((await readout(fig, 'counts')) !== '8 H, 3 T') throw new Error(`counts: ${await readout(fig, 'counts')}`);
      if ((await fig.locator('ol.coin-flips li').count()) !== 11) throw new Error('the new flip is not listed');

      // Clearing the flips leaves the prior, which is then the exact posterior.
      await fig.locator('button[data-flip-add="clear"]').click();
      await poll(async () => param(page, 'coin.flips') === '', { timeout: 5000, message: () => `clearing did not reach the address: ${page.url()}` });
      await poll(async () => (await readout(fig, 'alpha')) === '2.0000' && (await readout(fig, 'kl')) === '0.000', { timeout: 5000, message: async () => `with no flips α = ${await readout(fig, 'alpha')}, KL = ${await readout(fig, 'kl')}` });
      if ((await fig.getAttribute('data-status')) === 'error') throw new Error('no flips put the figure in error');
    },
  },
  {
    name: 'coin: the τ control tempers the target; one step lands on it (α, β readouts), and τ travels in the address',
    async run({ page, poll }) {
      await page.goto('./?embed=coin&coin.tau=2');
      const fig = await figure(page, 'coin', poll);
      await stepTo(fig, 1, poll);
      // 7 heads, 3 tails, prior Beta(2, 2): exp(−ℓ̄/τ) ∝ p^((7 + 2 − 1)/2) (1 − p)^((3 + 2 − 1)/2) = Beta(5, 3).
      const values = { alpha: await readout(fig, 'alpha'), beta: await readout(fig, 'beta'), kl: await readout(fig, 'kl') };
      if (JSON.stringify(values) !== JSON.stringify({ alpha: '5.0000', beta: '3.0000', kl: '0.000' })) throw new Error(`after one step at τ = 2: ${JSON.stringify(values)}`);
      if ((await fig.locator('svg.coin-plot path[data-curve="q"]').getAttribute('d')) !== (await fig.locator('svg.coin-plot path[data-curve="exact"]').getAttribute('d'))) {
        throw new Error('q is not drawn on the tempered target after one step');
      }
      const tau = fig.locator('input[type="number"][data-setting="tau"]');
      await tau.fill('1');
      await tau.press('Enter');
      await poll(async () => param(page, 'coin.tau') === null, { timeout: 5000, message: () => `τ = 1 (the default) is still in the address: ${page.url()}` });
      await stepTo(fig, 1, poll);
      await poll(async () => (await readout(fig, 'alpha')) === '9.0000', { timeout: 5000, message: async () => `at τ = 1, α = ${await readout(fig, 'alpha')}` });
    },
  },
  {
    name: 'coin: ten random flips follow the seed; one flip at a time marks the current flip',
    async run({ page, poll, freshPage }) {
      const tenRandom = async (p) => {
        await p.goto('./?embed=coin&coin.flips=&coin.seed=5');
        const f = await figure(p, 'coin', poll);
        await f.locator('button[data-flip-add="random"]').click();
        await poll(async () => (param(p, 'coin.flips') ?? '').length === 10, { timeout: 5000, message: () => `ten random flips did not reach the address: ${p.url()}` });
        return param(p, 'coin.flips');
      };
      const a = await tenRandom(page);
      const b = await tenRandom(await freshPage());
      if (a !== b || !/^[HT]{10}$/.test(a)) throw new Error(`the same seed gave ${a} and ${b}`);

      await page.goto('./?embed=coin&coin.online=1');
      const fig = await figure(page, 'coin', poll);
      for (let t = 1; t <= 3; t++) await stepTo(fig, t, poll);
      // Flips H T H: Beta(2 + 2, 2 + 1).
      if ((await readout(fig, 'alpha')) !== '4.0000' || (await readout(fig, 'beta')) !== '3.0000') throw new Error(`after three flips α, β = ${await readout(fig, 'alpha')}, ${await readout(fig, 'beta')}`);
      const marks = await fig.locator('ol.coin-flips li').evaluateAll((els) => els.map((e) => (e.classList.contains('current') ? 'C' : e.classList.contains('seen') ? 'S' : '.')).join(''));
      if (marks !== 'SSC.......') throw new Error(`the flips are marked ${marks}`);
      if ((await fig.locator('ol.coin-flips li[aria-current="step"]').getAttribute('data-flip')) !== '2') throw new Error('the current flip has no aria-current');
      if (!/Step 3: q = Beta\(4\.00, 3\.00\)/.test(await text(fig.locator('svg.coin-plot desc')))) throw new Error(`the plot's description: ${await text(fig.locator('svg.coin-plot desc'))}`);
    },
  },
  {
    name: 'conjugate figures: no serious axe violations, presentation mode, dark mode and reduced motion',
    timeout: 45_000,
    async run({ page, poll, browser, baseURL }) {
      for (const id of ['conjugate-linreg', 'coin']) {
        await page.goto(`./?embed=${id}`);
        const fig = await figure(page, id, poll);
        await expectNoSeriousAxeViolations(page, id);
        await fig.click({ position: { x: 5, y: 5 } });
        await page.keyboard.press('f');
        await poll(async () => !!(await fig.getAttribute('data-presenting')), { timeout: 5000, message: `${id}: f did not present the figure` });
        const plots = await fig.locator('svg.plot').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width));
        if (!plots.length || plots.some((w) => w < 250)) throw new Error(`${id}: presented plots are ${plots.join(', ')} px wide`);
        await page.keyboard.press('Escape');
        await poll(async () => !(await fig.getAttribute('data-presenting')), { timeout: 5000, message: `${id}: Esc did not leave presentation mode` });
      }
      const context = await browser.newContext({ baseURL, colorScheme: 'dark', reducedMotion: 'reduce', viewport: { width: 1280, height: 900 } });
      try {
        const dark = await context.newPage();
        await dark.goto('./?embed=conjugate-linreg&conjugate-linreg.online=1');
        const fig = await figure(dark, 'conjugate-linreg', poll);
        const colors = await fig.evaluate((el) => ({
          bg: getComputedStyle(el.querySelector('svg.conj-data .plot-bg')).fill,
          line: getComputedStyle(el.querySelector('svg.conj-data .conj-fit')).color,
        }));
        if (colors.bg === 'rgb(255, 255, 255)') throw new Error('the data panel is white in dark mode');
        if (colors.line !== 'rgb(255, 122, 168)') throw new Error(`q's line is not in the dark palette: ${colors.line}`);
        // Reduced motion: Play shows the whole run at once.
        await fig.getByRole('button', { name: 'Play', exact: true }).click();
        await poll(async () => (await fig.getAttribute('data-status')) === 'done' && (await step(fig)) === 4, { timeout: 10_000, message: 'under reduced motion the run was not shown whole' });
      } finally {
        await context.close();
      }
    },
  },
];
