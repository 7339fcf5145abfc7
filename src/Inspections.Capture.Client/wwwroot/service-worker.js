// Service worker of the capture app (ADR 13). The same file serves `dotnet build` output and published output:
// it does not depend on the publish-time asset manifest. Strategy:
//   - navigations under /capture/ : network first (the server checks the sign-in), cached index.html when offline;
//   - /capture/_framework/*        : cache first (file names carry content fingerprints), filled on first fetch;
//   - other /capture/ files        : cache first, refreshed in the background (stale-while-revalidate);
//   - /_content/MudBlazor/*         : the component library, shared with the desk app at the site root; as above;
//   - /api/*                       : never cached, never intercepted (the app keeps its own outbox in IndexedDB).
const CACHE = 'capture-shell-v1';
const scope = new URL(self.registration.scope);
const indexUrl = new URL('index.html', scope).href;

self.addEventListener('install', event => {
    event.waitUntil((async () => {
        const cache = await caches.open(CACHE);
        for (const path of ['index.html', 'manifest.webmanifest', 'css/capture.css', 'js/capture.js', 'icon-192.png', 'icon-512.png',
            '/_content/MudBlazor/MudBlazor.min.css', '/_content/MudBlazor/MudBlazor.min.js']) {
            try {
                const r = await fetch(new URL(path, scope), { credentials: 'same-origin', cache: 'no-cache' });
                if (r.ok && !r.redirected) await cache.put(new URL(path, scope), r);
            } catch { /* offline install: the page warms the cache later */ }
        }
        await self.skipWaiting();
    })());
});

self.addEventListener('activate', event => {
    event.waitUntil((async () => {
        for (const key of await caches.keys()) {
            if (key.startsWith('capture-shell-') && key !== CACHE) await caches.delete(key);
        }
        await self.clients.claim();
    })());
});

self.addEventListener('fetch', event => {
    const request = event.request;
    if (request.method !== 'GET') return;
    const url = new URL(request.url);
    if (url.origin !== scope.origin) return;
    if (url.pathname.startsWith('/_content/MudBlazor/')) {
        event.respondWith(staleWhileRevalidate(event, request));
        return;
    }
    if (!url.pathname.startsWith(scope.pathname)) return;
    if (request.mode === 'navigate') {
        event.respondWith(navigate(request));
    } else if (url.pathname.startsWith(scope.pathname + '_framework/')) {
        event.respondWith(cacheFirst(request));
    } else {
        event.respondWith(staleWhileRevalidate(event, request));
    }
});

async function navigate(request) {
    const cache = await caches.open(CACHE);
    try {
        const response = await fetch(request);
        if (response.ok && !response.redirected && response.type === 'basic') {
            await cache.put(indexUrl, response.clone());
        }
        return response;
    } catch {
        return (await cache.match(indexUrl)) || (await cache.match(scope.href)) || Response.error();
    }
}

async function cacheFirst(request) {
    const cache = await caches.open(CACHE);
    const hit = await cache.match(request, { ignoreSearch: true });
    if (hit) return hit;
    const response = await fetch(request);
    if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
    return response;
}

async function staleWhileRevalidate(event, request) {
    const cache = await caches.open(CACHE);
    const hit = await cache.match(request, { ignoreSearch: true });
    const refresh = fetch(request).then(async response => {
        if (response.ok && response.type === 'basic' && !response.redirected) await cache.put(request, response.clone());
        return response;
    });
    if (hit) {
        event.waitUntil(refresh.catch(() => undefined));
        return hit;
    }
    return refresh;
}
