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
    // Lists every built file for the service worker (public/sw.js) to cache for offline use.
    {
      name: 'precache-list',
      apply: 'build',
      generateBundle(_options, bundle) {
        const files = Object.keys(bundle).filter((f) => !f.endsWith('.map'));
        this.emitFile({ type: 'asset', fileName: 'precache.json', source: JSON.stringify(files) });
      },
    },
    { enforce: 'pre', ...mdx({ remarkPlugins: [remarkMath], rehypePlugins: [rehypeSlug, rehypeKatex, rehypeStaticMath] }) },
    react({ include: /\.(mdx|js|jsx|ts|tsx)$/ }),
  ],
  worker: { format: 'es' },
  optimizeDeps: { include: ['react', 'react-dom/client', 'zustand', 'zod', 'd3-contour'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 1000 },
});
