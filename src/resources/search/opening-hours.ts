/**
 * Opening hours of the resource index's entries, kept as weekly minute intervals in each entry's
 * time zone, packed in one typed array so that an `open_now` check reads memory in order and a
 * query works out "now" once per zone, not once per entry.
 */
import { localMinuteOfWeek } from '../../search/week-math.js';
import { weekdayCodes, type Schedule } from '../model.js';

const MINUTES_PER_WEEK = 7 * 1440;

function minuteOf(time: string): number {
  const [h, m] = time.split(':');
  return Number(h) * 60 + Number(m);
}

/** Weekly intervals [start, end) of a set of schedules (monthly ones count on every such weekday). */
export function intervalsOf(schedules: readonly Schedule[]): number[] {
  const out: number[] = [];
  for (const s of schedules) {
    if (s.opensAt === undefined || s.closesAt === undefined) continue;
    const open = minuteOf(s.opensAt);
    let close = minuteOf(s.closesAt);
    if (close <= open) close += 1440; // past midnight
    if (s.closesAt === '23:59') close += 1;
    for (const day of s.byDay) {
      const base = weekdayCodes.indexOf(day) * 1440;
      out.push(base + open, base + close);
    }
  }
  return out;
}

/** Builds the hours of entries 0, 1, 2, ... in order. */
export class OpeningHoursBuilder {
  private readonly zones: string[] = [];
  private readonly zoneIds = new Map<string, number>();
  private readonly zoneOf: number[] = [];
  private readonly start: number[] = [0];
  private readonly intervals: number[] = [];

  /** Adds the next entry: its intervals (empty when it has no hours) and their zone. */
  add(intervals: readonly number[], zone: string): void {
    let id = -1;
    if (intervals.length > 0) {
      id = this.zoneIds.get(zone) ?? -1;
      if (id < 0) {
        id = this.zones.length;
        this.zones.push(zone);
        this.zoneIds.set(zone, id);
      }
      for (const minute of intervals) this.intervals.push(minute);
    }
    this.zoneOf.push(id);
    this.start.push(this.intervals.length);
  }

  finish(): OpeningHours {
    return new OpeningHours(
      this.zones,
      Int32Array.from(this.zoneOf),
      Int32Array.from(this.start),
      Int32Array.from(this.intervals),
    );
  }
}

export class OpeningHours {
  constructor(
    readonly zones: readonly string[],
    /** Per entry: its zone's id, -1 when it has no hours. */
    private readonly zoneOf: Int32Array,
    /** Entry e's intervals are `intervals[start[e] .. start[e + 1])`. */
    private readonly start: Int32Array,
    private readonly intervals: Int32Array,
  ) {}

  /** Scratch for `isOpen`: each zone's minute of the week at one instant. */
  nowIn(now: number): Int32Array {
    const epochMinute = Math.floor(now / 60_000);
    return Int32Array.from(this.zones, (zone) => localMinuteOfWeek(epochMinute, zone));
  }

  /** Whether entry `e` is open at the instant `nowIn` was given; undefined when it has no hours. */
  isOpen(e: number, minuteByZone: Int32Array): boolean | undefined {
    const zone = this.zoneOf[e]!;
    if (zone < 0) return undefined;
    const now = minuteByZone[zone]!;
    const iv = this.intervals;
    for (let i = this.start[e]!, end = this.start[e + 1]!; i < end; i += 2) {
      const from = iv[i]!;
      const to = iv[i + 1]!;
      // An interval past Saturday midnight covers the start of the next week too.
      if (
        (now >= from && now < to) ||
        (now + MINUTES_PER_WEEK >= from && now + MINUTES_PER_WEEK < to)
      )
        return true;
    }
    return false;
  }
}
