// Cordon's service worker: the app keeps working offline after the first visit.
// Network first (so a new version is picked up at once), falling back to the
// copy cached on the last successful visit. Nothing leaves the machine: only
// same-origin GET requests for the app's own files are cached.
const CACHE = "cordon-v1";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) {
    return;
  }
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(() =>
        caches
          .match(request, { ignoreSearch: true })
          .then((cached) => cached || caches.match(new URL("./", self.location).href))
      )
  );
});
