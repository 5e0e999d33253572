/**
 * The rural fallback: what a person far from meetings is offered besides the few near them.
 *
 * On the first page of a radius search whose attendance filter allows in-person meetings, when
 * fewer than `fallbackThreshold` place-bound meetings match within the radius: the nearest
 * place-bound matches beyond the radius (every other filter kept; `radius` relaxed), one per
 * group at a place, sought at any distance; and remote meetings soonest first that keep the
 * person's program, focus, type, language and time filters (and the phone/online part of the
 * attendance filter, if it has one). `relaxed.remote` names exactly what those remote meetings
 * are not held to: `attendance` (when the filter allowed only in-person ways), `text`,
 * `wheelchair`.
 */
import {
  toResult,
  type GatheredResult,
  type RelaxedConstraint,
  type RuralFallback,
} from './answer.js';
import { nearestPlaced } from './near-places.js';
import { PageOrder, type Members } from './page-order.js';
import { Plan, type FilterOptions } from './plan.js';
import type { AttendanceFilter, Point, SearchQuery } from './query.js';
import { remoteKey, remotePart } from './remote-part.js';
import { queryWords } from './text.js';

/** How many suggestions the rural fallback offers (rooms: groups at a place). */
export const FALLBACK_NEAREST_BEYOND = 5;
export const FALLBACK_REMOTE = 10;
/**
 * Rows the search for the nearest rooms looks through at most: past this, a county whose
 * nearest rows are all a few groups' gets fewer than five rooms rather than an unbounded scan.
 */
const FALLBACK_GATHER_ROWS = 1280;
const EMPTY_ROWS = new Int32Array(0);

/** Whether an attendance filter allows meetings at a place (the fallback's first condition). */
export function admitsInPerson(attendance: readonly AttendanceFilter[] | undefined): boolean {
  return (
    attendance === undefined || attendance.includes('in_person') || attendance.includes('hybrid')
  );
}

/**
 * The `count` nearest groups at a place beyond `beyondKm`, each as its rows (nearest, then
 * soonest first). The nearest-rows search answers a prefix of the order by distance, and rows
 * of one gathering share their coordinates, so they share a distance: a gathering is complete
 * once a row further away than it has been found (or every row has been). The first search
 * asks for four rows a group: most groups meet several times a week, so asking for `count`
 * rows first nearly always meant a second and third search from scratch.
 */
function nearestGatherings(plan: Plan, near: Point, count: number, beyondKm: number): number[][] {
  const ix = plan.ix;
  for (let rows = count * 4; ; rows *= 4) {
    const found = nearestPlaced(plan, near, rows, beyondKm);
    const gatherings: { dist: number; rows: number[] }[] = [];
    const byKey = new Map<string, number[]>();
    for (const { row, dist } of found) {
      const key = `${ix.gathering[row]}:${ix.lat[row]}:${ix.lng[row]}`;
      let members = byKey.get(key);
      if (members === undefined) {
        byKey.set(key, (members = []));
        gatherings.push({ dist, rows: members });
      }
      members.push(row);
    }
    const last = gatherings[count - 1];
    const complete = last !== undefined && found[found.length - 1]!.dist > last.dist;
    if (complete || found.length < rows || rows >= FALLBACK_GATHER_ROWS) {
      return gatherings.slice(0, count).map((g) => g.rows);
    }
  }
}

/**
 * The fallback of a radius query `q` planned as `plan`. `knownRemote`, when given, are the
 * remote meetings it offers, already found (a time-sorted page whose remote filters are the
 * fallback's own lists them in order).
 */
export function ruralFallback(
  plan: Plan,
  q: SearchQuery,
  inPersonWithinRadius: number,
  knownRemote: number[] | undefined,
): RuralFallback {
  const ix = plan.ix;
  const near = q.near!;
  const nearestBeyond = nearestGatherings(plan, near, FALLBACK_NEAREST_BEYOND, q.radiusKm).map(
    ([first, ...others]): GatheredResult => ({
      ...toResult(plan, first!, true),
      alsoMeets: others.map((row) => toResult(plan, row, true)),
    }),
  );

  // Remote meetings held to the person's tailored filters.
  const remoteAttendance = q.attendance?.filter((a) => a === 'online' || a === 'phone');
  const keepAttendance = remoteAttendance !== undefined && remoteAttendance.length > 0;
  const tailoredQuery: SearchQuery = { ...q };
  if (keepAttendance) tailoredQuery.attendance = remoteAttendance;
  const options: FilterOptions = { attendance: keepAttendance, text: false, wheelchair: false };
  const tailored = new Plan(ix, plan.scratch, tailoredQuery, options, plan.when);
  const relaxed: RelaxedConstraint[] = [];
  if (q.attendance !== undefined && !keepAttendance) relaxed.push('attendance');
  if (q.text !== undefined && queryWords(q.text).length > 0) relaxed.push('text');
  if (q.wheelchair === true) relaxed.push('wheelchair');

  let remoteRows = knownRemote;
  if (remoteRows === undefined) {
    const stamp = plan.scratch.nextStampValue();
    const part = remotePart(ix, tailored, remoteKey(tailoredQuery, options), stamp);
    const members: Members = { stamp, local: { rows: EMPTY_ROWS, count: 0 }, remote: part };
    remoteRows = new PageOrder(tailored).selectByTime(members, undefined, FALLBACK_REMOTE, true);
  }
  return {
    reason: 'few_in_person',
    inPersonWithinRadius,
    threshold: q.fallbackThreshold,
    radiusKm: q.radiusKm,
    nearestBeyond,
    remote: remoteRows.map((row) => toResult(tailored, row, false)),
    relaxed: { nearestBeyond: ['radius'], remote: relaxed },
  };
}
