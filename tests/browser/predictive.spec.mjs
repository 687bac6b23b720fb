/**
 * Chapter 6's uncertainty figure through the embed route (`?embed=predictive`):
 *   svg.predictive-plot with path[data-curve="point|ivon|dropout|laplace"] (each series' mean)
 *   and path[data-band="ivon|dropout|laplace"] (mean ± 2 sd: along the upper edge over the x grid,
 *   back along the lower edge); button[data-toggle=KEY] (aria-pressed) shows or hides a series;
 *   output[data-readout="sd"][data-series=KEY][data-x="0|2|4"] the predictive sd of f(x).
 */
import { expectNoSeriousAxeViolations, figure } from './helpers.mjs';

const URL_FAST = './?embed=predictive&predictive.speed=320';
const BANDS = ['ivon', 'dropout', 'laplace'];

/** Plays the figure to its last step. */
async function playToEnd(fig, poll) {
  await fig.getByRole('button', { name: 'Play', exact: true }).click();
  await poll(async () => (await fig.getAttribute('data-status')) === 'done', { timeout: 15_000, message: 'the runs did not finish' });
}

/** A band's vertical extent in pixels at grid index i (path: n points along the top, then n back along the bottom). */
function bandWidths(d) {
  const ys = [...d.matchAll(/[ML]([-\d.]+),([-\d.]+)/g)].map((m) => Number(m[2]));
  const n = ys.length / 2;
  return Array.from({ length: n }, (_, i) => ys[2 * n - 1 - i] - ys[i]);
}

const sd = async (fig, key, x) => ((await fig.locator(`output[data-readout="sd"][data-series="${key}"][data-x="${x}"]`).textContent()) ?? '').trim();

export default [
  {
    name: 'predictive: bands drawn, wider at the edge of the window than at the data’s centre; the point estimate has none; same seed, same bands',
    timeout: 45_000,
    async run({ page, poll, freshPage }) {
      await page.goto(URL_FAST);
      const fig = await figure(page, 'predictive', poll);
      await playToEnd(fig, poll);
      const plot = fig.locator('svg.predictive-plot');
      if ((await plot.locator('[data-band="point"]').count()) !== 0) throw new Error('the point estimate has a band');
      if (!((await plot.locator('[data-curve="point"]').getAttribute('d')) ?? '').startsWith('M')) throw new Error('the point estimate’s curve is not drawn');
      const paths = {};
      for (const key of BANDS) {
        const d = (await plot.locator(`[data-band="${key}"]`).getAttribute('d')) ?? '';
        if (!d.startsWith('M')) throw new Error(`no band for ${key}`);
        paths[key] = d;
        const w = bandWidths(d);
        const centre = w[(w.length - 1) / 2];
        const edges = [w[0], w[w.length - 1]];
        if (!(Math.min(...edges) > centre + 5)) throw new Error(`${key}'s band is ${edges.map((v) => v.toFixed(1))} px at the edges, ${centre.toFixed(1)} px at x = 0`);
        const [s0, s4] = [Number(await sd(fig, key, 0)), Number(await sd(fig, key, 4))];
        if (!(s4 > s0 && s4 > 0.1)) throw new Error(`${key}: sd ${s0} at x = 0, ${s4} at x = 4`);
      }
      if (!(await sd(fig, 'point', 4)).startsWith('none')) throw new Error(`the point's sd reads ${await sd(fig, 'point', 4)}`);

      // The same link (same seed) draws the same bands in another page.
      const other = await freshPage();
      await other.goto(URL_FAST);
      const fig2 = await figure(other, 'predictive', poll);
      await playToEnd(fig2, poll);
      for (const key of BANDS) {
        if ((await fig2.locator(`svg.predictive-plot [data-band="${key}"]`).getAttribute('d')) !== paths[key]) throw new Error(`${key}'s band differs between two loads with the same seed`);
      }
    },
  },
  {
    name: 'predictive: series toggles work from the keyboard; the dropout rate is a setting in the URL',
    timeout: 30_000,
    async run({ page, poll }) {
      await page.goto(URL_FAST);
      const fig = await figure(page, 'predictive', poll);
      const toggle = fig.locator('button[data-toggle="laplace"]');
      await toggle.focus();
      await page.keyboard.press('Enter');
      await poll(async () => (await toggle.getAttribute('aria-pressed')) === 'false', { timeout: 3000, message: 'Enter did not switch Laplace off' });
      if ((await fig.locator('g.series[data-series="laplace"]').getAttribute('visibility')) !== 'hidden') throw new Error('Laplace’s band is still shown');
      // Space on a focused toggle presses it (it does not play the figure).
      await page.keyboard.press(' ');
      await poll(async () => (await toggle.getAttribute('aria-pressed')) === 'true', { timeout: 3000, message: 'Space did not switch Laplace back on' });
      if ((await fig.locator('g.series[data-series="laplace"]').getAttribute('visibility')) !== 'visible') throw new Error('Laplace’s band did not come back');

      // The picture export finds the data-space plot.
      await fig.locator('[data-export-menu] summary').click();
      const [download] = await Promise.all([page.waitForEvent('download'), fig.locator('[data-export="svg"]').click()]);
      if (!download.suggestedFilename().endsWith('.svg')) throw new Error(`the picture export saved ${download.suggestedFilename()}`);
      await fig.locator('[data-export-menu] summary').click();

      const rate = fig.locator('input[type="number"][data-setting="dropout"]');
      await rate.fill('0.3');
      await rate.press('Enter');
      await poll(async () => new URL(page.url()).searchParams.get('predictive.dropout') === '0.3', { timeout: 3000, message: 'the dropout rate is not in the address' });
      await poll(async () => (await fig.locator('button[data-toggle="dropout"]').textContent()).includes('p = 0.3'), { timeout: 3000, message: 'the legend does not show p = 0.3' });
    },
  },
  {
    name: 'predictive: no serious axe violations, light and dark; dark palette',
    timeout: 40_000,
    async run({ page, poll, browser, baseURL }) {
      await page.goto('./?embed=predictive');
      await figure(page, 'predictive', poll);
      await expectNoSeriousAxeViolations(page, 'predictive (light)');
      const context = await browser.newContext({ baseURL, colorScheme: 'dark', viewport: { width: 1280, height: 900 } });
      try {
        const dark = await context.newPage();
        await dark.goto(URL_FAST);
        const fig = await figure(dark, 'predictive', poll);
        await playToEnd(fig, poll);
        const colors = await fig.evaluate((el) => ({
          bg: getComputedStyle(el.querySelector('svg.predictive-plot')).backgroundColor,
          dropout: getComputedStyle(el.querySelector('[data-curve="dropout"]')).stroke,
          laplace: getComputedStyle(el.querySelector('[data-band="laplace"]')).fill,
        }));
        if (colors.bg === 'rgb(255, 255, 255)') throw new Error('the data space is white in dark mode');
        if (colors.dropout !== 'rgb(77, 182, 172)') throw new Error(`MC dropout is not in the dark palette: ${colors.dropout}`);
        if (colors.laplace !== 'rgb(255, 166, 87)') throw new Error(`Laplace is not in the dark palette: ${colors.laplace}`);
        await expectNoSeriousAxeViolations(dark, 'predictive (dark)');
      } finally {
        await context.close();
      }
    },
  },
];
