/* global self, importScripts */
/*
 * The portal's service worker: Angular's (ngsw-worker.js, imported at the end: caching, push
 * subscriptions, notification clicks) with one change, to the order in which pushes are shown.
 *
 * A push service does not promise order, and a phone may finish showing two notifications out of
 * order (each waits for its icon): a ticket's "3 orang lagi sebelum Anda" could land after its
 * "Dipanggil: menuju loket 1" and, having the same tag, replace it. So here a tag's messages are
 * shown one after another, and one made before (`notification.data.at`, stamped by the API) the
 * newest this worker has shown, or the one on screen, is not shown. Pages hear every push, as
 * Angular's worker tells them ({type: 'PUSH'}), once it has been shown or dropped.
 *
 * Registered before Angular's, this listener stops it for the pushes it takes: those with a title,
 * a tag and a stamp. Anything else goes to Angular's worker as before.
 */
'use strict';

/** tag → the newest stamp shown by this worker (a stopped worker forgets; the screen remains). */
const newestShown = new Map();
/** tag → the last show queued, so a tag's messages are shown in the order they arrived. */
const queued = new Map();

self.addEventListener('push', (event) => {
  const message = stampedMessage(event);
  if (!message) return;
  event.stopImmediatePropagation();
  const tag = message.notification.tag;
  const shown = (queued.get(tag) || Promise.resolve()).then(() => showUnlessOlder(message)).catch(() => undefined);
  queued.set(tag, shown);
  event.waitUntil(
    shown.then(() => {
      if (queued.get(tag) === shown) queued.delete(tag);
      return tellPages(message);
    }),
  );
});

function stampedMessage(event) {
  if (!event.data) return null;
  let message;
  try {
    message = event.data.json();
  } catch {
    return null;
  }
  const notification = message && message.notification;
  const stamped = notification && typeof notification.title === 'string' && typeof notification.tag === 'string' && notification.data && typeof notification.data.at === 'number';
  return stamped ? message : null;
}

async function showUnlessOlder(message) {
  const { title, ...options } = message.notification;
  const onScreen = await self.registration.getNotifications({ tag: options.tag });
  const stamps = onScreen.map((n) => (n.data && typeof n.data.at === 'number' ? n.data.at : 0));
  const newest = Math.max(newestShown.get(options.tag) || 0, ...stamps);
  if (options.data.at < newest) return;
  newestShown.set(options.tag, options.data.at);
  await self.registration.showNotification(title, options);
}

async function tellPages(message) {
  const pages = await self.clients.matchAll();
  for (const page of pages) page.postMessage({ type: 'PUSH', data: message });
}

importScripts('./ngsw-worker.js');
