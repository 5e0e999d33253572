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
 */
import {
  focusAreas,
  hasApproximateCoordinates,
  meetingStatuses,
  type Meeting,
  type Recurrence,
} from '../meetings/model.js';
import { getProgram } from '../meetings/programs.js';
import type { MeetingSummary } from './answer.js';
import { FacetSignatures, type FacetSignature } from './facet-signatures.js';
import { gatheringHasher } from './gathering.js';
import { GeoColumns, spatialOrder } from './geo-columns.js';
import { MeetingIds } from './meeting-ids.js';
import { indexedOccurrencesBetween, type IndexedOccurrence } from './occurrences.js';
import { csrPostings, EMPTY_POSTINGS, type Postings } from './postings.js';
import {
  attendanceBits,
  facetTags,
  FLAG_APPROXIMATE,
  FLAG_CENTRED,
  FLAG_PHONE,
  FLAG_URL,
  KIND_PLACE,
  KIND_REMOTE,
  MAX_DURATION_MINUTES,
  primarySubtag,
  STATUS_REMOVED,
  TAG_WHEELCHAIR,
  type FacetTag,
} from './row-codes.js';
import { rowSummary } from './row-summary.js';
import { ScheduleColumns } from './schedule-columns.js';
import { Timeline } from './timeline.js';
import {
  byteSize,
  compactRegions,
  flat,
  grown,
  Int32Pool,
  Interned,
  permuted,
  Uint16Pool,
  Uint32Pool,
} from './typed-arrays.js';
import { runSteps, type Steps } from '../platform/loop-yield.js';
import { MS_PER_MINUTE } from './week-math.js';
import { WordIndex } from './word-index.js';

/** Queries need this much horizon ahead of "now" (a week of weekly meetings plus slack). */
const HORIZON_MARGIN_MINUTES = 8 * 1440;
const DEFAULT_HORIZON_WEEKS = 5;
const NO_LANGUAGES: number[] = [];
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

/** Rough memory use of the index, in bytes, by part. */
export interface IndexMemory {
  total: number;
  parts: Record<string, number>;
}

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
  private inDirty = new Uint8Array(0);
  private readonly ids = new MeetingIds();

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
  readonly words = new WordIndex();

  private readonly facetSignatures = new FacetSignatures();
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
        index.upsertRow(meeting, false);
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
    this.upsertRow(meeting, true);
    this.words.forgetSharedTexts();
    this.touch();
  }

  /** Removes a meeting; false when no meeting has that id. */
  remove(id: string): boolean {
    const row = this.ids.rowOf(id);
    if (row === undefined) return false;
    this.ids.forget(row);
    this.removeRow(row);
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
    const signaturePostings = this.signaturePostingsOf(rows);
    yield;
    const typePostings = this.typePostingsOf(rows);
    yield;
    const words = yield* this.words.mergedPostings(rows, this.status, STATIC_POSTINGS_PER_STEP);
    yield;
    const geo = new GeoColumns();
    const geoItem = new Int32Array(this.geoItem.length);
    this.buildGeoInto(geo, geoItem);
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
    const words = this.words.memory();
    const parts: Record<string, number> = {
      rows:
        byteSize(
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
        ) + this.ids.byteLength,
      recurrences: this.schedules.byteLength,
      'types+languages': byteSize(this.typeKeys, this.languages),
      timeline: this.timeline.byteLength,
      geo: this.geo.byteLength + byteSize(this.remoteRows),
      postings:
        byteSize(
          this.signaturePostings.offsets,
          this.signaturePostings.rows,
          this.typePostings.offsets,
          this.typePostings.rows,
        ) + words.postings,
      words: words.words,
    };
    // Strings: V8 keeps one-byte strings at about 1 byte a character plus a 16-byte header, and
    // each array slot is a 4-byte (compressed) pointer. Strings shared between rows (names,
    // towns, venues) are counted each time, so this errs high.
    let strings = words.strings;
    for (const values of [this.slugs, this.names, this.placeNames, this.addresses, this.cities]) {
      strings += values.length * 4;
      for (const v of values) if (v !== undefined) strings += 16 + v.length;
    }
    parts.strings = strings;
    const total = Object.values(parts).reduce((a, b) => a + b, 0);
    return { total, parts };
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
    this.ids.grow(size);
    this.capacity = size;
    // While building, ids are only recorded; repeated ones are resolved when the table is made.
    if (!this.building) this.ids.rehash(this.capacity, this.rows, this.status);
  }

  /** Takes a row out of every count and list (its id is the caller's to forget). */
  private removeRow(row: number): void {
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

  private upsertRow(meeting: Meeting, incremental: boolean): void {
    // While building, ids are only recorded; repeated ones are resolved when the id table is
    // made (see `MeetingIds.rehash`).
    const previous = this.building ? undefined : this.ids.rowOf(meeting.id);
    // A changed meeting gets a fresh row: its old one is removed, so nothing static (kdbush,
    // the timeline, the postings) can point at data that is no longer its.
    if (previous !== undefined) {
      this.ids.forget(previous);
      this.removeRow(previous);
      if (incremental) this.markDirty(previous);
    }
    const row = this.rows++;
    this.ensureCapacity(this.rows);
    this.liveRows++;
    this.writeRow(row, meeting);
    this.ids.remember(row, meeting.id, !this.building);
    this.geoItem[row] = -1;
    if (this.kind[row] === KIND_REMOTE) {
      this.remoteOrdinal[row] = this.remoteRows.length;
      this.remoteRows.push(row);
    }
    if (incremental) {
      this.markDirty(row);
      if (this.kind[row] === KIND_PLACE && !Number.isNaN(this.lat[row]!)) {
        this.geo.overflow.push(row);
      }
      // A new word goes into the sorted dictionary at once (a binary search and a splice).
      this.words.sort();
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
    const attend = attendanceBits(meeting.attendance, meeting.online.phone !== undefined);
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
        this.languagePrimary[tagId] = this.primaryLanguages.id(primarySubtag(tag));
      }
      this.languages.push(tagId);
      const primary = this.languagePrimary[tagId]!;
      if (!primaries.includes(primary)) primaries.push(primary);
    }
    this.langLen[row] = meeting.languages.length;

    // Recurrences, by schedule position, each with its shared occurrence list.
    const zoneId = this.zones.id(meeting.timeZone);
    this.zone[row] = zoneId;
    this.recOff[row] = this.schedules.length;
    const { days, maxDuration } = this.schedules.add(meeting.schedule, zoneId, meeting.timeZone);
    this.recLen[row] = meeting.schedule.length;
    this.maxDur[row] = maxDuration;
    if (maxDuration > this.maxSlotDuration) this.maxSlotDuration = maxDuration;

    this.words.add(row, meeting);
    this.sig[row] = this.facetSignatures.idOf(
      status,
      attend,
      programId,
      focus,
      days,
      tags,
      primaries,
    );
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
    this.signaturePostings = this.signaturePostingsOf(rows);
    yield;
    this.typePostings = this.typePostingsOf(rows);
    yield;
    this.words.rebuildPostings(rows, this.status);
    this.markTimelineClean();
  }

  /** Rows by facet signature (each row has exactly one). */
  private signaturePostingsOf(rows: number) {
    const identity = new Int32Array(rows);
    for (let row = 0; row < rows; row++) identity[row] = row;
    return csrPostings(
      rows,
      this.signatures.length,
      this.status,
      identity,
      new Uint16Array(rows).fill(1),
      Uint32Array.from(this.sig.subarray(0, rows)),
    );
  }

  /** Rows by meeting type key. */
  private typePostingsOf(rows: number) {
    return csrPostings(
      rows,
      this.typeKeyIds.values.length,
      this.status,
      this.typeOff,
      this.typeLen,
      this.typeKeys.data,
    );
  }

  /** Every row is in the timeline and the postings now. */
  private markTimelineClean(): void {
    for (let row = 0; row < this.rows; row++) this.inTimeline[row] = 1;
    for (const row of this.timelineDirty) this.inDirty[row] = 0;
    this.timelineDirty = [];
  }

  /** Rebuilds kdbush over every place-bound row with coordinates. */
  private rebuildGeo(): void {
    this.buildGeoInto(this.geo, this.geoItem);
  }

  /** Builds kdbush over every place-bound row with coordinates into `geo` and `itemOfRow`. */
  private buildGeoInto(geo: GeoColumns, itemOfRow: Int32Array): void {
    geo.build(
      this.rows,
      (row) =>
        this.status[row] !== STATUS_REMOVED &&
        this.kind[row] === KIND_PLACE &&
        !Number.isNaN(this.lat[row]!),
      this.lat,
      this.lng,
      itemOfRow,
    );
  }
}
