/**
 * `<blr-figure figure="wall" state="tau=0.3&rho=0.2" autoplay>`: one figure of the book in any
 * HTML page, from one module script (dist/embed/blr-figure.js, React bundled in). The figure
 * lives in an open shadow root with the book's styles inside it, so the host page's CSS does
 * not reach it and its CSS does not leak out. Its state comes from the attributes and it never
 * touches the host page's address. Every element on a page shares one pool of engine workers.
 * Attributes (docs/EMBEDDING.md):
 *   figure    the figure's id (wall, flatsharp, params, paths-quad, paths-rosen, playground)
 *   state     its settings as a query string without the id prefix: "tau=0.3&rho=0.2"
 *   autoplay  press Play once the first frame is drawn (not when reduced motion is asked for)
 * Changing `figure` or `state` rebuilds the figure from the new attributes.
 */
import { createRoot, type Root } from 'react-dom/client';
import bookCss from '../styles/book.css?inline';
import elementCss from './element.css?inline';
import { autoplayWhenReady } from '../widgets/autoplay';
import { elementCssParts } from './css-registry';
import { FigureHostContext } from '../widgets/host';
import { getElementPool } from './pool';
import { shadowCss } from './shadow-css';
import { ELEMENT_NAME, bookBase, queryFromState } from '../widgets/embed-snippets';
import { FIGURES } from '../widgets/figures';

let sheet: CSSStyleSheet | null = null;
/** The book's styles, the widgets' own stylesheets, then the element's base. */
const css = () => shadowCss([bookCss, ...elementCssParts()].join('\n')) + '\n' + elementCss;

/** Styles for a shadow root: one constructed sheet shared by all elements (no `<style>`
 * element, so a host CSP without 'unsafe-inline' in style-src still applies them). */
function adoptStyles(shadow: ShadowRoot) {
  try {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css());
    }
    shadow.adoptedStyleSheets = [sheet];
  } catch {
    const style = document.createElement('style');
    style.textContent = css();
    shadow.append(style);
  }
}

/** Where the book lives: this script is at BOOK/embed/blr-figure.js. */
const here = import.meta.url;
const BOOK = bookBase(new URL('../', here).href);

export class BlrFigureElement extends HTMLElement {
  static observedAttributes = ['figure', 'state', 'autoplay'];
  private root: Root | null = null;
  private container: HTMLDivElement | null = null;
  private stopAutoplay: () => void = () => {};
  private scheduled = false;

  connectedCallback() {
    if (!this.shadowRoot) {
      const shadow = this.attachShadow({ mode: 'open' });
      adoptStyles(shadow);
      this.container = document.createElement('div');
      this.container.className = 'blr-element-root';
      shadow.append(this.container);
    }
    this.schedule();
  }

  disconnectedCallback() {
    // Deferred: an element moved within the page is disconnected and reconnected at once.
    queueMicrotask(() => {
      if (this.isConnected) return;
      this.stopAutoplay();
      this.root?.unmount();
      this.root = null;
    });
  }

  attributeChangedCallback() {
    if (this.isConnected && this.container) this.schedule();
  }

  /** Renders once per task, however many attributes changed together. */
  private schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      if (this.isConnected) this.render();
    });
  }

  private render() {
    const container = this.container!;
    this.root ??= createRoot(container);
    this.stopAutoplay();
    const id = this.getAttribute('figure') ?? '';
    const state = this.getAttribute('state');
    const entry = Object.hasOwn(FIGURES, id) ? FIGURES[id] : undefined;
    if (!entry) {
      this.root.render(
        <p className="blr-element-error" role="status">
          {`<${ELEMENT_NAME}>: there is no figure called “${id}”. Available: ${Object.keys(FIGURES).join(', ')}.`}
        </p>,
      );
      return;
    }
    const query = queryFromState(id, state);
    // The key rebuilds the figure (and its controller) when the attributes change.
    this.root.render(
      <FigureHostContext.Provider key={`${id}?${query}`} value={{ query, syncUrl: false, pool: getElementPool() }}>
        {entry.render()}
        <p className="blr-element-credit">
          From <a href={BOOK} target="_blank" rel="noopener">BLR Explorable</a>, an interactive book on the Bayesian learning rule.
        </p>
      </FigureHostContext.Provider>,
    );
    if (this.hasAttribute('autoplay')) this.stopAutoplay = autoplayWhenReady(container);
  }
}

if (!customElements.get(ELEMENT_NAME)) customElements.define(ELEMENT_NAME, BlrFigureElement);
