/**
 * "Reminders in your calendar", under My meetings: a feed of the saved meetings for the
 * phone's or computer's own calendar, each with a reminder the chosen time before. The list on
 * the server follows the saved meetings whenever this screen opens online.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Favourite } from '../favourites.js';
import {
  LEADS,
  feedLinks,
  readCalendar,
  saveCalendar,
  startCalendar,
  stopCalendar,
  updateCalendar,
} from './calendar.js';
import type { Words } from './words.js';

export function Reminders({ w, favourites }: { w: Words; favourites: Favourite[] }) {
  const [state, setState] = useState(() => readCalendar(localStorage));
  const [lead, setLead] = useState<number>(30);
  const [failed, setFailed] = useState(false);
  const slugs = favourites.map((f) => f.slug);
  const key = slugs.join(' ');
  useEffect(() => {
    if (state === undefined || !navigator.onLine || state.meetings.join(' ') === key) return;
    const meetings = key === '' ? [] : key.split(' ');
    void updateCalendar(state, meetings, w.locale).then((ok) => {
      if (!ok) return;
      const next = { ...state, meetings };
      saveCalendar(localStorage, next);
      setState(next);
    });
  }, [state, key, w.locale]);
  const act = async (action: () => Promise<void>) => {
    try {
      await action();
      setFailed(false);
    } catch {
      setFailed(true);
    }
  };
  const start = () =>
    act(async () => {
      const next = await startCalendar(slugs, lead, w.locale);
      saveCalendar(localStorage, next);
      setState(next);
    });
  const stop = (current: NonNullable<typeof state>) =>
    act(async () => {
      await stopCalendar(current);
      saveCalendar(localStorage, undefined);
      setState(undefined);
    });
  const links = state === undefined ? undefined : feedLinks(location.origin, state.secret);
  return (
    <section aria-labelledby="space-remind">
      <h2 id="space-remind">{w.t('space.ui.my.remindHeading')}</h2>
      <p>{w.t('space.ui.my.remindIntro')}</p>
      {state === undefined || links === undefined ? (
        <form
          class="space-form"
          onSubmit={(event) => {
            event.preventDefault();
            void start();
          }}
        >
          <div class="field">
            <label for="remind-lead">{w.t('space.ui.my.remindLead')}</label>
            <select
              id="remind-lead"
              value={String(lead)}
              onChange={(event) => setLead(Number(event.currentTarget.value))}
            >
              {LEADS.map((n) => (
                <option key={n} value={String(n)}>
                  {w.t(`space.ui.my.lead.${n}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">{w.t('space.ui.my.remindStart')}</button>
        </form>
      ) : (
        <>
          <div class="field">
            <label for="remind-link">{w.t('space.ui.my.remindLink')}</label>
            <input
              id="remind-link"
              readOnly
              value={links.https}
              onFocus={(event) => event.currentTarget.select()}
            />
          </div>
          <p>
            <a class="button" href={links.webcal}>
              {w.t('space.ui.my.remindSubscribe')}
            </a>{' '}
            <button type="button" onClick={() => void stop(state)}>
              {w.t('space.ui.my.remindStop')}
            </button>
          </p>
        </>
      )}
      <p role="status">{failed && w.t('space.ui.my.remindFailed')}</p>
    </section>
  );
}
