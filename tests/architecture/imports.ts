/**
 * The repository's import graph, read from source: every static `import`/`export … from`,
 * dynamic `import()`, type-level `import('…')`, worker reference `new URL('…', import.meta.url)`,
 * MDX `import` block, CSS `@import` and the `<script src>` of index.html. Files are parsed with
 * the parser Vite itself uses (`parseAst`, oxc), so no TypeScript compiler API is needed.
 * Relative and root-absolute specifiers are resolved to repository files the way Vite resolves
 * them (query stripped, extension and `/index` optional); bare specifiers are packages and are
 * left out of the graph.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { parseAst } from 'vite';

export type EdgeKind = 'static' | 'type' | 'dynamic' | 'url' | 'css' | 'html';

export interface Edge {
  /** Importing file, repository-relative with forward slashes. */
  from: string;
  /** Imported file, repository-relative. */
  to: string;
  /** The specifier as written. */
  specifier: string;
  /** 1-based line of the specifier in `from`. */
  line: number;
  kind: EdgeKind;
}

export interface Graph {
  files: string[];
  edges: Edge[];
  /** Relative specifiers that match no file (a typo there would hide an edge). */
  unresolved: Edge[];
}

const SCANNED = /\.(ts|tsx|mts|js|jsx|mjs|mdx|css)$/;
const TRY_EXTENSIONS = ['', '.ts', '.tsx', '.mts', '.js', '.jsx', '.mjs', '.mdx', '.json', '.css'];

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (SCANNED.test(name)) out.push(p);
  }
}

function toRepo(root: string, abs: string): string {
  return relative(root, abs).split('\\').join('/');
}

function resolveFile(base: string): string | undefined {
  for (const ext of TRY_EXTENSIONS) {
    const p = base + ext;
    if (existsSync(p) && statSync(p).isFile()) return p;
  }
  for (const ext of TRY_EXTENSIONS.slice(1)) {
    const p = join(base, 'index' + ext);
    if (existsSync(p)) return p;
  }
  return undefined;
}

interface RawImport {
  specifier: string;
  offset: number;
  kind: EdgeKind;
}

type Node = { type?: string; start?: number; [key: string]: unknown };

function literal(node: unknown): { value: string; start: number } | undefined {
  const n = node as Node | null | undefined;
  if (n && n.type === 'Literal' && typeof n.value === 'string') return { value: n.value, start: n.start ?? 0 };
  if (n && n.type === 'TemplateLiteral' && Array.isArray(n.expressions) && n.expressions.length === 0) {
    const quasi = (n.quasis as Node[])[0] as { value: { cooked: string } };
    return { value: quasi.value.cooked, start: n.start ?? 0 };
  }
  return undefined;
}

function isImportMetaUrl(node: unknown): boolean {
  const n = node as Node | undefined;
  if (n?.type !== 'MemberExpression') return false;
  const object = n.object as Node;
  const property = n.property as Node;
  return object?.type === 'MetaProperty' && property?.type === 'Identifier' && property.name === 'url';
}

/** Walks an oxc ESTree program and collects every module reference in it. */
function collect(node: unknown, out: RawImport[], offsetBase: number): void {
  if (Array.isArray(node)) {
    for (const child of node) collect(child, out, offsetBase);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const n = node as Node;
  const push = (lit: { value: string; start: number } | undefined, kind: EdgeKind) => {
    if (lit) out.push({ specifier: lit.value, offset: offsetBase + lit.start, kind });
  };
  switch (n.type) {
    case 'ImportDeclaration': {
      const typeOnly =
        n.importKind === 'type' ||
        (Array.isArray(n.specifiers) && n.specifiers.length > 0 && (n.specifiers as Node[]).every((s) => s.importKind === 'type'));
      push(literal(n.source), typeOnly ? 'type' : 'static');
      break;
    }
    case 'ExportNamedDeclaration':
    case 'ExportAllDeclaration':
      if (n.source) push(literal(n.source), n.exportKind === 'type' ? 'type' : 'static');
      break;
    case 'ImportExpression':
      push(literal(n.source), 'dynamic');
      break;
    case 'TSImportType':
      push(literal(n.source ?? n.argument), 'type');
      break;
    case 'NewExpression': {
      const callee = n.callee as Node;
      const args = n.arguments as Node[];
      if (callee?.type === 'Identifier' && callee.name === 'URL' && args.length >= 2 && isImportMetaUrl(args[1])) push(literal(args[0]), 'url');
      break;
    }
  }
  for (const key of Object.keys(n)) {
    if (key === 'type' || key === 'start' || key === 'end') continue;
    const value = n[key];
    if (value && typeof value === 'object') collect(value, out, offsetBase);
  }
}

function parseScript(code: string, file: string, lang: 'ts' | 'tsx' | 'js' | 'jsx', offsetBase = 0): RawImport[] {
  const out: RawImport[] = [];
  let program: ReturnType<typeof parseAst>;
  try {
    program = parseAst(code, { lang });
  } catch (err) {
    throw new Error(`architecture check: cannot parse ${file}: ${(err as Error).message}`);
  }
  collect(program.body, out, offsetBase);
  return out;
}

/** MDX: top-level paragraphs that start with `import`/`export` are ES modules (outside code fences). */
function parseMdx(code: string, file: string): RawImport[] {
  const out: RawImport[] = [];
  const lines = code.split('\n');
  let offset = 0;
  let fence = false;
  let block: string[] = [];
  let blockStart = 0;
  const flush = () => {
    if (block.length) out.push(...parseScript(block.join('\n'), file, 'jsx', blockStart));
    block = [];
  };
  for (const line of lines) {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    if (block.length) {
      if (line.trim() === '') flush();
      else block.push(line);
    } else if (!fence && /^(import|export)\b/.test(line)) {
      blockStart = offset;
      block.push(line);
    }
    offset += line.length + 1;
  }
  flush();
  return out;
}

function parseCss(code: string): RawImport[] {
  const out: RawImport[] = [];
  const source = code.replace(/\/\*[\s\S]*?\*\//g, (c) => ' '.repeat(c.length));
  for (const m of source.matchAll(/@import\s+(?:url\(\s*)?['"]?([^'")\s;]+)/g)) {
    out.push({ specifier: m[1], offset: m.index ?? 0, kind: 'css' });
  }
  return out;
}

function parseHtml(code: string): RawImport[] {
  const out: RawImport[] = [];
  for (const m of code.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) out.push({ specifier: m[1], offset: m.index ?? 0, kind: 'html' });
  return out;
}

function lineAt(code: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < code.length; i++) if (code.charCodeAt(i) === 10) line++;
  return line;
}

/** Reads the import graph of the given top-level folders (and files) under `root`. */
export function readImportGraph(root: string, roots: string[]): Graph {
  const absolute: string[] = [];
  for (const r of roots) {
    const p = join(root, r);
    if (statSync(p).isDirectory()) walk(p, absolute);
    else absolute.push(p);
  }
  const files = absolute.map((p) => toRepo(root, p)).sort();
  const edges: Edge[] = [];
  const unresolved: Edge[] = [];
  for (const file of files) {
    const abs = join(root, file);
    const code = readFileSync(abs, 'utf8');
    const ext = posix.extname(file);
    const raw =
      ext === '.mdx'
        ? parseMdx(code, file)
        : ext === '.css'
          ? parseCss(code)
          : ext === '.html'
            ? parseHtml(code)
            : parseScript(code, file, ext === '.tsx' ? 'tsx' : ext === '.jsx' ? 'jsx' : ext === '.js' || ext === '.mjs' ? 'js' : 'ts');
    for (const r of raw) {
      const spec = r.specifier.replace(/[?#].*$/, '');
      let base: string;
      if (spec.startsWith('./') || spec.startsWith('../') || spec === '.' || spec === '..') base = resolve(dirname(abs), spec);
      else if (spec.startsWith('/')) base = join(root, spec);
      else continue; // a package
      const target = resolveFile(base);
      const edge: Edge = { from: file, to: target ? toRepo(root, target) : toRepo(root, base), specifier: r.specifier, line: lineAt(code, r.offset), kind: r.kind };
      (target ? edges : unresolved).push(edge);
    }
  }
  return { files, edges, unresolved };
}
