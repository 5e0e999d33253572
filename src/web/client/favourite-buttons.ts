/**
 * The star on every finder result and on a meeting page (each marked `data-slug`). Saving keeps
 * the meeting in localStorage and its page in the offline cache, so "my meetings" opens without
 * a connection; nothing is sent to the server.
 */
import {
  isSaved,
  readFavourites,
  removeFavourite,
  saveFavourite,
  type Favourite,
} from './favourites.js';
import { PAGES_CACHE } from './cache-names.js';
import { fill, type UiTemplate } from './ui-template.js';

/** Fired on window whenever this page changes the favourites. */
export const FAVOURITES_CHANGED = 'porchlight:favourites';

/** Adds a star to each `[data-slug]` element and keeps them in step with storage. */
export function setUpFavouriteButtons(ui: UiTemplate): void {
  const buttons = new Map<string, HTMLButtonElement[]>();
  for (const holder of document.querySelectorAll<HTMLElement>('[data-slug]')) {
    const record = recordOf(holder);
    const button = ui.clone<HTMLButtonElement>('fav');
    if (record === undefined || button === undefined) continue;
    button.setAttribute('aria-label', fill(button.dataset.label ?? '', { name: record.name }));
    button.addEventListener('click', () => toggle(ui, holder, button, record));
    holder.append(button);
    buttons.set(record.slug, [...(buttons.get(record.slug) ?? []), button]);
  }
  const sync = () => {
    for (const [slug, list] of buttons)
      for (const button of list) show(button, isSaved(localStorage, slug));
  };
  sync();
  window.addEventListener(FAVOURITES_CHANGED, sync);
  // Another tab saved or removed one.
  window.addEventListener('storage', sync);
}

function toggle(
  ui: UiTemplate,
  holder: HTMLElement,
  button: HTMLButtonElement,
  record: Omit<Favourite, 'savedAt'>,
): void {
  const saving = button.getAttribute('aria-pressed') !== 'true';
  const kept = saving
    ? saveFavourite(localStorage, { ...record, savedAt: Date.now() })
    : removeFavourite(localStorage, record.slug);
  if (!kept) {
    const refused = ui.clone('fav-refused');
    if (refused !== undefined) holder.append(refused);
    return;
  }
  void keepPageOffline(record.href, saving);
  window.dispatchEvent(new Event(FAVOURITES_CHANGED));
}

function show(button: HTMLButtonElement, saved: boolean): void {
  button.setAttribute('aria-pressed', String(saved));
  const star = button.firstElementChild;
  if (star !== null) star.textContent = saved ? '★' : '☆';
}

/** The favourite a holder describes: its name, its page and the line shown under the name. */
function recordOf(holder: HTMLElement): Omit<Favourite, 'savedAt'> | undefined {
  const slug = holder.dataset.slug;
  if (slug === undefined || slug === '') return undefined;
  const anchor = holder.querySelector<HTMLAnchorElement>('a[href*="/meetings/"]');
  const href = anchor?.getAttribute('href') ?? location.pathname;
  const name = holder.dataset.name ?? anchor?.textContent?.trim() ?? slug;
  // The meeting page gives its schedule in words; a result's "Today at 7 PM" would go stale.
  const summary = holder.dataset.summary ?? '';
  return { slug, name, href: href.split(/[?#]/, 1)[0] ?? href, summary };
}

/** Puts a saved meeting's page in the offline cache (or takes a removed one out). */
async function keepPageOffline(href: string, keep: boolean): Promise<void> {
  if (!('caches' in window)) return;
  try {
    const cache = await caches.open(PAGES_CACHE);
    if (keep) await cache.add(href);
    else await cache.delete(href);
  } catch {
    // Offline or storage refused: the page is still saved, only not readable offline yet.
  }
}

/** The saved meetings (for the list). */
export function currentFavourites(): Favourite[] {
  return readFavourites(localStorage);
}
