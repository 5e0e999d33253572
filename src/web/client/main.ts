/**
 * The islands' entry, loaded as a deferred module on every page. Each island enhances what the
 * server already rendered and is skipped where its anchor is missing; with script off or
 * without a build the pages work as plain HTML.
 */
import {
  FAVOURITES_CHANGED,
  currentFavourites,
  setUpFavouriteButtons,
} from './favourite-buttons.js';
import { setUpLocationButton } from './location-button.js';
import { setUpMapButton } from './map-button.js';
import { setUpOfflineNote } from './offline-note.js';
import { setUpSearchForm } from './search-form.js';
import { readUiTemplate, type UiTemplate } from './ui-template.js';

function start(ui: UiTemplate): void {
  setUpOfflineNote(ui);
  setUpSearchForm();
  setUpLocationButton(ui);
  setUpFavouriteButtons(ui);
  setUpMyMeetings(ui);
  setUpMapButton(ui);
  setUpSpace();
  setUpWentButton();
  registerServiceWorker();
}

/**
 * "My meetings" above the finder's results (or where a page asks for them, as the offline page
 * does); its island loads once there is something to list.
 */
function setUpMyMeetings(ui: UiTemplate): void {
  const form =
    document.querySelector('form input[name="near"]')?.closest('form') ??
    document.querySelector('[data-my-meetings]');
  if (form == null) return;
  let mounted = false;
  const mount = () => {
    if (mounted || currentFavourites().length === 0) return;
    const section = ui.clone('my');
    if (section === undefined) return;
    mounted = true;
    form.after(section);
    void import('./my-meetings.js').then(({ mountMyMeetings }) => mountMyMeetings(section));
  };
  mount();
  window.addEventListener(FAVOURITES_CHANGED, mount);
  window.addEventListener('storage', mount);
}

/** The personal space's island, a chunk of its own loaded only on the space's pages. */
function setUpSpace(): void {
  const holder = document.getElementById('space-app');
  if (holder === null) return;
  void import('./space/space.js').then(({ mountSpace }) => mountSpace(holder));
}

/** "I went today" on a meeting page; the space's store loads when it is pressed. */
function setUpWentButton(): void {
  const holder = document.querySelector<HTMLElement>('[data-went]');
  const button = holder?.querySelector('button');
  if (holder == null || button == null) return;
  holder.hidden = false;
  button.addEventListener('click', () => {
    void import('./space/went.js')
      .then(({ markWent }) => markWent(holder.dataset.went ?? '', holder.dataset.name ?? ''))
      .then((kept) => {
        const done = holder.querySelector<HTMLElement>('[role="status"]');
        if (kept && done !== null) done.hidden = false;
        button.disabled = kept;
      });
  });
}

function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  // After the page has loaded: installing must never compete with the first results.
  const register = () => {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}

const ui = readUiTemplate();
if (ui !== undefined) start(ui);
