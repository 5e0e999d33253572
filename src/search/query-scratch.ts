/**
 * The working memory of queries on one index, kept apart from the index so that a search only
 * reads the index: per-row marks and cached next occurrences, per-word marks, counters, and
 * memoised parts derived from the index (dropped whenever the index's `version` moves on).
 *
 * Search is synchronous, so one set per index serves every query; a query leaves the per-row
 * marks it must (windowDays, localBits, wordMatch) back at zero before it returns, and the
 * others are told apart by stamps.
 */
import { KIND_REMOTE, STATUS_REMOVED } from './row-codes.js';
import type { SearchIndex } from './search-index.js';
import { grown } from './typed-arrays.js';

export class QueryScratch {
  /** Per row: the query stamp of the last query that matched it. */
  stamp = new Uint32Array(0);
  /** Per row: a stamp for marks (emitted rows of a time-ordered pass, candidate sets). */
  emitted = new Uint32Array(0);
  /** Per row: the stamp of the last cached next-occurrence computation, and its result. */
  nextStamp = new Uint32Array(0);
  nextStartMs = new Float64Array(0);
  nextDur = new Uint16Array(0);
  /** Schedule position of the next occurrence, or -1 when the row has none. */
  nextRec = new Int16Array(0);
  /** Per row: dot product of its unit vector with the query point's (radius searches). */
  closeness = new Float64Array(0);
  /** Per row: the days (bits) of its occurrences in the current query's time window; 0 when none. */
  windowDays = new Uint8Array(0);
  /** Per row, as bits: the place-bound members of a time-ordered walk; all zero between uses. */
  localBits = new Uint32Array(0);
  /** Matches compacted to the front, then read in order. */
  candidates = new Int32Array(0);
  /** Per word: bits of the query words it matches. */
  wordMatch = new Uint32Array(0);

  private stampCounter = 0;
  private sigCounts: Int32Array[] = [];
  private partCounts: Int32Array[] = [];
  private version = -1;
  private readonly derived = new Map<string, unknown>();
  private readonly beyond = new Map<number, { start: number; end: number } | null>();
  private remoteCounts = new Int32Array(0);
  private remoteCountsVersion = -1;

  constructor(private readonly ix: SearchIndex) {}

  /** Sizes the arrays to the index and drops memoised parts it has outgrown. */
  fit(): void {
    const ix = this.ix;
    if (this.stamp.length < ix.rows) {
      const size = Math.ceil(ix.rows * 1.25) + 16;
      this.stamp = grown(this.stamp, size);
      this.emitted = grown(this.emitted, size);
      this.nextStamp = grown(this.nextStamp, size);
      this.nextStartMs = grown(this.nextStartMs, size);
      this.nextDur = grown(this.nextDur, size);
      this.nextRec = grown(this.nextRec, size);
      this.closeness = grown(this.closeness, size);
      this.windowDays = grown(this.windowDays, size);
      this.candidates = grown(this.candidates, size);
      this.localBits = grown(this.localBits, (size >>> 5) + 1);
    }
    if (this.wordMatch.length < ix.words.text.length) {
      this.wordMatch = grown(this.wordMatch, ix.words.text.length);
    }
    if (this.version !== ix.version) {
      this.derived.clear();
      this.beyond.clear();
      this.version = ix.version;
    }
  }

  /** A fresh stamp for per-row marks. */
  nextStampValue(): number {
    if (this.stampCounter >= 0xfffffff0) {
      this.stampCounter = 0;
      this.stamp.fill(0);
      this.emitted.fill(0);
      this.nextStamp.fill(0);
    }
    return ++this.stampCounter;
  }

  /** Parts derived from the index by queries (signature tables, text sets, remote parts). */
  derivedCache(): Map<string, unknown> {
    return this.derived;
  }

  /**
   * The first occurrence of recurrence `r` (pool index) of `row` starting at or after the
   * horizon's end (epoch ms), memoised; undefined when it never occurs.
   */
  beyondHorizon(row: number, r: number): { start: number; end: number } | undefined {
    let found = this.beyond.get(r);
    if (found === undefined) {
      const ix = this.ix;
      found = ix.schedules.firstAfterHorizon(r, ix.zones.values[ix.zone[row]!]!) ?? null;
      this.beyond.set(r, found);
    }
    return found ?? undefined;
  }

  /** How many live remote rows carry each facet signature (recounted after any change). */
  remoteSignatureCounts(): Int32Array {
    const ix = this.ix;
    if (
      this.remoteCountsVersion !== ix.version ||
      this.remoteCounts.length < ix.signatures.length
    ) {
      const counts = new Int32Array(ix.signatures.length);
      const rows = ix.remoteRows.data;
      for (let i = 0; i < ix.remoteRows.length; i++) {
        const row = rows[i]!;
        if (ix.kind[row] === KIND_REMOTE && ix.status[row] !== STATUS_REMOVED) {
          counts[ix.sig[row]!]!++;
        }
      }
      this.remoteCounts = counts;
      this.remoteCountsVersion = ix.version;
    }
    return this.remoteCounts;
  }

  /** Counters for facet signatures, one array per count slot, sized to the signatures. */
  signatureCounters(slots: number): Int32Array[] {
    this.sigCounts = sizedCounters(this.sigCounts, slots, this.ix.signatures.length);
    return this.sigCounts;
  }

  /** A second set of counters, for a remote part (taken back to zero before the next uses it). */
  partCounters(slots: number): Int32Array[] {
    this.partCounts = sizedCounters(this.partCounts, slots, this.ix.signatures.length);
    return this.partCounts;
  }

  /** Bytes of the arrays and of the memoised parts that say how large they are. */
  byteLength(): number {
    let bytes = 0;
    for (const array of [
      this.stamp,
      this.emitted,
      this.nextStamp,
      this.nextStartMs,
      this.nextDur,
      this.nextRec,
      this.closeness,
      this.windowDays,
      this.localBits,
      this.candidates,
      this.wordMatch,
      this.remoteCounts,
      ...this.sigCounts,
      ...this.partCounts,
    ]) {
      bytes += array.byteLength;
    }
    return bytes;
  }

  /** Bytes of the memoised parts that say how large they are. */
  derivedByteLength(): number {
    let bytes = 0;
    for (const value of this.derived.values()) {
      if (typeof value === 'object' && value !== null && 'bytes' in value) {
        bytes += Number(value.bytes);
      }
    }
    return bytes;
  }
}

function sizedCounters(counters: Int32Array[], slots: number, signatures: number): Int32Array[] {
  if (counters.length === slots && (counters[0]?.length ?? 0) >= signatures) return counters;
  return Array.from({ length: slots }, () => new Int32Array(Math.max(signatures, 16) * 2));
}

const scratches = new WeakMap<SearchIndex, QueryScratch>();

/** The query scratch of an index, sized to it. */
export function scratchFor(ix: SearchIndex): QueryScratch {
  let scratch = scratches.get(ix);
  if (scratch === undefined) {
    scratch = new QueryScratch(ix);
    scratches.set(ix, scratch);
  }
  scratch.fit();
  return scratch;
}
