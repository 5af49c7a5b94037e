// A map of stores with Leaflet, loaded on first use. Tiles come from the gateway's setting; without tiles (none set,
// or offline) the stores are still placed on a plain background.
import { getJson } from './api.js';
import { library } from './vendor.js';

let settings;

function load() {
  settings ??= getJson('/api/app/settings');
  return Promise.all([library('leaflet-1.9.4', 'leaflet.css', 'leaflet.js', 'L'), settings]);
}

// points: [{ lat, lon, label, title }]; returns the number of markers placed.
export async function showStores(container, points, centre) {
  const [L, { tileUrl, tileAttribution }] = await load();
  container._map?.remove();
  const map = L.map(container, { zoomControl: true, attributionControl: true });
  container._map = map;
  map.setView(centre ? [centre.lat, centre.lon] : [31.8, 35], centre ? 12 : 7);
  if (tileUrl) L.tileLayer(tileUrl, { maxZoom: 18, attribution: tileAttribution }).addTo(map);
  const layer = L.featureGroup().addTo(map);
  for (const p of points) {
    L.circleMarker([p.lat, p.lon], { radius: 8, color: '#0b5cad', weight: 2, fillOpacity: 0.7 })
      .bindPopup(p.label).bindTooltip(p.title).addTo(layer);
  }
  if (centre) L.circleMarker([centre.lat, centre.lon], { radius: 5, color: '#a4262c', fillOpacity: 1 }).bindTooltip(centre.name).addTo(map);
  if (points.length) map.fitBounds(layer.getBounds().pad(0.2), { maxZoom: 14 });
  container.dataset.markers = String(points.length);
  return points.length;
}
