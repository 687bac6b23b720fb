import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import mdx from '@mdx-js/rollup';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import rehypeSlug from 'rehype-slug';
import rehypeStaticMath from './build/rehype-static-math.ts';
import { pageHtml } from './build/page-html.mjs';

/**
 * The book is static-first (scripts/build.mjs): this config builds the one client script of every
 * page (index.html → src/main.tsx) and, as an SSR build, the prerenderer (src/app/prerender.tsx)
 * that writes each page's HTML.
 *
 * - In the prerenderer, a chapter's figures become islands: `import { X } from
 *   '../src/widgets/M'` in an .mdx file turns into `const X = island('M', 'X')`.
 * - In the client, chapters are never rendered (their prose is HTML), so `.mdx` imports resolve
 *   to an empty module and no chapter chunk is built.
 */
function islands(): Plugin {
  const islandModule = new URL('./src/app/island-ssr.tsx', import.meta.url).pathname;
  return {
    name: 'blr-islands',
    enforce: 'pre',
    resolveId(source, _importer, options) {
      if (!options?.ssr && source.endsWith('.mdx')) return '\0blr-no-chapter';
      return null;
    },
    load(id) {
      if (id === '\0blr-no-chapter') return 'export default function NoChapter() { return null; }';
      return null;
    },
    transform(code, id, options) {
      if (!options?.ssr || !id.endsWith('.mdx')) return null;
      let found = false;
      const out = code.replace(/import\s*\{([^}]*)\}\s*from\s*(['"])\.\.\/src\/widgets\/([\w-]+)(?:\.tsx)?\2;?/g, (_m, names: string, _q, module: string) => {
        found = true;
        return names
          .split(',')
          .map((n) => n.trim())
          .filter(Boolean)
          .map((n) => `const ${n} = __blrIsland(${JSON.stringify(module)}, ${JSON.stringify(n)});`)
          .join('\n');
      });
      return found ? { code: `import { island as __blrIsland } from ${JSON.stringify(islandModule)};\n${out}`, map: null } : null;
    },
  };
}

/** `npm start`: the dev server renders each page as the build does (ssrLoadModule). */
function devPages(): Plugin {
  return {
    name: 'blr-dev-pages',
    apply: 'serve',
    configureServer(server) {
        // Before Vite's own HTML fallback, which would answer every folder with index.html.
        server.middlewares.use(async (req, res, next) => {
          const path = (req.url ?? '/').split(/[?#]/)[0];
          if (!path.endsWith('/')) return next();
          try {
            const mod = await server.ssrLoadModule('/src/app/prerender.tsx');
            const page = mod.pages().find((p: { path: string }) => `/${p.path}` === path);
            if (!page) return next();
            let snapshots = {};
            try {
              snapshots = JSON.parse(readFileSync(new URL('./build/figure-snapshots.json', import.meta.url), 'utf8')).figures ?? {};
            } catch {
              // No snapshots: the figures' placeholders show no picture.
            }
            mod.setSnapshots(snapshots);
            const rendered = await mod.renderPage(page);
            const template = await server.transformIndexHtml(req.url ?? '/', readFileSync(new URL('./index.html', import.meta.url), 'utf8'));
            // The dev server serves the scripts from its root, so every page links them from '/'.
            const html = pageHtml(template, { ...page, path: '' }, rendered.body).replace('data-root="./"', `data-root="${page.path ? '../'.repeat(page.path.split('/').filter(Boolean).length) : './'}"`);
            res.setHeader('Content-Type', 'text/html');
            res.end(html);
          } catch (e) {
            next(e);
          }
        });
    },
  };
}

// MDX must run before the React plugin so that compiled chapters get the JSX transform.
export default defineConfig({
  base: './',
  plugins: [
    { enforce: 'pre', ...mdx({ remarkPlugins: [remarkMath], rehypePlugins: [rehypeSlug, rehypeKatex, rehypeStaticMath] }) },
    islands(),
    devPages(),
    react({ include: /\.(mdx|js|jsx|ts|tsx)$/ }),
  ],
  define: { __BLR_BUILD__: JSON.stringify(process.env.BLR_BUILD_ID ?? 'book') },
  worker: { format: 'es' },
  optimizeDeps: { include: ['react', 'react-dom/client', 'zustand', 'zod', 'd3-contour'] },
  // One stylesheet for every page: a figure's static picture must have its final size before
  // the figure's code (and so its own CSS) loads.
  build: { target: 'es2022', chunkSizeWarningLimit: 1000, cssCodeSplit: false },
});
