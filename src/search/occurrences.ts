/**
 * When a meeting actually happens: the occurrences of a schedule as instants (epoch
 * milliseconds), computed in the meeting's own IANA zone with Temporal so that daylight-saving
 * changes land where the people in the room expect them.
 *
 * Decisions:
 * - A start that falls in a spring-forward gap (02:30 on 2026-03-08 in New York) resolves with
 *   Temporal's default `compatible` disambiguation: it moves forward by the gap (03:30 EDT).
 * - A start that occurs twice on a fall-back day (01:30 on 2026-11-01 in New York) takes the
 *   earlier instant (01:30 EDT), also `compatible`.
 * - `durationMinutes` is elapsed time: a 60-minute meeting at 01:30 EDT on a fall-back day ends
 *   at 01:30 EST (one real hour later), not at 02:30 on the wall clock.
 * - Biweekly: the anchor date is itself a meeting date. When its weekday differs from `day`, the
 *   meeting is on `day` of the anchor's week, weeks running Sunday to Saturday as the weekday
 *   numbering does (anchor Wednesday 2026-03-04 with day Monday -> Monday 2026-03-02).
 * - Monthly: week 1-5 is the nth such weekday (a month without a 5th one has no meeting); -1 is
 *   the last.
 * - A recurrence the model's schema would reject (start not `HH:MM`, duration not a whole 1-1440
 *   minutes, anchor not a real `YYYY-MM-DD`) yields no occurrences rather than throwing, so one bad
 *   row cannot stop the search index from building. An unknown time zone throws a RangeError
 *   (zones are canonicalised on import).
 * - Occurrences are ordered by start, then by their recurrence's position in the schedule.
 */
import { Temporal } from 'temporal-polyfill';
import type { Recurrence, TimedRecurrenceKind } from '../meetings/model.js';
import {
  civilFromDays,
  clockMinute,
  daysFromCivil,
  daysInMonth,
  mod,
  MS_PER_DAY,
  MS_PER_MINUTE,
  parseIsoDate,
  weekdayOf,
} from './week-math.js';

/** One meeting of a schedule: [start, end) in epoch milliseconds. */
export interface Occurrence {
  /** Epoch milliseconds of the local start, resolved in the meeting's zone. */
  start: number;
  /** Epoch milliseconds: `start + durationMinutes` of elapsed time. */
  end: number;
  recurrence: TimedRecurrenceKind;
}

/** An occurrence together with the index of its recurrence in the schedule. */
export interface IndexedOccurrence extends Occurrence {
  recurrenceIndex: number;
}

/**
 * Local dates are searched from this many days around the UTC date: offsets are within
 * -12..+14 h and a gap moves a start by at most an hour, so two days always suffice.
 */
const DATE_MARGIN_DAYS = 2;
/** The longest run of months without a 5th given weekday is well under a year. */
const MONTHLY_SEARCH_MONTHS = 15;

/** True when the occurrence is under way at `at` (epoch ms). */
export function isInProgress(occurrence: Occurrence, at: number): boolean {
  return occurrence.start <= at && at < occurrence.end;
}

/**
 * Every occurrence whose interval [start, end) overlaps [from, to) (epoch ms), sorted by start
 * (ties by schedule position), computed in `timeZone`.
 */
export function occurrencesBetween(
  schedule: readonly Recurrence[],
  timeZone: string,
  from: number,
  to: number,
): Occurrence[] {
  return indexedOccurrencesBetween(schedule, timeZone, from, to).map(
    ({ start, end, recurrence }) => ({ start, end, recurrence }),
  );
}

/** As {@link occurrencesBetween}, also naming each occurrence's position in the schedule. */
export function indexedOccurrencesBetween(
  schedule: readonly Recurrence[],
  timeZone: string,
  from: number,
  to: number,
): IndexedOccurrence[] {
  checkInstant(from, 'from');
  checkInstant(to, 'to');
  const found: IndexedOccurrence[] = [];
  if (from >= to) return found;
  schedule.forEach((recurrence, recurrenceIndex) => {
    if (recurrence.kind === 'by_appointment') return;
    const rule = compile(recurrence);
    if (rule === undefined) return;
    const durationMs = rule.durationMinutes * MS_PER_MINUTE;
    const firstDay = utcDay(from - durationMs) - DATE_MARGIN_DAYS;
    const lastDay = utcDay(to) + DATE_MARGIN_DAYS;
    for (let day = firstMeetingDayFrom(rule, firstDay); day <= lastDay;) {
      const start = wallClockToEpochMs(timeZone, day, rule.startMinute);
      const end = start + durationMs;
      if (start < to && end > from) found.push({ start, end, recurrence, recurrenceIndex });
      const next = nextMeetingDay(rule, day);
      if (next === undefined) break;
      day = next;
    }
  });
  return found.sort(byStartThenIndex);
}

/**
 * The first occurrence that has not ended at `at` (epoch ms): a meeting in progress counts
 * (see {@link isInProgress}). Undefined only when the schedule has no timed recurrence.
 */
export function nextOccurrence(
  schedule: readonly Recurrence[],
  timeZone: string,
  at: number,
): Occurrence | undefined {
  const found = nextIndexedOccurrence(schedule, timeZone, at);
  if (found === undefined) return undefined;
  return { start: found.start, end: found.end, recurrence: found.recurrence };
}

/** As {@link nextOccurrence}, also naming the occurrence's position in the schedule. */
export function nextIndexedOccurrence(
  schedule: readonly Recurrence[],
  timeZone: string,
  at: number,
): IndexedOccurrence | undefined {
  checkInstant(at, 'at');
  let best: IndexedOccurrence | undefined;
  schedule.forEach((recurrence, recurrenceIndex) => {
    if (recurrence.kind === 'by_appointment') return;
    const rule = compile(recurrence);
    if (rule === undefined) return;
    const durationMs = rule.durationMinutes * MS_PER_MINUTE;
    // Starts grow with the local date (one zone, one wall-clock time), and so do ends: the
    // first candidate that has not ended is this recurrence's answer.
    const limit = utcDay(at) + MONTHLY_SEARCH_MONTHS * 31;
    for (
      let day = firstMeetingDayFrom(rule, utcDay(at - durationMs) - DATE_MARGIN_DAYS);
      day <= limit;
    ) {
      const start = wallClockToEpochMs(timeZone, day, rule.startMinute);
      const end = start + durationMs;
      if (end > at) {
        if (best === undefined || start < best.start) {
          best = { start, end, recurrence, recurrenceIndex };
        }
        return;
      }
      const next = nextMeetingDay(rule, day);
      if (next === undefined) return;
      day = next;
    }
  });
  return best;
}

/** A start shown in one zone: parts a page can lay out, e.g. "Sunday, March 8", "2:30 AM", "EDT". */
export interface ZonedDisplay {
  date: string;
  time: string;
  /** The zone's name in the locale ("EDT", "hora oriental", "India Standard Time"). */
  zoneName: string;
}

const displayFormats = new Map<string, { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();

/**
 * Formats an instant in a zone for display; call it with the meeting's zone and with the
 * viewer's zone to show both. Formatters are memoised per locale and zone.
 */
export function formatInZone(epochMs: number, timeZone: string, locale: string): ZonedDisplay {
  const key = `${locale}\u0000${timeZone}`;
  let formats = displayFormats.get(key);
  if (formats === undefined) {
    formats = {
      date: new Intl.DateTimeFormat(locale, {
        timeZone,
        weekday: 'long',
        month: 'long',
        day: 'numeric',
      }),
      time: new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' }),
    };
    displayFormats.set(key, formats);
  }
  return {
    date: formats.date.format(epochMs),
    time: formats.time.format(epochMs),
    zoneName: zoneLabel(timeZone, locale, epochMs),
  };
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

function zonePart(
  timeZone: string,
  locale: string,
  style: 'short' | 'longGeneric' | 'long',
  epochMs: number,
): string | undefined {
  const key = `${locale}\u0000${timeZone}\u0000${style}`;
  let format = zoneFormats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: style });
    zoneFormats.set(key, format);
  }
  return format.formatToParts(epochMs).find((part) => part.type === 'timeZoneName')?.value;
}

/** "GMT-5", "UTC+5:30": an offset, which says nothing to a person reading a time. */
const OFFSET = /^(GMT|UTC)\s*[+\-\u2212]/;

/**
 * A zone's name next to a time, in words the locale's readers know: its abbreviation where the
 * locale has one ("EST"), else its generic name ("hora oriental", "India Standard Time"), else the
 * city of its IANA id ("Kolkata"). CLDR has no Spanish abbreviations for American zones, so a plain
 * short name would print "18:00 GMT-5".
 */
export function zoneLabel(timeZone: string, locale: string, epochMs: number): string {
  for (const style of ['short', 'longGeneric', 'long'] as const) {
    const name = zonePart(timeZone, locale, style, epochMs);
    if (name !== undefined && !OFFSET.test(name)) return name;
  }
  const city = timeZone.split('/').pop() ?? timeZone;
  return city.replace(/_/g, ' ');
}

// ---------------------------------------------------------------------------------------------
// Rules: a recurrence checked once and reduced to numbers.

type Rule =
  | { kind: 'weekly'; day: number; startMinute: number; durationMinutes: number }
  | {
      kind: 'biweekly';
      day: number;
      startMinute: number;
      durationMinutes: number;
      /** Epoch day of a meeting date (the anchor moved onto `day` within its week). */
      anchorDay: number;
    }
  | { kind: 'monthly'; day: number; startMinute: number; durationMinutes: number; week: number };

function compile(recurrence: TimedRecurrenceKind): Rule | undefined {
  const { day, start, durationMinutes } = recurrence;
  if (!Number.isInteger(day) || day < 0 || day > 6) return undefined;
  if (!Number.isInteger(durationMinutes) || durationMinutes < 1 || durationMinutes > 1440) {
    return undefined;
  }
  const startMinute = clockMinute(start);
  if (startMinute < 0) return undefined;
  switch (recurrence.kind) {
    case 'weekly':
      return { kind: 'weekly', day, startMinute, durationMinutes };
    case 'biweekly': {
      const anchor = parseIsoDate(recurrence.anchorDate);
      if (anchor === undefined) return undefined;
      const anchorDay = anchor - weekdayOf(anchor) + day;
      return { kind: 'biweekly', day, startMinute, durationMinutes, anchorDay };
    }
    case 'monthly': {
      const { week } = recurrence;
      if (!(week === -1 || (Number.isInteger(week) && week >= 1 && week <= 5))) return undefined;
      return { kind: 'monthly', day, startMinute, durationMinutes, week };
    }
  }
}

/** The first meeting date (epoch day) on or after `fromDay`. */
function firstMeetingDayFrom(rule: Rule, fromDay: number): number {
  switch (rule.kind) {
    case 'weekly':
      return fromDay + mod(rule.day - weekdayOf(fromDay), 7);
    case 'biweekly':
      return fromDay + mod(rule.anchorDay - fromDay, 14);
    case 'monthly': {
      const { year, month } = civilFromDays(fromDay);
      const inMonth = monthlyDay(rule, year, month);
      if (inMonth !== undefined && inMonth >= fromDay) return inMonth;
      return nextMonthlyDay(rule, year, month);
    }
  }
}

/** The meeting date after `day` (itself a meeting date), or undefined if none is near. */
function nextMeetingDay(rule: Rule, day: number): number | undefined {
  switch (rule.kind) {
    case 'weekly':
      return day + 7;
    case 'biweekly':
      return day + 14;
    case 'monthly': {
      const { year, month } = civilFromDays(day);
      return nextMonthlyDay(rule, year, month);
    }
  }
}

function nextMonthlyDay(rule: Rule & { kind: 'monthly' }, year: number, month: number): number {
  let y = year;
  let m = month;
  for (;;) {
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
    const found = monthlyDay(rule, y, m);
    // Every weekday falls on the 29th-31st in several months of any year, so this ends soon.
    if (found !== undefined) return found;
  }
}

/** Epoch day of the rule's date in a month, or undefined (no 5th such weekday). */
function monthlyDay(
  rule: { day: number; week: number },
  year: number,
  month: number,
): number | undefined {
  const first = daysFromCivil(year, month, 1);
  const length = daysInMonth(year, month);
  if (rule.week === -1) {
    const last = first + length - 1;
    return last - mod(weekdayOf(last) - rule.day, 7);
  }
  const offset = mod(rule.day - weekdayOf(first), 7) + 7 * (rule.week - 1);
  return offset < length ? first + offset : undefined;
}

// ---------------------------------------------------------------------------------------------
// Wall clock to instant.

/**
 * Local wall-clock times resolved per zone, keyed by local minutes since 1970-01-01T00:00. Many
 * meetings share a zone, a start time and dates, so an index build mostly hits this memo; the
 * value is exactly what Temporal returned, so the memo cannot change a result.
 */
const resolved = new Map<string, Map<number, number>>();
const RESOLVED_LIMIT = 100_000;

/** Epoch ms of local `startMinute` on local epoch day `day` in `timeZone` ('compatible'). */
export function wallClockToEpochMs(timeZone: string, day: number, startMinute: number): number {
  let memo = resolved.get(timeZone);
  if (memo === undefined) {
    memo = new Map();
    resolved.set(timeZone, memo);
  }
  const key = day * 1440 + startMinute;
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  const { year, month, day: dayOfMonth } = civilFromDays(day);
  const epochMs = new Temporal.PlainDateTime(
    year,
    month,
    dayOfMonth,
    Math.floor(startMinute / 60),
    startMinute % 60,
  ).toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
  if (memo.size >= RESOLVED_LIMIT) memo.clear();
  memo.set(key, epochMs);
  return epochMs;
}

// ---------------------------------------------------------------------------------------------
// Small helpers.

function utcDay(epochMs: number): number {
  return Math.floor(epochMs / MS_PER_DAY);
}

function checkInstant(value: number, name: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite epoch-ms number`);
}

function byStartThenIndex(a: IndexedOccurrence, b: IndexedOccurrence): number {
  return a.start - b.start || a.recurrenceIndex - b.recurrenceIndex;
}
