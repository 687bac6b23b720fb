/**
 * Stylesheets that the figure's modules import for themselves (`import './export.css'`). In
 * the element's library build (vite.embed.config.ts) each such import becomes
 * `addElementCss(text)`, so the element puts them into its shadow root instead of the host
 * page's head. In the book this module is unused.
 */
const parts: string[] = [];

export function addElementCss(css: string): void {
  parts.push(css);
}

export function elementCssParts(): readonly string[] {
  return parts;
}
