/**
 * Architecture test: the import graph of src/, content/ and index.html obeys the layering rules in
 * rules.ts, and the widget files have no import cycles. A failure lists each offending import as
 * "from:line imports to ('specifier') — rule".
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readImportGraph, type Edge } from './imports';
import { cycles, inDir, RULES, violations } from './rules';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const graph = readImportGraph(ROOT, ['src', 'content', 'index.html']);
const has = (from: string, to: string) => graph.edges.some((e) => e.from === from && e.to === to);

describe('the import graph is read completely', () => {
  it('sees every kind of reference the tree uses', () => {
    expect(graph.files.length).toBeGreaterThan(100);
    expect(has('index.html', 'src/main.tsx')).toBe(true); // <script src>
    expect(has('src/main.tsx', 'src/app/islands.ts')).toBe(true); // static import
    expect(has('src/main.tsx', 'src/app/spa.tsx')).toBe(true); // dynamic import()
    expect(has('src/app/spa.tsx', 'src/app/Table1Page.tsx')).toBe(true); // lazy(() => import())
    expect(has('src/worker/pool.ts', 'src/worker/engine.worker.ts')).toBe(true); // new URL(…, import.meta.url)
    expect(has('content/chapters.ts', 'content/05-inference.mdx')).toBe(true); // import() of a chapter
    expect(has('content/05-inference.mdx', 'content/components.tsx')).toBe(true); // MDX import block
    expect(graph.edges.some((e) => e.kind === 'type')).toBe(true); // import type
  });

  it('resolves every relative import to a file', () => {
    expect(graph.unresolved.map((e) => `${e.from}:${e.line} imports '${e.specifier}', which is no file`)).toEqual([]);
  });
});

describe('layering rules', () => {
  it('no import crosses a layer the wrong way', () => {
    expect(violations(graph.edges)).toEqual([]);
  });

  it('no import cycles among src/widgets files', () => {
    expect(cycles(graph.edges, (f) => inDir(f, 'src/widgets'))).toEqual([]);
  });
});

describe('the rules catch what they should', () => {
  const edge = (from: string, to: string, kind: Edge['kind'] = 'static'): Edge => ({ from, to, specifier: to, line: 1, kind });
  const broken = (from: string, to: string) => RULES.filter((r) => r.violatedBy(edge(from, to))).map((r) => r.name);

  it('flags each kind of wrong-way import and allows the right-way ones', () => {
    expect(broken('src/engine/run.ts', 'src/worker/protocol.ts')).toEqual(['engine-is-self-contained']);
    expect(broken('src/worker/host.ts', 'src/widgets/frames.ts')).toEqual(['worker-uses-only-engine']);
    expect(broken('src/widgets/EmbedMenu.tsx', 'src/embed/snippets.ts')).toEqual(['widgets-below-app', 'top-layers-not-imported']);
    expect(broken('src/widgets/Plot.tsx', 'content/components.tsx')).toEqual(['widgets-below-app', 'content-only-from-app']);
    expect(broken('src/embed/element.tsx', 'src/app/styles.css')).toEqual(['top-layers-not-imported']);
    expect(broken('src/engine/losses/index.ts', 'src/engine/losses/expr.ts')).toEqual([]);
    expect(broken('src/worker/host.ts', 'src/engine/run.ts')).toEqual([]);
    expect(broken('src/styles/book.css', 'src/widgets/export.css')).toEqual(['styles-are-leaves']);
    expect(broken('src/embed/element.tsx', 'src/styles/book.css')).toEqual([]);
    expect(broken('src/embed/element.tsx', 'src/widgets/figures.tsx')).toEqual([]);
    expect(broken('src/app/App.tsx', 'content/chapters.ts')).toEqual([]);
    expect(broken('src/main.tsx', 'src/app/App.tsx')).toEqual([]);
    expect(broken('content/05-inference.mdx', 'src/widgets/figures-inference.tsx')).toEqual([]);
  });

  it('names both files of a violation', () => {
    const [message] = violations([{ from: 'src/widgets/A.tsx', to: 'src/app/B.tsx', specifier: '../app/B', line: 7, kind: 'static' }]);
    expect(message).toContain('src/widgets/A.tsx:7 imports src/app/B.tsx');
  });

  it('finds a cycle and shows it', () => {
    const found = cycles([edge('src/widgets/A.tsx', 'src/widgets/B.tsx'), edge('src/widgets/B.tsx', 'src/widgets/C.ts', 'type'), edge('src/widgets/C.ts', 'src/widgets/A.tsx')], () => true);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('src/widgets/A.tsx:1 → src/widgets/B.tsx, src/widgets/B.tsx:1 → src/widgets/C.ts (type-only), src/widgets/C.ts:1 → src/widgets/A.tsx');
    expect(cycles([edge('src/widgets/A.tsx', 'src/widgets/B.tsx')], () => true)).toEqual([]);
  });
});
