import { describe, expect, it } from 'vitest';
import { pageHtml, rootOf, sitemapXml } from '../../build/page-html.mjs';
import { toHit } from '../../src/app/search';

const TEMPLATE = `<!doctype html><html><head><title>x</title>
<meta name="description" content="old" />
<script type="module" crossorigin src="./assets/index-1.js"></script>
<link rel="stylesheet" href="./assets/index-1.css"></head>
<body><div id="root"></div></body></html>`;

describe('prerendered page files', () => {
  const chapter = { kind: 'chapter', path: 'natural-gradients/', title: '2. Natural gradients — BLR', description: 'The "natural" gradient & its <uses>.' };

  it('gives each page its folder depth, its own metadata and its body', () => {
    expect(rootOf('')).toBe('./');
    expect(rootOf('natural-gradients/')).toBe('../');
    const html = pageHtml(TEMPLATE, chapter, '<h1>Hi</h1>', { preload: ['assets/KaTeX_Main-Regular-x.woff2'] });
    expect(html).toContain('src="../assets/index-1.js"');
    expect(html).toContain('href="../assets/index-1.css"');
    expect(html).toContain('<link rel="preload" as="font" type="font/woff2" href="../assets/KaTeX_Main-Regular-x.woff2" crossorigin />');
    expect(html).toContain('<title>2. Natural gradients — BLR</title>');
    expect(html).toContain('<meta name="description" content="The &quot;natural&quot; gradient &amp; its &lt;uses&gt;." />');
    expect(html).toContain('<meta property="og:title" content="2. Natural gradients — BLR" />');
    expect(html).toContain('<meta property="og:type" content="article" />');
    // No site URL: the canonical link is the page itself, relative; no og:url.
    expect(html).toContain('<link rel="canonical" href="./" />');
    expect(html).not.toContain('og:url');
    expect(html).toContain('<body data-page="chapter" data-root="../">');
    expect(html).toContain('<div id="root"><h1>Hi</h1></div>');
  });

  it('uses absolute addresses with a site URL, in the page and the sitemap', () => {
    const html = pageHtml(TEMPLATE, chapter, '', { siteUrl: 'https://example.org/blr/' });
    expect(html).toContain('<link rel="canonical" href="https://example.org/blr/natural-gradients/" />');
    expect(html).toContain('<meta property="og:url" content="https://example.org/blr/natural-gradients/" />');
    const pages = [{ ...chapter, kind: 'home', path: '' }, chapter];
    expect(sitemapXml(pages, { siteUrl: 'https://example.org/blr/' })).toContain('<loc>https://example.org/blr/</loc>');
    expect(sitemapXml(pages, { siteUrl: 'https://example.org/blr/' })).toContain('<loc>https://example.org/blr/natural-gradients/</loc>');
    expect(sitemapXml(pages)).toContain('<loc>natural-gradients/</loc>');
  });

  it('a body holding "$&" is inserted as written', () => {
    expect(pageHtml(TEMPLATE, chapter, '<p>$& and $1</p>')).toContain('<div id="root"><p>$& and $1</p></div>');
  });
});

describe('search results', () => {
  // content: "a b c fisher's identity d e fisher information f" — word positions from 0.
  const data = {
    url: '/inference/',
    content: "Intro text here. Fisher's identity says so. The Fisher information matrix.",
    meta: { title: 'Inference' },
    excerpt: '',
    anchors: [{ element: 'div', id: 'eq-5.24', location: 2 }, { element: 'h2', id: 'sec-a', location: 0 }],
    sub_results: [
      { title: 'Info', url: '/inference/#sec-b', excerpt: 'x', locations: [7, 8] },
      { title: 'Identity', url: '/inference/#sec-a', excerpt: 'y', locations: [3, 4] },
    ],
  };

  it('lists the section holding the whole phrase first, and scores the page by it', () => {
    const hit = toHit(data, "Fisher’s identity");
    expect(hit.sections.map((s) => s.title)).toEqual(['Identity', 'Info']);
    expect(hit.score).toBe(1);
    // The equation just before the match is linked.
    expect(hit.sections[0].equation).toEqual({ n: '5.24', url: '/inference/#eq-5.24' });
  });

  it('without a phrase, orders sections by their number of matches, then page order', () => {
    const hit = toHit({ ...data, sub_results: [{ ...data.sub_results[0], locations: [7] }, data.sub_results[1]] }, 'fisher');
    expect(hit.sections.map((s) => s.title)).toEqual(['Identity', 'Info']);
    expect(hit.score).toBe(0);
  });
});
