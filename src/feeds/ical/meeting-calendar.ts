/**
 * One meeting as an iCalendar file, for "add to calendar": one VEVENT per timed recurrence with
 * an RRULE, times in the meeting's own zone by TZID. VTIMEZONE blocks are left out on purpose:
 * every calendar people use resolves IANA zone ids itself, and a hand-written VTIMEZONE that
 * lags a rule change would be worse than none.
 */
import { Temporal } from 'temporal-polyfill';
import { formatAddress } from '../../meetings/address.js';
import {
  hasApproximateCoordinates,
  type Meeting,
  type Recurrence,
  type TimedRecurrenceKind,
} from '../../meetings/model.js';
import { nextOccurrence } from '../../search/occurrences.js';
import { civilFromDays, daysFromCivil, weekdayOf } from '../../search/week-math.js';
import { contentLines, escapeText, localDateTime, utcDateTime } from './ical-text.js';

export interface MeetingCalendarOptions {
  /** Absolute URL of the meeting's page. */
  pageUrl: string;
  /** Domain for event UIDs, so they stay unique across servers (the public host). */
  uidDomain: string;
  now: Date;
  /** Plain text for each event's DESCRIPTION (how to join, notes), already in the reader's language. */
  description?: string;
  /** Where the event happens, as text (an address, or a join link for online meetings). */
  location?: string;
}

const BYDAY = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;

/** The calendar, or undefined when the meeting has no timed recurrence (by appointment only). */
export function meetingCalendar(
  meeting: Meeting,
  options: MeetingCalendarOptions,
): string | undefined {
  const events = meeting.schedule.flatMap((recurrence, index) =>
    eventLines(meeting, recurrence, index, options),
  );
  if (events.length === 0) return undefined;
  return contentLines([
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Porchlight//Meeting calendar//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(meeting.name)}`,
    ...events,
    'END:VCALENDAR',
  ]);
}

/**
 * The VEVENT of one recurrence of a meeting (none for "by appointment"). Its UID is the same in
 * the meeting's own calendar and in a search's, so a calendar holding both shows it once.
 */
export function eventLines(
  meeting: Meeting,
  recurrence: Recurrence,
  index: number,
  options: MeetingCalendarOptions,
): string[] {
  if (recurrence.kind === 'by_appointment') return [];
  const first = firstDate(recurrence, meeting.timeZone, options.now.getTime());
  if (first === undefined) return [];
  const { place } = meeting;
  const location = options.location ?? defaultLocation(meeting);
  const precise =
    !place.approximate &&
    !hasApproximateCoordinates(place) &&
    place.latitude !== undefined &&
    place.longitude !== undefined;
  return [
    'BEGIN:VEVENT',
    `UID:${meeting.id}-${index}@${options.uidDomain}`,
    `DTSTAMP:${utcDateTime(options.now)}`,
    `DTSTART;TZID=${meeting.timeZone}:${localDateTime(first, recurrence.start)}`,
    `DURATION:PT${recurrence.durationMinutes}M`,
    `RRULE:${rrule(recurrence)}`,
    `SUMMARY:${escapeText(meeting.name)}`,
    ...(location !== undefined ? [`LOCATION:${escapeText(location)}`] : []),
    ...(precise ? [`GEO:${place.latitude};${place.longitude}`] : []),
    ...(options.description !== undefined
      ? [`DESCRIPTION:${escapeText(options.description)}`]
      : []),
    `URL:${options.pageUrl}`,
    'END:VEVENT',
  ];
}

/** The recurrence rule: weekly, every other week, or the nth/last weekday of the month. */
export function rrule(recurrence: TimedRecurrenceKind): string {
  const day = BYDAY[recurrence.day];
  switch (recurrence.kind) {
    case 'weekly':
      return `FREQ=WEEKLY;BYDAY=${day}`;
    case 'biweekly':
      return `FREQ=WEEKLY;INTERVAL=2;BYDAY=${day}`;
    case 'monthly':
      return `FREQ=MONTHLY;BYDAY=${recurrence.week}${day}`;
  }
}

/**
 * DTSTART's local date: the next occurrence; for a biweekly rule whose anchor week has passed,
 * the anchor week itself (moved onto the meeting's weekday, as the schedule maths reads it), so
 * INTERVAL=2 visibly picks the same weeks the site shows. An anchor in the future is not used:
 * a calendar shows nothing before DTSTART, and the fortnights before the anchor are meetings too.
 */
function firstDate(
  recurrence: TimedRecurrenceKind,
  timeZone: string,
  now: number,
): { year: number; month: number; day: number } | undefined {
  const next = nextOccurrence([recurrence], timeZone, now);
  if (next === undefined) return undefined;
  const date = Temporal.Instant.fromEpochMilliseconds(next.start).toZonedDateTimeISO(timeZone);
  const nextDay = daysFromCivil(date.year, date.month, date.day);
  if (recurrence.kind === 'biweekly') {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(recurrence.anchorDate);
    if (match === null) return undefined;
    const anchor = daysFromCivil(Number(match[1]), Number(match[2]), Number(match[3]));
    const anchorDay = anchor - weekdayOf(anchor) + recurrence.day;
    if (anchorDay <= nextDay) return civilFromDays(anchorDay);
  }
  return civilFromDays(nextDay);
}

function defaultLocation(meeting: Meeting): string | undefined {
  if (meeting.attendance === 'online') return undefined;
  const address = meeting.place.formattedAddress ?? formatAddress(meeting.place.address);
  const parts = [meeting.place.name, address].filter(
    (part): part is string => part !== undefined && part !== '',
  );
  return parts.length === 0 ? undefined : parts.join(', ');
}
