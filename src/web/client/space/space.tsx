/**
 * The personal space's island: mounted into the server's shell (`#space-app`, whose
 * `data-screen` says which screen and `data-words` carries its words), it opens the space's
 * IndexedDB store and renders the screen. Loaded as its own chunk, only on the space's pages.
 */
import { render, type ComponentProps } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { PAGES_CACHE } from '../cache-names.js';
import { CheckInScreen } from './check-in.js';
import { DatesSection } from './dates.js';
import { DEFAULT_SETTINGS, dayOf } from './model.js';
import { mountHelp } from './help.js';
import { lazily } from './lazy.js';
import type { DataScreen } from './my-data.js';
import { openSpaceStore, type SpaceData, type SpaceStore } from './store.js';
import type { SupportersProps } from './supporters-screen.js';
import type { ToolsScreen } from './tools-screen.js';
import { WeekSection } from './week.js';
import { readWords, type Words } from './words.js';
import './space.css';

type Screen = 'today' | 'check-in' | 'tools' | 'supporters' | 'data';
const SCREENS: readonly Screen[] = ['today', 'check-in', 'tools', 'supporters', 'data'];

function Space({ w, store, screen }: { w: Words; store: SpaceStore; screen: Screen }) {
  const [data, setData] = useState<SpaceData>();
  const today = dayOf(new Date());
  const reload = useCallback(async () => setData(await store.everything()), [store]);
  useEffect(() => {
    void reload();
    // A device that syncs takes in what its others wrote, then shows it.
    void store.syncState().then(async (sync) => {
      if (sync === undefined || !navigator.onLine) return;
      const { syncNow } = await import('./sync.js');
      await syncNow(store, sync).then(reload, () => undefined);
    });
  }, [reload, store]);
  if (screen === 'data') return <LazyData w={w} store={store} />;
  if (data === undefined) return null;
  if (screen === 'tools')
    return <LazyTools w={w} store={store} worksheets={data.worksheets} reload={reload} />;
  if (screen === 'supporters')
    return (
      <LazySupporters
        w={w}
        store={store}
        supporters={data.supporters}
        settings={data.settings}
        reload={reload}
      />
    );
  if (screen === 'check-in')
    return (
      <CheckInScreen
        w={w}
        store={store}
        today={today}
        checkIns={data.checkIns}
        supporters={data.supporters}
        settings={data.settings}
        reload={reload}
      />
    );
  return (
    <>
      <DatesSection w={w} store={store} today={today} dates={data.dates} reload={reload} />
      <WeekSection
        w={w}
        store={store}
        today={today}
        attendance={data.attendance}
        settings={data.settings ?? DEFAULT_SETTINGS}
        reload={reload}
      />
    </>
  );
}

// The screens other than today's and the check-in are chunks of their own, and so is sync
// (loaded where a device syncs): the space's first load does not pay for them (decision 0134).
const LazySupporters = lazily<SupportersProps>(() =>
  import('./supporters-screen.js').then((m) => m.SupportersScreen),
);
const LazyTools = lazily<ComponentProps<typeof ToolsScreen>>(() =>
  import('./tools-screen.js').then((m) => m.ToolsScreen),
);
const LazyData = lazily<ComponentProps<typeof DataScreen>>(() =>
  import('./my-data.js').then((m) => m.DataScreen),
);

/** Renders the space into its shell; says so plainly where the browser keeps no data. */
export async function mountSpace(holder: HTMLElement): Promise<void> {
  const locale = document.documentElement.lang || 'en';
  const w = readWords(holder.dataset.words, locale);
  const screen = SCREENS.find((s) => s === holder.dataset.screen) ?? 'today';
  let store: SpaceStore;
  try {
    store = await openSpaceStore();
  } catch {
    holder.replaceChildren();
    const note = document.createElement('p');
    note.className = 'notice';
    note.textContent = w.t('space.ui.unavailable');
    holder.append(note);
    return;
  }
  holder.replaceChildren();
  render(<Space w={w} store={store} screen={screen} />, holder);
  mountHelp(w, store);
  void keepScreensOffline(holder.dataset.screens);
}

/** Keeps every screen of the space (in this page's language) for use without a connection. */
async function keepScreensOffline(paths: string | undefined): Promise<void> {
  if (paths === undefined || !('caches' in window)) return;
  try {
    const cache = await caches.open(PAGES_CACHE);
    const list = paths.split(' ').filter((p) => p.startsWith('/'));
    const missing = [];
    for (const path of list) if ((await cache.match(path)) === undefined) missing.push(path);
    await cache.addAll(missing);
  } catch {
    // Offline or storage refused: each screen is still kept once visited.
  }
}
