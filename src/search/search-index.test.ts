import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { SearchIndex } from './search-index.js';
import { search } from './search.js';
import { makeMeeting, randomWorld, wideQuery } from './test-meetings.js';

const DAY = 86_400_000;
const now = Temporal.Instant.from('2026-10-30T16:00:00Z').epochMilliseconds;

/** A query over a wide circle that lists everything it finds, near a point or anywhere. */
function wideQueryNear(near?: { latitude: number; longitude: number }, text?: string) {
  return wideQuery(now, {
    ...(near !== undefined ? { near } : {}),
    ...(text !== undefined ? { text } : {}),
  });
}

describe('the search index', () => {
  it('replaces a meeting by id and removes it, keeping its count', () => {
    const index = SearchIndex.build([makeMeeting({ slug: 'a' }), makeMeeting({ slug: 'b' })], {
      now,
    });
    expect(index.size).toBe(2);
    index.upsert(makeMeeting({ slug: 'a', name: 'Renamed' }));
    expect(index.size).toBe(2);
    expect(index.summaryById('id-a')?.name).toBe('Renamed');
    index.upsert(makeMeeting({ slug: 'c' }));
    expect(index.size).toBe(3);
    expect(index.remove('id-b')).toBe(true);
    expect(index.remove('id-b')).toBe(false);
    expect(index.summaryById('id-b')).toBeUndefined();
    expect(index.size).toBe(2);
  });

  it('summarises a meeting as a result lists it', () => {
    const index = SearchIndex.build(
      [
        makeMeeting({
          slug: 'hybrid',
          attendance: 'hybrid',
          types: ['W', 'O'],
          languages: ['es-MX'],
          online: { url: 'https://example.org/join', phone: '+15555550100' },
          place: {
            name: 'St. Mark',
            address: { city: 'Greenfield' },
            latitude: 42.5,
            longitude: -72.6,
            wheelchairAccessible: true,
          },
        }),
        makeMeeting({
          slug: 'centred',
          place: {
            address: { city: 'Greenfield' },
            latitude: 42.5,
            longitude: -72.6,
            geocoded: 'town',
          },
        }),
      ],
      { now },
    );
    expect(index.summaryById('id-hybrid')).toMatchObject({
      slug: 'hybrid',
      attendance: 'hybrid',
      types: ['W', 'O'],
      languages: ['es-MX'],
      placeName: 'St. Mark',
      city: 'Greenfield',
      latitude: 42.5,
      longitude: -72.6,
      wheelchairAccessible: true,
      hasOnlineLink: true,
      hasPhone: true,
      focus: ['alcohol'],
    });
    // Coordinates of a town's centre are searched by, not shown as the meeting's position.
    const centred = index.summaryById('id-centred')!;
    expect(centred.latitude).toBeUndefined();
    expect(centred.attendance).toBe('in_person');
  });

  it('moves its horizon only when refreshed near its end, and then shows it changed', () => {
    const index = SearchIndex.build(randomWorld(60, 8), { now, horizonWeeks: 3 });
    const version = index.version;
    const horizon = [index.horizonStart, index.horizonEnd];
    index.refresh(now + 5 * DAY);
    expect([index.horizonStart, index.horizonEnd, index.version]).toEqual([...horizon, version]);
    index.refresh(now + 15 * DAY);
    expect(index.horizonStart).toBeGreaterThan(horizon[0]!);
    expect(index.horizonEnd * 60_000).toBeGreaterThan(now + 15 * DAY + 8 * DAY);
    expect(index.version).toBeGreaterThan(version);
  });

  it('rebuilds its static parts on refresh once many rows changed, not before', () => {
    const world = randomWorld(300, 9);
    const index = SearchIndex.build(world, { now });
    for (const m of world.slice(0, 100)) index.upsert({ ...m, name: `${m.name} again` });
    index.refresh(now);
    expect(index.timelineDirty.length).toBe(200);
    for (const m of world.slice(100, 200)) index.upsert({ ...m, name: `${m.name} again` });
    index.refresh(now);
    expect(index.timelineDirty).toEqual([]);
    expect(index.words.dirty.size).toBe(0);
    // kdbush has its own threshold: the moved rows wait in the overflow list.
    expect(index.geo.overflow.length).toBeGreaterThan(0);
  });

  it('rebuilds its static parts beside the live ones, answering the same at every step', () => {
    const world = randomWorld(400, 12);
    const index = SearchIndex.build(world, { now });
    const changed = world.slice(0, 150).map((m) => ({ ...m, name: `${m.name} serenity` }));
    for (const m of changed) index.upsert(m);
    for (const m of world.slice(150, 170)) index.remove(m.id);
    index.refresh(now, { deferRebuild: true });
    expect(index.staticPartsStale()).toBe(true);
    const queries = [undefined, 'serenity'].flatMap((text) =>
      [undefined, { latitude: 42.5876, longitude: -72.5995 }].map((near) =>
        wideQueryNear(near, text),
      ),
    );
    const before = queries.map((q) => search(index, q));
    const steps = index.rebuildStaticSteps();
    let step = steps.next();
    let turns = 0;
    for (; step.done !== true; step = steps.next()) {
      turns++;
      // Searches between the steps read the live parts.
      expect(queries.map((q) => search(index, q))).toEqual(before);
      expect(index.timelineDirty.length).toBeGreaterThan(0);
    }
    expect(step.value).toBe(true);
    expect(turns).toBeGreaterThanOrEqual(6);
    expect(index.staticPartsStale()).toBe(false);
    expect(index.timelineDirty).toEqual([]);
    expect(index.words.dirty.size).toBe(0);
    expect(index.geo.overflow).toEqual([]);
    expect(queries.map((q) => search(index, q))).toEqual(before);
    // The same as an index built from the changed meetings at once.
    const kept = [...changed, ...world.slice(170)];
    const whole = SearchIndex.build(kept, { now });
    for (const q of queries) {
      expect(search(index, q).results.map((r) => r.meeting.slug)).toEqual(
        search(whole, q).results.map((r) => r.meeting.slug),
      );
    }
  });

  it('drops static parts rebuilt beside when a change lands in between', () => {
    const world = randomWorld(400, 13);
    const index = SearchIndex.build(world, { now });
    for (const m of world.slice(0, 150)) index.upsert({ ...m, name: `${m.name} again` });
    const steps = index.rebuildStaticSteps();
    steps.next();
    index.upsert({ ...world[200]!, name: 'Changed meanwhile' });
    let step = steps.next();
    while (step.done !== true) step = steps.next();
    expect(step.value).toBe(false);
    expect(index.timelineDirty.length).toBeGreaterThan(0);
    expect(index.summaryById(world[200]!.id)?.name).toBe('Changed meanwhile');
    index.refresh(now);
    expect(index.timelineDirty).toEqual([]);
  });

  it('asks for a rebuild once rows left behind outnumber a quarter of the live ones', () => {
    const world = randomWorld(40, 10);
    const index = SearchIndex.build(world, { now });
    let updates = 0;
    while (!index.needsCompaction()) {
      index.upsert({ ...world[updates % world.length]!, name: `v${updates}` });
      updates++;
    }
    expect(updates).toBe(4097);
    expect(index.size).toBe(40);
  });

  it('measures its memory by part', () => {
    const memory = SearchIndex.build(randomWorld(100, 11), { now }).memoryEstimate();
    expect(Object.keys(memory.parts)).toEqual(
      expect.arrayContaining(['rows', 'recurrences', 'timeline', 'geo', 'postings', 'strings']),
    );
    expect(memory.total).toBe(Object.values(memory.parts).reduce((a, b) => a + b, 0));
  });

  it('finishes a build in short steps that leave the same index as a build at once', () => {
    const meetings = randomWorld(300, 7);
    const builder = SearchIndex.builder({ now, expectedCount: meetings.length });
    for (const meeting of meetings) builder.add(meeting);
    const steps = builder.finishSteps();
    let turns = 0;
    let step = steps.next();
    for (; step.done !== true; step = steps.next()) turns++;
    // Reordering, pools, words, the geo index, then the timeline and each posting list apart.
    expect(turns).toBeGreaterThanOrEqual(7);
    const stepped = step.value;
    const whole = SearchIndex.build(meetings, { now });
    const near = { latitude: 42.5876, longitude: -72.5995 };
    for (const q of [wideQueryNear(), wideQueryNear(near)]) {
      expect(search(stepped, q)).toEqual(search(whole, q));
    }
  });

  it('applies a change in steps that searches between do not see, then all of it at once', () => {
    const world = randomWorld(400, 14);
    const index = SearchIndex.build(world.slice(0, 300), { now });
    const sequential = SearchIndex.build(world.slice(0, 300), { now });
    const changed = [
      ...world.slice(0, 60).map((m) => ({ ...m, name: `${m.name} serenity` })),
      ...world.slice(300),
    ];
    const removed = world.slice(60, 80).map((m) => m.id);
    const near = { latitude: 42.5876, longitude: -72.5995 };
    const queries = [wideQueryNear(), wideQueryNear(near), wideQueryNear(undefined, 'serenity')];
    const before = queries.map((q) => search(index, q));
    const steps = index.applySteps(changed, removed, 16);
    let step = steps.next();
    let turns = 0;
    for (; step.done !== true; step = steps.next()) {
      turns++;
      expect(index.size).toBe(300);
      expect(queries.map((q) => search(index, q))).toEqual(before);
      expect(index.summaryById(world[350]!.id)).toBeUndefined();
    }
    expect(step.value).toBe(true);
    expect(turns).toBe(Math.ceil(changed.length / 16) - 1);
    for (const id of removed) sequential.remove(id);
    for (const m of changed) sequential.upsert(m);
    expect(index.size).toBe(sequential.size);
    for (const q of queries) expect(search(index, q)).toEqual(search(sequential, q));
    index.refresh(now);
    sequential.refresh(now);
    for (const q of queries) expect(search(index, q)).toEqual(search(sequential, q));
  });

  it('applies nothing when its horizon moves between the steps of a change', () => {
    const world = randomWorld(200, 15);
    const index = SearchIndex.build(world.slice(0, 100), { now });
    const steps = index.applySteps(world.slice(100), [world[0]!.id], 10);
    steps.next();
    index.refresh(now + 30 * DAY);
    let step = steps.next();
    while (step.done !== true) step = steps.next();
    expect(step.value).toBe(false);
    expect(index.size).toBe(100);
    expect(index.summaryById(world[0]!.id)).toBeDefined();
    // Applied again, it lands whole.
    const again = index.applySteps(world.slice(100), [world[0]!.id], 10);
    let next = again.next();
    while (next.done !== true) next = again.next();
    expect(next.value).toBe(true);
    expect(index.size).toBe(199);
  });
});
