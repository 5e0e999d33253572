/**
 * Recovery dates: several, each counting days with its milestones; a slip asks for the day to
 * count from and keeps the earlier stretch in the history.
 */
import { useState } from 'preact/hooks';
import {
  addDays,
  daysBetween,
  daysCounted,
  isDay,
  lastMilestone,
  nextMilestone,
  restartFrom,
  type Day,
  type RecoveryDate,
} from './model.js';
import { DayField, TextField } from './fields.js';
import type { SpaceStore } from './store.js';
import type { Words } from './words.js';

interface Props {
  w: Words;
  store: SpaceStore;
  today: Day;
  dates: RecoveryDate[];
  reload: () => Promise<void>;
}

/** The name of a milestone of `days`. */
export function milestoneName(w: Words, days: number): string {
  // Past the first year every milestone is a whole number of years.
  if (days > 365) return w.t('space.ui.milestone.years', { n: days / 365 });
  return w.t(`space.ui.milestone.${days}`);
}

export function DatesSection({ w, store, today, dates, reload }: Props) {
  const [label, setLabel] = useState('');
  const [since, setSince] = useState(today);
  const add = async (event: Event) => {
    event.preventDefault();
    const name = label.trim();
    if (name === '' || !isDay(since) || since > today) return;
    await store.put('dates', {
      id: crypto.randomUUID(),
      label: name.slice(0, 80),
      since,
      history: [],
      updatedAt: new Date().toISOString(),
    });
    setLabel('');
    await reload();
  };
  return (
    <section aria-labelledby="space-dates">
      <h2 id="space-dates">{w.t('space.ui.dates.heading')}</h2>
      {dates.length === 0 && <p class="muted">{w.t('space.ui.dates.empty')}</p>}
      <ul class="space-list">
        {dates.map((date) => (
          <DateItem key={date.id} w={w} store={store} today={today} date={date} reload={reload} />
        ))}
      </ul>
      <form class="space-form" onSubmit={(event) => void add(event)}>
        <TextField
          id="date-label"
          label={w.t('space.ui.dates.label')}
          hint={w.t('space.ui.dates.labelHint')}
          maxLength={80}
          value={label}
          onValue={setLabel}
        />
        <DayField
          id="date-since"
          label={w.t('space.ui.dates.since')}
          max={today}
          value={since}
          onValue={setSince}
        />
        <button type="submit">{w.t('space.ui.dates.add')}</button>
      </form>
    </section>
  );
}

function DateItem({
  w,
  store,
  today,
  date,
  reload,
}: Omit<Props, 'dates'> & { date: RecoveryDate }) {
  const [slipping, setSlipping] = useState(false);
  const [restart, setRestart] = useState(today);
  const days = daysCounted(date, today);
  const reached = lastMilestone(days);
  const next = nextMilestone(days);
  const headingId = `date-${date.id}`;
  const restartNow = async (event: Event) => {
    event.preventDefault();
    if (!isDay(restart) || restart > today) return;
    // Dated, so the slip reaches the person's other devices at their next sync.
    await store.put('dates', {
      ...restartFrom(date, restart),
      updatedAt: new Date().toISOString(),
    });
    setSlipping(false);
    await reload();
  };
  return (
    <li class="space-card" aria-labelledby={headingId}>
      <h3 id={headingId}>{date.label}</h3>
      <p class="space-count">
        <strong>{w.count('space.ui.days', days)}</strong>{' '}
        <span class="muted">{w.t('space.ui.dates.sinceDate', { date: w.day(date.since) })}</span>
      </p>
      {reached !== undefined && (
        <p>{w.t('space.ui.dates.milestone', { name: milestoneName(w, reached) })}</p>
      )}
      <p class="muted">
        {w.t('space.ui.dates.next', {
          name: milestoneName(w, next),
          date: w.day(addDays(date.since, next)),
        })}
      </p>
      {date.history.length > 0 && (
        <ul class="muted">
          {date.history.map((streak) => (
            <li key={`${streak.since}-${streak.until}`}>
              {w.t('space.ui.dates.history', {
                n: w.count('space.ui.days', daysBetween(streak.since, streak.until)),
                from: w.day(streak.since),
                to: w.day(streak.until),
              })}
            </li>
          ))}
        </ul>
      )}
      {slipping ? (
        <form class="space-form" onSubmit={(event) => void restartNow(event)}>
          <p>
            <strong>{w.t('space.ui.dates.slipHeading')}</strong>
          </p>
          <p>{w.t('space.ui.dates.slipAsk')}</p>
          <DayField
            id={`restart-${date.id}`}
            label={w.t('space.ui.dates.since')}
            min={date.since}
            max={today}
            value={restart}
            onValue={setRestart}
          />
          <button type="submit">{w.t('space.ui.dates.slipSave')}</button>{' '}
          <button type="button" onClick={() => setSlipping(false)}>
            {w.t('space.ui.dates.cancel')}
          </button>
        </form>
      ) : (
        <p>
          <button type="button" onClick={() => setSlipping(true)}>
            {w.t('space.ui.dates.slip')}
          </button>{' '}
          <button
            type="button"
            aria-label={w.t('space.ui.dates.remove', { name: date.label })}
            onClick={() => void store.remove('dates', date.id).then(reload)}
          >
            <span aria-hidden="true">×</span>
          </button>
        </p>
      )}
    </li>
  );
}
