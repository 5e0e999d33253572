/**
 * The in-memory search index: every meeting reduced to the numbers a query compares, in
 * column arrays (typed arrays and compact pools), so the hot path reads integers and allocates
 * nothing per meeting. `search.ts` answers queries from it; this file builds and maintains it,
 * and a query only ever reads it (its working memory is `query-scratch.ts`).
 *
 * Layout (one row per meeting; rows are in spatial order after a build, so a search near a place
 * reads a compact range of every column):
 * - flags and small codes (`row-codes.ts`): status, attendance bits, place-bound or remote,
 *   program, focus bits, tag bits, zone, and a facet signature (those values together, shared
 *   by many meetings, so counts are made per signature: `facet-signatures.ts`);
 * - coordinates, and kdbush over the place-bound meetings with them (`geo-columns.ts`);
 * - pools (offset + length per row): recurrences and their shared occurrence lists over a
 *   horizon of a few weeks (`schedule-columns.ts`), program-scoped type keys, languages;
 * - the timeline of every occurrence sorted by start (`timeline.ts`);
 * - posting lists (`postings.ts`): rows by facet signature and type key, and by word
 *   (`word-index.ts`, the only place a meeting's text is kept);
 * - ids (`meeting-ids.ts`), and for the result summary (`row-summary.ts`): slug, name, venue,
 *   address, town.
 *
 * Changes: an upsert writes a fresh row and pool regions, the old row becomes garbage until the
 * next build. kdbush, the timeline and the posting lists are static: changed rows are tracked in
 * short dirty lists that queries check too, and {@link SearchIndex.refresh} rebuilds them once
 * those lists grow, and moves the horizon along with the clock. A server calls it from a timer
 * and after it applies changes; a search never does. A server rebuilds them beside the live
 * ones instead, in steps, and swaps them in ({@link SearchIndex.rebuildStaticSteps}), so a
 * large change does not hold its one thread.
 *
 * Beside this file: `row-columns.ts` names the per-row columns once, `row-writer.ts` turns a
 * meeting into a row, `static-parts.ts` builds the posting lists and kdbush over the rows, and
 * `index-memory.ts` measures it all.
 */
import type { Meeting, Recurrence } from '../meetings/model.js';
import { runSteps, type Steps } from '../platform/loop-yield.js';
import type { MeetingSummary } from './answer.js';
import { FacetSignatures, type FacetSignature } from './facet-signatures.js';
import { gatheringHasher } from './gathering.js';
import { GeoColumns, spatialOrder } from './geo-columns.js';
import { indexMemory, type IndexMemory } from './index-memory.js';
import { MeetingIds } from './meeting-ids.js';
import { indexedOccurrencesBetween, type IndexedOccurrence } from './occurrences.js';
import { EMPTY_POSTINGS, type Postings } from './postings.js';
import { KIND_PLACE, KIND_REMOTE, MAX_DURATION_MINUTES, STATUS_REMOVED } from './row-codes.js';
import { growColumns, permuteColumns } from './row-columns.js';
import { rowSummary } from './row-summary.js';
import { writeMeetingRow } from './row-writer.js';
import { ScheduleColumns } from './schedule-columns.js';
import { buildGeoInto, signaturePostingsOf, typePostingsOf } from './static-parts.js';
import { Timeline } from './timeline.js';
import { compactRegions, Int32Pool, Interned, Uint16Pool, Uint32Pool } from './typed-arrays.js';
import { MS_PER_MINUTE } from './week-math.js';
import { WordIndex } from './word-index.js';

/** Queries need this much horizon ahead of "now" (a week of weekly meetings plus slack). */
const HORIZON_MARGIN_MINUTES = 8 * 1440;
const DEFAULT_HORIZON_WEEKS = 5;
/** Rows per step of a timeline built beside the live one (about 5 ms each). */
const STATIC_ROWS_PER_STEP = 16_384;
/** Postings read per step of word postings built beside the live ones. */
const STATIC_POSTINGS_PER_STEP = 200_000;

export type { FacetSignature } from './facet-signatures.js';

export interface SearchIndexOptions {
  /** "Now" for the occurrence horizon (epoch ms); {@link SearchIndex.refresh} moves it on. */
  now: number;
  /** Weeks of occurrences precomputed (at least 2; default 5). */
  horizonWeeks?: number;
}

export type { IndexMemory } from './index-memory.js';

/** Adds meetings to an index under construction; see {@link SearchIndex.builder}. */
export interface SearchIndexBuilder {
  add(meeting: Meeting): void;
  finish(): SearchIndex;
  /** `finish` in steps, for a builder that gives the event loop turns between them. */
  finishSteps(): Steps<SearchIndex>;
}

/**
 * The search index over a set of meetings. Build it with {@link SearchIndex.build}; keep it
 * current with {@link SearchIndex.upsert}, {@link SearchIndex.remove} and
 * {@link SearchIndex.refresh}; query it with `search()` from `search.ts`.
 *
 * The public fields are the engine's working data, read by the query side; nothing else
 * should touch them.
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
  /** 1 when the row is in `timelineDirty`. */
  inDirty = new Uint8Array(0);
  /** Meeting ids by row, and rows by id. */
  readonly ids = new MeetingIds();

  slugs: string[] = [];
  names: string[] = [];
  placeNames: (string | undefined)[] = [];
  addresses: (string | undefined)[] = [];
  cities: (string | undefined)[] = [];

  // --- pools ----------------------------------------------------------------------------------
  readonly schedules: ScheduleColumns;
  typeKeys = new Uint32Pool();
  languages = new Uint16Pool();

  // --- vocabularies ---------------------------------------------------------------------------
  readonly programIds = new Interned();
  /** The group hash of a meeting (`gathering.ts`), remembering the names it folded. */
  readonly gatheringOf = gatheringHasher();
  readonly zones = new Interned();
  /** `program:code` keys. */
  readonly typeKeyIds = new Interned();
  /** Type key ids by program id and code. */
  readonly typeKeysByProgram: Map<string, number>[] = [];
  /** Full BCP-47 tags as written. */
  readonly languageTags = new Interned();
  /** Primary subtags; `languagePrimary[tagId]` is the primary id of a tag. */
  readonly primaryLanguages = new Interned();
  languagePrimary: number[] = [];
  /** Tag bits of each type key. */
  typeKeyTags: number[] = [];
  readonly words = new WordIndex();

  readonly facetSignatures = new FacetSignatures();
  /** Facet signatures by id; signature 0 is reserved for removed rows. */
  readonly signatures: FacetSignature[] = this.facetSignatures.all;

  // --- static parts, rebuilt when many rows changed -----------------------------------------
  /** Rows by facet signature. */
  signaturePostings: Postings = EMPTY_POSTINGS;
  typePostings: Postings = EMPTY_POSTINGS;
  readonly geo = new GeoColumns();
  /** Remote rows (may hold stale entries; check `kind` and `status`). */
  remoteRows = new Int32Pool();
  readonly timeline = new Timeline();
  /** Rows changed since the timeline and postings were built (each once). */
  timelineDirty: number[] = [];
  /** An upper bound of every occurrence's duration (minutes). */
  maxSlotDuration = 0;
  /** Bumped by every change of content or horizon, so what queries derive knows it is stale. */
  version = 0;

  /** True while a build writes its rows. */
  private building = false;

  private constructor(options: SearchIndexOptions) {
    this.schedules = new ScheduleColumns(
      options.horizonWeeks ?? DEFAULT_HORIZON_WEEKS,
      options.now,
    );
  }

  /** An empty index for a snapshot to fill in (`snapshot-codec.ts`); nothing else uses it. */
  static blank(): SearchIndex {
    return new SearchIndex({ now: 0 });
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
    function* finishSteps(): Steps<SearchIndex> {
      if (done) throw new Error('SearchIndexBuilder: finish twice');
      done = true;
      yield* index.finishBuild();
      return index;
    }
    return {
      add(meeting: Meeting): void {
        if (done) throw new Error('SearchIndexBuilder: add after finish');
        index.addBuiltRow(meeting);
      },
      finish: () => runSteps(finishSteps()),
      finishSteps,
    };
  }

  private startBuild(expected: number): void {
    this.building = true;
    // Sized up front from typical proportions: growing typed arrays while the heap holds many
    // meetings churns memory, and full collections of that heap are what a build pays most for.
    this.ensureCapacity(expected);
    this.schedules.reserve(Math.ceil(expected * 1.1) + 16);
    this.typeKeys.reserve(expected * 3);
    this.languages.reserve(Math.ceil(expected / 4));
    this.words.startBuild(expected);
  }

  /** The last part of a build, in steps a server gives the event loop turns between. */
  private *finishBuild(): Steps<void> {
    // Rows were written in the meetings' order (their objects read in memory order); now they
    // are renumbered in space, and the static parts built over them.
    this.reorderSpatially();
    yield;
    this.compactPools();
    this.building = false;
    yield;
    this.words.sort();
    yield;
    this.rebuildGeo();
    yield;
    yield* this.rebuildTimelineSteps();
    this.words.endBuild();
  }

  /** Number of meetings in the index. */
  get size(): number {
    return this.liveRows;
  }

  /** Start of the occurrence horizon, epoch minutes. */
  get horizonStart(): number {
    return this.schedules.horizonStart;
  }

  /** End of the occurrence horizon (exclusive), epoch minutes. */
  get horizonEnd(): number {
    return this.schedules.horizonEnd;
  }

  /**
   * The middle of the listed rooms (the median latitude and longitude of in-person meetings),
   * where "the list" is: a typed place that names several towns offers the nearest first.
   * Undefined when no meeting has a place.
   */
  placeCentre(): { latitude: number; longitude: number } | undefined {
    const lats: number[] = [];
    const lngs: number[] = [];
    for (let row = 0; row < this.rows; row++) {
      if (this.status[row] === STATUS_REMOVED || this.kind[row] !== KIND_PLACE) continue;
      const latitude = this.lat[row]!;
      if (Number.isNaN(latitude)) continue;
      lats.push(latitude);
      lngs.push(this.lng[row]!);
    }
    if (lats.length === 0) return undefined;
    const median = (values: number[]) => values.sort((a, b) => a - b)[values.length >> 1]!;
    return { latitude: median(lats), longitude: median(lngs) };
  }

  /** Adds a meeting or replaces the one with the same id. */
  upsert(meeting: Meeting): void {
    const row = this.rows;
    const words = this.stageRow(row, meeting);
    // A new word goes into the sorted dictionary at once (a binary search and a splice).
    this.words.sort();
    this.commitRow(row, meeting.id, words);
    this.words.forgetSharedTexts();
    this.touch();
  }

  /**
   * Applies a change, its removals and then its meetings, as `remove` and `upsert` would, with
   * the slow part (writing the meetings' rows) in steps of `perStep` meetings between which a
   * server answers searches: the rows are written past the end, where no query looks, and the
   * last step makes them the meetings' and removes the old ones at once, so a search sees the
   * whole change or none of it. False, with nothing applied, when the index changed between
   * steps (its horizon moved): the caller applies the change again.
   */
  *applySteps(
    meetings: readonly Meeting[],
    removed: readonly string[],
    perStep = 64,
  ): Steps<boolean> {
    const version = this.version;
    const base = this.rows;
    const words: (Uint32Array | undefined)[] = [];
    for (let i = 0; i < meetings.length; i++) {
      words.push(this.stageRow(base + i, meetings[i]!));
      if ((i + 1) % perStep === 0 && i + 1 < meetings.length) {
        this.words.sort();
        yield;
        if (this.version !== version || this.rows !== base) {
          this.words.forgetSharedTexts();
          return false;
        }
      }
    }
    this.words.sort();
    for (const id of removed) this.removeById(id);
    for (let i = 0; i < meetings.length; i++) this.commitRow(base + i, meetings[i]!.id, words[i]);
    this.words.forgetSharedTexts();
    this.touch();
    return true;
  }

  /** Removes a meeting; false when no meeting has that id. */
  remove(id: string): boolean {
    if (!this.removeById(id)) return false;
    this.touch();
    return true;
  }

  private removeById(id: string): boolean {
    const row = this.ids.rowOf(id);
    if (row === undefined) return false;
    this.ids.forget(row);
    this.removeRow(row);
    this.markDirty(row);
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
    const row = this.ids.rowOf(id);
    return row === undefined ? undefined : this.summary(row);
  }

  /**
   * Brings the index up to `now` (epoch ms): moves the occurrence horizon when it no longer
   * covers `now` with a week and a day to spare, and rebuilds kdbush, the timeline and the
   * postings when many rows changed since they were built. The one way time reaches the index:
   * a server calls it from a timer (and after applying changes), so no search pays for it.
   */
  refresh(now: number, options: { deferRebuild?: boolean } = {}): void {
    const minute = Math.floor(now / MS_PER_MINUTE);
    const { horizonStart, horizonEnd } = this.schedules;
    if (
      minute - MAX_DURATION_MINUTES < horizonStart ||
      horizonEnd - minute < HORIZON_MARGIN_MINUTES
    ) {
      this.schedules.setHorizon(now);
      this.schedules.relist(
        this.rows,
        this.status,
        this.recOff,
        this.recLen,
        this.zone,
        this.zones.values,
      );
      this.rebuildTimeline();
      this.touch();
    }
    if (options.deferRebuild === true) return;
    if (this.timelineStale()) this.rebuildTimeline();
    if (this.geoStale()) this.rebuildGeo();
  }

  /**
   * True when so many rows changed since the timeline, the postings or kdbush were built that
   * queries should no longer check them apart: time for {@link rebuildStaticSteps} (or a
   * {@link refresh}, which rebuilds them at once).
   */
  staticPartsStale(): boolean {
    return this.timelineStale() || this.geoStale();
  }

  private timelineStale(): boolean {
    return this.timelineDirty.length > Math.max(256, this.liveRows / 50);
  }

  private geoStale(): boolean {
    return this.geo.overflow.length > Math.max(256, this.liveRows / 50);
  }

  /**
   * Rebuilds the timeline, the posting lists and kdbush beside the live ones, in steps a server
   * gives the event loop turns between, and swaps them in at the end in one synchronous step:
   * searches meanwhile read the live parts (with their lists of rows changed since), which
   * answer exactly as the new ones will. When the index changed in between (a change applied,
   * the horizon moved), the new parts would miss it and are dropped: the result is false.
   */
  *rebuildStaticSteps(): Steps<boolean> {
    const version = this.version;
    const rows = this.rows;
    const timeline = yield* Timeline.sorted(this, undefined, STATIC_ROWS_PER_STEP);
    yield;
    const signaturePostings = signaturePostingsOf(this, rows);
    yield;
    const typePostings = typePostingsOf(this, rows);
    yield;
    const words = yield* this.words.mergedPostings(rows, this.status, STATIC_POSTINGS_PER_STEP);
    yield;
    const geo = new GeoColumns();
    const geoItem = new Int32Array(this.geoItem.length);
    buildGeoInto(this, geo, geoItem);
    yield;
    if (this.version !== version || this.rows !== rows) return false;
    // From here on nothing yields: a search sees the old parts or the new ones.
    this.timeline.adopt(timeline);
    this.signaturePostings = signaturePostings;
    this.typePostings = typePostings;
    this.words.adoptPostings(words);
    this.markTimelineClean();
    this.geo.adopt(geo);
    this.geoItem = geoItem;
    return true;
  }

  /** Memory held by the index, by part (typed arrays exactly, strings and maps roughly). */
  memoryEstimate(): IndexMemory {
    return indexMemory(this);
  }

  /** The schedule of a row, rebuilt from the pools (positions kept, invalid ones inert). */
  scheduleOf(row: number): Recurrence[] {
    return this.schedules.scheduleAt(this.recOff[row]!, this.recLen[row]!);
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

  /** The summary of a row, built on demand (only result rows get one). */
  summary(row: number): MeetingSummary {
    return rowSummary(this, row, this.ids.idOf(row));
  }

  // --- writing rows -----------------------------------------------------------------------------

  /** Marks derived parts stale. */
  private touch(): void {
    this.version++;
  }

  private ensureCapacity(rows: number): void {
    if (rows <= this.capacity) return;
    const size = Math.max(rows, Math.ceil(this.capacity * 1.5) + 16);
    growColumns(this, size);
    this.ids.grow(size);
    this.capacity = size;
    // While building, ids are only recorded; repeated ones are resolved when the table is made.
    if (!this.building) this.ids.rehash(this.capacity, this.rows, this.status);
  }

  /** Takes a row out of every count and list (its id is the caller's to forget). */
  private removeRow(row: number): void {
    const item = this.geoItem[row]!;
    if (item >= 0) this.geo.forget(item, this.sig[row]!);
    this.status[row] = STATUS_REMOVED;
    this.sig[row] = 0;
    this.geoItem[row] = -1;
    this.liveRows--;
  }

  private markDirty(row: number): void {
    this.inTimeline[row] = 0;
    if (this.inDirty[row] === 0) {
      this.inDirty[row] = 1;
      this.timelineDirty.push(row);
    }
  }

  /** A row of a build: written and listed (ids only recorded, see `MeetingIds.rehash`). */
  private addBuiltRow(meeting: Meeting): void {
    const row = this.rows++;
    this.ensureCapacity(this.rows);
    this.liveRows++;
    writeMeetingRow(this, row, meeting);
    this.ids.remember(row, meeting.id, false);
    this.geoItem[row] = -1;
    this.listRemote(row);
  }

  private listRemote(row: number): void {
    if (this.kind[row] === KIND_REMOTE) {
      this.remoteOrdinal[row] = this.remoteRows.length;
      this.remoteRows.push(row);
    }
  }

  /**
   * Writes a meeting into `row`, at or past the end of the rows, where no query looks: nothing
   * lists it until {@link commitRow}. Returns the row's words, kept aside until then.
   */
  private stageRow(row: number, meeting: Meeting): Uint32Array | undefined {
    this.ensureCapacity(row + 1);
    writeMeetingRow(this, row, meeting);
    this.geoItem[row] = -1;
    const words = this.words.dirty.get(row);
    this.words.dirty.delete(row);
    return words;
  }

  /**
   * Makes the staged `row` (the next one) the meeting's: its old row is removed (a changed
   * meeting gets a fresh row, so nothing static, kdbush, the timeline, the postings, can point
   * at data that is no longer its), and the new one enters every list queries check.
   */
  private commitRow(row: number, id: string, words: Uint32Array | undefined): void {
    if (row !== this.rows) throw new Error('SearchIndex: rows staged out of order');
    const previous = this.ids.rowOf(id);
    if (previous !== undefined) {
      this.ids.forget(previous);
      this.removeRow(previous);
      this.markDirty(previous);
    }
    this.rows++;
    this.liveRows++;
    this.ids.remember(row, id, true);
    this.listRemote(row);
    this.markDirty(row);
    if (this.kind[row] === KIND_PLACE && !Number.isNaN(this.lat[row]!)) this.geo.overflow.push(row);
    if (words !== undefined) this.words.dirty.set(row, words);
  }

  // --- building the static parts ----------------------------------------------------------------

  /**
   * Renumbers the rows along a Z-order curve of their coordinates (place-bound rows first,
   * then the others in their order), so the rows near any place are close in every column.
   * Pools are not moved: only the per-row columns, including their pool offsets.
   */
  private reorderSpatially(): void {
    const n = this.rows;
    const order = spatialOrder(
      n,
      this.capacity,
      (row) => this.kind[row] === KIND_PLACE,
      this.lat,
      this.lng,
    );
    permuteColumns(this, order);
    this.words.reorderBuild(order);
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
    this.ids.reorder(order, n);
    // The input position of each new row is `order` itself: of repeated ids, the last stays.
    this.ids.rehash(this.capacity, this.rows, this.status, order, (row) => {
      this.status[row] = STATUS_REMOVED;
      this.sig[row] = 0;
      this.liveRows--;
    });
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
   * Rewrites the recurrence, type and language pools in row order, so reading a row's pool
   * entries follows its neighbours' in memory.
   */
  private compactPools(): void {
    this.recOff = this.schedules.compact(this.rows, this.recOff, this.recLen);
    this.typeOff = compactRegions(this.rows, this.typeOff, this.typeLen, [this.typeKeys]);
    this.langOff = compactRegions(this.rows, this.langOff, this.langLen, [this.languages]);
  }

  /**
   * Sorts every live occurrence into the timeline and rebuilds the postings: every row changed
   * since is in them afterwards.
   */
  private rebuildTimeline(): void {
    runSteps(this.rebuildTimelineSteps());
  }

  /**
   * The timeline and the posting lists, in steps: a build in the background gives the event
   * loop a turn between them (each is tens of milliseconds at 100,000 meetings). Only an index
   * nobody searches yet may be left between steps.
   */
  private *rebuildTimelineSteps(): Steps<void> {
    this.timeline.build(this);
    yield;
    const rows = this.rows;
    this.signaturePostings = signaturePostingsOf(this, rows);
    yield;
    this.typePostings = typePostingsOf(this, rows);
    yield;
    this.words.rebuildPostings(rows, this.status);
    this.markTimelineClean();
  }

  /** Every row is in  }

  /** Every row is in the timeline and the postings now. */
  private markTimelineClean(): void {
    for (let row = 0; row < this.rows; row++) this.inTimeline[row] = 1;
    for (const row of this.timelineDirty) this.inDirty[row] = 0;
    this.timelineDirty = [];
  }

  /** Rebuilds kdbush over every place-bound row with coordinates. */
  private rebuildGeo(): void {
    buildGeoInto(this, this.geo, this.geoItem);
  }
}
