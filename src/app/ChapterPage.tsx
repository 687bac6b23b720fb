/**
 * A chapter: the compiled MDX, a table of contents built from its headings, and links to the
 * previous and next chapters.
 */
import { startTransition, useEffect, useRef, useState, type ComponentType } from 'react';
import { SiteHeader } from './SiteHeader';
import { appendices, chapters, NOTATION_SLUG } from '../../content/chapters';
import { chapterHref, isLectureMode } from './route';
import { StaticMath } from './StaticMath';

const MDX_COMPONENTS = { StaticMath };

export interface ChapterPageProps {
  /** Index into `chapters`; ignored when `appendix` is given. */
  index: number;
  /** Index into `appendices`: an unnumbered page such as the notation page. */
  appendix?: number;
}

interface Heading {
  id: string;
  text: string;
  level: number;
}

export function ChapterPage({ index, appendix }: ChapterPageProps) {
  const page = appendix === undefined ? chapters[index] : appendices[appendix];
  const chapter = { ...page, number: 'number' in page ? page.number : undefined };
  const label = chapter.number === undefined ? chapter.title : `${chapter.number}. ${chapter.title}`;
  const [Content, setContent] = useState<ComponentType<{ components?: typeof MDX_COMPONENTS }> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [toc, setToc] = useState<Heading[]>([]);
  const article = useRef<HTMLElement>(null);

  useEffect(() => {
    let live = true;
    page
      .load()
      // A transition lets React render the long chapter in slices instead of one long task.
      .then((m) => live && startTransition(() => setContent(() => m.default)))
      .catch((e: Error) => live && setError(`This chapter could not be loaded (${e.message}). Reload the page to try again.`));
    document.title = `${label} — BLR Explorable`;
    return () => {
      live = false;
    };
  }, [page]);

  useEffect(() => {
    if (!Content || !article.current) return;
    const hs = [...article.current.querySelectorAll<HTMLHeadingElement>('h2[id], h3[id]')];
    setToc(hs.map((h) => ({ id: h.id, text: h.textContent ?? '', level: Number(h.tagName[1]) })));
    // The browser cannot scroll to an anchor before the chapter exists; do it now.
    if (location.hash) document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView();
  }, [Content]);

  // An appendix follows the last chapter.
  const prev = appendix === undefined ? chapters[index - 1] : chapters[chapters.length - 1];
  const next = appendix === undefined ? chapters[index + 1] : undefined;
  return (
    <div className="page chapter">
      <a className="skip-link" href="#main">
        Skip to the chapter
      </a>
      <SiteHeader>
        <span className="header-chapter">{chapter.number === undefined ? chapter.title : `Chapter ${chapter.number}: ${chapter.title}`}</span>
        {chapter.slug === NOTATION_SLUG ? null : (
          // Not `.site-nav`, which names the one link to Table 1; styled like it.
          <a className="notation-link" href={chapterHref(NOTATION_SLUG)} style={{ fontSize: '0.9rem', textDecoration: 'none', whiteSpace: 'nowrap' }}>
            Notation
          </a>
        )}
        <LectureToggle />
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
          <article ref={article} className="prose">
            {error ? (
              <p className="notice" role="alert">
                {error}
              </p>
            ) : Content ? (
              <Content components={MDX_COMPONENTS} />
            ) : (
              <p aria-busy="true">Loading the chapter…</p>
            )}
          </article>
          <nav className="chapter-nav" aria-label="Chapters">
            {prev ? (
              <a rel="prev" href={chapterHref(prev.slug)}>
                ← {prev.number}. {prev.title}
              </a>
            ) : (
              <a href="./">← All chapters</a>
            )}
            {next ? (
              <a rel="next" href={chapterHref(next.slug)}>
                {next.number}. {next.title} →
              </a>
            ) : (
              <a href="./">All chapters →</a>
            )}
          </nav>
        </main>
      </div>
    </div>
  );
}

/** Large type and controls for projection; kept in the address as `lecture=1`. */
function LectureToggle() {
  const [on, setOn] = useState(() => isLectureMode(location.search));
  const toggle = () => {
    const query = new URLSearchParams(location.search);
    if (on) query.delete('lecture');
    else query.set('lecture', '1');
    history.replaceState(history.state, '', `${location.pathname}?${query}${location.hash}`);
    document.documentElement.classList.toggle('lecture', !on);
    setOn(!on);
  };
  return (
    <button type="button" className="lecture-toggle" aria-pressed={on} onClick={toggle}>
      Lecture mode
    </button>
  );
}
