/** A formula rendered by KaTeX at build time (see build/rehype-static-math.ts). */
export interface StaticMathProps {
  html: string;
  display?: boolean;
}

export function StaticMath({ html, display = false }: StaticMathProps) {
  // The HTML is KaTeX's own output, produced from the book's sources at build time.
  return display ? <div className="math-display" dangerouslySetInnerHTML={{ __html: html }} /> : <span dangerouslySetInnerHTML={{ __html: html }} />;
}
