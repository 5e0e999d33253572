/**
 * The service worker (built by vite-plugin-pwa's injectManifest into `/sw.js`, root scope).
 * It precaches the client build, and keeps the pages a person visits network-first with a cache
 * fallback: after one visit the last search, the visited and saved meeting pages and the help
 * page open offline, marked as kept copies. It never touches requests to other origins.
 */
import { cleanupOutdatedCaches, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkFirst, NetworkOnly } from 'workbox-strategies';
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import { ExpirationPlugin } from 'workbox-expiration';
import type { WorkboxPlugin } from 'workbox-core';
import { PAGES_CACHE } from '../cache-names.js';
import {
  PAGE_LANGUAGES,
  isFinderPage,
  isKeptPage,
  lastFinderPage,
  markOfflineCopy,
  offlinePagePath,
} from './pages.js';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: (string | PrecacheEntry)[];
};

/**
 * Pages every visitor may need offline, whatever they looked at: the crisis lines, and the page
 * that answers for any page this device has no copy of.
 */
const WARM_PAGES = [
  ...PAGE_LANGUAGES.map((language) => `/${language}/help`),
  ...PAGE_LANGUAGES.map((language) => `/${language}/offline`),
];

cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);

async function marked(response: Response): Promise<Response> {
  return new Response(markOfflineCopy(await response.text()), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

/**
 * What answers a navigation that neither the network nor a copy of its own URL can: a finder URL
 * the last search kept, any page the offline page in its language (never the browser's own
 * error page).
 */
async function fallbackFor(request: Request): Promise<Response | undefined> {
  const { pathname } = new URL(request.url);
  const cache = await caches.open(PAGES_CACHE);
  if (isFinderPage(pathname)) {
    const keys = await cache.keys();
    const last = lastFinderPage(keys.map((k) => k.url));
    const response = last === undefined ? undefined : await cache.match(last);
    if (response !== undefined) return marked(response);
  }
  return cache.match(offlinePagePath(pathname, self.navigator.languages));
}

const offlineCopies: WorkboxPlugin = {
  // Called only when the network failed and a kept copy answers instead.
  cachedResponseWillBeUsed: async ({ cachedResponse }) =>
    cachedResponse === undefined ? undefined : marked(cachedResponse),
  // No copy of this very URL.
  handlerDidError: ({ request }) => fallbackFor(request),
};

registerRoute(
  ({ request, url }) =>
    request.mode === 'navigate' && url.origin === self.location.origin && isKeptPage(url.pathname),
  new NetworkFirst({
    cacheName: PAGES_CACHE,
    plugins: [
      new CacheableResponsePlugin({ statuses: [200] }),
      new ExpirationPlugin({ maxEntries: 80, purgeOnQuotaError: true }),
      offlineCopies,
    ],
  }),
);

// Navigations that are not kept (a printed schedule, a feed opened in the browser) are left to
// the network; offline, they too get the offline page rather than the browser's error.
registerRoute(
  ({ request, url }) => request.mode === 'navigate' && url.origin === self.location.origin,
  new NetworkOnly({ plugins: [{ handlerDidError: ({ request }) => fallbackFor(request) }] }),
);

// The map's chunk is not precached (most people never open it); once opened it is kept.
registerRoute(
  ({ url }) => url.origin === self.location.origin && url.pathname.startsWith('/assets/'),
  new CacheFirst({
    cacheName: 'porchlight-assets-v1',
    plugins: [new ExpirationPlugin({ maxEntries: 20, purgeOnQuotaError: true })],
  }),
);

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(PAGES_CACHE)
      .then((cache) => cache.addAll(WARM_PAGES))
      .catch(() => undefined),
  );
  void self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  // Take over the open pages now, and keep the page that installed us: the first search a
  // person made was loaded before this worker existed. (Usually a hit in the HTTP cache.)
  event.waitUntil(
    self.clients.claim().then(async () => {
      const cache = await caches.open(PAGES_CACHE);
      const windows = await self.clients.matchAll({ type: 'window' });
      await Promise.all(
        windows
          .map((client) => new URL(client.url))
          .filter((url) => url.origin === self.location.origin && isKeptPage(url.pathname))
          .map((url) => cache.add(url.href).catch(() => undefined)),
      );
    }),
  );
});
