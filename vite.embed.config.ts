/**
 * The library build of the `<blr-figure>` custom element (docs/EMBEDDING.md): one ES module,
 * dist/embed/blr-figure.js, with React and the book's figure code bundled in, and the engine
 * worker as its own file beside it. Run after the book's build (`npm run build`); it empties
 * only dist/embed/, never the book in dist/.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const file = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * Two seams of the element, chosen at build time so the book's own modules stay unchanged:
 * the figure configurations (src/widgets/figures.tsx) get the element's Figure, which reads
 * its state from the element and leaves the host page's address alone; and every import of
 * the worker pool gets the element's pool, whose workers load across origins. And the
 * stylesheets that widgets import for themselves are collected for the element's shadow root.
 */
function elementSeams(): Plugin {
  const swaps = [
    { target: file('./src/widgets/Figure.tsx'), by: file('./src/embed/ElementFigure.tsx'), from: [file('./src/widgets/figures.tsx')] },
    { target: file('./src/worker/pool.ts'), by: file('./src/embed/pool.ts'), from: null },
  ];
  const registry = file('./src/embed/css-registry.ts');
  return {
    name: 'blr-element-seams',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || !source.startsWith('.')) return null;
      const sheet = source.endsWith('.css') ? await this.resolve(source, importer, { ...options, skipSelf: true }) : null;
      // A stylesheet a widget imports for itself goes into the shadow root, not the host's head.
      if (sheet) return `\0blr-css:${sheet.id}.js`; // .js: not a stylesheet to Vite
      const importerPath = importer.split('?')[0];
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved) return null;
      for (const s of swaps) {
        if (resolved.id !== s.target || importerPath === s.by) continue;
        if (s.from && !s.from.includes(importerPath)) continue;
        return s.by;
      }
      return null;
    },
    load(id) {
      if (!id.startsWith('\0blr-css:')) return null;
      const css = id.slice('\0blr-css:'.length, -'.js'.length);
      return `import css from ${JSON.stringify(`${css}?inline`)};\nimport { addElementCss } from ${JSON.stringify(registry)};\naddElementCss(css);\n`;
    },
  };
}

export default defineConfig({
  base: './',
  publicDir: false,
  plugins: [elementSeams(), react()],
  // Library mode leaves process.env alone; React needs its production switch.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    outDir: 'dist/embed',
    // Empties dist/embed only (the book's build has written the rest of dist/ just before).
    emptyOutDir: true,
    copyPublicDir: false,
    chunkSizeWarningLimit: 1000,
    // A finished bundle for browsers, not a library for bundlers: minify it fully.
    minify: true,
    rolldownOptions: { output: { minify: true } },
    lib: {
      entry: file('./src/embed/element.tsx'),
      formats: ['es'],
      fileName: () => 'blr-figure.js',
    },
  },
});
