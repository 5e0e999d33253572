/**
 * Supporters (decision 0114): invite a sponsor, a buddy or a peer coach with a link the person
 * hands over themselves; see who answered and how they are reached; choose who is told on "I
 * need help now" and after a hard check-in; write the words they receive, with a preview of the
 * whole message; and set the line a check-in must cross. A chunk of its own.
 */
import { useEffect, useState } from 'preact/hooks';
import { NumberField, TextField } from './fields.js';
import type { Settings } from './model.js';
import type { SpaceStore } from './store.js';
import {
  askInvitation,
  forget,
  helpOf,
  inviteLink,
  refreshed,
  sentWords,
  type Supporter,
} from './supporters.js';
import type { Words } from './words.js';

export interface SupportersProps {
  w: Words;
  store: SpaceStore;
  supporters: Supporter[];
  settings: Settings;
  reload: () => Promise<void>;
}

type Note = { key: string; name?: string } | undefined;

export function SupportersScreen({ w, store, supporters, settings, reload }: SupportersProps) {
  const [note, setNote] = useState<Note>();
  // Whether each supporter answered: asked of the server once per visit.
  useEffect(() => {
    void (async () => {
      let changed = false;
      for (const s of await store.all('supporters')) {
        const now = await refreshed(s);
        if (JSON.stringify(now) === JSON.stringify(s)) continue;
        await store.put('supporters', now);
        changed = true;
      }
      if (changed) await reload();
    })();
  }, [store, reload]);
  const change = async (s: Supporter, choice: Partial<Pick<Supporter, 'onHelp' | 'onCheckIn'>>) => {
    await store.put('supporters', { ...s, ...choice, updatedAt: new Date().toISOString() });
    await reload();
  };
  const remove = async (s: Supporter) => {
    try {
      await forget(s);
    } catch {
      setNote({ key: 'space.ui.supporters.removeFailed', name: s.name });
      return;
    }
    await store.remove('supporters', s.id);
    setNote({ key: 'space.ui.supporters.removed', name: s.name });
    await reload();
  };
  const sorted = [...supporters].sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
  return (
    <>
      <p>{w.t('space.ui.supporters.intro')}</p>
      <section aria-labelledby="space-supporters">
        <h2 id="space-supporters">{w.t('space.ui.supporters.heading')}</h2>
        {sorted.length === 0 && <p class="muted">{w.t('space.ui.supporters.none')}</p>}
        <ul class="space-list">
          {sorted.map((s) => (
            <SupporterCard
              key={s.id}
              w={w}
              s={s}
              onChoose={(choice) => void change(s, choice)}
              onRemove={() => void remove(s)}
            />
          ))}
        </ul>
        <p role="status">{note !== undefined && w.t(note.key, { name: note.name ?? '' })}</p>
      </section>
      <InviteForm w={w} store={store} reload={reload} />
      <MessagesForm w={w} store={store} settings={settings} reload={reload} />
    </>
  );
}

function SupporterCard({
  w,
  s,
  onChoose,
  onRemove,
}: {
  w: Words;
  s: Supporter;
  onChoose: (choice: Partial<Pick<Supporter, 'onHelp' | 'onCheckIn'>>) => void;
  onRemove: () => void;
}) {
  const heading = `supporter-${s.id}`;
  const state =
    s.state === 'active'
      ? w.t('space.ui.supporters.state.active', {
          channel: w.t(`space.ui.supporters.channel.${s.channel ?? 'email'}`),
        })
      : w.t(`space.ui.supporters.state.${s.state}`, { date: w.day(s.expiresAt.slice(0, 10)) });
  return (
    <li class="space-card" aria-labelledby={heading} data-supporter={s.state}>
      <h3 id={heading}>{s.name}</h3>
      <p>{state}</p>
      {s.invite !== undefined && (s.state === 'invited' || s.state === 'confirming') && (
        <InviteLink w={w} s={s} invite={s.invite} />
      )}
      {s.state !== 'gone' && (
        <fieldset>
          <legend>{w.t('space.ui.supporters.tell', { name: s.name })}</legend>
          {(['onHelp', 'onCheckIn'] as const).map((when) => (
            <label key={when}>
              <input
                type="checkbox"
                checked={s[when]}
                onChange={(event) => onChoose({ [when]: event.currentTarget.checked })}
              />{' '}
              {w.t(`space.ui.supporters.${when}`)}
            </label>
          ))}
        </fieldset>
      )}
      <p>
        <button
          type="button"
          aria-label={w.t('space.ui.supporters.remove', { name: s.name })}
          onClick={onRemove}
        >
          {w.t('space.ui.supporters.removeButton')}
        </button>
      </p>
    </li>
  );
}

/** The invitation's link, to copy or to share from the person's own phone. */
function InviteLink({ w, s, invite }: { w: Words; s: Supporter; invite: string }) {
  const [copied, setCopied] = useState(false);
  const link = inviteLink(location.origin, w.locale, invite);
  const field = `invite-${s.id}`;
  return (
    <>
      <div class="field">
        <label for={field}>{w.t('space.ui.supporters.link', { name: s.name })}</label>
        <input
          id={field}
          readOnly
          value={link}
          aria-describedby={`${field}-hint`}
          onFocus={(event) => event.currentTarget.select()}
        />
        <span id={`${field}-hint`} class="muted">
          {w.t('space.ui.supporters.linkHint')}
        </span>
      </div>
      <p>
        {'share' in navigator && (
          <>
            <button
              type="button"
              onClick={() =>
                void navigator
                  .share({ text: w.t('space.ui.supporters.shareText'), url: link })
                  .catch(() => undefined)
              }
            >
              {w.t('space.ui.supporters.share')}
            </button>{' '}
          </>
        )}
        <button
          type="button"
          onClick={() =>
            void navigator.clipboard.writeText(link).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {w.t('space.ui.supporters.copy')}
        </button>
        <span role="status">{copied && ` ${w.t('space.ui.supporters.copied')}`}</span>
      </p>
    </>
  );
}

function InviteForm({ w, store, reload }: Pick<SupportersProps, 'w' | 'store' | 'reload'>) {
  const [name, setName] = useState('');
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    const label = name.trim().slice(0, 60);
    if (label === '') return;
    setBusy(true);
    try {
      await store.put('supporters', await askInvitation(label, new Date()));
      setName('');
      setFailed(false);
      await reload();
    } catch {
      setFailed(true);
    }
    setBusy(false);
  };
  return (
    <section aria-labelledby="space-invite">
      <h2 id="space-invite">{w.t('space.ui.supporters.inviteHeading')}</h2>
      <p>{w.t('space.ui.supporters.inviteIntro')}</p>
      <form class="space-form" onSubmit={(event) => void submit(event)}>
        <TextField
          id="supporter-name"
          label={w.t('space.ui.supporters.name')}
          hint={w.t('space.ui.supporters.nameHint')}
          maxLength={60}
          autoComplete="off"
          value={name}
          onValue={setName}
        />
        <button type="submit" disabled={busy}>
          {w.t('space.ui.supporters.invite')}
        </button>
      </form>
      <p role="status">{failed && w.t('space.ui.supporters.inviteFailed')}</p>
    </section>
  );
}

/** The person's two messages, each with the whole message a supporter receives, and the line. */
function MessagesForm({
  w,
  store,
  settings,
  reload,
}: Pick<SupportersProps, 'w' | 'store' | 'settings' | 'reload'>) {
  const [help, setHelp] = useState(() => helpOf(settings, w));
  const [saved, setSaved] = useState(false);
  const set = (part: Partial<typeof help>) => {
    setSaved(false);
    setHelp((now) => ({ ...now, ...part }));
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    await store.saveSettings({ ...settings, help });
    setSaved(true);
    await reload();
  };
  return (
    <section aria-labelledby="space-messages">
      <h2 id="space-messages">{w.t('space.ui.supporters.messagesHeading')}</h2>
      <p>{w.t('space.ui.supporters.messagesIntro')}</p>
      <form class="space-form" onSubmit={(event) => void submit(event)}>
        <Message
          w={w}
          id="help-message"
          label={w.t('space.ui.supporters.helpMessage')}
          value={help.message}
          onValue={(message) => set({ message })}
        />
        <Message
          w={w}
          id="check-message"
          label={w.t('space.ui.supporters.checkInMessage')}
          value={help.checkInMessage}
          onValue={(checkInMessage) => set({ checkInMessage })}
        />
        <fieldset>
          <legend>{w.t('space.ui.supporters.line')}</legend>
          <NumberField
            id="line-craving"
            label={w.t('space.ui.supporters.lineCraving')}
            min={1}
            max={10}
            value={help.craving}
            onValue={(craving) => set({ craving })}
          />
          <div class="field">
            <label for="line-mood">{w.t('space.ui.supporters.lineMood')}</label>
            <select
              id="line-mood"
              value={String(help.mood)}
              onChange={(event) => set({ mood: Number(event.currentTarget.value) })}
            >
              <option value="0">{w.t('space.ui.supporters.lineMoodOff')}</option>
              {[1, 2, 3].map((mood) => (
                <option key={mood} value={String(mood)}>
                  {w.t(`space.ui.check.mood.${mood}`)}
                </option>
              ))}
            </select>
          </div>
        </fieldset>
        <button type="submit">{w.t('space.ui.supporters.save')}</button>
        <p role="status">{saved && w.t('space.ui.saved')}</p>
      </form>
    </section>
  );
}

function Message({
  w,
  id,
  label,
  value,
  onValue,
}: {
  w: Words;
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
}) {
  const words = sentWords(value);
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <textarea
        id={id}
        rows={2}
        maxLength={300}
        required
        aria-describedby={`${id}-hint`}
        value={value}
        onInput={(event) => onValue(event.currentTarget.value)}
      />
      <span id={`${id}-hint`} class="muted">
        {w.t('space.ui.supporters.messageHint')}
      </span>
      <p class="muted">{w.t('space.ui.supporters.preview')}</p>
      <blockquote class="space-preview" data-preview={id}>
        {words === '' ? '…' : words}
        {'\n\n'}
        {w.t('space.ui.supporters.footer')}
      </blockquote>
    </div>
  );
}
