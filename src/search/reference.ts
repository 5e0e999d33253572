/**
 * A brute-force implementation of the search semantics documented in `search.ts`, for tests
 * only: every meeting is checked in turn, next occurrences come straight from `occurrences.ts`,
 * distances from the shared haversine, and the order from one sort. No index, no slots, no
 * cleverness, so the engine can be held to it.
 */
import { focusAreas, type Meeting, type Recurrence } from '../meetings/model.js';
import { getProgram } from '../meetings/programs.js';
import { gatheringKey } from './gathering.js';
import { distanceKm } from '../platform/geo/sphere.js';
import { indexedOccurrencesBetween, nextIndexedOccurrence } from './occurrences.js';
import type { AttendanceFilter, SearchQuery } from './query.js';
import { facetTags, type FacetTag } from './row-codes.js';
import type { RelaxedConstraint, SearchFacets } from './search.js';
import { meetingSearchTexts, queryWords, searchWords } from './text.js';
import { localDayWindow } from './week-math.js';

const MINUTE = 60_000;

export interface ReferenceNext {
  start: number;
  end: number;
  inProgress: boolean;
  minutesUntilStart: number;
  recurrenceIndex: number;
}

export interface ReferenceResult {
  slug: string;
  distanceKm?: number;
  next?: ReferenceNext;
}

export interface ReferenceAnswer {
  /** Every result, in order (no pages). */
  results: ReferenceResult[];
  total: number;
  facets: SearchFacets;
  fallback?: {
    inPersonWithinRadius: number;
    /** One per group at a place: its nearest-then-soonest meeting, then the group's others. */
    nearestBeyond: (ReferenceResult & { alsoMeets: ReferenceResult[] })[];
    remote: ReferenceResult[];
    relaxed: { nearestBeyond: RelaxedConstraint[]; remote: RelaxedConstraint[] };
  };
}

interface Occ {
  start: number;
  end: number;
  recurrenceIndex: number;
}

function startMinute(recurrence: Recurrence): number {
  if (recurrence.kind === 'by_appointment') return -1;
  const [h, m] = recurrence.start.split(':');
  return Number(h) * 60 + Number(m);
}

function inWindow(q: SearchQuery, minute: number): boolean {
  if (q.fromMinute === undefined && q.toMinute === undefined) return true;
  const from = q.fromMinute ?? 0;
  const to = q.toMinute ?? 1440;
  return from <= to ? minute >= from && minute < to : minute >= from || minute < to;
}

function hasWhen(q: SearchQuery): boolean {
  return (
    q.days !== undefined ||
    q.fromMinute !== undefined ||
    q.toMinute !== undefined ||
    q.startingWithinMinutes !== undefined ||
    q.date !== undefined
  );
}

/** Whether an occurrence's instant passes now / in-progress / starting-within / date. */
function instantOk(q: SearchQuery, o: Occ): boolean {
  if (o.end <= q.now) return false;
  if (o.start < q.now) {
    if (!q.includeInProgress) return false;
  } else if (
    q.startingWithinMinutes !== undefined &&
    o.start > q.now + q.startingWithinMinutes * MINUTE
  ) {
    return false;
  }
  if (q.date !== undefined) {
    const { start, end } = localDayWindow(q.date, q.viewerTimeZone);
    if (o.start < start || o.start >= end) return false;
  }
  return true;
}

/** Whether a recurrence passes the time-of-day window (and the days, when asked). */
function recurrenceOk(q: SearchQuery, recurrence: Recurrence, checkDays: boolean): boolean {
  if (recurrence.kind === 'by_appointment') return false;
  if (!inWindow(q, startMinute(recurrence))) return false;
  return !checkDays || q.days === undefined || q.days.includes(recurrence.day);
}

/** The first not-ended (or not-started) occurrence of one recurrence. */
function firstOf(m: Meeting, index: number, q: SearchQuery): Occ | undefined {
  const recurrence = m.schedule[index]!;
  let o = nextIndexedOccurrence([recurrence], m.timeZone, q.now);
  if (o !== undefined && o.start < q.now && !q.includeInProgress) {
    o = nextIndexedOccurrence([recurrence], m.timeZone, o.end);
  }
  return o === undefined ? undefined : { start: o.start, end: o.end, recurrenceIndex: index };
}

/** Qualifying occurrences (in order), or for unbounded queries the first one per recurrence. */
function qualifying(m: Meeting, q: SearchQuery, checkDays: boolean): Occ[] {
  const bounded = q.startingWithinMinutes !== undefined || q.date !== undefined;
  if (bounded) {
    let high = Infinity;
    if (q.startingWithinMinutes !== undefined) high = q.now + q.startingWithinMinutes * MINUTE;
    if (q.date !== undefined)
      high = Math.min(high, localDayWindow(q.date, q.viewerTimeZone).end - 1);
    // Occurrences still running at "now" count (when in-progress ones do), even if the
    // window closed before "now": those overlapping [now, ...) and starting by `high`.
    const to = Math.max(high + 1, q.now + 1);
    return indexedOccurrencesBetween(m.schedule, m.timeZone, q.now, to).filter(
      (o) =>
        instantOk(q, o) &&
        (!hasWhen(q) || recurrenceOk(q, m.schedule[o.recurrenceIndex]!, checkDays)),
    );
  }
  const found: Occ[] = [];
  m.schedule.forEach((recurrence, index) => {
    if (recurrence.kind === 'by_appointment') return;
    if (hasWhen(q) && !recurrenceOk(q, recurrence, checkDays)) return;
    const o = firstOf(m, index, q);
    if (o !== undefined) found.push(o);
  });
  return found.sort((a, b) => a.start - b.start || a.recurrenceIndex - b.recurrenceIndex);
}

/** Days (bits) with a qualifying occurrence, ignoring the days filter. */
function daysIgnoringDays(m: Meeting, q: SearchQuery): number {
  let days = 0;
  for (const o of qualifying(m, q, false)) {
    const recurrence = m.schedule[o.recurrenceIndex]!;
    if (recurrence.kind !== 'by_appointment') days |= 1 << recurrence.day;
  }
  return days;
}

function tagsOf(m: Meeting): Set<FacetTag> {
  const tags = new Set<FacetTag>();
  const program = getProgram(m.program);
  for (const code of m.types) {
    for (const tag of program?.types.get(code)?.tags ?? []) {
      if ((facetTags as readonly string[]).includes(tag)) tags.add(tag as FacetTag);
    }
  }
  if (m.place.wheelchairAccessible === true) tags.add('wheelchair');
  return tags;
}

function primary(tag: string): string {
  return (tag.split(/[-_]/, 1)[0] ?? tag).toLowerCase();
}

function attendanceValues(m: Meeting): Set<AttendanceFilter> {
  const values = new Set<AttendanceFilter>();
  if (m.attendance === 'in_person' || m.attendance === 'hybrid') values.add('in_person');
  if (m.attendance === 'online' || m.attendance === 'hybrid') values.add('online');
  if (m.attendance === 'hybrid') values.add('hybrid');
  if (m.online.phone !== undefined) values.add('phone');
  return values;
}

function hasPoint(m: Meeting): boolean {
  const { latitude, longitude } = m.place;
  return (
    latitude !== undefined &&
    longitude !== undefined &&
    Number.isFinite(latitude) &&
    Number.isFinite(longitude) &&
    Math.abs(latitude) <= 90 &&
    Math.abs(longitude) <= 180
  );
}

interface Checks {
  other: boolean;
  att: boolean;
  prog: boolean;
  focus: boolean;
  lang: boolean;
  day: boolean;
  /** Days ignoring the days filter (when time filters are set). */
  days: number;
}

interface Options {
  attendance: readonly AttendanceFilter[] | undefined;
  text: boolean;
  wheelchair: boolean;
}

function check(m: Meeting, q: SearchQuery, options: Options): Checks {
  const checks: Checks = {
    other: true,
    att: true,
    prog: true,
    focus: true,
    lang: true,
    day: true,
    days: 0,
  };
  if (!q.includeClosed && m.status !== 'active') checks.other = false;
  const tags = tagsOf(m);
  if (options.wheelchair && q.wheelchair === true && !tags.has('wheelchair')) checks.other = false;
  if (q.typeGroups !== undefined) {
    const keys = new Set(m.types.map((t) => `${m.program}:${t}`));
    if (!q.typeGroups.every((group) => group.some((key) => keys.has(key)))) checks.other = false;
  }
  if (options.text && q.text !== undefined) {
    const words = queryWords(q.text);
    const mine = meetingSearchTexts(m).flatMap(searchWords);
    if (!words.every((w) => mine.some((t) => t.startsWith(w)))) checks.other = false;
  }
  if (q.regions !== undefined) {
    const { latitude, longitude } = m.place;
    const inside =
      m.attendance !== 'online' &&
      hasPoint(m) &&
      q.regions.some((region) =>
        region.every(
          (c) => distanceKm(c.latitude, c.longitude, latitude!, longitude!) <= c.radiusKm,
        ),
      );
    if (!inside) checks.other = false;
  }
  if (options.attendance !== undefined) {
    const values = attendanceValues(m);
    checks.att = options.attendance.some((a) => values.has(a));
  }
  if (q.programs !== undefined) checks.prog = q.programs.includes(m.program);
  if (q.focus !== undefined) checks.focus = q.focus.some((f) => m.focus.includes(f));
  if (q.languages !== undefined) {
    const wanted = q.languages.map(primary);
    checks.lang = m.languages.some((l) => wanted.includes(primary(l)));
  }
  if (hasWhen(q)) {
    checks.days = daysIgnoringDays(m, q);
    if (checks.days === 0) checks.other = false;
    if (q.days !== undefined && !q.days.some((d) => (checks.days & (1 << d)) !== 0)) {
      checks.day = false;
    }
  }
  return checks;
}

function allPass(c: Checks): boolean {
  return c.other && c.att && c.prog && c.focus && c.lang && c.day;
}

function nextOf(m: Meeting, q: SearchQuery): ReferenceNext | undefined {
  const o = qualifying(m, q, true)[0];
  if (o === undefined) return undefined;
  return {
    start: o.start,
    end: o.end,
    inProgress: o.start <= q.now && q.now < o.end,
    minutesUntilStart: Math.ceil((o.start - q.now) / MINUTE) + 0,
    recurrenceIndex: o.recurrenceIndex,
  };
}

interface Entry {
  m: Meeting;
  place: boolean;
  dist: number;
  next: ReferenceNext | undefined;
  checks: Checks;
}

function byTime(a: Entry, b: Entry): number {
  const sa = a.next?.start ?? Infinity;
  const sb = b.next?.start ?? Infinity;
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (a.dist !== b.dist) return a.dist < b.dist ? -1 : 1;
  return a.m.slug < b.m.slug ? -1 : a.m.slug > b.m.slug ? 1 : 0;
}

function byDistance(a: Entry, b: Entry): number {
  if (a.dist !== b.dist) return a.dist < b.dist ? -1 : 1;
  const sa = a.next?.start ?? Infinity;
  const sb = b.next?.start ?? Infinity;
  if (sa !== sb) return sa < sb ? -1 : 1;
  return a.m.slug < b.m.slug ? -1 : a.m.slug > b.m.slug ? 1 : 0;
}

function toResult(e: Entry, withNear: boolean): ReferenceResult {
  const result: ReferenceResult = { slug: e.m.slug };
  if (withNear && e.place) result.distanceKm = e.dist;
  if (e.next !== undefined) result.next = e.next;
  return result;
}

function emptyFacets(): SearchFacets {
  return {
    attendance: { in_person: 0, online: 0, hybrid: 0, phone: 0 },
    program: {},
    day: [0, 0, 0, 0, 0, 0, 0],
    focus: Object.fromEntries(focusAreas.map((f) => [f, 0])) as SearchFacets['focus'],
    language: {},
    tags: Object.fromEntries(facetTags.map((t) => [t, 0])) as SearchFacets['tags'],
  };
}

function countFacets(pool: readonly Entry[], q: SearchQuery): SearchFacets {
  const facets = emptyFacets();
  const bump = (record: Record<string, number>, key: string): void => {
    record[key] = (record[key] ?? 0) + 1;
  };
  for (const { m, checks: c } of pool) {
    if (!c.other) continue;
    if (c.prog && c.focus && c.lang && c.day) {
      for (const v of attendanceValues(m)) facets.attendance[v]++;
    }
    if (c.att && c.focus && c.lang && c.day) bump(facets.program, m.program);
    if (c.att && c.prog && c.lang && c.day) for (const f of m.focus) facets.focus[f]++;
    if (c.att && c.prog && c.focus && c.day) {
      for (const l of new Set(m.languages.map(primary))) bump(facets.language, l);
    }
    if (c.att && c.prog && c.focus && c.lang) {
      let days = c.days;
      if (!hasWhen(q)) {
        days = 0;
        m.schedule.forEach((r, i) => {
          if (r.kind !== 'by_appointment' && firstOf(m, i, q) !== undefined) days |= 1 << r.day;
        });
      }
      for (let d = 0; d < 7; d++) if ((days & (1 << d)) !== 0) facets.day[d]!++;
    }
    if (allPass(c)) for (const t of tagsOf(m)) facets.tags[t]++;
  }
  return facets;
}

/** The whole ordered answer to a query, by brute force. */
export function referenceSearch(meetings: readonly Meeting[], q: SearchQuery): ReferenceAnswer {
  const near = q.near;
  const options: Options = { attendance: q.attendance, text: true, wheelchair: true };
  const entries: Entry[] = [];
  for (const m of meetings) {
    const place = m.attendance !== 'online';
    let dist = Infinity;
    if (near !== undefined && place) {
      if (!hasPoint(m)) continue;
      dist = distanceKm(near.latitude, near.longitude, m.place.latitude!, m.place.longitude!);
    }
    const checks = check(m, q, options);
    entries.push({ m, place, dist, next: allPass(checks) ? nextOf(m, q) : undefined, checks });
  }

  let pool: Entry[];
  if (near === undefined) {
    pool = entries;
  } else if (q.nearest !== undefined) {
    const nearest = entries
      .filter((e) => e.place && allPass(e.checks))
      .sort(byDistance)
      .slice(0, q.nearest);
    pool = [...nearest, ...entries.filter((e) => !e.place)];
  } else {
    pool = entries.filter((e) => !e.place || e.dist <= q.radiusKm);
  }
  const matches = pool.filter((e) => allPass(e.checks));
  let ordered: Entry[];
  if (q.sort === 'distance' && near !== undefined) {
    ordered = [
      ...matches.filter((e) => e.place).sort(byDistance),
      ...matches.filter((e) => !e.place).sort(byTime),
    ];
  } else {
    ordered = [...matches].sort(byTime);
  }
  const answer: ReferenceAnswer = {
    results: ordered.map((e) => toResult(e, near !== undefined)),
    total: matches.length,
    facets: countFacets(pool, q),
  };

  const inPerson = matches.filter((e) => e.place).length;
  const admitsInPerson =
    q.attendance === undefined ||
    q.attendance.includes('in_person') ||
    q.attendance.includes('hybrid');
  if (
    near !== undefined &&
    q.nearest === undefined &&
    admitsInPerson &&
    inPerson < q.fallbackThreshold
  ) {
    const gatherings = new Map<string, Entry[]>();
    for (const e of entries
      .filter((e) => e.place && allPass(e.checks) && e.dist > q.radiusKm)
      .sort(byDistance)) {
      const key = `${gatheringKey(e.m)}\u0000${e.m.place.latitude}\u0000${e.m.place.longitude}`;
      gatherings.set(key, [...(gatherings.get(key) ?? []), e]);
    }
    const nearestBeyond = [...gatherings.values()].slice(0, 5);
    const remoteAttendance = q.attendance?.filter((a) => a === 'online' || a === 'phone');
    const keep = remoteAttendance !== undefined && remoteAttendance.length > 0;
    const tailored: Options = {
      attendance: keep ? remoteAttendance : undefined,
      text: false,
      wheelchair: false,
    };
    const remote = meetings
      .filter((m) => m.attendance === 'online')
      .map((m): Entry | undefined => {
        const checks = check(m, q, tailored);
        if (!allPass(checks)) return undefined;
        return { m, place: false, dist: Infinity, next: nextOf(m, q), checks };
      })
      .filter((e): e is Entry => e !== undefined)
      .sort(byTime)
      .slice(0, 10);
    const relaxed: RelaxedConstraint[] = [];
    if (q.attendance !== undefined && !keep) relaxed.push('attendance');
    if (q.text !== undefined && queryWords(q.text).length > 0) relaxed.push('text');
    if (q.wheelchair === true) relaxed.push('wheelchair');
    answer.fallback = {
      inPersonWithinRadius: inPerson,
      nearestBeyond: nearestBeyond.map(([first, ...others]) => ({
        ...toResult(first!, true),
        alsoMeets: others.map((e) => toResult(e, true)),
      })),
      remote: remote.map((e) => toResult(e, false)),
      relaxed: { nearestBeyond: ['radius'], remote: relaxed },
    };
  }
  return answer;
}
