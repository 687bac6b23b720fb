/**
 * Export (issue 6): from a figure, the picture as SVG and PNG with a legend and concrete colours,
 * the trajectory as CSV and JSON, and each series' RunSpec, which the CLI runs to the same frames.
 */
import { figure } from './helpers.mjs';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Not imported from run.mjs: it is the running entry point, and importing it back would wait on itself.
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const readout = async (fig, series, field) => (await fig.locator(`output[data-readout="${field}"][data-series="${series}"]`).textContent()).trim();

/** Clicks an export button and returns the download's suggested name and contents. */
async function save(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), button.click()]);
  const path = await download.path();
  if (!path) throw new Error(`the download of ${download.suggestedFilename()} failed: ${await download.failure()}`);
  return { name: download.suggestedFilename(), bytes: await readFile(path) };
}

function cli(specText) {
  const out = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['src/cli/blr.ts', '-'], { cwd: ROOT, input: specText, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`the CLI rejected the exported RunSpec (exit ${out.status}): ${out.stderr}`);
  return JSON.parse(out.stdout);
}

export default [
  {
    name: 'a figure exports SVG, PNG, CSV, JSON and RunSpecs the CLI reproduces',
    timeout: 60_000,
    async run({ page, poll }) {
      await page.goto('./?ch=natural-gradients');
      const fig = await figure(page, 'paths-quad', poll);
      const stepButton = fig.getByRole('button', { name: 'Step', exact: true });
      for (let i = 1; i <= 3; i++) {
        await stepButton.click();
        await poll(async () => Number(await readout(fig, 'blr', 'step')) === i && Number(await readout(fig, 'gd', 'step')) === i, {
          timeout: 5000,
          message: `Step did not reach step ${i}`,
        });
      }
      // Frames stop arriving once the step is reached; wait until the count is stable.
      let framesReceived = -1;
      await poll(async () => {
        const n = Number(await fig.getAttribute('data-frames-received'));
        const stable = n > 0 && n === framesReceived;
        framesReceived = n;
        return stable;
      }, { timeout: 5000, interval: 300, message: 'the frame count does not settle' });

      // The menu opens from the keyboard and names its buttons.
      const menu = fig.locator('details[data-export-menu]');
      await menu.locator('summary').focus();
      await page.keyboard.press('Enter');
      await poll(async () => menu.evaluate((d) => d.open), { timeout: 2000, message: 'Enter on the summary did not open the export menu' });
      if ((await fig.getAttribute('data-status')) === 'running') throw new Error('opening the menu started the figure');
      const button = (name) => menu.getByRole('button', { name });

      // SVG: parses, has the legend, and only concrete colours.
      const svg = await save(page, button('Download the picture as SVG'));
      if (svg.name !== 'paths-quad.svg') throw new Error(`SVG file name ${svg.name}`);
      const svgText = svg.bytes.toString('utf8');
      const parsed = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
        const root = doc.documentElement;
        if (doc.querySelector('parsererror') || root.localName !== 'svg') return { error: 'not a well-formed SVG document' };
        const paths = [...doc.querySelectorAll('path')];
        const texts = [...doc.querySelectorAll('text')].map((t) => t.textContent);
        const colourOf = (el) => `${el.getAttribute('style') ?? ''};fill:${el.getAttribute('fill') ?? ''};stroke:${el.getAttribute('stroke') ?? ''}`;
        const concrete = paths.filter((p) => /(fill|stroke):\s*(rgb|#)/.test(colourOf(p))).length;
        return { ns: root.namespaceURI, viewBox: root.getAttribute('viewBox'), paths: paths.length, concrete, texts, legend: !!doc.querySelector('[data-legend]') };
      }, svgText);
      if (parsed.error) throw new Error(parsed.error);
      if (parsed.ns !== 'http://www.w3.org/2000/svg') throw new Error(`the SVG's namespace is ${parsed.ns}`);
      if (/var\(/.test(svgText)) throw new Error('the SVG still uses CSS custom properties (var(...))');
      if (/currentcolor/i.test(svgText)) throw new Error('the SVG still uses currentColor');
      if (/class="/.test(svgText)) throw new Error('the SVG still depends on classes');
      if (!parsed.legend) throw new Error('the SVG has no legend');
      for (const label of ['BLR with the delta method (natural gradient)', 'Gradient descent', 'ERM minimiser']) {
        if (!parsed.texts.includes(label)) throw new Error(`the SVG legend lacks "${label}": ${JSON.stringify(parsed.texts)}`);
      }
      if (parsed.paths < 10 || parsed.concrete !== parsed.paths) throw new Error(`${parsed.concrete} of ${parsed.paths} paths have concrete colours`);

      // PNG: the signature, and an image of the SVG's size at 2× or more.
      const png = await save(page, button('Download the picture as PNG'));
      if (png.name !== 'paths-quad.png') throw new Error(`PNG file name ${png.name}`);
      if (!png.bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) throw new Error('the PNG lacks the PNG signature');
      const [w, h] = [png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)];
      const [, , vw, vh] = parsed.viewBox.split(/\s+/).map(Number);
      if (png.bytes.length < 2000 || w < 2 * vw || Math.abs(h / w - vh / vw) > 0.01) throw new Error(`PNG of ${png.bytes.length} bytes, ${w}×${h}, for a ${vw}×${vh} SVG`);

      // CSV: a header and one row per frame received.
      const csv = await save(page, button('Download the trajectory as CSV'));
      if (csv.name !== 'paths-quad-trajectory.csv') throw new Error(`CSV file name ${csv.name}`);
      const lines = csv.bytes.toString('utf8').trimEnd().split('\n');
      if (!lines.some((l) => l.startsWith('# settings: {'))) throw new Error('the CSV does not say which settings produced it');
      const data = lines.filter((l) => !l.startsWith('#'));
      if (data[0] !== 'series,step,mean_x,mean_y,precision_a,precision_b,precision_c,cov_a,cov_b,cov_c,loss,objective') throw new Error(`CSV header ${data[0]}`);
      const rows = data.slice(1).map((l) => l.split(','));
      if (rows.length !== framesReceived) throw new Error(`the CSV has ${rows.length} rows for ${framesReceived} frames received`);

      // JSON trajectory: the same rows.
      const json = JSON.parse((await save(page, button('Download the trajectory as JSON'))).bytes.toString('utf8'));
      if (json.figure !== 'paths-quad' || json.rows.length !== framesReceived || json.settings?.rhoGd !== 0.18) throw new Error('the JSON trajectory does not match the figure');

      // RunSpecs: the CLI reproduces every frame received, and the readout's mean.
      for (const [key, label] of [['blr', 'BLR with the delta method (natural gradient)'], ['gd', 'Gradient descent']]) {
        const file = await save(page, button(`Download the RunSpec of ${label} as JSON`));
        if (file.name !== `paths-quad-${key}-runspec.json`) throw new Error(`RunSpec file name ${file.name}`);
        const out = cli(file.bytes.toString('utf8'));
        const mine = rows.filter((r) => r[0] === key);
        if (!mine.length) throw new Error(`no CSV rows for ${key}`);
        mine.forEach((r, i) => {
          const f = out.frames[i];
          const want = [f.step, ...f.mean, f.precision[0][0], f.precision[0][1], f.precision[1][1], f.cov[0][0], f.cov[0][1], f.cov[1][1], f.loss, f.objective];
          want.forEach((v, j) => {
            if (Number(r[j + 1]) !== v) throw new Error(`${key} frame ${i}, column ${j + 1}: the CLI gives ${v}, the figure ${r[j + 1]}`);
          });
        });
        const k = Number(await readout(fig, key, 'step'));
        const shownMean = (await readout(fig, key, 'mean')).match(/-?[\d.]+(?:e[-+]?\d+)?/g).map(Number);
        const cliMean = out.frames[k].mean;
        if (cliMean.some((v, j) => Math.abs(v - shownMean[j]) > 6e-4)) throw new Error(`${key}: the CLI's mean at step ${k} is ${cliMean}, the readout shows ${shownMean}`);
        if (k !== 3) throw new Error(`${key}: the readout is at step ${k}, not 3`);
      }
      // Escape closes the menu and returns focus to its summary.
      await menu.locator('button').first().focus();
      await page.keyboard.press('Escape');
      await poll(async () => !(await menu.evaluate((d) => d.open)), { timeout: 2000, message: 'Escape did not close the export menu' });
      if (!(await menu.locator('summary').evaluate((s) => s === document.activeElement))) throw new Error('focus did not return to the summary');
    },
  },
];
