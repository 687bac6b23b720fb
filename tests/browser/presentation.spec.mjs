/**
 * Presentation mode and the figure's keyboard: every key of the help on the wall figure of
 * chapter 1, the help dialog, full screen (or its overlay fallback) with larger type, and Esc.
 */
import { figure, quietWindow, step } from './helpers.mjs';

const fontSize = (fig) => fig.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
const presented = (fig) => fig.evaluate((el) => document.fullscreenElement === el || el.classList.contains('presenting-overlay'));

export default [
  {
    name: 'keys on the focused figure: space, →, +, ], ?, f and Esc',
    timeout: 45_000,
    async run({ page, poll }) {
      await page.goto('./?ch=from-loss-to-distribution');
      const fig = await figure(page, 'wall', poll);
      await fig.locator('.readouts').click();
      if (!(await fig.evaluate((el) => el.contains(document.activeElement)))) throw new Error('clicking the readouts did not focus the figure');

      // The visible hint.
      const hint = fig.getByRole('button', { name: /Keys/ });
      if (!(await hint.isVisible())) throw new Error('no visible "Keys ?" hint in the figure');

      // Space: play, then pause.
      await page.keyboard.press(' ');
      await poll(async () => (await fig.getAttribute('data-status')) === 'running', { timeout: 3000, message: 'space did not start playing' });
      await poll(async () => (await step(fig)) > 1, { timeout: 5000, message: 'the run does not advance after space' });
      await page.keyboard.press(' ');
      await poll(async () => (await fig.getAttribute('data-status')) === 'paused', { timeout: 3000, message: 'space did not pause' });

      // →: exactly one step.
      const s = await step(fig);
      await page.keyboard.press('ArrowRight');
      await poll(async () => (await step(fig)) === s + 1, { timeout: 10_000, message: async () => `→ went from step ${s} to ${await step(fig)}, not ${s + 1}` });
      await quietWindow(page, 20, 300);
      if ((await step(fig)) !== s + 1) throw new Error(`→ moved more than one step (now ${await step(fig)})`);

      // +: the next speed of the menu.
      const speed = fig.locator('select[data-setting="speed"]');
      const options = await speed.locator('option').evaluateAll((os) => os.map((o) => Number(o.value)));
      const before = Number(await speed.inputValue());
      const expected = options.find((v) => v > before);
      await page.keyboard.press('+');
      await poll(async () => Number(await speed.inputValue()) === expected, {
        timeout: 2000, message: async () => `+ set the speed to ${await speed.inputValue()}, not ${expected} (from ${before})`,
      });

      // ]: ρ × 1.25, and the URL follows.
      const rho = fig.locator('input[data-setting="rho"]');
      const rho0 = Number(await rho.inputValue());
      const rho1 = Number((rho0 * 1.25).toPrecision(3));
      await page.keyboard.press(']');
      await poll(async () => Number(await rho.inputValue()) === rho1, { timeout: 2000, message: async () => `] set ρ to ${await rho.inputValue()}, not ${rho1}` });
      await poll(async () => new URL(page.url()).searchParams.get('wall.rho') === String(rho1), {
        timeout: 3000, message: () => `the URL did not follow ρ = ${rho1}: ${page.url()}`,
      });
      // [: back.
      await page.keyboard.press('[');
      await poll(async () => Number(await rho.inputValue()) === rho0, { timeout: 2000, message: async () => `[ set ρ to ${await rho.inputValue()}, not ${rho0}` });

      // ?: the help dialog lists every key; focus moves in; Esc closes it and gives focus back.
      await page.keyboard.press('?');
      const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await dialog.waitFor({ state: 'visible', timeout: 2000 });
      if ((await dialog.getAttribute('aria-modal')) !== 'true') throw new Error('the help dialog is not aria-modal');
      if (!(await dialog.evaluate((d) => d.contains(document.activeElement)))) throw new Error('focus did not move into the help dialog');
      const keys = await dialog.locator('kbd').allTextContents();
      for (const k of ['Space', '→', 'r', '+', '−', '[', ']', 'f', 'Esc', '?', 'k', '.']) {
        if (!keys.includes(k)) throw new Error(`the help does not list ${k} (it lists ${keys.join(' ')})`);
      }
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached', timeout: 2000 });
      if (!(await fig.evaluate((el) => el.contains(document.activeElement)))) throw new Error('focus did not come back to the figure after the help');
      // Its button closes it too.
      await hint.click();
      await dialog.waitFor({ state: 'visible', timeout: 2000 });
      await dialog.getByRole('button', { name: 'Close' }).click();
      await dialog.waitFor({ state: 'detached', timeout: 2000 });

      // f: presentation mode with clearly larger type; the plot fills most of the screen.
      await fig.locator('.readouts').click();
      const small = await fontSize(fig);
      await page.keyboard.press('f');
      await poll(() => presented(fig), { timeout: 3000, message: 'f did not present the figure (neither full screen nor the overlay)' });
      await poll(async () => (await fontSize(fig)) >= small * 1.4, {
        timeout: 3000, message: async () => `the presented figure's font size is ${await fontSize(fig)}px, against ${small}px in the page`,
      });
      const plot = await fig.locator('svg.plot').boundingBox();
      const viewport = await page.evaluate(() => ({ w: innerWidth, h: innerHeight }));
      if (!plot || plot.height < viewport.h * 0.6) throw new Error(`the plot does not use the screen: ${JSON.stringify(plot)} in ${JSON.stringify(viewport)}`);
      // The keys still work while presented.
      await page.keyboard.press(' ');
      await poll(async () => (await fig.getAttribute('data-status')) === 'running', { timeout: 3000, message: 'space did not play in presentation mode' });
      await poll(async () => (await step(fig)) > 1, { timeout: 5000, message: 'the run does not advance in presentation mode' });
      await page.keyboard.press('k');
      await poll(async () => (await fig.getAttribute('data-status')) === 'paused', { timeout: 3000, message: 'k did not pause in presentation mode' });

      // Esc: back to the page.
      await page.keyboard.press('Escape');
      await poll(async () => !(await presented(fig)), { timeout: 3000, message: 'Esc did not leave presentation mode' });
      await poll(async () => Math.abs((await fontSize(fig)) - small) < 0.5, { timeout: 3000, message: 'the font size did not come back after Esc' });
      if ((await fig.getAttribute('data-presenting')) !== null) throw new Error('the figure still says it is presenting');
    },
  },
  {
    name: 'the Present button and the overlay fallback when full screen is unavailable',
    async run({ page, poll }) {
      // A browser (or an iframe without allowfullscreen) with no Fullscreen API.
      await page.addInitScript(() => {
        Object.defineProperty(Document.prototype, 'fullscreenEnabled', { get: () => false, configurable: true });
      });
      await page.goto('./?ch=from-loss-to-distribution');
      const fig = await figure(page, 'wall', poll);
      const small = await fontSize(fig);
      await fig.getByRole('button', { name: 'Present' }).click();
      await poll(() => fig.evaluate((el) => el.classList.contains('presenting-overlay')), { timeout: 3000, message: 'no overlay fallback' });
      const box = await fig.boundingBox();
      const viewport = await page.evaluate(() => ({ w: innerWidth, h: innerHeight }));
      if (!box || box.x > 1 || box.y > 1 || box.width < viewport.w - 2 || box.height < viewport.h - 2) {
        throw new Error(`the overlay does not cover the viewport: ${JSON.stringify(box)} in ${JSON.stringify(viewport)}`);
      }
      if ((await fontSize(fig)) < small * 1.4) throw new Error('the overlay does not enlarge the type');
      // Keys work with focus on the button; Esc leaves.
      await page.keyboard.press('ArrowRight');
      await poll(async () => (await step(fig)) === 1, { timeout: 3000, message: '→ did not step in the overlay' });
      await page.keyboard.press('Escape');
      await poll(async () => !(await fig.evaluate((el) => el.classList.contains('presenting-overlay'))), { timeout: 3000, message: 'Esc did not leave the overlay' });
      await fig.getByRole('button', { name: 'Present' }).waitFor();
    },
  },
  {
    name: 'keys do not fire while typing in a field; arrows on the start handle move it',
    async run({ page, poll }) {
      await page.goto('./?ch=from-loss-to-distribution');
      const fig = await figure(page, 'wall', poll);
      const rho = fig.locator('input[data-setting="rho"]');
      await rho.click();
      await page.keyboard.press('End');
      for (const key of [' ', 'r', 'f', '?', ']', '+']) await page.keyboard.press(key);
      await quietWindow(page, 20, 300);
      if ((await fig.getAttribute('data-status')) === 'running') throw new Error('space in the ρ field started the run');
      if (await presented(fig)) throw new Error('f in the ρ field presented the figure');
      if (await page.getByRole('dialog').count()) throw new Error('? in the ρ field opened the help');
      const speed = await fig.locator('select[data-setting="speed"]').inputValue();
      if (speed !== '20') throw new Error(`+ in the ρ field changed the speed to ${speed}`);
      await page.keyboard.press('Escape');
      await rho.fill('0.2');
      await rho.press('Enter');
      const handle = fig.locator('[data-handle="start"]');
      await handle.focus();
      const s = await step(fig);
      await page.keyboard.press('ArrowRight');
      await poll(async () => /^-1\.4/.test(new URL(page.url()).searchParams.get('wall.start') ?? ''), {
        timeout: 3000, message: () => `ArrowRight on the handle did not move the start: ${page.url()}`,
      });
      if ((await step(fig)) !== s) throw new Error('ArrowRight on the handle also stepped the run');
    },
  },
];
