/** The book's shell: home page, chapter pages, Table 1, single-figure embeds and demo sequences. */
import { lazy, Suspense, useEffect, useState } from 'react';
import { appendices, chapters } from '../../content/chapters';
import { ChapterPage } from './ChapterPage';
import { Home } from './Home';
import { isLectureMode, parseRoute, type Route } from './route';

// The pages that hold the whole figure registry load it on demand, like the chapters do, so the
// home page does not carry every widget of the book.
const EmbedPage = lazy(() => import('./EmbedPage').then((m) => ({ default: m.EmbedPage })));
const DemoPage = lazy(() => import('./DemoPage').then((m) => ({ default: m.DemoPage })));
const Table1Page = lazy(() => import('./Table1Page').then((m) => ({ default: m.Table1Page })));

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

  if (route.kind === 'embed') return <Suspense fallback={null}><EmbedPage figure={route.figure} /></Suspense>;
  if (route.kind === 'demo') return <Suspense fallback={null}><DemoPage key={route.sequence} sequence={route.sequence} at={route.at} badAt={route.badAt} /></Suspense>;
  if (route.kind === 'table') return <Suspense fallback={null}><Table1Page open={route.open} /></Suspense>;
  if (route.kind === 'chapter') {
    const index = chapters.findIndex((c) => c.slug === route.slug);
    if (index >= 0) return <ChapterPage key={route.slug} index={index} />;
    const appendix = appendices.findIndex((a) => a.slug === route.slug);
    if (appendix >= 0) return <ChapterPage key={route.slug} index={-1} appendix={appendix} />;
    return <Home notice={`There is no chapter called “${route.slug}”. Here is the list of chapters.`} />;
  }
  return <Home />;
}
