import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { timeZoneAt } from '../../meetings/time-zone.js';
import { distanceKm } from '../../platform/geo/sphere.js';
import {
  costKinds,
  moudKinds,
  noRecoveryAttributes,
  servedGroups,
  weekdayCodes,
  type ResourceDirectory,
  type Schedule,
  type Service,
} from '../model.js';
import { needWithin } from '../needs.js';
import {
  franklinCountyDirectory,
  testLocation,
  testOrganization,
  testService,
  testServiceAtLocation,
} from '../test-directory.js';
import { attributeFlags, ResourceIndex, type ResourceQuery } from './resource-index.js';

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const needCodes = [
  'health',
  'health.addiction-recovery.detox',
  'health.addiction-recovery.medications-for-addiction',
  'housing.residential-housing.recovery-residence',
  'food.food-pantry',
];
const names = ['Clinic', 'clínica', 'Pantry', 'House', 'Program', 'center'];

/** Whether a schedule is open at `now`, worked out from Temporal, apart from the index's maths. */
function scheduleOpen(s: Schedule, now: number, zone: string): boolean {
  if (s.opensAt === undefined || s.closesAt === undefined) return false;
  const local = Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(zone);
  const weekday = local.dayOfWeek % 7;
  const minute = local.hour * 60 + local.minute;
  const [oh, om] = s.opensAt.split(':').map(Number);
  const [ch, cm] = s.closesAt.split(':').map(Number);
  const open = oh! * 60 + om!;
  let close = ch! * 60 + cm!;
  if (close <= open) close += 1440;
  if (s.closesAt === '23:59') close += 1;
  return s.byDay.some((code) => {
    const day = weekdayCodes.indexOf(code);
    return (
      (weekday === day && minute >= open && minute < close) ||
      (weekday === (day + 1) % 7 && minute + 1440 >= open && minute + 1440 < close)
    );
  });
}

/** The search as a plain scan of every service at every place, the way the index must answer. */
function reference(directory: ResourceDirectory, q: ResourceQuery) {
  const services = directory.services.filter((s) => s.status === 'active');
  const located = new Map(directory.locations.map((l) => [l.id, l]));
  const words = q.text === undefined ? [] : fold(q.text).split(/\s+/).filter(Boolean);
  const orgName = new Map(directory.organizations.map((o) => [o.id, o.name]));
  const serviceMatches = (s: Service) => {
    const text = fold(
      [s.name, s.alternateName, s.description, orgName.get(s.organizationId)]
        .filter(Boolean)
        .join(' '),
    );
    const flags = {
      accepts_moud: s.recovery.acceptsMoud === true,
      naloxone: s.recovery.naloxone,
      walk_in: s.recovery.walkIn,
      same_day: s.recovery.sameDay,
      telehealth: s.recovery.telehealth,
    };
    return (
      (q.costs === undefined || s.costOptions.some((c) => q.costs!.includes(c.kind))) &&
      (q.moud === undefined || s.recovery.moud.some((m) => q.moud!.includes(m))) &&
      (q.serves === undefined || s.eligibility.serves.some((g) => q.serves!.includes(g))) &&
      (q.attributes ?? []).every((a) => flags[a]) &&
      (q.needs === undefined || s.needs.some((c) => q.needs!.some((n) => needWithin(c, n)))) &&
      (q.languages === undefined ||
        q.languages.some((l) => s.languages.map((x) => x.toLowerCase()).includes(l))) &&
      words.every((w) => text.includes(w))
    );
  };
  type Entry = { service: Service; locationId?: string; schedules: Schedule[]; zone: string };
  const entries: Entry[] = [];
  const linked = new Set<string>();
  for (const sal of directory.serviceAtLocations) {
    const service = services.find((s) => s.id === sal.serviceId);
    const location = located.get(sal.locationId);
    if (service === undefined || location?.latitude === undefined) continue;
    linked.add(service.id);
    const schedules =
      sal.schedules.length > 0
        ? sal.schedules
        : service.schedules.length > 0
          ? service.schedules
          : location.schedules;
    const zone =
      schedules.find((s) => s.timeZone !== undefined)?.timeZone ??
      timeZoneAt(location.latitude, location.longitude!) ??
      'America/New_York';
    entries.push({ service, locationId: location.id, schedules, zone });
  }
  for (const service of services) {
    if (!linked.has(service.id)) {
      entries.push({ service, schedules: service.schedules, zone: 'America/New_York' });
    }
  }
  const openAt = (e: Entry) =>
    e.schedules.some((s) => s.opensAt !== undefined && s.closesAt !== undefined)
      ? e.schedules.some((s) => scheduleOpen(s, q.now, s.timeZone ?? e.zone))
      : undefined;
  const best = new Map<string, { entry: Entry; at: number; distance?: number }>();
  entries.forEach((entry, at) => {
    if (!serviceMatches(entry.service)) return;
    if (q.openNow === true && openAt(entry) !== true) return;
    if (q.near === undefined) {
      if (!best.has(entry.service.id)) best.set(entry.service.id, { entry, at });
      return;
    }
    if (entry.locationId === undefined) return;
    const l = located.get(entry.locationId)!;
    const d = distanceKm(q.near.latitude, q.near.longitude, l.latitude!, l.longitude!);
    if (!(d <= q.radiusKm)) return;
    const known = best.get(entry.service.id);
    if (known === undefined || d < known.distance!) {
      best.set(entry.service.id, { entry, at, distance: d });
    }
  });
  const all = [...best.values()];
  if (q.near === undefined) {
    all.sort(
      (a, b) =>
        a.entry.service.name.localeCompare(b.entry.service.name, 'en') ||
        a.entry.service.id.localeCompare(b.entry.service.id, 'en'),
    );
  } else {
    all.sort((a, b) => a.distance! - b.distance! || a.at - b.at);
  }
  return {
    total: all.length,
    hits: all.slice(q.offset, q.offset + q.limit).map((b) => ({
      service: b.entry.service.id,
      location: b.entry.locationId,
      distanceKm: b.distance,
      openNow: openAt(b.entry),
    })),
  };
}

const schedule: fc.Arbitrary<Schedule> = fc.record(
  {
    freq: fc.constant('WEEKLY' as const),
    byDay: fc.subarray([...weekdayCodes], { minLength: 1 }),
    opensAt: fc.constantFrom('00:00', '08:00', '13:30', '22:00'),
    closesAt: fc.constantFrom('02:00', '12:00', '17:00', '23:59'),
    timeZone: fc.constantFrom('America/New_York', 'America/Chicago', 'America/Los_Angeles'),
  },
  { requiredKeys: ['freq', 'byDay', 'opensAt', 'closesAt'] },
);

const directory: fc.Arbitrary<ResourceDirectory> = fc
  .record({
    places: fc.array(
      fc.record({
        lat: fc.option(fc.double({ min: 41.5, max: 43, noNaN: true }), { freq: 6 }),
        lng: fc.double({ min: -74, max: -70.5, noNaN: true }),
        schedules: fc.array(schedule, { maxLength: 1 }),
      }),
      { minLength: 1, maxLength: 12 },
    ),
    services: fc.array(
      fc.record({
        name: fc.constantFrom(...names),
        active: fc.boolean(),
        needs: fc.subarray(needCodes, { maxLength: 2 }),
        costs: fc.subarray([...costKinds], { maxLength: 2 }),
        moud: fc.subarray([...moudKinds], { maxLength: 2 }),
        serves: fc.subarray([...servedGroups], { maxLength: 2 }),
        flags: fc.subarray([...attributeFlags], { maxLength: 3 }),
        languages: fc.subarray(['en', 'ES', 'pt'], { maxLength: 2 }),
        schedules: fc.array(schedule, { maxLength: 2 }),
        at: fc.array(
          fc.record({ place: fc.nat(), schedules: fc.array(schedule, { maxLength: 1 }) }),
          { maxLength: 3 },
        ),
      }),
      { maxLength: 25 },
    ),
  })
  .map(({ places, services: drafts }) => {
    const org = testOrganization('src', 'org', { name: 'Valley Partners' });
    const locations = places.map((p, i) =>
      testLocation(org, `loc-${i}`, {
        ...(p.lat !== null ? { latitude: p.lat, longitude: p.lng } : {}),
        schedules: p.schedules,
      }),
    );
    const services: Service[] = [];
    const serviceAtLocations = drafts.flatMap((d, i) => {
      const service = testService(org, `svc-${i}`, {
        name: d.name,
        status: d.active ? 'active' : 'inactive',
        needs: d.needs,
        costOptions: d.costs.map((kind) => ({ kind })),
        eligibility: { serves: d.serves },
        languages: d.languages,
        schedules: d.schedules,
        recovery: {
          ...noRecoveryAttributes(),
          moud: d.moud,
          ...(d.flags.includes('accepts_moud') ? { acceptsMoud: true } : {}),
          naloxone: d.flags.includes('naloxone'),
          walkIn: d.flags.includes('walk_in'),
          sameDay: d.flags.includes('same_day'),
          telehealth: d.flags.includes('telehealth'),
        },
      });
      services.push(service);
      return d.at.map(({ place, schedules }) => ({
        ...testServiceAtLocation(service, locations[place % locations.length]!),
        schedules,
      }));
    });
    return { organizations: [org], locations, services, serviceAtLocations };
  });

const query: fc.Arbitrary<ResourceQuery> = fc
  .record(
    {
      near: fc.record({
        latitude: fc.double({ min: 41.5, max: 43, noNaN: true }),
        longitude: fc.double({ min: -74, max: -70.5, noNaN: true }),
      }),
      needs: fc.subarray([...needCodes, 'health.addiction-recovery', 'legal'], {
        minLength: 1,
        maxLength: 2,
      }),
      text: fc.constantFrom('clinica', 'pantry valley', 'house', 'nothing'),
      openNow: fc.boolean(),
      languages: fc.subarray(['en', 'es'], { minLength: 1 }),
      costs: fc.subarray([...costKinds], { minLength: 1, maxLength: 2 }),
      moud: fc.subarray([...moudKinds], { minLength: 1 }),
      serves: fc.subarray([...servedGroups], { minLength: 1, maxLength: 2 }),
      attributes: fc.subarray([...attributeFlags], { minLength: 1, maxLength: 2 }),
    },
    { requiredKeys: [] },
  )
  .chain((q) =>
    fc.record({
      query: fc.constant(q),
      radiusKm: fc.double({ min: 1, max: 400, noNaN: true }),
      limit: fc.integer({ min: 1, max: 8 }),
      offset: fc.integer({ min: 0, max: 6 }),
      now: fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }),
    }),
  )
  .map(({ query: q, ...rest }) => ({ ...q, ...rest }));

function answerOf(index: ResourceIndex, q: ResourceQuery) {
  const answer = index.search(q);
  return {
    total: answer.total,
    hits: answer.hits.map((h) => ({
      service: h.service.id,
      location: h.location?.id,
      distanceKm: h.distanceKm,
      openNow: h.openNow,
    })),
  };
}

describe('ResourceIndex', () => {
  it('answers as a plain scan of every service at every place does', () => {
    fc.assert(
      fc.property(directory, fc.array(query, { minLength: 1, maxLength: 6 }), (dir, queries) => {
        const index = new ResourceIndex(dir);
        for (const q of queries) expect(answerOf(index, q)).toEqual(reference(dir, q));
      }),
      { numRuns: 300 },
    );
  });

  it('counts a place exactly on the radius as within it', () => {
    const dir = franklinCountyDirectory('src');
    const index = new ResourceIndex(dir);
    const near = { latitude: 42.6, longitude: -72.4 };
    const house = dir.locations[1]!;
    const radiusKm = distanceKm(near.latitude, near.longitude, house.latitude!, house.longitude!);
    const answer = index.search({ near, radiusKm, now: 0, limit: 10, offset: 0 });
    expect(answer.hits.map((h) => h.location?.name)).toEqual(['Elm House']);
    expect(answer.total).toBe(1);
  });

  it('orders a page nearest first and shows each service once, at its nearest place', () => {
    const org = testOrganization('src', 'org');
    const far = testLocation(org, 'far', { latitude: 42.7, longitude: -72.6 });
    const close = testLocation(org, 'close', { latitude: 42.59, longitude: -72.6 });
    const middle = testLocation(org, 'middle', { latitude: 42.65, longitude: -72.6 });
    const a = testService(org, 'a', { name: 'A' });
    const b = testService(org, 'b', { name: 'B' });
    const index = new ResourceIndex({
      organizations: [org],
      locations: [far, close, middle],
      services: [a, b],
      serviceAtLocations: [
        testServiceAtLocation(a, far),
        testServiceAtLocation(b, middle),
        testServiceAtLocation(a, close),
      ],
    });
    const answer = index.search({
      near: { latitude: 42.58, longitude: -72.6 },
      radiusKm: 50,
      now: 0,
      limit: 10,
      offset: 0,
    });
    expect(answer.total).toBe(2);
    expect(answer.hits.map((h) => [h.service.name, h.location?.sourceKey])).toEqual([
      ['A', 'close'],
      ['B', 'middle'],
    ]);
  });
});
