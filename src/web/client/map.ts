/**
 * The map view, a chunk of its own: Leaflet, its style sheet and the tiles load only when a
 * person opens the map. Rooms are drawn as vector circles (no marker images to fetch).
 */
import { circleMarker, latLngBounds, map as leafletMap, tileLayer } from 'leaflet';
import 'leaflet/dist/leaflet.css';
import './map.css';
import type { MapPoint } from './map-button.js';

export interface MapOptions {
  tiles: string;
  attribution: string;
}

/** Draws the rooms of the page's results on a map in `panel`. */
export function showMap(panel: HTMLElement, points: MapPoint[], options: MapOptions): void {
  const view = leafletMap(panel, { scrollWheelZoom: false });
  // Leaflet's attribution prefix links to its own site; the tile credit is what is owed.
  view.attributionControl.setPrefix(false);
  tileLayer(options.tiles, { attribution: escapeHtml(options.attribution), maxZoom: 18 }).addTo(
    view,
  );
  for (const point of points) {
    const link = document.createElement('a');
    link.href = point.href;
    link.textContent = point.name;
    circleMarker([point.lat, point.lng], { radius: 8, weight: 2 }).bindPopup(link).addTo(view);
  }
  const bounds = latLngBounds(points.map((p) => [p.lat, p.lng] as [number, number]));
  view.fitBounds(bounds.pad(0.15), { maxZoom: 14 });
}

/** Leaflet sets attributions as HTML; the operator's text is shown as text. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
