import { chapters } from '../../content/chapters';
import { chapterLabel } from './ChapterPage';
import { SiteHeader } from './SiteHeader';
import { chapterHref, table1Href } from './route';

export interface HomeProps {
  notice?: string;
}

/** The title page: what the book is and its chapters. */
export function Home({ notice }: HomeProps) {
  return (
    <div className="page home">
      <SiteHeader />
      <main id="main">
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        <h1>The Bayesian Learning Rule, explorable</h1>
        <p className="lede">
          Gradient descent, Newton’s method, RMSprop and Adam, the Laplace approximation and variational inference look like
          different algorithms. Khan and Rue’s <em>Bayesian learning rule</em> (JMLR 2023) shows that they are one: natural-gradient
          descent on <span className="nowrap">E<sub>q</sub>[ℓ̄] − H(q)</span> with different candidate families and different
          approximations. In this book every derivation runs live: q(θ) moves across the loss as you read.
        </p>
        <h2>Chapters</h2>
        <ol className="chapter-list">
          {chapters.map((c) => (
            <li key={c.slug}>
              <a href={chapterHref(c.slug)}>
                {chapterLabel(c) && <span className="chapter-number">{chapterLabel(c)}</span>}
                <span className="chapter-title">{c.title}</span>
              </a>
              <p>{c.summary}</p>
            </li>
          ))}
        </ol>
        <p>
          <a href={table1Href()}>Table 1, live</a>: every algorithm of the paper’s Table 1 with its candidate family, its
          approximations, a link to its derivation and its figure, ready to run.
        </p>
        <h2>Using the figures</h2>
        <ul>
          <li>
            Each figure has Play, Step and Reset buttons; with the focus inside a figure, <kbd>k</kbd> plays or pauses,{' '}
            <kbd>.</kbd> steps and <kbd>r</kbd> resets. Drag the start point, or focus it and use the arrow keys.
          </li>
          <li>The address bar always holds the figures’ settings: copy it to share a demo exactly as you set it up.</li>
          <li>
            For projection, add <code>?lecture=1</code> to a chapter’s address (or press its <em>Lecture mode</em> button) for large controls. To embed one figure in
            your own page: <code>&lt;iframe src=".../?embed=wall" width="100%" height="640"&gt;&lt;/iframe&gt;</code>.
          </li>
        </ul>
      </main>
    </div>
  );
}
