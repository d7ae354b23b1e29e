// Cordon's service worker: the app works offline after the first visit.
//
// On install it caches every file of the build (the list below is written by
// tools/precache-manifest.mjs when trunk builds the site), so one visit is
// enough. Requests go to the network first (so a new version is picked up at
// once) and fall back to that cache. A new deployment has a new version, hence
// a new sw.js: the browser installs it, and once it is active the caches of
// older versions are deleted. Nothing leaves the machine: only same-origin GET
// requests are answered from the cache.
//
// The next line is replaced at build time; keep it on one line.
const PRECACHE = {"version":"unbuilt","files":[]};
const PREFIX = "cordon-";
const CACHE = PREFIX + PRECACHE.version;
// Navigations (the app's address, with or without a query) fall back to this.
const PAGE = "index.html";

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      // `reload`: fetch from the server, not from the HTTP cache.
      .then((cache) => cache.addAll(PRECACHE.files.map((file) => new Request(file, { cache: "reload" }))))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.delete(name))
        )
      )
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) {
    return;
  }
  event.respondWith(
    fetch(request).catch(() =>
      caches.open(CACHE).then(async (cache) => {
        const cached = await cache.match(request, { ignoreSearch: true });
        if (cached) return cached;
        if (request.mode === "navigate") {
          const page = await cache.match(new URL(PAGE, self.location).href);
          if (page) return page;
        }
        return Response.error();
      })
    )
  );
});
