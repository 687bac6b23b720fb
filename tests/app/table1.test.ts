/**
 * The Table 1 page is the book's index: every row must open a figure of the registry, with a
 * preset the figure accepts, and link to a section heading that exists in its chapter.
 * (A .ts file rendered with react-dom/server: vitest runs tests/**\/*.test.ts in node.)
 */
import { readFileSync } from 'node:fs';
import GithubSlugger from 'github-slugger';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { parseRoute, table1Href } from '../../src/app/route';
import { TABLE1, TABLE1_ROWS, table1Query, table1Row, table1SectionHref } from '../../src/app/table1';
import { Table1Page } from '../../src/app/Table1Page';
import { FIGURE_CONFIGS, FIGURES } from '../../src/widgets/figures';
import { settingsFromQuery } from '../../src/widgets/settings';

const root = new URL('../../', import.meta.url);

/** Chapter slug → the heading ids rehype-slug gives its `##` and `###` headings. */
function chapterAnchors(): Map<string, string[]> {
  const source = readFileSync(new URL('content/chapters.ts', root), 'utf8');
  const out = new Map<string, string[]>();
  for (const m of source.matchAll(/slug: '([^']+)'[\s\S]*?import\('\.\/([^']+\.mdx)'\)/g)) {
    const mdx = readFileSync(new URL(`content/${m[2]}`, root), 'utf8');
    const slugger = new GithubSlugger();
    // Every heading goes through the slugger in document order, so repeated titles get -1, -2 …
    const ids = [...mdx.matchAll(/^#{1,6} (.+)$/gm)].map((h) => ({ level: h[0].indexOf(' '), id: slugger.slug(h[1].trim()) }));
    out.set(m[1], ids.filter((h) => h.level >= 2).map((h) => h.id));
  }
  return out;
}

describe('Table 1 data', () => {
  it('has the paper’s three groups, in order, with unique row ids', () => {
    expect(TABLE1.map((g) => g.id)).toEqual(['optimisation', 'deep-learning', 'inference']);
    const ids = TABLE1_ROWS.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(TABLE1_ROWS.map((r) => r.algorithm)).toEqual([
      'Gradient descent',
      'Newton’s method',
      'Multimodal optimisation',
      'Stochastic gradient descent',
      'RMSprop',
      'Adam',
      'Dropout',
      'Straight-through estimator (STE)',
      'Online Gauss–Newton (OGN)',
      'Variational OGN (VOGN)',
      'IVON',
      'BayesBiNN',
      'Conjugate Bayes, Kalman filter',
      'Laplace’s method',
      'Expectation-maximisation',
      'Stochastic variational inference (SVI)',
      'Variational message passing (VMP)',
      'Non-conjugate VMP',
      'Non-conjugate variational inference',
    ]);
    // The paper marks these as new algorithms derived from the rule.
    expect(TABLE1_ROWS.filter((r) => r.isNew).map((r) => r.id)).toEqual(['multimodal', 'ogn', 'vogn', 'bayesbinn', 'ncvi']);
  });

  describe.each(TABLE1_ROWS.map((r) => [r.id, r] as const))('row %s', (_id, row) => {
    it(`opens a figure of the registry (${row.figure})`, () => {
      expect(Object.keys(FIGURES), `figure "${row.figure}" is not in FIGURES`).toContain(row.figure);
    });

    it('links to a section heading of its chapter', () => {
      const anchors = chapterAnchors().get(row.chapter);
      expect(anchors, `no chapter "${row.chapter}" in content/chapters.ts`).toBeDefined();
      expect(anchors).toContain(row.anchor);
      expect(row.anchor.startsWith(row.section.replace('.', ''))).toBe(true);
      expect(table1SectionHref(row)).toBe(`./${row.chapter}/#${row.anchor}`);
    });

    const preset = row.preset ?? [];
    if (preset.length) {
      it(`starts its figure from a preset the figure accepts (${preset.map(([k, v]) => `${k}=${v}`).join(', ')})`, () => {
        const config = FIGURE_CONFIGS[row.figure];
        expect(config, `figure "${row.figure}" has no entry in FIGURE_CONFIGS, so its preset cannot be checked`).toBeDefined();
        const allowed = [...new Set([...config.controls, 'start', 'speed', 'steps', 'seed'] as const)];
        const { settings, notice } = settingsFromQuery(row.figure, table1Query(row), config.defaults, config.series, allowed);
        expect(notice).toBeNull();
        for (const [name] of preset) expect(settings[name as keyof typeof settings]).not.toEqual(config.defaults[name as keyof typeof settings]);
      });
    }
  });
});

describe('Table 1 route', () => {
  it('reads ?table=1 with an optional open row; embeds and demos take precedence', () => {
    expect(parseRoute('?table=1')).toEqual({ kind: 'table', open: null });
    expect(parseRoute('?table=1&open=em&lecture=1')).toEqual({ kind: 'table', open: 'em' });
    expect(parseRoute('?table=1&open=')).toEqual({ kind: 'table', open: null });
    expect(parseRoute('?table=1&ch=inference')).toEqual({ kind: 'table', open: null });
    expect(parseRoute('?embed=wall&table=1')).toEqual({ kind: 'embed', figure: 'wall' });
    // The page itself is table/ (the old ?table=1 links are redirected there, see route.test.ts).
    expect(table1Href()).toBe('./table/');
    expect(table1Href('em')).toBe('./table/?open=em');
  });

  it('finds rows by id and ignores unknown ones', () => {
    expect(table1Row('em')?.figure).toBe('em-gmm');
    expect(table1Row('nope')).toBeUndefined();
    expect(table1Row(null)).toBeUndefined();
  });
});

describe('Table 1 page', () => {
  const html = renderToStaticMarkup(createElement(Table1Page, { open: null }));

  it('is a captioned table with column, group and row headers', () => {
    expect(html).toMatch(/<table class="table1"><caption>/);
    expect(html.match(/<th scope="col">/g)).toHaveLength(5);
    expect(html.match(/<th scope="rowgroup"/g)).toHaveLength(TABLE1.length);
    expect(html.match(/<th scope="row">/g)).toHaveLength(TABLE1_ROWS.length);
    for (const row of TABLE1_ROWS) expect(html).toContain(`href="${table1SectionHref(row).replace(/&/g, '&amp;')}"`);
  });

  it('closed, it mounts no figure: one collapsed disclosure button per row', () => {
    expect(html.match(/aria-expanded="false"/g)).toHaveLength(TABLE1_ROWS.length);
    expect(html).not.toContain('aria-expanded="true"');
    expect(html).not.toContain('data-row-figure');
    expect(html).not.toContain('data-widget');
  });

  it('opens exactly the row the address names', () => {
    const open = renderToStaticMarkup(createElement(Table1Page, { open: 'gd' }));
    expect(open.match(/aria-expanded="true"/g)).toHaveLength(1);
    expect(open.match(/data-row-figure="/g)).toHaveLength(1);
    expect(open).toContain('data-row-figure="gd"');
    expect(open).toContain('aria-controls="figure-gd"');
    expect(open).toContain('data-widget="paths-quad"');
    // An unknown row opens nothing.
    expect(renderToStaticMarkup(createElement(Table1Page, { open: 'nope' }))).not.toContain('data-row-figure');
  });
});
