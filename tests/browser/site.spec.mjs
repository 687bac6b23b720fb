/**
 * Site-level checks on the built book: home page, every chapter linked from it, KaTeX,
 * equation cross-references, accessibility (axe-core) and dark mode.
 * Run with `npm run build && npm run test:browser` (see run.mjs for the test API).
 */
import { axeSeriousViolations, CHAPTER_SLUGS } from './helpers.mjs';


/** Opens a path of the site and waits until the app has rendered an h1. */
async function open(page, path) {
  await page.goto(path, { waitUntil: 'load' });
  await page.locator('h1').first().waitFor({ state: 'visible', timeout: 10_000 }).catch(() => {
    throw new Error(`${path}: no visible <h1> within 10 s`);
  });
}

/**
 * The chapters the home page links to, as [{ slug, href, text }]. Throws (so the test FAILS, rather
 * than passing over an empty list) when the home page links to no chapter.
 */
async function chapterLinks(page) {
  await open(page, './');
  // Chapters live at their own folders (SLUG/); the old ?ch=SLUG links redirect there (static.spec.mjs).
  const links = await page.locator('.chapter-list a').evaluateAll((as) => as.map((a) => ({
    slug: new URL(a.href).pathname.split('/').filter(Boolean).pop(),
    href: a.getAttribute('href'),
    text: a.textContent.trim(),
  })));
  const seen = new Set();
  const chapters = links.filter((l) => l.slug && !seen.has(l.slug) && seen.add(l.slug));
  if (chapters.length === 0) {
    throw new Error('the home page links to no chapter (no <a href="./<slug>/"> in .chapter-list)');
  }
  return chapters;
}

/** Opens a chapter by clicking its link on the home page. */
async function followChapter(page, chapter) {
  await open(page, './');
  const link = page.locator(`.chapter-list a[href="${chapter.href ?? `./${chapter.slug}/`}"]`).first();
  await Promise.all([page.waitForURL((u) => u.pathname.endsWith(`/${chapter.slug}/`)), link.click()]);
  await page.waitForLoadState('load');
  await page.locator('h1').first().waitFor({ state: 'visible', timeout: 10_000 }).catch(() => {
    throw new Error(`chapter ${chapter.slug}: no visible <h1> within 10 s`);
  });
}

function formatViolations(where, violations) {
  return violations.map((v) => {
    const targets = v.targets.slice(0, 5).join(' | ') + (v.targets.length > 5 ? ` | … (${v.targets.length} nodes)` : '');
    return `${where}: [${v.impact}] ${v.id}: ${v.help}\n      ${targets}`;
  }).join('\n');
}

/** Relative luminance (WCAG) of the page background behind <body>, in dark or light scheme. */
async function backgroundLuminance(page) {
  return page.evaluate(() => {
    const transparent = (c) => c === 'transparent' || /rgba\(.*,\s*0\)$/.test(c);
    let color = [document.body, document.documentElement]
      .map((el) => getComputedStyle(el).backgroundColor).find((c) => !transparent(c));
    if (!color) { // the canvas: what `color-scheme` gives when nothing sets a background
      const probe = document.createElement('div');
      probe.style.backgroundColor = 'Canvas';
      document.body.append(probe);
      color = getComputedStyle(probe).backgroundColor;
      probe.remove();
    }
    const [r, g, b] = color.match(/[\d.]+/g).slice(0, 3).map(Number)
      .map((v) => v / 255).map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return { color, luminance: 0.2126 * r + 0.7152 * g + 0.0722 * b };
  });
}

/** One test per chapter (issue 10: no single test loops over the whole book). */
const perChapter = (name, body, timeout = 60_000) => CHAPTER_SLUGS.map((slug) => ({ name: `${slug}: ${name}`, timeout, run: (ctx) => body(ctx, { slug }) }));

export default [
  {
    name: 'home page loads with an h1 and no console errors',
    async run({ page }) {
      await open(page, './');
      const h1 = (await page.locator('h1').first().textContent()).trim();
      if (!h1) throw new Error('the h1 of the home page is empty');
    },
  },

  {
    name: 'the home page links every chapter of content/chapters.ts (the per-chapter tests below cover them all)',
    async run({ page }) {
      const linked = (await chapterLinks(page)).map((c) => c.slug);
      if (JSON.stringify(linked) !== JSON.stringify(CHAPTER_SLUGS)) throw new Error(`the home page links ${JSON.stringify(linked)}, content/chapters.ts lists ${JSON.stringify(CHAPTER_SLUGS)}`);
    },
  },

  ...perChapter('loads from its home-page link with its own h1 and no console errors', async ({ page }, chapter) => {
      await open(page, './');
      const homeH1 = (await page.locator('h1').first().textContent()).trim();
      {
        await followChapter(page, chapter);
        const h1s = (await page.locator('h1').allTextContents()).map((t) => t.trim());
        if (!h1s.some((t) => t && t !== homeH1)) {
          throw new Error(`chapter ${chapter.slug}: its h1 is ${JSON.stringify(h1s)}, the same as the home page's: the chapter is not rendered`);
        }
      }
  }),

  ...perChapter('KaTeX renders (no .katex-error, superscripts at ≈0.7 of the base size)', async ({ page }, chapter) => {
      {
        await followChapter(page, chapter);
        const info = await page.evaluate(() => {
          const katex = document.querySelectorAll('.katex').length;
          const errors = [...document.querySelectorAll('.katex-error')].map((e) => e.getAttribute('title') || e.textContent);
          // Font size of the first text leaf of each superscript/subscript, over its formula's.
          const ratios = [];
          for (const supsub of document.querySelectorAll('.katex .msupsub')) {
            const leaf = [...supsub.querySelectorAll('span:not(.vlist-s)')]
              .find((s) => s.children.length === 0 && /[^\s\u200b]/.test(s.textContent));
            const base = supsub.closest('.katex');
            if (!leaf || !base) continue;
            ratios.push(parseFloat(getComputedStyle(leaf).fontSize) / parseFloat(getComputedStyle(base).fontSize));
          }
          ratios.sort((a, b) => a - b);
          return { katex, errors, count: ratios.length, median: ratios[Math.floor(ratios.length / 2)] };
        });
        if (info.katex === 0) throw new Error(`chapter ${chapter.slug}: no .katex element (math is not rendered)`);
        if (info.errors.length) throw new Error(`chapter ${chapter.slug}: ${info.errors.length} .katex-error(s): ${info.errors.slice(0, 5).join(' | ')}`);
        if (info.count === 0) throw new Error(`chapter ${chapter.slug}: no superscript or subscript found to check KaTeX's CSS`);
        if (!(info.median >= 0.6 && info.median <= 0.85)) {
          throw new Error(`chapter ${chapter.slug}: superscript/base font size = ${info.median.toFixed(3)} (median of ${info.count}), expected ≈ 0.7; ≈ 1.0 means KaTeX's CSS and HTML come from two different KaTeX versions`);
        }
      }
  }),

  ...perChapter('display equations carry a tag, and an #eq-… link scrolls to its equation', async ({ page, poll }, chapter) => {
      {
        await followChapter(page, chapter);
        // The chapter's own equations (a figure's formula panel is not numbered).
        const displays = await page.locator('.katex-display').evaluateAll((ds) => ds.filter((d) => !d.closest('figure')).map((d) => ({
          tagged: !!d.querySelector('.tag'),
          tex: (d.querySelector('annotation')?.textContent ?? d.textContent).trim().slice(0, 60),
        })));
        if (displays.length === 0) throw new Error(`chapter ${chapter.slug}: no display equation (.katex-display)`);
        const untagged = displays.filter((d) => !d.tagged);
        if (untagged.length) {
          throw new Error(`chapter ${chapter.slug}: ${untagged.length} of ${displays.length} display equations have no \\tag: ${untagged.slice(0, 3).map((d) => JSON.stringify(d.tex)).join(', ')}`);
        }
        // Pick the prose link whose target is farthest from it (so following it must scroll).
        const refs = await page.locator('a[href^="#eq-"]').evaluateAll((as) => as.map((a, index) => {
          const target = document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1)));
          return {
            index, href: a.getAttribute('href'), hasTarget: !!target,
            distance: target ? Math.abs(target.getBoundingClientRect().top - a.getBoundingClientRect().top) : 0,
          };
        }));
        if (refs.length === 0) throw new Error(`chapter ${chapter.slug}: no cross-reference link a[href^="#eq-"] in the prose`);
        const broken = refs.filter((r) => !r.hasTarget);
        if (broken.length) throw new Error(`chapter ${chapter.slug}: links to missing equations: ${[...new Set(broken.map((r) => r.href))].join(', ')}`);
        const ref = refs.reduce((a, b) => (b.distance > a.distance ? b : a));
        const link = page.locator('a[href^="#eq-"]').nth(ref.index);
        await link.scrollIntoViewIfNeeded();
        await link.click();
        await poll(() => page.evaluate((href) => {
          const t = document.getElementById(decodeURIComponent(href.slice(1))).getBoundingClientRect();
          return location.hash === href && t.bottom > 0 && t.top < innerHeight;
        }, ref.href), { timeout: 10_000, message: `chapter ${chapter.slug}: clicking ${ref.href} did not scroll its equation into view` });
      }
  }),

  {
    name: 'axe-core: no serious or critical violations on the home page',
    async run({ page }) {
      await open(page, './');
      const violations = await axeSeriousViolations(page);
      if (violations.length) throw new Error(`axe found ${violations.length} serious/critical violation(s):\n${formatViolations('home', violations)}`);
    },
  },

  ...perChapter('axe-core: no serious or critical violations', async ({ page }, chapter) => {
    await followChapter(page, chapter);
    const violations = await axeSeriousViolations(page);
    if (violations.length) throw new Error(`axe found serious/critical violations:\n${formatViolations(chapter.slug, violations)}`);
  }, 300_000), // one chapter's axe run measured 14–60 s on the shared 2-core machine under load

  ...[{ slug: null }, ...CHAPTER_SLUGS.map((slug) => ({ slug }))].map(({ slug }) => ({
    name: `dark mode: prefers-color-scheme dark gives a dark background (${slug ?? 'home'})`,
    async run({ page }) {
      await page.emulateMedia({ colorScheme: 'dark' });
      const path = slug ? `./${slug}/` : './';
      await open(page, path);
      const { color, luminance } = await backgroundLuminance(page);
      if (!(luminance < 0.2)) throw new Error(`${path}: background ${color} has luminance ${luminance.toFixed(3)} in dark mode (want < 0.2)`);
    },
  })),
];
