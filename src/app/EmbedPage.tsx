/**
 * One figure alone, for `<iframe src=".../?embed=ID">` in a course page. The page tells its
 * parent its content height (the one message it sends, see docs/EMBEDDING.md) and listens to
 * no message at all: nothing a host page posts can act on it. `&autoplay=1` starts the run.
 */
import { useEffect, useRef } from 'react';
import { autoplayWhenReady } from '../widgets/autoplay';
import { heightMessage } from '../widgets/embed-snippets';
import { FIGURES } from '../widgets/figures';

export interface EmbedPageProps {
  figure: string;
}

/** Posts the document's height to the parent window whenever it changes (ResizeObserver). */
function useReportHeight(figure: string) {
  useEffect(() => {
    if (window.parent === window || typeof ResizeObserver === 'undefined') return;
    const doc = document.documentElement;
    let last = -1;
    const report = () => {
      const height = Math.ceil(doc.getBoundingClientRect().height);
      if (height === last) return;
      last = height;
      // targetOrigin '*': the message holds only the figure id and a height, both visible in
      // the iframe's own address, and the book cannot know which origin embeds it.
      window.parent.postMessage(heightMessage(figure, height), '*');
    };
    const ro = new ResizeObserver(report);
    ro.observe(doc);
    report();
    return () => ro.disconnect();
  }, [figure]);
}

export function EmbedPage({ figure }: EmbedPageProps) {
  const entry = Object.hasOwn(FIGURES, figure) ? FIGURES[figure] : undefined;
  const main = useRef<HTMLElement>(null);
  useEffect(() => {
    document.title = entry ? `${entry.title} — BLR Explorable` : 'BLR Explorable';
    document.documentElement.classList.add('embed');
  }, [entry]);
  useReportHeight(figure);
  useEffect(() => {
    if (!entry || !main.current || new URLSearchParams(location.search).get('autoplay') !== '1') return;
    return autoplayWhenReady(main.current);
  }, [entry]);
  return (
    <main id="main" className="page embed-page" ref={main}>
      {entry ? (
        <>
          <h1 className="embed-title">{entry.title}</h1>
          {entry.render()}
          <p className="embed-credit">
            From <a href="./" target="_blank" rel="noopener">BLR Explorable</a>, an interactive book on the Bayesian learning rule.
          </p>
        </>
      ) : (
        <p className="notice" role="status">
          There is no figure called “{figure}”. Available: {Object.keys(FIGURES).join(', ')}.
        </p>
      )}
    </main>
  );
}
