/** A schedule in words: "Every Tuesday at 7:00 PM", "First Sunday of the month at 10:00 AM". */
import type { Recurrence, WeekOfMonth } from '../meetings/model.js';
import type { Translate } from './i18n/translator.js';
import { capitalise, clockTime, durationText, weekdayName } from './intl-format.js';

const weekWords: Record<WeekOfMonth, string> = {
  1: 'first',
  2: 'second',
  3: 'third',
  4: 'fourth',
  5: 'fifth',
  [-1]: 'last',
};

/** One recurrence as a sentence in the page's language (no duration; see {@link describeDuration}). */
export function describeRecurrence(recurrence: Recurrence, t: Translate, locale: string): string {
  if (recurrence.kind === 'by_appointment') return t('when.byAppointment');
  const values = {
    weekday: weekdayName(recurrence.day, locale),
    time: clockTime(recurrence.start, locale),
    // Spanish says "a la 1:00" but "a las 7:00": the article follows the hour.
    hour: Number(recurrence.start.slice(0, 2)),
    // Portuguese says "toda terça-feira" but "todo sábado": words agree with the weekday (0-6).
    day: recurrence.day,
  };
  switch (recurrence.kind) {
    case 'weekly':
      return capitalise(t('when.weekly', values), locale);
    case 'biweekly':
      return capitalise(t('when.biweekly', values), locale);
    case 'monthly':
      return capitalise(
        t('when.monthly', { ...values, week: weekWords[recurrence.week] ?? 'last' }),
        locale,
      );
  }
}

/** How long a timed recurrence lasts, in words; undefined for "by appointment". */
export function describeDuration(recurrence: Recurrence, locale: string): string | undefined {
  if (recurrence.kind === 'by_appointment') return undefined;
  return durationText(recurrence.durationMinutes, locale);
}
