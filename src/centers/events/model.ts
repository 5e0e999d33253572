/**
 * The center's calendar: groups, classes and events it hosts (all alcohol- and drug-free, as a
 * recovery community center's are). A series is kept as its rule; occurrences are worked out in
 * the center's time zone with the meeting schedule's own maths, so "every Tuesday at 18:00"
 * stays at 18:00 across daylight-saving changes. Plain data and pure functions, no I/O.
 */
import type { Recurrence, WeekOfMonth } from '../../meetings/model.js';
import { occurrencesBetween } from '../../search/occurrences.js';
import { parseIsoDate, weekdayOf } from '../../search/week-math.js';
import { Temporal } from 'temporal-polyfill';

/** A peer group (listed in the meeting finder when public), a class, or any other event. */
export const eventKinds = ['group', 'class', 'event'] as const;
export type EventKind = (typeof eventKinds)[number];

export const eventRepeats = ['once', 'weekly', 'biweekly', 'monthly'] as const;
export type EventRepeat = (typeof eventRepeats)[number];

/** Public events are on the center's public calendar; staff ones only on the desk's. */
export const eventVisibilities = ['public', 'staff'] as const;
export type EventVisibility = (typeof eventVisibilities)[number];

export interface CenterEvent {
  id: string;
  centerId: string;
  title: string;
  kind: EventKind;
  description?: string;
  /** A group's program (`all-recovery`, `smart-recovery`, `aa`, ...), for the meeting finder. */
  program?: string;
  repeat: EventRepeat;
  /** Monthly series: which week of the month (1-5, or -1 for the last). */
  weekOfMonth?: WeekOfMonth;
  /** YYYY-MM-DD in the center's zone: the only date of a one-off, the first of a series. */
  startsOn: string;
  /** YYYY-MM-DD: the last date a series may fall on. */
  endsOn?: string;
  /** HH:MM, the center's wall clock. */
  start: string;
  durationMinutes: number;
  visibility: EventVisibility;
  createdBy?: string;
  createdAt: string;
  updatedAt: string;
}

/** One time an event happens: [start, end) in epoch milliseconds. */
export interface EventOccurrence {
  event: CenterEvent;
  start: number;
  end: number;
}

/** The series' rule in the meeting model's terms; undefined for a one-off event. */
export function recurrenceOf(
  event: CenterEvent,
): Exclude<Recurrence, { kind: 'by_appointment' }> | undefined {
  const epochDay = parseIsoDate(event.startsOn);
  if (epochDay === undefined || event.repeat === 'once') return undefined;
  const day = weekdayOf(epochDay) as 0 | 1 | 2 | 3 | 4 | 5 | 6;
  const timed = { day, start: event.start, durationMinutes: event.durationMinutes };
  switch (event.repeat) {
    case 'weekly':
      return { kind: 'weekly', ...timed };
    case 'biweekly':
      return { kind: 'biweekly', ...timed, anchorDate: event.startsOn };
    case 'monthly':
      return {
        kind: 'monthly',
        ...timed,
        week: event.weekOfMonth ?? weekOfMonthOf(event.startsOn),
      };
  }
}

/** Which week of its month a date's weekday falls in (the 9th is in the 2nd week: 1-5). */
export function weekOfMonthOf(date: string): WeekOfMonth {
  const dayOfMonth = Number(date.slice(8, 10));
  return Math.ceil(dayOfMonth / 7) as WeekOfMonth;
}

/**
 * The times an event happens that overlap [from, to) (epoch ms), in order, none before its
 * first date nor after its last.
 */
export function occurrencesOf(
  event: CenterEvent,
  timeZone: string,
  from: number,
  to: number,
): EventOccurrence[] {
  const first = Temporal.PlainDate.from(event.startsOn).toZonedDateTime({
    timeZone,
  }).epochMilliseconds;
  const afterLast =
    event.endsOn === undefined
      ? Infinity
      : Temporal.PlainDate.from(event.endsOn).add({ days: 1 }).toZonedDateTime({ timeZone })
          .epochMilliseconds;
  const recurrence = recurrenceOf(event);
  if (recurrence === undefined) {
    const start = Temporal.PlainDateTime.from(`${event.startsOn}T${event.start}`).toZonedDateTime(
      timeZone,
    ).epochMilliseconds;
    const end = start + event.durationMinutes * 60_000;
    return start < to && end > from ? [{ event, start, end }] : [];
  }
  const lower = Math.max(from, first);
  const upper = Math.min(to, afterLast);
  if (lower >= upper) return [];
  return occurrencesBetween([recurrence], timeZone, lower, upper)
    .filter((o) => o.start >= first && o.start < afterLast)
    .map((o) => ({ event, start: o.start, end: o.end }));
}

/** Every occurrence of these events in [from, to), in order of start (then title). */
export function calendarOf(
  events: readonly CenterEvent[],
  timeZone: string,
  from: number,
  to: number,
): EventOccurrence[] {
  return events
    .flatMap((e) => occurrencesOf(e, timeZone, from, to))
    .sort((a, b) => a.start - b.start || a.event.title.localeCompare(b.event.title));
}

/**
 * True when the event belongs in the meeting finder: a public group that meets on a rule (a
 * one-off has no place in a meeting list) and has not ended by `today` (YYYY-MM-DD).
 */
export function isListedGroup(event: CenterEvent, today: string): boolean {
  return (
    event.kind === 'group' &&
    event.visibility === 'public' &&
    event.repeat !== 'once' &&
    (event.endsOn === undefined || event.endsOn >= today)
  );
}
