import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import type { Meeting } from '../meetings/model.js';
import { PorchlightError } from '../platform/errors.js';
import { distanceKm } from '../platform/geo/sphere.js';
import type { SearchQuery } from './query.js';
import { referenceSearch, type ReferenceAnswer, type ReferenceResult } from './reference.js';
import { SearchIndex } from './search-index.js';
import { search, type SearchAnswer, type SearchResult } from './search.js';
import {
  makeMeeting,
  randomWorld,
  taggedKeys,
  worldClusters,
  worldZones,
} from './test-meetings.js';

const ms = (iso: string): number => Temporal.Instant.from(iso).epochMilliseconds;
const local = (date: string, time: string, zone: string): number =>
  Temporal.PlainDateTime.from(`${date}T${time}`).toZonedDateTime(zone).epochMilliseconds;
const MILE = 1.609344;

function query(overrides: Partial<SearchQuery> & { now: number }): SearchQuery {
  return {
    viewerTimeZone: 'America/New_York',
    radiusKm: 40,
    includeInProgress: true,
    includeClosed: false,
    sort: 'time',
    limit: 1000,
    fallbackThreshold: 5,
    ...overrides,
  };
}

const slugs = (results: readonly SearchResult[]): string[] => results.map((r) => r.meeting.slug);

/** A result reduced to what the reference also knows. */
function comparable(r: SearchResult | ReferenceResult): unknown[] {
  const slug = 'meeting' in r ? r.meeting.slug : r.slug;
  const next = r.next;
  return [
    slug,
    next?.start,
    next?.end,
    next?.inProgress,
    next?.minutesUntilStart,
    next?.recurrenceIndex,
    r.distanceKm === undefined ? undefined : Math.round(r.distanceKm * 1e6),
  ];
}

function expectSameResults(
  actual: readonly SearchResult[],
  expected: readonly ReferenceResult[],
): void {
  expect(actual.map(comparable)).toEqual(expected.map(comparable));
  actual.forEach((r, i) => {
    const d = expected[i]?.distanceKm;
    if (d !== undefined) expect(Math.abs(r.distanceKm! - d)).toBeLessThan(1e-6);
  });
}

function expectSameAnswer(answer: SearchAnswer, reference: ReferenceAnswer): void {
  expect(answer.total).toBe(reference.total);
  expect(answer.facets).toEqual(reference.facets);
  expect(answer.fallback === undefined).toBe(reference.fallback === undefined);
  if (answer.fallback !== undefined && reference.fallback !== undefined) {
    expect(answer.fallback.inPersonWithinRadius).toBe(reference.fallback.inPersonWithinRadius);
    expectSameResults(answer.fallback.nearestBeyond, reference.fallback.nearestBeyond);
    expectSameResults(
      answer.fallback.nearestBeyond.flatMap((r) => r.alsoMeets),
      reference.fallback.nearestBeyond.flatMap((r) => r.alsoMeets),
    );
    expect(answer.fallback.nearestBeyond.map((r) => r.alsoMeets.length)).toEqual(
      reference.fallback.nearestBeyond.map((r) => r.alsoMeets.length),
    );
    expectSameResults(answer.fallback.remote, reference.fallback.remote);
    expect(answer.fallback.relaxed).toEqual(reference.fallback.relaxed);
  }
}

/** Every page of a query, following cursors. */
function allPages(index: SearchIndex, q: SearchQuery, maxPages = 1000): SearchResult[] {
  const results: SearchResult[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const answer: SearchAnswer = search(index, cursor === undefined ? q : { ...q, cursor });
    results.push(...answer.results);
    cursor = answer.nextCursor;
    if (cursor === undefined) break;
  }
  return results;
}

// ---------------------------------------------------------------------------------------------

describe('rural fallback on a sparse county', () => {
  // Colrain, MA: the viewer. 25 miles around it hold two women's meetings.
  const home = { latitude: 42.6731, longitude: -72.6887 };
  /** A point `km` north of home. */
  const north = (km: number) => ({ latitude: home.latitude + km / 111.195, longitude: -72.6887 });
  const women = taggedKeys('women');
  const now = local('2026-11-03', '17:00', 'America/New_York');
  const inPerson = (slug: string, km: number, types: string[], day = 2): Meeting =>
    makeMeeting({
      slug,
      name: `${slug} group`,
      types,
      schedule: [{ kind: 'weekly', day: day as 2, start: '19:00', durationMinutes: 60 }],
      place: { ...north(km), address: { city: 'Somewhere' }, regions: [] },
    });
  const online = (slug: string, start: string, types: string[], phoneOnly = false): Meeting =>
    makeMeeting({
      slug,
      name: `${slug} online`,
      types,
      attendance: 'online',
      schedule: [{ kind: 'weekly', day: 2, start, durationMinutes: 60 }],
      place: { address: { city: 'Greenfield' }, approximate: true, regions: [] },
      online: phoneOnly ? { phone: '+16465588656,,1#' } : { url: 'https://zoom.us/j/1' },
    });
  const meetings = [
    inPerson('near-women-a', 8, ['W']),
    inPerson('near-women-b', 30, ['W', 'B']),
    inPerson('mixed-42', 42, ['O']), // beyond the radius, not a women's meeting
    inPerson('women-45', 45, ['W']),
    inPerson('women-60', 60, ['W']),
    inPerson('women-120', 120, ['W']),
    online('women-online-late', '20:00', ['W']),
    online('women-online-soon', '17:30', ['W']),
    online('women-phone', '18:00', ['W'], true),
    online('everyone-online', '17:15', []),
  ];
  const index = SearchIndex.build(meetings, { now });
  const base = query({ now, near: home, radiusKm: 25 * MILE, typeGroups: [women] });

  it('says how few in-person meetings are near, and lists the nearest beyond and the online ones', () => {
    const answer = search(index, base);
    expect(slugs(answer.results)).toEqual([
      'women-online-soon',
      'women-phone',
      'near-women-a',
      'near-women-b',
      'women-online-late',
    ]);
    const fallback = answer.fallback!;
    expect(fallback).toMatchObject({
      reason: 'few_in_person',
      inPersonWithinRadius: 2,
      threshold: 5,
      radiusKm: 25 * MILE,
      relaxed: { nearestBeyond: ['radius'], remote: [] },
    });
    expect(slugs(fallback.nearestBeyond)).toEqual(['women-45', 'women-60', 'women-120']);
    expect(fallback.nearestBeyond.map((r) => Math.round(r.distanceKm!))).toEqual([45, 60, 120]);
    expect(slugs(fallback.remote)).toEqual([
      'women-online-soon',
      'women-phone',
      'women-online-late',
    ]);
    expectSameAnswer(answer, referenceSearch(meetings, base));
  });

  it('relaxes attendance for someone who asked for in-person meetings', () => {
    const q = { ...base, attendance: ['in_person' as const] };
    const answer = search(index, q);
    expect(slugs(answer.results)).toEqual(['near-women-a', 'near-women-b']);
    expect(answer.fallback?.relaxed).toEqual({ nearestBeyond: ['radius'], remote: ['attendance'] });
    expect(slugs(answer.fallback!.remote)).toEqual([
      'women-online-soon',
      'women-phone',
      'women-online-late',
    ]);
    expect(answer.facets!.attendance).toEqual({ in_person: 2, online: 3, hybrid: 0, phone: 1 });
    expectSameAnswer(answer, referenceSearch(meetings, q));
  });

  it('keeps the phone for someone without broadband', () => {
    const q = { ...base, attendance: ['in_person' as const, 'phone' as const], text: 'group' };
    const answer = search(index, q);
    expect(slugs(answer.fallback!.remote)).toEqual(['women-phone']);
    expect(answer.fallback!.relaxed.remote).toEqual(['text']);
    expectSameAnswer(answer, referenceSearch(meetings, q));
  });

  it('shows a group meeting several evenings at one place once, with its other meetings', () => {
    const at45 = north(45);
    const step = (slug: string, day: number, name: string, group: Meeting['group']): Meeting =>
      makeMeeting({
        slug,
        name,
        types: ['W'],
        group,
        schedule: [{ kind: 'weekly', day: day as 2, start: '19:00', durationMinutes: 60 }],
        place: { ...at45, address: { city: 'Athol' }, regions: [] },
      });
    const plain = { contacts: [], contactsPublic: false };
    const byId = { ...plain, sourceId: 'g-7' };
    const world = [
      ...meetings,
      // One group by its id in the source, whatever each row is called.
      step('step-wed', 3, "Women's Step Study", byId),
      step('step-thu', 4, "Thursday Women's Step Study", byId),
      step('step-sat', 6, 'Saturday Step', byId),
      // Another by its name, without the weekday it carries.
      step('sisters-mon', 1, 'Monday Sober Sisters', plain),
      step('sisters-fri', 5, 'Sober Sisters', plain),
      // A different group in the same hall.
      step('circle-fri', 5, "Women's Circle", plain),
      inPerson('women-200', 200, ['W']),
    ];
    const q = base;
    const answer = search(SearchIndex.build(world, { now }), q);
    const beyond = answer.fallback!.nearestBeyond;
    expect(beyond.map((r) => [r.meeting.slug, slugs(r.alsoMeets)])).toEqual([
      ['women-45', []],
      ['step-wed', ['step-thu', 'step-sat']],
      // Friday before next Monday: a group is listed by its soonest meeting.
      ['circle-fri', []],
      ['sisters-fri', ['sisters-mon']],
      ['women-60', []],
    ]);
    expectSameAnswer(answer, referenceSearch(world, q));
  });

  it('looks past a group with many meetings for the next rooms', () => {
    const hall = { ...north(44), address: { city: 'Orange' }, regions: [] };
    const daily = Array.from({ length: 30 }, (_, i) =>
      makeMeeting({
        slug: `daily-${String(i).padStart(2, '0')}`,
        name: 'Hilltown Daily',
        types: ['W'],
        schedule: [
          {
            kind: 'weekly',
            day: (i % 7) as 2,
            start: `${String(6 + Math.floor(i / 7) * 3).padStart(2, '0')}:00`,
            durationMinutes: 60,
          },
        ],
        place: hall,
      }),
    );
    const world = [...meetings, ...daily];
    const answer = search(SearchIndex.build(world, { now }), base);
    const beyond = answer.fallback!.nearestBeyond;
    expect(slugs(beyond).slice(1)).toEqual(['women-45', 'women-60', 'women-120']);
    expect(beyond[0]!.alsoMeets).toHaveLength(29);
    expectSameAnswer(answer, referenceSearch(world, base));
  });

  it('needs no fallback when enough meetings are near, or when the nearest N were asked for', () => {
    expect(search(index, { ...base, fallbackThreshold: 2 }).fallback).toBeUndefined();
    expect(search(index, { ...base, nearest: 3 }).fallback).toBeUndefined();
    expect(search(index, { ...base, attendance: ['online'] }).fallback).toBeUndefined();
  });

  it('sorts by distance with online meetings after the place-bound ones', () => {
    const answer = search(index, { ...base, sort: 'distance', radiusKm: 200 });
    expect(slugs(answer.results)).toEqual([
      'near-women-a',
      'near-women-b',
      'women-45',
      'women-60',
      'women-120',
      'women-online-soon',
      'women-phone',
      'women-online-late',
    ]);
    expect(answer.results[5]!.distanceKm).toBeUndefined();
  });
});

describe('time zones, midnight and DST', () => {
  it('reads days in the meeting zone and dates in the viewer zone (viewer in Los Angeles)', () => {
    const meetings = [
      makeMeeting({ slug: 'ny-tuesday-7pm' }),
      makeMeeting({
        slug: 'ny-wednesday-1am',
        schedule: [{ kind: 'weekly', day: 3, start: '01:00', durationMinutes: 60 }],
      }),
    ];
    const now = local('2026-11-03', '09:00', 'America/Los_Angeles');
    const index = SearchIndex.build(meetings, { now });
    const viewer = { now, viewerTimeZone: 'America/Los_Angeles' };
    // Both happen on Tuesday the 3rd in Los Angeles: 16:00 and 22:00 PST.
    const tuesday = search(index, query({ ...viewer, date: '2026-11-03' }));
    expect(slugs(tuesday.results)).toEqual(['ny-tuesday-7pm', 'ny-wednesday-1am']);
    expect(tuesday.results.map((r) => r.next!.start)).toEqual([
      ms('2026-11-04T00:00:00Z'),
      ms('2026-11-04T06:00:00Z'),
    ]);
    expect(tuesday.results[1]!.next).toMatchObject({ localDay: 3, localTime: '01:00' });
    // "Wednesday" is the meeting's own Wednesday (its zone), a Tuesday evening for the viewer.
    const wednesday = search(index, query({ ...viewer, days: [3] }));
    expect(slugs(wednesday.results)).toEqual(['ny-wednesday-1am']);
    expect(search(index, query({ ...viewer, date: '2026-11-04' })).results).toHaveLength(0);
  });

  it('finds a meeting that crosses midnight in progress at 00:10', () => {
    const meeting = makeMeeting({
      slug: 'saturday-late',
      schedule: [{ kind: 'weekly', day: 6, start: '23:30', durationMinutes: 60 }],
    });
    const now = local('2026-11-08', '00:10', 'America/New_York');
    const index = SearchIndex.build([meeting], { now });
    const start = local('2026-11-07', '23:30', 'America/New_York');
    const [result] = search(index, query({ now })).results;
    expect(result!.next).toEqual({
      start,
      end: start + 3_600_000,
      inProgress: true,
      minutesUntilStart: -40,
      recurrenceIndex: 0,
      localDay: 6,
      localTime: '23:30',
    });
    expect(search(index, query({ now, days: [0] })).results).toHaveLength(0);
    expect(search(index, query({ now, days: [6] })).results).toHaveLength(1);
    expect(search(index, query({ now, startingWithinMinutes: 30 })).results).toHaveLength(1);
    const later = search(index, query({ now, includeInProgress: false })).results[0]!;
    expect(later.next!.start).toBe(local('2026-11-14', '23:30', 'America/New_York'));
    const soon = query({ now, includeInProgress: false, startingWithinMinutes: 30 });
    expect(search(index, soon).results).toHaveLength(0);
  });

  it('follows DST in Europe/London and Australia/Sydney', () => {
    const meetings = [
      makeMeeting({
        slug: 'london-gap',
        timeZone: 'Europe/London',
        schedule: [{ kind: 'weekly', day: 0, start: '01:30', durationMinutes: 60 }],
      }),
      makeMeeting({
        slug: 'london-saturday',
        timeZone: 'Europe/London',
        schedule: [{ kind: 'weekly', day: 6, start: '19:00', durationMinutes: 90 }],
      }),
      makeMeeting({
        slug: 'sydney-twice',
        timeZone: 'Australia/Sydney',
        schedule: [{ kind: 'weekly', day: 0, start: '02:30', durationMinutes: 60 }],
      }),
    ];
    const now = ms('2026-03-28T20:00:00Z');
    const index = SearchIndex.build(meetings, { now });
    const starts = (at: number): Record<string, number> =>
      Object.fromEntries(
        search(index, query({ now: at })).results.map((r) => [r.meeting.slug, r.next!.start]),
      );
    expect(starts(now)).toEqual({
      // 01:30 does not exist on 29 March in London: it moves forward by the gap.
      'london-gap': ms('2026-03-29T01:30:00Z'),
      // Saturday evenings: GMT before the change, BST after.
      'london-saturday': ms('2026-03-28T19:00:00Z'),
      // 02:30 happens twice on 5 April in Sydney: the earlier one (AEDT, UTC+11) counts.
      'sydney-twice': ms('2026-04-04T15:30:00Z'),
    });
    expect(starts(ms('2026-03-30T00:00:00Z'))['london-saturday']).toBe(ms('2026-04-04T18:00:00Z'));
    // The Sunday before, 02:30 AEDT is an ordinary instant.
    expect(starts(ms('2026-03-21T00:00:00Z'))['sydney-twice']).toBe(ms('2026-03-21T15:30:00Z'));
    // The Sunday after, AEST (UTC+10).
    expect(starts(ms('2026-04-06T00:00:00Z'))['sydney-twice']).toBe(ms('2026-04-11T16:30:00Z'));
    for (const at of [
      now,
      ms('2026-03-30T00:00:00Z'),
      ms('2026-04-04T16:00:00Z'),
      ms('2026-03-21T00:00:00Z'),
    ]) {
      const q = query({ now: at });
      expectSameResults(search(index, q).results, referenceSearch(meetings, q).results);
    }
  });
});

describe('pages, counts and upkeep', () => {
  const world = randomWorld(400, 11);
  const now = ms('2026-10-30T16:00:00Z');
  const index = SearchIndex.build(world, { now, horizonWeeks: 2 });

  it('reproduces the full list page by page with cursors, in both sorts', () => {
    for (const sort of ['time', 'distance'] as const) {
      const q = query({ now, near: worldClusters[0], radiusKm: 150, sort });
      const full = search(index, q).results;
      expect(full.length).toBeGreaterThan(50);
      expect(slugs(allPages(index, { ...q, limit: 7 }))).toEqual(slugs(full));
      expectSameResults(full, referenceSearch(world, q).results);
    }
  });

  it('refuses a cursor it did not hand out', () => {
    const bad = query({ now, cursor: 'not-a-cursor' });
    expect(() => search(index, bad)).toThrow(PorchlightError);
    const timeCursor = search(index, query({ now, limit: 1 })).nextCursor!;
    const near = worldClusters[0];
    expect(() => search(index, query({ now, near, sort: 'distance', cursor: timeCursor }))).toThrow(
      /cursor/,
    );
  });

  it('counts each filter value as if that filter alone were replaced', () => {
    const meetings = [
      makeMeeting({ slug: 'aa-in-person', types: ['W'] }),
      makeMeeting({ slug: 'aa-hybrid', attendance: 'hybrid', online: { url: 'https://x.org' } }),
      makeMeeting({
        slug: 'aa-online-es',
        attendance: 'online',
        languages: ['es-MX'],
        online: { url: 'https://x.org', phone: '+15551234567' },
      }),
      makeMeeting({ slug: 'na-in-person', program: 'na', focus: ['drugs'] }),
      makeMeeting({ slug: 'aa-closed', status: 'temporarily_closed' }),
      makeMeeting({
        slug: 'aa-saturday',
        schedule: [{ kind: 'weekly', day: 6, start: '09:00', durationMinutes: 60 }],
      }),
    ];
    const small = SearchIndex.build(meetings, { now });
    const q = query({ now, attendance: ['online'], programs: ['aa'] });
    const answer = search(small, q);
    expect(slugs(answer.results).sort()).toEqual(['aa-hybrid', 'aa-online-es']);
    expect(answer.facets!.attendance).toEqual({ in_person: 3, online: 2, hybrid: 1, phone: 1 });
    expect(answer.facets!.program).toEqual({ aa: 2 });
    expect(answer.facets!.day).toEqual([0, 0, 2, 0, 0, 0, 0]);
    expect(answer.facets!.language).toEqual({ es: 1 });
    expect(answer.facets!.focus.alcohol).toBe(2);
    expect(answer.facets!.tags).toEqual({
      women: 0,
      men: 0,
      young_people: 0,
      lgbtq: 0,
      wheelchair: 0,
      people_of_color: 0,
      black: 0,
      indigenous: 0,
      seniors: 0,
      veterans: 0,
    });
    const byDay = search(small, query({ now, days: [6] }));
    expect(byDay.total).toBe(1);
    expect(byDay.facets!.day).toEqual([0, 0, 4, 0, 0, 0, 1]);
    expectSameAnswer(answer, referenceSearch(meetings, q));
    expectSameAnswer(byDay, referenceSearch(meetings, query({ now, days: [6] })));
  });

  it('stays right through upserts, removals and a horizon rebuild', () => {
    const meetings = randomWorld(300, 5);
    const live = SearchIndex.build(meetings, { now, horizonWeeks: 2 });
    const current = new Map(meetings.map((m) => [m.id, m]));
    const moved = {
      ...meetings[3]!,
      place: { ...meetings[3]!.place, latitude: -33.9, longitude: 151.2 },
    };
    const rescheduled: Meeting = {
      ...meetings[4]!,
      attendance: 'in_person',
      schedule: [{ kind: 'monthly', day: 5, week: 5, start: '02:30', durationMinutes: 45 }],
    };
    const added = makeMeeting({ slug: 'zz-new', types: ['W'], place: { ...worldClusters[0] } });
    for (const m of [moved, rescheduled, added]) {
      live.upsert(m);
      current.set(m.id, m);
    }
    live.remove(meetings[5]!.id);
    current.delete(meetings[5]!.id);
    expect(live.size).toBe(current.size);
    const list = [...current.values()];
    for (const at of [now, now + 20 * 86_400_000]) {
      // As the refresh timer does: twenty days on, the horizon is rebuilt.
      live.refresh(at);
      for (const extra of [
        {},
        { near: worldClusters[2], radiusKm: 300 },
        { near: worldClusters[0], nearest: 5, sort: 'distance' as const },
        { startingWithinMinutes: 600 },
        { text: 'new' },
      ]) {
        const q = query({ now: at, ...extra });
        const answer = search(live, q);
        const reference = referenceSearch(list, q);
        expectSameResults(answer.results, reference.results);
        expectSameAnswer(answer, reference);
      }
    }
  });

  it("builds the same index a page at a time, and lets a repeated id's later meeting win", () => {
    const meetings = randomWorld(120, 3);
    const builder = SearchIndex.builder({ now, horizonWeeks: 2 });
    for (const m of meetings.slice(0, 60)) builder.add(m);
    for (const m of meetings.slice(60)) builder.add(m);
    const paged = builder.finish();
    const whole = SearchIndex.build(meetings, { now, horizonWeeks: 2 });
    const q = query({ now, near: worldClusters[1], radiusKm: 300 });
    expect(search(paged, q)).toEqual(search(whole, q));
    expect(() => builder.add(meetings[0]!)).toThrow();

    const first = makeMeeting({ slug: 'first', name: 'Old name' });
    const again = makeMeeting({ slug: 'first-renamed', id: first.id, name: 'New name' });
    const uuid = makeMeeting({ slug: 'uuid', id: '0f8fad5b-d9cb-469f-a165-70867728950e' });
    const index2 = SearchIndex.build([first, uuid, again], { now });
    expect(index2.size).toBe(2);
    expect(index2.summaryById(first.id)?.name).toBe('New name');
    expect(index2.summaryById(uuid.id)?.id).toBe(uuid.id);
    expect(slugs(search(index2, query({ now })).results).sort()).toEqual(['first-renamed', 'uuid']);
    expect(index2.remove(uuid.id)).toBe(true);
    expect(index2.remove(uuid.id)).toBe(false);
    expect(index2.summaryById(uuid.id)).toBeUndefined();
  });

  it('measures its memory and keeps a lean summary', () => {
    const memory = index.memoryEstimate();
    expect(memory.total).toBeGreaterThan(0);
    const [first] = search(index, query({ now, limit: 1 })).results;
    expect(Object.keys(first!.meeting)).toEqual(
      expect.arrayContaining(['id', 'slug', 'name', 'program', 'attendance', 'timeZone']),
    );
  });
});

// ---------------------------------------------------------------------------------------------

describe('agrees with the brute-force reference (property)', () => {
  const world = randomWorld(1500, 20261104);
  // Weeks around the DST changes of the three zones (and a quiet one), spring and autumn.
  const bases = [
    '2026-03-05T12:00:00Z', // New York springs forward on 8 March
    '2026-03-26T12:00:00Z', // London on 29 March
    '2026-04-02T12:00:00Z', // Sydney falls back on 5 April
    '2026-10-01T12:00:00Z', // Sydney springs forward on 4 October
    '2026-10-22T12:00:00Z', // London falls back on 25 October
    '2026-10-29T12:00:00Z', // New York falls back on 1 November
  ].map(ms);
  const index = SearchIndex.build(world, { now: bases[0]!, horizonWeeks: 2 });
  const keys = [
    taggedKeys('women'),
    taggedKeys('lgbtq'),
    taggedKeys('young_people'),
    ['aa:O', 'na:O'],
    ['aa:B'],
    ['al-anon:AC', 'aa:W'],
  ];
  const words = [
    'cafe',
    'Café',
    'serenity',
    'grupo',
    "st mark's",
    'hall',
    'main',
    'green',
    'eglise',
  ];

  /** `arb` in about `share` of the runs, else absent (fc.option's freq gives the opposite). */
  const sometimes = <T>(arb: fc.Arbitrary<T>, share: number): fc.Arbitrary<T | undefined> =>
    fc.oneof(
      { arbitrary: arb, weight: Math.round(share * 100) },
      { arbitrary: fc.constant(undefined), weight: Math.round((1 - share) * 100) },
    );
  const queryArb = (base: number): fc.Arbitrary<SearchQuery> =>
    fc
      .record(
        {
          // Quarter hours often: starts sit on them, so window edges are met exactly.
          offset: fc.oneof(
            fc.integer({ min: 0, max: 6 * 1440 }),
            fc.integer({ min: 0, max: 6 * 96 }).map((q) => q * 15),
          ),
          near: sometimes(
            fc.record({
              cluster: fc.constantFrom(...worldClusters),
              dLat: fc.double({ min: -1.2, max: 1.2, noNaN: true }),
              dLng: fc.double({ min: -1.2, max: 1.2, noNaN: true }),
            }),
            0.7,
          ),
          radiusKm: fc.constantFrom(1, 5, 25, 40.2336, 100, 300),
          nearest: sometimes(fc.integer({ min: 1, max: 30 }), 0.25),
          days: sometimes(
            fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 3 }),
            0.25,
          ),
          window: sometimes(
            fc.tuple(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 1, max: 96 })),
            0.2,
          ),
          within: sometimes(
            fc.oneof(
              fc.integer({ min: 1, max: 3000 }),
              fc.constantFrom(15, 30, 45, 60, 90, 120, 180, 1440),
            ),
            0.2,
          ),
          includeInProgress: fc.boolean(),
          date: sometimes(fc.integer({ min: -1, max: 20 }), 0.12),
          viewer: fc.constantFrom(...worldZones),
          attendance: sometimes(
            fc.uniqueArray(
              fc.constantFrom<('in_person' | 'online' | 'hybrid' | 'phone')[]>(
                'in_person',
                'online',
                'hybrid',
                'phone',
              ),
              { minLength: 1, maxLength: 2 },
            ),
            0.25,
          ),
          programs: sometimes(
            fc.uniqueArray(fc.constantFrom('aa', 'na', 'al-anon', 'smart-recovery', 'ga'), {
              minLength: 1,
              maxLength: 2,
            }),
            0.2,
          ),
          focus: sometimes(
            fc.uniqueArray(
              fc.constantFrom(
                'alcohol',
                'drugs',
                'gambling',
                'family_and_friends',
              ) as fc.Arbitrary<'alcohol'>,
              { minLength: 1, maxLength: 2 },
            ),
            0.15,
          ),
          typeGroups: sometimes(
            fc.uniqueArray(fc.constantFrom(...keys), { minLength: 1, maxLength: 2 }),
            0.2,
          ),
          languages: sometimes(
            fc.uniqueArray(fc.constantFrom('en', 'es', 'fr', 'ase', 'de'), {
              minLength: 1,
              maxLength: 2,
            }),
            0.15,
          ),
          wheelchair: sometimes(fc.constant(true), 0.1),
          // Where drivers go: each region the overlap of one to two circles near a cluster.
          regions: sometimes(
            fc.array(
              fc.array(
                fc.record({
                  cluster: fc.constantFrom(...worldClusters),
                  dLat: fc.double({ min: -0.5, max: 0.5, noNaN: true }),
                  dLng: fc.double({ min: -0.5, max: 0.5, noNaN: true }),
                  radiusKm: fc.constantFrom(5, 20, 40, 80),
                }),
                { minLength: 1, maxLength: 2 },
              ),
              { minLength: 0, maxLength: 3 },
            ),
            0.15,
          ),
          includeClosed: fc.boolean(),
          text: sometimes(
            fc.uniqueArray(fc.constantFrom(...words), { minLength: 1, maxLength: 2 }),
            0.15,
          ),
          sort: fc.constantFrom('time', 'distance'),
          limit: fc.integer({ min: 1, max: 40 }),
          fallbackThreshold: fc.integer({ min: 0, max: 8 }),
        },
        { requiredKeys: [] },
      )
      .map((r) => {
        const q = query({
          now: base + (r.offset ?? 0) * 60_000,
          radiusKm: r.radiusKm ?? 40,
          includeInProgress: r.includeInProgress ?? true,
          includeClosed: r.includeClosed ?? false,
          limit: r.limit ?? 25,
          fallbackThreshold: r.fallbackThreshold ?? 5,
          viewerTimeZone: r.viewer ?? 'UTC',
        });
        if (r.near != null) {
          const longitude = r.near.cluster.longitude + r.near.dLng;
          q.near = {
            latitude: r.near.cluster.latitude + r.near.dLat,
            longitude: longitude > 180 ? longitude - 360 : longitude,
          };
          if (r.nearest != null) q.nearest = r.nearest;
          if (r.sort === 'distance') q.sort = 'distance';
        }
        if (r.days != null) q.days = r.days as SearchQuery['days'] & number[];
        if (r.window != null) {
          q.fromMinute = r.window[0] * 15;
          q.toMinute = r.window[1] * 15;
        }
        if (r.within != null) q.startingWithinMinutes = r.within;
        if (r.date != null) {
          q.date = Temporal.Instant.fromEpochMilliseconds(q.now)
            .toZonedDateTimeISO(q.viewerTimeZone)
            .toPlainDate()
            .add({ days: r.date })
            .toString();
        }
        if (r.attendance != null) q.attendance = r.attendance;
        if (r.programs != null) q.programs = r.programs;
        if (r.focus != null) q.focus = r.focus;
        if (r.typeGroups != null) q.typeGroups = r.typeGroups;
        if (r.languages != null) q.languages = r.languages;
        if (r.wheelchair != null) q.wheelchair = true;
        if (r.regions != null)
          q.regions = r.regions.map((region) =>
            region.map((c) => ({
              latitude: c.cluster.latitude + c.dLat,
              longitude: c.cluster.longitude + c.dLng,
              radiusKm: c.radiusKm,
            })),
          );
        if (r.text != null) q.text = r.text.join(' ');
        return q;
      });

  it.each(bases.map((base) => [new Date(base).toISOString().slice(0, 10), base]))(
    'in the week of %s',
    (_label, base) => {
      // As the refresh timer does: the week's occurrences come from the index's lists.
      index.refresh(base);
      fc.assert(
        fc.property(queryArb(base), (q) => {
          const reference = referenceSearch(world, q);
          const full = search(index, { ...q, limit: 100_000 });
          expectSameResults(full.results, reference.results);
          expectSameAnswer(full, reference);
          // Without facet counts: the same page and total, and no counts.
          const uncounted = search(index, { ...q, countFacets: false });
          expect(uncounted.facets).toBeUndefined();
          expect(uncounted.total).toBe(reference.total);
          expect(uncounted.results).toEqual(search(index, q).results);
          // Pages of the query's own size, as far as three of them go.
          const pages = allPages(index, q, 3);
          expectSameResults(pages, reference.results.slice(0, pages.length));
        }),
        { numRuns: 35, seed: Number(base) % 2_147_483_647 },
      );
    },
  );

  it.each([
    ['before', bases[0]!],
    ['after', bases[5]!],
  ])('answers the same from an index whose horizon lies %s the query', (_label, base) => {
    // Built for early April and never refreshed: every occurrence is computed directly.
    const stale = SearchIndex.build(world, { now: bases[2]!, horizonWeeks: 2 });
    fc.assert(
      fc.property(queryArb(base), (q) => {
        const reference = referenceSearch(world, q);
        const full = search(stale, { ...q, limit: 100_000 });
        expectSameResults(full.results, reference.results);
        expectSameAnswer(full, reference);
        const pages = allPages(stale, q, 3);
        expectSameResults(pages, reference.results.slice(0, pages.length));
      }),
      { numRuns: 15, seed: Number(base) % 2_147_483_647 },
    );
  });

  it('measures distances with the same haversine as the reference', () => {
    const q = query({ now: bases[0]!, near: worldClusters[3], radiusKm: 300, sort: 'distance' });
    for (const r of search(index, q).results) {
      if (r.distanceKm === undefined) continue;
      const d = distanceKm(
        worldClusters[3].latitude,
        worldClusters[3].longitude,
        r.meeting.latitude!,
        r.meeting.longitude!,
      );
      expect(r.distanceKm).toBe(d);
    }
  });
});

// ---------------------------------------------------------------------------------------------

/** Every field of a value, recursively, as plain data (functions only named), for comparing. */
function snapshot(value: unknown, seen = new Map<object, unknown>()): unknown {
  if (typeof value === 'function') return 'function';
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return seen.get(value);
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  if (value instanceof ArrayBuffer) return Array.from(new Uint8Array(value));
  if (value instanceof Map) {
    const entries: unknown[] = [];
    seen.set(value, entries);
    for (const [k, v] of value) entries.push([snapshot(k, seen), snapshot(v, seen)]);
    return entries;
  }
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    seen.set(value, items);
    for (const v of value) items.push(snapshot(v, seen));
    return items;
  }
  const fields: Record<string, unknown> = {};
  seen.set(value, fields);
  for (const [k, v] of Object.entries(value)) fields[k] = snapshot(v, seen);
  return fields;
}

describe('a search only reads the index', () => {
  const DAY = 86_400_000;
  const built = ms('2026-10-30T16:00:00Z');
  const meetings = randomWorld(400, 11);
  const near = worldClusters[1];
  const variants: Partial<SearchQuery>[] = [
    {},
    { includeInProgress: false },
    { near, radiusKm: 300 },
    { near, radiusKm: 5, fallbackThreshold: 8 },
    { near, nearest: 7, sort: 'distance' },
    { startingWithinMinutes: 600 },
    { days: [2, 5], fromMinute: 18 * 60, toMinute: 21 * 60 },
    { text: 'hall' },
  ];

  it('answers far from the horizon as the reference does, and leaves the index as it was', () => {
    const index = SearchIndex.build(meetings, { now: built, horizonWeeks: 2 });
    search(index, query({ now: built }));
    const before = snapshot(index);
    // Before the horizon, inside it, past its end.
    for (const at of [built - 20 * DAY, built + 3 * DAY, built + 40 * DAY]) {
      const date = Temporal.Instant.fromEpochMilliseconds(at + 2 * DAY)
        .toZonedDateTimeISO('America/New_York')
        .toPlainDate()
        .toString();
      for (const extra of [...variants, { date }]) {
        const q = query({ now: at, ...extra });
        const answer = search(index, q);
        const reference = referenceSearch(meetings, q);
        expectSameResults(answer.results, reference.results);
        expectSameAnswer(answer, reference);
      }
    }
    expect(snapshot(index)).toEqual(before);
  });

  it('moves its horizon only when refreshed, and answers the same either way', () => {
    const index = SearchIndex.build(meetings, { now: built, horizonWeeks: 2 });
    const horizon = [index.horizonStart, index.horizonEnd];
    const later = built + 40 * DAY;
    const stale = variants.map((extra) => search(index, query({ now: later, ...extra })));
    expect([index.horizonStart, index.horizonEnd]).toEqual(horizon);

    index.refresh(later);
    expect(index.horizonStart * 60_000).toBeLessThan(later - DAY);
    expect(index.horizonEnd * 60_000).toBeGreaterThan(later + 8 * DAY);
    const fresh = variants.map((extra) => search(index, query({ now: later, ...extra })));
    expect(fresh).toEqual(stale);
  });
});
