/**
 * Classroom links and demo sequences (issue 6, presentation mode):
 *   ?ch=…&ID.hide=NAME,NAME&ID.lock=NAME      hidden controls are absent, locked ones disabled
 *   ?demo=ID,ID~name=value,ID&at=N            one figure at a time, Next/Previous, keys, `at`
 */
import { figure, quietWindow, step } from './helpers.mjs';

const param = (page, key) => new URL(page.url()).searchParams.get(key);

async function expectAbsent(fig, selector, what) {
  const n = await fig.locator(selector).count();
  if (n) throw new Error(`${what} is on the page (${n} × ${selector}) although the link hides it`);
}

async function expectEnabled(locator, what) {
  if (!(await locator.isEnabled())) throw new Error(`${what} is disabled`);
}

/** Waits for the demo page to say "Demo at of n" and for `at` in the address. */
async function position(page, poll, at, n) {
  const position = page.locator('[data-demo-position]');
  await poll(async () => ((await position.textContent().catch(() => '')) ?? '').trim() === `Demo ${at} of ${n}`, {
    timeout: 5000,
    message: async () => `the page does not say "Demo ${at} of ${n}" (it says ${JSON.stringify(await position.textContent().catch(() => null))})`,
  });
  await poll(async () => param(page, 'at') === String(at), { timeout: 3000, message: () => `the address does not hold at=${at}: ${page.url()}` });
}

/** Waits for the demo page to show demo `at` of `n` with figure `id`; returns the figure. */
async function demoAt(page, poll, at, n, id) {
  await position(page, poll, at, n);
  const fig = await figure(page, id, poll);
  const count = await page.locator('[data-widget]').count();
  if (count !== 1) throw new Error(`demo ${at} shows ${count} figures`);
  return fig;
}

export default [
  {
    name: 'a classroom link hides and locks the wall figure’s controls; flatsharp is untouched; the params survive a change',
    async run({ page, poll }) {
      await page.goto('./?ch=from-loss-to-distribution&wall.hide=alg,speed&wall.lock=tau&flatsharp.tau=0.2');
      const wall = await figure(page, 'wall', poll);
      await expectAbsent(wall, 'select[data-setting="alg"]', 'the algorithm menu');
      await expectAbsent(wall, 'select[data-setting="speed"]', 'the speed menu');
      await expectAbsent(wall, '[data-classroom-helper]', 'the classroom-link helper');
      const tau = wall.locator('input[data-setting="tau"]');
      if (!(await tau.isDisabled())) throw new Error('the locked τ field is not disabled');
      if (!(await wall.getByRole('slider', { name: /τ, temperature slider/ }).isDisabled())) throw new Error('the locked τ slider is not disabled');
      const description = await tau.getAttribute('aria-description');
      if (!/locked by the lecturer/.test(description ?? '')) throw new Error(`the locked field's description is ${JSON.stringify(description)}`);
      if (!/locked by the lecturer/i.test(await tau.evaluate((el) => el.closest('.control')?.getAttribute('title') ?? ''))) {
        throw new Error('the locked control has no tooltip');
      }
      const rho = wall.locator('input[data-setting="rho"]');
      await expectEnabled(rho, 'the unlocked ρ field');
      await expectEnabled(wall.getByRole('button', { name: 'Play', exact: true }), 'Play');
      if ((await wall.locator('[data-notice="url"]').count()) !== 0) throw new Error('a valid classroom link shows a notice');

      const flat = await figure(page, 'flatsharp', poll);
      for (const setting of ['tau', 'rho', 'rhoGd', 'speed']) await expectEnabled(flat.locator(`[data-setting="${setting}"]`), `flatsharp's ${setting}`);
      if ((await flat.locator('input[data-setting="tau"]').inputValue()) !== '0.2') throw new Error('flatsharp lost its own setting');
      if ((await flat.locator('[data-classroom-helper]').count()) !== 1) throw new Error('flatsharp has no classroom-link helper');

      await rho.fill('0.3');
      await rho.press('Enter');
      await poll(async () => param(page, 'wall.rho') === '0.3', { timeout: 5000, message: () => `ρ = 0.3 did not reach the address: ${page.url()}` });
      if (param(page, 'wall.hide') !== 'alg,speed' || param(page, 'wall.lock') !== 'tau') throw new Error(`the hide/lock parameters did not survive: ${page.url()}`);
      if (param(page, 'flatsharp.tau') !== '0.2') throw new Error('another figure’s parameter was lost');
      await page.reload();
      const again = await figure(page, 'wall', poll);
      await expectAbsent(again, 'select[data-setting="alg"]', 'after a reload, the algorithm menu');
      if ((await again.locator('input[data-setting="rho"]').inputValue()) !== '0.3') throw new Error('the reload lost ρ');
      if (!(await again.locator('input[data-setting="tau"]').isDisabled())) throw new Error('after a reload, τ is not locked');
    },
  },
  {
    name: 'hide=controls leaves out the whole settings column; a malformed list gives the notice and every control',
    async run({ page, poll }) {
      await page.goto('./?ch=from-loss-to-distribution&wall.hide=controls&wall.lock=playback&flatsharp.hide=bogus');
      const wall = await figure(page, 'wall', poll);
      await expectAbsent(wall, '.controls', 'the settings column');
      if (!(await wall.getByRole('button', { name: 'Play', exact: true }).isDisabled())) throw new Error('lock=playback did not disable Play');
      if (!(await wall.locator('select[data-setting="speed"]').isDisabled())) throw new Error('lock=playback did not disable the speed menu');
      const flat = await figure(page, 'flatsharp', poll);
      const notice = flat.locator('[data-notice="url"]');
      await poll(async () => /could not be used.*hide/.test((await notice.textContent().catch(() => '')) ?? ''), { timeout: 3000, message: 'no notice for hide=bogus' });
      for (const setting of ['tau', 'rho', 'rhoGd', 'speed']) await expectEnabled(flat.locator(`[data-setting="${setting}"]`), `flatsharp's ${setting} (after a malformed list)`);
      if ((await wall.locator('[data-notice="url"]').count()) !== 0) throw new Error('the malformed list of another figure gave the wall a notice');
    },
  },
  {
    name: 'the classroom-link helper builds a link that opens the figure as ticked',
    async run({ page, poll }) {
      await page.goto('./?ch=from-loss-to-distribution&flatsharp.tau=0.2');
      const flat = await figure(page, 'flatsharp', poll);
      await flat.locator('[data-classroom-helper] summary').click();
      await flat.getByRole('checkbox', { name: 'Hide ρ for gradient descent' }).check();
      await flat.getByRole('checkbox', { name: 'Lock τ, temperature' }).check();
      await flat.getByRole('checkbox', { name: 'Hide Speed' }).check();
      const field = flat.locator('[data-classroom-link]');
      const link = await poll(async () => {
        const v = await field.inputValue();
        return /flatsharp\.lock=tau/.test(v) && v;
      }, { timeout: 3000, message: async () => `the link does not lock τ: ${await field.inputValue()}` });
      const url = new URL(link);
      if (url.searchParams.get('flatsharp.hide') !== 'rhoGd,speed') throw new Error(`the link's hide list: ${link}`);
      if (url.searchParams.get('flatsharp.tau') !== '0.2') throw new Error(`the link lost the figure's settings: ${link}`);
      if (url.searchParams.has('wall.hide')) throw new Error('the link hides controls of another figure');
      if (new URL(page.url()).searchParams.has('flatsharp.hide')) throw new Error('ticking changed this page’s address');
      await flat.getByRole('button', { name: 'Copy', exact: true }).click();
      await poll(async () => /Copied|Ctrl\+C/.test(await flat.locator('[data-classroom-helper] [role="status"]').textContent()), { timeout: 3000, message: 'Copy gave no feedback' });
      await page.goto(link);
      const opened = await figure(page, 'flatsharp', poll);
      await expectAbsent(opened, '[data-setting="rhoGd"]', 'ρ for gradient descent');
      await expectAbsent(opened, '[data-setting="speed"]', 'the speed menu');
      if (!(await opened.locator('input[data-setting="tau"]').isDisabled())) throw new Error('τ is not locked by the built link');
      if ((await opened.locator('input[data-setting="tau"]').inputValue()) !== '0.2') throw new Error('the built link lost τ = 0.2');
    },
  },
  {
    name: 'a demo sequence: Next, n, p and the arrow keys move through it with each preset; the address follows; a reload reopens it',
    timeout: 45_000,
    async run({ page, poll }) {
      await page.goto('./?demo=wall,flatsharp~tau=0.2~hide=rhoGd,paths-quad~paths-quad.rho=0.5');
      let fig = await demoAt(page, poll, 1, 3, 'wall');
      if (!/The wall/.test(await page.locator('h1').textContent())) throw new Error('the demo has no figure title');
      if (!(await page.getByRole('button', { name: /Previous/ }).isDisabled())) throw new Error('Previous is enabled on the first demo');
      const size = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
      if (size < 22) throw new Error(`root font size ${size}px on a demo page`);

      await page.getByRole('button', { name: /Next/ }).click();
      fig = await demoAt(page, poll, 2, 3, 'flatsharp');
      if ((await fig.locator('input[data-setting="tau"]').inputValue()) !== '0.2') throw new Error('demo 2 did not apply its preset τ = 0.2');
      await expectAbsent(fig, '[data-setting="rhoGd"]', 'demo 2’s hidden ρ for gradient descent');
      if (param(page, 'flatsharp.tau') !== null) throw new Error('the demo wrote the figure’s state to the address');

      await page.locator('h1').click(); // focus outside the figure
      await page.keyboard.press('n');
      fig = await demoAt(page, poll, 3, 3, 'paths-quad');
      if ((await fig.locator('input[data-setting="rho"]').inputValue()) !== '0.5') throw new Error('demo 3 did not apply its preset ρ = 0.5');
      if (!(await page.getByRole('button', { name: /Next/ }).isDisabled())) throw new Error('Next is enabled on the last demo');

      await page.keyboard.press('p');
      await demoAt(page, poll, 2, 3, 'flatsharp');
      await page.keyboard.press('ArrowLeft');
      await demoAt(page, poll, 1, 3, 'wall');
      await page.keyboard.press('PageDown');
      fig = await demoAt(page, poll, 2, 3, 'flatsharp');

      // Inside the figure, → belongs to the figure (it steps the run): the demo stays.
      await fig.locator('.readouts').click();
      const before = await step(fig);
      await page.keyboard.press('ArrowRight');
      // → steps the run: once the step shows, the key has been handled.
      await poll(async () => (await step(fig)) === before + 1, { timeout: 10_000, message: async () => `→ inside the figure did not step the run (${before} → ${await step(fig)})` });
      await quietWindow(page, 10, 300);
      if (param(page, 'at') !== '2') throw new Error('→ inside the figure changed the demo');
      // Typing n in a field is not "next".
      await fig.locator('input[data-setting="tau"]').focus();
      await page.keyboard.press('n');
      await quietWindow(page, 10, 300);
      if (param(page, 'at') !== '2') throw new Error('n typed in a field changed the demo');

      await page.reload();
      fig = await demoAt(page, poll, 2, 3, 'flatsharp');
      if ((await fig.locator('input[data-setting="tau"]').inputValue()) !== '0.2') throw new Error('after a reload, demo 2 lost its preset');
      if (param(page, 'demo') !== 'wall,flatsharp~tau=0.2~hide=rhoGd,paths-quad~paths-quad.rho=0.5') throw new Error(`the sequence changed in the address: ${page.url()}`);
    },
  },
  {
    name: 'a demo with an unknown figure says so in its place; an empty sequence offers to prepare one',
    async run({ page, poll }) {
      await page.goto('./?demo=wall,nope&at=2');
      await position(page, poll, 2, 2);
      const notice = page.locator('.notice');
      await poll(async () => /does not exist.*wall/.test((await notice.textContent().catch(() => '')) ?? ''), { timeout: 3000, message: 'no notice for an unknown figure' });
      if ((await page.locator('[data-widget]').count()) !== 0) throw new Error('a figure is shown for an unknown id');
      await page.getByRole('button', { name: /Previous/ }).click();
      await demoAt(page, poll, 1, 2, 'wall');
      await page.goto('./?demo=');
      await page.getByRole('heading', { name: 'Prepare a demo sequence' }).waitFor();
      await page.getByLabel('Sequence').fill('params,paths-rosen~rho=0.4');
      await page.getByRole('button', { name: 'Open' }).click();
      await demoAt(page, poll, 1, 2, 'params');
      await page.keyboard.press('ArrowRight');
      const fig = await demoAt(page, poll, 2, 2, 'paths-rosen');
      if ((await fig.locator('input[data-setting="rho"]').inputValue()) !== '0.4') throw new Error('the prepared sequence lost its preset');
    },
  },
  {
    name: 'keyboard shortcuts obey a classroom link: locked step size and speed do not change, locked playback does not play',
    async run({ page, poll }) {
      await page.goto('./?ch=from-loss-to-distribution&wall.lock=rho,speed');
      const fig = await figure(page, 'wall', poll);
      await fig.locator('.readouts').click();
      const rho = fig.locator('input[data-setting="rho"]');
      const speed = fig.locator('select[data-setting="speed"]');
      const [rho0, speed0] = [await rho.inputValue(), await speed.inputValue()];
      await page.keyboard.press(']');
      await page.keyboard.press('+');
      await quietWindow(page, 10, 300);
      if ((await rho.inputValue()) !== rho0) throw new Error('] changed a locked ρ');
      if ((await speed.inputValue()) !== speed0) throw new Error('+ changed a locked speed');
      await page.goto('./?ch=from-loss-to-distribution&wall.lock=playback');
      const locked = await figure(page, 'wall', poll);
      await locked.locator('.readouts').click();
      await page.keyboard.press(' ');
      await quietWindow(page, 10, 400);
      if ((await locked.getAttribute('data-status')) === 'running') throw new Error('space played a figure whose playback is locked');
    },
  },
];
