/**
 * The engine pool of `<blr-figure>` elements: one per host page, shared by every element on it.
 * A page on another origin may not start a worker from the book's URL, so each worker is a
 * same-origin blob module whose only line imports the book's worker script (fetched with CORS).
 * The element hands it to its figures through FigureHostContext (src/widgets/host.ts).
 */
import { inlineWorkerFactory } from '../worker/inline';
import { EnginePool, type WorkerFactory } from '../worker/pool';
import workerUrl from '../worker/engine.worker.ts?worker&url';


/** A factory for module workers from `absoluteUrl`, through a blob wrapper when cross-origin. */
export function crossOriginWorkerFactory(absoluteUrl: string, pageOrigin = location.origin): WorkerFactory {
  if (new URL(absoluteUrl).origin === pageOrigin) return () => new Worker(absoluteUrl, { type: 'module' });
  let blobUrl: string | null = null;
  return () => {
    // One wrapper for all workers; it stays valid for the page's lifetime (a few bytes).
    blobUrl ??= URL.createObjectURL(new Blob([`import ${JSON.stringify(absoluteUrl)};`], { type: 'text/javascript' }));
    return new Worker(blobUrl, { type: 'module' });
  };
}

/** The worker script of this build, as an absolute URL (next to blr-figure.js). */
export function engineWorkerUrl(): string {
  return new URL(workerUrl, import.meta.url).href;
}

let shared: EnginePool | null = null;

/** The pool shared by every element on the page (created on first use). */
export function getElementPool(): EnginePool {
  // Embedded: a worker that cannot start is most likely the host page's worker-src, and the
  // messages say so; the figures then run on the page itself (inline.ts).
  shared ??= new EnginePool(undefined, crossOriginWorkerFactory(engineWorkerUrl()), { fallback: inlineWorkerFactory, embedded: true });
  return shared;
}
