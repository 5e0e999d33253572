/**
 * Facet counts: how many meetings each filter value would find. A value of attendance,
 * program, focus, language or day counts the meetings that would match if that filter alone
 * were replaced by the value (the usual faceted-search rule: a selected "Online" does not hide
 * the count of "In person"); tags count the matches that carry them.
 *
 * Counts are kept per facet signature (`search-index.ts`): a meeting costs one increment, and
 * the signatures, a few thousand, are read once at the end.
 */
import { focusAreas } from '../meetings/model.js';
import type { SearchFacets } from './answer.js';
import {
  ATT_HYBRID,
  ATT_IN_PERSON,
  ATT_ONLINE,
  ATT_PHONE,
  facetTags,
  type FacetTag,
} from './row-codes.js';
import type { FacetSignature, SearchIndex } from './search-index.js';

/** The set bits of a signature's focus, tags and days, listed: a count adds to these alone. */
interface SignatureBits {
  focus: number[];
  tags: number[];
  days: number[];
}

/**
 * Bit lists per signature, made on a signature's first count and kept for as long as its index
 * (signatures are only ever appended, so an id keeps its signature). Reading a handful of set
 * bits instead of testing every bit of every field was most of the cost of finishing counts.
 */
const bitLists = new WeakMap<readonly FacetSignature[], SignatureBits[]>();

function setBits(bits: number, width: number): number[] {
  const list: number[] = [];
  for (let b = 0; b < width; b++) if ((bits & (1 << b)) !== 0) list.push(b);
  return list;
}

function bitsOf(all: readonly FacetSignature[], sigId: number): SignatureBits {
  let lists = bitLists.get(all);
  if (lists === undefined) bitLists.set(all, (lists = []));
  let bits = lists[sigId];
  if (bits === undefined) {
    const sig = all[sigId]!;
    bits = {
      focus: setBits(sig.focus, focusAreas.length),
      tags: setBits(sig.tags, facetTags.length),
      days: setBits(sig.days, 7),
    };
    lists[sigId] = bits;
  }
  return bits;
}

// The filter dimensions a meeting can fail, as bits (what `Plan.evaluate` returns). A meeting
// failing exactly one facet dimension still counts towards that dimension's values.
export const F_ATT = 1;
export const F_PROG = 2;
export const F_FOCUS = 4;
export const F_LANG = 8;
export const F_DAY = 16;
/** A filter that is not a facet (status, types, text, time...): counted nowhere. */
export const F_OTHER = 32;

/** True when a row failing `fails` counts towards some facet: a match, or one facet failed. */
export function countsForFacets(fails: number): boolean {
  return fails === 0 || ((fails & (fails - 1)) === 0 && fails !== F_OTHER);
}

/**
 * Count slots of the signature counters: full matches, then the rows failing only one facet
 * dimension (days too, while the days a row meets are its recurrences' own).
 */
export const SLOT_ALL = 0;
const SLOT_DAY = 5;
export const SLOT_OF_FAIL: Readonly<Record<number, number>> = {
  [F_ATT]: 1,
  [F_PROG]: 2,
  [F_FOCUS]: 3,
  [F_LANG]: 4,
  [F_DAY]: SLOT_DAY,
};
export const COUNT_SLOTS = 6;

/** Counts taken from a counter: (slot, signature, count) triples, and counts by day. */
export interface TakenCounts {
  triples: Int32Array;
  days: Int32Array;
}

/** Facet counts kept per signature, so a count costs one increment per meeting. */
export class FacetCounter {
  readonly touched: number[][] = Array.from({ length: COUNT_SLOTS }, () => []);
  readonly days = new Int32Array(7);

  constructor(
    private readonly ix: SearchIndex,
    /** Days come from the time filters (not the signature) when any is set. */
    private readonly dynamicDays: boolean,
    /** Zeroed counters, one per slot, sized to the signatures (left zeroed when taken). */
    readonly counts: Int32Array[],
  ) {}

  /** Counts a row that fails `fails` (0 = a match), with `days` when time filters are set. */
  add(row: number, fails: number, days: number): void {
    if (fails === 0) {
      this.bump(SLOT_ALL, this.ix.sig[row]!);
      if (this.dynamicDays) this.addDays(days);
    } else if (fails === F_DAY && this.dynamicDays) {
      this.addDays(days);
    } else {
      const slot = SLOT_OF_FAIL[fails];
      if (slot !== undefined) this.bump(slot, this.ix.sig[row]!);
    }
  }

  private bump(slot: number, sig: number): void {
    const counts = this.counts[slot]!;
    if (counts[sig]!++ === 0) this.touched[slot]!.push(sig);
  }

  /**
   * Counts `c` rows of signature `sig` failing `fails` (0 = matches) at once: for counts kept
   * per signature elsewhere (cells), with no time filter that decides days per row.
   */
  addSignature(fails: number, sig: number, c: number): void {
    const slot = fails === 0 ? SLOT_ALL : SLOT_OF_FAIL[fails];
    if (slot === undefined) return;
    const counts = this.counts[slot]!;
    if (counts[sig] === 0) this.touched[slot]!.push(sig);
    counts[sig]! += c;
  }

  private addDays(days: number): void {
    for (let d = 0; d < 7; d++) if ((days & (1 << d)) !== 0) this.days[d]!++;
  }

  /** The counts as (slot, signature, count) triples and day counts; resets the counters. */
  take(): TakenCounts {
    let size = 0;
    for (const list of this.touched) size += list.length;
    const triples = new Int32Array(size * 3);
    let at = 0;
    this.touched.forEach((list, slot) => {
      const counts = this.counts[slot]!;
      for (const sig of list) {
        triples[at++] = slot;
        triples[at++] = sig;
        triples[at++] = counts[sig]!;
        counts[sig] = 0;
      }
      list.length = 0;
    });
    const days = Int32Array.from(this.days);
    this.days.fill(0);
    return { triples, days };
  }

  /** Adds counts taken from another counter. */
  merge(part: TakenCounts): void {
    const { triples } = part;
    for (let i = 0; i < triples.length; i += 3) {
      const slot = triples[i]!;
      const sig = triples[i + 1]!;
      const counts = this.counts[slot]!;
      if (counts[sig] === 0) this.touched[slot]!.push(sig);
      counts[sig]! += triples[i + 2]!;
    }
    for (let d = 0; d < 7; d++) this.days[d]! += part.days[d]!;
  }

  /** The facet counts; resets the counters. */
  finish(): SearchFacets {
    const ix = this.ix;
    const attendance = [0, 0, 0, 0];
    const program = new Array<number>(ix.programIds.values.length).fill(0);
    const focus = new Array<number>(focusAreas.length).fill(0);
    const language = new Array<number>(ix.primaryLanguages.values.length).fill(0);
    const tags = new Array<number>(facetTags.length).fill(0);
    const days = Array.from(this.days);
    const addAttendance = (attend: number, c: number): void => {
      if ((attend & ATT_IN_PERSON) !== 0) attendance[0]! += c;
      if ((attend & ATT_ONLINE) !== 0) attendance[1]! += c;
      if ((attend & ATT_HYBRID) !== 0) attendance[2]! += c;
      if ((attend & ATT_PHONE) !== 0) attendance[3]! += c;
    };
    const addBits = (target: number[], bits: readonly number[], c: number): void => {
      for (const b of bits) target[b]! += c;
    };

    for (let slot = 0; slot < COUNT_SLOTS; slot++) {
      const counts = this.counts[slot]!;
      for (const sigId of this.touched[slot]!) {
        const c = counts[sigId]!;
        counts[sigId] = 0;
        const sig = ix.signatures[sigId]!;
        const bits = bitsOf(ix.signatures, sigId);
        if (slot === SLOT_ALL || slot === 1) addAttendance(sig.attend, c);
        if (slot === SLOT_ALL || slot === 2) program[sig.program]! += c;
        if (slot === SLOT_ALL || slot === 3) addBits(focus, bits.focus, c);
        if (slot === SLOT_ALL || slot === 4) for (const l of sig.languages) language[l]! += c;
        if (slot === SLOT_ALL) {
          addBits(tags, bits.tags, c);
          if (!this.dynamicDays) addBits(days, bits.days, c);
        }
        if (slot === SLOT_DAY) addBits(days, bits.days, c);
      }
      this.touched[slot]!.length = 0;
    }
    this.days.fill(0);
    const facets: SearchFacets = {
      attendance: {
        in_person: attendance[0]!,
        online: attendance[1]!,
        hybrid: attendance[2]!,
        phone: attendance[3]!,
      },
      program: {},
      day: days,
      focus: {
        alcohol: focus[0]!,
        drugs: focus[1]!,
        gambling: focus[2]!,
        sex_and_love: focus[3]!,
        food: focus[4]!,
        co_dependency: focus[5]!,
        family_and_friends: focus[6]!,
        behaviour: focus[7]!,
      },
      language: {},
      tags: Object.fromEntries(facetTags.map((tag, bit) => [tag, tags[bit]!])) as Record<
        FacetTag,
        number
      >,
    };
    program.forEach((c, id) => {
      if (c > 0) facets.program[ix.programIds.values[id]!] = c;
    });
    language.forEach((c, id) => {
      if (c > 0) facets.language[ix.primaryLanguages.values[id]!] = c;
    });
    return facets;
  }
}
