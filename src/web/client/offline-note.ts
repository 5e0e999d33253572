/**
 * "Offline — updated at ...": shown when the browser is offline, or when the service worker
 * answered with a page it kept (it marks those with `data-offline-copy` on `<html>`).
 */
import { fill, type UiTemplate } from './ui-template.js';

/** Shows the note at the top of the main content while offline, and hides it when back. */
export function setUpOfflineNote(ui: UiTemplate): void {
  const main = document.getElementById('main');
  const note = ui.clone('offline');
  if (main === null || note === undefined) return;
  note.textContent = fill(note.textContent ?? '', { time: formatTime(ui.renderedAt) });
  const update = () => {
    const offline = !navigator.onLine || document.documentElement.hasAttribute('data-offline-copy');
    if (offline && !note.isConnected) main.prepend(note);
    if (!offline && note.isConnected) note.remove();
  };
  update();
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
}

/** The render time in the reader's language and own clock; the raw text if it is not a date. */
export function formatTime(iso: string, locale = document.documentElement.lang || 'en'): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}
