/**
 * "I need help now", beside the crisis lines on every screen of the space: the button opens a
 * dialog that shows the person's own message and who it goes to, sends it on one more tap (a
 * pocket press must not alarm anyone), and keeps 911, 988 and the SAMHSA line in view. The
 * outcome for each supporter is said in words, so "sent" means the provider took it.
 */
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SpaceStore } from './store.js';
import { chosen, helpOf, sentWords, tellAll, type Sent, type Supporter } from './supporters.js';
import type { Words } from './words.js';

/** What became of each message, as the space says it. */
export function Outcomes({ w, outcomes }: { w: Words; outcomes: readonly Outcome[] }) {
  return (
    <ul class="space-list">
      {outcomes.map(({ supporter, sent }) => (
        <li key={supporter.id}>{w.t(`space.ui.help.sent.${sent}`, { name: supporter.name })}</li>
      ))}
    </ul>
  );
}

export interface Outcome {
  supporter: Supporter;
  sent: Sent;
}

/** Sends the words to these supporters; marks those the server no longer knows. */
export function tell(
  store: SpaceStore,
  supporters: readonly Supporter[],
  words: string,
): Promise<Outcome[]> {
  return tellAll(supporters, words, (s) => store.put('supporters', { ...s, state: 'gone' }));
}

/** A comma list of names in the page's language ("Maria and Jo"). */
export function names(w: Words, list: readonly Supporter[]): string {
  return new Intl.ListFormat(w.locale, { type: 'conjunction' }).format(list.map((s) => s.name));
}

function HelpDialog({ w, store, button }: { w: Words; store: SpaceStore; button: HTMLElement }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [to, setTo] = useState<Supporter[]>([]);
  const [words, setWords] = useState('');
  const [outcomes, setOutcomes] = useState<Outcome[]>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const open = async () => {
      const [supporters, settings] = await Promise.all([store.all('supporters'), store.settings()]);
      setTo(chosen(supporters, 'onHelp'));
      setWords(sentWords(helpOf(settings, w).message));
      setOutcomes(undefined);
      dialog.current?.showModal();
    };
    const onClick = () => void open();
    button.addEventListener('click', onClick);
    return () => button.removeEventListener('click', onClick);
  }, [button, store, w]);
  const send = async () => {
    setBusy(true);
    setOutcomes(await tell(store, to, words));
    setBusy(false);
  };
  const lang = w.locale === 'es' ? 'es' : 'en';
  return (
    <dialog ref={dialog} class="space-help" aria-labelledby="space-help-title">
      <h2 id="space-help-title">{w.t('space.ui.help.button')}</h2>
      <p>
        <strong>{w.t('space.ui.help.danger')}</strong>
      </p>
      <p>
        <a class="button" href="tel:988">
          {w.t('space.ui.help.988')}
        </a>{' '}
        <a class="button" href="tel:+18006624357">
          {w.t('space.ui.help.samhsa')}
        </a>
      </p>
      {to.length === 0 || words === '' ? (
        <p>
          {w.t('space.ui.help.nobody')}{' '}
          <a href={`/${lang}/space/supporters`}>{w.t('space.ui.help.setUp')}</a>
        </p>
      ) : outcomes === undefined ? (
        <>
          <p>{w.t('space.ui.help.goesTo', { name: names(w, to) })}</p>
          <blockquote class="space-preview">{words}</blockquote>
          <button type="button" disabled={busy} onClick={() => void send()}>
            {w.t('space.ui.help.send')}
          </button>
        </>
      ) : null}
      <div role="status">{outcomes !== undefined && <Outcomes w={w} outcomes={outcomes} />}</div>
      <form method="dialog">
        <button type="submit">{w.t('space.ui.help.close')}</button>
      </form>
    </dialog>
  );
}

/** Puts the button in the page's crisis bar and its dialog at the start of the main content. */
export function mountHelp(w: Words, store: SpaceStore): void {
  const bar = document.querySelector('aside.crisis');
  const main = document.getElementById('main');
  if (bar === null || main === null) return;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'space-help-button';
  button.textContent = w.t('space.ui.help.button');
  bar.append(button);
  const holder = document.createElement('div');
  main.prepend(holder);
  render(<HelpDialog w={w} store={store} button={button} />, holder);
}
