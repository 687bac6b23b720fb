/**
 * Runs after rehype-katex: replaces each rendered formula's element tree with one
 * `<StaticMath html="…" />` element, which the page inserts as HTML. A chapter holds thousands
 * of KaTeX nodes; as React elements they cost a long main-thread task on load, as one HTML
 * string per formula the browser's parser builds them natively.
 */
import type { Element, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { SKIP, visit } from 'unist-util-visit';

const isKatex = (node: Element) => {
  const cls = node.properties?.className;
  return Array.isArray(cls) && (cls.includes('katex') || cls.includes('katex-display'));
};

export default function rehypeStaticMath() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (!parent || index === undefined || !isKatex(node)) return;
      const display = (node.properties.className as string[]).includes('katex-display');
      parent.children[index] = {
        type: 'mdxJsxTextElement',
        name: 'StaticMath',
        attributes: [
          { type: 'mdxJsxAttribute', name: 'html', value: toHtml(node) },
          ...(display ? [{ type: 'mdxJsxAttribute' as const, name: 'display', value: null }] : []),
        ],
        children: [],
      } as unknown as Element;
      return SKIP;
    });
  };
}
