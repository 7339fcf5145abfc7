// Map interop for the LeafletMap component (ADR 16). Leaflet + Leaflet.VectorGrid (vendored in wwwroot/lib, loaded on
// first use) draw the venues from the app's vector tiles (/api/map/tiles/{z}/{x}/{y}.mvt?filters), coloured by derived
// status; clicks are resolved on the server (/api/map/click), which also answers clusters. Boundaries, school buffers
// and today's routes are ordinary Leaflet layers. On a GCJ-02 base map every overlay is shifted for display only.
// window.inspectionsMap.metrics records when the first venues were painted (the browser test reads it).

let loading = null;

function script(src) {
    return new Promise((resolve, reject) => {
        const s = document.createElement('script');
        s.src = src;
        s.onload = resolve;
        s.onerror = () => reject(new Error(src + ' could not be loaded'));
        document.head.appendChild(s);
    });
}

function ensureLeaflet() {
    if (window.L && window.L.vectorGrid) {
        return Promise.resolve(window.L);
    }
    loading ??= (async () => {
        if (!document.querySelector('link[data-leaflet]')) {
            const css = document.createElement('link');
            css.rel = 'stylesheet';
            css.href = '/lib/leaflet/leaflet.css';
            css.dataset.leaflet = '1';
            document.head.appendChild(css);
        }
        if (!window.L) {
            await script('/lib/leaflet/leaflet.js');
        }
        await script('/lib/leaflet.vectorgrid/Leaflet.VectorGrid.bundled.min.js');
        // VectorGrid 1.3 calls L.DomEvent.fakeStop, removed in Leaflet 1.8; our layers are not interactive, but be safe.
        window.L.DomEvent.fakeStop ??= () => true;
        return window.L;
    })().catch(e => { loading = null; throw e; });
    return loading;
}

export const statusColors = {
    NotInspected: '#607d8b',
    Passed: '#2e7d32',
    UnderRectification: '#ef6c00',
    Overdue: '#c62828',
    Suspended: '#6a1b9a',
    Closed: '#212121',
};
const breachColor = '#d500f9';
const routeColors = ['#1565c0', '#00838f', '#ad1457', '#9e9d24', '#5d4037', '#283593', '#2e7d32', '#ef6c00'];

// ---- WGS-84 -> GCJ-02 (display only; same formula as Map/Gcj02.cs and the SQL function) ----
function outOfChina(lon, lat) { return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271; }
function tLat(x, y) {
    let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
    r += (20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2 / 3;
    r += (20 * Math.sin(y * Math.PI) + 40 * Math.sin(y / 3 * Math.PI)) * 2 / 3;
    r += (160 * Math.sin(y / 12 * Math.PI) + 320 * Math.sin(y * Math.PI / 30)) * 2 / 3;
    return r;
}
function tLon(x, y) {
    let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
    r += (20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2 / 3;
    r += (20 * Math.sin(x * Math.PI) + 40 * Math.sin(x / 3 * Math.PI)) * 2 / 3;
    r += (150 * Math.sin(x / 12 * Math.PI) + 300 * Math.sin(x / 30 * Math.PI)) * 2 / 3;
    return r;
}
export function wgsToGcj(lon, lat) {
    if (outOfChina(lon, lat)) return [lon, lat];
    const a = 6378245.0, ee = 0.00669342162296594323;
    let dLat = tLat(lon - 105, lat - 35), dLon = tLon(lon - 105, lat - 35);
    const radLat = lat / 180 * Math.PI;
    const magic = 1 - ee * Math.sin(radLat) * Math.sin(radLat), sq = Math.sqrt(magic);
    dLat = dLat * 180 / ((a * (1 - ee)) / (magic * sq) * Math.PI);
    dLon = dLon * 180 / (a / sq * Math.cos(radLat) * Math.PI);
    return [lon + dLon, lat + dLat];
}
function gcjToWgs(lon, lat) {
    let [x, y] = [lon, lat];
    for (let i = 0; i < 3; i++) {
        const [gx, gy] = wgsToGcj(x, y);
        x -= gx - lon; y -= gy - lat;
    }
    return [x, y];
}

const maps = new Map();
let nextId = 1;

function esc(s) {
    return String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

function metrics() {
    window.inspectionsMap ??= { metrics: {} };
    return window.inspectionsMap.metrics;
}

class VenueMap {
    constructor(L, element, config, labels, dotnet) {
        this.L = L;
        this.labels = labels;
        this.dotnet = dotnet;
        this.config = config;
        this.query = '';
        this.gcj = false;
        this.created = performance.now();
        metrics().createdAt = this.created;
        // For tests and troubleshooting: where a WGS-84 point is on screen, and a jump without animation.
        window.inspectionsMap.pointOf = (lon, lat) => { const p = this.map.latLngToContainerPoint(this.ll(lon, lat)); return { x: p.x, y: p.y }; };
        window.inspectionsMap.view = (lon, lat, zoom) => { this.map.setView(this.ll(lon, lat), zoom, { animate: false }); };
        const map = this.map = L.map(element, { preferCanvas: true, zoomControl: true, attributionControl: true, maxZoom: 20 });
        const bases = {};
        let first = null;
        for (const b of config.baseLayers) {
            const layer = L.tileLayer(b.url, { attribution: b.attribution, subdomains: b.subdomains || 'abc', maxZoom: b.maxZoom || 18 });
            layer.gcj02 = b.gcj02;
            bases[b.name] = layer;
            first ??= layer;
        }
        if (first) first.addTo(map);
        this.gcj = !!first?.gcj02;
        map.on('baselayerchange', e => { this.gcj = !!e.layer.gcj02; this.redrawAll(); });

        this.boundaries = L.layerGroup().addTo(map);
        this.schools = L.layerGroup().addTo(map);
        this.routes = L.layerGroup().addTo(map);
        this.venuePane = map.createPane('venues');
        this.venuePane.style.zIndex = 450;
        this.venueGroup = L.layerGroup().addTo(map);
        const overlays = {};
        overlays[labels.layerVenues] = this.venueGroup;
        overlays[labels.layerBoundaries] = this.boundaries;
        overlays[labels.layerSchools] = this.schools;
        overlays[labels.layerRoutes] = this.routes;
        this.layers = L.control.layers(bases, overlays, { collapsed: false, position: 'topright' }).addTo(map);

        const e = config.extent;
        if (e) {
            map.fitBounds([[e.minLat, e.minLon], [e.maxLat, e.maxLon]], { padding: [10, 10] });
        } else {
            map.setView([config.defaultCenter[1], config.defaultCenter[0]], config.defaultZoom);
        }
        map.on('click', ev => this.click(ev.latlng));
        this.drawVenues();
        this.loadBoundaries();
        this.loadSchools();
    }

    ll(lon, lat) {
        if (this.gcj) {
            const [x, y] = wgsToGcj(lon, lat);
            return this.L.latLng(y, x);
        }
        return this.L.latLng(lat, lon);
    }

    style(props) {
        const color = statusColors[props.status] || '#607d8b';
        const n = props.count || 1;
        const radius = n > 1 ? Math.min(22, 6 + 3 * Math.log2(n)) : 6;
        return {
            radius, fill: true, fillColor: color, fillOpacity: n > 1 ? 0.7 : 0.9,
            color: props.breach ? breachColor : '#ffffff', weight: props.breach ? 3 : 1.2, opacity: 1,
        };
    }

    tileUrl() {
        const q = this.query ? '&' + this.query : '';
        return '/api/map/tiles/{z}/{x}/{y}.mvt?crs=' + (this.gcj ? 'gcj02' : 'wgs84') + q;
    }

    drawVenues() {
        const L = this.L;
        if (this.venues) this.venueGroup.removeLayer(this.venues);
        let painted = 0;
        const layer = L.vectorGrid.protobuf(this.tileUrl(), {
            rendererFactory: L.canvas.tile,
            interactive: false,
            pane: 'venues',
            maxNativeZoom: 20,
            maxZoom: 22,
            fetchOptions: { credentials: 'same-origin' },
            vectorTileLayerStyles: { venues: props => { painted += props.count || 1; return this.style(props); } },
        });
        layer.on('tileload', () => {
            const m = metrics();
            m.tilesLoaded = (m.tilesLoaded || 0) + 1;
            if (painted > 0 && m.firstVenuesPaintedAt === undefined) {
                m.firstVenuesPaintedAt = performance.now();
                m.firstVenuesSinceCreate = m.firstVenuesPaintedAt - this.created;
                performance.mark('map-first-venues');
            }
            m.featuresStyled = painted;
        });
        layer.on('load', () => {
            const m = metrics();
            m.loads = (m.loads || 0) + 1;
            m.lastQuery = this.query;
            m.featuresStyled = painted;
            this.map.getContainer().dataset.venuesLoaded = String(m.loads);
        });
        this.venues = layer;
        this.venueGroup.addLayer(layer);
    }

    setFilter(query) {
        this.query = query || '';
        this.map.closePopup();
        this.drawVenues();
    }

    async loadBoundaries() {
        try {
            const r = await fetch('/api/jurisdictions/boundaries.geojson', { credentials: 'same-origin' });
            if (!r.ok) return;
            this.boundaryData = await r.json();
            this.drawBoundaries();
        } catch { /* the venue layers work without boundaries */ }
    }

    drawBoundaries() {
        const L = this.L;
        this.boundaries.clearLayers();
        if (!this.boundaryData) return;
        const gj = L.geoJSON(this.boundaryData, {
            coordsToLatLng: c => this.ll(c[0], c[1]),
            style: f => f.properties.level === 'Street'
                ? { color: '#37474f', weight: 3, fill: false, dashArray: '6 4' }
                : { color: '#1565c0', weight: 1.5, fillOpacity: 0.03 },
            interactive: false,
        });
        gj.eachLayer(l => l.bindTooltip?.(esc(l.feature.properties.name), { sticky: true }));
        this.boundaries.addLayer(gj);
    }

    async loadSchools() {
        try {
            const r = await fetch('/api/map/schools', { credentials: 'same-origin' });
            if (!r.ok) return;
            this.schoolData = await r.json();
            this.drawSchools();
        } catch { /* optional layer */ }
    }

    drawSchools() {
        const L = this.L;
        this.schools.clearLayers();
        for (const s of this.schoolData || []) {
            const at = this.ll(s.lon, s.lat);
            if (s.radiusMetres > 0) {
                L.circle(at, { radius: s.radiusMetres, color: '#f9a825', weight: 1.5, fillColor: '#fff59d', fillOpacity: 0.25, interactive: false }).addTo(this.schools);
            }
            L.circleMarker(at, { radius: 4, color: '#f57f17', weight: 2, fillColor: '#ffffff', fillOpacity: 1, interactive: false })
                .addTo(this.schools);
        }
    }

    setRoutes(teams) {
        this.teams = teams || [];
        this.drawRoutes();
    }

    drawRoutes() {
        const L = this.L;
        this.routes.clearLayers();
        (this.teams || []).forEach((t, i) => {
            const color = routeColors[i % routeColors.length];
            const pts = t.stops.map(s => this.ll(s.lon, s.lat));
            if (pts.length > 1) L.polyline(pts, { color, weight: 4, opacity: 0.8, interactive: false }).addTo(this.routes);
            t.stops.forEach(s => {
                L.circleMarker(this.ll(s.lon, s.lat), {
                    radius: 9, color, weight: 3, fillColor: s.visited ? color : '#ffffff', fillOpacity: 1,
                }).bindTooltip(`${esc(t.label)} · ${s.sequence}. ${esc(s.name)} · ${s.visited ? esc(this.labels.visited) : esc(this.labels.pending)}`)
                    .on('click', ev => { L.DomEvent.stopPropagation(ev); this.openVenue(s.venueId); })
                    .addTo(this.routes);
            });
        });
    }

    redrawAll() {
        this.drawVenues();
        this.drawBoundaries();
        this.drawSchools();
        this.drawRoutes();
    }

    async click(latlng) {
        let [lon, lat] = [latlng.lng, latlng.lat];
        if (this.gcj) [lon, lat] = gcjToWgs(lon, lat);
        const z = Math.round(this.map.getZoom());
        const q = this.query ? '&' + this.query : '';
        const r = await fetch(`/api/map/click?lon=${lon}&lat=${lat}&z=${z}${q}`, { credentials: 'same-origin' });
        if (r.status !== 200) return;
        const hit = await r.json();
        if (hit.isCluster) {
            this.map.setView(this.ll(hit.lon, hit.lat), Math.min(z + 2, this.config.clusterMaxZoom + 1));
            return;
        }
        this.showPopup(hit.venue);
    }

    async openVenue(id, fly) {
        const r = await fetch(`/api/map/venues/${encodeURIComponent(id)}`, { credentials: 'same-origin' });
        if (r.status !== 200) return;
        const v = await r.json();
        if (fly) {
            this.map.flyTo(this.ll(v.lon, v.lat), Math.max(this.map.getZoom(), 17), { duration: 0.8 });
            this.map.once('moveend', () => this.showPopup(v));
        } else {
            this.showPopup(v);
        }
    }

    showPopup(v) {
        const lb = this.labels;
        const notices = (v.openNotices || []).map(n =>
            `<li>${esc(n.number || '—')} · ${esc(lb.noticeStatus[n.status] || n.status)}${n.deadline ? ' · ' + esc(lb.deadline) + ' ' + esc(n.deadline) : ''}</li>`).join('');
        const last = v.lastVisitAt ? new Date(v.lastVisitAt).toLocaleString(lb.locale, { timeZone: 'Asia/Shanghai' }) : lb.never;
        const html = `<div class="map-popup" data-testid="map-popup">
            <div class="map-popup__title">${esc(v.name)}</div>
            <div class="map-popup__status" style="color:${statusColors[v.status]}">● ${esc(lb.status[v.status] || v.status)}</div>
            <table>
              <tr><th>${esc(lb.type)}</th><td>${esc(lb.types[v.type] || v.type)}</td></tr>
              <tr><th>${esc(lb.risk)}</th><td>${esc(v.riskClass)}</td></tr>
              <tr><th>${esc(lb.address)}</th><td>${esc(v.address)}</td></tr>
              <tr><th>${esc(lb.lastVisit)}</th><td data-testid="map-popup-last-visit">${esc(last)}</td></tr>
              <tr><th>${esc(lb.openNotices)}</th><td data-testid="map-popup-notices">${notices ? '<ul>' + notices + '</ul>' : esc(lb.none)}</td></tr>
              ${v.distanceRuleBreached ? `<tr><th>${esc(lb.breach)}</th><td style="color:${breachColor}">${esc(lb.rules[v.distanceRuleBreached] || v.distanceRuleBreached)}${v.nearestSchoolDistanceMetres != null ? ' (' + Math.round(v.nearestSchoolDistanceMetres) + ' m)' : ''}</td></tr>` : ''}
            </table>
            <a href="/venues/${encodeURIComponent(v.id)}" data-testid="map-popup-link">${esc(lb.open)}</a>
          </div>`;
        this.L.popup({ maxWidth: 340 }).setLatLng(this.ll(v.lon, v.lat)).setContent(html).openOn(this.map);
    }

    flyToPoint(lon, lat, zoom) {
        this.map.flyTo(this.ll(lon, lat), zoom || 17, { duration: 0.8 });
    }

    dispose() {
        this.map.remove();
    }
}

export async function create(element, config, labels, dotnet) {
    const L = await ensureLeaflet();
    const id = nextId++;
    maps.set(id, new VenueMap(L, element, config, labels, dotnet));
    return id;
}

export function setFilter(id, query) { maps.get(id)?.setFilter(query); }
export function setRoutes(id, teams) { maps.get(id)?.setRoutes(teams); }
export function openVenue(id, venueId) { return maps.get(id)?.openVenue(venueId, true); }
export function flyTo(id, lon, lat, zoom) { maps.get(id)?.flyToPoint(lon, lat, zoom); }
export function invalidateSize(id) { maps.get(id)?.map.invalidateSize(); }
export function dispose(id) {
    maps.get(id)?.dispose();
    maps.delete(id);
}
