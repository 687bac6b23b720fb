/**
 * The build-time renderer (Vite SSR build, run by scripts/build.mjs; in `npm start` the dev
 * server's middleware loads it with ssrLoadModule). `pages()` lists every page the book has;
 * `renderPage()` renders one to the HTML of its <body> and its metadata. Chapters come from
 * content/chapters.ts, whatever it lists (appendices included); their figures render as islands
 * (island-ssr.tsx) and their math is KaTeX's build-time HTML.
 */
import { renderToString } from 'react-dom/server';
import { bookPages } from '../../content/chapters';
import { ChapterPage, chapterLabel, chapterTitle, type Heading } from './ChapterPage';
import { DemoPage } from './DemoPage';
import { Home } from './Home';
import { setSnapshots, takeRenderedFigures } from './island-ssr';
import { setRootPrefix, type PageKind } from './route';
import { StaticMath } from './StaticMath';
import { Table1Page } from './Table1Page';

export { setSnapshots };

export interface PageInfo {
  kind: PageKind;
  /** The page's folder from the book's root: '' for the home page, 'natural-gradients/' for a chapter. */
  path: string;
  title: string;
  description: string;
  /** For chapters: the slug. */
  slug?: string;
}

const BOOK = 'BLR Explorable';
const HOME_DESCRIPTION =
  'An interactive textbook on the Bayesian Learning Rule (Khan & Rue, 2023): gradient descent, Newton, Adam, the Laplace approximation and variational inference as one algorithm, with live figures.';

export function pages(): PageInfo[] {
  return [
    { kind: 'home', path: '', title: 'The Bayesian Learning Rule — an explorable book', description: HOME_DESCRIPTION },
    ...bookPages.map((c): PageInfo => ({
      kind: 'chapter',
      path: `${c.slug}/`,
      slug: c.slug,
      title: `${chapterTitle(c)} — ${BOOK}`,
      description: c.summary,
    })),
    {
      kind: 'table',
      path: 'table/',
      title: `Table 1: one rule, many algorithms — ${BOOK}`,
      description: 'Every algorithm of Khan and Rue’s Table 1 as an instance of the Bayesian learning rule: its candidate family, its approximation, its derivation in the book and its live figure.',
    },
    {
      kind: 'demo',
      path: 'demo/',
      title: `Prepare a demo sequence — ${BOOK}`,
      description: 'Show the book’s live figures one at a time, full width and in large type, like slides: write a sequence of figures with their preset states.',
    },
  ];
}

export interface RenderedPage {
  /** The HTML that goes inside <div id="root">. */
  body: string;
  /** The page's figures: id, widget module, export and props. */
  figures: ReturnType<typeof takeRenderedFigures>;
  /** Section headings (chapters). */
  headings: Heading[];
}

const MDX_COMPONENTS = { StaticMath };

/** h2/h3 with an id in the rendered chapter, in order: the table of contents. */
function headingsOf(html: string): Heading[] {
  const out: Heading[] = [];
  for (const m of html.matchAll(/<h([23])\b[^>]*\bid="([^"]+)"[^>]*>([\s\S]*?)<\/h\1>/g)) {
    const text = m[3].replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').trim();
    out.push({ level: Number(m[1]), id: m[2], text });
  }
  return out;
}

/** Old `?ch=SLUG…#anchor` links inside a chapter's prose (cross-chapter equation references) as paths. */
function rewriteChapterLinks(html: string, root: string): string {
  return html.replace(/href="\?ch=([^"&#]+)((?:&amp;[^"#]*)?)(#[^"]*)?"/g, (_m, slug: string, rest: string, hash = '') => {
    const q = rest ? `?${rest.slice('&amp;'.length)}` : '';
    return `href="${root}${slug}/${q}${hash}"`;
  });
}

export async function renderPage(page: PageInfo): Promise<RenderedPage> {
  const root = page.path ? '../'.repeat(page.path.split('/').filter(Boolean).length) : './';
  setRootPrefix(root);
  takeRenderedFigures();
  if (page.kind === 'chapter') {
    const index = bookPages.findIndex((c) => c.slug === page.slug);
    const { default: Content } = await bookPages[index].load();
    const C = Content as React.ComponentType<{ components?: typeof MDX_COMPONENTS }>;
    const html = rewriteChapterLinks(renderToString(<C components={MDX_COMPONENTS} />), root);
    const figures = takeRenderedFigures();
    const headings = headingsOf(html);
    return { body: renderToString(<ChapterPage index={index} html={html} toc={headings} />), figures, headings };
  }
  if (page.kind === 'table') return { body: renderToString(<Table1Page open={null} />), figures: [], headings: [] };
  if (page.kind === 'demo') return { body: renderToString(<DemoPage sequence="" at={1} />), figures: [], headings: [] };
  return { body: renderToString(<Home />), figures: [], headings: [] };
}

export { chapterLabel };
