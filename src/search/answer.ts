/**
 * What a search answers, and how a row of the index becomes a result: its summary, its
 * distance when the query has a point, and its next qualifying occurrence as a member reads it
 * (the recurrence's own weekday and local time). The API and the pages present these further
 * (`present-results.ts`).
 */
import type { Attendance, Focus, MeetingStatus, Weekday } from '../meetings/model.js';
import type { CursorKey } from './cursor.js';
import type { Plan } from './plan.js';
import type { AttendanceFilter, SearchQuery } from './query.js';
import { KIND_PLACE, type FacetTag } from './row-codes.js';
import { clockText, MS_PER_MINUTE } from './week-math.js';

/**
 * What a result carries about its meeting: enough to list it (name, where, how to join, what
 * kind), not the whole record. The presenter fetches details by `id` when it needs them.
 */
export interface MeetingSummary {
  id: string;
  slug: string;
  name: string;
  program: string;
  attendance: Attendance;
  status: MeetingStatus;
  /** The zone the schedule's local times are read in. */
  timeZone: string;
  /** Venue name. */
  placeName?: string;
  /** Formatted address (only a town for approximate places). */
  address?: string;
  city?: string;
  latitude?: number;
  longitude?: number;
  approximate: boolean;
  wheelchairAccessible: boolean;
  hasOnlineLink: boolean;
  hasPhone: boolean;
  /** Program type codes. */
  types: string[];
  /** BCP-47 tags. */
  languages: string[];
  focus: Focus[];
}

/** The first qualifying occurrence of a result. */
export interface NextOccurrence {
  /** Epoch ms. */
  start: number;
  end: number;
  inProgress: boolean;
  /** Whole minutes until the start, rounded up; zero or negative when in progress. */
  minutesUntilStart: number;
  /** Position of the recurrence in the meeting's schedule. */
  recurrenceIndex: number;
  /** The recurrence's own weekday and start in the meeting's zone, as a member reads them. */
  localDay: Weekday;
  localTime: string;
}

export interface SearchResult {
  meeting: MeetingSummary;
  /** Great-circle km from `near`, for place-bound meetings of a search with `near`. */
  distanceKm?: number;
  /** Absent for by-appointment meetings (and schedules without a valid time). */
  next?: NextOccurrence;
}

export interface SearchFacets {
  attendance: Record<AttendanceFilter, number>;
  /** Program id -> count (programs with none are left out). */
  program: Record<string, number>;
  /** Index = weekday (0 = Sunday). */
  day: number[];
  focus: Record<Focus, number>;
  /** Primary language subtag -> count (languages with none are left out). */
  language: Record<string, number>;
  tags: Record<FacetTag, number>;
}

/**
 * A room the rural fallback suggests: one group at one place, shown once, with the group's
 * other meetings there (feeds list a group meeting three evenings a week as three meetings).
 */
export interface GatheredResult extends SearchResult {
  /** The group's other meetings at the same place, soonest first. */
  alsoMeets: SearchResult[];
}

/** A constraint the rural fallback dropped to find its suggestions. */
export type RelaxedConstraint = 'radius' | 'attendance' | 'text' | 'wheelchair';

export interface RuralFallback {
  reason: 'few_in_person';
  inPersonWithinRadius: number;
  threshold: number;
  radiusKm: number;
  /**
   * The nearest place-bound matches beyond the radius (every other filter kept), one entry per
   * group and place: its soonest meeting, with the others in `alsoMeets`.
   */
  nearestBeyond: GatheredResult[];
  /** Online and phone meetings that keep the person's tailored filters, soonest first. */
  remote: SearchResult[];
  relaxed: { nearestBeyond: RelaxedConstraint[]; remote: RelaxedConstraint[] };
}

export interface SearchAnswer {
  results: SearchResult[];
  /** Every match of the query (all pages). */
  total: number;
  /** Present when another page follows. */
  nextCursor?: string;
  /** Absent when the query asked for none (`countFacets: false`). */
  facets?: SearchFacets;
  fallback?: RuralFallback;
}

/** The result for a row: its summary, distance (with a query point) and next occurrence. */
export function toResult(plan: Plan, row: number, withNear: boolean): SearchResult {
  const ix = plan.ix;
  const result: SearchResult = { meeting: ix.summary(row) };
  const dist = plan.distanceOf(row);
  if (withNear && ix.kind[row] === KIND_PLACE && Number.isFinite(dist)) result.distanceKm = dist;
  const when = plan.when;
  if (when.ensureNext(row)) {
    const scratch = plan.scratch;
    const start = scratch.nextStartMs[row]!;
    const end = start + scratch.nextDur[row]! * MS_PER_MINUTE;
    const recurrenceIndex = scratch.nextRec[row]!;
    const minuteOfWeek = ix.schedules.minute.data[ix.recOff[row]! + recurrenceIndex]!;
    result.next = {
      start,
      end,
      inProgress: start <= when.now && when.now < end,
      minutesUntilStart: Math.ceil((start - when.now) / MS_PER_MINUTE) + 0,
      recurrenceIndex,
      localDay: Math.floor(minuteOfWeek / 1440) as Weekday,
      localTime: clockText(minuteOfWeek % 1440),
    };
  }
  return result;
}

/** The sort key of a row, for the cursor of the page it ends. */
export function cursorKeyOf(
  plan: Plan,
  row: number,
  sort: SearchQuery['sort'],
  withNear: boolean,
): CursorKey {
  const ix = plan.ix;
  const start = plan.when.nextKey(row);
  const dist = plan.distanceOf(row);
  if (sort === 'distance' && withNear) {
    const bucket = ix.kind[row] === KIND_PLACE ? 0 : 1;
    return { sort, bucket, dist, start, slug: ix.slugs[row]! };
  }
  return { sort: 'time', start, dist, slug: ix.slugs[row]! };
}
