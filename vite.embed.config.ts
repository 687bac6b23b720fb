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
 * The stylesheets that widgets import for themselves are collected for the element's shadow
 * root instead of the host page's head. (The element gives its figures their state and engine
 * pool through FigureHostContext, so no module of the book is swapped.)
 */
function elementCss(): Plugin {
  const registry = file('./src/embed/css-registry.ts');
  return {
    name: 'blr-element-css',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || !source.startsWith('.')) return null;
      if (!source.endsWith('.css')) return null;
      const sheet = await this.resolve(source, importer, { ...options, skipSelf: true });
      // A stylesheet a widget imports for itself goes into the shadow root, not the host's head.
      return sheet ? `\0blr-css:${sheet.id}.js` : null; // .js: not a stylesheet to Vite
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
  plugins: [elementCss(), react()],
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
