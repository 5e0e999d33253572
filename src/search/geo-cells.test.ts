import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import type { Meeting } from '../meetings/model.js';
import { MIN_CELL_POINTS } from './geo-cells.js';
import { placesWithin, type CellSink } from './near-places.js';
import { MAIN_FILTERS, Plan } from './plan.js';
import type { SearchQuery } from './query.js';
import { scratchFor } from './query-scratch.js';
import { referenceSearch } from './reference.js';
import { SearchIndex } from './search-index.js';
import { search } from './search.js';
import { randomWorld, wideQuery } from './test-meetings.js';
import { When } from './when.js';

const now = Temporal.Instant.from('2026-10-28T15:00:00Z').epochMilliseconds;
const centre = { latitude: 42.59, longitude: -72.6 };

/** A dense county: the random world's rooms gathered within about 25 km of one point. */
function denseCounty(count: number, seed: number): Meeting[] {
  return randomWorld(count, seed).map((m, i) => {
    if (m.place.latitude === undefined || m.place.longitude === undefined) return m;
    const t = (i * 0.618034) % 1;
    return {
      ...m,
      place: {
        ...m.place,
        latitude: centre.latitude + (((i * 7919) % 1000) / 1000 - 0.5) * 0.45,
        longitude: centre.longitude + (t - 0.5) * 0.6,
      },
    };
  });
}

/** What an answer and the reference must agree on: the count, the counts, the page. */
function agree(index: SearchIndex, meetings: readonly Meeting[], q: SearchQuery): void {
  const answer = search(index, q);
  const reference = referenceSearch(meetings, q);
  expect(answer.total).toBe(reference.total);
  expect(answer.facets).toEqual(reference.facets);
  expect(answer.results.map((r) => [r.meeting.slug, r.next?.start])).toEqual(
    reference.results.slice(0, q.limit).map((r) => [r.slug, r.next?.start]),
  );
}

const queryArb = fc
  .record({
    // Mostly circles that hold whole cells, some that only cross them.
    dLat: fc.double({ min: -0.15, max: 0.15, noNaN: true }),
    dLng: fc.double({ min: -0.2, max: 0.2, noNaN: true }),
    radiusKm: fc.constantFrom(5, 25, 35, 40, 60),
    days: fc.option(fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 3 })),
    attendance: fc.option(fc.constantFrom(['in_person'], ['online', 'phone'], ['hybrid'])),
    programs: fc.option(fc.constantFrom(['aa'], ['na', 'al-anon'])),
    languages: fc.option(fc.constantFrom(['es'], ['en', 'fr'])),
    wheelchair: fc.boolean(),
    includeClosed: fc.boolean(),
    offset: fc.integer({ min: 0, max: 6 * 1440 }),
    limit: fc.integer({ min: 1, max: 40 }),
  })
  .map((r): SearchQuery => {
    const q = wideQuery(now + r.offset * 60_000, {
      near: { latitude: centre.latitude + r.dLat, longitude: centre.longitude + r.dLng },
      radiusKm: r.radiusKm,
      sort: 'time',
      limit: r.limit,
      includeClosed: r.includeClosed,
    });
    if (r.days !== null) q.days = r.days as SearchQuery['days'] & number[];
    if (r.attendance !== null) q.attendance = [...r.attendance];
    if (r.programs !== null) q.programs = [...r.programs];
    if (r.languages !== null) q.languages = [...r.languages];
    if (r.wheelchair) q.wheelchair = true;
    return q;
  });

describe('counts per cell of the place-bound meetings', () => {
  const meetings = denseCounty(3000, 7);
  const index = SearchIndex.build(meetings, { now, horizonWeeks: 2 });

  it('holds, for each cell, the signatures of its points and a cap around them', () => {
    const { kd, unitAt, rowAt, cells } = index.geo;
    let checked = 0;
    const visit = (node: number, left: number, right: number): void => {
      if (node >= cells.nodes || right - left < kd!.nodeSize) return;
      if (Number.isFinite(cells.caps[node * 4 + 3]!)) {
        const tally = new Map<number, number>();
        const [cx, cy, cz, radius] = cells.caps.subarray(node * 4, node * 4 + 4);
        for (let pos = left; pos <= right; pos++) {
          const sig = index.sig[rowAt[pos]!]!;
          tally.set(sig, (tally.get(sig) ?? 0) + 1);
          const dot =
            cx! * unitAt[3 * pos]! + cy! * unitAt[3 * pos + 1]! + cz! * unitAt[3 * pos + 2]!;
          expect(Math.acos(Math.min(1, dot))).toBeLessThanOrEqual(radius!);
        }
        const pairs = [...tally].sort((a, b) => a[0] - b[0]);
        const from = cells.offsets[node]!;
        const to = cells.offsets[node + 1]!;
        expect(Array.from(cells.sigs.subarray(from, to))).toEqual(pairs.map((p) => p[0]));
        expect(Array.from(cells.counts.subarray(from, to))).toEqual(pairs.map((p) => p[1]));
        checked++;
      }
      const m = (left + right) >> 1;
      visit(2 * node, left, m - 1);
      visit(2 * node + 1, m + 1, right);
    };
    visit(1, 0, kd!.ids.length - 1);
    expect(checked).toBeGreaterThanOrEqual(7);
  });

  it('counts whole cells instead of listing their rows, to the same matches', () => {
    const q = wideQuery(now, { near: centre, radiusKm: 35, sort: 'time' });
    const scratch = scratchFor(index);
    const when = new When(index, scratch, q);
    const plan = new Plan(index, scratch, q, MAIN_FILTERS, when);
    const listed = placesWithin(plan, centre.latitude, centre.longitude, 35, scratch.candidates);
    const sink: CellSink = { matched: 0, counter: undefined };
    const rim = placesWithin(plan, centre.latitude, centre.longitude, 35, scratch.candidates, sink);
    let rimMatches = 0;
    for (let i = 0; i < rim; i++) if (plan.evaluate(scratch.candidates[i]!) === 0) rimMatches++;
    let allMatches = 0;
    placesWithin(plan, centre.latitude, centre.longitude, 35, scratch.candidates);
    for (let i = 0; i < listed; i++) if (plan.evaluate(scratch.candidates[i]!) === 0) allMatches++;
    plan.release();
    // Cells of at least MIN_CELL_POINTS rooms were counted whole: far fewer rows were listed.
    expect(sink.matched).toBeGreaterThanOrEqual(MIN_CELL_POINTS / 2);
    expect(rim).toBeLessThan(listed - MIN_CELL_POINTS);
    expect(rimMatches + sink.matched).toBe(allMatches);
  });

  it('agrees with the reference on totals, facet counts and pages', () => {
    fc.assert(
      fc.property(queryArb, (q) => agree(index, meetings, q)),
      { numRuns: 60, seed: 128 },
    );
  });

  it('keeps its counts through removals and changes, until the next build', () => {
    const changing = SearchIndex.build(meetings, { now, horizonWeeks: 2 });
    const current = new Map(meetings.map((m) => [m.id, m]));
    // A third of the rooms go, a few are renamed and moved across the county.
    meetings.forEach((m, i) => {
      if (i % 3 === 0) {
        changing.remove(m.id);
        current.delete(m.id);
      } else if (i % 17 === 0 && m.place.latitude !== undefined) {
        const moved = { ...m, name: `${m.name} moved`, place: { ...m.place, latitude: 42.7 } };
        changing.upsert(moved);
        current.set(m.id, moved);
      }
    });
    const live = [...current.values()];
    fc.assert(
      fc.property(queryArb, (q) => agree(changing, live, q)),
      { numRuns: 40, seed: 129 },
    );
  });
});
