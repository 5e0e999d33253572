/**
 * "Use your space on another device": turn on sync (a new 12-word phrase, shown once, with what
 * losing it means), join with the phrase of another device, sync now, or stop on this device.
 */
import { useEffect, useState } from 'preact/hooks';
import type { SpaceStore, SyncState } from './store.js';
import { leave, syncNow } from './sync.js';
import type { Words } from './words.js';

type Status = 'idle' | 'busy' | 'done' | 'failed' | 'bad-phrase';

export function SyncSection({
  w,
  store,
  onSynced,
}: {
  w: Words;
  store: SpaceStore;
  onSynced: () => void;
}) {
  const [state, setState] = useState<SyncState | undefined>();
  const [phrase, setPhrase] = useState<string>();
  const [wrote, setWrote] = useState(false);
  const [typed, setTyped] = useState('');
  const [status, setStatus] = useState<Status>('idle');
  useEffect(() => {
    void store.syncState().then(setState);
  }, [store]);
  const start = async (words: string) => {
    setStatus('busy');
    try {
      const { keysFromPhrase } = await import('./phrase.js');
      const next = await syncNow(store, { keys: await keysFromPhrase(words) });
      setState(next);
      setPhrase(undefined);
      setTyped('');
      setStatus('done');
      onSynced();
    } catch {
      setStatus('failed');
    }
  };
  const feedback = (
    <p role="status">
      {status === 'done' && w.t('space.ui.sync.done')}
      {status === 'failed' && w.t('space.ui.sync.failed')}
      {status === 'bad-phrase' && w.t('space.ui.sync.badPhrase')}
    </p>
  );
  if (state !== undefined)
    return (
      <section aria-labelledby="space-sync">
        <h2 id="space-sync">{w.t('space.ui.sync.heading')}</h2>
        <p>
          {w.t('space.ui.sync.on')}{' '}
          {state.syncedAt !== undefined &&
            w.t('space.ui.sync.at', { date: w.instant(state.syncedAt) })}
        </p>
        <p class="muted">{w.t('space.ui.sync.deletes')}</p>
        <button
          type="button"
          disabled={status === 'busy'}
          onClick={() => {
            setStatus('busy');
            syncNow(store, state).then(
              (next) => {
                setState(next);
                setStatus('done');
                onSynced();
              },
              () => setStatus('failed'),
            );
          }}
        >
          {w.t('space.ui.sync.now')}
        </button>{' '}
        <button
          type="button"
          onClick={() => void leave(store, state).then(() => setState(undefined))}
        >
          {w.t('space.ui.sync.stop')}
        </button>
        {feedback}
      </section>
    );
  return (
    <section aria-labelledby="space-sync">
      <h2 id="space-sync">{w.t('space.ui.sync.heading')}</h2>
      <p>{w.t('space.ui.sync.intro')}</p>
      <p>
        <strong>{w.t('space.ui.sync.warning')}</strong>
      </p>
      {phrase === undefined ? (
        <button
          type="button"
          onClick={() => void import('./phrase.js').then(({ newPhrase }) => setPhrase(newPhrase()))}
        >
          {w.t('space.ui.sync.start')}
        </button>
      ) : (
        <form
          class="space-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (wrote) void start(phrase);
          }}
        >
          <h3>{w.t('space.ui.sync.phraseHeading')}</h3>
          <p class="space-phrase" data-phrase="">
            {phrase}
          </p>
          <label>
            <input
              type="checkbox"
              required
              checked={wrote}
              onChange={(event) => setWrote(event.currentTarget.checked)}
            />{' '}
            {w.t('space.ui.sync.wroteIt')}
          </label>
          <button type="submit" disabled={status === 'busy'}>
            {w.t('space.ui.sync.confirm')}
          </button>
        </form>
      )}
      <form
        class="space-form"
        onSubmit={(event) => {
          event.preventDefault();
          void import('./phrase.js').then(({ isPhrase, normalisePhrase }) => {
            if (!isPhrase(typed)) setStatus('bad-phrase');
            else void start(normalisePhrase(typed));
          });
        }}
      >
        <h3>{w.t('space.ui.sync.join')}</h3>
        <div class="field">
          <label for="sync-phrase">{w.t('space.ui.sync.phrase')}</label>
          <textarea
            id="sync-phrase"
            rows={3}
            autocomplete="off"
            autocapitalize="none"
            spellcheck={false}
            value={typed}
            onInput={(event) => setTyped(event.currentTarget.value)}
          />
        </div>
        <button type="submit" disabled={status === 'busy'}>
          {w.t('space.ui.sync.joinButton')}
        </button>
      </form>
      {feedback}
    </section>
  );
}
