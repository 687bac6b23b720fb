/** One figure alone, for `<iframe src=".../?embed=ID">` in a course page. */
import { useEffect } from 'react';
import { FIGURES } from '../widgets/figures';

export interface EmbedPageProps {
  figure: string;
}

export function EmbedPage({ figure }: EmbedPageProps) {
  const entry = Object.hasOwn(FIGURES, figure) ? FIGURES[figure] : undefined;
  useEffect(() => {
    document.title = entry ? `${entry.title} — BLR Explorable` : 'BLR Explorable';
    document.documentElement.classList.add('embed');
  }, [entry]);
  return (
    <main id="main" className="page embed-page">
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
