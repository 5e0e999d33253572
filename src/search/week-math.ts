/**
 * The small arithmetic of time that every part of search shares: minutes, weeks and epoch days
 * as integers, the proleptic Gregorian calendar, `HH:MM` clock times, and the local minute of
 * week of an instant in a zone. One copy of each, so the schedule maths, the index and the query
 * cannot drift apart on what a day or a clock time is.
 */
import { Temporal } from 'temporal-polyfill';

export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;
export const MINUTES_PER_DAY = 1440;
export const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

/** First index in [from, to) whose value is >= target (values ascending there), else `to`. */
export function lowerBound(values: Int32Array, from: number, to: number, target: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `a` modulo `n`, never negative. */
export function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

// ---------------------------------------------------------------------------------------------
// Proleptic Gregorian calendar on epoch days (days since 1970-01-01), after H. Hinnant.

/** Days since 1970-01-01 of a civil date. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of an epoch day. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** 0 = Sunday ... 6 = Saturday; 1970-01-01 was a Thursday. */
export function weekdayOf(epochDay: number): number {
  return mod(epochDay + 4, 7);
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The epoch day of a real `YYYY-MM-DD` date, or undefined. */
export function parseIsoDate(text: unknown): number | undefined {
  const match = typeof text === 'string' ? YMD.exec(text) : null;
  if (match === null) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return daysFromCivil(year, month, day);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** An epoch day as `YYYY-MM-DD`. */
export function isoDateText(epochDay: number): string {
  const { year, month, day } = civilFromDays(epochDay);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

// ---------------------------------------------------------------------------------------------
// Clock times.

/**
 * Minutes after midnight of a canonical `HH:MM` (00:00-23:59), or -1 for anything else (the
 * model's rule), read character by character: index builds call it for every recurrence.
 */
export function clockMinute(start: unknown): number {
  if (typeof start !== 'string' || start.length !== 5 || start.charCodeAt(2) !== 58) return -1;
  const h1 = start.charCodeAt(0) - 48;
  const h2 = start.charCodeAt(1) - 48;
  const m1 = start.charCodeAt(3) - 48;
  const m2 = start.charCodeAt(4) - 48;
  if (h1 < 0 || h1 > 2 || h2 < 0 || h2 > 9 || m1 < 0 || m1 > 5 || m2 < 0 || m2 > 9) return -1;
  const hour = h1 * 10 + h2;
  return hour > 23 ? -1 : hour * 60 + m1 * 10 + m2;
}

/** Minutes after midnight as `HH:MM`. */
export function clockText(minute: number): string {
  return `${pad2(Math.floor(minute / 60))}:${pad2(minute % 60)}`;
}

// ---------------------------------------------------------------------------------------------
// Local time of an instant in a zone.

/**
 * One UTC hour of a zone: its offset (seconds) from the hour's start, and if the offset changes
 * within the hour, the minute of the change and the offset after it.
 */
interface HourOffsets {
  before: number;
  /** Epoch minute from which `after` applies; Infinity when the hour has no change. */
  changeAt: number;
  after: number;
}

const zoneHours = new Map<string, Map<number, HourOffsets>>();
/** About 11 years of hours per zone; a zone cache past this is simply dropped and refilled. */
const ZONE_HOURS_LIMIT = 100_000;

function offsetSecondsAt(timeZone: string, epochMinute: number): number {
  const nanos = Temporal.Instant.fromEpochMilliseconds(
    epochMinute * MS_PER_MINUTE,
  ).toZonedDateTimeISO(timeZone).offsetNanoseconds;
  return Math.round(nanos / 1e9);
}

function hourOffsets(timeZone: string, hour: number): HourOffsets {
  let hours = zoneHours.get(timeZone);
  if (hours === undefined) {
    hours = new Map();
    zoneHours.set(timeZone, hours);
  }
  const hit = hours.get(hour);
  if (hit !== undefined) return hit;
  const first = hour * 60;
  const before = offsetSecondsAt(timeZone, first);
  const after = offsetSecondsAt(timeZone, first + 59);
  let changeAt = Infinity;
  if (after !== before) {
    // Zones change offset at most once an hour; find the first minute with the new offset.
    let lo = first + 1;
    let hi = first + 59;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (offsetSecondsAt(timeZone, mid) === after) hi = mid;
      else lo = mid + 1;
    }
    changeAt = lo;
  }
  const entry: HourOffsets = { before, changeAt, after };
  if (hours.size >= ZONE_HOURS_LIMIT) hours.clear();
  hours.set(hour, entry);
  return entry;
}

/** The zone's UTC offset in seconds at an epoch minute, from a per-zone, per-hour cache. */
export function zoneOffsetSeconds(epochMinute: number, timeZone: string): number {
  const entry = hourOffsets(timeZone, Math.floor(epochMinute / 60));
  return epochMinute < entry.changeAt ? entry.before : entry.after;
}

/**
 * Minutes since the local week's start (Sunday 00:00) of an epoch minute in `timeZone`:
 * `Math.floor(result / 1440)` is the weekday (0 = Sunday), `result % 1440` the minute of day.
 * Allocation-free.
 */
export function localMinuteOfWeek(epochMinute: number, timeZone: string): number {
  const local = epochMinute + Math.floor(zoneOffsetSeconds(epochMinute, timeZone) / 60);
  // Epoch day 0 (1970-01-01) was a Thursday, day 4 of a Sunday-first week.
  return mod(local + 4 * MINUTES_PER_DAY, MINUTES_PER_WEEK);
}

/** Start of the local day `date` (YYYY-MM-DD) in `timeZone`, and of the next, epoch ms. */
export function localDayWindow(date: string, timeZone: string): { start: number; end: number } {
  const day = Temporal.PlainDate.from(date);
  return {
    start: day.toZonedDateTime({ timeZone }).epochMilliseconds,
    end: day.add({ days: 1 }).toZonedDateTime({ timeZone }).epochMilliseconds,
  };
}
