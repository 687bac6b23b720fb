import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import mdx from '@mdx-js/rollup';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import rehypeSlug from 'rehype-slug';
import rehypeStaticMath from './build/rehype-static-math';

// MDX must run before the React plugin so that compiled chapters get the JSX transform.
export default defineConfig({
  base: './',
  plugins: [
    // The service worker (build/sw-template.js) with the built files and a version inlined.
    {
      name: 'service-worker',
      apply: 'build',
      // After Vite's own plugins, which drop the empty JS chunks of CSS-only modules.
      enforce: 'post',
      generateBundle(_options, bundle) {
        const publicFiles = readdirSync(new URL('./public', import.meta.url));
        // KaTeX ships each font three times; every browser that runs the book reads woff2, so the
        // .woff and .ttf copies are left to the runtime cache (a third of the offline size). A chunk
        // with no code is a CSS-only module's placeholder that is never written.
        const written = Object.entries(bundle).filter(([, f]) => f.type === 'asset' || f.code.trim() !== '').map(([name]) => name);
        const files = [...publicFiles, ...written.filter((f) => !f.endsWith('.map') && !/\.(woff|ttf)$/.test(f))].sort();
        const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
        const source = readFileSync(new URL('./build/sw-template.js', import.meta.url), 'utf8')
          .replace('__VERSION__', JSON.stringify(version))
          .replace('__PRECACHE__', JSON.stringify(files));
        this.emitFile({ type: 'asset', fileName: 'sw.js', source });
      },
    },
    { enforce: 'pre', ...mdx({ remarkPlugins: [remarkMath], rehypePlugins: [rehypeSlug, rehypeKatex, rehypeStaticMath] }) },
    react({ include: /\.(mdx|js|jsx|ts|tsx)$/ }),
  ],
  worker: { format: 'es' },
  optimizeDeps: { include: ['react', 'react-dom/client', 'zustand', 'zod', 'd3-contour'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 1000 },
});
