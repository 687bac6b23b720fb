/** The book as an installable web app, and as a printed document. */
export default [
  {
    name: 'the web app manifest is linked, valid, and its icons load',
    async run({ page }) {
      await page.goto('./');
      const href = await page.locator('link[rel="manifest"]').getAttribute('href');
      if (!href) throw new Error('no <link rel="manifest">');
      const manifest = await page.evaluate(async (h) => (await fetch(h)).json(), href);
      for (const key of ['name', 'short_name', 'start_url', 'display', 'icons']) {
        if (!manifest[key]) throw new Error(`the manifest has no ${key}`);
      }
      const sizes = manifest.icons.map((i) => i.sizes);
      if (!sizes.includes('192x192') || !sizes.includes('512x512')) throw new Error(`icons: ${JSON.stringify(sizes)}`);
      for (const icon of manifest.icons) {
        const ok = await page.evaluate(async (src) => (await fetch(src)).ok, new URL(icon.src, new URL(href, page.url())).href);
        if (!ok) throw new Error(`icon ${icon.src} does not load`);
      }
    },
  },
  {
    name: 'a chapter prints without controls, with each built figure as its picture and caption',
    async run({ page, poll }) {
      await page.goto('./?ch=from-loss-to-distribution');
      const fig = page.locator('[data-widget="wall"]');
      await fig.waitFor();
      await fig.scrollIntoViewIfNeeded();
      // The live figure (data-status), shown in place of its static picture.
      await poll(async () => (await fig.getAttribute('data-status')) !== null && (await fig.isVisible()) && (await fig.locator('svg.plot').count()) > 0, { timeout: 8000, message: 'the wall figure was not built' });
      await page.emulateMedia({ media: 'print' });
      const visible = async (sel) => fig.locator(sel).first().isVisible();
      if (!(await visible('svg.plot'))) throw new Error('the plot is not printed');
      if (!(await visible('figcaption'))) throw new Error('the caption is not printed');
      for (const sel of ['.playback', '.controls', '.readouts']) {
        if (await visible(sel)) throw new Error(`${sel} is printed`);
      }
      if (await page.locator('.toc').isVisible()) throw new Error('the table of contents is printed');
    },
  },
];
