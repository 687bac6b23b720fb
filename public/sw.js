// Offline support for lecture halls: after one visit the whole book works without a network.
// Hashed build assets are served cache-first (their names change when they change); pages and
// everything else go network-first and fall back to the cache.
const CACHE = 'blr-explorable-v2';

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const list = await fetch('./precache.json').then((r) => (r.ok ? r.json() : []), () => []);
      await cache.addAll(['./', './favicon.svg', ...list.map((f) => `./${f}`)]).catch(() => {});
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  const hashed = url.pathname.includes('/assets/');
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      if (hashed) {
        // ignoreVary: module scripts carry an Origin header that the precache requests lacked.
        const hit = await cache.match(event.request, { ignoreVary: true });
        if (hit) return hit;
      }
      try {
        const response = await fetch(event.request);
        if (response.ok) cache.put(event.request, response.clone());
        return response;
      } catch (e) {
        const hit = await cache.match(event.request, { ignoreVary: true, ignoreSearch: event.request.mode === 'navigate' });
        if (hit) return hit;
        throw e;
      }
    })(),
  );
});
