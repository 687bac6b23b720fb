/**
 * The approximation ladder (`ladder`, `ladder-ogn`, `ladder-dropout`) and the point-versus-
 * distribution figure (`adam-vs-ivon`) of chapter 4, through the embed route and the chapter:
 *   [data-ladder-token="diag|fixed|delta|batch|ggn|fisher|sq|root|zero|damp|alpha|mom|drop"] switches
 *   (radios for the family and the Hessian, checkboxes for the rest), [data-ladder-name] the
 *   identified algorithm (aria-live), [data-part="gradient|precision|mean"][data-tex] the
 *   typeset update, svg.plot g.series[data-series="exact|ladder|adam|ivon"] the runs.
 * Run with `npm run build && npm run test:browser -- ladder` (see run.mjs).
 */
import { readFileSync } from 'node:fs';
import { expectNoSeriousAxeViolations, figure, step } from './helpers.mjs';

const param = (page, key) => new URL(page.url()).searchParams.get(key);

/** Plays the figure at the fastest speed until it has finished (done, diverged or error). */
async function playToEnd(fig, poll) {
  await fig.locator('select[data-setting="speed"]').selectOption('320');
  await fig.getByRole('button', { name: 'Play', exact: true }).click();
  await poll(async () => ['done', 'diverged', 'error'].includes(await fig.getAttribute('data-status')), {
    timeout: 20_000,
    message: async () => `the run did not finish (status ${await fig.getAttribute('data-status')}, step ${await step(fig)})`,
  });
}

const trail = (fig, key) => fig.locator(`svg.plot g.series[data-series="${key}"] path.trail`).getAttribute('d');
const name = (fig) => fig.locator('[data-ladder-name]').textContent();
const tex = (fig) => fig.locator('[data-part]').evaluateAll((els) => els.map((e) => e.getAttribute('data-tex')));

async function katexReady(fig, poll) {
  await poll(async () => (await fig.locator('[data-katex="ready"]').count()) === 1 && (await fig.locator('[data-part] .katex').count()) === 3, {
    timeout: 8000,
    message: 'the ladder never typeset its three equations with KaTeX',
  });
}

export default [
  {
    name: 'toggling rungs changes the run, the equations and the name, from the exact BLR up to Adam',
    timeout: 60_000,
    async run({ page, poll }) {
      await page.goto('./?embed=ladder');
      const fig = await figure(page, 'ladder', poll);
      await katexReady(fig, poll);
      if (!/Bayesian learning rule itself with a full Gaussian/.test(await name(fig))) throw new Error(`unexpected name at the start: ${await name(fig)}`);
      if ((await fig.locator('[data-ladder-name]').getAttribute('aria-live')) !== 'polite') throw new Error('the name is not announced politely');
      await playToEnd(fig, poll);
      const exactPath = await trail(fig, 'ladder');
      if ((await trail(fig, 'exact')) !== exactPath) throw new Error('with no switch on, the run differs from the exact-BLR reference');
      const exactTex = await tex(fig);

      // Rung by rung; each changes what is drawn, what is typeset and (for the last two) the name.
      const rungs = [
        { label: 'Diagonal covariance', parts: ['precision', 'mean'], url: 'diag', name: /Bayesian learning rule itself with a diagonal Gaussian/ },
        { label: 'Delta method', parts: ['gradient', 'precision'], url: 'diag.delta', name: /variant/ },
        { label: 'Minibatch gradients', parts: ['gradient', 'precision'], url: 'diag.delta.batch', name: /variant/ },
        { label: 'Squared minibatch gradient', parts: ['precision'], url: 'diag.delta.batch.sq', name: /variant/ },
        // RMSprop's four items one at a time (the square root is RMSprop as torch.optim has it: the
        // prior joins ĝ as weight decay, so the gradient and precision blocks change too); the damping c = 10⁻⁸ changes the update but not a
        // pixel of the path while s ≥ 1, so its rung checks the equation and the name only.
        { label: 'Square root', parts: ['gradient', 'precision', 'mean'], url: 'diag.delta.batch.sq.root', name: /variant.*Closest: RMSprop/ },
        { label: 'Damping c', parts: ['mean'], url: 'diag.delta.batch.sq.root.damp', name: /variant.*Closest: RMSprop/, samePath: true },
        { label: 'Separate step α', parts: ['mean'], url: 'diag.delta.batch.sq.root.damp.alpha', name: /variant.*Closest: RMSprop, which would need the start v₀ = 0/ },
        { label: 'Start s₀ = 0', parts: ['precision'], url: 'diag.delta.batch.sq.root.zero.damp.alpha', name: /^This combination is RMSprop\.$/ },
        { label: 'Momentum', parts: ['gradient', 'precision', 'mean'], url: 'diag.delta.batch.sq.root.zero.damp.alpha.mom', name: /^This combination is Adam\.$/ },
      ];
      let path = exactPath;
      let before = exactTex;
      for (const rung of rungs) {
        const control = fig.getByLabel(rung.label, { exact: false }).first();
        // Keyboard: focus the control and press Space (a radio is chosen by focusing it and Space too).
        await control.focus();
        await page.keyboard.press('Space');
        await poll(async () => param(page, 'ladder.ladder') === rung.url, { timeout: 5000, message: () => `“${rung.label}” did not put ${rung.url} in the address: ${page.url()}` });
        await poll(async () => rung.name.test(await name(fig)), { timeout: 5000, message: async () => `after “${rung.label}” the name is ${JSON.stringify(await name(fig))}` });
        await katexReady(fig, poll);
        const now = await tex(fig);
        const changed = ['gradient', 'precision', 'mean'].filter((_, i) => now[i] !== before[i]);
        if (JSON.stringify(changed) !== JSON.stringify(rung.parts)) throw new Error(`“${rung.label}” changed the ${changed.join(', ') || 'no'} equation(s), expected ${rung.parts.join(', ')}`);
        before = now;
        await playToEnd(fig, poll);
        if ((await fig.getAttribute('data-status')) !== 'done') throw new Error(`after “${rung.label}” the run ended ${await fig.getAttribute('data-status')}`);
        const next = await trail(fig, 'ladder');
        if (!rung.samePath && next === path) throw new Error(`“${rung.label}” did not change the drawn path`);
        if ((await trail(fig, 'exact')) !== exactPath) throw new Error('the exact-BLR reference changed with a switch');
        path = next;
      }
      // Adam's equations are typeset: the bias-corrected momentum and scale.
      const mean = await fig.locator('[data-part="mean"]').getAttribute('data-tex');
      if (!mean.includes('\\hat{\\mathbf{u}}') || !mean.includes('\\sqrt{\\hat{\\mathbf{s}}}')) throw new Error(`Adam's mean update is not the expected one: ${mean}`);
    },
  },
  {
    name: 'the address round-trips the ladder, and the exported RunSpec is the run',
    timeout: 40_000,
    async run({ page, poll, freshPage }) {
      await page.goto('./?embed=ladder&ladder.ladder=diag.delta.batch.fisher');
      const fig = await figure(page, 'ladder', poll);
      if (!/Online Gauss–Newton/.test(await name(fig))) throw new Error(`the link did not open OGN: ${await name(fig)}`);
      for (const token of ['diag', 'delta', 'batch', 'fisher']) {
        if (!(await fig.locator(`input[data-ladder-token="${token}"]`).isChecked())) throw new Error(`${token} is not switched on from the link`);
      }
      await fig.locator('input[data-ladder-token="delta"]').uncheck();
      await poll(async () => param(page, 'ladder.ladder') === 'diag.batch.fisher', { timeout: 5000, message: () => `the address did not follow: ${page.url()}` });
      await poll(async () => /Variational OGN/.test(await name(fig)), { timeout: 5000, message: 'switching off the delta method did not give VOGN' });
      // The same address in a fresh page opens the same combination.
      const other = await freshPage();
      await other.goto(page.url());
      const again = await figure(other, 'ladder', poll);
      if (!/Variational OGN/.test(await name(again))) throw new Error(`the shared link opened ${await name(again)}`);
      if (await again.locator('input[data-ladder-token="delta"]').isChecked()) throw new Error('the shared link has the delta method on');
      // Export → RunSpec of this combination: the CLI's input, with every field.
      await fig.locator('[data-export-menu] summary').click();
      const buttons = fig.locator('[data-export="spec"]');
      if ((await buttons.count()) !== 2) throw new Error(`expected a RunSpec button per series, found ${await buttons.count()}`);
      const [download] = await Promise.all([page.waitForEvent('download'), buttons.nth(1).click()]);
      const spec = JSON.parse(readFileSync(await download.path(), 'utf8'));
      const want = { family: 'gaussian-diag', expectation: 'mc', hessian: 'fisher', batchSize: 8, samples: 32 };
      for (const [k, v] of Object.entries(want)) if (spec[k] !== v) throw new Error(`the exported spec has ${k} = ${JSON.stringify(spec[k])}, not ${JSON.stringify(v)}`);
      if (spec.loss?.kind !== 'tanh-regression') throw new Error('the exported spec lost its loss');
    },
  },
  {
    name: 'a combination the schema rejects shows its message; the page and the switches stay alive',
    timeout: 30_000,
    async run({ page, poll }) {
      await page.goto('./?embed=ladder');
      const fig = await figure(page, 'ladder', poll);
      await fig.locator('input[data-ladder-token="zero"]').check();
      await poll(async () => /cannot run: the start S₀ = 0 .*diagonal covariance/.test(await name(fig)), {
        timeout: 5000,
        message: async () => `no ladder message for a full Gaussian started at S₀ = 0: ${await name(fig)}`,
      });
      const msg = fig.locator('[data-message="ladder"]');
      await poll(async () => /init\.precision/.test((await msg.textContent().catch(() => '')) ?? ''), { timeout: 5000, message: 'the schema message is not shown' });
      if ((await fig.locator('[data-ladder-name]').getAttribute('data-ladder-name')) !== 'invalid') throw new Error('the name is not marked invalid');
      // Only the refused series stops: the exact-BLR reference beside it still plays.
      await fig.getByRole('button', { name: 'Play', exact: true }).click();
      await poll(async () => ['running', 'done'].includes(await fig.getAttribute('data-status')), {
        timeout: 5000,
        message: async () => `the reference run does not play beside a refused combination (status ${await fig.getAttribute('data-status')})`,
      });
      await fig.getByRole('button', { name: 'Pause', exact: true }).click().catch(() => {});
      await fig.locator('input[data-ladder-token="diag"]').check();
      await poll(async () => /needs the damping c.*switch on the damping c/.test(await name(fig)), { timeout: 5000, message: async () => `no message for an undamped zero start: ${await name(fig)}` });
      await fig.locator('input[data-ladder-token="damp"]').check();
      await poll(async () => /improper q that cannot be sampled.*delta method/.test(await name(fig)), { timeout: 5000, message: async () => `no message for sampling a zero start: ${await name(fig)}` });
      await fig.locator('input[data-ladder-token="delta"]').check();
      await fig.locator('input[data-ladder-hessian="sq"]').check();
      await fig.locator('input[data-ladder-token="root"]').check();
      await poll(async () => /^This combination is RMSprop\.$/.test(await name(fig)), { timeout: 5000, message: async () => `the switches did not recover: ${await name(fig)}` });
      await poll(async () => (await msg.count()) === 0, { timeout: 5000, message: 'the schema message stayed after the combination became valid' });
      await playToEnd(fig, poll);
      if ((await fig.getAttribute('data-status')) !== 'done') throw new Error(`RMSprop ended ${await fig.getAttribute('data-status')}`);
    },
  },
  {
    name: 'the fixed family greys out the Hessian and the square root; dropout’s ladder and OGN’s open on their rows (chapter 4)',
    timeout: 30_000,
    async run({ page, poll }) {
      await page.goto('./?ch=deep-learning');
      const ogn = await figure(page, 'ladder-ogn', poll);
      if (!/Online Gauss–Newton/.test(await name(ogn))) throw new Error(`ladder-ogn opens on ${await name(ogn)}`);
      const drop = await figure(page, 'ladder-dropout', poll);
      if (!/^This combination is Dropout\.$/.test(await name(drop))) throw new Error(`ladder-dropout opens on ${await name(drop)}`);
      for (const token of ['root', 'zero', 'damp', 'alpha']) {
        if (!(await drop.locator(`input[data-ladder-token="${token}"]`).isDisabled())) throw new Error(`“${token}” of RMSprop’s scale is not disabled for the fixed family`);
      }
      if (!(await drop.locator('input[data-ladder-hessian="ggn"]').isDisabled())) throw new Error('the Hessian choice is not disabled for the fixed family');
      const grad = await drop.locator('[data-part="gradient"]').getAttribute('data-tex');
      if (!grad.includes('\\mathbf{z}\\circ') || !grad.includes('(\\mathbf{z}\\circ\\mathbf{m})')) throw new Error(`dropout's gradient is not taken at z ∘ m: ${grad}`);
      await drop.locator('input[data-ladder-token="delta"]').uncheck();
      await poll(async () => !/Dropout\./.test(await name(drop)), { timeout: 5000, message: 'without the delta method the ladder still says dropout' });
      if (!(await page.locator('[data-widget="ladder"]').count())) throw new Error('chapter 4 has no ladder figure');
      if (!(await page.locator('[data-widget="adam-vs-ivon"]').count())) throw new Error('chapter 4 has no adam-vs-ivon figure');
    },
  },
  {
    name: 'KaTeX’s runtime is fetched only where a ladder mounts',
    async run({ page, poll }) {
      const fetched = [];
      page.on('request', (r) => /\/katex-[\w-]+\.js$/.test(new URL(r.url()).pathname) && fetched.push(r.url()));
      await page.goto('./?embed=adam-vs-ivon');
      await figure(page, 'adam-vs-ivon', poll);
      await page.goto('./?ch=from-loss-to-distribution');
      await figure(page, 'wall', poll);
      if (fetched.length) throw new Error(`a page without a ladder fetched KaTeX's runtime: ${fetched.join(', ')}`);
      await page.goto('./?embed=ladder');
      await katexReady(await figure(page, 'ladder', poll), poll);
      if (fetched.length !== 1) throw new Error(`the ladder fetched KaTeX's runtime ${fetched.length} times`);
    },
  },
  {
    name: 'adam-vs-ivon: ellipses for IVON only, and the data panel shows Adam’s curve and IVON’s band',
    timeout: 30_000,
    async run({ page, poll }) {
      await page.goto('./?embed=adam-vs-ivon');
      const fig = await figure(page, 'adam-vs-ivon', poll);
      if ((await fig.locator('g.series[data-series="adam"] ellipse').count()) !== 0) throw new Error('Adam has ellipses');
      if ((await fig.locator('g.series[data-series="ivon"] ellipse').count()) !== 2) throw new Error('IVON does not have its 1σ and 2σ ellipses');
      await playToEnd(fig, poll);
      if ((await fig.getAttribute('data-status')) !== 'done') throw new Error(`the runs ended ${await fig.getAttribute('data-status')}`);
      const rx = Number(await fig.locator('g.series[data-series="ivon"] ellipse.sd1').getAttribute('rx'));
      if (!(rx > 3)) throw new Error(`IVON's ellipse is not visible (rx = ${rx})`);
      const panel = fig.locator('[data-panel="data-space"]');
      if ((await panel.locator('.points circle').count()) !== 24) throw new Error('the data panel does not show the 24 points');
      for (const sel of ['[data-curve="adam"]', '[data-curve="ivon"]', '[data-band="ivon"]']) {
        if (!((await panel.locator(sel).getAttribute('d')) ?? '').startsWith('M')) throw new Error(`the data panel draws nothing for ${sel}`);
      }
      const adamSteps = Number(await fig.locator('output[data-readout="step"][data-series="adam"]').textContent());
      if (adamSteps !== 200) throw new Error(`Adam stopped at ${adamSteps}`);
    },
  },
  {
    name: 'an old link’s one square-root switch opens RMSprop’s four items, and the same run',
    timeout: 30_000,
    async run({ page, poll }) {
      await page.goto('./?embed=ladder&ladder.ladder=diag.delta.batch.sq.sqrt.mom');
      const fig = await figure(page, 'ladder', poll);
      if (!/^This combination is Adam\.$/.test(await name(fig))) throw new Error(`the old Adam link opens ${await name(fig)}`);
      if ((await fig.locator('[data-notice="url"]').count()) !== 0) throw new Error('the old link raised a notice');
      for (const token of ['root', 'zero', 'damp', 'alpha', 'mom']) {
        if (!(await fig.locator(`input[data-ladder-token="${token}"]`).isChecked())) throw new Error(`the old link did not switch on “${token}”`);
      }
      await playToEnd(fig, poll);
      const old = await trail(fig, 'ladder');
      await page.goto('./?embed=ladder&ladder.ladder=diag.delta.batch.sq.root.zero.damp.alpha.mom');
      const now = await figure(page, 'ladder', poll);
      await playToEnd(now, poll);
      if ((await trail(now, 'ladder')) !== old) throw new Error('the old link and the new one draw different runs');
    },
  },
  {
    name: 'ladder: presentation mode, dark mode, reduced motion, and no serious axe violations',
    timeout: 40_000,
    async run({ page, poll, browser, baseURL }) {
      await page.goto('./?embed=ladder&ladder.ladder=diag.delta.batch.sq.sqrt');
      const fig = await figure(page, 'ladder', poll);
      await katexReady(fig, poll);
      await expectNoSeriousAxeViolations(page, 'ladder');
      await fig.click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('f');
      await poll(async () => !!(await fig.getAttribute('data-presenting')), { timeout: 5000, message: 'f did not present the figure' });
      const box = await fig.locator('[data-ladder-name]').boundingBox();
      if (!box || box.width < 50) throw new Error('the ladder’s name is not visible in presentation mode');
      await page.keyboard.press('Escape');
      await poll(async () => !(await fig.getAttribute('data-presenting')), { timeout: 5000, message: 'Esc did not leave presentation mode' });

      const context = await browser.newContext({ baseURL, colorScheme: 'dark', reducedMotion: 'reduce', viewport: { width: 1280, height: 900 } });
      try {
        const dark = await context.newPage();
        await dark.goto('./?embed=ladder');
        const f2 = await figure(dark, 'ladder', poll);
        const colors = await f2.evaluate((el) => {
          const ref = getComputedStyle(el.querySelector('g.series[data-series="exact"]')).color;
          const formula = getComputedStyle(el.querySelector('.ladder-equations')).color;
          return { ref, formula };
        });
        if (colors.ref !== 'rgb(77, 182, 172)') throw new Error(`the reference run is not in the dark palette: ${colors.ref}`);
        if (colors.formula === 'rgb(0, 0, 0)') throw new Error('the equations are black on the dark page');
        // Reduced motion: Play shows the whole run at once.
        await f2.getByRole('button', { name: 'Play', exact: true }).click();
        await poll(async () => (await f2.getAttribute('data-status')) === 'done', { timeout: 10_000, message: 'under reduced motion the run was not shown whole' });
      } finally {
        await context.close();
      }
    },
  },
];
