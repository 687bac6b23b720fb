/**
 * A chapter page as the build writes it (src/app/prerender.tsx): header, table of contents, the
 * chapter's prerendered HTML, and links to the previous and next chapters. Rendered only at build
 * time; in the browser the prose stays plain HTML and only the figures mount (src/app/islands.ts).
 */
import { SiteHeader } from './SiteHeader';
import { bookPages, NOTATION_SLUG, type BookPage } from '../../content/chapters';
import { chapterHref, rootPrefix } from './route';

export interface Heading {
  id: string;
  text: string;
  level: number;
}

export interface ChapterPageProps {
  /** Index into `bookPages`: the numbered chapters, then the appendices (notation). */
  index: number;
  /** The chapter's MDX rendered to HTML (with its figures' static pictures). */
  html: string;
  toc: Heading[];
}

/** "Chapter 2" for a numbered chapter, "" for an appendix (notation) without a number. */
export function chapterLabel(c: BookPage): string {
  return 'number' in c && typeof c.number === 'number' && c.number > 0 ? `Chapter ${c.number}` : '';
}

export function chapterTitle(c: BookPage): string {
  return 'number' in c && typeof c.number === 'number' && c.number > 0 ? `${c.number}. ${c.title}` : c.title;
}

export function ChapterPage({ index, html, toc }: ChapterPageProps) {
  const chapter = bookPages[index];
  // An appendix follows the last chapter.
  const prev = bookPages[index - 1];
  const next = bookPages[index + 1];
  const label = chapterLabel(chapter);
  return (
    <div className="page chapter">
      <a className="skip-link" href="#main">
        Skip to the chapter
      </a>
      <SiteHeader>
        <span className="header-chapter">
          {label ? `${label}: ` : ''}
          {chapter.title}
        </span>
        {chapter.slug === NOTATION_SLUG ? null : (
          // Not `.site-nav`, which names the one link to Table 1; styled like it.
          <a className="notation-link" href={chapterHref(NOTATION_SLUG)} style={{ fontSize: '0.9rem', textDecoration: 'none', whiteSpace: 'nowrap' }}>
            Notation
          </a>
        )}
        <button type="button" className="lecture-toggle" aria-pressed="false" data-lecture-toggle>
          Lecture mode
        </button>
      </SiteHeader>
      <div className="chapter-layout">
        <nav className="toc" aria-label="Contents of this chapter">
          <p className="toc-title">Contents</p>
          <ul>
            {toc.map((h) => (
              <li key={h.id} className={`toc-h${h.level}`}>
                <a href={`#${h.id}`}>{h.text}</a>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1}>
          <article className="prose" data-pagefind-body data-chapter={chapter.slug} dangerouslySetInnerHTML={{ __html: html }} />
          <nav className="chapter-nav" aria-label="Chapters">
            {prev ? (
              <a rel="prev" href={chapterHref(prev.slug)}>
                ← {chapterTitle(prev)}
              </a>
            ) : (
              <a href={rootPrefix()}>← All chapters</a>
            )}
            {next ? (
              <a rel="next" href={chapterHref(next.slug)}>
                {chapterTitle(next)} →
              </a>
            ) : (
              <a href={rootPrefix()}>All chapters →</a>
            )}
          </nav>
        </main>
      </div>
    </div>
  );
}
