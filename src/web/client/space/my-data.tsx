/**
 * "Your data": everything the space keeps as one JSON file made in the browser, and deleting
 * everything (the database and the saved meetings) in one step.
 */
import { useEffect, useState } from 'preact/hooks';
import { readFavourites } from '../favourites.js';
import { readCalendar, stopCalendar } from './calendar.js';
import type { SpaceStore } from './store.js';
import { SyncSection } from './sync-section.js';
import { deleteRemote } from './sync.js';
import type { Words } from './words.js';

/** The export's format name and version, so a later import knows what it reads. */
export const EXPORT_FORMAT = 'porchlight-space';
export const EXPORT_VERSION = 1;

export function DataScreen({ w, store }: { w: Words; store: SpaceStore }) {
  const [counts, setCounts] = useState<{ dates: number; meetings: number; checkIns: number }>();
  const [confirmed, setConfirmed] = useState(false);
  const [deleted, setDeleted] = useState(false);
  const [failed, setFailed] = useState(false);
  const [synced, setSynced] = useState(0);
  useEffect(() => {
    void store.everything().then((data) =>
      setCounts({
        dates: data.dates.length,
        meetings: data.attendance.length,
        checkIns: data.checkIns.length,
      }),
    );
  }, [store, synced]);
  const download = async () => {
    const data = await store.everything();
    const document_ = {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      exportedAt: new Date().toISOString(),
      ...data,
      // Who they are and what the person chose; not the secrets that reach them, which a file
      // left on a shared computer would hand to anyone.
      supporters: data.supporters.map(({ token: _token, invite: _invite, ...kept }) => kept),
      savedMeetings: readFavourites(localStorage),
    };
    const blob = new Blob([JSON.stringify(document_, null, 2)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = `porchlight-space-${document_.exportedAt.slice(0, 10)}.json`;
    anchor.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  const deleteAll = async (event: Event) => {
    event.preventDefault();
    if (!confirmed) return;
    // The server's copy first: if it cannot be deleted now, nothing is, and the person is told.
    const sync = await store.syncState();
    if (sync !== undefined) {
      try {
        await deleteRemote(sync.keys);
      } catch {
        setFailed(true);
        return;
      }
    }
    const calendar = readCalendar(localStorage);
    if (calendar !== undefined) {
      try {
        await stopCalendar(calendar);
      } catch {
        setFailed(true);
        return;
      }
    }
    await store.deleteEverything();
    setDeleted(true);
  };
  if (deleted)
    return (
      <p class="notice" role="status">
        {w.t('space.ui.data.deleted')}
      </p>
    );
  return (
    <>
      {counts !== undefined && <p>{w.t('space.ui.data.counts', counts)}</p>}
      <section aria-labelledby="space-export">
        <h2 id="space-export">{w.t('space.ui.data.exportHeading')}</h2>
        <p class="muted">{w.t('space.ui.data.exportHint')}</p>
        <button type="button" onClick={() => void download()}>
          {w.t('space.ui.data.export')}
        </button>
      </section>
      <SyncSection w={w} store={store} onSynced={() => setSynced((n) => n + 1)} />
      <section aria-labelledby="space-delete">
        <h2 id="space-delete">{w.t('space.ui.data.deleteHeading')}</h2>
        <p>{w.t('space.ui.data.deleteHint')}</p>
        <form class="space-form" onSubmit={(event) => void deleteAll(event)}>
          <label>
            <input
              type="checkbox"
              required
              checked={confirmed}
              onChange={(event) => setConfirmed(event.currentTarget.checked)}
            />{' '}
            {w.t('space.ui.data.deleteConfirm')}
          </label>
          <button type="submit" class="danger">
            {w.t('space.ui.data.delete')}
          </button>
        </form>
        {failed && (
          <p class="notice" role="status">
            {w.t('space.ui.sync.failed')}
          </p>
        )}
      </section>
    </>
  );
}
