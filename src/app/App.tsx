/** The book's shell: home page, chapter pages, Table 1, single-figure embeds and demo sequences. */
import { useEffect, useState } from 'react';
import { chapters } from '../../content/chapters';
import { ChapterPage } from './ChapterPage';
import { DemoPage } from './DemoPage';
import { EmbedPage } from './EmbedPage';
import { Home } from './Home';
import { Table1Page } from './Table1Page';
import { isLectureMode, parseRoute, type Route } from './route';

export function App() {
  const [route, setRoute] = useState<Route>(() => parseRoute(location.search));
  useEffect(() => {
    const onPop = () => setRoute(parseRoute(location.search));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  useEffect(() => {
    // A demo sequence is for projection: always in lecture mode's large type.
    document.documentElement.classList.toggle('lecture', route.kind === 'demo' || isLectureMode(location.search));
  }, [route]);

  if (route.kind === 'embed') return <EmbedPage figure={route.figure} />;
  if (route.kind === 'demo') return <DemoPage key={route.sequence} sequence={route.sequence} at={route.at} />;
  if (route.kind === 'table') return <Table1Page open={route.open} />;
  if (route.kind === 'chapter') {
    const index = chapters.findIndex((c) => c.slug === route.slug);
    if (index >= 0) return <ChapterPage key={route.slug} index={index} />;
    return <Home notice={`There is no chapter called “${route.slug}”. Here is the list of chapters.`} />;
  }
  return <Home />;
}
