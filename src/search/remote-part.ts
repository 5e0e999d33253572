/**
 * The remote part of a query: online-only and phone-only meetings. They have no place, so
 * their matches and counts depend on the filters alone, the same near every place: a filter set
 * the facet signatures decide is counted per signature; another that does not depend on "now"
 * is answered once per index version and memoised for every search near any place; one with a
 * time window checks the few rows the window marks.
 */
import {
  COUNT_SLOTS,
  countsForFacets,
  F_OTHER,
  FacetCounter,
  SLOT_ALL,
  SLOT_OF_FAIL,
  type TakenCounts,
} from './facets.js';
import type { FilterOptions, Plan } from './plan.js';
import type { SearchQuery } from './query.js';
import { KIND_REMOTE, STATUS_REMOVED } from './row-codes.js';
import type { SearchIndex } from './search-index.js';
import { queryWords } from './text.js';

/** At most this many memoised remote parts, and this many bytes of them. */
const REMOTE_CACHE_ENTRIES = 256;
const REMOTE_CACHE_BYTES = 4 * 1024 * 1024;
const NO_DAYS = new Int32Array(7);

/** Remote matches of a set of filters, with their facet counts (memoised when time-free). */
export interface RemotePart {
  count: number;
  /**
   * Set when the part follows from the facet signatures alone (no per-row filter): a remote
   * row is in it when its signature passes, and nothing is listed or memoised.
   */
  sigFails?: Uint8Array;
  /** The rows; for a memoised part made from `bits` when first needed. */
  rows: Int32Array | undefined;
  /** Membership by remote ordinal; absent when the rows were stamped with the query's stamp. */
  bits: Uint32Array | undefined;
  counts: TakenCounts;
  bytes: number;
}

/** Calls `visit` for each live remote row, in remote order. */
export function forEachRemote(ix: SearchIndex, visit: (row: number) => void): void {
  const remote = ix.remoteRows;
  for (let i = 0; i < remote.length; i++) {
    const row = remote.data[i]!;
    if (ix.kind[row] === KIND_REMOTE && ix.status[row] !== STATUS_REMOVED) visit(row);
  }
}

/** The rows of a remote part, listed (and kept on the part). */
export function remoteRowsOf(ix: SearchIndex, part: RemotePart): Int32Array {
  const bySignature = part.sigFails;
  if (part.rows === undefined && bySignature !== undefined) {
    const rows: number[] = [];
    forEachRemote(ix, (row) => {
      if (bySignature[ix.sig[row]!] === 0) rows.push(row);
    });
    part.rows = Int32Array.from(rows);
  }
  if (part.rows === undefined) {
    const rows = new Int32Array(part.count);
    const bits = part.bits!;
    let at = 0;
    for (let word = 0; word < bits.length; word++) {
      let value = bits[word]!;
      while (value !== 0) {
        const bit = 31 - Math.clz32(value & -value);
        rows[at++] = ix.remoteRows.data[word * 32 + bit]!;
        value &= value - 1;
      }
    }
    part.rows = rows;
  }
  return part.rows;
}

/** The filters that decide the remote part, as a cache key. */
export function remoteKey(q: SearchQuery, options: FilterOptions): string {
  return JSON.stringify([
    options.attendance ? (q.attendance ?? null) : null,
    q.programs ?? null,
    q.focus ?? null,
    q.typeGroups ?? null,
    q.languages ?? null,
    options.wheelchair ? (q.wheelchair ?? null) : null,
    q.includeClosed,
    options.text && q.text !== undefined ? queryWords(q.text) : null,
    q.days ?? null,
    q.fromMinute ?? null,
    q.toMinute ?? null,
    // No remote row is held at a place: any regions at all leave the remote part empty.
    q.regions !== undefined,
  ]);
}

/**
 * The remote part of a query (`key` from {@link remoteKey}). With a time window that depends on
 * "now", its rows are stamped with `stamp` in the scratch instead of being memoised.
 */
export function remotePart(ix: SearchIndex, plan: Plan, key: string, stamp: number): RemotePart {
  const when = plan.when;
  const scratch = plan.scratch;
  if (!plan.rowChecks && plan.textAll === 0 && !plan.impossible) return remoteBySignature(plan);
  if (when.dynamic && !when.timeFree()) {
    // Few window entries to mark, or many remote rows to check one by one: mark.
    const marked =
      plan.windowEntries() < ix.remoteRows.length * 4 ? plan.markWindow() : when.markedRows();
    const counter = new FacetCounter(ix, when.perRow, scratch.partCounters(COUNT_SLOTS));
    const rows: number[] = [];
    const visit = (row: number): void => {
      if (ix.kind[row] !== KIND_REMOTE) return;
      const fails = plan.evaluate(row);
      if (fails === 0) {
        scratch.stamp[row] = stamp;
        rows.push(row);
      }
      if (countsForFacets(fails)) counter.add(row, fails, plan.rowDays);
    };
    if (!plan.impossible) {
      // Few marked rows: check them; many (a whole day): scan the remote rows in order.
      if (marked !== undefined && marked.length < ix.remoteRows.length >>> 1) {
        for (const row of marked) visit(row);
        for (const row of ix.timelineDirty) if (ix.status[row] !== STATUS_REMOVED) visit(row);
      } else {
        forEachRemote(ix, visit);
      }
    }
    return {
      count: rows.length,
      rows: Int32Array.from(rows),
      bits: undefined,
      counts: counter.take(),
      bytes: 0,
    };
  }
  const cache = scratch.derivedCache();
  const cacheKey = when.dynamic
    ? `remote:${key}:${when.lowMs}:${when.highMs}:${when.includeInProgress}`
    : `remote:${key}`;
  const hit = cache.get(cacheKey) as RemotePart | undefined;
  if (hit !== undefined) {
    // Least recently used goes first out: move the hit to the end.
    cache.delete(cacheKey);
    cache.set(cacheKey, hit);
    return hit;
  }
  const counter = new FacetCounter(ix, when.perRow, scratch.partCounters(COUNT_SLOTS));
  let count = 0;
  const bits = new Uint32Array((ix.remoteRows.length >>> 5) + 1);
  if (when.dynamic && !plan.impossible) plan.markWindow();
  if (!plan.impossible) {
    const visit = (row: number): void => {
      const fails = plan.evaluate(row);
      if (fails === 0) {
        count++;
        const ordinal = ix.remoteOrdinal[row]!;
        bits[ordinal >>> 5]! |= 1 << (ordinal & 31);
      }
      if (countsForFacets(fails)) counter.add(row, fails, plan.rowDays);
    };
    const candidates = plan.candidateRows(true, ix.remoteRows.length >>> 2);
    if (candidates === undefined) forEachRemote(ix, visit);
    else {
      for (const row of candidates) {
        if (ix.kind[row] === KIND_REMOTE && ix.status[row] !== STATUS_REMOVED) visit(row);
      }
    }
  }
  const counts = counter.take();
  const part: RemotePart = {
    count,
    rows: undefined,
    bits,
    counts,
    // The rows array, once made, is counted as if it always were.
    bytes: bits.byteLength + count * 4 + counts.triples.byteLength + 200,
  };
  let entries = 0;
  let bytes = part.bytes;
  for (const [k, v] of cache) {
    if (!k.startsWith('remote:')) continue;
    entries++;
    bytes += (v as RemotePart).bytes;
  }
  for (const [k, v] of cache) {
    if (entries < REMOTE_CACHE_ENTRIES && bytes <= REMOTE_CACHE_BYTES) break;
    if (!k.startsWith('remote:')) continue;
    cache.delete(k);
    entries--;
    bytes -= (v as RemotePart).bytes;
  }
  cache.set(cacheKey, part);
  return part;
}

/**
 * The remote part of a query whose filters are all decided by facet signatures: counted from
 * how many remote meetings carry each signature, in time proportional to the signatures.
 */
function remoteBySignature(plan: Plan): RemotePart {
  const counts = plan.scratch.remoteSignatureCounts();
  const fails = plan.sigFails;
  const triples: number[] = [];
  let count = 0;
  for (let sig = 0; sig < counts.length; sig++) {
    const c = counts[sig]!;
    if (c === 0) continue;
    const f = fails[sig]!;
    if (f === 0) {
      triples.push(SLOT_ALL, sig, c);
      count += c;
    } else if ((f & (f - 1)) === 0 && f !== F_OTHER) {
      triples.push(SLOT_OF_FAIL[f]!, sig, c);
    }
  }
  return {
    count,
    sigFails: fails,
    rows: undefined,
    bits: undefined,
    counts: { triples: Int32Array.from(triples), days: NO_DAYS },
    bytes: 0,
  };
}
