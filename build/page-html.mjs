/**
 * One prerendered page as an HTML file: the built index.html (the template, with the book's
 * script and stylesheet) with the page's body, its own <title>, description, canonical link and
 * Open Graph tags, and its asset links made relative to the page's folder. Used by
 * scripts/build.mjs and by the dev server (vite.config.ts).
 */

const escapeAttr = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** '' → './', 'natural-gradients/' → '../'. */
export function rootOf(path) {
  const depth = path.split('/').filter(Boolean).length;
  return depth ? '../'.repeat(depth) : './';
}

/**
 * @param {string} template the built index.html
 * @param {{kind: string, path: string, title: string, description: string}} page
 * @param {string} body the page's rendered HTML (goes into <div id="root">)
 * @param {{siteUrl?: string, preload?: string[]}} options siteUrl: the book's absolute address
 *   (ending in /), for absolute canonical and og:url links; without it the canonical link is
 *   relative. preload: font files (paths from the book's folder) a chapter preloads.
 */
export function pageHtml(template, page, body, { siteUrl, preload = [] } = {}) {
  const root = rootOf(page.path);
  let html = template;
  // The fonts most of the math uses, fetched with the stylesheet rather than after the first
  // layout (a late font reflows the text: a layout shift).
  if (page.kind === 'chapter' && preload.length) {
    html = html.replace('</head>', `${preload.map((f) => `  <link rel="preload" as="font" type="font/woff2" href="./${f}" crossorigin />`).join('\n')}\n  </head>`);
  }
  if (root !== './') html = html.replace(/((?:src|href)=")\.\//g, `$1${root}`);
  const canonical = siteUrl ? `${siteUrl}${page.path}` : './';
  const meta = [
    `<link rel="canonical" href="${escapeAttr(canonical)}" />`,
    `<meta property="og:type" content="${page.kind === 'chapter' ? 'article' : 'website'}" />`,
    `<meta property="og:site_name" content="BLR Explorable" />`,
    `<meta property="og:title" content="${escapeAttr(page.title)}" />`,
    `<meta property="og:description" content="${escapeAttr(page.description)}" />`,
    ...(siteUrl ? [`<meta property="og:url" content="${escapeAttr(canonical)}" />`, `<meta property="og:image" content="${escapeAttr(`${siteUrl}icon-512.png`)}" />`] : []),
    `<meta name="twitter:card" content="summary" />`,
  ].join('\n    ');
  html = html
    .replace(/<title>[\s\S]*?<\/title>/, `<title>${escapeAttr(page.title)}</title>\n    ${meta}`)
    .replace(/<meta name="description" content="[^"]*"\s*\/?>/, `<meta name="description" content="${escapeAttr(page.description)}" />`)
    .replace(/<body[^>]*>/, `<body data-page="${page.kind}" data-root="${root}">`)
    .replace(/<div id="root"><\/div>/, () => `<div id="root">${body}</div>`);
  return html;
}

/** sitemap.xml: absolute addresses with siteUrl, else relative to the sitemap's own folder. */
export function sitemapXml(pages, { siteUrl } = {}) {
  const loc = (p) => escapeAttr(`${siteUrl ?? ''}${p.path || (siteUrl ? '' : './')}`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${pages.map((p) => `  <url><loc>${loc(p)}</loc></url>`).join('\n')}\n</urlset>\n`;
}
