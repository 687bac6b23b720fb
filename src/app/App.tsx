/** The book's shell: home page, chapter pages and single-figure embeds. */
import { useEffect, useState } from 'react';
import { chapters } from '../../content/chapters';
import { ChapterPage } from './ChapterPage';
import { EmbedPage } from './EmbedPage';
import { Home } from './Home';
import { isLectureMode, parseRoute, type Route } from './route';

export function App() {
  const [route, setRoute] = useState<Route>(() => parseRoute(location.search));
  useEffect(() => {
    const onPop = () => setRoute(parseRoute(location.search));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  useEffect(() => {
    document.documentElement.classList.toggle('lecture', isLectureMode(location.search));
  }, [route]);

  if (route.kind === 'embed') return <EmbedPage figure={route.figure} />;
  if (route.kind === 'chapter') {
    const index = chapters.findIndex((c) => c.slug === route.slug);
    if (index >= 0) return <ChapterPage key={route.slug} index={index} />;
    return <Home notice={`There is no chapter called “${route.slug}”. Here is the list of chapters.`} />;
  }
  return <Home />;
}
