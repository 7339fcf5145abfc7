// Device side of the capture app (ADR 13): IndexedDB storage, geolocation, photo downscaling and hashing,
// signature pads, photo upload and the app-shell cache warm-up. Loaded as an ES module by the .NET code.

const DB_NAME = 'inspections-capture';
const DB_VERSION = 1;
let dbPromise = null;

function req(r) {
    return new Promise((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
    });
}

function db() {
    if (!dbPromise) {
        dbPromise = new Promise((resolve, reject) => {
            const open = indexedDB.open(DB_NAME, DB_VERSION);
            open.onupgradeneeded = () => {
                const d = open.result;
                // visits: one record per visit (draft or submitted), key = client UUID, value = JSON text.
                if (!d.objectStoreNames.contains('visits')) d.createObjectStore('visits');
                // blobs: photos and signatures by SHA-256 (hex), { type, blob, width, height }.
                if (!d.objectStoreNames.contains('blobs')) d.createObjectStore('blobs');
                // kv: cached bootstrap, today's assignments, settings.
                if (!d.objectStoreNames.contains('kv')) d.createObjectStore('kv');
            };
            open.onsuccess = () => resolve(open.result);
            open.onerror = () => reject(open.error);
        });
    }
    return dbPromise;
}

async function tx(store, mode, fn) {
    const d = await db();
    return new Promise((resolve, reject) => {
        const t = d.transaction(store, mode);
        let result;
        Promise.resolve(fn(t.objectStore(store))).then(r => { result = r; }, reject);
        t.oncomplete = () => resolve(result);
        t.onerror = () => reject(t.error);
        t.onabort = () => reject(t.error);
    });
}

export async function put(store, key, value) {
    await tx(store, 'readwrite', s => req(s.put(value, key)));
}

export async function get(store, key) {
    const v = await tx(store, 'readonly', s => req(s.get(key)));
    return v === undefined ? null : v;
}

export async function remove(store, key) {
    await tx(store, 'readwrite', s => req(s.delete(key)));
}

export async function all(store) {
    return await tx(store, 'readonly', s => req(s.getAll()));
}

// Asks the browser not to evict our storage under pressure (visits may wait days for a network).
export async function persistStorage() {
    try {
        if (navigator.storage && navigator.storage.persist) return await navigator.storage.persist();
    } catch { /* not supported */ }
    return false;
}

export function isOnline() { return navigator.onLine; }

export function language() { return localStorage.getItem('capture.lang') || 'zh'; }
export function setLanguage(lang) { localStorage.setItem('capture.lang', lang); }

// ---------- geolocation ----------
export function position() {
    return new Promise(resolve => {
        if (!navigator.geolocation) { resolve({ ok: false, error: 'unsupported' }); return; }
        navigator.geolocation.getCurrentPosition(
            p => resolve({ ok: true, latitude: p.coords.latitude, longitude: p.coords.longitude, accuracy: p.coords.accuracy }),
            e => resolve({ ok: false, error: e.message || String(e.code) }),
            { enableHighAccuracy: true, timeout: 20000, maximumAge: 30000 });
    });
}

// ---------- photos ----------
async function sha256Hex(buffer) {
    const digest = await crypto.subtle.digest('SHA-256', buffer);
    return Array.from(new Uint8Array(digest)).map(b => b.toString(16).padStart(2, '0')).join('');
}

function canvasToBlob(canvas, type, quality) {
    return new Promise((resolve, reject) => canvas.toBlob(b => b ? resolve(b) : reject(new Error('toBlob failed')), type, quality));
}

async function storeBlob(blob, width, height) {
    const buffer = await blob.arrayBuffer();
    const sha = await sha256Hex(buffer);
    // Stored as an ArrayBuffer: blobs inside IndexedDB are not reliable on every tablet browser.
    await put('blobs', sha, { type: blob.type, data: buffer, width, height, bytes: buffer.byteLength });
    return { sha256: sha, width, height, bytes: buffer.byteLength };
}

// Reads the files chosen in an <input type=file>, downscales each to maxSide (longest side) as JPEG,
// hashes it and stores it. Returns [{ sha256, width, height, bytes }].
export async function takePhotos(input, maxSide) {
    const results = [];
    const files = Array.from(input.files || []);
    for (const file of files) {
        const bitmap = await createImageBitmap(file);
        const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
        const w = Math.max(1, Math.round(bitmap.width * scale));
        const h = Math.max(1, Math.round(bitmap.height * scale));
        const canvas = document.createElement('canvas');
        canvas.width = w; canvas.height = h;
        canvas.getContext('2d').drawImage(bitmap, 0, 0, w, h);
        bitmap.close && bitmap.close();
        const blob = await canvasToBlob(canvas, 'image/jpeg', 0.85);
        results.push(await storeBlob(blob, w, h));
    }
    input.value = '';
    return results;
}

const urls = new Map();
// An object URL for a stored photo or signature (thumbnails), created once per page.
export async function blobUrl(sha) {
    if (urls.has(sha)) return urls.get(sha);
    const rec = await get('blobs', sha);
    if (!rec) return '';
    const url = URL.createObjectURL(new Blob([rec.data], { type: rec.type }));
    urls.set(sha, url);
    return url;
}

export async function hasBlob(sha) { return (await get('blobs', sha)) !== null; }

// PUT /api/capture/photos/{sha}. Returns the HTTP status, or 0 when the network is down, -1 when the blob is gone.
export async function uploadBlob(sha) {
    const rec = await get('blobs', sha);
    if (!rec) return -1;
    try {
        const r = await fetch(`/api/capture/photos/${sha}`, {
            method: 'PUT', body: rec.data, credentials: 'same-origin',
            headers: { 'Content-Type': rec.type || 'application/octet-stream', 'Accept': 'application/json' },
        });
        return r.status;
    } catch {
        return 0;
    }
}

// ---------- signatures ----------
const pads = new WeakMap();

export function initSignaturePad(canvas) {
    if (pads.has(canvas)) return;
    const ratio = window.devicePixelRatio || 1;
    const rect = canvas.getBoundingClientRect();
    canvas.width = Math.round(rect.width * ratio);
    canvas.height = Math.round(rect.height * ratio);
    const ctx = canvas.getContext('2d');
    ctx.scale(ratio, ratio);
    ctx.lineWidth = 2.5; ctx.lineCap = 'round'; ctx.lineJoin = 'round'; ctx.strokeStyle = '#111';
    ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, rect.width, rect.height);
    const state = { drawing: false, strokes: 0 };
    pads.set(canvas, state);
    const point = e => { const r = canvas.getBoundingClientRect(); return [e.clientX - r.left, e.clientY - r.top]; };
    canvas.addEventListener('pointerdown', e => {
        e.preventDefault(); canvas.setPointerCapture(e.pointerId);
        state.drawing = true; state.strokes++;
        const [x, y] = point(e); ctx.beginPath(); ctx.moveTo(x, y); ctx.lineTo(x + 0.1, y + 0.1); ctx.stroke();
    });
    canvas.addEventListener('pointermove', e => {
        if (!state.drawing) return;
        e.preventDefault(); const [x, y] = point(e); ctx.lineTo(x, y); ctx.stroke();
    });
    const end = () => { state.drawing = false; };
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointercancel', end);
}

export function clearSignature(canvas) {
    const state = pads.get(canvas);
    const ctx = canvas.getContext('2d');
    const rect = canvas.getBoundingClientRect();
    ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, rect.width, rect.height);
    if (state) state.strokes = 0;
}

// Saves the pad as a PNG in the blob store; null when nothing was drawn.
export async function saveSignature(canvas) {
    const state = pads.get(canvas);
    if (!state || state.strokes === 0) return null;
    const blob = await canvasToBlob(canvas, 'image/png');
    return await storeBlob(blob, canvas.width, canvas.height);
}

// ---------- app shell ----------
// The service worker only sees requests made after it took control; the first visit's files (index.html,
// _framework, _content) are added to its cache from here so the next start works with no network.
export async function warmShellCache() {
    if (!('caches' in window)) return 0;
    const base = document.baseURI;
    const names = performance.getEntriesByType('resource').map(e => e.name)
        .concat([base, new URL('index.html', base).href, new URL('manifest.webmanifest', base).href])
        .concat([new URL('/_content/MudBlazor/MudBlazor.min.css', base).href, new URL('/_content/MudBlazor/MudBlazor.min.js', base).href])
        .filter(u => (u.startsWith(base) || u.startsWith(new URL('/_content/MudBlazor/', base).href)) && !u.includes('/api/'));
    const unique = Array.from(new Set(names.map(u => u.split('#')[0])));
    const cache = await caches.open('capture-shell-v1');
    let n = 0;
    for (const url of unique) {
        try {
            if (await cache.match(url)) { n++; continue; }
            const r = await fetch(url, { credentials: 'same-origin' });
            if (r.ok && !r.redirected) { await cache.put(url, r); n++; }
        } catch { /* offline: keep what we have */ }
    }
    return n;
}

export function registerServiceWorker() {
    if ('serviceWorker' in navigator) {
        navigator.serviceWorker.register('service-worker.js', { updateViaCache: 'none', scope: './' }).catch(() => { });
    }
}

export function onConnectivity(dotnet) {
    window.addEventListener('online', () => dotnet.invokeMethodAsync('ConnectivityChanged', true));
    window.addEventListener('offline', () => dotnet.invokeMethodAsync('ConnectivityChanged', false));
}
