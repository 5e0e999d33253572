/**
 * The search engine: a SearchQuery answered from a SearchIndex, synchronously, without SQL or
 * I/O, and without changing the index. `reference.ts` answers the same questions by brute
 * force; a property test holds the two to the same ordered results.
 *
 * Semantics (decided here and in the parts; the finder page and the API document them):
 * - Where. Place-bound meetings (in person, hybrid) count with `near` only when they have
 *   coordinates and lie within `radiusKm`, or are among the `nearest` N that match every other
 *   filter (`near-places.ts`). Online-only and phone-only meetings have no place and no
 *   distance; with `near` they are included whenever the attendance filter allows them (the
 *   default allows every way of attending). Sorted by time they interleave with the
 *   place-bound ones; sorted by distance they come after them, soonest first.
 * - What and when: `plan.ts` and `when.ts`. Without any time filter every meeting matches,
 *   by-appointment ones too (they have no `next` and sort last).
 * - Order and pages: `page-order.ts`, `cursor.ts`. `cursor` is the sort key of the last result,
 *   encoded; the next page continues after it exactly, and is stable as long as the index and
 *   `now` do not change.
 * - Counts (`facets.ts`), over the meetings the query considers: everything; or the place-bound
 *   meetings within the radius, or the nearest N chosen, plus the remote ones
 *   (`remote-part.ts`); none when the query asks for none (`countFacets: false`).
 * - The rural fallback: `rural-fallback.ts`.
 *
 * The steps of a query: plan it; gather the place-bound candidates (near a point, or from the
 * most selective filter) and check each in one tight loop, counting facets; add the remote
 * part; choose the page; present it, with the fallback when the radius held too few.
 */
import { cursorKeyOf, toResult, type SearchAnswer } from './answer.js';
import { decodeCursor, encodeCursor, type CursorKey } from './cursor.js';
import { COUNT_SLOTS, countsForFacets, FacetCounter } from './facets.js';
import { circleAround } from '../platform/geo/circle-walk.js';
import { insideCell, nearestPlaced, placesWithin, type CellSink } from './near-places.js';
import { PageOrder, type CellMembers, type Members, type RowList } from './page-order.js';
import { MAIN_FILTERS, Plan } from './plan.js';
import type { SearchQuery } from './query.js';
import { scratchFor } from './query-scratch.js';
import { remoteKey, remotePart } from './remote-part.js';
import { KIND_PLACE, KIND_REMOTE } from './row-codes.js';
import { admitsInPerson, FALLBACK_REMOTE, ruralFallback } from './rural-fallback.js';
import type { SearchIndex } from './search-index.js';
import { When } from './when.js';

export type {
  GatheredResult,
  MeetingSummary,
  NextOccurrence,
  RelaxedConstraint,
  RuralFallback,
  SearchAnswer,
  SearchFacets,
  SearchResult,
} from './answer.js';

/** Answers a query from the index: pure and synchronous; the index is only read. */
export function search(index: SearchIndex, query: SearchQuery): SearchAnswer {
  const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor, query.sort);
  const scratch = scratchFor(index);
  const when = new When(index, scratch, query);
  const plan = new Plan(index, scratch, query, MAIN_FILTERS, when);
  plan.prepareText(query.text);
  try {
    return run(plan, query, cursor);
  } finally {
    plan.release();
  }
}

function run(plan: Plan, q: SearchQuery, cursor: CursorKey | undefined): SearchAnswer {
  const ix = plan.ix;
  const scratch = plan.scratch;
  const when = plan.when;
  const order = new PageOrder(plan);
  const facets = new FacetCounter(ix, when.perRow, scratch.signatureCounters(COUNT_SLOTS));
  // Without facets, a row that fails a filter costs nothing more than the check.
  const counting = q.countFacets !== false;
  const stamp = scratch.nextStampValue();
  const near = q.near;
  // Matches are compacted into the front of the candidates buffer.
  const candidates = scratch.candidates;
  const local: RowList = { rows: candidates, count: 0 };

  // Candidates first (rows, and distances where known), then one tight loop over them.
  let n = 0;
  let sink: CellSink | undefined;
  if (!plan.impossible) {
    if (near === undefined) {
      if (when.dynamic) plan.markWindow();
      const list = plan.candidateRows(true, ix.rows >>> 2);
      if (list !== undefined) {
        for (const row of list) if (ix.kind[row] === KIND_PLACE) candidates[n++] = row;
      } else {
        for (let row = 0; row < ix.rows; row++)
          if (ix.kind[row] === KIND_PLACE) candidates[n++] = row;
      }
    } else if (q.nearest !== undefined) {
      // A time window marks its few rows first: the nearest search then checks only them.
      if (when.dynamic) plan.markWindow();
      for (const { row } of nearestPlaced(plan, near, q.nearest, 0)) candidates[n++] = row;
    } else {
      // Filters the signatures decide, and a page in time order: whole cells are counted.
      if (q.sort === 'time' && !plan.rowChecks && plan.textAll === 0) {
        sink = { matched: 0, counter: counting ? facets : undefined };
      }
      n = placesWithin(plan, near.latitude, near.longitude, q.radiusKm, candidates, sink);
      plan.byCloseness = true;
    }
  }
  // A time window: mark it when that reads fewer entries than the candidates would.
  if (when.dynamic && plan.windowEntries() < n * 3) plan.markWindow();
  // Text and type filters: when their posting lists are short, rows outside them fail a
  // non-facet filter and are skipped with one load.
  const only = n > 256 ? plan.candidateSet(n >>> 1) : 0;
  const inSet = scratch.emitted;
  const stamps = scratch.stamp;
  let matched = 0;
  for (let i = 0; i < n; i++) {
    const row = candidates[i]!;
    if (only !== 0 && inSet[row] !== only) continue;
    const fails = plan.evaluate(row);
    if (fails === 0) {
      stamps[row] = stamp;
      candidates[matched++] = row;
      if (counting) facets.add(row, 0, plan.rowDays);
    } else if (counting && countsForFacets(fails)) {
      facets.add(row, fails, plan.rowDays);
    }
  }
  local.count = matched;
  const placeWithinRadius = matched + (sink?.matched ?? 0);

  const remote = remotePart(ix, plan, remoteKey(q, MAIN_FILTERS), stamp);
  if (counting) facets.merge(remote.counts);
  const members: Members = { stamp, local, remote };
  if (sink !== undefined && sink.matched > 0) members.cells = cellMembers(plan, q, members, sink);

  const k = q.limit + 1;
  let rows: number[];
  if (q.sort === 'distance' && near !== undefined) {
    rows = order.selectByDistance(members, cursor, k, plan.byCloseness);
    if (rows.length < k) {
      const remoteCursor = cursor?.sort === 'distance' && cursor.bucket === 1 ? cursor : undefined;
      const timeCursor: CursorKey | undefined =
        remoteCursor === undefined
          ? undefined
          : {
              sort: 'time',
              start: remoteCursor.start,
              dist: Number.POSITIVE_INFINITY,
              slug: remoteCursor.slug,
            };
      rows = rows.concat(order.selectByTime(members, timeCursor, k - rows.length, true));
    }
  } else {
    rows = order.selectByTime(members, cursor, k, false);
  }

  const page = rows.slice(0, q.limit);
  const answer: SearchAnswer = {
    results: page.map((row) => toResult(plan, row, near !== undefined)),
    total: local.count + (members.cells?.count ?? 0) + remote.count,
  };
  if (counting) answer.facets = facets.finish();
  const last = page.at(-1);
  if (rows.length > q.limit && last !== undefined) {
    answer.nextCursor = encodeCursor(cursorKeyOf(plan, last, q.sort, near !== undefined));
  }

  if (
    near !== undefined &&
    q.nearest === undefined &&
    cursor === undefined &&
    admitsInPerson(q.attendance) &&
    placeWithinRadius < q.fallbackThreshold
  ) {
    // A time-sorted page already lists the remote matches in order: when the fallback's remote
    // filters are the query's own, its remote list is the start of that order.
    const sameRemote =
      q.sort === 'time' &&
      q.text === undefined &&
      q.wheelchair !== true &&
      (q.attendance === undefined || q.attendance.every((a) => a === 'online' || a === 'phone'));
    let known: number[] | undefined;
    if (sameRemote) {
      const remoteRows = rows.filter((row) => ix.kind[row] === KIND_REMOTE);
      if (remoteRows.length >= FALLBACK_REMOTE || rows.length < k) {
        known = remoteRows.slice(0, FALLBACK_REMOTE);
      }
    }
    answer.fallback = ruralFallback(plan, q, placeWithinRadius, known);
  }
  return answer;
}

/**
 * The place-bound matches a radius search counted in whole cells: a row is one when it lies
 * strictly inside the circle in kdbush and matches; listed on demand by walking the circle
 * again, point by point.
 */
function cellMembers(plan: Plan, q: SearchQuery, members: Members, sink: CellSink): CellMembers {
  const near = q.near!;
  const ix = plan.ix;
  const scratch = plan.scratch;
  const { x: qx, y: qy, z: qz, inner } = circleAround(near.latitude, near.longitude, q.radiusKm);
  const cells: CellMembers = {
    count: sink.matched,
    isMember: (row) =>
      insideCell(ix, row, qx, qy, qz, inner, scratch.closeness) && plan.evaluate(row) === 0,
    list: () => {
      const rows = scratch.candidates;
      const n = placesWithin(plan, near.latitude, near.longitude, q.radiusKm, rows);
      let matched = 0;
      for (let i = 0; i < n; i++) {
        const row = rows[i]!;
        if (plan.evaluate(row) !== 0) continue;
        scratch.stamp[row] = members.stamp;
        rows[matched++] = row;
      }
      members.local.count = matched;
      members.cells = undefined;
    },
  };
  return cells;
}
