/**
 * The query plan: what a person asked, reduced to masks and tables over the index's
 * vocabularies, so checking a meeting is a few integer compares.
 *
 * - What. programs, focus and languages (primary subtags: `es` matches `es-MX`; a meeting that
 *   lists no language matches no language filter): any of. Type groups: every group, any key
 *   in a group. wheelchair: only when true. Status: active only unless `includeClosed`. Text:
 *   every query word must begin a word of the meeting's name, place, address, town, regions,
 *   group or notes (see text.ts). Regions: a meeting held at a place inside every circle of
 *   one of them (any of them).
 * - Attendance values name ways of attending: `in_person` matches in-person and hybrid
 *   meetings, `online` online and hybrid ones, `hybrid` only hybrid ones, `phone` any meeting
 *   with a dial-in. Any of the given values suffices.
 * - When: see `when.ts`, which the plan holds.
 *
 * Filters the facet signatures decide are read once per signature (`sigFails`); the rest are
 * checked per row in `evaluate`. Selective filters (words, types, a time window, rare
 * signatures) also give short candidate lists, so a query need not scan.
 */
import { focusAreas } from '../meetings/model.js';
import { F_ATT, F_DAY, F_FOCUS, F_LANG, F_OTHER, F_PROG } from './facets.js';
import { postingCount, forEachPosting, type Postings } from './postings.js';
import type { Region, SearchQuery } from './query.js';
import type { QueryScratch } from './query-scratch.js';
import {
  attendanceMask,
  KIND_PLACE,
  primarySubtag,
  STATUS_ACTIVE,
  STATUS_REMOVED,
  TAG_WHEELCHAIR,
} from './row-codes.js';
import type { SearchIndex } from './search-index.js';
import { distanceKm } from '../platform/geo/sphere.js';
import { queryWords } from './text.js';
import type { When } from './when.js';

const INFINITY = Number.POSITIVE_INFINITY;
/** Derived-cache entries (remote parts, signature tables) before the oldest go. */
export const DERIVED_CACHE_ENTRIES = 1024;
/** Memoised text matches (31 KB each at 250,000 meetings). */
const TEXT_CACHE_ENTRIES = 16;

/** Which of the query's filters a plan applies (the rural fallback's remote part drops some). */
export interface FilterOptions {
  attendance: boolean;
  text: boolean;
  wheelchair: boolean;
}

/** Every filter: the query as asked. */
export const MAIN_FILTERS: FilterOptions = { attendance: true, text: true, wheelchair: true };

function popcount(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** A query reduced to masks and tables over the index's vocabularies. */
export class Plan {
  /** Nothing can match (an unknown word, a time window in the past...). */
  impossible: boolean;

  attSet = false;
  attMask = 0;
  progAllowed: Uint8Array | undefined;
  focusSet = false;
  focusMask = 0;
  langAllowed: Uint8Array | undefined;
  /** type key id -> bits of the groups it satisfies. */
  typeGroups: Uint32Array | undefined;
  /** The key ids of each type group. */
  private readonly groupKeys: number[][] = [];
  allGroups = 0;
  wheelchair = false;
  /** Bits of every query word (0: no text filter). */
  textAll = 0;
  /** Scratch: the days found by the last `evaluate`. */
  rowDays = 0;
  /** Per signature: the F_* bits decided by the signature alone. */
  sigFails: Uint8Array = new Uint8Array(0);
  /** Some filter needs a per-row check beyond the signature (types, time). */
  rowChecks = false;
  /** The query point, when there is one. */
  readonly near: { latitude: number; longitude: number } | undefined;
  /** A radius search: every place-bound member has its dot product in `closeness`. */
  byCloseness = false;
  /** The regions a row's place must lie in (one of them), when asked. */
  private readonly regions: readonly Region[] | undefined;

  private readonly markedWords: number[] = [];
  /** The word ids each query word matches. */
  private readonly wordIdsByWord: number[][] = [];
  /** The rows with every query word (one bit per row), and how many. */
  private textSet: Uint32Array | undefined;
  private textCount = 0;
  private passingForFacets: number[] | undefined;
  private passingOnly: number[] | undefined;

  constructor(
    readonly ix: SearchIndex,
    readonly scratch: QueryScratch,
    q: SearchQuery,
    private readonly options: FilterOptions,
    /** The time filters: a plan derived from another (the fallback's) shares its `When`. */
    readonly when: When,
  ) {
    if (options.attendance && q.attendance !== undefined) {
      this.attSet = true;
      this.attMask = attendanceMask(q.attendance);
    }
    if (q.programs !== undefined) {
      this.progAllowed = new Uint8Array(Math.max(1, ix.programIds.values.length));
      for (const p of q.programs) {
        const id = ix.programIds.find(p);
        if (id !== undefined) this.progAllowed[id] = 1;
      }
    }
    if (q.focus !== undefined) {
      this.focusSet = true;
      for (const f of q.focus) {
        const bit = focusAreas.indexOf(f);
        if (bit >= 0) this.focusMask |= 1 << bit;
      }
    }
    if (q.languages !== undefined) {
      this.langAllowed = new Uint8Array(Math.max(1, ix.primaryLanguages.values.length));
      for (const tag of q.languages) {
        const id = ix.primaryLanguages.find(primarySubtag(tag));
        if (id !== undefined) this.langAllowed[id] = 1;
      }
    }
    if (q.typeGroups !== undefined && q.typeGroups.length > 0) {
      if (q.typeGroups.length > 31) throw new RangeError('at most 31 type groups');
      const groups = new Uint32Array(Math.max(1, ix.typeKeyIds.values.length));
      q.typeGroups.forEach((group, bit) => {
        const ids: number[] = [];
        for (const key of group) {
          const id = ix.typeKeyIds.find(key);
          if (id !== undefined) {
            groups[id]! |= 1 << bit;
            ids.push(id);
          }
        }
        this.groupKeys.push(ids);
      });
      this.typeGroups = groups;
      this.allGroups = (1 << q.typeGroups.length) - 1;
    }
    this.wheelchair = options.wheelchair && q.wheelchair === true;
    this.impossible = when.impossible;
    this.near = q.near;
    const cache = scratch.derivedCache();
    const sigKey = `sig:${JSON.stringify([
      q.includeClosed,
      this.wheelchair,
      this.attSet ? this.attMask : -1,
      q.programs ?? null,
      this.focusSet ? this.focusMask : -1,
      q.languages ?? null,
      when.active && !when.perRow ? when.dayMask : -1,
      ix.signatures.length,
    ])}`;
    let fails = cache.get(sigKey) as Uint8Array | undefined;
    if (fails === undefined) {
      fails = this.signatureFails(q.includeClosed);
      if (cache.size >= DERIVED_CACHE_ENTRIES) {
        for (const k of cache.keys()) {
          if (k.startsWith('sig:')) {
            cache.delete(k);
            break;
          }
        }
      }
      cache.set(sigKey, fails);
    }
    this.sigFails = fails;
    this.regions = q.regions;
    this.rowChecks = this.typeGroups !== undefined || when.perRow || q.regions !== undefined;
  }

  /** The F_* bits each facet signature decides on its own. */
  private signatureFails(includeClosed: boolean): Uint8Array {
    const signatures = this.ix.signatures;
    const when = this.when;
    const fails = new Uint8Array(signatures.length);
    for (let id = 0; id < signatures.length; id++) {
      const s = signatures[id]!;
      let f = 0;
      if (s.status !== STATUS_ACTIVE && (s.status === STATUS_REMOVED || !includeClosed)) {
        f = F_OTHER;
      }
      if (this.wheelchair && (s.tags & TAG_WHEELCHAIR) === 0) f = F_OTHER;
      if (this.attSet && (s.attend & this.attMask) === 0) f |= F_ATT;
      if (this.progAllowed !== undefined && this.progAllowed[s.program] !== 1) f |= F_PROG;
      if (this.focusSet && (s.focus & this.focusMask) === 0) f |= F_FOCUS;
      if (this.langAllowed !== undefined && !s.languages.some((l) => this.langAllowed![l] === 1)) {
        f |= F_LANG;
      }
      if (when.active && !when.perRow) {
        // Days only: a row meets the days of its valid recurrences.
        if (s.days === 0) f = F_OTHER;
        else if ((s.days & when.dayMask) === 0) f |= F_DAY;
      }
      fails[id] = f;
    }
    return fails;
  }

  /**
   * Distance in km from the query point to a place-bound row (Infinity otherwise). Computed
   * when asked: a query needs exact distances only for its page and for ties.
   */
  distanceOf(row: number): number {
    const near = this.near;
    const ix = this.ix;
    if (near === undefined || ix.kind[row] !== KIND_PLACE || Number.isNaN(ix.lat[row]!)) {
      return INFINITY;
    }
    return distanceKm(near.latitude, near.longitude, ix.lat[row]!, ix.lng[row]!);
  }

  /** Prepares the text filter; call `release` when the query is done. */
  prepareText(text: string | undefined): void {
    if (text === undefined || !this.options.text) return;
    const words = queryWords(text);
    if (words.length === 0) return;
    const ix = this.ix;
    const wordMatch = this.scratch.wordMatch;
    words.forEach((word, bit) => {
      const ids = ix.words.withPrefix(word);
      for (const id of ids) {
        wordMatch[id]! |= 1 << bit;
        this.markedWords.push(id);
      }
      this.wordIdsByWord.push(ids);
      if (ids.length === 0) this.impossible = true;
    });
    this.textAll = words.length >= 31 ? 0x7fffffff : (1 << words.length) - 1;
    if (this.impossible) return;
    const cache = this.scratch.derivedCache();
    const key = `text:${words.join(' ')}`;
    const hit = cache.get(key) as { bits: Uint32Array; count: number; bytes: number } | undefined;
    if (hit !== undefined) {
      this.textSet = hit.bits;
      this.textCount = hit.count;
      return;
    }
    // The rows with every query word, as one bit per row: each word's rows from the postings
    // (rows changed since they were built, from their own words), and-ed word by word.
    const size = (ix.rows >>> 5) + 1;
    const all = new Uint32Array(size);
    const word = new Uint32Array(size);
    const inTimeline = ix.inTimeline;
    this.wordIdsByWord.forEach((ids, bit) => {
      word.fill(0);
      const mark = (row: number): void => {
        if (inTimeline[row] === 1) word[row >>> 5]! |= 1 << (row & 31);
      };
      for (const id of ids) forEachPosting(ix.words.postings, id, mark);
      for (const [row, own] of ix.words.dirty) {
        for (const id of own) {
          if ((wordMatch[id]! & (1 << bit)) !== 0) {
            word[row >>> 5]! |= 1 << (row & 31);
            break;
          }
        }
      }
      if (bit === 0) all.set(word);
      else for (let i = 0; i < size; i++) all[i]! &= word[i]!;
    });
    let count = 0;
    for (let i = 0; i < size; i++) count += popcount(all[i]!);
    this.textSet = all;
    this.textCount = count;
    let entries = 0;
    for (const k of cache.keys()) if (k.startsWith('text:')) entries++;
    if (entries >= TEXT_CACHE_ENTRIES) {
      for (const k of cache.keys()) {
        if (k.startsWith('text:')) {
          cache.delete(k);
          break;
        }
      }
    }
    cache.set(key, { bits: all, count, bytes: all.byteLength });
  }

  /** The rows of `textSet`, listed. */
  private textRowList(): number[] {
    const rows: number[] = [];
    const set = this.textSet!;
    for (let w = 0; w < set.length; w++) {
      let value = set[w]!;
      while (value !== 0) {
        rows.push(w * 32 + (31 - Math.clz32(value & -value)));
        value &= value - 1;
      }
    }
    return rows;
  }

  /** Clears the marks the query left in the scratch. */
  release(): void {
    const wordMatch = this.scratch.wordMatch;
    for (const id of this.markedWords) wordMatch[id] = 0;
    this.markedWords.length = 0;
    this.when.release();
  }

  /** The time window's rows, marked (see `When.markWindow`), unless nothing can match. */
  markWindow(): number[] | undefined {
    const marked = this.when.markedRows();
    if (marked !== undefined) return marked;
    return this.impossible ? undefined : this.when.markWindow();
  }

  /** Timeline entries a time-window marking would read (Infinity when it cannot mark). */
  windowEntries(): number {
    return this.impossible ? INFINITY : this.when.windowEntries();
  }

  /**
   * A short list of rows holding every match (plus rows changed since the posting lists were
   * built), from the most selective filter, or undefined when none is selective enough.
   * `facetSafe` leaves out the facet dimensions (program, language): a facet count needs the
   * rows that fail only that dimension.
   */
  candidateRows(facetSafe: boolean, limit: number): number[] | undefined {
    return this.candidates(facetSafe, limit)?.rows;
  }

  /**
   * As {@link candidateRows} with `facetSafe`, marked in the scratch's `emitted` array with the
   * returned stamp (0 when no filter is selective enough).
   */
  candidateSet(limit: number): number {
    return this.candidates(true, limit)?.stamp ?? 0;
  }

  /**
   * The signatures a row can have and still count: those that pass (and, when `facetSafe`,
   * those failing a single facet dimension, which facet counts need).
   */
  passingSignatures(facetSafe: boolean): number[] {
    const cached = facetSafe ? this.passingForFacets : this.passingOnly;
    if (cached !== undefined) return cached;
    const ids: number[] = [];
    this.sigFails.forEach((f, id) => {
      if (f === 0 || (facetSafe && (f & (f - 1)) === 0 && f !== F_OTHER)) ids.push(id);
    });
    if (facetSafe) this.passingForFacets = ids;
    else this.passingOnly = ids;
    return ids;
  }

  /** The size of the most selective source {@link candidateRows} would use (Infinity: none). */
  candidateEstimate(facetSafe: boolean): number {
    let best = INFINITY;
    const ix = this.ix;
    if (this.textSet !== undefined) best = Math.min(best, this.textCount);
    best = Math.min(best, postingCount(ix.signaturePostings, this.passingSignatures(facetSafe)));
    for (const ids of this.groupKeys) best = Math.min(best, postingCount(ix.typePostings, ids));
    const windowRows = this.when.markedRows();
    if (windowRows !== undefined) best = Math.min(best, windowRows.length);
    return best === INFINITY ? best : best + ix.timelineDirty.length;
  }

  private candidates(
    facetSafe: boolean,
    limit: number,
  ): { rows: number[]; stamp: number } | undefined {
    const ix = this.ix;
    type Source = { postings: Postings; values: number[] } | { rows: number[] };
    let best: Source | undefined;
    let bestSize = limit + 1;
    const consider = (postings: Postings, values: number[]): void => {
      const size = postingCount(postings, values);
      if (size < bestSize) {
        bestSize = size;
        best = { postings, values };
      }
    };
    if (this.textSet !== undefined && this.textCount < bestSize) {
      bestSize = this.textCount;
      best = { rows: this.textRowList() };
    }
    consider(ix.signaturePostings, this.passingSignatures(facetSafe));
    for (const ids of this.groupKeys) consider(ix.typePostings, ids);
    const windowRows = this.when.markedRows();
    if (windowRows !== undefined && windowRows.length < bestSize) {
      bestSize = windowRows.length;
      best = { rows: windowRows };
    }
    const source: Source | undefined = best;
    if (source === undefined) return undefined;
    const stamp = this.scratch.nextStampValue();
    const seen = this.scratch.emitted;
    const rows: number[] = [];
    // Rows from a filter other than the signatures are thinned by the signature test first.
    const fails = this.sigFails;
    const sig = ix.sig;
    const add = (row: number): void => {
      if (seen[row] === stamp) return;
      const f = fails[sig[row]!]!;
      if (facetSafe ? f >= F_OTHER || (f & (f - 1)) !== 0 : f !== 0) return;
      seen[row] = stamp;
      rows.push(row);
    };
    if ('rows' in source) for (const row of source.rows) add(row);
    else {
      const { offsets, rows: list } = source.postings;
      for (const v of source.values) {
        for (let i = offsets[v]!; i < offsets[v + 1]!; i++) add(list[i]!);
      }
    }
    for (const row of ix.timelineDirty) {
      if (seen[row] === stamp) continue;
      seen[row] = stamp;
      rows.push(row);
    }
    return { rows, stamp };
  }

  private passesTypes(row: number): boolean {
    const ix = this.ix;
    const groups = this.typeGroups!;
    let got = 0;
    const off = ix.typeOff[row]!;
    const end = off + ix.typeLen[row]!;
    const keys = ix.typeKeys.data;
    for (let i = off; i < end; i++) got |= groups[keys[i]!]!;
    return (got & this.allGroups) === this.allGroups;
  }

  /** True when the row is held at a place inside one of the regions. */
  private inRegion(row: number): boolean {
    const ix = this.ix;
    const lat = ix.lat[row]!;
    const lng = ix.lng[row]!;
    if (ix.kind[row] !== KIND_PLACE || Number.isNaN(lat)) return false;
    return this.regions!.some((region) =>
      region.every((c) => distanceKm(c.latitude, c.longitude, lat, lng) <= c.radiusKm),
    );
  }

  private passesText(row: number): boolean {
    return (this.textSet![row >>> 5]! & (1 << (row & 31))) !== 0;
  }

  /**
   * The facet dimensions (F_* bits) a row fails; F_OTHER when it fails a non-facet filter. Sets
   * `rowDays` (days with a qualifying occurrence, ignoring `days`) when time filters are set.
   */
  evaluate(row: number): number {
    let fails = this.sigFails[this.ix.sig[row]!]!;
    if (fails >= F_OTHER || (fails & (fails - 1)) !== 0) return fails;
    if (this.rowChecks) {
      if (this.typeGroups !== undefined && !this.passesTypes(row)) return F_OTHER;
      if (this.regions !== undefined && !this.inRegion(row)) return F_OTHER;
      const when = this.when;
      if (when.perRow) {
        const days = when.daysOf(row);
        this.rowDays = days;
        if (days === 0) return F_OTHER;
        if (when.daysSet && (days & when.dayMask) === 0) fails |= F_DAY;
        if ((fails & (fails - 1)) !== 0) return fails;
      }
    }
    if (this.textAll !== 0 && !this.passesText(row)) return F_OTHER;
    return fails;
  }

  /** True when a row matches every filter. */
  matches(row: number): boolean {
    return this.evaluate(row) === 0;
  }
}
