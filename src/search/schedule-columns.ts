/**
 * Schedules in the search index: every recurrence of every meeting as numbers (its own local
 * minute of week, duration, kind, anchor or week), and the occurrences over a horizon of a few
 * weeks as UTC epoch minutes. Occurrences are computed by `occurrences.ts` once per distinct
 * (zone, recurrence) and shared: thousands of meetings on Tuesdays at 19:00 in New York share
 * one list. A query reads starts with a binary search and integer compares, no Temporal.
 *
 * Epoch minutes fit an Int32Array until the year 6053, and starts are whole minutes because
 * every zone offset in use since 1972 is a whole number of minutes.
 */
import type { Recurrence, Weekday } from '../meetings/model.js';
import {
  indexedOccurrencesBetween,
  nextIndexedOccurrence,
  type IndexedOccurrence,
} from './occurrences.js';
import { MAX_DURATION_MINUTES, NO_MINUTE, STATUS_REMOVED } from './row-codes.js';
import { compactRegions, Int32Pool, Uint16Pool, Uint8Pool } from './typed-arrays.js';
import {
  clockMinute,
  clockText,
  isoDateText,
  MINUTES_PER_WEEK,
  MS_PER_MINUTE,
  parseIsoDate,
} from './week-math.js';

const KIND_WEEKLY = 0;
const KIND_BIWEEKLY = 1;
const KIND_MONTHLY = 2;
/** A recurrence that never occurs. */
const KIND_NONE = 3;

interface CompiledRecurrence {
  kind: 0 | 1 | 2;
  day: number;
  minute: number;
  duration: number;
  /** Biweekly: the anchor's epoch day; monthly: the week (1-5, -1). */
  extra: number;
}

/** The recurrence as numbers, or undefined when the schedule maths would never produce it. */
function compileRecurrence(recurrence: Recurrence): CompiledRecurrence | undefined {
  if (recurrence.kind === 'by_appointment') return undefined;
  const { day, start, durationMinutes } = recurrence;
  if (!Number.isInteger(day) || day < 0 || day > 6) return undefined;
  if (!Number.isInteger(durationMinutes) || durationMinutes < 1 || durationMinutes > 1440) {
    return undefined;
  }
  const minute = clockMinute(start);
  if (minute < 0) return undefined;
  switch (recurrence.kind) {
    case 'weekly':
      return { kind: KIND_WEEKLY, day, minute, duration: durationMinutes, extra: 0 };
    case 'biweekly': {
      const extra = parseIsoDate(recurrence.anchorDate);
      if (extra === undefined) return undefined;
      return { kind: KIND_BIWEEKLY, day, minute, duration: durationMinutes, extra };
    }
    case 'monthly': {
      const { week } = recurrence;
      if (!(week === -1 || (Number.isInteger(week) && week >= 1 && week <= 5))) return undefined;
      return { kind: KIND_MONTHLY, day, minute, duration: durationMinutes, extra: week };
    }
    default:
      return undefined;
  }
}

const BY_APPOINTMENT: Recurrence = { kind: 'by_appointment' };

/**
 * The recurrence pool (one entry per recurrence, a meeting's being a region of it, in schedule
 * order) and the shared occurrence lists over the horizon [horizonStart, horizonEnd).
 */
export class ScheduleColumns {
  /** Per recurrence: local minute of week, or NO_MINUTE for one that never occurs. */
  minute = new Uint16Pool();
  duration = new Uint16Pool();
  kind = new Uint8Pool();
  extra = new Int32Pool();
  /** Per recurrence: its shared occurrence list (-1 for one that never occurs). */
  list = new Int32Pool();

  /** Shared occurrence lists: the starts (epoch minutes, ascending) of list l. */
  listOff = new Int32Pool();
  listLen = new Int32Pool();
  listStarts = new Int32Pool();
  /** List ids by (zone, kind, minute of week), then by (duration, anchor or week). */
  private listIds = new Map<number, number[]>();

  /** Occurrence horizon [horizonStart, horizonEnd) in epoch minutes. */
  horizonStart = 0;
  horizonEnd = 0;

  /** What {@link add} found: the weekdays (bits) and longest duration of the schedule. */
  private readonly added = { days: 0, maxDuration: 0 };

  constructor(
    /** Weeks of occurrences kept (at least 2). */
    readonly horizonWeeks: number,
    now: number,
  ) {
    if (!(horizonWeeks >= 2) || !Number.isFinite(horizonWeeks)) {
      throw new RangeError('horizonWeeks must be at least 2');
    }
    this.setHorizon(now);
  }

  /** Makes room for `count` more recurrences. */
  reserve(count: number): void {
    for (const pool of [this.minute, this.duration, this.kind, this.extra, this.list]) {
      pool.reserve(count);
    }
  }

  /** Number of recurrences written (regions of removed rows included). */
  get length(): number {
    return this.minute.length;
  }

  /**
   * Appends a schedule, each recurrence with its shared occurrence list in `zone` (id and
   * name). Returns its valid recurrences' weekdays (bits) and longest duration, in an object the
   * next call reuses.
   */
  add(
    schedule: readonly Recurrence[],
    zoneId: number,
    zoneName: string,
  ): { days: number; maxDuration: number } {
    let days = 0;
    let maxDuration = 0;
    for (const recurrence of schedule) {
      const compiled = compileRecurrence(recurrence);
      const r = this.minute.length;
      if (compiled === undefined) {
        this.minute.push(NO_MINUTE);
        this.duration.push(0);
        this.kind.push(KIND_NONE);
        this.extra.push(0);
        this.list.push(-1);
      } else {
        this.minute.push(compiled.day * 1440 + compiled.minute);
        this.duration.push(compiled.duration);
        this.kind.push(compiled.kind);
        this.extra.push(compiled.extra);
        this.list.push(this.occurrenceList(r, zoneId, zoneName));
        days |= 1 << compiled.day;
        if (compiled.duration > maxDuration) maxDuration = compiled.duration;
      }
    }
    this.added.days = days;
    this.added.maxDuration = maxDuration;
    return this.added;
  }

  /** The recurrence at pool index `r`, as the model writes it. */
  recurrenceAt(r: number): Recurrence {
    const minuteOfWeek = this.minute.data[r]!;
    if (minuteOfWeek === NO_MINUTE) return BY_APPOINTMENT;
    const day = Math.floor(minuteOfWeek / 1440) as Weekday;
    const start = clockText(minuteOfWeek % 1440);
    const durationMinutes = this.duration.data[r]!;
    const extra = this.extra.data[r]!;
    switch (this.kind.data[r]) {
      case KIND_WEEKLY:
        return { kind: 'weekly', day, start, durationMinutes };
      case KIND_BIWEEKLY:
        return { kind: 'biweekly', day, start, durationMinutes, anchorDate: isoDateText(extra) };
      default:
        return {
          kind: 'monthly',
          day,
          start,
          durationMinutes,
          week: extra as 1 | 2 | 3 | 4 | 5 | -1,
        };
    }
  }

  /** The schedule of the region [off, off + len), positions kept, invalid ones inert. */
  scheduleAt(off: number, len: number): Recurrence[] {
    const schedule: Recurrence[] = [];
    for (let r = off; r < off + len; r++) schedule.push(this.recurrenceAt(r));
    return schedule;
  }

  /** Starts the horizon a day before `now` (epoch ms), so a meeting running then is covered. */
  setHorizon(now: number): void {
    const minute = Math.floor(now / MS_PER_MINUTE);
    this.horizonStart = minute - MAX_DURATION_MINUTES - 60;
    this.horizonEnd = this.horizonStart + Math.ceil(this.horizonWeeks * MINUTES_PER_WEEK);
  }

  /**
   * Recomputes every occurrence list over the current horizon for the live rows (row r's
   * recurrences: the region `recOff[r]`, `recLen[r]`, in zone `zone[r]`).
   */
  relist(
    rows: number,
    status: Uint8Array,
    recOff: Int32Array,
    recLen: Uint16Array,
    zone: Uint16Array,
    zoneNames: readonly string[],
  ): void {
    this.listOff = new Int32Pool();
    this.listLen = new Int32Pool();
    this.listStarts = new Int32Pool();
    this.listIds = new Map();
    for (let row = 0; row < rows; row++) {
      if (status[row] === STATUS_REMOVED) continue;
      const off = recOff[row]!;
      for (let r = off; r < off + recLen[row]!; r++) {
        if (this.minute.data[r] !== NO_MINUTE) {
          this.list.data[r] = this.occurrenceList(r, zone[row]!, zoneNames[zone[row]!]!);
        }
      }
    }
  }

  /**
   * Rewrites the pool in row order (row r's region: `recOff[r]`, `recLen[r]`) with nothing in
   * between, so reading a row's recurrences follows its neighbours' in memory; returns the new
   * offsets.
   */
  compact(rows: number, recOff: Int32Array, recLen: Uint16Array): Int32Array<ArrayBuffer> {
    return compactRegions(rows, recOff, recLen, [
      this.minute,
      this.duration,
      this.kind,
      this.extra,
      this.list,
    ]);
  }

  /**
   * The first occurrence of recurrence `r` starting at or after the horizon's end (epoch ms), or
   * undefined when it never occurs.
   */
  firstAfterHorizon(r: number, timeZone: string): { start: number; end: number } | undefined {
    const recurrence = this.recurrenceAt(r);
    const horizonEndMs = this.horizonEnd * MS_PER_MINUTE;
    let at = horizonEndMs;
    for (let guard = 0; guard < 4; guard++) {
      const next = nextIndexedOccurrence([recurrence], timeZone, at);
      if (next === undefined) return undefined;
      if (next.start >= horizonEndMs) return { start: next.start, end: next.end };
      at = next.end;
    }
    return undefined;
  }

  /** Bytes of the typed arrays. */
  get byteLength(): number {
    let bytes = 0;
    for (const pool of [
      this.minute,
      this.duration,
      this.kind,
      this.extra,
      this.list,
      this.listOff,
      this.listLen,
      this.listStarts,
    ]) {
      bytes += pool.data.byteLength;
    }
    return bytes;
  }

  /**
   * The shared list of a recurrence's occurrence starts over the horizon (epoch minutes), made
   * once per distinct (zone, recurrence). A schedule's occurrences are its recurrences' lists
   * merged by start, then position (as `indexedOccurrencesBetween` orders them).
   */
  private occurrenceList(r: number, zoneId: number, zoneName: string): number {
    const kind = this.kind.data[r]!;
    const extra = this.extra.data[r]!;
    const minute = this.minute.data[r]!;
    const duration = this.duration.data[r]!;
    const key = (zoneId * 4 + kind) * MINUTES_PER_WEEK + minute;
    let variants = this.listIds.get(key);
    if (variants === undefined) this.listIds.set(key, (variants = []));
    for (let i = 0; i < variants.length; i += 3) {
      if (variants[i] === duration && variants[i + 1] === extra) return variants[i + 2]!;
    }
    let found: IndexedOccurrence[] = [];
    try {
      found = indexedOccurrencesBetween(
        [this.recurrenceAt(r)],
        zoneName,
        this.horizonStart * MS_PER_MINUTE,
        this.horizonEnd * MS_PER_MINUTE,
      );
    } catch {
      // An unknown zone (zones are canonicalised on import): the meeting has no times.
    }
    const id = this.listOff.length;
    this.listOff.push(this.listStarts.length);
    this.listLen.push(found.length);
    for (const o of found) this.listStarts.push(Math.floor(o.start / MS_PER_MINUTE));
    variants.push(duration, extra, id);
    return id;
  }
}
