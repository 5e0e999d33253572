/**
 * The in-memory search index: every meeting reduced to the numbers a query compares, in
 * column arrays (typed arrays and compact pools), so the hot path reads integers and allocates
 * nothing per meeting. `search.ts` answers queries from it; this file builds and maintains it.
 *
 * Layout (one row per meeting; rows are in spatial order after a build, so a search near a place
 * reads a compact range of every column):
 * - flags and small codes: status, attendance bits, place-bound or remote, program, focus
 *   bits, tag bits (women, men, young people, LGBTQ, wheelchair, people of color, Black,
 *   Indigenous, seniors, veterans), zone, and a facet signature
 *   (those values together, shared by many meetings, so counts are made per signature);
 * - coordinates, and a kdbush index over place-bound meetings (in person, hybrid) with them;
 *   meetings added or moved since it was built sit in a short overflow list;
 * - pools (offset + length per row): recurrences (the schedule's own local day and start, as a
 *   member reads them, and a reference to their occurrences), program-scoped type keys,
 *   languages;
 * - occurrences over a horizon as UTC epoch minutes, computed by `occurrences.ts` once per
 *   distinct (zone, recurrence) and shared;
 *   plus a timeline of every occurrence sorted by start, which lets a time-sorted search stop
 *   after its first page and a time window find its meetings by reading a slice;
 * - posting lists (rows by program, language, type key and word) for selective filters; the
 *   text of a meeting lives only there (a changed meeting keeps its words aside until the
 *   next rebuild);
 * - for the result summary: the id (16 bytes for a UUID), slug, name, venue, address, town.
 *
 * Upserts write a fresh pool region for the row; the old one becomes garbage until the next
 * `build`. kdbush, the timeline and the posting lists are static: changed rows are tracked in
 * short dirty lists that queries check too, and all three are rebuilt lazily once those lists
 * grow.
 */
import KDBush from 'kdbush';
import {
  focusAreas,
  hasApproximateCoordinates,
  meetingStatuses,
  type Attendance,
  type Focus,
  type Meeting,
  type MeetingStatus,
  type Recurrence,
  type Weekday,
} from '../meetings/model.js';
import { getProgram } from '../meetings/programs.js';
import { gatheringHasher } from './gathering.js';
import {
  indexedOccurrencesBetween,
  nextIndexedOccurrence,
  type IndexedOccurrence,
} from './occurrences.js';
import { forEachMeetingSearchText, searchWords } from './text.js';
import {
  clockMinute,
  clockText,
  isoDateText,
  MINUTES_PER_WEEK,
  MS_PER_MINUTE,
  parseIsoDate,
} from './week-math.js';

// ---------------------------------------------------------------------------------------------
// Codes shared with search.ts.

/** Attendance filter values a meeting satisfies, as bits. */
export const ATT_IN_PERSON = 1;
export const ATT_ONLINE = 2;
export const ATT_HYBRID = 4;
export const ATT_PHONE = 8;

export const STATUS_ACTIVE = 0;
/** A removed row: skipped everywhere until the next build drops it. */
export const STATUS_REMOVED = 255;

/** A meeting that can be attended at a place (in person, hybrid): found by distance. */
export const KIND_PLACE = 0;
/** An online-only or phone-only meeting: no place, no distance. */
export const KIND_REMOTE = 1;

/** The tags a result page counts, as bits (at most 16: a row keeps them in a Uint16Array). */
export const facetTags = [
  'women',
  'men',
  'young_people',
  'lgbtq',
  'wheelchair',
  'people_of_color',
  'black',
  'indigenous',
  'seniors',
  'veterans',
] as const;
export type FacetTag = (typeof facetTags)[number];
const TAG_WHEELCHAIR = 1 << facetTags.indexOf('wheelchair');

const FLAG_APPROXIMATE = 1;
const FLAG_URL = 2;
const FLAG_PHONE = 4;
/** The row's id is a UUID kept as 16 bytes (else a string in `otherIds`). */
const FLAG_UUID = 8;
/** The coordinates are a ZIP code's or town's centre: searched by, not shown as a position. */
const FLAG_CENTRED = 16;

/** A recurrence that never occurs (by appointment, or one the schedule maths rejects). */
export const NO_MINUTE = 0xffff;

const KIND_CODES = { weekly: 0, biweekly: 1, monthly: 2 } as const;
/** The longest duration the schedule maths accepts: an occurrence can start this long before "now". */
export const MAX_DURATION_MINUTES = 1440;
/** Queries need this much horizon ahead of "now" (a week of weekly meetings plus slack). */
const HORIZON_MARGIN_MINUTES = 8 * 1440;
const DEFAULT_HORIZON_WEEKS = 5;

export interface SearchIndexOptions {
  /** "Now" for the occurrence horizon (epoch ms); queries far from it rebuild it lazily. */
  now: number;
  /** Weeks of occurrences precomputed (at least 2; default 5). */
  horizonWeeks?: number;
}

/**
 * What a result carries about its meeting: enough to list it (name, where, how to join, what
 * kind), not the whole record. The presenter fetches details by `id` when it needs them.
 */
export interface MeetingSummary {
  id: string;
  slug: string;
  name: string;
  program: string;
  attendance: Attendance;
  status: MeetingStatus;
  /** The zone the schedule's local times are read in. */
  timeZone: string;
  /** Venue name. */
  placeName?: string;
  /** Formatted address (only a town for approximate places). */
  address?: string;
  city?: string;
  latitude?: number;
  longitude?: number;
  approximate: boolean;
  wheelchairAccessible: boolean;
  hasOnlineLink: boolean;
  hasPhone: boolean;
  /** Program type codes. */
  types: string[];
  /** BCP-47 tags. */
  languages: string[];
  focus: Focus[];
}

/** Rough memory use of the index, in bytes, by part. */
export interface IndexMemory {
  total: number;
  parts: Record<string, number>;
}

/** A facet signature: the per-meeting values every count is made of. */
export interface FacetSignature {
  /** Status code (STATUS_REMOVED for the reserved signature 0 of removed rows). */
  status: number;
  attend: number;
  program: number;
  focus: number;
  /** Weekdays of the meeting's recurrences (bit d = weekday d). */
  days: number;
  tags: number;
  /** Primary language ids, distinct. */
  languages: number[];
}

/** Rows by value: the rows of value v are `rows[offsets[v]..offsets[v + 1])`, ascending. */
export interface Postings {
  offsets: Int32Array;
  rows: Int32Array;
}

// ---------------------------------------------------------------------------------------------
// Growable typed arrays.

type NumberArray =
  Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float64Array | Float32Array;

function grown<A extends NumberArray>(array: A, needed: number, fill?: number): A {
  if (needed <= array.length) return array;
  const size = Math.max(needed, Math.ceil(array.length * 1.5) + 16);
  const next = new (array.constructor as new (n: number) => A)(size);
  next.set(array);
  if (fill !== undefined) next.fill(fill, array.length);
  return next;
}

/** `array` reordered: element i of the result is `array[order[i]]` (the rest copied as is). */
function permuted<A extends NumberArray>(array: A, order: Int32Array): A {
  const next = new (array.constructor as new (n: number) => A)(array.length);
  for (let i = 0; i < order.length; i++) next[i] = array[order[i]!]!;
  return next;
}

/** A typed array with a length that grows by appending. */
interface Pool<A extends NumberArray> {
  data: A;
  length: number;
  reserve(extra: number): void;
  push(value: number): void;
}

/**
 * A pool class for one typed-array kind. Each kind gets its own class (and so its own `push`),
 * which keeps every call site monomorphic: a single generic class made each push megamorphic.
 */
function poolOf<A extends NumberArray>(make: (size: number) => A): new () => Pool<A> {
  return class implements Pool<A> {
    data = make(0);
    length = 0;

    reserve(extra: number): void {
      this.data = grown(this.data, this.length + extra);
    }

    push(value: number): void {
      if (this.length === this.data.length) this.reserve(1);
      this.data[this.length++] = value;
    }
  };
}

const Uint8Pool = poolOf((n) => new Uint8Array(n));
const Uint16Pool = poolOf((n) => new Uint16Array(n));
const Int32Pool = poolOf((n) => new Int32Array(n));
const Uint32Pool = poolOf((n) => new Uint32Array(n));

/** An intern table: strings to dense ids. */
class Interned {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();

  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }

  find(value: string): number | undefined {
    return this.ids.get(value);
  }
}

/**
 * Strings the index keeps are flattened first: a string built by concatenation (Node's
 * `randomUUID()` is one) is a tree of pieces that can weigh ten times its text.
 */
function flat<T extends string | undefined>(value: T): T {
  if (value !== undefined && value.length > 0) value.charCodeAt(0);
  return value;
}

// ---------------------------------------------------------------------------------------------
// Ids: UUIDs as 16 bytes in an open-addressing table, other ids in a Map.

const HEX = '0123456789abcdef';

/** A canonical lower-case UUID (what `randomUUID()` and the database hand out). */
function isUuid(id: string): boolean {
  if (id.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = id.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45) return false;
    } else if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

function hexValue(code: number): number {
  return code <= 57 ? code - 48 : code - 87;
}

/** Writes the 16 bytes of a canonical lower-case UUID into `out` at `at`. */
function uuidBytes(id: string, out: Uint8Array, at: number): void {
  let j = 0;
  for (let i = 0; i < 36; i++) {
    if (i === 8 || i === 13 || i === 18 || i === 23) continue;
    out[at + (j >> 1)] =
      (j & 1) === 0
        ? hexValue(id.charCodeAt(i)) << 4
        : out[at + (j >> 1)]! | hexValue(id.charCodeAt(i));
    j++;
  }
}

const HEX_PAIRS = Array.from({ length: 256 }, (_, b) => HEX[b >> 4]! + HEX[b & 15]!);

function uuidText(bytes: Uint8Array, at: number): string {
  const h = (j: number): string => HEX_PAIRS[bytes[at + j]!]!;
  return (
    h(0) +
    h(1) +
    h(2) +
    h(3) +
    '-' +
    h(4) +
    h(5) +
    '-' +
    h(6) +
    h(7) +
    '-' +
    h(8) +
    h(9) +
    '-' +
    h(10) +
    h(11) +
    h(12) +
    h(13) +
    h(14) +
    h(15)
  );
}

function bytesHash(bytes: Uint8Array, at: number): number {
  let h = 0x811c9dc5;
  for (let j = 0; j < 16; j++) h = Math.imul(h ^ bytes[at + j]!, 0x01000193);
  return h >>> 0;
}

// ---------------------------------------------------------------------------------------------
// Recurrences reduced to numbers, with the same validity rules as occurrences.ts.

interface CompiledRecurrence {
  kind: 0 | 1 | 2;
  day: number;
  minute: number;
  duration: number;
  /** Biweekly: the anchor's epoch day; monthly: the week (1-5, -1). */
  extra: number;
}

/** The recurrence as numbers, or undefined when the schedule maths would never produce it. */
function compileRecurrence(recurrence: Recurrence): CompiledRecurrence | undefined {
  if (recurrence.kind === 'by_appointment') return undefined;
  const { day, start, durationMinutes } = recurrence;
  if (!Number.isInteger(day) || day < 0 || day > 6) return undefined;
  if (!Number.isInteger(durationMinutes) || durationMinutes < 1 || durationMinutes > 1440) {
    return undefined;
  }
  const minute = clockMinute(start);
  if (minute < 0) return undefined;
  switch (recurrence.kind) {
    case 'weekly':
      return { kind: 0, day, minute, duration: durationMinutes, extra: 0 };
    case 'biweekly': {
      const extra = parseIsoDate(recurrence.anchorDate);
      if (extra === undefined) return undefined;
      return { kind: 1, day, minute, duration: durationMinutes, extra };
    }
    case 'monthly': {
      const { week } = recurrence;
      if (!(week === -1 || (Number.isInteger(week) && week >= 1 && week <= 5))) return undefined;
      return { kind: 2, day, minute, duration: durationMinutes, extra: week };
    }
    default:
      return undefined;
  }
}

const BY_APPOINTMENT: Recurrence = { kind: 'by_appointment' };
/** Flag of a remote meeting's occurrence in `timelineRec` (positions stay below it). */
export const TIMELINE_REMOTE = 0x8000;
export const TIMELINE_NO_SIGNATURE = 0xffff;
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
const NO_LANGUAGES: number[] = [];
const EMPTY_POSTINGS: Postings = { offsets: new Int32Array(1), rows: new Int32Array(0) };
const RADIANS = Math.PI / 180;

/** Writes the unit vector of a point on the sphere into `out` at `at`. */
export function unitVector(
  latitude: number,
  longitude: number,
  out: Float64Array,
  at: number,
): void {
  const phi = latitude * RADIANS;
  const lambda = longitude * RADIANS;
  const c = Math.cos(phi);
  out[at] = c * Math.cos(lambda);
  out[at + 1] = c * Math.sin(lambda);
  out[at + 2] = Math.sin(phi);
}

/** Builds postings with two passes of `each(row, add)` (a count, then a fill). */
function postings(
  rowCount: number,
  valueCount: number,
  each: (row: number, add: (value: number) => void) => void,
): Postings {
  const offsets = new Int32Array(valueCount + 1);
  let row = 0;
  const count = (value: number): void => {
    offsets[value + 1]!++;
  };
  for (row = 0; row < rowCount; row++) each(row, count);
  for (let v = 0; v < valueCount; v++) offsets[v + 1]! += offsets[v]!;
  const rows = new Int32Array(offsets[valueCount]!);
  const fill = offsets.slice(0, valueCount);
  const put = (value: number): void => {
    rows[fill[value]!++] = row;
  };
  for (row = 0; row < rowCount; row++) each(row, put);
  return { offsets, rows };
}

/**
 * Postings from a row -> values pool (values of row r: `values[off[r]..off[r] + len[r])`),
 * for live rows: a counting sort, in straight loops over typed arrays.
 */
function csrPostings(
  rowCount: number,
  valueCount: number,
  status: Uint8Array,
  off: Int32Array,
  len: Uint16Array,
  values: Uint32Array | Uint16Array,
): Postings {
  const offsets = new Int32Array(valueCount + 1);
  for (let row = 0; row < rowCount; row++) {
    if (status[row] === STATUS_REMOVED) continue;
    const from = off[row]!;
    const to = from + len[row]!;
    for (let i = from; i < to; i++) offsets[values[i]! + 1]!++;
  }
  for (let v = 0; v < valueCount; v++) offsets[v + 1]! += offsets[v]!;
  const rows = new Int32Array(offsets[valueCount]!);
  const fill = offsets.slice(0, valueCount);
  for (let row = 0; row < rowCount; row++) {
    if (status[row] === STATUS_REMOVED) continue;
    const from = off[row]!;
    const to = from + len[row]!;
    let previous = -1;
    for (let i = from; i < to; i++) {
      const value = values[i]!;
      // A value listed twice for a row (a repeated type code) is posted once.
      if (value === previous) continue;
      previous = value;
      rows[fill[value]!++] = row;
    }
  }
  return { offsets, rows: fill.length === 0 ? rows : rows.subarray(0, rows.length) };
}

/**
 * Postings with each list's rows stored as gaps (the first from 0) in LEB128 varints: one or
 * two bytes a row for common words instead of four.
 */
export interface PackedPostings {
  /** Byte offset of each value's list (and the end). */
  offsets: Int32Array;
  bytes: Uint8Array;
}

function packPostings(p: Postings): PackedPostings {
  const values = p.offsets.length - 1;
  const offsets = new Int32Array(values + 1);
  let size = 0;
  for (let v = 0; v < values; v++) {
    let previous = 0;
    for (let i = p.offsets[v]!; i < p.offsets[v + 1]!; i++) {
      let gap = p.rows[i]! - previous;
      previous = p.rows[i]!;
      do {
        size++;
        gap >>>= 7;
      } while (gap !== 0);
    }
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (let v = 0; v < values; v++) {
    offsets[v] = at;
    let previous = 0;
    for (let i = p.offsets[v]!; i < p.offsets[v + 1]!; i++) {
      let gap = p.rows[i]! - previous;
      previous = p.rows[i]!;
      while (gap >= 0x80) {
        bytes[at++] = (gap & 0x7f) | 0x80;
        gap >>>= 7;
      }
      bytes[at++] = gap;
    }
  }
  offsets[values] = at;
  return { offsets, bytes };
}

/** Calls `visit(row)` for every row of `value`'s packed list, in ascending order. */
export function forEachPosting(
  p: PackedPostings,
  value: number,
  visit: (row: number) => void,
): void {
  if (value + 1 >= p.offsets.length) return;
  const bytes = p.bytes;
  const end = p.offsets[value + 1]!;
  let row = 0;
  for (let at = p.offsets[value]!; at < end;) {
    let gap = 0;
    let shift = 0;
    let b: number;
    do {
      b = bytes[at++]!;
      gap |= (b & 0x7f) << shift;
      shift += 7;
    } while (b >= 0x80);
    row += gap;
    visit(row);
  }
}

/** Spreads the 16 bits of `v` to the even bits of a 32-bit number. */
function interleave(v: number): number {
  let x = v & 0xffff;
  x = (x | (x << 8)) & 0x00ff00ff;
  x = (x | (x << 4)) & 0x0f0f0f0f;
  x = (x | (x << 2)) & 0x33333333;
  x = (x | (x << 1)) & 0x55555555;
  return x >>> 0;
}

// ---------------------------------------------------------------------------------------------

/**
 * The search index over a set of meetings. Build it with {@link SearchIndex.build}; keep it
 * current with {@link SearchIndex.upsert} and {@link SearchIndex.remove}; query it with
 * `search()` from `search.ts`.
 *
 * The public fields are the engine's working data, read by `search.ts`; nothing else should
 * touch them.
 */
export class SearchIndex {
  // --- rows -----------------------------------------------------------------------------------
  /** Rows in use, removed ones included. */
  rows = 0;
  private liveRows = 0;
  private capacity = 0;

  status = new Uint8Array(0);
  attend = new Uint8Array(0);
  kind = new Uint8Array(0);
  program = new Uint16Array(0);
  focus = new Uint8Array(0);
  tags = new Uint16Array(0);
  zone = new Uint16Array(0);
  flags = new Uint8Array(0);
  sig = new Int32Array(0);
  lat = new Float64Array(0);
  lng = new Float64Array(0);
  recOff = new Int32Array(0);
  recLen = new Uint16Array(0);
  typeOff = new Int32Array(0);
  typeLen = new Uint16Array(0);
  langOff = new Int32Array(0);
  langLen = new Uint16Array(0);
  /** Longest duration among a row's valid recurrences (minutes). */
  maxDur = new Uint16Array(0);
  /** Hash of the row's group (see `gathering.ts`): rows of one group at one place share it. */
  gathering = new Int32Array(0);
  /** kdbush item of a row, or -1 (not in the geo index, or moved since it was built). */
  geoItem = new Int32Array(0);
  /** 1 when the row's occurrences are in the timeline (and its words in the postings). */
  inTimeline = new Uint8Array(0);
  /** Position of the row in the remote list, or -1. */
  remoteOrdinal = new Int32Array(0);
  private inDirty = new Uint8Array(0);
  private inGeoOverflow = new Uint8Array(0);
  /** 16 bytes per row: the id when it is a UUID. */
  private idBytes = new Uint8Array(0);
  /** Ids that are not UUIDs, by row. */
  private readonly otherIds = new Map<number, string>();
  private readonly rowOfOtherId = new Map<string, number>();
  /** Open addressing over UUID ids: row + 1, 0 empty, -1 deleted. */
  private idTable = new Int32Array(0);

  slugs: string[] = [];
  names: string[] = [];
  placeNames: (string | undefined)[] = [];
  addresses: (string | undefined)[] = [];
  cities: (string | undefined)[] = [];

  // --- pools ----------------------------------------------------------------------------------
  /** Per recurrence (schedule position): local minute of week, or NO_MINUTE. */
  recMinute = new Uint16Pool();
  recDuration = new Uint16Pool();
  recKind = new Uint8Pool();
  recExtra = new Int32Pool();
  /** Per recurrence: its shared occurrence list (-1 for one that never occurs). */
  recList = new Int32Pool();
  /** Per recurrence (pool index): first occurrence at or after the horizon's end (lazy). */
  private readonly beyond = new Map<number, { start: number; end: number } | null>();
  typeKeys = new Uint32Pool();
  languages = new Uint16Pool();

  /** Shared occurrence lists: starts (epoch minutes, ascending) of list l. */
  listOff = new Int32Pool();
  listLen = new Int32Pool();
  listStarts = new Int32Pool();
  /** List ids by (zone, kind, minute of week), then by (duration, anchor or week). */
  private listIds = new Map<number, number[]>();

  // --- vocabularies -----------------------------------------------------------------------------
  readonly programIds = new Interned();
  private readonly gatheringOf = gatheringHasher();
  readonly zones = new Interned();
  /** `program:code` keys. */
  readonly typeKeyIds = new Interned();
  private readonly typeKeysByProgram: Map<string, number>[] = [];
  /** Full BCP-47 tags as written. */
  readonly languageTags = new Interned();
  /** Primary subtags; `languagePrimary[tagId]` is the primary id of a tag. */
  readonly primaryLanguages = new Interned();
  languagePrimary: number[] = [];
  /** Tag bits of each type key. */
  typeKeyTags: number[] = [];
  /** Text words: `wordText[id]`, and ids sorted by text for prefix searches. */
  wordText: string[] = [];
  wordsSorted: number[] = [];
  /** Open addressing over words by hash of their code units: word id + 1, 0 empty. */
  private wordTable = new Int32Array(1024);
  private wordHashes: number[] = [];
  /** Scratch for the word being read. */
  private wordBuffer = new Uint16Array(64);
  /** Word ids of rows written since the postings were built. */
  readonly dirtyWords = new Map<number, Uint32Array>();
  private wordSeen = new Uint8Array(0);
  /** Word ids of texts many meetings share (names, towns, regions), while building. */
  private sharedTexts = new Map<string, number[]>();
  /** The words of rows being written by a build, before they become postings. */
  private buildWords: InstanceType<typeof Uint32Pool> | undefined;
  private buildWordOff = new Int32Array(0);
  private buildWordLen = new Uint16Array(0);

  /** Signature 0 is reserved for removed rows. */
  readonly signatures: FacetSignature[] = [
    { status: STATUS_REMOVED, attend: 0, program: 0, focus: 0, days: 0, tags: 0, languages: [] },
  ];
  /** Signature ids by bits, then by program and language (or a string for several). */
  private readonly signatureIds = new Map<number, Map<number | string, number>>();

  // --- postings ---------------------------------------------------------------------------------
  /** Rows by facet signature. */
  signaturePostings: Postings = EMPTY_POSTINGS;
  typePostings: Postings = EMPTY_POSTINGS;
  /** Rows by word, delta- and varint-encoded (the largest postings by far). */
  wordPostings: PackedPostings = packPostings(EMPTY_POSTINGS);

  // --- geo ------------------------------------------------------------------------------------
  geo: KDBush | undefined;
  /** Row of each kdbush item (id). */
  geoRow = new Int32Array(0);
  /** Row and unit vector at each kdbush position (its sorted order), and each item's position. */
  geoPosRow = new Int32Array(0);
  geoUnit = new Float64Array(0);
  geoPosOfItem = new Int32Array(0);
  /** Place-bound rows with coordinates that are not (or no longer correctly) in kdbush. */
  geoOverflow: number[] = [];
  /** Remote rows (may hold stale entries; check `kind` and `status`). */
  remoteRows = new Int32Pool();

  // --- time -----------------------------------------------------------------------------------
  /** Occurrence horizon [horizonStart, horizonEnd) in epoch minutes. */
  horizonStart = 0;
  horizonEnd = 0;
  readonly horizonWeeks: number;
  /**
   * Every occurrence sorted by start, as parallel arrays read in order: start (epoch minute),
   * row, duration, schedule position and that recurrence's local minute of week. An entry is
   * stale when its row's `inTimeline` is 0 (the row changed since).
   */
  timelineStart = new Int32Array(0);
  timelineRow = new Int32Array(0);
  timelineDur = new Uint16Array(0);
  /** Schedule position, with TIMELINE_REMOTE set for a remote meeting's occurrence. */
  timelineRec = new Uint16Array(0);
  timelineLocal = new Uint16Array(0);
  /** The meeting's facet signature (TIMELINE_NO_SIGNATURE when it does not fit). */
  timelineSig = new Uint16Array(0);
  timelineLength = 0;
  /** Rows changed since the timeline and postings were built (each once). */
  timelineDirty: number[] = [];
  /** An upper bound of every occurrence's duration (minutes). */
  maxSlotDuration = 0;
  /** Bumped by every change of content or horizon, so derived caches know they are stale. */
  version = 0;
  /** Caches derived from the index by search.ts, dropped whenever `version` changes. */
  private readonly derived = new Map<string, unknown>();
  private derivedVersion = 0;

  // --- per-query scratch (search is synchronous, so one set serves every query) --------------
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
  /**
   * Per row: the days (bits) of its occurrences in the current query's time window, and the
   * query words it has (bits); 0 when none. A query clears what it marked before it returns.
   */
  windowDays = new Uint8Array(0);
  /** Per word: bits of the query words it matches. */
  wordMatch = new Uint32Array(0);
  private stampCounter = 0;
  private sigCounts: Int32Array[] = [];

  private constructor(options: SearchIndexOptions) {
    const weeks = options.horizonWeeks ?? DEFAULT_HORIZON_WEEKS;
    if (!(weeks >= 2) || !Number.isFinite(weeks)) {
      throw new RangeError('horizonWeeks must be at least 2');
    }
    this.horizonWeeks = weeks;
    this.setHorizon(options.now);
  }

  /** Builds an index over `meetings` (when ids repeat, the later meeting wins). */
  static build(meetings: readonly Meeting[], options: SearchIndexOptions): SearchIndex {
    const builder = SearchIndex.builder({ ...options, expectedCount: meetings.length });
    for (const meeting of meetings) builder.add(meeting);
    return builder.finish();
  }

  /**
   * Builds an index from meetings handed over one at a time, e.g. a page at a time from the
   * database: the caller need not hold every meeting at once, and each is indexed while its
   * object is fresh in memory. `finish` returns the index; the builder is then spent.
   */
  static builder(options: SearchIndexOptions & { expectedCount?: number }): SearchIndexBuilder {
    const index = new SearchIndex(options);
    index.startBuild(Math.max(16, options.expectedCount ?? 1024));
    let done = false;
    return {
      add(meeting: Meeting): void {
        if (done) throw new Error('SearchIndexBuilder: add after finish');
        index.upsertRow(meeting, false);
      },
      finish(): SearchIndex {
        if (done) throw new Error('SearchIndexBuilder: finish twice');
        done = true;
        index.finishBuild();
        return index;
      },
    };
  }

  /** True between `startBuild` and `finishBuild`. */
  private building = false;

  private startBuild(expected: number): void {
    this.building = true;
    // Sized up front from typical proportions: growing typed arrays while the heap holds many
    // meetings churns memory, and full collections of that heap are what a build pays most for.
    this.ensureCapacity(expected);
    const recurrences = Math.ceil(expected * 1.1) + 16;
    for (const pool of [
      this.recMinute,
      this.recDuration,
      this.recKind,
      this.recExtra,
      this.recList,
    ]) {
      pool.reserve(recurrences);
    }
    this.typeKeys.reserve(expected * 3);
    this.languages.reserve(Math.ceil(expected / 4));
    const words = new Uint32Pool();
    words.reserve(expected * 12);
    this.buildWords = words;
    this.buildWordOff = new Int32Array(expected);
    this.buildWordLen = new Uint16Array(expected);
  }

  private finishBuild(): void {
    // Rows were written in the meetings' order (their objects read in memory order); now they
    // are renumbered in space, and the static parts built over them.
    this.reorderSpatially();
    this.compactPools();
    this.building = false;
    this.sortWords();
    this.buildGeo();
    this.buildTimeline();
    this.buildWords = undefined;
    this.buildWordOff = new Int32Array(0);
    this.buildWordLen = new Uint16Array(0);
    this.sharedTexts = new Map();
  }

  /** Number of meetings in the index. */
  get size(): number {
    return this.liveRows;
  }

  /** Adds a meeting or replaces the one with the same id. */
  upsert(meeting: Meeting): void {
    this.upsertRow(meeting, true);
    this.sharedTexts.clear();
    this.touch();
  }

  /** Removes a meeting; false when no meeting has that id. */
  remove(id: string): boolean {
    const row = this.rowOf(id);
    if (row === undefined) return false;
    this.forgetId(row);
    this.status[row] = STATUS_REMOVED;
    this.sig[row] = 0;
    this.geoItem[row] = -1;
    this.liveRows--;
    this.markDirty(row);
    this.touch();
    return true;
  }

  /**
   * True when rows left behind by updates and removals (kept until a build, with their pool
   * regions) outnumber a quarter of the live ones: time to rebuild rather than keep patching.
   */
  needsCompaction(): boolean {
    return this.rows - this.liveRows > Math.max(4096, this.liveRows / 4);
  }

  /** The summary of a meeting by id, or undefined. */
  summaryById(id: string): MeetingSummary | undefined {
    const row = this.rowOf(id);
    return row === undefined ? undefined : this.summary(row);
  }

  /**
   * Makes the occurrence horizon cover `now` (epoch ms) with a week and a day to spare,
   * recomputing it when it does not, and rebuilds kdbush, the timeline and the postings when
   * many rows changed since. Queries call it; a server may also call it from a timer so no
   * request pays for a rebuild.
   */
  refresh(now: number): void {
    const minute = Math.floor(now / MS_PER_MINUTE);
    if (
      minute - MAX_DURATION_MINUTES < this.horizonStart ||
      this.horizonEnd - minute < HORIZON_MARGIN_MINUTES
    ) {
      this.setHorizon(now);
      this.rebuildOccurrences();
      this.touch();
    }
    if (this.timelineDirty.length > Math.max(256, this.liveRows / 50)) this.buildTimeline();
    if (this.geoOverflow.length > Math.max(256, this.liveRows / 50)) this.buildGeo();
  }

  /** Memory held by the index, by part (typed arrays exactly, strings and maps roughly). */
  memoryEstimate(): IndexMemory {
    const parts: Record<string, number> = {};
    const add = (name: string, ...arrays: (NumberArray | { data: NumberArray })[]): void => {
      parts[name] =
        (parts[name] ?? 0) +
        arrays.reduce((sum, a) => sum + ('data' in a ? a.data.byteLength : a.byteLength), 0);
    };
    add(
      'rows',
      this.status,
      this.attend,
      this.kind,
      this.program,
      this.focus,
      this.tags,
      this.zone,
      this.flags,
      this.sig,
      this.lat,
      this.lng,
      this.recOff,
      this.recLen,
      this.typeOff,
      this.typeLen,
      this.langOff,
      this.langLen,
      this.maxDur,
      this.gathering,
      this.geoItem,
      this.inTimeline,
      this.remoteOrdinal,
      this.inDirty,
      this.inGeoOverflow,
      this.idBytes,
      this.idTable,
    );
    add(
      'recurrences',
      this.recMinute,
      this.recDuration,
      this.recKind,
      this.recExtra,
      this.recList,
      this.listOff,
      this.listLen,
      this.listStarts,
    );
    add('types+languages', this.typeKeys, this.languages);
    add(
      'timeline',
      this.timelineStart,
      this.timelineRow,
      this.timelineDur,
      this.timelineRec,
      this.timelineLocal,
      this.timelineSig,
    );
    add('geo', this.geoRow, this.geoPosRow, this.geoUnit, this.geoPosOfItem, this.remoteRows);
    if (this.geo !== undefined) parts.geo = (parts.geo ?? 0) + this.geo.data.byteLength;
    for (const p of [this.signaturePostings, this.typePostings]) add('postings', p.offsets, p.rows);
    add('postings', this.wordPostings.offsets, this.wordPostings.bytes);
    add(
      'scratch',
      this.stamp,
      this.emitted,
      this.nextStamp,
      this.nextStartMs,
      this.nextDur,
      this.nextRec,
      this.closeness,
      this.windowDays,
      this.wordMatch,
      this.wordSeen,
      ...this.sigCounts,
    );
    let derived = 0;
    for (const value of this.derived.values()) {
      if (typeof value === 'object' && value !== null && 'bytes' in value) {
        derived += Number(value.bytes);
      }
    }
    parts.derived = derived;
    // Strings: V8 keeps one-byte strings at about 1 byte a character plus a 16-byte header, and
    // each array slot is a 4-byte (compressed) pointer. Strings shared between rows (names,
    // towns, venues) are counted each time, so this errs high.
    let strings = 0;
    const column = (values: readonly (string | undefined)[]): void => {
      strings += values.length * 4;
      for (const v of values) if (v !== undefined) strings += 16 + v.length;
    };
    column(this.slugs);
    column(this.names);
    column(this.placeNames);
    column(this.addresses);
    column(this.cities);
    column(this.wordText);
    strings += this.wordsSorted.length * 8 + this.wordHashes.length * 8;
    parts.words = this.wordTable.byteLength;
    parts.strings = strings;
    const total = Object.values(parts).reduce((a, b) => a + b, 0);
    return { total, parts };
  }

  /** A fresh stamp for per-row scratch marks. */
  nextStampValue(): number {
    if (this.stampCounter >= 0xfffffff0) {
      this.stampCounter = 0;
      this.stamp.fill(0);
      this.emitted.fill(0);
      this.nextStamp.fill(0);
    }
    return ++this.stampCounter;
  }

  /** The derived-cache map, emptied first if the index changed since it was filled. */
  derivedCache(): Map<string, unknown> {
    if (this.derivedVersion !== this.version) {
      this.derived.clear();
      this.derivedVersion = this.version;
    }
    return this.derived;
  }

  /** How many live remote rows carry each facet signature (recounted after any change). */
  remoteSignatureCounts(): Int32Array {
    if (
      this.remoteCountsVersion !== this.version ||
      this.remoteCounts.length < this.signatures.length
    ) {
      const counts = new Int32Array(this.signatures.length);
      const rows = this.remoteRows.data;
      for (let i = 0; i < this.remoteRows.length; i++) {
        const row = rows[i]!;
        if (this.kind[row] === KIND_REMOTE && this.status[row] !== STATUS_REMOVED) {
          counts[this.sig[row]!]!++;
        }
      }
      this.remoteCounts = counts;
      this.remoteCountsVersion = this.version;
    }
    return this.remoteCounts;
  }

  private remoteCounts = new Int32Array(0);
  private remoteCountsVersion = -1;

  /** Counters for facet signatures, one array per count slot, sized to the signatures. */
  signatureCounters(slots: number): Int32Array[] {
    const size = this.signatures.length;
    if (this.sigCounts.length !== slots || (this.sigCounts[0]?.length ?? 0) < size) {
      this.sigCounts = Array.from({ length: slots }, () => new Int32Array(Math.max(size, 16) * 2));
    }
    return this.sigCounts;
  }

  /** Marks derived caches stale. */
  private touch(): void {
    this.version++;
  }

  // --- ids --------------------------------------------------------------------------------------

  /** The row of a live meeting id, or undefined. */
  rowOf(id: string): number | undefined {
    if (!isUuid(id)) return this.rowOfOtherId.get(id);
    const key = this.idKey;
    uuidBytes(id, key, 0);
    const mask = this.idTable.length - 1;
    for (let slot = bytesHash(key, 0) & mask; ; slot = (slot + 1) & mask) {
      const entry = this.idTable[slot]!;
      if (entry === 0) return undefined;
      if (entry > 0 && this.sameId(entry - 1, key)) return entry - 1;
    }
  }

  private readonly idKey = new Uint8Array(16);

  private sameId(row: number, key: Uint8Array): boolean {
    const at = row * 16;
    for (let j = 0; j < 16; j++) if (this.idBytes[at + j] !== key[j]) return false;
    return true;
  }

  private idOf(row: number): string {
    return (this.flags[row]! & FLAG_UUID) !== 0
      ? uuidText(this.idBytes, row * 16)
      : this.otherIds.get(row)!;
  }

  /** Records the id of a row (a UUID in the table, any other id in the maps). */
  private rememberId(row: number, id: string, insert: boolean): void {
    if (!isUuid(id)) {
      this.flags[row]! &= ~FLAG_UUID;
      const text = flat(id);
      this.otherIds.set(row, text);
      if (insert) this.rowOfOtherId.set(text, row);
      return;
    }
    this.flags[row]! |= FLAG_UUID;
    uuidBytes(id, this.idBytes, row * 16);
    if (!insert) return;
    const mask = this.idTable.length - 1;
    let slot = bytesHash(this.idBytes, row * 16) & mask;
    while (this.idTable[slot]! > 0) slot = (slot + 1) & mask;
    this.idTable[slot] = row + 1;
  }

  private forgetId(row: number): void {
    if ((this.flags[row]! & FLAG_UUID) === 0) {
      const id = this.otherIds.get(row);
      if (id !== undefined) this.rowOfOtherId.delete(id);
      this.otherIds.delete(row);
      return;
    }
    const mask = this.idTable.length - 1;
    for (let slot = bytesHash(this.idBytes, row * 16) & mask; ; slot = (slot + 1) & mask) {
      const entry = this.idTable[slot]!;
      if (entry === 0) return;
      if (entry === row + 1) {
        this.idTable[slot] = -1;
        return;
      }
    }
  }

  /**
   * Re-inserts every live id (after the table grew or rows moved). `order`, when given, is
   * each row's position in the input of a build: of rows with the same id, the one given last
   * stays and the others are removed.
   */
  private rehashIds(order?: Int32Array): void {
    if (this.building && order === undefined) return;
    let size = 16;
    while (size < this.capacity * 1.5) size *= 2;
    const table = new Int32Array(size);
    this.idTable = table;
    this.rowOfOtherId.clear();
    const mask = size - 1;
    const bytes = this.idBytes;
    for (let row = 0; row < this.rows; row++) {
      if (this.status[row] === STATUS_REMOVED) continue;
      if ((this.flags[row]! & FLAG_UUID) === 0) {
        const id = this.otherIds.get(row);
        if (id === undefined) continue;
        const other = this.rowOfOtherId.get(id);
        if (other !== undefined && order !== undefined) {
          const keep = order[row]! > order[other]! ? row : other;
          this.dropDuplicate(keep === row ? other : row);
          this.rowOfOtherId.set(id, keep);
        } else this.rowOfOtherId.set(id, row);
        continue;
      }
      let slot = bytesHash(bytes, row * 16) & mask;
      let placed = false;
      for (; table[slot] !== 0; slot = (slot + 1) & mask) {
        const other = table[slot]! - 1;
        if (order === undefined || !this.sameRowIds(other, row)) continue;
        if (order[row]! > order[other]!) {
          this.dropDuplicate(other);
          table[slot] = row + 1;
        } else this.dropDuplicate(row);
        placed = true;
        break;
      }
      if (!placed) table[slot] = row + 1;
    }
  }

  private sameRowIds(a: number, b: number): boolean {
    const bytes = this.idBytes;
    for (let j = 0; j < 16; j++) if (bytes[a * 16 + j] !== bytes[b * 16 + j]) return false;
    return true;
  }

  /** Removes a row whose id a later meeting of the same build also had. */
  private dropDuplicate(row: number): void {
    this.status[row] = STATUS_REMOVED;
    this.sig[row] = 0;
    this.otherIds.delete(row);
    this.liveRows--;
  }

  // --- rows -------------------------------------------------------------------------------------

  private ensureCapacity(rows: number): void {
    if (rows <= this.capacity) return;
    const size = Math.max(rows, Math.ceil(this.capacity * 1.5) + 16);
    this.status = grown(this.status, size);
    this.attend = grown(this.attend, size);
    this.kind = grown(this.kind, size);
    this.program = grown(this.program, size);
    this.focus = grown(this.focus, size);
    this.tags = grown(this.tags, size);
    this.zone = grown(this.zone, size);
    this.flags = grown(this.flags, size);
    this.sig = grown(this.sig, size);
    this.lat = grown(this.lat, size);
    this.lng = grown(this.lng, size);
    this.recOff = grown(this.recOff, size);
    this.recLen = grown(this.recLen, size);
    this.typeOff = grown(this.typeOff, size);
    this.typeLen = grown(this.typeLen, size);
    this.langOff = grown(this.langOff, size);
    this.langLen = grown(this.langLen, size);
    this.maxDur = grown(this.maxDur, size);
    this.gathering = grown(this.gathering, size);
    this.geoItem = grown(this.geoItem, size, -1);
    this.inTimeline = grown(this.inTimeline, size);
    this.remoteOrdinal = grown(this.remoteOrdinal, size, -1);
    this.inDirty = grown(this.inDirty, size);
    this.inGeoOverflow = grown(this.inGeoOverflow, size);
    this.idBytes = grown(this.idBytes, size * 16);
    this.stamp = grown(this.stamp, size);
    this.emitted = grown(this.emitted, size);
    this.nextStamp = grown(this.nextStamp, size);
    this.nextStartMs = grown(this.nextStartMs, size);
    this.nextDur = grown(this.nextDur, size);
    this.nextRec = grown(this.nextRec, size);
    this.closeness = grown(this.closeness, size);
    this.windowDays = grown(this.windowDays, size);
    this.capacity = size;
    this.rehashIds();
  }

  private markDirty(row: number): void {
    this.inTimeline[row] = 0;
    if (this.inDirty[row] === 0) {
      this.inDirty[row] = 1;
      this.timelineDirty.push(row);
    }
  }

  private upsertRow(meeting: Meeting, incremental: boolean): void {
    // While building, ids are only recorded; repeated ones are resolved when the id table is
    // made (see `rehashIds`).
    const previous = this.building ? undefined : this.rowOf(meeting.id);
    // A changed meeting gets a fresh row: its old one is removed, so nothing static (kdbush,
    // the timeline, the postings) can point at data that is no longer its.
    if (previous !== undefined) {
      this.forgetId(previous);
      this.status[previous] = STATUS_REMOVED;
      this.sig[previous] = 0;
      this.geoItem[previous] = -1;
      this.liveRows--;
      if (incremental) this.markDirty(previous);
    }
    const row = this.rows++;
    this.ensureCapacity(this.rows);
    this.liveRows++;
    this.writeRow(row, meeting);
    this.rememberId(row, meeting.id, !this.building);
    this.geoItem[row] = -1;
    if (this.kind[row] === KIND_REMOTE) {
      this.remoteOrdinal[row] = this.remoteRows.length;
      this.remoteRows.push(row);
    }
    if (incremental) {
      this.markDirty(row);
      if (this.kind[row] === KIND_PLACE && !Number.isNaN(this.lat[row]!)) {
        this.inGeoOverflow[row] = 1;
        this.geoOverflow.push(row);
      }
      // A new word goes into the sorted dictionary at once (a binary search and a splice).
      this.sortWords();
    }
  }

  private writeRow(row: number, meeting: Meeting): void {
    this.slugs[row] = flat(meeting.slug);
    this.names[row] = flat(meeting.name);
    this.placeNames[row] = flat(meeting.place.name);
    this.addresses[row] = flat(meeting.place.formattedAddress);
    this.cities[row] = flat(meeting.place.address.city);

    const statusIndex = meetingStatuses.indexOf(meeting.status);
    const status = statusIndex < 0 ? 2 : statusIndex;
    this.status[row] = status;
    let attend = 0;
    switch (meeting.attendance) {
      case 'in_person':
        attend = ATT_IN_PERSON;
        break;
      case 'hybrid':
        attend = ATT_IN_PERSON | ATT_ONLINE | ATT_HYBRID;
        break;
      case 'online':
        attend = ATT_ONLINE;
        break;
    }
    if (meeting.online.phone !== undefined) attend |= ATT_PHONE;
    this.attend[row] = attend;
    this.kind[row] = meeting.attendance === 'online' ? KIND_REMOTE : KIND_PLACE;
    let flags = 0;
    if (meeting.place.approximate) flags |= FLAG_APPROXIMATE;
    if (hasApproximateCoordinates(meeting.place)) flags |= FLAG_CENTRED;
    if (meeting.online.url !== undefined) flags |= FLAG_URL;
    if (meeting.online.phone !== undefined) flags |= FLAG_PHONE;
    this.flags[row] = flags;

    const programId = this.programIds.id(meeting.program);
    this.program[row] = programId;
    this.gathering[row] = this.gatheringOf(meeting);
    let focus = 0;
    for (const f of meeting.focus) {
      const bit = focusAreas.indexOf(f);
      if (bit >= 0) focus |= 1 << bit;
    }
    this.focus[row] = focus;

    const { latitude, longitude } = meeting.place;
    const hasPoint =
      latitude !== undefined &&
      longitude !== undefined &&
      Number.isFinite(latitude) &&
      Number.isFinite(longitude) &&
      Math.abs(latitude) <= 90 &&
      Math.abs(longitude) <= 180;
    this.lat[row] = hasPoint ? latitude : NaN;
    this.lng[row] = hasPoint ? longitude : NaN;

    // Types: program-scoped keys, and the tags they carry.
    let tags = meeting.place.wheelchairAccessible === true ? TAG_WHEELCHAIR : 0;
    this.typeOff[row] = this.typeKeys.length;
    const keysOfProgram = (this.typeKeysByProgram[programId] ??= new Map());
    for (const code of meeting.types) {
      let keyId = keysOfProgram.get(code);
      if (keyId === undefined) {
        keyId = this.typeKeyIds.id(`${meeting.program}:${code}`);
        keysOfProgram.set(code, keyId);
        let keyTags = 0;
        for (const tag of getProgram(meeting.program)?.types.get(code)?.tags ?? []) {
          const bit = facetTags.indexOf(tag as FacetTag);
          if (bit >= 0) keyTags |= 1 << bit;
        }
        this.typeKeyTags[keyId] = keyTags;
      }
      tags |= this.typeKeyTags[keyId]!;
      this.typeKeys.push(keyId);
    }
    this.typeLen[row] = meeting.types.length;
    this.tags[row] = tags;

    // Languages: full tags, each mapped to its primary subtag.
    this.langOff[row] = this.languages.length;
    const primaries: number[] = meeting.languages.length === 0 ? NO_LANGUAGES : [];
    for (const tag of meeting.languages) {
      let tagId = this.languageTags.find(tag);
      if (tagId === undefined) {
        tagId = this.languageTags.id(tag);
        const primary = (tag.split(/[-_]/, 1)[0] ?? tag).toLowerCase();
        this.languagePrimary[tagId] = this.primaryLanguages.id(primary);
      }
      this.languages.push(tagId);
      const primary = this.languagePrimary[tagId]!;
      if (!primaries.includes(primary)) primaries.push(primary);
    }
    this.langLen[row] = meeting.languages.length;

    // Recurrences, by schedule position, each with its shared occurrence list.
    const zoneId = this.zones.id(meeting.timeZone);
    this.zone[row] = zoneId;
    this.recOff[row] = this.recMinute.length;
    let days = 0;
    let maxDuration = 0;
    for (const recurrence of meeting.schedule) {
      const compiled = compileRecurrence(recurrence);
      const r = this.recMinute.length;
      if (compiled === undefined) {
        this.recMinute.push(NO_MINUTE);
        this.recDuration.push(0);
        this.recKind.push(3);
        this.recExtra.push(0);
        this.recList.push(-1);
      } else {
        this.recMinute.push(compiled.day * 1440 + compiled.minute);
        this.recDuration.push(compiled.duration);
        this.recKind.push(compiled.kind);
        this.recExtra.push(compiled.extra);
        this.recList.push(this.occurrenceList(r, zoneId));
        days |= 1 << compiled.day;
        if (compiled.duration > maxDuration) maxDuration = compiled.duration;
      }
    }
    this.recLen[row] = meeting.schedule.length;
    this.maxDur[row] = maxDuration;
    if (maxDuration > this.maxSlotDuration) this.maxSlotDuration = maxDuration;

    this.writeWords(row, meeting);

    // Facet signature: small-integer keys when the meeting has at most one language.
    // Arithmetic, not bit operators: the fields need more than 32 bits (exact below 2^53).
    const bits = attend + focus * 2 ** 4 + days * 2 ** 12 + tags * 2 ** 19 + status * 2 ** 35;
    let byRest = this.signatureIds.get(bits);
    if (byRest === undefined) {
      byRest = new Map<number | string, number>();
      this.signatureIds.set(bits, byRest);
    }
    const rest =
      primaries.length <= 1 && programId < 0x10000 && (primaries[0] ?? 0) < 0x7fff
        ? programId * 0x8000 + (primaries.length === 0 ? 0 : primaries[0]! + 1)
        : `${programId}|${[...primaries].sort((a, b) => a - b).join(',')}`;
    let sigId = byRest.get(rest);
    if (sigId === undefined) {
      sigId = this.signatures.length;
      const languages = [...primaries];
      this.signatures.push({ status, attend, program: programId, focus, days, tags, languages });
      byRest.set(rest, sigId);
    }
    this.sig[row] = sigId;
  }

  // --- words ------------------------------------------------------------------------------------

  private writeWords(row: number, meeting: Meeting): void {
    const pool = this.buildWords;
    if (pool !== undefined) {
      const start = pool.length;
      if (row >= this.buildWordOff.length) {
        this.buildWordOff = grown(this.buildWordOff, row + 1);
        this.buildWordLen = grown(this.buildWordLen, row + 1);
      }
      this.currentWords = pool;
      forEachMeetingSearchText(meeting, this.addSearchText);
      const end = pool.length;
      this.buildWordOff[row] = start;
      this.buildWordLen[row] = end - start;
      for (let i = start; i < end; i++) this.wordSeen[pool.data[i]!] = 0;
      return;
    }
    const own = new Uint32Pool();
    this.currentWords = own;
    forEachMeetingSearchText(meeting, this.addSearchText);
    const ids = own.data.slice(0, own.length);
    for (const id of ids) this.wordSeen[id] = 0;
    this.dirtyWords.set(row, ids);
  }

  private currentWords: InstanceType<typeof Uint32Pool> | undefined;

  /** Adds a text's words to the row being written; texts many meetings share are cached. */
  private readonly addSearchText = (text: string, repeats: boolean): void => {
    let ids = repeats ? this.sharedTexts.get(text) : undefined;
    if (ids === undefined) {
      const scratch = this.textWords;
      scratch.length = 0;
      this.readWords(text, scratch);
      if (!repeats) {
        for (const id of scratch) this.addWordId(id);
        return;
      }
      ids = scratch.slice();
      if (this.sharedTexts.size >= 100_000) this.sharedTexts.clear();
      this.sharedTexts.set(text, ids);
    }
    for (const id of ids) this.addWordId(id);
  };

  private readonly textWords: number[] = [];

  /**
   * Appends the word ids of a text to `out`. ASCII text (nearly all of it) is read character by
   * character into the word table, which gives exactly `searchWords`' words (lower-case
   * letters and digits, apostrophes dropped, anything else a separator) without making a
   * string per word; other text goes through `searchWords` itself.
   */
  private readWords(text: string, out: number[]): void {
    const length = text.length;
    for (let i = 0; i < length; i++) {
      if (text.charCodeAt(i) > 127) {
        for (const word of searchWords(text)) out.push(this.wordId(word));
        return;
      }
    }
    let buffer = this.wordBuffer;
    let size = 0;
    let hash = FNV_OFFSET;
    for (let i = 0; i <= length; i++) {
      let c = i < length ? text.charCodeAt(i) : 32;
      if (c >= 65 && c <= 90) c += 32;
      if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
        if (size === buffer.length) {
          buffer = grown(buffer, size * 2);
          this.wordBuffer = buffer;
        }
        buffer[size++] = c;
        hash = Math.imul(hash ^ c, FNV_PRIME);
      } else if (c !== 39 && c !== 96 && size > 0) {
        out.push(this.bufferedWordId(size, hash >>> 0));
        size = 0;
        hash = FNV_OFFSET;
      }
    }
  }

  private addWordId(id: number): void {
    if (this.wordSeen[id] === 1) return;
    this.wordSeen[id] = 1;
    this.currentWords!.push(id);
  }

  /** The id of the word in `wordBuffer[0..size)`, added to the table when new. */
  private bufferedWordId(size: number, hash: number): number {
    const buffer = this.wordBuffer;
    const mask = this.wordTable.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.wordTable[slot]!;
      if (entry === 0) break;
      const id = entry - 1;
      if (this.wordHashes[id] !== hash) continue;
      const text = this.wordText[id]!;
      if (text.length !== size) continue;
      let same = true;
      for (let i = 0; i < size; i++) {
        if (text.charCodeAt(i) !== buffer[i]) {
          same = false;
          break;
        }
      }
      if (same) return id;
    }
    return this.newWord(String.fromCharCode(...buffer.subarray(0, size)), hash);
  }

  /** The id of a word, added to the table when new. */
  private wordId(word: string): number {
    let hash = FNV_OFFSET;
    for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), FNV_PRIME);
    hash >>>= 0;
    const mask = this.wordTable.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.wordTable[slot]!;
      if (entry === 0) break;
      if (this.wordHashes[entry - 1] === hash && this.wordText[entry - 1] === word)
        return entry - 1;
    }
    return this.newWord(word, hash);
  }

  private newWord(word: string, hash: number): number {
    const id = this.wordText.length;
    this.wordText.push(word);
    this.wordHashes.push(hash);
    if (this.wordText.length * 2 > this.wordTable.length) {
      const table = new Int32Array(this.wordTable.length * 2);
      const mask = table.length - 1;
      this.wordHashes.forEach((h, w) => {
        let slot = h & mask;
        while (table[slot] !== 0) slot = (slot + 1) & mask;
        table[slot] = w + 1;
      });
      this.wordTable = table;
    } else {
      const mask = this.wordTable.length - 1;
      let slot = hash & mask;
      while (this.wordTable[slot] !== 0) slot = (slot + 1) & mask;
      this.wordTable[slot] = id + 1;
    }
    this.wordSeen = grown(this.wordSeen, id + 1);
    this.wordMatch = grown(this.wordMatch, id + 1);
    return id;
  }

  /** Keeps `wordsSorted` in text order: appends new ids, then sorts or inserts them. */
  private sortWords(): void {
    const have = this.wordsSorted.length;
    const total = this.wordText.length;
    if (have === total) return;
    const text = this.wordText;
    if (total - have > 64) {
      this.wordsSorted = Array.from({ length: total }, (_, i) => i);
      this.wordsSorted.sort((a, b) => (text[a]! < text[b]! ? -1 : text[a]! > text[b]! ? 1 : 0));
      return;
    }
    for (let id = have; id < total; id++) {
      const word = text[id]!;
      let lo = 0;
      let hi = this.wordsSorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (text[this.wordsSorted[mid]!]! < word) lo = mid + 1;
        else hi = mid;
      }
      this.wordsSorted.splice(lo, 0, id);
    }
  }

  // --- spatial order ----------------------------------------------------------------------------

  /**
   * Renumbers the rows along a Z-order curve of their coordinates (place-bound rows first,
   * then the others in their order), so the rows near any place are close in every column.
   * Pools are not moved: only the per-row columns, including their pool offsets.
   */
  private reorderSpatially(): void {
    const n = this.rows;
    const keys = new Float64Array(n);
    for (let row = 0; row < n; row++) {
      const latitude = this.lat[row]!;
      if (this.kind[row] !== KIND_PLACE || Number.isNaN(latitude)) {
        keys[row] = 2 ** 52 + row;
        continue;
      }
      const x = Math.min(0xffff, Math.floor(((this.lng[row]! + 180) / 360) * 0x10000));
      const y = Math.min(0xffff, Math.floor(((latitude + 90) / 180) * 0x10000));
      // Z-order key in the high bits, the row in the low 20 (so the key sorts stably).
      keys[row] = n < 0x100000 ? (interleave(x) * 2 + interleave(y)) * 0x100000 + row : 0;
    }
    let order: Int32Array;
    if (n < 0x100000) {
      keys.sort();
      order = new Int32Array(this.capacity);
      for (let i = 0; i < n; i++) order[i] = keys[i]! % 0x100000;
    } else {
      order = Int32Array.from({ length: this.capacity }, (_, i) => i);
      order.subarray(0, n).sort((a, b) => this.lat[a]! - this.lat[b]! || a - b);
    }
    for (let i = n; i < this.capacity; i++) order[i] = i;
    this.status = permuted(this.status, order);
    this.attend = permuted(this.attend, order);
    this.kind = permuted(this.kind, order);
    this.program = permuted(this.program, order);
    this.focus = permuted(this.focus, order);
    this.tags = permuted(this.tags, order);
    this.zone = permuted(this.zone, order);
    this.flags = permuted(this.flags, order);
    this.sig = permuted(this.sig, order);
    this.lat = permuted(this.lat, order);
    this.lng = permuted(this.lng, order);
    this.recOff = permuted(this.recOff, order);
    this.recLen = permuted(this.recLen, order);
    this.typeOff = permuted(this.typeOff, order);
    this.typeLen = permuted(this.typeLen, order);
    this.langOff = permuted(this.langOff, order);
    this.langLen = permuted(this.langLen, order);
    this.maxDur = permuted(this.maxDur, order);
    this.gathering = permuted(this.gathering, order);
    this.buildWordOff = permuted(this.buildWordOff, order.subarray(0, this.buildWordOff.length));
    this.buildWordLen = permuted(this.buildWordLen, order.subarray(0, this.buildWordLen.length));
    const idBytes = new Uint8Array(this.idBytes.length);
    for (let i = 0; i < n; i++)
      idBytes.set(this.idBytes.subarray(order[i]! * 16, order[i]! * 16 + 16), i * 16);
    this.idBytes = idBytes;
    const strings = <T>(values: T[]): T[] => {
      // Pushed, not preallocated: `new Array(n)` this large would be a slow dictionary array.
      const next: T[] = [];
      for (let i = 0; i < n; i++) next.push(values[order[i]!]!);
      return next;
    };
    this.slugs = strings(this.slugs);
    this.names = strings(this.names);
    this.placeNames = strings(this.placeNames);
    this.addresses = strings(this.addresses);
    this.cities = strings(this.cities);
    const rowAt = new Int32Array(n);
    for (let i = 0; i < n; i++) rowAt[order[i]!] = i;
    const others = new Map<number, string>();
    for (const [row, id] of this.otherIds) others.set(rowAt[row]!, id);
    this.otherIds.clear();
    for (const [row, id] of others) this.otherIds.set(row, id);
    // The input position of each new row: `order` itself.
    this.rehashIds(order);
    this.remoteRows = new Int32Pool();
    this.remoteOrdinal.fill(-1);
    for (let row = 0; row < n; row++) {
      if (this.kind[row] === KIND_REMOTE && this.status[row] !== STATUS_REMOVED) {
        this.remoteOrdinal[row] = this.remoteRows.length;
        this.remoteRows.push(row);
      }
    }
  }

  /**
   * Rewrites the recurrence, type and language pools in row order (dropping removed rows'
   * regions), so reading a row's pool entries follows its neighbours' in memory.
   */
  private compactPools(): void {
    const rows = this.rows;
    const recOff = new Int32Array(this.recOff.length);
    let recCount = 0;
    for (let row = 0; row < rows; row++) recCount += this.recLen[row]!;
    const minute = new Uint16Pool();
    const duration = new Uint16Pool();
    const kind = new Uint8Pool();
    const extra = new Int32Pool();
    const list = new Int32Pool();
    for (const pool of [minute, duration, kind, extra, list]) pool.reserve(recCount);
    const typeOff = new Int32Array(this.typeOff.length);
    const types = new Uint32Pool();
    const langOff = new Int32Array(this.langOff.length);
    const languages = new Uint16Pool();
    for (let row = 0; row < rows; row++) {
      recOff[row] = minute.length;
      const from = this.recOff[row]!;
      for (let r = from; r < from + this.recLen[row]!; r++) {
        minute.push(this.recMinute.data[r]!);
        duration.push(this.recDuration.data[r]!);
        kind.push(this.recKind.data[r]!);
        extra.push(this.recExtra.data[r]!);
        list.push(this.recList.data[r]!);
      }
      typeOff[row] = types.length;
      const typeFrom = this.typeOff[row]!;
      for (let i = typeFrom; i < typeFrom + this.typeLen[row]!; i++)
        types.push(this.typeKeys.data[i]!);
      langOff[row] = languages.length;
      const langFrom = this.langOff[row]!;
      for (let i = langFrom; i < langFrom + this.langLen[row]!; i++) {
        languages.push(this.languages.data[i]!);
      }
    }
    this.recOff = recOff;
    this.recMinute = minute;
    this.recDuration = duration;
    this.recKind = kind;
    this.recExtra = extra;
    this.recList = list;
    this.typeOff = typeOff;
    this.typeKeys = types;
    this.langOff = langOff;
    this.languages = languages;
    this.beyond.clear();
  }

  // --- occurrences ------------------------------------------------------------------------------

  private setHorizon(now: number): void {
    const minute = Math.floor(now / MS_PER_MINUTE);
    // A day back, so a meeting running at "now" is covered even if it lasts the maximum.
    this.horizonStart = minute - MAX_DURATION_MINUTES - 60;
    this.horizonEnd = this.horizonStart + Math.ceil(this.horizonWeeks * MINUTES_PER_WEEK);
  }

  /** The schedule of a row, rebuilt from the pools (positions kept, invalid ones inert). */
  scheduleOf(row: number): Recurrence[] {
    const off = this.recOff[row]!;
    const schedule: Recurrence[] = [];
    for (let r = off; r < off + this.recLen[row]!; r++) schedule.push(this.recurrenceAt(r));
    return schedule;
  }

  private recurrenceAt(r: number): Recurrence {
    const minuteOfWeek = this.recMinute.data[r]!;
    if (minuteOfWeek === NO_MINUTE) return BY_APPOINTMENT;
    const day = Math.floor(minuteOfWeek / 1440) as Weekday;
    const start = clockText(minuteOfWeek % 1440);
    const durationMinutes = this.recDuration.data[r]!;
    const extra = this.recExtra.data[r]!;
    switch (this.recKind.data[r]) {
      case KIND_CODES.weekly:
        return { kind: 'weekly', day, start, durationMinutes };
      case KIND_CODES.biweekly:
        return { kind: 'biweekly', day, start, durationMinutes, anchorDate: isoDateText(extra) };
      default:
        return {
          kind: 'monthly',
          day,
          start,
          durationMinutes,
          week: extra as 1 | 2 | 3 | 4 | 5 | -1,
        };
    }
  }

  /**
   * The shared list of a recurrence's occurrence starts over the horizon (epoch minutes), from
   * occurrences.ts, made once per distinct (zone, recurrence). A schedule's occurrences are its
   * recurrences' lists merged by start, then position (as `indexedOccurrencesBetween` orders
   * them).
   */
  private occurrenceList(r: number, zoneId: number): number {
    const kind = this.recKind.data[r]!;
    const extra = this.recExtra.data[r]!;
    const minute = this.recMinute.data[r]!;
    const duration = this.recDuration.data[r]!;
    const key = (zoneId * 4 + kind) * MINUTES_PER_WEEK + minute;
    let variants = this.listIds.get(key);
    if (variants === undefined) this.listIds.set(key, (variants = []));
    let id: number | undefined;
    for (let i = 0; i < variants.length; i += 3) {
      if (variants[i] === duration && variants[i + 1] === extra) {
        id = variants[i + 2]!;
        break;
      }
    }
    if (id === undefined) {
      let found: IndexedOccurrence[] = [];
      try {
        found = indexedOccurrencesBetween(
          [this.recurrenceAt(r)],
          this.zones.values[zoneId]!,
          this.horizonStart * MS_PER_MINUTE,
          this.horizonEnd * MS_PER_MINUTE,
        );
      } catch {
        // An unknown zone (zones are canonicalised on import): the meeting has no times.
      }
      id = this.listOff.length;
      this.listOff.push(this.listStarts.length);
      this.listLen.push(found.length);
      // Starts are whole minutes: every zone offset in use since 1972 is.
      for (const o of found) this.listStarts.push(Math.floor(o.start / MS_PER_MINUTE));
      variants.push(duration, extra, id);
    }
    return id;
  }

  private rebuildOccurrences(): void {
    this.listOff = new Int32Pool();
    this.listLen = new Int32Pool();
    this.listStarts = new Int32Pool();
    this.listIds = new Map();
    this.beyond.clear();
    for (let row = 0; row < this.rows; row++) {
      if (this.status[row] === STATUS_REMOVED) continue;
      const off = this.recOff[row]!;
      for (let r = off; r < off + this.recLen[row]!; r++) {
        if (this.recMinute.data[r] !== NO_MINUTE) {
          this.recList.data[r] = this.occurrenceList(r, this.zone[row]!);
        }
      }
    }
    this.buildTimeline();
  }

  /**
   * The first occurrence of recurrence `r` (pool index) of `row` starting at or after the
   * horizon's end (epoch ms), cached; undefined when it never occurs.
   */
  beyondHorizon(row: number, r: number): { start: number; end: number } | undefined {
    let found = this.beyond.get(r);
    if (found === undefined) {
      found = null;
      const recurrence = this.recurrenceAt(r);
      const timeZone = this.zones.values[this.zone[row]!]!;
      const horizonEndMs = this.horizonEnd * MS_PER_MINUTE;
      let at = horizonEndMs;
      for (let guard = 0; guard < 4; guard++) {
        const next = nextIndexedOccurrence([recurrence], timeZone, at);
        if (next === undefined) break;
        if (next.start >= horizonEndMs) {
          found = { start: next.start, end: next.end };
          break;
        }
        at = next.end;
      }
      this.beyond.set(r, found);
    }
    return found ?? undefined;
  }

  /** Occurrences of a row overlapping [from, to) ms, computed directly (slow path, rare). */
  occurrencesOf(row: number, from: number, to: number): IndexedOccurrence[] {
    try {
      return indexedOccurrencesBetween(
        this.scheduleOf(row),
        this.zones.values[this.zone[row]!]!,
        from,
        to,
      );
    } catch {
      return [];
    }
  }

  // --- timeline and postings --------------------------------------------------------------------

  /** Sorts every live occurrence by start into the timeline; rebuilds the postings. */
  buildTimeline(): void {
    const base = this.horizonStart - MAX_DURATION_MINUTES;
    const span = this.horizonEnd - base + 1;
    const counts = new Int32Array(span + 1);
    let live = 0;
    this.forEachOccurrence((start) => {
      counts[Math.min(span - 1, Math.max(0, start - base)) + 1]!++;
      live++;
    });
    for (let i = 1; i <= span; i++) counts[i]! += counts[i - 1]!;
    const reuse = this.timelineStart.length >= live;
    const timelineStart = reuse ? this.timelineStart : new Int32Array(live);
    const timelineRow = reuse ? this.timelineRow : new Int32Array(live);
    const timelineDur = reuse ? this.timelineDur : new Uint16Array(live);
    const timelineRec = reuse ? this.timelineRec : new Uint16Array(live);
    const timelineLocal = reuse ? this.timelineLocal : new Uint16Array(live);
    const timelineSig = reuse ? this.timelineSig : new Uint16Array(live);
    this.forEachOccurrence((start, row, r, position) => {
      const at = counts[Math.min(span - 1, Math.max(0, start - base))]!++;
      timelineStart[at] = start;
      timelineRow[at] = row;
      timelineDur[at] = this.recDuration.data[r]!;
      timelineRec[at] = this.kind[row] === KIND_REMOTE ? position | TIMELINE_REMOTE : position;
      timelineLocal[at] = this.recMinute.data[r]!;
      const sig = this.sig[row]!;
      timelineSig[at] = sig < TIMELINE_NO_SIGNATURE ? sig : TIMELINE_NO_SIGNATURE;
    });
    this.timelineStart = timelineStart;
    this.timelineRow = timelineRow;
    this.timelineDur = timelineDur;
    this.timelineRec = timelineRec;
    this.timelineLocal = timelineLocal;
    this.timelineSig = timelineSig;
    this.timelineLength = live;
    this.buildPostings();
    for (let row = 0; row < this.rows; row++) this.inTimeline[row] = 1;
    for (const row of this.timelineDirty) this.inDirty[row] = 0;
    this.timelineDirty = [];
    this.dirtyWords.clear();
  }

  /** Calls `visit` for every occurrence of every live row, rows in order, each in list order. */
  private forEachOccurrence(
    visit: (start: number, row: number, r: number, position: number) => void,
  ): void {
    const starts = this.listStarts.data;
    for (let row = 0; row < this.rows; row++) {
      if (this.status[row] === STATUS_REMOVED) continue;
      const off = this.recOff[row]!;
      const count = this.recLen[row]!;
      for (let r = off; r < off + count; r++) {
        const list = this.recList.data[r]!;
        if (list < 0 || this.recMinute.data[r] === NO_MINUTE) continue;
        const from = this.listOff.data[list]!;
        const to = from + this.listLen.data[list]!;
        for (let i = from; i < to; i++) visit(starts[i]!, row, r, r - off);
      }
    }
  }

  /** Rebuilds the posting lists from the live rows. */
  private buildPostings(): void {
    const rows = this.rows;
    const status = this.status;
    const one = new Int32Array(rows);
    const ones = new Uint16Array(rows).fill(1);
    for (let row = 0; row < rows; row++) one[row] = row;
    const signatures = Uint32Array.from(this.sig.subarray(0, rows));
    this.signaturePostings = csrPostings(
      rows,
      this.signatures.length,
      status,
      one,
      ones,
      signatures,
    );
    this.typePostings = csrPostings(
      rows,
      this.typeKeyIds.values.length,
      status,
      this.typeOff,
      this.typeLen,
      this.typeKeys.data,
    );
    // Words: from a build's word pool, or else the current postings plus the changed rows.
    const pool = this.buildWords;
    if (pool !== undefined) {
      this.wordPostings = packPostings(
        csrPostings(
          rows,
          this.wordText.length,
          status,
          this.buildWordOff,
          this.buildWordLen,
          pool.data,
        ),
      );
      return;
    }
    const old = this.wordPostings;
    const wordsOfRow = new Map<number, number[]>();
    for (let word = 0; word < old.offsets.length - 1; word++) {
      forEachPosting(old, word, (row) => {
        if (status[row] === STATUS_REMOVED || this.dirtyWords.has(row)) return;
        let list = wordsOfRow.get(row);
        if (list === undefined) wordsOfRow.set(row, (list = []));
        list.push(word);
      });
    }
    this.wordPostings = packPostings(
      postings(rows, this.wordText.length, (row, add) => {
        if (status[row] === STATUS_REMOVED) return;
        const own = this.dirtyWords.get(row);
        if (own !== undefined) for (const word of own) add(word);
        else for (const word of wordsOfRow.get(row) ?? NO_LANGUAGES) add(word);
      }),
    );
  }

  // --- geo ------------------------------------------------------------------------------------

  /** Rebuilds kdbush over every place-bound row with coordinates. */
  buildGeo(): void {
    let count = 0;
    for (let row = 0; row < this.rows; row++) {
      if (this.isPlaced(row)) count++;
    }
    this.geoOverflow = [];
    this.inGeoOverflow.fill(0);
    this.geoItem.fill(-1);
    if (count === 0) {
      this.geo = undefined;
      this.geoRow = new Int32Array(0);
      this.geoPosRow = new Int32Array(0);
      this.geoUnit = new Float64Array(0);
      this.geoPosOfItem = new Int32Array(0);
      return;
    }
    const geo = new KDBush(count, 64, Float64Array);
    const geoRow = new Int32Array(count);
    for (let row = 0; row < this.rows; row++) {
      if (!this.isPlaced(row)) continue;
      const item = geo.add(this.lng[row]!, this.lat[row]!);
      geoRow[item] = row;
      this.geoItem[row] = item;
    }
    geo.finish();
    const posRow = new Int32Array(count);
    const unit = new Float64Array(count * 3);
    const posOfItem = new Int32Array(count);
    for (let pos = 0; pos < count; pos++) {
      const item = geo.ids[pos]!;
      const row = geoRow[item]!;
      posRow[pos] = row;
      posOfItem[item] = pos;
      unitVector(this.lat[row]!, this.lng[row]!, unit, pos * 3);
    }
    this.geoPosOfItem = posOfItem;
    this.geo = geo;
    this.geoRow = geoRow;
    this.geoPosRow = posRow;
    this.geoUnit = unit;
  }

  private isPlaced(row: number): boolean {
    return (
      this.status[row] !== STATUS_REMOVED &&
      this.kind[row] === KIND_PLACE &&
      !Number.isNaN(this.lat[row]!)
    );
  }

  // --- summaries --------------------------------------------------------------------------------

  /** The summary of a row, built on demand (only result rows get one). */
  summary(row: number): MeetingSummary {
    const flags = this.flags[row]!;
    const attend = this.attend[row]!;
    const attendance: Attendance =
      this.kind[row] === KIND_REMOTE
        ? 'online'
        : (attend & ATT_HYBRID) !== 0
          ? 'hybrid'
          : 'in_person';
    const focusBits = this.focus[row]!;
    const summary: MeetingSummary = {
      id: this.idOf(row),
      slug: this.slugs[row]!,
      name: this.names[row]!,
      program: this.programIds.values[this.program[row]!]!,
      attendance,
      status: meetingStatuses[this.status[row]!] ?? 'inactive',
      timeZone: this.zones.values[this.zone[row]!]!,
      approximate: (flags & FLAG_APPROXIMATE) !== 0,
      wheelchairAccessible: (this.tags[row]! & TAG_WHEELCHAIR) !== 0,
      hasOnlineLink: (flags & FLAG_URL) !== 0,
      hasPhone: (flags & FLAG_PHONE) !== 0,
      types: [],
      languages: [],
      focus: focusAreas.filter((_, bit) => (focusBits & (1 << bit)) !== 0),
    };
    const placeName = this.placeNames[row];
    if (placeName !== undefined) summary.placeName = placeName;
    const address = this.addresses[row];
    if (address !== undefined) summary.address = address;
    const city = this.cities[row];
    if (city !== undefined) summary.city = city;
    if (!Number.isNaN(this.lat[row]!) && (flags & FLAG_CENTRED) === 0) {
      summary.latitude = this.lat[row]!;
      summary.longitude = this.lng[row]!;
    }
    const typeOff = this.typeOff[row]!;
    for (let i = typeOff; i < typeOff + this.typeLen[row]!; i++) {
      const key = this.typeKeyIds.values[this.typeKeys.data[i]!]!;
      summary.types.push(key.slice(key.indexOf(':') + 1));
    }
    const langOff = this.langOff[row]!;
    for (let i = langOff; i < langOff + this.langLen[row]!; i++) {
      summary.languages.push(this.languageTags.values[this.languages.data[i]!]!);
    }
    return summary;
  }
}

/** Adds meetings to an index under construction; see {@link SearchIndex.builder}. */
export interface SearchIndexBuilder {
  add(meeting: Meeting): void;
  finish(): SearchIndex;
}
