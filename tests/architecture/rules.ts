/**
 * The layering rules of the current tree (README "Architecture"; issue 12 item 3). Dependencies
 * point one way: engine ← worker ← widgets ← app / embed / cli, and content/ (the chapters) is
 * read only by the app. Each rule is a predicate over one import edge; cycles are checked over
 * the widget files. A violation is reported with both files, the line and the specifier.
 */
import type { Edge } from './imports';

export interface Rule {
  name: string;
  /** What the rule says, printed with every violation. */
  says: string;
  violatedBy(edge: Edge): boolean;
}

/** Files that may import the top layers: the site's entry point and the page that loads it. */
export const ENTRY_POINTS = ['src/main.tsx', 'index.html'];

const TOP_LAYERS = ['src/app', 'src/embed', 'src/cli'];

export const inDir = (file: string, dir: string): boolean => file.startsWith(dir + '/');
const topLayerOf = (file: string): string | undefined => TOP_LAYERS.find((d) => inDir(file, d));

export const RULES: Rule[] = [
  {
    name: 'engine-is-self-contained',
    says: 'src/engine imports nothing of the repository outside src/engine',
    violatedBy: (e) => inDir(e.from, 'src/engine') && !inDir(e.to, 'src/engine'),
  },
  {
    name: 'worker-uses-only-engine',
    says: 'src/worker imports only src/engine and src/worker',
    violatedBy: (e) => inDir(e.from, 'src/worker') && !inDir(e.to, 'src/worker') && !inDir(e.to, 'src/engine'),
  },
  {
    name: 'styles-are-leaves',
    says: 'src/styles (the book-wide stylesheet, shared by the site and the embedded element) imports nothing of the repository outside src/styles',
    violatedBy: (e) => inDir(e.from, 'src/styles') && !inDir(e.to, 'src/styles'),
  },
  {
    name: 'widgets-below-app',
    says: 'src/widgets never imports src/app, src/embed, src/cli or content/',
    violatedBy: (e) => inDir(e.from, 'src/widgets') && (topLayerOf(e.to) !== undefined || inDir(e.to, 'content')),
  },
  {
    name: 'top-layers-not-imported',
    says: `src/app, src/embed and src/cli are imported only from inside themselves and by the entry points (${ENTRY_POINTS.join(', ')})`,
    violatedBy: (e) => {
      const layer = topLayerOf(e.to);
      return layer !== undefined && !inDir(e.from, layer) && !ENTRY_POINTS.includes(e.from);
    },
  },
  {
    name: 'content-only-from-app',
    says: 'content/ is imported only by src/app and the entry point src/main.tsx (and by content/ itself, the Vite config and build scripts)',
    violatedBy: (e) => inDir(e.to, 'content') && !inDir(e.from, 'content') && !inDir(e.from, 'src/app') && e.from !== 'src/main.tsx',
  },
];

export function describeEdge(e: Edge): string {
  return `${e.from}:${e.line} imports ${e.to} ('${e.specifier}'${e.kind === 'static' ? '' : `, ${e.kind}`})`;
}

export function violations(edges: Edge[]): string[] {
  const out: string[] = [];
  for (const rule of RULES) for (const e of edges) if (rule.violatedBy(e)) out.push(`[${rule.name}] ${describeEdge(e)} — ${rule.says}`);
  return out;
}

/**
 * Import cycles among the edges whose both ends satisfy `within`: one line per strongly
 * connected component, showing one concrete cycle through it (Tarjan, then a shortest path back).
 */
export function cycles(edges: Edge[], within: (file: string) => boolean): string[] {
  const adj = new Map<string, Edge[]>();
  for (const e of edges) {
    if (!within(e.from) || !within(e.to)) continue;
    if (!adj.has(e.from)) adj.set(e.from, []);
    adj.get(e.from)!.push(e);
    if (!adj.has(e.to)) adj.set(e.to, []);
  }
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const strong = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const e of adj.get(v) ?? []) {
      if (!idx.has(e.to)) {
        strong(e.to);
        low.set(v, Math.min(low.get(v)!, low.get(e.to)!));
      } else if (onStack.has(e.to)) low.set(v, Math.min(low.get(v)!, idx.get(e.to)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      const selfLoop = (adj.get(v) ?? []).some((e) => e.to === v);
      if (comp.length > 1 || selfLoop) components.push(comp.sort());
    }
  };
  for (const v of [...adj.keys()].sort()) if (!idx.has(v)) strong(v);

  return components.map((comp) => {
    const members = new Set(comp);
    const start = comp[0];
    // Breadth-first from start's successors back to start, inside the component.
    const prev = new Map<string, Edge>();
    const queue: string[] = [start];
    const seen = new Set<string>();
    let closing: Edge | undefined;
    while (queue.length && !closing) {
      const v = queue.shift()!;
      for (const e of adj.get(v) ?? []) {
        if (!members.has(e.to)) continue;
        if (e.to === start) {
          closing = e;
          break;
        }
        if (!seen.has(e.to)) {
          seen.add(e.to);
          prev.set(e.to, e);
          queue.push(e.to);
        }
      }
    }
    const path: Edge[] = [];
    for (let e = closing; e; e = e.from === start ? undefined : prev.get(e.from)) path.unshift(e);
    const steps = path.map((e) => `${e.from}:${e.line} → ${e.to}${e.kind === 'type' ? ' (type-only)' : ''}`).join(', ');
    return `import cycle among ${comp.length} file(s) ${comp.join(', ')}: ${steps}`;
  });
}
