/**
 * Offline support: registers the service worker that scripts/build.mjs generates with Workbox
 * (every page, the figures' code, the search index, precached). A new deploy never mixes with
 * the old one: the new worker installs beside the old and waits; the page says "A new version of
 * the book is ready" with a Reload button, which activates it and reloads — so every file of a
 * page comes from one build. `updateViaCache: 'none'` makes the browser check sw.js itself past
 * the HTTP cache on every navigation.
 */
export function registerServiceWorker() {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator) || location.protocol === 'file:') return;
  const url = new URL(`${document.body.dataset.root ?? './'}sw.js`, location.href);
  addEventListener('load', () => {
    navigator.serviceWorker
      .register(url, { updateViaCache: 'none' })
      .then((reg) => {
        const offer = (w: ServiceWorker | null) => {
          // Without a controller this is the first install: nothing old to replace.
          if (w && navigator.serviceWorker.controller) showUpdate(w);
        };
        offer(reg.waiting);
        reg.addEventListener('updatefound', () => {
          const w = reg.installing;
          w?.addEventListener('statechange', () => w.state === 'installed' && offer(w));
        });
      })
      .catch(() => {
        // Offline caching is an extra; the book works without it.
      });
  });
}

let shown = false;
function showUpdate(worker: ServiceWorker) {
  if (shown) return;
  shown = true;
  const bar = document.createElement('div');
  bar.className = 'update-bar';
  bar.setAttribute('role', 'status');
  bar.dataset.update = 'ready';
  const text = document.createElement('span');
  text.textContent = 'A new version of the book is ready.';
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Reload';
  button.addEventListener('click', () => {
    navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
    worker.postMessage({ type: 'SKIP_WAITING' });
  });
  bar.append(text, ' ', button);
  document.body.append(bar);
}
