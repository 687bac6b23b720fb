/**
 * A demo sequence (`?demo=wall,flatsharp~tau=0.2,paths-quad&at=2`): one figure at a time, full
 * width and in large type, stepped through like slides. Each demo builds its figure from its
 * own preset (parseDemoSequence in route.ts), not from the page's `ID.*` parameters, and does not
 * write its changes to the address: reopening the link (or reloading) shows the prepared demo
 * at the position `at`, which follows Next and Previous.
 * Keys: PageDown or n next, PageUp or p previous; → and ← too, unless the focus is inside the
 * figure (where → steps the run).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { SiteHeader } from './SiteHeader';
import { FigureHostContext } from '../widgets/host';
import { Figure } from '../widgets/Figure';
import { FIGURE_CONFIGS, FIGURES } from '../widgets/figures';
import './demo.css';
import { demoHref, demoQuery, demoStart, parseDemoSequence, withDemoPosition, type DemoEntry } from './route';

export interface DemoPageProps {
  /** The `demo` parameter as written. */
  sequence: string;
  /** The position from the address (from 1). */
  at: number;
  /** An `at` from the address that is not a whole number from 1, as written. */
  badAt?: string;
}

/** Short captions for the projected figures (the chapters' captions without their cross-references). */
const CAPTIONS: Record<string, string> = {
  wall: 'The cross marks the ERM minimiser; the ellipse is the Gaussian q found by the Bayesian learning rule at temperature τ. As τ grows, q widens and its mean retreats from the steep wall on the right.',
  flatsharp:
    'The sharp well on the left is deeper and is where gradient descent settles. At low temperature the Bayesian learning rule agrees; once τ is large enough, its Gaussian q moves to the wide well on the right.',
  params: 'One Gaussian, two coordinate systems: at every step the readouts show the natural parameters λ = (Sm, −S/2) and the expectation parameters μ = (m, Σ + mmᵀ) of the current q.',
  'paths-quad':
    'Hessian eigenvalues 10 and 0.1. Gradient descent zigzags across the narrow valley and creeps along it; the BLR mean (natural gradient, delta method) heads for the minimum once its precision has learnt the curvature.',
  'paths-rosen': 'Rosenbrock’s valley (a = 1, b = 5). Gradient descent crawls along the curved floor; the BLR mean follows the valley with curvature-scaled steps.',
  playground: 'Choose a loss or type your own in x and y, pick an algorithm, and run it next to gradient descent. The expectations are estimated by Monte Carlo.',
};

const clamp = (at: number, n: number) => Math.min(Math.max(1, Math.round(at)), Math.max(1, n));

export function DemoPage({ sequence, at: fromAddress, badAt }: DemoPageProps) {
  const entries = useMemo(() => parseDemoSequence(sequence, Object.keys(FIGURES)), [sequence]);
  const n = entries.length;
  const [start] = useState(() => demoStart(fromAddress, badAt, n));
  const [notice, setNotice] = useState(start.notice);
  const [at, setAt] = useState(start.at);
  const go = useCallback((delta: number) => setAt((a) => clamp(a + delta, n)), [n]);

  // The position lives in the address (replaceState: the Back button leaves the sequence).
  useEffect(() => {
    if (!n) return;
    const search = withDemoPosition(location.search, at);
    if (search !== location.search) history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
  }, [at, n]);

  useEffect(() => {
    document.documentElement.classList.add('demo');
    return () => document.documentElement.classList.remove('demo');
  }, []);

  useEffect(() => {
    if (!n) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      const target = e.target instanceof Element ? e.target : null;
      // Typing, menus and sliders keep their keys; so does a dialog (the figure's key help).
      if (target?.closest('input, select, textarea, [contenteditable]:not([contenteditable="false"]), [role="dialog"], [role="slider"]')) return;
      const inFigure = !!target?.closest('.blr-figure');
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      let delta = 0;
      if (key === 'PageDown' || key === 'n' || (key === 'ArrowRight' && !inFigure)) delta = 1;
      else if (key === 'PageUp' || key === 'p' || (key === 'ArrowLeft' && !inFigure)) delta = -1;
      if (!delta) return;
      e.preventDefault();
      go(delta);
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [go, n]);

  const entry: DemoEntry | undefined = entries[at - 1];
  const known = !!entry && Object.hasOwn(FIGURE_CONFIGS, entry.figure);
  const title = known ? FIGURES[entry.figure].title : entry ? `No figure called “${entry.figure}”` : 'Prepare a demo sequence';
  useEffect(() => {
    document.title = n ? `Demo ${at} of ${n}: ${title} — BLR Explorable` : `${title} — BLR Explorable`;
  }, [at, n, title]);
  const query = useMemo(() => (entry ? demoQuery(entry) : new URLSearchParams()), [entry]);
  // A demo's preset state; a lecturer's changes during the demo stay off the address.
  const host = useMemo(() => ({ query, syncUrl: false }), [query]);

  if (!entry) return <DemoPreparer notice={sequence.trim() ? `“${sequence}” names no figure.` : null} />;
  return (
    <div className="page demo-page">
      <SiteHeader className="demo-header">
        <p className="demo-position" aria-live="polite" data-demo-position={at}>
          Demo {at} of {n}
        </p>
        <nav className="demo-nav" aria-label="Demo sequence">
          <button type="button" onClick={() => go(-1)} disabled={at <= 1} aria-keyshortcuts="PageUp p ArrowLeft">
            ← Previous
          </button>
          <button type="button" className="primary" onClick={() => go(1)} disabled={at >= n} aria-keyshortcuts="PageDown n ArrowRight">
            Next →
          </button>
        </nav>
      </SiteHeader>
      <main id="main" className="demo-main">
        {notice && (
          <div className="notice" data-notice="demo-position" role="status">
            <span>{notice}</span>
            <button type="button" onClick={() => setNotice(null)} aria-label="Dismiss the notice">
              ×
            </button>
          </div>
        )}
        <h1 className="demo-title">{title}</h1>
        {known ? (
          <FigureHostContext.Provider value={host}>
            {/* Keyed by position: the same figure twice in a row is rebuilt with its own preset. */}
            <Figure key={at} id={entry.figure} config={FIGURE_CONFIGS[entry.figure]} caption={CAPTIONS[entry.figure]} />
          </FigureHostContext.Provider>
        ) : (
          <p className="notice" role="status">
            Demo {at} of this sequence names a figure that does not exist. Available: {Object.keys(FIGURES).join(', ')}.
          </p>
        )}
        <p className="demo-keys">
          <kbd>PageDown</kbd> or <kbd>n</kbd>: next demo · <kbd>PageUp</kbd> or <kbd>p</kbd>: previous · <kbd>→</kbd> / <kbd>←</kbd> too when the focus
          is not in the figure (inside it, <kbd>→</kbd> steps the run).
        </p>
      </main>
    </div>
  );
}

/** `?demo=` with no figures: how to write a sequence, and a form that builds one. */
function DemoPreparer({ notice }: { notice: string | null }) {
  const ids = Object.keys(FIGURES);
  const example = demoHref([{ figure: 'wall', preset: [] }, { figure: 'flatsharp', preset: [['tau', '0.2'], ['hide', 'rhoGd']] }, { figure: 'paths-quad', preset: [] }]);
  const [draft, setDraft] = useState('wall,flatsharp~tau=0.2,paths-quad');
  return (
    <div className="page demo-page demo-prepare">
      <SiteHeader />
      <main id="main" className="demo-main">
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        <h1 className="demo-title">Prepare a demo sequence</h1>
        <p>
          A demo sequence shows figures one at a time, full width and in large type, like slides. Write the figures in order,
          separated by commas; after a figure, <code>~name=value</code> presets its state with the names of its own link
          parameters (<code>tau</code>, <code>rho</code>, <code>start=x,y</code>, <code>alg</code>, … and <code>hide</code> /{' '}
          <code>lock</code> for a classroom link). For example <a href={example}>{example}</a>.
        </p>
        <form
          className="demo-form"
          onSubmit={(e) => {
            e.preventDefault();
            location.search = demoHref(parseDemoSequence(draft, ids));
          }}
        >
          <label htmlFor="demo-sequence">Sequence</label>
          <input id="demo-sequence" type="text" spellCheck={false} value={draft} onChange={(e) => setDraft(e.target.value)} />
          <button type="submit" className="primary">
            Open
          </button>
        </form>
        <h2>Figures</h2>
        <dl className="demo-figures">
          {ids.map((id) => (
            <div key={id}>
              <dt>
                <code>{id}</code>
              </dt>
              <dd>{FIGURES[id].title}</dd>
            </div>
          ))}
        </dl>
      </main>
    </div>
  );
}
