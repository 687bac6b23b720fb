// Offline support for lecture halls: after one visit the whole book works without a network.
// Generated at build time from build/sw-template.js: the file list and version are inlined, so
// every deploy changes this file's bytes, the browser installs the new worker, and the old
// cache (with the old hashed files) is deleted when it activates.
const VERSION = __VERSION__;
const PRECACHE = __PRECACHE__;
const CACHE = `blr-explorable-${VERSION}`;
/** Every route of the book is the same index.html; it is cached under this one key. */
const PAGE = new URL('./', self.location.href).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // One file at a time: a missing file must not leave the whole precache empty.
      await Promise.all(
        [PAGE, ...PRECACHE.map((f) => new URL(f, self.location.href).href)].map((url) =>
          cache.add(url).catch((e) => console.warn(`precache: ${url}: ${e}`)),
        ),
      );
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
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  const navigate = request.mode === 'navigate';
  // Hashed build files never change under the same name: cache first.
  const hashed = url.pathname.includes('/assets/');
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // ignoreVary: module scripts carry an Origin header that the precache requests lacked.
      if (hashed) {
        const hit = await cache.match(request, { ignoreVary: true });
        if (hit) return hit;
      }
      try {
        const response = await fetch(request);
        if (response.ok) await cache.put(navigate ? PAGE : request, response.clone());
        return response;
      } catch (e) {
        const hit = await cache.match(navigate ? PAGE : request, { ignoreVary: true });
        if (hit) return hit;
        throw e;
      }
    })(),
  );
});
