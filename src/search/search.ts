/**
 * The search engine: a SearchQuery answered from a SearchIndex, synchronously, without SQL or
 * I/O. `reference.ts` answers the same questions by brute force; a property test holds the two
 * to the same ordered results.
 *
 * Semantics (decided here; the finder page and the API document them):
 * - Where. Meetings that can be attended at a place (in person, hybrid) are place-bound: with
 *   `near` they count only when they have coordinates (those without are left out) and lie
 *   within `radiusKm` (great-circle, `geo.ts`), or are among the `nearest` N that match every
 *   other filter. Online-only and phone-only meetings have no
 *   place and no distance; with `near` they are included whenever the attendance filter allows
 *   them (the default allows every way of attending). Sorted by time they interleave with the
 *   place-bound ones; sorted by distance they come after all place-bound ones, soonest first.
 * - Attendance values name ways of attending: `in_person` matches in-person and hybrid meetings,
 *   `online` matches online and hybrid ones, `hybrid` only hybrid ones, `phone` any meeting with
 *   a dial-in. Any of the given values suffices.
 * - When. A meeting matches when one of its occurrences qualifies: not yet ended at `now` (not
 *   yet started when `includeInProgress` is false); its recurrence's own local weekday is among
 *   `days` and its local start in [fromMinute, toMinute) (a window with from > to wraps past
 *   midnight); it starts within `startingWithinMinutes` of now, or is in progress (when
 *   `includeInProgress`); it starts on the viewer's local `date`. `next` is the first qualifying
 *   occurrence. Without any of these filters every meeting matches, by-appointment ones too
 *   (they have no `next` and sort last).
 * - What. programs, focus and languages (primary subtags: `es` matches `es-MX`; a meeting that
 *   lists no language matches no language filter): any of. typeGroups: every group, any key in
 *   a group. wheelchair: only when true. Status: active only unless `includeClosed`. Text:
 *   every query word must begin a word of the meeting's name, place, address, town, regions,
 *   group or notes (see text.ts).
 * - Order. sort=time: next start, then distance (none last), then slug. sort=distance:
 *   place-bound by distance, then next start, then slug; then remote ones by next start, slug.
 *   Meetings without a next start sort after those with one.
 * - Pages. `cursor` is the sort key of the last result, encoded; the next page continues after it
 *   exactly, and is stable as long as the index and `now` do not change.
 * - Counts (facets), over the meetings the query considers (everything; or the place-bound
 *   meetings within the radius, or the nearest N chosen, plus the remote ones): attendance,
 *   program, day, focus and language count the meetings that would match if that filter alone
 *   were replaced by the value (the usual faceted-search rule: a selected "Online" does not
 *   hide the count of "In person"). Tags (women, men, young people, LGBTQ, wheelchair) count the
 *   current matches that carry them, since type filters combine with "and".
 * - Rural fallback, on the first page of a radius search whose attendance filter allows in-person
 *   meetings, when fewer than `fallbackThreshold` place-bound meetings match within the radius:
 *   the nearest place-bound matches beyond the radius (every other filter kept; `radius`
 *   relaxed), and remote meetings soonest first that keep the person's program, focus, type,
 *   language and time filters (and the phone/online part of the attendance filter, if it has
 *   one). `relaxed.remote` names exactly what those remote meetings are not held to:
 *   `attendance` (when the filter allowed only in-person ways), `text`, `wheelchair`. The
 *   nearest ones beyond the radius are sought at any distance.
 *
 * How it stays fast (see search-index.ts for the data): filters the facet signatures decide are
 * read once per signature; place-bound candidates come from kdbush over the circle's boxes and
 * a dot product against unit vectors; remote meetings, the same for every place, are counted
 * per signature or memoised per filter set; a time-sorted page walks the global timeline of
 * occurrences from "now" and stops once the page is full; selective filters (words, types, a
 * time window, rare signatures) turn into short candidate lists instead of scans.
 */
import { around } from 'geokdbush';
import { focusAreas, type Focus, type Weekday } from '../meetings/model.js';
import { PorchlightError } from '../platform/errors.js';
import { boxesAround, distanceKm, EARTH_RADIUS_KM } from './geo.js';
import type { AttendanceFilter, Point, SearchQuery } from './query.js';
import {
  ATT_HYBRID,
  ATT_IN_PERSON,
  ATT_ONLINE,
  ATT_PHONE,
  facetTags,
  KIND_PLACE,
  KIND_REMOTE,
  MAX_DURATION_MINUTES,
  NO_MINUTE,
  STATUS_ACTIVE,
  STATUS_REMOVED,
  type FacetTag,
  type MeetingSummary,
  type Postings,
  type SearchIndex,
  forEachPosting,
  TIMELINE_NO_SIGNATURE,
  TIMELINE_REMOTE,
  unitVector,
} from './search-index.js';
import { queryWords } from './text.js';
import {
  clockText,
  localDayWindow,
  localMinuteOfWeek,
  lowerBound,
  MINUTES_PER_WEEK,
  MS_PER_MINUTE,
} from './week-math.js';

export type { MeetingSummary } from './search-index.js';

/** The first qualifying occurrence of a result. */
export interface NextOccurrence {
  /** Epoch ms. */
  start: number;
  end: number;
  inProgress: boolean;
  /** Whole minutes until the start, rounded up; zero or negative when in progress. */
  minutesUntilStart: number;
  /** Position of the recurrence in the meeting's schedule. */
  recurrenceIndex: number;
  /** The recurrence's own weekday and start in the meeting's zone, as a member reads them. */
  localDay: Weekday;
  localTime: string;
}

export interface SearchResult {
  meeting: MeetingSummary;
  /** Great-circle km from `near`, for place-bound meetings of a search with `near`. */
  distanceKm?: number;
  /** Absent for by-appointment meetings (and schedules without a valid time). */
  next?: NextOccurrence;
}

export interface SearchFacets {
  attendance: Record<AttendanceFilter, number>;
  /** Program id -> count (programs with none are left out). */
  program: Record<string, number>;
  /** Index = weekday (0 = Sunday). */
  day: number[];
  focus: Record<Focus, number>;
  /** Primary language subtag -> count (languages with none are left out). */
  language: Record<string, number>;
  tags: Record<FacetTag, number>;
}

/**
 * A room the rural fallback suggests: one group at one place, shown once, with the group's
 * other meetings there (feeds list a group meeting three evenings a week as three meetings).
 */
export interface GatheredResult extends SearchResult {
  /** The group's other meetings at the same place, soonest first. */
  alsoMeets: SearchResult[];
}

/** A constraint the rural fallback dropped to find its suggestions. */
export type RelaxedConstraint = 'radius' | 'attendance' | 'text' | 'wheelchair';

export interface RuralFallback {
  reason: 'few_in_person';
  inPersonWithinRadius: number;
  threshold: number;
  radiusKm: number;
  /**
   * The nearest place-bound matches beyond the radius (every other filter kept), one entry per
   * group and place: its soonest meeting, with the others in `alsoMeets`.
   */
  nearestBeyond: GatheredResult[];
  /** Online and phone meetings that keep the person's tailored filters, soonest first. */
  remote: SearchResult[];
  relaxed: { nearestBeyond: RelaxedConstraint[]; remote: RelaxedConstraint[] };
}

export interface SearchAnswer {
  results: SearchResult[];
  /** Every match of the query (all pages). */
  total: number;
  /** Present when another page follows. */
  nextCursor?: string;
  facets: SearchFacets;
  fallback?: RuralFallback;
}

/** How many suggestions the rural fallback offers (rooms: groups at a place). */
export const FALLBACK_NEAREST_BEYOND = 5;
/**
 * Rows the search for the nearest rooms looks through at most: past this, a county whose
 * nearest rows are all a few groups' gets fewer than five rooms rather than an unbounded scan.
 */
const FALLBACK_GATHER_ROWS = 1280;
export const FALLBACK_REMOTE = 10;

// Filter dimensions a meeting can fail, as bits. A meeting failing exactly one facet dimension
// still counts towards that dimension's values.
const F_ATT = 1;
const F_PROG = 2;
const F_FOCUS = 4;
const F_LANG = 8;
const F_DAY = 16;
const F_OTHER = 32;
/**
 * Count slots of the signature counters: full matches, then the rows failing only one facet
 * dimension (days too, while the days a row meets are its recurrences' own).
 */
const SLOT_ALL = 0;
const SLOT_DAY = 5;
const SLOT_OF_FAIL: Record<number, number> = {
  [F_ATT]: 1,
  [F_PROG]: 2,
  [F_FOCUS]: 3,
  [F_LANG]: 4,
  [F_DAY]: SLOT_DAY,
};
const COUNT_SLOTS = 6;

const TAG_WHEELCHAIR = 1 << facetTags.indexOf('wheelchair');
const INFINITY = Number.POSITIVE_INFINITY;

// ---------------------------------------------------------------------------------------------
// Cursors.

type CursorKey =
  | { sort: 'time'; start: number; dist: number; slug: string }
  | { sort: 'distance'; bucket: number; dist: number; start: number; slug: string };

const CURSOR_PREFIX = 'c1.';

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

function encodeCursor(key: CursorKey): string {
  const body =
    key.sort === 'time'
      ? ['t', finiteOrNull(key.start), finiteOrNull(key.dist), key.slug]
      : ['d', key.bucket, finiteOrNull(key.dist), finiteOrNull(key.start), key.slug];
  return CURSOR_PREFIX + Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

function badCursor(): never {
  throw new PorchlightError('PL_INVALID_QUERY', 'The cursor is not one this server handed out.', {
    field: 'cursor',
  });
}

function numberOrInfinity(value: unknown): number {
  if (value === null) return INFINITY;
  if (typeof value !== 'number' || !Number.isFinite(value)) return badCursor();
  return value;
}

/** Reads a cursor handed out for the same sort; throws PL_INVALID_QUERY (field cursor) if not. */
export function decodeCursor(cursor: string, sort: SearchQuery['sort']): CursorKey {
  if (!cursor.startsWith(CURSOR_PREFIX)) badCursor();
  let body: unknown;
  try {
    body = JSON.parse(
      Buffer.from(cursor.slice(CURSOR_PREFIX.length), 'base64url').toString('utf8'),
    );
  } catch {
    badCursor();
  }
  if (!Array.isArray(body)) badCursor();
  const items = body as unknown[];
  if (sort === 'time' && items[0] === 't' && items.length === 4 && typeof items[3] === 'string') {
    return {
      sort,
      start: numberOrInfinity(items[1]),
      dist: numberOrInfinity(items[2]),
      slug: items[3],
    };
  }
  if (
    sort === 'distance' &&
    items[0] === 'd' &&
    items.length === 5 &&
    (items[1] === 0 || items[1] === 1) &&
    typeof items[4] === 'string'
  ) {
    return {
      sort,
      bucket: items[1],
      dist: numberOrInfinity(items[2]),
      start: numberOrInfinity(items[3]),
      slug: items[4],
    };
  }
  return badCursor();
}

// ---------------------------------------------------------------------------------------------
// The compiled query.

interface FilterOptions {
  attendance: boolean;
  text: boolean;
  wheelchair: boolean;
}

/** A query reduced to masks and tables over the index's vocabularies. */
class Plan {
  readonly ix: SearchIndex;
  readonly now: number;
  readonly includeInProgress: boolean;
  readonly includeClosed: boolean;
  /** Nothing can match (an unknown word, a time window in the past...). */
  impossible = false;

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
  textAll = 0;

  whenActive = false;
  /** startingWithin or date: qualifying occurrences come from the slots, not the schedule. */
  dynamic = false;
  daysSet = false;
  dayMask = 0x7f;
  windowSet = false;
  winFrom = 0;
  winTo = 1440;
  /** Local minute of week -> 1 when a recurrence starting then passes days and window. */
  allowed: Uint8Array | undefined;
  /** Local minute of week -> minutes to the next allowed one (-1: none at all). */
  private allowedDistance: Int32Array | undefined;
  withinSet = false;
  withinEnd = 0;
  dateSet = false;
  dateStart = 0;
  dateEnd = 0;
  /** Earliest and latest qualifying start over all meetings (ms; inclusive). */
  lowMs: number;
  highMs = INFINITY;
  /** The time window was marked into `windowDays` (else rows are checked one by one). */
  get windowMarked(): boolean {
    return this.windowState.rows !== undefined;
  }
  /** Marks of the time window, shared with plans derived from this one (fallback). */
  windowState: { rows: number[] | undefined; nothingMatches?: boolean } = { rows: undefined };
  /** Scratch: the days found by the last `evaluate`. */
  rowDays = 0;
  /** Per signature: the F_* bits decided by the signature alone. */
  sigFails: Uint8Array = new Uint8Array(0);
  /** Days are read per row (a time window or a time-of-day window is set). */
  rowWhen = false;
  /** Some filter needs a per-row check beyond the signature (types, text, time). */
  rowChecks = false;
  /** The query point, when there is one. */
  readonly near: { latitude: number; longitude: number } | undefined;
  /** A radius search: every place-bound member has its dot product in `closeness`. */
  byCloseness = false;

  /** The next-occurrence cache stamp for this query. */
  readonly nextStamp: number;
  private readonly markedWords: number[] = [];
  /** The word ids each query word matches. */
  private readonly wordIdsByWord: number[][] = [];
  /** The rows marked so far (undefined when the window was not marked). */
  markedRows(): number[] | undefined {
    return this.windowState.rows;
  }

  constructor(
    ix: SearchIndex,
    q: SearchQuery,
    private readonly options: FilterOptions,
    nextStamp: number,
  ) {
    this.ix = ix;
    this.now = q.now;
    this.includeInProgress = q.includeInProgress;
    this.includeClosed = q.includeClosed;
    this.nextStamp = nextStamp;

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

    if (q.days !== undefined) {
      this.daysSet = true;
      this.dayMask = 0;
      for (const d of q.days) this.dayMask |= 1 << d;
    }
    if (q.fromMinute !== undefined || q.toMinute !== undefined) {
      this.windowSet = true;
      this.winFrom = q.fromMinute ?? 0;
      this.winTo = q.toMinute ?? 1440;
    }
    if (this.daysSet || this.windowSet) {
      const key = `${this.dayMask}:${this.windowSet ? `${this.winFrom}-${this.winTo}` : ''}`;
      let tables = allowedTables.get(key);
      if (tables === undefined) {
        const allowed = new Uint8Array(MINUTES_PER_WEEK);
        for (let m = 0; m < MINUTES_PER_WEEK; m++) {
          if ((this.dayMask & (1 << Math.floor(m / 1440))) !== 0 && this.inWindow(m % 1440)) {
            allowed[m] = 1;
          }
        }
        tables = { allowed, distance: distanceToAllowed(allowed) };
        if (allowedTables.size >= 512) allowedTables.clear();
        allowedTables.set(key, tables);
      }
      this.allowed = tables.allowed;
      this.allowedDistance = tables.distance;
    }
    const longest = Math.min(MAX_DURATION_MINUTES, ix.maxSlotDuration);
    this.lowMs = this.includeInProgress ? this.now - longest * MS_PER_MINUTE : this.now;
    if (q.startingWithinMinutes !== undefined) {
      this.withinSet = true;
      this.withinEnd = this.now + q.startingWithinMinutes * MS_PER_MINUTE;
      this.highMs = Math.min(this.highMs, this.withinEnd);
    }
    if (q.date !== undefined) {
      const window = localDayWindow(q.date, q.viewerTimeZone);
      this.dateSet = true;
      this.dateStart = window.start;
      this.dateEnd = window.end;
      this.lowMs = Math.max(this.lowMs, window.start);
      this.highMs = Math.min(this.highMs, window.end - 1);
    }
    this.dynamic = this.withinSet || this.dateSet;
    this.whenActive = this.daysSet || this.windowSet || this.dynamic;
    this.rowWhen = this.windowSet || this.dynamic;
    if (this.highMs < this.lowMs) this.impossible = true;
    this.near = q.near;
    const cache = ix.derivedCache();
    const sigKey = `sig:${JSON.stringify([
      this.includeClosed,
      this.wheelchair,
      this.attSet ? this.attMask : -1,
      q.programs ?? null,
      this.focusSet ? this.focusMask : -1,
      q.languages ?? null,
      this.whenActive && !this.rowWhen ? this.dayMask : -1,
      ix.signatures.length,
    ])}`;
    let fails = cache.get(sigKey) as Uint8Array | undefined;
    if (fails === undefined) {
      fails = this.signatureFails();
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
    this.rowChecks = this.typeGroups !== undefined || this.rowWhen;
  }

  /** The F_* bits each facet signature decides on its own. */
  private signatureFails(): Uint8Array {
    const signatures = this.ix.signatures;
    const fails = new Uint8Array(signatures.length);
    for (let id = 0; id < signatures.length; id++) {
      const s = signatures[id]!;
      let f = 0;
      if (s.status !== STATUS_ACTIVE && (s.status === STATUS_REMOVED || !this.includeClosed)) {
        f = F_OTHER;
      }
      if (this.wheelchair && (s.tags & TAG_WHEELCHAIR) === 0) f = F_OTHER;
      if (this.attSet && (s.attend & this.attMask) === 0) f |= F_ATT;
      if (this.progAllowed !== undefined && this.progAllowed[s.program] !== 1) f |= F_PROG;
      if (this.focusSet && (s.focus & this.focusMask) === 0) f |= F_FOCUS;
      if (this.langAllowed !== undefined && !s.languages.some((l) => this.langAllowed![l] === 1)) {
        f |= F_LANG;
      }
      if (this.whenActive && !this.rowWhen) {
        // Days only: a row meets the days of its valid recurrences.
        if (s.days === 0) f = F_OTHER;
        else if ((s.days & this.dayMask) === 0) f |= F_DAY;
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
    const sorted = ix.wordsSorted;
    const texts = ix.wordText;
    words.forEach((word, bit) => {
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (texts[sorted[mid]!]! < word) lo = mid + 1;
        else hi = mid;
      }
      const ids: number[] = [];
      for (let i = lo; i < sorted.length; i++) {
        const id = sorted[i]!;
        if (!texts[id]!.startsWith(word)) break;
        ix.wordMatch[id]! |= 1 << bit;
        this.markedWords.push(id);
        ids.push(id);
      }
      this.wordIdsByWord.push(ids);
      if (ids.length === 0) this.impossible = true;
    });
    this.textAll = words.length >= 31 ? 0x7fffffff : (1 << words.length) - 1;
    if (this.impossible) return;
    const cache = ix.derivedCache();
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
      for (const id of ids) forEachPosting(ix.wordPostings, id, mark);
      for (const [row, own] of ix.dirtyWords) {
        for (const id of own) {
          if ((ix.wordMatch[id]! & (1 << bit)) !== 0) {
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

  /** The rows with every query word (one bit per row), and how many. */
  private textSet: Uint32Array | undefined;
  private textCount = 0;

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

  /** Clears the marks the query left in the index's scratch. */
  release(): void {
    for (const id of this.markedWords) this.ix.wordMatch[id] = 0;
    this.markedWords.length = 0;
    const marked = this.windowState.rows;
    if (marked !== undefined) for (const row of marked) this.ix.windowDays[row] = 0;
    this.windowState.rows = undefined;
    this.windowState.nothingMatches = false;
  }

  /**
   * Marks every row with an occurrence in the query's time window (startingWithin, date) by
   * walking that slice of the timeline, so `evaluate` reads a row's days instead of searching
   * its slots. Returns the marked rows, or undefined when the window reaches past the slot
   * horizon (rows are then checked one by one).
   */
  markWindow(): number[] | undefined {
    const ix = this.ix;
    if (this.windowState.rows !== undefined) return this.windowState.rows;
    if (!this.dynamic || this.impossible) return undefined;
    if (this.highMs >= ix.horizonEnd * MS_PER_MINUTE) return undefined;
    const marked: number[] = [];
    this.windowState.rows = marked;
    let seenDays = 0;
    const starts = ix.timelineStart;
    const local = ix.timelineLocal;
    const timelineRow = ix.timelineRow;
    const timelineDur = ix.timelineDur;
    const inTimeline = ix.inTimeline;
    const days = ix.windowDays;
    const highMinute = Math.floor(this.highMs / MS_PER_MINUTE);
    for (
      let pos = lowerBound(starts, 0, ix.timelineLength, Math.ceil(this.lowMs / MS_PER_MINUTE));
      pos < ix.timelineLength && starts[pos]! <= highMinute;
      pos++
    ) {
      const minuteOfWeek = local[pos]!;
      if (!this.inWindow(minuteOfWeek % 1440)) continue;
      const startMs = starts[pos]! * MS_PER_MINUTE;
      if (!this.instantPasses(startMs, startMs + timelineDur[pos]! * MS_PER_MINUTE)) continue;
      const row = timelineRow[pos]!;
      if (inTimeline[row] !== 1) continue;
      const before = days[row]!;
      if (before === 0) marked.push(row);
      const day = 1 << Math.floor(minuteOfWeek / 1440);
      days[row] = before | day;
      seenDays |= day;
    }
    // No occurrence in the window falls on an asked-for day: no meeting can match (facets
    // can still count other days).
    if (this.daysSet && (seenDays & this.dayMask) === 0 && ix.timelineDirty.length === 0) {
      this.windowState.nothingMatches = true;
    }
    return marked;
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
   * As {@link candidateRows} with `facetSafe`, marked in the index's `emitted` array with the
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

  private passingForFacets: number[] | undefined;
  private passingOnly: number[] | undefined;

  /** The size of the most selective source {@link candidateRows} would use (Infinity: none). */
  candidateEstimate(facetSafe: boolean): number {
    let best = INFINITY;
    const ix = this.ix;
    const size = (postings: Postings, values: number[]): number => {
      let n = 0;
      for (const v of values) n += postings.offsets[v + 1]! - postings.offsets[v]!;
      return n;
    };
    if (this.textSet !== undefined) best = Math.min(best, this.textCount);
    best = Math.min(best, size(ix.signaturePostings, this.passingSignatures(facetSafe)));
    for (const ids of this.groupKeys) best = Math.min(best, size(ix.typePostings, ids));
    const windowRows = this.windowState.rows;
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
      let size = 0;
      for (const v of values) size += postings.offsets[v + 1]! - postings.offsets[v]!;
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
    const windowRows = this.windowState.rows;
    if (windowRows !== undefined && windowRows.length < bestSize) {
      bestSize = windowRows.length;
      best = { rows: windowRows };
    }
    const source: Source | undefined = best;
    if (source === undefined) return undefined;
    const stamp = ix.nextStampValue();
    const seen = ix.emitted;
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

  /** Timeline entries a time-window marking would read (Infinity when it cannot mark). */
  windowEntries(): number {
    const ix = this.ix;
    if (!this.dynamic || this.impossible || this.highMs >= ix.horizonEnd * MS_PER_MINUTE) {
      return INFINITY;
    }
    const starts = ix.timelineStart;
    const from = lowerBound(starts, 0, ix.timelineLength, Math.ceil(this.lowMs / MS_PER_MINUTE));
    const high = Math.floor(this.highMs / MS_PER_MINUTE) + 1;
    return lowerBound(starts, from, ix.timelineLength, high) - from;
  }

  /**
   * Whether the remote part can be memoised: its matches must not depend on "now" (no
   * starting-within window; a date window, if any, entirely in the future).
   */
  timeFree(): boolean {
    return !this.withinSet && (!this.dateSet || this.dateStart >= this.now);
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

  private passesText(row: number): boolean {
    return (this.textSet![row >>> 5]! & (1 << (row & 31))) !== 0;
  }

  /**
   * The facet dimensions (F_* bits) a row fails; F_OTHER when it fails a non-facet filter. Sets
   * `rowDays` (days with a qualifying occurrence, ignoring `days`) when time filters are set.
   */
  evaluate(row: number): number {
    const ix = this.ix;
    let fails = this.sigFails[ix.sig[row]!]!;
    if (fails >= F_OTHER || (fails & (fails - 1)) !== 0) return fails;
    if (this.rowChecks) {
      if (this.typeGroups !== undefined && !this.passesTypes(row)) return F_OTHER;
      if (this.rowWhen) {
        let days: number;
        if (!this.dynamic) days = this.staticDays(row);
        else if (this.windowMarked && ix.inTimeline[row] === 1) days = ix.windowDays[row]!;
        else days = this.dynamicDays(row);
        this.rowDays = days;
        if (days === 0) return F_OTHER;
        if (this.daysSet && (days & this.dayMask) === 0) fails |= F_DAY;
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

  inWindow(minuteOfDay: number): boolean {
    if (!this.windowSet) return true;
    const from = this.winFrom;
    const to = this.winTo;
    return from <= to
      ? minuteOfDay >= from && minuteOfDay < to
      : minuteOfDay >= from || minuteOfDay < to;
  }

  /** Whether a recurrence (pool index) passes the time-of-day window, and the days if asked. */
  private recurrencePasses(r: number, checkDays: boolean): boolean {
    const minuteOfWeek = this.ix.recMinute.data[r]!;
    if (minuteOfWeek === NO_MINUTE) return false;
    if (checkDays && this.allowed !== undefined) return this.allowed[minuteOfWeek] === 1;
    return this.inWindow(minuteOfWeek % 1440);
  }

  private staticDays(row: number): number {
    const ix = this.ix;
    let days = 0;
    const off = ix.recOff[row]!;
    const end = off + ix.recLen[row]!;
    for (let r = off; r < end; r++) {
      if (this.recurrencePasses(r, false)) days |= 1 << Math.floor(ix.recMinute.data[r]! / 1440);
    }
    return days;
  }

  /** Whether an occurrence [startMs, endMs) passes the instant filters (not day or time). */
  instantPasses(startMs: number, endMs: number): boolean {
    const now = this.now;
    if (endMs <= now) return false;
    if (startMs < now) {
      if (!this.includeInProgress) return false;
    } else if (this.withinSet && startMs > this.withinEnd) return false;
    if (this.dateSet && (startMs < this.dateStart || startMs >= this.dateEnd)) return false;
    return true;
  }

  /**
   * The first qualifying occurrence of recurrence `r` (pool index) within the horizon, as its
   * start in epoch minutes, or -1. The recurrence's static filters are the caller's to check.
   */
  private firstInList(r: number): number {
    const ix = this.ix;
    const list = ix.recList.data[r]!;
    if (list < 0) return -1;
    const duration = ix.recDuration.data[r]! * MS_PER_MINUTE;
    let lowMs = this.includeInProgress ? this.now - duration : this.now;
    if (this.dateSet && this.dateStart > lowMs) lowMs = this.dateStart;
    const starts = ix.listStarts.data;
    const from = ix.listOff.data[list]!;
    const to = from + ix.listLen.data[list]!;
    const highMinute = Math.floor(this.highMs / MS_PER_MINUTE);
    for (let i = lowerBound(starts, from, to, Math.ceil(lowMs / MS_PER_MINUTE)); i < to; i++) {
      const start = starts[i]!;
      if (start > highMinute) return -1;
      const startMs = start * MS_PER_MINUTE;
      if (this.instantPasses(startMs, startMs + duration)) return start;
    }
    return -1;
  }

  private dynamicDays(row: number): number {
    const ix = this.ix;
    let days = 0;
    const off = ix.recOff[row]!;
    const end = off + ix.recLen[row]!;
    for (let r = off; r < end; r++) {
      if (!this.recurrencePasses(r, false)) continue;
      if (this.firstInList(r) >= 0) days |= 1 << Math.floor(ix.recMinute.data[r]! / 1440);
    }
    if (this.highMs >= ix.horizonEnd * MS_PER_MINUTE) {
      for (const o of this.occurrencesBeyond(row)) {
        if (this.recurrencePasses(off + o.recurrenceIndex, false)) {
          days |= 1 << Math.floor(ix.recMinute.data[off + o.recurrenceIndex]! / 1440);
        }
      }
    }
    return days;
  }

  /** Occurrences past the horizon that pass the instant filters (slow path, rare). */
  private occurrencesBeyond(
    row: number,
  ): { start: number; end: number; recurrenceIndex: number }[] {
    const ix = this.ix;
    const horizonEndMs = ix.horizonEnd * MS_PER_MINUTE;
    const from = Math.max(horizonEndMs, this.lowMs);
    if (!Number.isFinite(this.highMs) || this.highMs < from) return [];
    return ix
      .occurrencesOf(row, from, this.highMs + 1)
      .filter(
        (o) => o.start >= from && o.start <= this.highMs && this.instantPasses(o.start, o.end),
      );
  }

  /**
   * Computes (once per query) the row's first qualifying occurrence into the index's next-*
   * scratch; returns false when it has none. Earliest start wins; at equal starts, the earlier
   * position in the schedule (as the reference orders occurrences).
   */
  ensureNext(row: number): boolean {
    const ix = this.ix;
    if (ix.nextStamp[row] === this.nextStamp) return ix.nextRec[row]! >= 0;
    ix.nextStamp[row] = this.nextStamp;
    ix.nextRec[row] = -1;
    const off = ix.recOff[row]!;
    const end = off + ix.recLen[row]!;
    let best = -1;
    let bestRec = -1;
    for (let r = off; r < end; r++) {
      if (ix.recMinute.data[r] === NO_MINUTE) continue;
      if (this.whenActive && !this.recurrencePasses(r, true)) continue;
      const start = this.firstInList(r);
      if (start >= 0 && (best < 0 || start < best)) {
        best = start;
        bestRec = r;
      }
    }
    if (best >= 0) {
      const startMs = best * MS_PER_MINUTE;
      this.setNext(row, startMs, ix.recDuration.data[bestRec]!, bestRec - off);
      return true;
    }
    const horizonEndMs = ix.horizonEnd * MS_PER_MINUTE;
    if (this.highMs < horizonEndMs) return false;
    if (Number.isFinite(this.highMs)) {
      for (const o of this.occurrencesBeyond(row)) {
        if (!this.whenActive || this.recurrencePasses(off + o.recurrenceIndex, true)) {
          this.setNext(row, o.start, (o.end - o.start) / MS_PER_MINUTE, o.recurrenceIndex);
          return true;
        }
      }
      return false;
    }
    // Unbounded: each recurrence's first occurrence past the horizon, cached in the index.
    let bestStart = INFINITY;
    for (let r = off; r < end; r++) {
      if (ix.recMinute.data[r] === NO_MINUTE) continue;
      if (this.whenActive && !this.recurrencePasses(r, true)) continue;
      const found = ix.beyondHorizon(row, r);
      if (found === undefined) continue;
      if (found.start < bestStart) {
        bestStart = found.start;
        this.setNext(row, found.start, (found.end - found.start) / MS_PER_MINUTE, r - off);
      }
    }
    return bestStart !== INFINITY;
  }

  /** Records a row's next occurrence: start (epoch ms), duration (minutes), schedule position. */
  setNext(row: number, start: number, duration: number, recurrenceIndex: number): void {
    const ix = this.ix;
    ix.nextStamp[row] = this.nextStamp;
    ix.nextStartMs[row] = start;
    ix.nextDur[row] = duration;
    ix.nextRec[row] = recurrenceIndex;
  }

  /** Next start for ordering: epoch ms, or Infinity when none. */
  nextKey(row: number): number {
    return this.ensureNext(row) ? this.ix.nextStartMs[row]! : INFINITY;
  }

  /**
   * The first minute at which a qualifying occurrence can start, from the days and window
   * filters read in every zone of the index (with slack for an offset change on the way).
   */
  earliestStartMinute(): number {
    const low = Math.ceil(this.lowMs / MS_PER_MINUTE);
    const distance = this.allowedDistance;
    if (distance === undefined) return low;
    if (distance[0] === -1) return Number.MAX_SAFE_INTEGER;
    let earliest = Number.MAX_SAFE_INTEGER;
    for (const zone of this.ix.zones.values) {
      let localMinute: number;
      try {
        localMinute = localMinuteOfWeek(low, zone);
      } catch {
        return low;
      }
      const start = low + distance[localMinute]! - ZONE_SHIFT_SLACK_MINUTES;
      if (start < earliest) earliest = start;
    }
    return Math.max(low, earliest);
  }
}

/** Days-and-window tables by filter, shared by queries (they depend on nothing else). */
const allowedTables = new Map<string, { allowed: Uint8Array; distance: Int32Array }>();

/** For each local minute of week, the minutes to the next allowed one (all -1 when none). */
function distanceToAllowed(allowed: Uint8Array): Int32Array {
  const distance = new Int32Array(MINUTES_PER_WEEK).fill(-1);
  let next = -1;
  for (let pass = 0; pass < 2; pass++) {
    for (let m = MINUTES_PER_WEEK - 1; m >= 0; m--) {
      if (allowed[m] === 1) next = m;
      if (next >= 0) distance[m] = (next - m + MINUTES_PER_WEEK) % MINUTES_PER_WEEK;
    }
  }
  return distance;
}

/** More than any offset change between "now" and the start found (DST moves an hour at most). */
const ZONE_SHIFT_SLACK_MINUTES = 180;

function attendanceMask(values: readonly AttendanceFilter[]): number {
  let mask = 0;
  for (const v of values) {
    if (v === 'in_person') mask |= ATT_IN_PERSON;
    else if (v === 'online') mask |= ATT_ONLINE;
    else if (v === 'hybrid') mask |= ATT_HYBRID;
    else if (v === 'phone') mask |= ATT_PHONE;
  }
  return mask;
}

function primarySubtag(tag: string): string {
  return (tag.split(/[-_]/, 1)[0] ?? tag).toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// Ordering.

function compareSlugs(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareNumbers(a: number, b: number): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

/** A binary max-heap keeping the `capacity` smallest rows by `compare`. */
class Smallest {
  private readonly heap: number[] = [];
  constructor(
    private readonly capacity: number,
    private readonly compare: (a: number, b: number) => number,
  ) {}

  offer(row: number): void {
    const heap = this.heap;
    if (heap.length < this.capacity) {
      heap.push(row);
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (this.compare(heap[i]!, heap[parent]!) <= 0) break;
        [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
        i = parent;
      }
      return;
    }
    if (this.capacity === 0 || this.compare(row, heap[0]!) >= 0) return;
    heap[0] = row;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let largest = i;
      if (left < heap.length && this.compare(heap[left]!, heap[largest]!) > 0) largest = left;
      if (right < heap.length && this.compare(heap[right]!, heap[largest]!) > 0) largest = right;
      if (largest === i) break;
      [heap[i], heap[largest]] = [heap[largest]!, heap[i]!];
      i = largest;
    }
  }

  sorted(): number[] {
    return [...this.heap].sort(this.compare);
  }
}

/**
 * The rows a page is chosen from: place-bound matches marked with `stamp` (listed in
 * `local`), and remote matches listed in `remote` and marked either with `stamp` too or in
 * `remoteBits` (a memoised remote part).
 */
interface Members {
  stamp: number;
  local: RowList;
  remote: RemotePart;
}

/** Rows in the first `count` places of a scratch array. */
interface RowList {
  rows: Int32Array;
  count: number;
}

function isMember(ix: SearchIndex, members: Members, row: number): boolean {
  if (ix.stamp[row] === members.stamp) return true;
  const bySignature = members.remote.sigFails;
  if (bySignature !== undefined) {
    return ix.kind[row] === KIND_REMOTE && bySignature[ix.sig[row]!] === 0;
  }
  const bits = members.remote.bits;
  if (bits === undefined) return false;
  const ordinal = ix.remoteOrdinal[row]!;
  return ordinal >= 0 && (bits[ordinal >>> 5]! & (1 << (ordinal & 31))) !== 0;
}

class Engine {
  constructor(
    readonly ix: SearchIndex,
    readonly plan: Plan,
  ) {}

  readonly compareTime = (a: number, b: number): number => {
    const ix = this.ix;
    return (
      compareNumbers(this.plan.nextKey(a), this.plan.nextKey(b)) ||
      compareNumbers(this.plan.distanceOf(a), this.plan.distanceOf(b)) ||
      compareSlugs(ix.slugs[a]!, ix.slugs[b]!)
    );
  };

  readonly compareDistance = (a: number, b: number): number => {
    const ix = this.ix;
    return (
      compareNumbers(this.plan.distanceOf(a), this.plan.distanceOf(b)) ||
      compareNumbers(this.plan.nextKey(a), this.plan.nextKey(b)) ||
      compareSlugs(ix.slugs[a]!, ix.slugs[b]!)
    );
  };

  private afterTimeCursor(row: number, cursor: CursorKey | undefined): boolean {
    if (cursor === undefined) return true;
    const ix = this.ix;
    const c =
      compareNumbers(this.plan.nextKey(row), cursor.start) ||
      compareNumbers(this.plan.distanceOf(row), cursor.dist) ||
      compareSlugs(ix.slugs[row]!, cursor.slug);
    return c > 0;
  }

  private afterDistanceCursor(row: number, cursor: CursorKey & { sort: 'distance' }): boolean {
    const ix = this.ix;
    const c =
      compareNumbers(this.plan.distanceOf(row), cursor.dist) ||
      compareNumbers(this.plan.nextKey(row), cursor.start) ||
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
    const count = (remoteOnly ? 0 : members.local.count) + members.remote.count;
    if (k <= 0 || count === 0) return [];
    // A walk finds about one member in rows / count entries (fewer when days or times are
    // filtered, which the walk skips cheaply); ordering the members directly costs about
    // `count`. Walk when it should take fewer steps.
    const expectedWalk = (k * Math.max(1, this.ix.size)) / count;
    if (expectedWalk < count) {
      const walked = this.walkTimeline(members, cursor, k, remoteOnly, count);
      if (walked !== undefined) return walked;
    }
    const best = new Smallest(k, this.compareTime);
    if (!remoteOnly) {
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
    const localBits = scratchFor(this.ix).localBits;
    const { rows: localRows, count: localCount } = members.local;
    for (let i = 0; i < localCount; i++) {
      const row = localRows[i]!;
      localBits[row >>> 5]! |= 1 << (row & 31);
    }
    try {
      return this.walk(members, cursor, k, remoteOnly, count, localBits);
    } finally {
      for (let i = 0; i < localCount; i++) localBits[localRows[i]! >>> 5] = 0;
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
    const emit = ix.nextStampValue();
    const out: number[] = [];
    const group: number[] = [];
    const emitted = ix.emitted;
    const timelineRow = ix.timelineRow;
    const timelineDur = ix.timelineDur;
    const inTimeline = ix.inTimeline;
    const starts = ix.timelineStart;
    const local = ix.timelineLocal;
    const timelineRec = ix.timelineRec;
    const timelineSig = ix.timelineSig;
    const remoteBySignature = members.remote.sigFails;
    const allowed = plan.allowed;
    const length = ix.timelineLength;
    const nowMinute = Math.floor(plan.now / MS_PER_MINUTE);
    // Without a starting-within or date window, an occurrence passes when it has not ended
    // (and, unless in-progress ones count, has not started).
    const simpleInstants = !plan.withinSet && !plan.dateSet;
    const highMinute = Number.isFinite(plan.highMs)
      ? Math.floor(plan.highMs / MS_PER_MINUTE)
      : 0x7fffffff;
    // Rows whose slots are not in the timeline yet: ordered directly and merged in.
    const dirty: number[] = [];
    const rest: number[] = [];
    for (const row of ix.timelineDirty) {
      if (ix.inTimeline[row] === 1 || emitted[row] === emit || !isMember(ix, members, row))
        continue;
      if (remoteOnly && ix.kind[row] !== KIND_REMOTE) continue;
      emitted[row] = emit;
      if (plan.ensureNext(row)) dirty.push(row);
      else rest.push(row);
    }
    dirty.sort((a, b) => ix.nextStartMs[a]! - ix.nextStartMs[b]!);
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
    let pos = lowerBound(starts, 0, length, plan.earliestStartMinute());
    for (; pos < length; pos++) {
      const minute = starts[pos]!;
      if (minute > highMinute) break;
      if (minute !== groupMinute) {
        // Dirty rows starting before this minute go first, each minute as its own group.
        while (
          dirtyAt < dirty.length &&
          ix.nextStartMs[dirty[dirtyAt]!]! < minute * MS_PER_MINUTE
        ) {
          flush();
          if (out.length >= k) return out.slice(0, k);
          const dirtyStart = ix.nextStartMs[dirty[dirtyAt]!]!;
          while (dirtyAt < dirty.length && ix.nextStartMs[dirty[dirtyAt]!] === dirtyStart) {
            group.push(dirty[dirtyAt++]!);
          }
        }
        flush();
        if (out.length >= k) return out.slice(0, k);
        groupMinute = minute;
        while (
          dirtyAt < dirty.length &&
          ix.nextStartMs[dirty[dirtyAt]!] === minute * MS_PER_MINUTE
        ) {
          group.push(dirty[dirtyAt++]!);
        }
      }
      if (++visited > budget) return undefined;
      // Ended before "now" (in whole minutes, as ends are): the common reject, in integers.
      if (minute + timelineDur[pos]! <= nowMinute) continue;
      if (allowed !== undefined && allowed[local[pos]!] !== 1) continue;
      const startMs = minute * MS_PER_MINUTE;
      const endMs = startMs + timelineDur[pos]! * MS_PER_MINUTE;
      if (!simpleInstants && !plan.instantPasses(startMs, endMs)) continue;
      if (simpleInstants && !plan.includeInProgress && startMs < plan.now) continue;
      const rec = timelineRec[pos]!;
      const row = timelineRow[pos]!;
      // Membership from the entry itself where it can be: place-bound ones in the local bits,
      // remote ones by their signature.
      if ((rec & TIMELINE_REMOTE) === 0) {
        if (remoteOnly || (localBits[row >>> 5]! & (1 << (row & 31))) === 0) continue;
      } else if (remoteBySignature !== undefined) {
        let sig = timelineSig[pos]!;
        if (sig === TIMELINE_NO_SIGNATURE) sig = ix.sig[row]!;
        if (remoteBySignature[sig] !== 0 || ix.kind[row] !== KIND_REMOTE) continue;
      } else if (!isMember(ix, members, row)) continue;
      if (inTimeline[row] !== 1 || emitted[row] === emit) continue;
      // The days and time-of-day window were checked by `allowed` above.
      emitted[row] = emit;
      plan.setNext(row, startMs, timelineDur[pos]!, rec & ~TIMELINE_REMOTE);
      group.push(row);
    }
    flush();
    // Past the timeline: remaining dirty rows, then members whose next start lies past the
    // horizon or who have none.
    for (let i = dirtyAt; i < dirty.length; i++) rest.push(dirty[i]!);
    if (!remoteOnly) {
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
    const close = this.ix.closeness;
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
    const ix = this.ix;
    let c: number;
    if (this.plan.byCloseness) {
      const ka = ix.kind[a] === KIND_PLACE ? -ix.closeness[a]! : INFINITY;
      const kb = ix.kind[b] === KIND_PLACE ? -ix.closeness[b]! : INFINITY;
      c = compareNumbers(ka, kb);
    } else c = compareNumbers(this.plan.distanceOf(a), this.plan.distanceOf(b));
    return c || compareSlugs(ix.slugs[a]!, ix.slugs[b]!);
  };

  readonly compareCloseness = (a: number, b: number): number => {
    const close = this.ix.closeness;
    return (
      compareNumbers(close[b]!, close[a]!) ||
      compareNumbers(this.plan.nextKey(a), this.plan.nextKey(b)) ||
      compareSlugs(this.ix.slugs[a]!, this.ix.slugs[b]!)
    );
  };
}

// ---------------------------------------------------------------------------------------------
// Facets.

/** Facet counts kept per signature, so a count costs one increment per meeting. */
class FacetCounter {
  readonly counts: Int32Array[];
  readonly touched: number[][] = Array.from({ length: COUNT_SLOTS }, () => []);
  readonly days = new Int32Array(7);

  constructor(
    private readonly ix: SearchIndex,
    /** Days come from the time filters (not the signature) when any is set. */
    private readonly dynamicDays: boolean,
    counts?: Int32Array[],
  ) {
    this.counts = counts ?? ix.signatureCounters(COUNT_SLOTS);
  }

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

  private addDays(days: number): void {
    for (let d = 0; d < 7; d++) if ((days & (1 << d)) !== 0) this.days[d]!++;
  }

  /** The counts as (slot, signature, count) triples and day counts; resets the counters. */
  take(): { triples: Int32Array; days: Int32Array } {
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
  merge(part: { triples: Int32Array; days: Int32Array }): void {
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
    const addBits = (target: number[], bits: number, c: number): void => {
      for (let b = 0; b < target.length; b++) if ((bits & (1 << b)) !== 0) target[b]! += c;
    };

    for (let slot = 0; slot < COUNT_SLOTS; slot++) {
      const counts = this.counts[slot]!;
      for (const sigId of this.touched[slot]!) {
        const c = counts[sigId]!;
        counts[sigId] = 0;
        const sig = ix.signatures[sigId]!;
        if (slot === SLOT_ALL || slot === 1) addAttendance(sig.attend, c);
        if (slot === SLOT_ALL || slot === 2) program[sig.program]! += c;
        if (slot === SLOT_ALL || slot === 3) addBits(focus, sig.focus, c);
        if (slot === SLOT_ALL || slot === 4) for (const l of sig.languages) language[l]! += c;
        if (slot === SLOT_ALL) {
          addBits(tags, sig.tags, c);
          if (!this.dynamicDays) addBits(days, sig.days, c);
        }
        if (slot === SLOT_DAY) addBits(days, sig.days, c);
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

// ---------------------------------------------------------------------------------------------
// The remote part of a query: online-only and phone-only meetings.

/** Remote matches of a set of filters, with their facet counts (memoised when time-free). */
interface RemotePart {
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
  counts: { triples: Int32Array; days: Int32Array };
  bytes: number;
}

/** Memoised text matches (31 KB each at 250,000 meetings). */
const TEXT_CACHE_ENTRIES = 16;

function popcount(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** Derived-cache entries (remote parts, signature tables) before the oldest go. */
const DERIVED_CACHE_ENTRIES = 1024;

/** At most this many memoised remote parts, and this many bytes of them. */
const REMOTE_CACHE_ENTRIES = 256;
const REMOTE_CACHE_BYTES = 4 * 1024 * 1024;

function remoteRowsOf(ix: SearchIndex, part: RemotePart): Int32Array {
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

const EMPTY_ROWS = new Int32Array(0);

interface Buffers {
  candidates: Int32Array;
  /** One bit per row, all zero between uses. */
  localBits: Uint32Array;
}

const buffersByIndex = new WeakMap<SearchIndex, Buffers>();

/** Per-index scratch arrays sized to its rows (search is synchronous: one set serves all). */
function scratchFor(ix: SearchIndex): Buffers {
  let buffers = buffersByIndex.get(ix);
  if (buffers === undefined || buffers.candidates.length < ix.rows) {
    const size = Math.ceil(ix.rows * 1.25) + 16;
    buffers = { candidates: new Int32Array(size), localBits: new Uint32Array((size >>> 5) + 1) };
    buffersByIndex.set(ix, buffers);
  }
  return buffers;
}

const partCounters = new WeakMap<SearchIndex, Int32Array[]>();

/** Counters for a remote part (taken back to zero before the next part uses them). */
function countersForParts(ix: SearchIndex): Int32Array[] {
  let counters = partCounters.get(ix);
  if (counters === undefined || counters[0]!.length < ix.signatures.length) {
    const size = Math.max(16, ix.signatures.length * 2);
    counters = Array.from({ length: COUNT_SLOTS }, () => new Int32Array(size));
    partCounters.set(ix, counters);
  }
  return counters;
}

/**
 * The remote part of a query. Remote meetings have no place, so their matches depend only on
 * the filters: a time-free filter set (no startingWithin, no date) is answered once per index
 * version and reused by every search near any place. With a time window, the rows marked by
 * the window are checked (few) and stamped with `stamp`.
 */
function remotePart(ix: SearchIndex, plan: Plan, key: string, stamp: number): RemotePart {
  if (!plan.rowChecks && plan.textAll === 0 && !plan.impossible) return remoteBySignature(ix, plan);
  if (plan.dynamic && !plan.timeFree()) {
    // Few window entries to mark, or many remote rows to check one by one: mark.
    const marked =
      plan.windowEntries() < ix.remoteRows.length * 4 ? plan.markWindow() : plan.markedRows();
    const counter = new FacetCounter(ix, plan.rowWhen, countersForParts(ix));
    const rows: number[] = [];
    const visit = (row: number): void => {
      if (ix.kind[row] !== KIND_REMOTE) return;
      const fails = plan.evaluate(row);
      if (fails === 0) {
        ix.stamp[row] = stamp;
        rows.push(row);
      }
      if (fails === 0 || ((fails & (fails - 1)) === 0 && fails !== F_OTHER)) {
        counter.add(row, fails, plan.rowDays);
      }
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
  const cache = ix.derivedCache();
  const cacheKey = plan.dynamic
    ? `remote:${key}:${plan.lowMs}:${plan.highMs}:${plan.includeInProgress}`
    : `remote:${key}`;
  const hit = cache.get(cacheKey) as RemotePart | undefined;
  if (hit !== undefined) {
    // Least recently used goes first out: move the hit to the end.
    cache.delete(cacheKey);
    cache.set(cacheKey, hit);
    return hit;
  }
  const counter = new FacetCounter(ix, plan.rowWhen, countersForParts(ix));
  let count = 0;
  const bits = new Uint32Array((ix.remoteRows.length >>> 5) + 1);
  if (plan.dynamic && !plan.impossible) plan.markWindow();
  if (!plan.impossible) {
    const visit = (row: number): void => {
      const fails = plan.evaluate(row);
      if (fails === 0) {
        count++;
        const ordinal = ix.remoteOrdinal[row]!;
        bits[ordinal >>> 5]! |= 1 << (ordinal & 31);
      }
      if (fails === 0 || ((fails & (fails - 1)) === 0 && fails !== F_OTHER)) {
        counter.add(row, fails, plan.rowDays);
      }
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
function remoteBySignature(ix: SearchIndex, plan: Plan): RemotePart {
  const counts = ix.remoteSignatureCounts();
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

const NO_DAYS = new Int32Array(7);

function forEachRemote(ix: SearchIndex, visit: (row: number) => void): void {
  const remote = ix.remoteRows;
  for (let i = 0; i < remote.length; i++) {
    const row = remote.data[i]!;
    if (ix.kind[row] === KIND_REMOTE && ix.status[row] !== STATUS_REMOVED) visit(row);
  }
}

/** The filters that decide the remote part, as a cache key. */
function remoteKey(q: SearchQuery, options: FilterOptions): string {
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
  ]);
}

// ---------------------------------------------------------------------------------------------
// The search.

/** Answers a query from the index: pure and synchronous (the index refreshes its slot horizon). */
export function search(index: SearchIndex, query: SearchQuery): SearchAnswer {
  index.refresh(query.now);
  const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor, query.sort);
  const plan = new Plan(index, query, MAIN_FILTERS, index.nextStampValue());
  plan.prepareText(query.text);
  try {
    return run(index, plan, query, cursor);
  } finally {
    plan.release();
  }
}

const MAIN_FILTERS: FilterOptions = { attendance: true, text: true, wheelchair: true };

function run(
  ix: SearchIndex,
  plan: Plan,
  q: SearchQuery,
  cursor: CursorKey | undefined,
): SearchAnswer {
  const engine = new Engine(ix, plan);
  const facets = new FacetCounter(ix, plan.rowWhen);
  const stamp = ix.nextStampValue();
  const near = q.near;
  const buffers = scratchFor(ix);
  // Matches are compacted into the front of the candidates buffer.
  const local: RowList = { rows: buffers.candidates, count: 0 };

  // Candidates first (rows, and distances where known), then one tight loop over them.
  let n = 0;
  const candidates = buffers.candidates;
  if (!plan.impossible) {
    if (near === undefined) {
      if (plan.dynamic) plan.markWindow();
      const list = plan.candidateRows(true, ix.rows >>> 2);
      if (list !== undefined) {
        for (const row of list) if (ix.kind[row] === KIND_PLACE) candidates[n++] = row;
      } else {
        for (let row = 0; row < ix.rows; row++)
          if (ix.kind[row] === KIND_PLACE) candidates[n++] = row;
      }
    } else if (q.nearest !== undefined) {
      // A time window marks its few rows first: the nearest search then checks only them.
      if (plan.dynamic) plan.markWindow();
      for (const { row } of nearestPlaced(ix, plan, near, q.nearest, 0)) candidates[n++] = row;
    } else {
      n = placesWithin(ix, near.latitude, near.longitude, q.radiusKm, candidates);
      plan.byCloseness = true;
    }
  }
  // A time window: mark it when that reads fewer entries than the candidates would.
  if (plan.dynamic && plan.windowEntries() < n * 3) plan.markWindow();
  // Text and type filters: when their posting lists are short, rows outside them fail a
  // non-facet filter and are skipped with one load.
  const only = n > 256 ? plan.candidateSet(n >>> 1) : 0;
  const inSet = ix.emitted;
  const matchRows = local.rows;
  let matched = 0;
  const stamps = ix.stamp;
  for (let i = 0; i < n; i++) {
    const row = candidates[i]!;
    if (only !== 0 && inSet[row] !== only) continue;
    const fails = plan.evaluate(row);
    if (fails === 0) {
      stamps[row] = stamp;
      matchRows[matched++] = row;
      facets.add(row, 0, plan.rowDays);
    } else if ((fails & (fails - 1)) === 0 && fails !== F_OTHER) {
      facets.add(row, fails, plan.rowDays);
    }
  }
  local.count = matched;
  const placeWithinRadius = matched;

  const remote = remotePart(ix, plan, remoteKey(q, MAIN_FILTERS), stamp);
  facets.merge(remote.counts);
  const members: Members = { stamp, local, remote };

  const k = q.limit + 1;
  let rows: number[];
  if (q.sort === 'distance' && near !== undefined) {
    rows = engine.selectByDistance(members, cursor, k, plan.byCloseness);
    if (rows.length < k) {
      const remoteCursor = cursor?.sort === 'distance' && cursor.bucket === 1 ? cursor : undefined;
      const timeCursor: CursorKey | undefined =
        remoteCursor === undefined
          ? undefined
          : { sort: 'time', start: remoteCursor.start, dist: INFINITY, slug: remoteCursor.slug };
      rows = rows.concat(engine.selectByTime(members, timeCursor, k - rows.length, true));
    }
  } else {
    rows = engine.selectByTime(members, cursor, k, false);
  }

  const page = rows.slice(0, q.limit);
  const answer: SearchAnswer = {
    results: page.map((row) => toResult(ix, plan, row, near !== undefined)),
    total: local.count + remote.count,
    facets: facets.finish(),
  };
  const last = page.at(-1);
  if (rows.length > q.limit && last !== undefined) {
    answer.nextCursor = encodeCursor(cursorKeyOf(ix, plan, last, q.sort, near !== undefined));
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
    answer.fallback = ruralFallback(ix, plan, q, placeWithinRadius, known);
  }
  return answer;
}

function admitsInPerson(attendance: readonly AttendanceFilter[] | undefined): boolean {
  return (
    attendance === undefined || attendance.includes('in_person') || attendance.includes('hybrid')
  );
}

/** Half-width of the band around the circle where the exact haversine decides. */
const EDGE_BAND = 1e-12;
/** Extra rows chosen by dot product before exact distances settle a page's order. */
const CLOSENESS_SLACK = 8;

/**
 * Writes every place-bound row within `radiusKm` of the point into `rows`; returns how many. It walks kdbush's sorted arrays over the circle's bounding boxes (as
 * kdbush's own `range` does, without building an array) and compares the points' unit vectors
 * with the query's: only points in a hair-thin band at the edge need the haversine, which then
 * decides exactly as the reference does. Leaves each row's dot product in `closeness`.
 */
function placesWithin(
  ix: SearchIndex,
  latitude: number,
  longitude: number,
  radiusKm: number,
  rows: Int32Array,
): number {
  let n = 0;
  const geo = ix.geo;
  const closeness = ix.closeness;
  const point = new Float64Array(6);
  unitVector(latitude, longitude, point, 0);
  const qx = point[0]!;
  const qy = point[1]!;
  const qz = point[2]!;
  if (geo !== undefined) {
    const angle = radiusKm / EARTH_RADIUS_KM;
    const cosRadius = angle >= Math.PI ? -2 : Math.cos(angle);
    const inner = cosRadius + EDGE_BAND;
    const outer = cosRadius - EDGE_BAND;
    const { ids, coords, nodeSize } = geo;
    const unit = ix.geoUnit;
    const posRow = ix.geoPosRow;
    const geoItem = ix.geoItem;
    const stack = new Int32Array(256);
    for (const [minX, minY, maxX, maxY] of boxesAround(latitude, longitude, radiusKm)) {
      stack[0] = 0;
      stack[1] = ids.length - 1;
      stack[2] = 0;
      let sp = 3;
      while (sp > 0) {
        const axis = stack[--sp]!;
        const right = stack[--sp]!;
        const left = stack[--sp]!;
        let from: number;
        let to: number;
        if (right - left <= nodeSize) {
          from = left;
          to = right;
        } else {
          const m = (left + right) >> 1;
          from = m;
          to = m;
          const x = coords[2 * m]!;
          const y = coords[2 * m + 1]!;
          if (axis === 0 ? minX <= x : minY <= y) {
            stack[sp++] = left;
            stack[sp++] = m - 1;
            stack[sp++] = 1 - axis;
          }
          if (axis === 0 ? maxX >= x : maxY >= y) {
            stack[sp++] = m + 1;
            stack[sp++] = right;
            stack[sp++] = 1 - axis;
          }
        }
        for (let pos = from; pos <= to; pos++) {
          const x = coords[2 * pos]!;
          const y = coords[2 * pos + 1]!;
          if (x < minX || x > maxX || y < minY || y > maxY) continue;
          const dot = qx * unit[3 * pos]! + qy * unit[3 * pos + 1]! + qz * unit[3 * pos + 2]!;
          if (dot < outer) continue;
          const row = posRow[pos]!;
          if (geoItem[row] !== ids[pos]) continue;
          if (
            dot < inner &&
            !(distanceKm(latitude, longitude, ix.lat[row]!, ix.lng[row]!) <= radiusKm)
          ) {
            continue;
          }
          closeness[row] = dot;
          rows[n++] = row;
        }
      }
    }
  }
  for (const row of ix.geoOverflow) {
    if (!isPlacedLive(ix, row) || ix.geoItem[row] !== -1) continue;
    const dist = distanceKm(latitude, longitude, ix.lat[row]!, ix.lng[row]!);
    if (!(dist <= radiusKm)) continue;
    unitVector(ix.lat[row]!, ix.lng[row]!, point, 3);
    closeness[row] = qx * point[3]! + qy * point[4]! + qz * point[5]!;
    rows[n++] = row;
  }
  return n;
}

function isPlacedLive(ix: SearchIndex, row: number): boolean {
  return (
    ix.status[row] !== STATUS_REMOVED && ix.kind[row] === KIND_PLACE && !Number.isNaN(ix.lat[row]!)
  );
}

/** Predicate calls after which a geokdbush exploration gives up for a plain scan. */
const AROUND_BUDGET = 5_000;
const ABORT_AROUND = new Error('around: budget exhausted');

/**
 * The `count` nearest place-bound rows farther than `beyondKm` that match the plan, ordered by
 * distance, next start and slug (ties at the boundary resolved by the same order).
 *
 * Either explores space around the point with geokdbush (cheap when matches are common), or
 * checks every row of the most selective filter (cheap when they are rare), whichever the
 * filter's posting-list size predicts is cheaper; an exploration that runs long gives up for
 * the check.
 */
function nearestPlaced(
  ix: SearchIndex,
  plan: Plan,
  near: { latitude: number; longitude: number },
  count: number,
  beyondKm: number,
): { row: number; dist: number }[] {
  if (count <= 0 || plan.impossible || plan.windowState.nothingMatches === true) return [];
  const { latitude, longitude } = near;
  const candidates = new Map<number, number>();
  const accept = (row: number): number | undefined => {
    if (!plan.matches(row)) return undefined;
    const dist = distanceKm(latitude, longitude, ix.lat[row]!, ix.lng[row]!);
    return beyondKm > 0 && !(dist > beyondKm) ? undefined : dist;
  };
  const placed = ix.geoPosRow.length + ix.geoOverflow.length;
  const estimate = plan.candidateEstimate(false);
  const exploreCost = ((count + 1) * placed) / Math.max(1, estimate);
  let scan = estimate <= 4 * exploreCost + 512;
  const geo = ix.geo;
  if (!scan && geo !== undefined) {
    // "Beyond the radius" by dot product against the query point, exact only at the edge.
    const point = new Float64Array(3);
    unitVector(latitude, longitude, point, 0);
    const [qx, qy, qz] = point as unknown as [number, number, number];
    const cosBeyond = Math.cos(beyondKm / EARTH_RADIUS_KM);
    const unit = ix.geoUnit;
    let calls = 0;
    const predicate = (item: number): boolean => {
      if (++calls > AROUND_BUDGET) throw ABORT_AROUND;
      const row = ix.geoRow[item]!;
      if (ix.geoItem[row] !== item || !plan.matches(row)) return false;
      if (beyondKm <= 0) return true;
      const pos = ix.geoPosOfItem[item]!;
      const dot = qx * unit[3 * pos]! + qy * unit[3 * pos + 1]! + qz * unit[3 * pos + 2]!;
      if (dot > cosBeyond + EDGE_BAND) return false;
      if (dot >= cosBeyond - EDGE_BAND) {
        return distanceKm(latitude, longitude, ix.lat[row]!, ix.lng[row]!) > beyondKm;
      }
      return true;
    };
    const distanceOfItem = (item: number): number => {
      const row = ix.geoRow[item]!;
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
          if (dist <= boundary) candidates.set(ix.geoRow[item]!, dist);
        }
      } else {
        found.forEach((item, i) => candidates.set(ix.geoRow[item]!, distances[i]!));
      }
      for (const row of ix.geoOverflow) {
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
      compareNumbers(plan.nextKey(a.row), plan.nextKey(b.row)) ||
      compareSlugs(ix.slugs[a.row]!, ix.slugs[b.row]!),
  );
  return list.slice(0, count);
}

/**
 * The `count` nearest groups at a place beyond `beyondKm`, each as its rows (nearest, then
 * soonest first). The nearest-rows search answers a prefix of the order by distance, and rows
 * of one gathering share their coordinates, so they share a distance: a gathering is complete
 * once a row further away than it has been found (or every row has been).
 */
function nearestGatherings(
  ix: SearchIndex,
  plan: Plan,
  near: Point,
  count: number,
  beyondKm: number,
): number[][] {
  for (let rows = count; ; rows *= 4) {
    const found = nearestPlaced(ix, plan, near, rows, beyondKm);
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

function ruralFallback(
  ix: SearchIndex,
  plan: Plan,
  q: SearchQuery,
  inPersonWithinRadius: number,
  knownRemote: number[] | undefined,
): RuralFallback {
  const near = q.near!;
  const nearestBeyond = nearestGatherings(ix, plan, near, FALLBACK_NEAREST_BEYOND, q.radiusKm).map(
    ([first, ...others]): GatheredResult => ({
      ...toResult(ix, plan, first!, true),
      alsoMeets: others.map((row) => toResult(ix, plan, row, true)),
    }),
  );

  // Remote meetings held to the person's tailored filters.
  const remoteAttendance = q.attendance?.filter((a) => a === 'online' || a === 'phone');
  const keepAttendance = remoteAttendance !== undefined && remoteAttendance.length > 0;
  const tailoredQuery: SearchQuery = { ...q };
  if (keepAttendance) tailoredQuery.attendance = remoteAttendance;
  const options: FilterOptions = { attendance: keepAttendance, text: false, wheelchair: false };
  const tailored = new Plan(ix, tailoredQuery, options, plan.nextStamp);
  tailored.windowState = plan.windowState;
  const relaxed: RelaxedConstraint[] = [];
  if (q.attendance !== undefined && !keepAttendance) relaxed.push('attendance');
  if (q.text !== undefined && queryWords(q.text).length > 0) relaxed.push('text');
  if (q.wheelchair === true) relaxed.push('wheelchair');

  let remoteRows = knownRemote;
  if (remoteRows === undefined) {
    const stamp = ix.nextStampValue();
    const part = remotePart(ix, tailored, remoteKey(tailoredQuery, options), stamp);
    const members: Members = { stamp, local: { rows: EMPTY_ROWS, count: 0 }, remote: part };
    remoteRows = new Engine(ix, tailored).selectByTime(members, undefined, FALLBACK_REMOTE, true);
  }
  return {
    reason: 'few_in_person',
    inPersonWithinRadius,
    threshold: q.fallbackThreshold,
    radiusKm: q.radiusKm,
    nearestBeyond,
    remote: remoteRows.map((row) => toResult(ix, tailored, row, false)),
    relaxed: { nearestBeyond: ['radius'], remote: relaxed },
  };
}

function cursorKeyOf(
  ix: SearchIndex,
  plan: Plan,
  row: number,
  sort: SearchQuery['sort'],
  withNear: boolean,
): CursorKey {
  const start = plan.nextKey(row);
  const dist = plan.distanceOf(row);
  if (sort === 'distance' && withNear) {
    const bucket = ix.kind[row] === KIND_PLACE ? 0 : 1;
    return { sort, bucket, dist, start, slug: ix.slugs[row]! };
  }
  return { sort: 'time', start, dist, slug: ix.slugs[row]! };
}

function toResult(ix: SearchIndex, plan: Plan, row: number, withNear: boolean): SearchResult {
  const result: SearchResult = { meeting: ix.summary(row) };
  const dist = plan.distanceOf(row);
  if (withNear && ix.kind[row] === KIND_PLACE && Number.isFinite(dist)) result.distanceKm = dist;
  if (plan.ensureNext(row)) {
    const start = ix.nextStartMs[row]!;
    const end = start + ix.nextDur[row]! * MS_PER_MINUTE;
    const recurrenceIndex = ix.nextRec[row]!;
    const minuteOfWeek = ix.recMinute.data[ix.recOff[row]! + recurrenceIndex]!;
    result.next = {
      start,
      end,
      inProgress: start <= plan.now && plan.now < end,
      minutesUntilStart: Math.ceil((start - plan.now) / MS_PER_MINUTE) + 0,
      recurrenceIndex,
      localDay: Math.floor(minuteOfWeek / 1440) as Weekday,
      localTime: clockText(minuteOfWeek % 1440),
    };
  }
  return result;
}
