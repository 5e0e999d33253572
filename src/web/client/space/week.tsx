/**
 * "I went": the week's meetings against the person's own weekly goal, and "My meetings" (the
 * meetings saved with the star, from localStorage) each with a one-tap "I went today".
 */
import { useEffect, useState } from 'preact/hooks';
import { readFavourites, type Favourite } from '../favourites.js';
import { clampGoal, isDay, thisWeek, type Attendance, type Day, type Settings } from './model.js';
import { DayField, NumberField, TextField } from './fields.js';
import { nextStart, type ScheduleRow } from './next-start.js';
import { lazily } from './lazy.js';
import type { SpaceStore } from './store.js';
import type { Words } from './words.js';

interface Props {
  w: Words;
  store: SpaceStore;
  today: Day;
  attendance: Attendance[];
  settings: Settings;
  reload: () => Promise<void>;
}

export function WeekSection({ w, store, today, attendance, settings, reload }: Props) {
  const [name, setName] = useState('');
  const [day, setDay] = useState(today);
  const favourites = readFavourites(localStorage);
  const week = thisWeek(attendance, today);
  const went = async (record: Omit<Attendance, 'id'>) => {
    await store.put('attendance', { id: crypto.randomUUID(), ...record });
    await reload();
  };
  const mark = async (event: Event) => {
    event.preventDefault();
    const text = name.trim();
    if (text === '' || !isDay(day) || day > today) return;
    const saved = favourites.find((f) => f.name === text);
    await went({ day, name: text.slice(0, 120), ...(saved ? { slug: saved.slug } : {}) });
    setName('');
  };
  const setGoal = async (value: number) => {
    await store.saveSettings({ ...settings, weeklyGoal: clampGoal(value) });
    await reload();
  };
  return (
    <>
      <section aria-labelledby="space-week">
        <h2 id="space-week">{w.t('space.ui.week.heading')}</h2>
        <p class="space-count">
          <strong>
            {w.t('space.ui.week.count', { n: week.length, goal: settings.weeklyGoal })}
          </strong>
        </p>
        <p>
          <progress max={settings.weeklyGoal} value={Math.min(week.length, settings.weeklyGoal)}>
            {week.length}/{settings.weeklyGoal}
          </progress>
        </p>
        {week.length >= settings.weeklyGoal && <p>{w.t('space.ui.week.reached')}</p>}
        <h3>{w.t('space.ui.week.list')}</h3>
        {week.length === 0 ? (
          <p class="muted">{w.t('space.ui.week.none')}</p>
        ) : (
          <ul class="space-list">
            {week.map((record) => (
              <li key={record.id}>
                {w.day(record.day)} · {record.name}{' '}
                <button
                  type="button"
                  aria-label={w.t('space.ui.week.remove', {
                    name: record.name,
                    date: w.day(record.day),
                  })}
                  onClick={() => void store.remove('attendance', record.id).then(reload)}
                >
                  <span aria-hidden="true">×</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <form class="space-form" onSubmit={(event) => void mark(event)}>
          <TextField
            id="went-name"
            label={w.t('space.ui.week.meeting')}
            maxLength={120}
            list="went-saved"
            value={name}
            onValue={setName}
          />
          <datalist id="went-saved">
            {favourites.map((f) => (
              <option key={f.slug} value={f.name} />
            ))}
          </datalist>
          <DayField
            id="went-day"
            label={w.t('space.ui.week.day')}
            max={today}
            value={day}
            onValue={setDay}
          />
          <button type="submit">{w.t('space.ui.week.went')}</button>
        </form>
        <NumberField
          id="week-goal"
          label={w.t('space.ui.week.goal')}
          min={1}
          max={14}
          value={settings.weeklyGoal}
          onValue={(goal) => void setGoal(goal)}
        />
      </section>
      <MyMeetings w={w} favourites={favourites} today={today} went={went} />
      {favourites.length > 0 && <Reminders w={w} favourites={favourites} />}
    </>
  );
}

/** Calendar reminders, drawn only once something is saved: a chunk of their own. */
const Reminders = lazily<{ w: Words; favourites: Favourite[] }>(() =>
  import('./reminders.js').then((m) => m.Reminders),
);

function MyMeetings({
  w,
  favourites,
  today,
  went,
}: {
  w: Words;
  favourites: Favourite[];
  today: Day;
  went: (record: Omit<Attendance, 'id'>) => Promise<void>;
}) {
  const next = useNextStarts(favourites);
  return (
    <section aria-labelledby="space-my">
      <h2 id="space-my">{w.t('space.ui.my.heading')}</h2>
      {favourites.length === 0 ? (
        <p class="muted">{w.t('space.ui.my.empty')}</p>
      ) : (
        <ul class="space-list">
          {favourites.map((f) => (
            <li key={f.slug} data-favourite={f.slug}>
              <a href={f.href}>{f.name}</a>
              {f.summary !== '' && <span class="muted"> · {f.summary}</span>}
              {next.has(f.slug) && (
                <>
                  <br />
                  {w.t('space.ui.my.next', {
                    date: w.instant(new Date(next.get(f.slug)!).toISOString()),
                  })}
                </>
              )}{' '}
              <button
                type="button"
                aria-label={w.t('space.ui.my.wentLabel', { name: f.name })}
                onClick={() => void went({ day: today, name: f.name, slug: f.slug })}
              >
                {w.t('space.ui.week.went')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * The next start of each saved meeting, from its schedule in the public meetings API (the same
 * request as opening its page), computed on the device; none while offline.
 */
function useNextStarts(favourites: Favourite[]): Map<string, number> {
  const [next, setNext] = useState(new Map<string, number>());
  const slugs = favourites.map((f) => f.slug).join(' ');
  useEffect(() => {
    if (slugs === '' || !navigator.onLine) return;
    let live = true;
    void Promise.all(
      slugs.split(' ').map(async (slug): Promise<[string, number | undefined]> => {
        try {
          const response = await fetch(`/api/v1/meetings/${encodeURIComponent(slug)}`);
          if (!response.ok) return [slug, undefined];
          const meeting = (await response.json()) as { schedule: ScheduleRow[]; timeZone: string };
          return [slug, nextStart(meeting.schedule, meeting.timeZone, Date.now())];
        } catch {
          return [slug, undefined];
        }
      }),
    ).then((found) => {
      if (!live) return;
      setNext(new Map(found.filter((pair): pair is [string, number] => pair[1] !== undefined)));
    });
    return () => {
      live = false;
    };
  }, [slugs]);
  return next;
}
