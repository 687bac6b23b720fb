/**
 * The pages that are React applications: Table 1 (`table/`), demo sequences (`demo/`) and one
 * figure alone (`./?embed=ID`). Their prerendered HTML (Table 1's rows, the demo index) shows at
 * once; React then renders the live page over it.
 */
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { parseRoute, type PageKind } from './route';

const EmbedPage = lazy(() => import('./EmbedPage').then((m) => ({ default: m.EmbedPage })));
const DemoPage = lazy(() => import('./DemoPage').then((m) => ({ default: m.DemoPage })));
const Table1Page = lazy(() => import('./Table1Page').then((m) => ({ default: m.Table1Page })));

export function startApp(page: PageKind) {
  const q = new URLSearchParams(location.search);
  const root = document.getElementById('root')!;
  // `./?embed=ID` is served by the home page's file: its text is not what the frame shows.
  if (page === 'home') root.replaceChildren();
  let element: ReactNode;
  if (page === 'home') element = <EmbedPage figure={q.get('embed') ?? ''} />;
  else if (page === 'demo') {
    // One rule for the position (route.ts): anything but 1..n opens demo 1 with a notice.
    const route = parseRoute(location.search);
    element = route.kind === 'demo' ? <DemoPage sequence={route.sequence} at={route.at} badAt={route.badAt} /> : <DemoPage sequence="" at={1} />;
  } else element = <Table1Page open={q.get('open') || null} />;
  // The prerendered page stays on screen until the live one has rendered (Suspense fallback),
  // inert: its buttons and fields do nothing until the live page replaces them.
  for (const c of root.querySelectorAll('input, select, textarea, button')) c.setAttribute('disabled', '');
  createRoot(root).render(
    <Suspense fallback={<StaticFallback html={root.innerHTML} />}>
      <Live>{element}</Live>
    </Suspense>,
  );
}

/** Marks the page live (`<body data-app="live">`) once React has rendered it. */
function Live({ children }: { children: ReactNode }) {
  useEffect(() => {
    document.body.dataset.app = 'live';
  }, []);
  return children;
}

function StaticFallback({ html }: { html: string }) {
  return <div style={{ display: 'contents' }} inert dangerouslySetInnerHTML={{ __html: html }} />;
}
