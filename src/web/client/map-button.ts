/**
 * "Show map": offered only when the operator configured a tile URL and the results carry room
 * coordinates (`data-lat`/`data-lng`, never on approximate places). Leaflet, its style sheet and
 * every tile load only after a person asks for the map.
 */
import type { UiTemplate } from './ui-template.js';

/** One room on the map: where it is and the result it came from. */
export interface MapPoint {
  slug: string;
  name: string;
  href: string;
  lat: number;
  lng: number;
}

/** The mappable results of the page. */
export function mapPoints(doc: Document = document): MapPoint[] {
  const points: MapPoint[] = [];
  for (const el of doc.querySelectorAll<HTMLElement>('[data-slug][data-lat][data-lng]')) {
    const lat = Number(el.dataset.lat);
    const lng = Number(el.dataset.lng);
    const anchor = el.querySelector<HTMLAnchorElement>('a[href*="/meetings/"]');
    if (!Number.isFinite(lat) || !Number.isFinite(lng) || anchor === null) continue;
    points.push({
      slug: el.dataset.slug ?? '',
      name: anchor.textContent?.trim() ?? '',
      href: anchor.getAttribute('href') ?? '',
      lat,
      lng,
    });
  }
  return points;
}

/** Places the button before the results list; the map opens below it. */
export function setUpMapButton(ui: UiTemplate): void {
  const tiles = ui.tiles;
  const points = mapPoints();
  const first = document.querySelector('[data-slug][data-lat]');
  const list = first?.closest('ol, ul') ?? first;
  const button = ui.clone<HTMLButtonElement>('map');
  if (tiles === undefined || points.length === 0 || list == null || button === undefined) return;
  const panel = document.createElement('div');
  panel.id = 'map';
  panel.className = 'map';
  panel.hidden = true;
  panel.setAttribute('role', 'region');
  panel.setAttribute('aria-label', button.dataset.label ?? '');
  button.setAttribute('aria-controls', panel.id);
  let opened: Promise<void> | undefined;
  button.addEventListener('click', () => {
    const open = panel.hidden;
    panel.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    button.textContent = (open ? button.dataset.hide : button.dataset.show) ?? '';
    if (open)
      opened ??= import('./map.js').then(({ showMap }) =>
        showMap(panel, points, { tiles, attribution: ui.attribution }),
      );
  });
  list.before(button, panel);
}
