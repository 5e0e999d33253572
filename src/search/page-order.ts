/**
 * Choosing a page: up to k of the query's matches in time or distance order, after a cursor.
 *
 * - sort=time: next start, then distance (none last), then slug. sort=distance: place-bound
 *   by distance, then next start, then slug; then remote ones by next start, slug. Meetings
 *   without a next start sort after those with one.
 * - A time-sorted page walks the index's timeline of occurrences from "now" and stops once the
 *   page is full, when the matches are many; otherwise (or when the walk runs long, or the
 *   timeline does not cover the query) the matches are ordered directly with a bounded heap.
 * - A distance-sorted page of a radius search orders by the dot products the radius walk left
 *   (they order as distances do) and computes exact distances only for the page.
 */
import type { CursorKey } from './cursor.js';
import { compareNumbers, compareSlugs, Smallest } from './ordering.js';
import type { Plan } from './plan.js';
import { remoteRowsOf, type RemotePart } from './remote-part.js';
import { KIND_PLACE, KIND_REMOTE, TIMELINE_NO_SIGNATURE, TIMELINE_REMOTE } from './row-codes.js';
import type { SearchIndex } from './search-index.js';
import { EDGE_BAND } from '../platform/geo/circle-walk.js';
import { EARTH_RADIUS_KM } from '../platform/geo/sphere.js';
import { lowerBound, MS_PER_MINUTE } from './week-math.js';

const INFINITY = Number.POSITIVE_INFINITY;
/** Extra rows chosen by dot product before exact distances settle a page's order. */
const CLOSENESS_SLACK = 8;

/** Rows in the first `count` places of a scratch array. */
export interface RowList {
  rows: Int32Array;
  count: number;
}

/**
 * Place-bound matches of a radius search in cells wholly inside its circle: counted, not
 * listed (`CellSink` in `near-places.ts`).
 */
export interface CellMembers {
  count: number;
  /** True when `row` is one of them (leaving its dot product in `closeness`). */
  isMember(row: number): boolean;
  /** Lists every place-bound match in `local` after all (and marks it), for a full ordering. */
  list(): void;
}

/**
 * The rows a page is chosen from: place-bound matches marked with `stamp` (listed in
 * `local`, or counted in `cells`), and remote matches listed in `remote` and marked either
 * with `stamp` too or in its bits or signatures (a memoised remote part).
 */
export interface Members {
  stamp: number;
  local: RowList;
  cells?: CellMembers | undefined;
  remote: RemotePart;
}

function isMember(plan: Plan, members: Members, row: number): boolean {
  const ix = plan.ix;
  if (plan.scratch.stamp[row] === members.stamp) return true;
  if (members.cells !== undefined && ix.kind[row] === KIND_PLACE && members.cells.isMember(row))
    return true;
  const bySignature = members.remote.sigFails;
  if (bySignature !== undefined) {
    return ix.kind[row] === KIND_REMOTE && bySignature[ix.sig[row]!] === 0;
  }
  const bits = members.remote.bits;
  if (bits === undefined) return false;
  const ordinal = ix.remoteOrdinal[row]!;
  return ordinal >= 0 && (bits[ordinal >>> 5]! & (1 << (ordinal & 31))) !== 0;
}

export class PageOrder {
  private readonly ix: SearchIndex;

  constructor(readonly plan: Plan) {
    this.ix = plan.ix;
  }

  readonly compareTime = (a: number, b: number): number => {
    const { plan, ix } = this;
    return (
      compareNumbers(plan.when.nextKey(a), plan.when.nextKey(b)) ||
      compareNumbers(plan.distanceOf(a), plan.distanceOf(b)) ||
      compareSlugs(ix.slugs[a]!, ix.slugs[b]!)
    );
  };

  readonly compareDistance = (a: number, b: number): number => {
    const { plan, ix } = this;
    return (
      compareNumbers(plan.distanceOf(a), plan.distanceOf(b)) ||
      compareNumbers(plan.when.nextKey(a), plan.when.nextKey(b)) ||
      compareSlugs(ix.slugs[a]!, ix.slugs[b]!)
    );
  };

  private afterTimeCursor(row: number, cursor: CursorKey | undefined): boolean {
    if (cursor === undefined) return true;
    const { plan, ix } = this;
    const c =
      compareNumbers(plan.when.nextKey(row), cursor.start) ||
      compareNumbers(plan.distanceOf(row), cursor.dist) ||
      compareSlugs(ix.slugs[row]!, cursor.slug);
    return c > 0;
  }

  private afterDistanceCursor(row: number, cursor: CursorKey & { sort: 'distance' }): boolean {
    const { plan, ix } = this;
    const c =
      compareNumbers(plan.distanceOf(row), cursor.dist) ||
      compareNumbers(plan.when.nextKey(row), cursor.start) ||
      compareSlugs(ix.slugs[row]!, cursor.slug);
    return c > 0;
  }

  /**
   * Up to `k` members in time order after `cursor`. Walks the global timeline when the members
   * are many (the first page is near its start), else orders the members directly.
   */
  selectByTime(
    members: Members,
    cursor: CursorKey | undefined,
    k: number,
    remoteOnly: boolean,
  ): number[] {
    const local = remoteOnly ? 0 : members.local.count + (members.cells?.count ?? 0);
    const count = local + members.remote.count;
    if (k <= 0 || count === 0) return [];
    // A walk finds about one member in rows / count entries (fewer when days or times are
    // filtered, which the walk skips cheaply); ordering the members directly costs about
    // `count`. Walk when it should take fewer steps.
    const expectedWalk = (k * Math.max(1, this.ix.size)) / count;
    if (expectedWalk < count && this.plan.when.listsCover) {
      const walked = this.walkTimeline(members, cursor, k, remoteOnly, count);
      if (walked !== undefined) return walked;
    }
    const best = new Smallest(k, this.compareTime);
    if (!remoteOnly) {
      members.cells?.list();
      const { rows, count: n } = members.local;
      for (let i = 0; i < n; i++) if (this.afterTimeCursor(rows[i]!, cursor)) best.offer(rows[i]!);
    }
    for (const row of remoteRowsOf(this.ix, members.remote)) {
      if (this.afterTimeCursor(row, cursor)) best.offer(row);
    }
    return best.sorted();
  }

  private walkTimeline(
    members: Members,
    cursor: CursorKey | undefined,
    k: number,
    remoteOnly: boolean,
    count: number,
  ): number[] | undefined {
    // Place-bound members as bits (a few kilobytes, read for every entry of the walk).
    const localBits = this.plan.scratch.localBits;
    const { rows: localRows, count: localCount } = members.local;
    for (let i = 0; i < localCount; i++) {
      const row = localRows[i]!;
      localBits[row >>> 5]! |= 1 << (row & 31);
    }
    try {
      return this.walk(members, cursor, k, remoteOnly, count, localBits);
    } finally {
      // Read again: the walk may have listed the cells' members, a superset of those marked.
      const { rows, count: n } = members.local;
      for (let i = 0; i < n; i++) localBits[rows[i]! >>> 5] = 0;
    }
  }

  private walk(
    members: Members,
    cursor: CursorKey | undefined,
    k: number,
    remoteOnly: boolean,
    count: number,
    localBits: Uint32Array,
  ): number[] | undefined {
    const ix = this.ix;
    const plan = this.plan;
    const when = plan.when;
    const scratch = plan.scratch;
    const emit = scratch.nextStampValue();
    const out: number[] = [];
    const group: number[] = [];
    const emitted = scratch.emitted;
    const nextStartMs = scratch.nextStartMs;
    const {
      row: timelineRow,
      dur: timelineDur,
      start: starts,
      local,
      rec: timelineRec,
      sig: timelineSig,
      length,
    } = ix.timeline;
    const inTimeline = ix.inTimeline;
    const remoteBySignature = members.remote.sigFails;
    const cells = members.cells;
    const allowed = when.allowed;
    const nowMinute = Math.floor(when.now / MS_PER_MINUTE);
    // Without a starting-within or date window, an occurrence passes when it has not ended
    // (and, unless in-progress ones count, has not started).
    const simpleInstants = !when.withinSet && !when.dateSet;
    const highMinute = Number.isFinite(when.highMs)
      ? Math.floor(when.highMs / MS_PER_MINUTE)
      : 0x7fffffff;
    // Rows whose occurrences are not in the timeline yet: ordered directly and merged in.
    const dirty: number[] = [];
    const rest: number[] = [];
    for (const row of ix.timelineDirty) {
      if (inTimeline[row] === 1 || emitted[row] === emit || !isMember(plan, members, row)) continue;
      if (remoteOnly && ix.kind[row] !== KIND_REMOTE) continue;
      emitted[row] = emit;
      if (when.ensureNext(row)) dirty.push(row);
      else rest.push(row);
    }
    dirty.sort((a, b) => nextStartMs[a]! - nextStartMs[b]!);
    let dirtyAt = 0;

    // Beyond this many entries, ordering the members directly is cheaper.
    const budget = 4 * count + 1024;
    let visited = 0;
    let groupMinute = NaN;
    const flush = (): void => {
      if (group.length === 0) return;
      // One start minute: order by distance, then slug; only the rows the page still needs.
      let rows =
        cursor === undefined ? group : group.filter((r) => this.afterTimeCursor(r, cursor));
      const need = k - out.length;
      if (rows.length > need + CLOSENESS_SLACK) {
        const best = new Smallest(need + CLOSENESS_SLACK, this.compareInGroup);
        for (const row of rows) best.offer(row);
        rows = best.sorted();
      }
      if (rows.length > 1) rows = this.sortedByDistance(rows);
      for (const row of rows) out.push(row);
      group.length = 0;
    };
    let pos = lowerBound(starts, 0, length, when.earliestStartMinute());
    for (; pos < length; pos++) {
      const minute = starts[pos]!;
      if (minute > highMinute) break;
      if (minute !== groupMinute) {
        // Dirty rows starting before this minute go first, each minute as its own group.
        while (dirtyAt < dirty.length && nextStartMs[dirty[dirtyAt]!]! < minute * MS_PER_MINUTE) {
          flush();
          if (out.length >= k) return out.slice(0, k);
          const dirtyStart = nextStartMs[dirty[dirtyAt]!]!;
          while (dirtyAt < dirty.length && nextStartMs[dirty[dirtyAt]!] === dirtyStart) {
            group.push(dirty[dirtyAt++]!);
          }
        }
        flush();
        if (out.length >= k) return out.slice(0, k);
        groupMinute = minute;
        while (dirtyAt < dirty.length && nextStartMs[dirty[dirtyAt]!] === minute * MS_PER_MINUTE) {
          group.push(dirty[dirtyAt++]!);
        }
      }
      if (++visited > budget) return undefined;
      // Ended before "now" (in whole minutes, as ends are): the common reject, in integers.
      if (minute + timelineDur[pos]! <= nowMinute) continue;
      if (allowed !== undefined && allowed[local[pos]!] !== 1) continue;
      const startMs = minute * MS_PER_MINUTE;
      const endMs = startMs + timelineDur[pos]! * MS_PER_MINUTE;
      if (!simpleInstants && !when.instantPasses(startMs, endMs)) continue;
      if (simpleInstants && !when.includeInProgress && startMs < when.now) continue;
      const rec = timelineRec[pos]!;
      const row = timelineRow[pos]!;
      // Membership from the entry itself where it can be: place-bound ones in the local bits,
      // remote ones by their signature.
      if ((rec & TIMELINE_REMOTE) === 0) {
        if (remoteOnly) continue;
        if (
          (localBits[row >>> 5]! & (1 << (row & 31))) === 0 &&
          (cells === undefined || !cells.isMember(row))
        )
          continue;
      } else if (remoteBySignature !== undefined) {
        let sig = timelineSig[pos]!;
        if (sig === TIMELINE_NO_SIGNATURE) sig = ix.sig[row]!;
        if (remoteBySignature[sig] !== 0 || ix.kind[row] !== KIND_REMOTE) continue;
      } else if (!isMember(plan, members, row)) continue;
      if (inTimeline[row] !== 1 || emitted[row] === emit) continue;
      // The days and time-of-day window were checked by `allowed` above.
      emitted[row] = emit;
      when.setNext(row, startMs, timelineDur[pos]!, rec & ~TIMELINE_REMOTE);
      group.push(row);
    }
    flush();
    // Past the timeline: remaining dirty rows, then members whose next start lies past the
    // horizon or who have none.
    for (let i = dirtyAt; i < dirty.length; i++) rest.push(dirty[i]!);
    if (!remoteOnly) {
      members.cells?.list();
      const { rows, count: n } = members.local;
      for (let i = 0; i < n; i++) if (emitted[rows[i]!] !== emit) rest.push(rows[i]!);
    }
    for (const row of remoteRowsOf(ix, members.remote)) if (emitted[row] !== emit) rest.push(row);
    const best = new Smallest(Math.max(0, k - out.length), this.compareTime);
    for (const row of rest) if (this.afterTimeCursor(row, cursor)) best.offer(row);
    return out.concat(best.sorted()).slice(0, k);
  }

  /**
   * Up to `k` place-bound members by distance after `cursor`. With `byCloseness` (a radius
   * search, which left each member's dot product in `closeness`), the nearest k + 8 are chosen
   * by dot product, which orders as the distance does, and only they get an exact haversine
   * to settle the order; distances that close to equal cannot be told apart by the dot product
   * only when nine meetings sit within a hair of one another at the page boundary.
   */
  selectByDistance(
    members: Members,
    cursor: CursorKey | undefined,
    k: number,
    byCloseness: boolean,
  ): number[] {
    const distanceCursor = cursor?.sort === 'distance' ? cursor : undefined;
    if (distanceCursor !== undefined && distanceCursor.bucket === 1) return [];
    const { rows, count } = members.local;
    if (!byCloseness) {
      const best = new Smallest(k, this.compareDistance);
      for (let i = 0; i < count; i++) {
        const row = rows[i]!;
        if (distanceCursor !== undefined && !this.afterDistanceCursor(row, distanceCursor)) {
          continue;
        }
        best.offer(row);
      }
      return best.sorted();
    }
    const close = this.plan.scratch.closeness;
    const best = new Smallest(k + CLOSENESS_SLACK, this.compareCloseness);
    const cursorCos =
      distanceCursor === undefined ? undefined : Math.cos(distanceCursor.dist / EARTH_RADIUS_KM);
    for (let i = 0; i < count; i++) {
      const row = rows[i]!;
      if (distanceCursor !== undefined) {
        const c = close[row]!;
        if (c > cursorCos! + EDGE_BAND) continue;
        if (c >= cursorCos! - EDGE_BAND && !this.afterDistanceCursor(row, distanceCursor)) {
          continue;
        }
      }
      best.offer(row);
    }
    return best.sorted().sort(this.compareDistance).slice(0, k);
  }

  /** Rows of one start minute in order: exact distance (each computed once), then slug. */
  private sortedByDistance(rows: readonly number[]): number[] {
    const slugs = this.ix.slugs;
    const keyed = rows.map((row) => ({ row, dist: this.plan.distanceOf(row) }));
    keyed.sort(
      (a, b) => compareNumbers(a.dist, b.dist) || compareSlugs(slugs[a.row]!, slugs[b.row]!),
    );
    return keyed.map((k) => k.row);
  }

  /**
   * Order within one start minute: distance (by dot product for a radius search, where it
   * orders the same way), then slug. Used to pick candidates; `compareTime` settles them.
   */
  readonly compareInGroup = (a: number, b: number): number => {
    const { plan, ix } = this;
    let c: number;
    if (plan.byCloseness) {
      const closeness = plan.scratch.closeness;
      const ka = ix.kind[a] === KIND_PLACE ? -closeness[a]! : INFINITY;
      const kb = ix.kind[b] === KIND_PLACE ? -closeness[b]! : INFINITY;
      c = compareNumbers(ka, kb);
    } else c = compareNumbers(plan.distanceOf(a), plan.distanceOf(b));
    return c || compareSlugs(ix.slugs[a]!, ix.slugs[b]!);
  };

  readonly compareCloseness = (a: number, b: number): number => {
    const close = this.plan.scratch.closeness;
    return (
      compareNumbers(close[b]!, close[a]!) ||
      compareNumbers(this.plan.when.nextKey(a), this.plan.when.nextKey(b)) ||
      compareSlugs(this.ix.slugs[a]!, this.ix.slugs[b]!)
    );
  };
}
