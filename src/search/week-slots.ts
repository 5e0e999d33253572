/**
 * The hot-path form of a schedule: each meeting's coming occurrences as sorted epoch minutes in
 * typed arrays, so a query answers "next meeting", "starting within N minutes" and day/time
 * filters with a binary search and integer compares, no Temporal and no allocation per meeting.
 *
 * Slots are built from `occurrences.ts` and so agree with it exactly inside their horizon.
 * Epoch minutes fit an Int32Array until the year 6053. Starts are whole minutes because every
 * zone offset in use since 1972 is a whole number of minutes.
 */
import { Temporal } from 'temporal-polyfill';
import type { Recurrence, Weekday } from '../meetings/model.js';
import { indexedOccurrencesBetween } from './occurrences.js';

const MS_PER_MINUTE = 60_000;
const MINUTES_PER_DAY = 1440;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

/** A meeting's occurrences over a horizon, in parallel typed arrays sorted by start. */
export interface MeetingSlots {
  /** Start of each occurrence, epoch minutes (UTC), ascending; ties by schedule position. */
  readonly starts: Int32Array;
  /** Duration of each occurrence in minutes (1-1440). */
  readonly durations: Uint16Array;
  /** Position in the schedule of each occurrence's recurrence. */
  readonly recurrenceIndex: Uint16Array;
  /** The longest duration, which bounds how far back an unfinished occurrence can start. */
  readonly maxDuration: number;
  /** The horizon [horizonStart, horizonEnd) in epoch minutes. */
  readonly horizonStart: number;
  readonly horizonEnd: number;
}

/**
 * Precomputes the occurrences that overlap [fromMs, fromMs + weeks) (so one in progress at
 * `fromMs` is included). Rebuild before queries reach past the horizon ({@link needsRebuild}).
 */
export function buildSlots(
  schedule: readonly Recurrence[],
  timeZone: string,
  fromMs: number,
  weeks: number,
): MeetingSlots {
  if (!(weeks > 0) || !Number.isFinite(weeks)) throw new RangeError('weeks must be positive');
  const horizonStart = Math.floor(fromMs / MS_PER_MINUTE);
  const horizonEnd = horizonStart + Math.ceil(weeks * MINUTES_PER_WEEK);
  const found = indexedOccurrencesBetween(
    schedule,
    timeZone,
    horizonStart * MS_PER_MINUTE,
    horizonEnd * MS_PER_MINUTE,
  );
  const starts = new Int32Array(found.length);
  const durations = new Uint16Array(found.length);
  const recurrenceIndex = new Uint16Array(found.length);
  let maxDuration = 0;
  found.forEach((occurrence, i) => {
    const start = Math.floor(occurrence.start / MS_PER_MINUTE);
    const duration = Math.round((occurrence.end - occurrence.start) / MS_PER_MINUTE);
    starts[i] = start;
    durations[i] = duration;
    recurrenceIndex[i] = occurrence.recurrenceIndex;
    if (duration > maxDuration) maxDuration = duration;
  });
  return { starts, durations, recurrenceIndex, maxDuration, horizonStart, horizonEnd };
}

/** True when fewer than `aheadMinutes` of the horizon remain after `atMinute`. */
export function needsRebuild(
  slots: MeetingSlots,
  atMinute: number,
  aheadMinutes: number = MINUTES_PER_WEEK,
): boolean {
  return atMinute < slots.horizonStart || slots.horizonEnd - atMinute < aheadMinutes;
}

/**
 * Index of the first slot (by start) not yet ended at `atMinute` (end > atMinute, so one in
 * progress counts), or -1 when none starts before the horizon's end. For an instant in ms pass
 * `Math.floor(ms / 60000)`: ends are whole minutes, so the answer is the same.
 */
export function nextSlot(slots: MeetingSlots, atMinute: number): number {
  const { starts, durations } = slots;
  // Only a slot starting after atMinute - maxDuration can still be running.
  let i = lowerBound(starts, atMinute - slots.maxDuration + 1);
  for (; i < starts.length; i++) {
    if (starts[i]! + durations[i]! > atMinute) return i;
  }
  return -1;
}

/** True when slot `index` is under way at `atMinute`. */
export function slotInProgress(slots: MeetingSlots, index: number, atMinute: number): boolean {
  const start = slots.starts[index];
  return start !== undefined && start <= atMinute && atMinute < start + slots.durations[index]!;
}

/** Index of the first slot starting at or after `minute` (`starts.length` when none). */
export function firstSlotStartingFrom(slots: MeetingSlots, minute: number): number {
  return lowerBound(slots.starts, minute);
}

/** The half-open index range [first, end) of the slots whose start lies in [fromMinute, toMinute). */
export interface SlotRange {
  first: number;
  end: number;
}

/**
 * The slots starting in [fromMinute, toMinute) as an index range (empty when first === end).
 * For a yes/no check on the hot path, `firstSlotStartingFrom` avoids the object.
 */
export function slotsStartingBetween(
  slots: MeetingSlots,
  fromMinute: number,
  toMinute: number,
): SlotRange {
  const first = lowerBound(slots.starts, fromMinute);
  const end = toMinute <= fromMinute ? first : lowerBound(slots.starts, toMinute);
  return { first, end };
}

/** First index whose value is >= target (values sorted ascending). */
function lowerBound(values: Int32Array, target: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---------------------------------------------------------------------------------------------
// Local day and time of an instant, for the day / from / to filters.

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
 * Allocation-free; prefer it to {@link localDayAndMinute} in loops.
 */
export function localMinuteOfWeek(epochMinute: number, timeZone: string): number {
  const local = epochMinute + Math.floor(zoneOffsetSeconds(epochMinute, timeZone) / 60);
  // Epoch day 0 (1970-01-01) was a Thursday, day 4 of a Sunday-first week.
  const shifted = local + 4 * MINUTES_PER_DAY;
  return ((shifted % MINUTES_PER_WEEK) + MINUTES_PER_WEEK) % MINUTES_PER_WEEK;
}

/** Local weekday (0 = Sunday) and minute of day (0-1439) of an epoch minute in `timeZone`. */
export function localDayAndMinute(
  epochMinute: number,
  timeZone: string,
): { day: Weekday; minute: number } {
  const week = localMinuteOfWeek(epochMinute, timeZone);
  return { day: Math.floor(week / MINUTES_PER_DAY) as Weekday, minute: week % MINUTES_PER_DAY };
}
