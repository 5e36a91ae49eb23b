// The technician app's service worker: keeps the app's own files for offline starts (network
// first, so a deployment is picked up at once when online) and replays the offline queue when
// the browser says the network is back (Background Sync), even with the app closed.
// API calls are not intercepted: pages keep their last answers in IndexedDB themselves.
import { SYNC_TAG, flush } from './js/outbox.js';

const CACHE = 'fieldops-console-v2';

/** Every file of the app (a test checks that none is missing). */
const APP_FILES = [
  './', 'index.html', 'manifest.webmanifest', 'css/console.css',
  'icons/icon.svg', 'icons/icon-192.png', 'icons/icon-512.png',
  'js/api.js', 'js/bar-chart.js', 'js/charts.js', 'js/components.js', 'js/dom.js', 'js/event-stream.js', 'js/gantt.js',
  'js/gantt-layout.js', 'js/geolocation.js', 'js/i18n.js', 'js/main.js', 'js/map-projection.js',
  'js/outbox.js', 'js/session.js', 'js/signature-pad.js', 'js/store.js', 'js/workflow.js',
  'js/pages/clock.js', 'js/pages/dispatch.js', 'js/pages/field.js', 'js/pages/inbox.js', 'js/pages/index.js',
  'js/pages/intervention.js', 'js/pages/interventions.js', 'js/pages/invitation.js', 'js/pages/kpis.js', 'js/pages/login.js',
  'js/pages/map.js', 'js/pages/planning.js', 'js/pages/sites.js', 'js/pages/team.js', 'js/pages/tenants.js', 'js/pages/today.js',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(APP_FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || !url.pathname.startsWith(new URL('./', self.location).pathname)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    try {
      const response = await fetch(event.request);
      if (response.ok) await cache.put(event.request, response.clone());
      return response;
    } catch (error) {
      // Pages of the app are all the one shell (client-side routing).
      return (await cache.match(event.request, { ignoreSearch: true })) ?? (await cache.match('index.html')) ?? Response.error();
    }
  })());
});

self.addEventListener('sync', (event) => {
  if (event.tag !== SYNC_TAG) return;
  event.waitUntil(flush().then(async (result) => {
    for (const client of await self.clients.matchAll()) client.postMessage({ type: 'outbox', ...result });
    // Something is still waiting: fail the event so the browser schedules another attempt.
    if (result.remaining) throw new Error(`outbox: ${result.remaining} change(s) still waiting (${result.stoppedBy})`);
  }));
});
