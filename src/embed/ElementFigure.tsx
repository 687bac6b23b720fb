/**
 * Inside a `<blr-figure>` element, the book's figures are built from the element's attributes
 * and never touch the host page's address. The library build (vite.embed.config.ts) makes
 * src/widgets/figures.tsx import this module in place of ../widgets/Figure, so the same figure
 * configurations serve the book and the element; in the book itself this module is unused.
 */
import { createContext, useContext } from 'react';
import { Figure as BookFigure, type FigureProps } from '../widgets/Figure';

export type { FigureConfig, FigureProps } from '../widgets/Figure';

/** What the element gives its figure: the initial state as a query (`ID.name=value`). */
export const ElementContext = createContext<{ query: URLSearchParams } | null>(null);

export function Figure(props: FigureProps) {
  const ctx = useContext(ElementContext);
  return ctx ? <BookFigure {...props} query={ctx.query} syncUrl={false} /> : <BookFigure {...props} />;
}
