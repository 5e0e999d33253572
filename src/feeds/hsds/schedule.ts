/**
 * A recurrence as an HSDS 3.0 schedule: RFC 5545 parts (freq, interval, byday, dtstart, wkst)
 * with opens_at/closes_at. HSDS expresses time zones as a UTC offset, which cannot follow
 * daylight-saving time, so the offset given is the one of the next meeting and `notes` names
 * the IANA zone the local times belong to.
 */
import type { Static } from 'typebox';
import { Temporal } from 'temporal-polyfill';
import type { Recurrence, TimedRecurrenceKind } from '../../meetings/model.js';
import { nextOccurrence } from '../../search/occurrences.js';
import { civilFromDays, daysFromCivil, weekdayOf } from '../../search/week-math.js';
import type { HsdsScheduleSchema } from './hsds-schema.js';

export type HsdsSchedule = Static<typeof HsdsScheduleSchema>;

const BYDAY = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;
const dayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const ordinals = ['', 'first', 'second', 'third', 'fourth', 'fifth'];

/** The HSDS schedule of one recurrence of a meeting held in `timeZone`. */
export function hsdsSchedule(
  recurrence: Recurrence,
  ids: { id: string; serviceId: string },
  timeZone: string,
  now: number,
): HsdsSchedule {
  if (recurrence.kind === 'by_appointment') {
    return { id: ids.id, service_id: ids.serviceId, description: 'By appointment.' };
  }
  const next = nextOccurrence([recurrence], timeZone, now);
  const offsetMinutes =
    next === undefined
      ? undefined
      : Temporal.Instant.fromEpochMilliseconds(next.start).toZonedDateTimeISO(timeZone)
          .offsetNanoseconds / 60e9;
  const end = endClock(recurrence);
  const suffix = offsetMinutes === undefined ? '' : offsetText(offsetMinutes);
  const schedule: HsdsSchedule = {
    id: ids.id,
    service_id: ids.serviceId,
    freq: recurrence.kind === 'monthly' ? 'MONTHLY' : 'WEEKLY',
    interval: recurrence.kind === 'biweekly' ? 2 : 1,
    byday: byday(recurrence),
    opens_at: `${recurrence.start}${suffix}`,
    closes_at: `${end}${suffix}`,
    description: describe(recurrence, end),
    notes: `Times are local to ${timeZone}.`,
  };
  if (offsetMinutes !== undefined) schedule.timezone = offsetMinutes / 60;
  if (recurrence.kind === 'biweekly') {
    const start = biweeklyStart(recurrence);
    if (start !== undefined) {
      schedule.dtstart = start;
      schedule.wkst = 'SU';
    }
  }
  return schedule;
}

/** RFC 5545 BYDAY: `TU`, or `2TU` / `-1FR` for the nth or last weekday of the month. */
export function byday(recurrence: TimedRecurrenceKind): string {
  const day = BYDAY[recurrence.day];
  return recurrence.kind === 'monthly' ? `${recurrence.week}${day}` : day;
}

/**
 * The first meeting date of a fortnightly rhythm: the anchor moved onto the meeting's weekday
 * within its Sunday-to-Saturday week, as the schedule maths reads it.
 */
export function biweeklyStart(recurrence: { day: number; anchorDate: string }): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(recurrence.anchorDate);
  if (match === null) return undefined;
  const anchor = daysFromCivil(Number(match[1]), Number(match[2]), Number(match[3]));
  const date = civilFromDays(anchor - weekdayOf(anchor) + recurrence.day);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

function endClock(recurrence: TimedRecurrenceKind): string {
  const [h, m] = recurrence.start.split(':').map(Number);
  const minutes = ((h ?? 0) * 60 + (m ?? 0) + recurrence.durationMinutes) % 1440;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

function offsetText(minutes: number): string {
  if (minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function describe(recurrence: TimedRecurrenceKind, end: string): string {
  const day = dayNames[recurrence.day];
  const time = `${recurrence.start}-${end}`;
  switch (recurrence.kind) {
    case 'weekly':
      return `Every ${day}, ${time}.`;
    case 'biweekly':
      return `Every other ${day}, ${time}.`;
    case 'monthly':
      return `The ${recurrence.week === -1 ? 'last' : ordinals[recurrence.week]} ${day} of the month, ${time}.`;
  }
}
