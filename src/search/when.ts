/**
 * "When" in a query: the time filters (days, a time-of-day window, starting within N minutes, a
 * date) and the first qualifying occurrence of a meeting, `next`, read from the index's
 * occurrence lists and timeline.
 *
 * A meeting matches when one of its occurrences qualifies: not yet ended at `now` (not yet
 * started when in-progress ones do not count); its recurrence's own local weekday among `days`
 * and its local start in [from, to) (a window with from > to wraps past midnight); starting
 * within N minutes of now (or in progress); starting on the viewer's local `date`.
 *
 * The index's lists hold the occurrences of its horizon, which the refresh timer keeps around
 * the clock. A read never moves it: when a query's "now" lies outside it (the timer late, a
 * query about another week), occurrences are computed directly with the schedule maths, which
 * is slower and gives the same answers.
 */
import { nextIndexedOccurrence } from './occurrences.js';
import type { SearchQuery } from './query.js';
import type { QueryScratch } from './query-scratch.js';
import { MAX_DURATION_MINUTES, NO_MINUTE } from './row-codes.js';
import type { SearchIndex } from './search-index.js';
import {
  localDayWindow,
  localMinuteOfWeek,
  lowerBound,
  MINUTES_PER_WEEK,
  MS_PER_MINUTE,
} from './week-math.js';

const INFINITY = Number.POSITIVE_INFINITY;
/** More than any offset change between "now" and the start found (DST moves an hour at most). */
const ZONE_SHIFT_SLACK_MINUTES = 180;

/** Days-and-window tables by filter, shared by queries (they depend on nothing else). */
const allowedTables = new Map<string, { allowed: Uint8Array; distance: Int32Array }>();

/** For each local minute of week, the minutes to the next allowed one (all -1 when none). */
function distanceToAllowed(allowed: Uint8Array): Int32Array {
  const distance = new Int32Array(MINUTES_PER_WEEK).fill(-1);
  let next = -1;
  for (let pass = 0; pass < 2; pass++) {
    for (let m = MINUTES_PER_WEEK - 1; m >= 0; m--) {
      if (allowed[m] === 1) next = m;
      if (next >= 0) distance[m] = (next - m + MINUTES_PER_WEEK) % MINUTES_PER_WEEK;
    }
  }
  return distance;
}

/** An occurrence computed directly: [start, end) ms and its position in the schedule. */
interface DirectOccurrence {
  start: number;
  end: number;
  recurrenceIndex: number;
}

export class When {
  readonly now: number;
  readonly includeInProgress: boolean;
  readonly daysSet: boolean = false;
  /** Weekdays asked for, as bits (all when none are). */
  readonly dayMask: number = 0x7f;
  readonly windowSet: boolean = false;
  readonly winFrom: number = 0;
  readonly winTo: number = 1440;
  /** Local minute of week -> 1 when a recurrence starting then passes days and window. */
  readonly allowed: Uint8Array | undefined;
  /** Local minute of week -> minutes to the next allowed one (-1: none at all). */
  private readonly allowedDistance: Int32Array | undefined;
  readonly withinSet: boolean = false;
  readonly withinEnd: number = 0;
  readonly dateSet: boolean = false;
  readonly dateStart: number = 0;
  readonly dateEnd: number = 0;
  /** Earliest and latest qualifying start over all meetings (ms; inclusive). */
  readonly lowMs: number;
  readonly highMs: number = INFINITY;
  /** startingWithin or date: qualifying occurrences come from the lists, not the schedule. */
  readonly dynamic: boolean;
  /** Any time filter at all. */
  readonly active: boolean;
  /** Days are read per row (a time-of-day window or a dynamic filter is set). */
  readonly perRow: boolean;
  /** The filters leave no instant at all. */
  readonly impossible: boolean;
  /**
   * The index's occurrence lists hold every occurrence this query can need before the
   * horizon's end: the horizon began before the earliest qualifying start, and "now" has not
   * passed its end. Otherwise occurrences are computed directly.
   */
  readonly listsCover: boolean;
  /** The next-occurrence cache stamp of this query (and of plans derived from it). */
  readonly nextStamp: number;
  /** The rows marked by {@link markWindow} (their days in `windowDays`), once marked. */
  private marked: number[] | undefined;
  /** No occurrence in the marked window falls on an asked-for day. */
  nothingMatches = false;

  constructor(
    private readonly ix: SearchIndex,
    private readonly scratch: QueryScratch,
    q: SearchQuery,
  ) {
    this.now = q.now;
    this.includeInProgress = q.includeInProgress;
    this.nextStamp = scratch.nextStampValue();
    if (q.days !== undefined) {
      this.daysSet = true;
      this.dayMask = 0;
      for (const d of q.days) this.dayMask |= 1 << d;
    }
    if (q.fromMinute !== undefined || q.toMinute !== undefined) {
      this.windowSet = true;
      this.winFrom = q.fromMinute ?? 0;
      this.winTo = q.toMinute ?? 1440;
    }
    if (this.daysSet || this.windowSet) {
      const key = `${this.dayMask}:${this.windowSet ? `${this.winFrom}-${this.winTo}` : ''}`;
      let tables = allowedTables.get(key);
      if (tables === undefined) {
        const allowed = new Uint8Array(MINUTES_PER_WEEK);
        for (let m = 0; m < MINUTES_PER_WEEK; m++) {
          if ((this.dayMask & (1 << Math.floor(m / 1440))) !== 0 && this.inWindow(m % 1440)) {
            allowed[m] = 1;
          }
        }
        tables = { allowed, distance: distanceToAllowed(allowed) };
        if (allowedTables.size >= 512) allowedTables.clear();
        allowedTables.set(key, tables);
      }
      this.allowed = tables.allowed;
      this.allowedDistance = tables.distance;
    }
    const longest = Math.min(MAX_DURATION_MINUTES, ix.maxSlotDuration);
    this.lowMs = this.includeInProgress ? this.now - longest * MS_PER_MINUTE : this.now;
    if (q.startingWithinMinutes !== undefined) {
      this.withinSet = true;
      this.withinEnd = this.now + q.startingWithinMinutes * MS_PER_MINUTE;
      this.highMs = Math.min(this.highMs, this.withinEnd);
    }
    if (q.date !== undefined) {
      const window = localDayWindow(q.date, q.viewerTimeZone);
      this.dateSet = true;
      this.dateStart = window.start;
      this.dateEnd = window.end;
      this.lowMs = Math.max(this.lowMs, window.start);
      this.highMs = Math.min(this.highMs, window.end - 1);
    }
    this.dynamic = this.withinSet || this.dateSet;
    this.active = this.daysSet || this.windowSet || this.dynamic;
    this.perRow = this.windowSet || this.dynamic;
    this.impossible = this.highMs < this.lowMs;
    this.listsCover =
      this.lowMs >= ix.schedules.horizonStart * MS_PER_MINUTE &&
      this.now <= ix.schedules.horizonEnd * MS_PER_MINUTE;
  }

  private get horizonEndMs(): number {
    return this.ix.schedules.horizonEnd * MS_PER_MINUTE;
  }

  /** The time window was marked into `windowDays` (else rows are checked one by one). */
  get windowMarked(): boolean {
    return this.marked !== undefined;
  }

  /** The rows marked so far (undefined when the window was not marked). */
  markedRows(): number[] | undefined {
    return this.marked;
  }

  /** Clears the marks the query left in the scratch. */
  release(): void {
    const marked = this.marked;
    if (marked !== undefined) for (const row of marked) this.scratch.windowDays[row] = 0;
    this.marked = undefined;
    this.nothingMatches = false;
  }

  /**
   * Marks every row with an occurrence in the query's time window (startingWithin, date) by
   * walking that slice of the timeline, so a row's days are read instead of searched for.
   * Returns the marked rows, or undefined when the window reaches past what the timeline holds
   * (rows are then checked one by one).
   */
  markWindow(): number[] | undefined {
    if (this.marked !== undefined) return this.marked;
    if (!this.dynamic || this.impossible || !this.listsCover) return undefined;
    if (this.highMs >= this.horizonEndMs) return undefined;
    const ix = this.ix;
    const marked: number[] = [];
    this.marked = marked;
    let seenDays = 0;
    const { start: starts, local, row: timelineRow, dur: timelineDur } = ix.timeline;
    const inTimeline = ix.inTimeline;
    const days = this.scratch.windowDays;
    const highMinute = Math.floor(this.highMs / MS_PER_MINUTE);
    const length = ix.timeline.length;
    for (
      let pos = lowerBound(starts, 0, length, Math.ceil(this.lowMs / MS_PER_MINUTE));
      pos < length && starts[pos]! <= highMinute;
      pos++
    ) {
      const minuteOfWeek = local[pos]!;
      if (!this.inWindow(minuteOfWeek % 1440)) continue;
      const startMs = starts[pos]! * MS_PER_MINUTE;
      if (!this.instantPasses(startMs, startMs + timelineDur[pos]! * MS_PER_MINUTE)) continue;
      const row = timelineRow[pos]!;
      if (inTimeline[row] !== 1) continue;
      const before = days[row]!;
      if (before === 0) marked.push(row);
      const day = 1 << Math.floor(minuteOfWeek / 1440);
      days[row] = before | day;
      seenDays |= day;
    }
    // No occurrence in the window falls on an asked-for day: no meeting can match (facets
    // can still count other days).
    if (this.daysSet && (seenDays & this.dayMask) === 0 && ix.timelineDirty.length === 0) {
      this.nothingMatches = true;
    }
    return marked;
  }

  /** Timeline entries a time-window marking would read (Infinity when it cannot mark). */
  windowEntries(): number {
    if (!this.dynamic || this.impossible || !this.listsCover) return INFINITY;
    if (this.highMs >= this.horizonEndMs) return INFINITY;
    const { start: starts, length } = this.ix.timeline;
    const from = lowerBound(starts, 0, length, Math.ceil(this.lowMs / MS_PER_MINUTE));
    const high = Math.floor(this.highMs / MS_PER_MINUTE) + 1;
    return lowerBound(starts, from, length, high) - from;
  }

  /**
   * Whether matches can be memoised across queries: they must not depend on "now" (no
   * starting-within window; a date window, if any, entirely in the future).
   */
  timeFree(): boolean {
    return !this.withinSet && (!this.dateSet || this.dateStart >= this.now);
  }

  inWindow(minuteOfDay: number): boolean {
    if (!this.windowSet) return true;
    const from = this.winFrom;
    const to = this.winTo;
    return from <= to
      ? minuteOfDay >= from && minuteOfDay < to
      : minuteOfDay >= from || minuteOfDay < to;
  }

  /** Whether a recurrence (pool index) passes the time-of-day window, and the days if asked. */
  recurrencePasses(r: number, checkDays: boolean): boolean {
    const minuteOfWeek = this.ix.schedules.minute.data[r]!;
    if (minuteOfWeek === NO_MINUTE) return false;
    if (checkDays && this.allowed !== undefined) return this.allowed[minuteOfWeek] === 1;
    return this.inWindow(minuteOfWeek % 1440);
  }

  /** Whether an occurrence [startMs, endMs) passes the instant filters (not day or time). */
  instantPasses(startMs: number, endMs: number): boolean {
    const now = this.now;
    if (endMs <= now) return false;
    if (startMs < now) {
      if (!this.includeInProgress) return false;
    } else if (this.withinSet && startMs > this.withinEnd) return false;
    if (this.dateSet && (startMs < this.dateStart || startMs >= this.dateEnd)) return false;
    return true;
  }

  /** The weekdays (bits) on which a row has a qualifying occurrence, ignoring the days filter. */
  daysOf(row: number): number {
    if (!this.dynamic) return this.staticDays(row);
    if (this.marked !== undefined && this.ix.inTimeline[row] === 1) {
      return this.scratch.windowDays[row]!;
    }
    return this.dynamicDays(row);
  }

  private staticDays(row: number): number {
    const ix = this.ix;
    const minute = ix.schedules.minute.data;
    let days = 0;
    const off = ix.recOff[row]!;
    const end = off + ix.recLen[row]!;
    for (let r = off; r < end; r++) {
      if (this.recurrencePasses(r, false)) days |= 1 << Math.floor(minute[r]! / 1440);
    }
    return days;
  }

  private dynamicDays(row: number): number {
    const ix = this.ix;
    const minute = ix.schedules.minute.data;
    let days = 0;
    const off = ix.recOff[row]!;
    const end = off + ix.recLen[row]!;
    if (this.listsCover) {
      for (let r = off; r < end; r++) {
        if (!this.recurrencePasses(r, false)) continue;
        if (this.firstInList(r) >= 0) days |= 1 << Math.floor(minute[r]! / 1440);
      }
      if (this.highMs < this.horizonEndMs) return days;
    }
    for (const o of this.occurrencesFrom(row, this.listsCover ? this.horizonEndMs : this.lowMs)) {
      const r = off + o.recurrenceIndex;
      if (this.recurrencePasses(r, false)) days |= 1 << Math.floor(minute[r]! / 1440);
    }
    return days;
  }

  /**
   * The first qualifying occurrence of recurrence `r` (pool index) in its list, as its start in
   * epoch minutes, or -1. The recurrence's static filters are the caller's to check.
   */
  private firstInList(r: number): number {
    const schedules = this.ix.schedules;
    const list = schedules.list.data[r]!;
    if (list < 0) return -1;
    const duration = schedules.duration.data[r]! * MS_PER_MINUTE;
    let lowMs = this.includeInProgress ? this.now - duration : this.now;
    if (this.dateSet && this.dateStart > lowMs) lowMs = this.dateStart;
    const starts = schedules.listStarts.data;
    const from = schedules.listOff.data[list]!;
    const to = from + schedules.listLen.data[list]!;
    const highMinute = Math.floor(this.highMs / MS_PER_MINUTE);
    for (let i = lowerBound(starts, from, to, Math.ceil(lowMs / MS_PER_MINUTE)); i < to; i++) {
      const start = starts[i]!;
      if (start > highMinute) return -1;
      const startMs = start * MS_PER_MINUTE;
      if (this.instantPasses(startMs, startMs + duration)) return start;
    }
    return -1;
  }

  /**
   * A row's occurrences starting in [max(from, lowMs), highMs] that pass the instant filters,
   * computed directly (past the horizon, or outside it); none when the query is unbounded.
   */
  private occurrencesFrom(row: number, from: number): DirectOccurrence[] {
    const low = Math.max(from, this.lowMs);
    if (!Number.isFinite(this.highMs) || this.highMs < low) return [];
    return this.ix
      .occurrencesOf(row, low, this.highMs + 1)
      .filter(
        (o) => o.start >= low && o.start <= this.highMs && this.instantPasses(o.start, o.end),
      );
  }

  /**
   * The first occurrence of recurrence `r` (pool index) of `row` that has not ended at "now"
   * (nor started, unless in-progress ones count), computed directly; undefined when none.
   */
  private firstQualifying(row: number, r: number): { start: number; end: number } | undefined {
    const ix = this.ix;
    const recurrence = [ix.schedules.recurrenceAt(r)];
    const timeZone = ix.zones.values[ix.zone[row]!]!;
    try {
      let found = nextIndexedOccurrence(recurrence, timeZone, this.now);
      if (found !== undefined && found.start < this.now && !this.includeInProgress) {
        found = nextIndexedOccurrence(recurrence, timeZone, found.end);
      }
      return found;
    } catch {
      // An unknown zone (zones are canonicalised on import): the meeting has no times.
      return undefined;
    }
  }

  /**
   * Computes (once per query) the row's first qualifying occurrence into the scratch's next-*
   * arrays; returns false when it has none. Earliest start wins; at equal starts, the earlier
   * position in the schedule (as the reference orders occurrences).
   */
  ensureNext(row: number): boolean {
    const ix = this.ix;
    const scratch = this.scratch;
    if (scratch.nextStamp[row] === this.nextStamp) return scratch.nextRec[row]! >= 0;
    scratch.nextStamp[row] = this.nextStamp;
    scratch.nextRec[row] = -1;
    const { minute, duration } = ix.schedules;
    const off = ix.recOff[row]!;
    const end = off + ix.recLen[row]!;
    if (this.listsCover) {
      let best = -1;
      let bestRec = -1;
      for (let r = off; r < end; r++) {
        if (minute.data[r] === NO_MINUTE) continue;
        if (this.active && !this.recurrencePasses(r, true)) continue;
        const start = this.firstInList(r);
        if (start >= 0 && (best < 0 || start < best)) {
          best = start;
          bestRec = r;
        }
      }
      if (best >= 0) {
        this.setNext(row, best * MS_PER_MINUTE, duration.data[bestRec]!, bestRec - off);
        return true;
      }
      if (this.highMs < this.horizonEndMs) return false;
    }
    if (Number.isFinite(this.highMs)) {
      for (const o of this.occurrencesFrom(row, this.listsCover ? this.horizonEndMs : this.lowMs)) {
        if (!this.active || this.recurrencePasses(off + o.recurrenceIndex, true)) {
          this.setNext(row, o.start, (o.end - o.start) / MS_PER_MINUTE, o.recurrenceIndex);
          return true;
        }
      }
      return false;
    }
    // Unbounded: each recurrence's first occurrence past the horizon (memoised), or, when the
    // lists do not cover the query, its first qualifying one.
    let bestStart = INFINITY;
    for (let r = off; r < end; r++) {
      if (minute.data[r] === NO_MINUTE) continue;
      if (this.active && !this.recurrencePasses(r, true)) continue;
      const found = this.listsCover ? scratch.beyondHorizon(row, r) : this.firstQualifying(row, r);
      if (found === undefined) continue;
      if (found.start < bestStart) {
        bestStart = found.start;
        this.setNext(row, found.start, (found.end - found.start) / MS_PER_MINUTE, r - off);
      }
    }
    return bestStart !== INFINITY;
  }

  /** Records a row's next occurrence: start (epoch ms), duration (minutes), schedule position. */
  setNext(row: number, start: number, duration: number, recurrenceIndex: number): void {
    const scratch = this.scratch;
    scratch.nextStamp[row] = this.nextStamp;
    scratch.nextStartMs[row] = start;
    scratch.nextDur[row] = duration;
    scratch.nextRec[row] = recurrenceIndex;
  }

  /** Next start for ordering: epoch ms, or Infinity when none. */
  nextKey(row: number): number {
    return this.ensureNext(row) ? this.scratch.nextStartMs[row]! : INFINITY;
  }

  /**
   * The first minute at which a qualifying occurrence can start, from the days and window
   * filters read in every zone of the index (with slack for an offset change on the way).
   */
  earliestStartMinute(): number {
    const low = Math.ceil(this.lowMs / MS_PER_MINUTE);
    const distance = this.allowedDistance;
    if (distance === undefined) return low;
    if (distance[0] === -1) return Number.MAX_SAFE_INTEGER;
    let earliest = Number.MAX_SAFE_INTEGER;
    for (const zone of this.ix.zones.values) {
      let localMinute: number;
      try {
        localMinute = localMinuteOfWeek(low, zone);
      } catch {
        return low;
      }
      const start = low + distance[localMinute]! - ZONE_SHIFT_SLACK_MINUTES;
      if (start < earliest) earliest = start;
    }
    return Math.max(low, earliest);
  }
}
