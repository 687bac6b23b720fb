/**
 * The one script of every prerendered page (index.html). It is small on purpose: it redirects the
 * book's older query-string links, wires the header (search, lecture mode), mounts the page's
 * figures as islands when they near the viewport, and registers the offline service worker.
 * React itself loads only with the first figure, or for the pages that are React applications
 * (Table 1, demo sequences, `?embed=ID`).
 */
import 'katex/dist/katex.min.css';
import './styles/book.css';
import { appendices, chapters } from '../content/chapters';
import { isLectureMode, legacyRedirect, rootPrefix, type PageKind } from './app/route';
import { startIslands } from './app/islands';
import { startSearch } from './app/search';
import { registerServiceWorker } from './app/sw-register';

document.documentElement.dataset.build = __BLR_BUILD__;
const page = (document.body.dataset.page ?? 'home') as PageKind;
const target = legacyRedirect(page, location.search, location.hash, rootPrefix(), [...chapters, ...appendices].map((c) => c.slug));

if (target) {
  location.replace(target);
} else {
  const query = new URLSearchParams(location.search);
  document.documentElement.classList.toggle('lecture', isLectureMode(location.search) || (page === 'demo' && query.get('demo') !== ''));
  startSearch();
  const ch = query.get('ch');
  if (page === 'home' && ch) unknownChapterNotice(ch);
  if (page === 'chapter') {
    startIslands();
    wireLectureToggle();
    // The browser may have tried the anchor before the fonts settled; land on it exactly.
    if (location.hash) document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView();
  } else if (page === 'table' || page === 'demo' || (page === 'home' && query.get('embed'))) {
    void import('./app/spa').then((m) => m.startApp(page));
  }
  registerServiceWorker();
}

/** Large type and controls for projection; kept in the address as `lecture=1`. */
function wireLectureToggle() {
  const button = document.querySelector<HTMLButtonElement>('[data-lecture-toggle]');
  if (!button) return;
  const sync = () => button.setAttribute('aria-pressed', String(document.documentElement.classList.contains('lecture')));
  sync();
  button.addEventListener('click', () => {
    const on = !document.documentElement.classList.contains('lecture');
    const q = new URLSearchParams(location.search);
    if (on) q.set('lecture', '1');
    else q.delete('lecture');
    const s = q.toString();
    history.replaceState(history.state, '', `${location.pathname}${s ? `?${s}` : ''}${location.hash}`);
    document.documentElement.classList.toggle('lecture', on);
    sync();
  });
}

/** An old `?ch=` link to a chapter the book does not have: say so above the list of chapters. */
function unknownChapterNotice(slug: string) {
  const p = document.createElement('p');
  p.className = 'notice';
  p.setAttribute('role', 'status');
  p.textContent = `There is no chapter called “${slug}”. Here is the list of chapters.`;
  document.querySelector('main')?.prepend(p);
}
