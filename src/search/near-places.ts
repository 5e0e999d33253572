/**
 * The place-bound meetings near a point: those within a radius, or the nearest N that match.
 * Place-bound meetings (in person, hybrid) count only when they have coordinates; distances are
 * great-circle (`platform/geo/sphere.ts`), the same function the reference uses, so a meeting exactly on the
 * radius is in or out for both.
 *
 * A radius search walks kdbush with the shared circle walk (`platform/geo/circle-walk.ts`),
 * which compares unit vectors by dot product and needs the haversine only at the circle's edge.
 * A nearest search explores outwards with geokdbush when matches are common, or checks the
 * rows of the most selective filter when they are rare.
 */
import { around } from 'geokdbush';
import { countsForFacets, type FacetCounter } from './facets.js';
import { cellInside, type GeoCells } from './geo-cells.js';
import { circleAround, EDGE_BAND, walkCircle } from '../platform/geo/circle-walk.js';
import { distanceKm, EARTH_RADIUS_KM, unitVector, type Box } from '../platform/geo/sphere.js';
import { compareNumbers, compareSlugs } from './ordering.js';
import type { Plan } from './plan.js';
import { KIND_PLACE, STATUS_REMOVED } from './row-codes.js';
import type { SearchIndex } from './search-index.js';

const INFINITY = Number.POSITIVE_INFINITY;
/** Predicate calls after which a geokdbush exploration gives up for a plain scan. */
const AROUND_BUDGET = 5_000;
const ABORT_AROUND = new Error('around: budget exhausted');

function isPlacedLive(ix: SearchIndex, row: number): boolean {
  return (
    ix.status[row] !== STATUS_REMOVED && ix.kind[row] === KIND_PLACE && !Number.isNaN(ix.lat[row]!)
  );
}

/**
 * Where a radius search puts the counts of cells wholly inside its circle (`geo-cells.ts`):
 * the rows of such a cell are not listed, its matches are added to `matched` and, when
 * `counter` is set, its facet counts too. Only for a plan whose filters the signatures decide.
 */
export interface CellSink {
  matched: number;
  counter: FacetCounter | undefined;
}

/**
 * Writes every place-bound row within `radiusKm` of the point into `rows`; returns how many.
 * kdbush's points are walked by the shared circle walk (`circle-walk.ts`); rows added or moved
 * since the build are checked one by one. Leaves each row's dot product in the scratch's
 * `closeness`. With `sink`, a cell wholly inside the circle is counted there instead of listed.
 */
export function placesWithin(
  plan: Plan,
  latitude: number,
  longitude: number,
  radiusKm: number,
  rows: Int32Array,
  sink?: CellSink,
): number {
  const ix = plan.ix;
  let n = 0;
  const geo = ix.geo.kd;
  const closeness = plan.scratch.closeness;
  const circle = circleAround(latitude, longitude, radiusKm);
  const { x: qx, y: qy, z: qz } = circle;
  if (geo !== undefined) {
    const ids = geo.ids;
    const posRow = ix.geo.rowAt;
    const geoItem = ix.geoItem;
    const cells = ix.geo.cells;
    const sigFails = plan.sigFails;
    const visit = (pos: number, dot: number): void => {
      const row = posRow[pos]!;
      // A row moved or removed since the build is no longer this point.
      if (geoItem[row] !== ids[pos]) return;
      closeness[row] = dot;
      rows[n++] = row;
    };
    const skip =
      sink === undefined
        ? undefined
        : (node: number, box: Box): boolean => {
            if (!cellInside(cells, node, qx, qy, qz, circle.angle, box)) return false;
            addCell(cells, node, sigFails, sink);
            return true;
          };
    walkCircle(geo, ix.geo.unitAt, circle, visit, skip);
  }
  const point = new Float64Array(3);
  for (const row of ix.geo.overflow) {
    if (!isPlacedLive(ix, row) || ix.geoItem[row] !== -1) continue;
    const dist = distanceKm(latitude, longitude, ix.lat[row]!, ix.lng[row]!);
    if (!(dist <= radiusKm)) continue;
    unitVector(ix.lat[row]!, ix.lng[row]!, point, 0);
    closeness[row] = qx * point[0]! + qy * point[1]! + qz * point[2]!;
    rows[n++] = row;
  }
  return n;
}

/** Adds a cell's matches and facet counts (by its signatures' fails) to `sink`. */
function addCell(cells: GeoCells, node: number, sigFails: Uint8Array, sink: CellSink): void {
  const { offsets, sigs, counts } = cells;
  const counter = sink.counter;
  for (let i = offsets[node]!; i < offsets[node + 1]!; i++) {
    const c = counts[i]!;
    if (c === 0) continue;
    const sig = sigs[i]!;
    const fails = sigFails[sig]!;
    if (fails === 0) sink.matched += c;
    if (counter !== undefined && countsForFacets(fails)) counter.addSignature(fails, sig, c);
  }
}

/**
 * True when a place-bound row strictly inside the circle around the unit vector (qx, qy, qz)
 * with cosine `inner` (its radius less the edge band) lies in kdbush; leaves its dot product in
 * `closeness`. The rows of a radius search's whole cells are those (`CellSink`).
 */
export function insideCell(
  ix: SearchIndex,
  row: number,
  qx: number,
  qy: number,
  qz: number,
  inner: number,
  closeness: Float64Array,
): boolean {
  const item = ix.geoItem[row]!;
  if (item < 0) return false;
  const pos = ix.geo.positionOfItem[item]!;
  const unit = ix.geo.unitAt;
  const dot = qx * unit[3 * pos]! + qy * unit[3 * pos + 1]! + qz * unit[3 * pos + 2]!;
  if (dot < inner) return false;
  closeness[row] = dot;
  return true;
}

/**
 * The `count` nearest place-bound rows farther than `beyondKm` that match the plan, ordered by
 * distance, next start and slug (ties at the boundary resolved by the same order).
 *
 * Either explores space around the point with geokdbush (cheap when matches are common), or
 * checks every row of the most selective filter (cheap when they are rare), whichever the
 * filter's posting-list size predicts is cheaper; an exploration that runs long gives up for
 * the check.
 */
export function nearestPlaced(
  plan: Plan,
  near: { latitude: number; longitude: number },
  count: number,
  beyondKm: number,
): { row: number; dist: number }[] {
  const ix = plan.ix;
  if (count <= 0 || plan.impossible || plan.when.nothingMatches) return [];
  const { latitude, longitude } = near;
  const candidates = new Map<number, number>();
  const accept = (row: number): number | undefined => {
    if (!plan.matches(row)) return undefined;
    const dist = distanceKm(latitude, longitude, ix.lat[row]!, ix.lng[row]!);
    return beyondKm > 0 && !(dist > beyondKm) ? undefined : dist;
  };
  const placed = ix.geo.rowAt.length + ix.geo.overflow.length;
  const estimate = plan.candidateEstimate(false);
  const exploreCost = ((count + 1) * placed) / Math.max(1, estimate);
  let scan = estimate <= 4 * exploreCost + 512;
  const geo = ix.geo.kd;
  if (!scan && geo !== undefined) {
    // "Beyond the radius" by dot product against the query point, exact only at the edge.
    const point = new Float64Array(3);
    unitVector(latitude, longitude, point, 0);
    const [qx, qy, qz] = point as unknown as [number, number, number];
    const cosBeyond = Math.cos(beyondKm / EARTH_RADIUS_KM);
    const { unitAt: unit, rowOfItem, positionOfItem } = ix.geo;
    let calls = 0;
    const predicate = (item: number): boolean => {
      if (++calls > AROUND_BUDGET) throw ABORT_AROUND;
      const row = rowOfItem[item]!;
      if (ix.geoItem[row] !== item || !plan.matches(row)) return false;
      if (beyondKm <= 0) return true;
      const pos = positionOfItem[item]!;
      const dot = qx * unit[3 * pos]! + qy * unit[3 * pos + 1]! + qz * unit[3 * pos + 2]!;
      if (dot > cosBeyond + EDGE_BAND) return false;
      if (dot >= cosBeyond - EDGE_BAND) {
        return distanceKm(latitude, longitude, ix.lat[row]!, ix.lng[row]!) > beyondKm;
      }
      return true;
    };
    const distanceOfItem = (item: number): number => {
      const row = rowOfItem[item]!;
      return distanceKm(latitude, longitude, ix.lat[row]!, ix.lng[row]!);
    };
    try {
      const found = around(geo, longitude, latitude, count + 1, Infinity, predicate);
      const distances = found.map(distanceOfItem);
      const boundary = distances[count - 1];
      if (boundary !== undefined && distances[count] === boundary) {
        // A tie across the boundary: gather everything as far as the boundary.
        calls = -Infinity;
        const reach = boundary * (1 + 1e-9) + 1e-9;
        for (const item of around(geo, longitude, latitude, Infinity, reach, predicate)) {
          const dist = distanceOfItem(item);
          if (dist <= boundary) candidates.set(rowOfItem[item]!, dist);
        }
      } else {
        found.forEach((item, i) => candidates.set(rowOfItem[item]!, distances[i]!));
      }
      for (const row of ix.geo.overflow) {
        if (!isPlacedLive(ix, row) || ix.geoItem[row] !== -1 || candidates.has(row)) continue;
        const dist = accept(row);
        if (dist !== undefined) candidates.set(row, dist);
      }
    } catch (error) {
      if (error !== ABORT_AROUND) throw error;
      candidates.clear();
      scan = true;
    }
  } else scan = true;
  if (scan) {
    const visit = (row: number): void => {
      if (!isPlacedLive(ix, row)) return;
      const dist = accept(row);
      if (dist !== undefined) candidates.set(row, dist);
    };
    const list = estimate === INFINITY ? undefined : plan.candidateRows(false, INFINITY);
    if (list !== undefined) for (const row of list) visit(row);
    else for (let row = 0; row < ix.rows; row++) if (ix.kind[row] === KIND_PLACE) visit(row);
  }
  const list = [...candidates].map(([row, dist]) => ({ row, dist }));
  if (list.length > count) {
    // Keep the nearest by distance (ties kept), then order them fully.
    list.sort((a, b) => a.dist - b.dist);
    const boundary = list[count - 1]!.dist;
    let end = count;
    while (end < list.length && list[end]!.dist === boundary) end++;
    list.length = end;
  }
  list.sort(
    (a, b) =>
      compareNumbers(a.dist, b.dist) ||
      compareNumbers(plan.when.nextKey(a.row), plan.when.nextKey(b.row)) ||
      compareSlugs(ix.slugs[a.row]!, ix.slugs[b.row]!),
  );
  return list.slice(0, count);
}
