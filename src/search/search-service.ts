import { performance } from 'node:perf_hooks';
import type { Clock } from '../platform/clock.js';
import type {
  ChangedIds,
  ChangeFeed,
  ChangeNotice,
  CommittedChange,
} from '../platform/database/change-feed.js';
import { PorchlightError } from '../platform/errors.js';
import { systemTimers, type Timers } from '../platform/timers.js';
import { runStepsYielding, type YieldToLoop } from '../platform/loop-yield.js';
import type { Meeting } from '../meetings/model.js';
import type { Repositories } from '../repositories.js';
import {
  placeCandidate,
  type Geocoder,
  type Place,
  type PlaceResolution,
} from '../places/gazetteer.js';
import type { GeocodedPlaces } from '../places/geocoded-places.js';
import type { LoggedChange } from '../platform/database/revision.js';
import type { IndexSnapshots } from './index-snapshots.js';
import type { BringForward } from './snapshot-file.js';
import { loadSearchIndex } from './load-index.js';
import { parseSearchParams, type SearchParams } from './parse-params.js';
import type { Point, Region, SearchQuery } from './query.js';
import { KeptRegions } from './kept-regions.js';
import { search, type SearchAnswer } from './search.js';
import type { SearchIndex } from './search-index.js';

export interface SearchServiceOptions {
  /** How this process hears of other processes' writes (and tells them of its own). */
  changeFeed?: ChangeFeed;
  /** Meetings read per page while building (default 500). */
  pageSize?: number;
  /**
   * Gives the event loop a turn between pages and steps of a rebuild, so requests are answered
   * while one runs (the old index serves them meanwhile).
   */
  yieldToLoop?: YieldToLoop;
  /** How often the index is brought up to the clock: its horizon, its lazy parts (default 60 s). */
  refreshIntervalMs?: number;
  /** How long a revision may stay unaccounted for before the index is rebuilt (default 3 s). */
  gapGraceMs?: number;
  /** A change touching more meetings than this share of the index is applied by a rebuild. */
  rebuildShare?: number;
  /** ... and than this many (small indexes are always patched). */
  rebuildMinIds?: number;
  /** Told of a failure in the background (a rebuild or a catch-up that could not read the store). */
  onError?: (error: unknown) => void;
  /** What waits for the refresh and the gap watch (real timers unless a test fires them). */
  timers?: Timers;
  /**
   * The operator's geocoder for typed places the offline gazetteer does not know; without it
   * such a place is unknown and nothing is asked.
   */
  geocodedPlaces?: GeocodedPlaces;
  /** Told of each search a person asked for, after its answer, to count unmet needs. */
  demand?: { noteSearch(query: SearchQuery, answer: SearchAnswer): void };
  /**
   * Where the index is saved for a quick start (decision 0092): read at start when it is of the
   * store's revision, written after a build and once changes have settled.
   */
  snapshots?: IndexSnapshots;
  /** How long after the last change applied the snapshot is written (default 30 s). */
  snapshotDelayMs?: number;
  /** Told what became of the snapshot: loaded, not usable (and why), written. */
  onSnapshot?: (event: SnapshotEvent) => void;
  /** Where volunteer drivers take people, for `rides=true` (without it, nothing matches). */
  rideRegions?: () => Promise<readonly Region[]>;
}

/** What became of the index snapshot, for the log. */
export type SnapshotEvent =
  | {
      kind: 'loaded';
      revision: number;
      meetings: number;
      ms: number;
      /** When the snapshot was older: its revision, brought forward from the store's log. */
      broughtForwardFrom?: number;
    }
  | { kind: 'not-used'; reason: string; detail?: string }
  | { kind: 'written'; revision: number; meetings: number; ms: number };

/** A change touching more meetings than this is applied in steps on a server (about 2 ms). */
const APPLY_IN_STEPS_FROM = 64;

/** Places the geocoder found, held in memory for the searches that name them. */
const GEOCODED_KEPT = 1000;

interface Waiter {
  done: () => boolean;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** The outcome of loading the next run of known changes. */
type Step =
  | { kind: 'apply'; revision: number; meetings: Meeting[]; removed: string[] }
  | { kind: 'rebuild' }
  /** Nothing to apply yet: a revision in between is missing, or its ids are not known. */
  | { kind: 'wait' };

/**
 * Owns the process's in-memory search index. It is built from the store at start (the process
 * is ready only then), a page at a time, and then kept current change by change: a committed
 * write (this process's, or another's heard through the change feed) loads just the meetings it
 * touched and patches the index, in revision order; a very large change, a compaction the index
 * asks for, or a revision nobody explained is answered by a full rebuild, swapped in whole.
 *
 * A search never sees half a change: the meetings are loaded first, then applied in one
 * synchronous step. What a large change leaves to rebuild (the timeline, posting lists,
 * kdbush) is rebuilt beside the live parts in steps and swapped in, on a server that yields. The store revision is read after each load: when other writes committed in
 * between, the loaded meetings may already show them, so they are applied together with those
 * writes or not at all.
 */
export class SearchService {
  private index: SearchIndex | undefined;
  /** The store revision the index shows exactly. */
  private revision = -1;
  /** Changes heard of and not applied yet, by revision; null when only the revision is known. */
  private readonly known = new Map<number, ChangedIds | null>();
  private readonly waiters: Waiter[] = [];
  private running: Promise<void> | undefined;
  private again = false;
  private rebuildWanted = false;
  private buildsStarted = 0;
  private buildsDone = 0;
  /** Cancels the pending gap watch, when there is one. */
  private cancelGap: (() => void) | undefined;
  /** Cancels the pending refresh, when there is one. */
  private cancelRefresh: (() => void) | undefined;
  /** The revision of the snapshot last read or written (-1: none). */
  private snapshotRevision = -1;
  private snapshotWanted = false;
  /** Cancels the pending snapshot write, when there is one. */
  private cancelSnapshot: (() => void) | undefined;
  private started = false;
  private closed = false;
  private centre:
    | {
        revision: number;
        point: { latitude: number; longitude: number } | undefined;
        country?: string | undefined;
      }
    | undefined;
  /** Typed places the geocoder found (by their text as typed), for resolvePlace to read. */
  private readonly geocoded = new Map<string, Point>();
  private rideRegions: KeptRegions | undefined;

  constructor(
    private readonly repos: Repositories,
    private readonly clock: Clock,
    private readonly geocoder: Geocoder,
    private readonly options: SearchServiceOptions = {},
  ) {}

  /** True once the first index is built. */
  get ready(): boolean {
    return this.index !== undefined;
  }

  get size(): number {
    return this.index?.size ?? 0;
  }

  /** The store revision the index shows (-1 before the first build). */
  get indexRevision(): number {
    return this.revision;
  }

  /** What the index holds and covers: for health checks and tests. */
  status(): {
    size: number;
    revision: number;
    builds: number;
    horizon?: { start: string; end: string };
  } {
    const index = this.index;
    const status = { size: this.size, revision: this.revision, builds: this.buildsDone };
    if (index === undefined) return status;
    const iso = (minute: number) => new Date(minute * 60_000).toISOString();
    return {
      ...status,
      horizon: { start: iso(index.horizonStart), end: iso(index.horizonEnd) },
    };
  }

  /**
   * Listens to the change feed, builds the index and starts the refresh timer. Resolves once
   * the index is built; rejects when the store cannot be read.
   */
  async start(): Promise<void> {
    this.started = true;
    // Listening first: a write committed while the index builds is then heard of, not missed.
    await this.options.changeFeed?.start((notice) => this.hear(notice));
    if (!(await this.loadSnapshot())) await this.rebuild();
    if (this.closed) return;
    this.scheduleRefresh();
  }

  /** Brings the index up to the clock every `refreshIntervalMs`, until closed. */
  private scheduleRefresh(): void {
    if (this.closed) return;
    this.cancelRefresh = this.timers.after(this.options.refreshIntervalMs ?? 60_000, () => {
      this.cancelRefresh = undefined;
      this.refresh();
      this.scheduleRefresh();
    });
  }

  private get timers(): Timers {
    return this.options.timers ?? systemTimers;
  }

  /** Rebuilds the index from the store; resolves once a build begun after this call is in. */
  rebuild(): Promise<void> {
    this.started = true;
    const ticket = this.buildsStarted + 1;
    this.rebuildWanted = true;
    const done = this.until(() => this.buildsDone >= ticket);
    this.kick();
    return done;
  }

  /**
   * Applies a write this process committed and tells the other processes about it. Resolves
   * once searches see it, so whoever wrote reads their own write.
   */
  async applyChange(change: CommittedChange): Promise<void> {
    const published = this.options.changeFeed?.publish(change);
    if (this.started && !this.closed) {
      this.hear({ revision: change.revision, ids: change });
      await this.until(() => this.revision >= change.revision);
    }
    await published;
  }

  /**
   * Brings the index up to the clock now: moves its occurrence horizon along and rebuilds its
   * lazy parts. The timer calls it, and so does applying changes; a search never does.
   */
  refresh(): void {
    const index = this.index;
    if (index === undefined) return;
    index.refresh(this.clock.now().getTime(), { deferRebuild: this.yielding });
    if (this.yielding && index.staticPartsStale()) this.kick();
  }

  /** True when long work gives the event loop turns (a server): parts are rebuilt beside. */
  private get yielding(): boolean {
    return this.options.yieldToLoop !== undefined;
  }

  /** Resolves once no build, catch-up or rebuild of parts is under way. */
  async idle(): Promise<void> {
    while (this.running !== undefined) await this.running;
  }

  /** Stops listening and the timers; waits for a build or catch-up under way. */
  async close(): Promise<void> {
    this.closed = true;
    this.cancelRefresh?.();
    this.cancelRefresh = undefined;
    this.cancelGap?.();
    this.cancelGap = undefined;
    this.cancelSnapshot?.();
    this.cancelSnapshot = undefined;
    await this.options.changeFeed?.close();
    await this.running;
    for (const waiter of this.waiters.splice(0)) waiter.resolve();
    // What changed since the last snapshot is saved, so the next start need not build.
    await this.writeSnapshot().catch((error: unknown) => this.options.onError?.(error));
  }

  /**
   * What `parse` needs read first: a typed place only the operator's geocoder knows, and where
   * volunteer drivers go (for `rides`). Call it before `parse` with the same parameters.
   */
  async prepare(params: SearchParams): Promise<void> {
    await this.findTypedPlace(params.near);
    const read = this.options.rideRegions;
    if (read === undefined) return;
    this.rideRegions ??= new KeptRegions(read, this.clock);
    await this.rideRegions.refresh();
  }

  /**
   * When the ride regions `parse` uses were read (0 before any): a page made from a search is
   * as current as the index's revision, the clock and this.
   */
  get rideRegionsReadAt(): number {
    return this.rideRegions?.readAt ?? 0;
  }

  /** Whether any ride program's drivers go anywhere (as of the last `prepare`). */
  get offersRides(): boolean {
    return (this.rideRegions?.current?.length ?? 0) > 0;
  }

  /** Parses URL parameters (the API's and the finder's) into a query. */
  parse(params: SearchParams, viewerTimeZone = 'America/New_York'): SearchQuery {
    const rideRegions = this.rideRegions?.current;
    return parseSearchParams(params, {
      now: this.clock.now().getTime(),
      defaultTimeZone: viewerTimeZone,
      resolvePlace: (text) => this.resolvePlace(text),
      ...(rideRegions !== undefined ? { rideRegions } : {}),
    });
  }

  /** Answers a query from the index; refuses while the index is being built for the first time. */
  search(query: SearchQuery): SearchAnswer {
    const index = this.index;
    if (index === undefined)
      throw new PorchlightError('PL_NOT_READY', 'The search index is still being built.');
    return search(index, query);
  }

  /**
   * A search a person asked for (the finder, the API, the text line): answered like `search`,
   * then told to the demand count. Counting never fails the search.
   */
  searchForPerson(query: SearchQuery): SearchAnswer {
    const answer = this.search(query);
    this.notePersonSearch(query, answer);
    return answer;
  }

  /**
   * Tells the demand count of a person's search answered earlier (the text line keeps answers
   * for a minute, and a person asking again is counted again). Never fails.
   */
  notePersonSearch(query: SearchQuery, answer: SearchAnswer): void {
    try {
      this.options.demand?.noteSearch(query, answer);
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  /**
   * The place a person typed, offline. A name several towns share with none standing out
   * ("Springfield") is not guessed: PL_AMBIGUOUS_PLACE lists them, nearest the list first.
   */
  resolvePlace(text: string): Point | undefined {
    const centre = this.listCentre();
    const resolution: PlaceResolution =
      this.geocoder.resolve?.(text, centre === undefined ? {} : { near: centre }) ??
      firstOf(this.geocoder.lookup(text, { limit: 1 }));
    if (resolution.kind === 'none') return this.geocoded.get(text);
    if (resolution.kind === 'several') {
      const candidates = resolution.places.map(placeCandidate);
      throw new PorchlightError(
        'PL_AMBIGUOUS_PLACE',
        `Several places are called "${text.length > 40 ? `${text.slice(0, 37)}...` : text}": ${candidates.map((c) => c.near).join('; ')}.`,
        { field: 'near', candidates },
      );
    }
    const { place } = resolution;
    const label = [place.name, place.region ?? place.country].join(', ');
    return { latitude: place.latitude, longitude: place.longitude, label };
  }

  /**
   * Asks the operator's geocoder for a typed place the offline gazetteer does not know, so that
   * the search that follows (`parse`) finds it. Does nothing without a configured geocoder, for
   * coordinates, for a known place or a name several towns share; a geocoder that fails or finds
   * nothing leaves the place unknown.
   */
  async findTypedPlace(text: string | undefined): Promise<void> {
    if (this.options.geocodedPlaces === undefined || text === undefined) return;
    const typed = text.trim();
    if (typed === '' || typed.length > 100 || this.geocoded.has(text)) return;
    if (/^\s*-?\d+(?:\.\d+)?\s*,\s*-?\d+(?:\.\d+)?\s*$/.test(typed)) return;
    try {
      if (this.resolvePlace(text) !== undefined) return;
    } catch {
      return; // several places of that name: the person is asked which one
    }
    const point = await this.placeFromGeocoder(typed);
    if (point === undefined) return;
    if (this.geocoded.size >= GEOCODED_KEPT) this.geocoded.clear();
    this.geocoded.set(text, {
      latitude: point.latitude,
      longitude: point.longitude,
      label: typed,
      foundBy: 'geocoder',
    });
  }

  /**
   * What the operator's geocoder finds by this name, in `country` or else in the list's own
   * country (which the answer names when known); undefined without a geocoder, when it knows
   * no such place or cannot be asked.
   */
  async placeFromGeocoder(
    text: string,
    country?: string,
  ): Promise<{ latitude: number; longitude: number; country?: string } | undefined> {
    const places = this.options.geocodedPlaces;
    if (places === undefined || text.trim() === '') return undefined;
    const within = country ?? this.listCountry();
    const point = await places.find(text.trim(), within);
    if (point === undefined) return undefined;
    const found = { latitude: point.latitude, longitude: point.longitude };
    return within === undefined ? found : { ...found, country: within.toUpperCase() };
  }

  /** The country the listed rooms are in, as far as the offline gazetteer tells. */
  private listCountry(): string | undefined {
    const centre = this.listCentre();
    if (centre === undefined || this.centre === undefined) return undefined;
    if (!('country' in this.centre)) this.centre.country = this.geocoder.countryNear?.(centre);
    return this.centre.country;
  }

  /** The middle of the listed rooms, worked out once per index revision. */
  private listCentre(): { latitude: number; longitude: number } | undefined {
    const index = this.index;
    if (index === undefined) return undefined;
    if (this.centre?.revision !== this.revision)
      this.centre = { revision: this.revision, point: index.placeCentre() };
    return this.centre.point;
  }

  // --- keeping current ---------------------------------------------------------------------------

  /** Records a change heard of (ids, when known, win over a bare revision) and catches up. */
  private hear(notice: ChangeNotice): void {
    if (this.closed || notice.revision <= this.revision) return;
    if (notice.ids !== undefined) this.known.set(notice.revision, notice.ids);
    else if (!this.known.has(notice.revision)) this.known.set(notice.revision, null);
    if (this.started) this.kick();
  }

  /** Runs the worker, or asks the running one to go round once more. One worker at a time. */
  private kick(): void {
    if (this.closed) return;
    if (this.running !== undefined) {
      this.again = true;
      return;
    }
    this.running = this.work()
      .catch((error: unknown) => {
        for (const waiter of this.waiters.splice(0)) waiter.reject(error);
        this.options.onError?.(error);
      })
      .finally(() => {
        this.running = undefined;
      });
  }

  private async work(): Promise<void> {
    do {
      this.again = false;
      if (this.index === undefined || this.rebuildWanted) await this.rebuildNow();
      else await this.catchUp();
      this.settle();
      await this.rebuildStaticParts();
      if (this.snapshotWanted && !this.again && !this.rebuildWanted && !this.closed) {
        this.snapshotWanted = false;
        await this.writeSnapshot();
      }
    } while ((this.again || this.rebuildWanted) && !this.closed);
  }

  /**
   * Takes the saved index when it is of the store's current revision (decision 0092), or of an
   * older one whose changes the store's log still lists in full and that touched few enough
   * meetings to patch rather than rebuild (decision 0128): those meetings are read and applied
   * before the index serves. Changes committed meanwhile are heard through the change feed and
   * applied as usual. False when there is none to use: the caller builds.
   */
  private async loadSnapshot(): Promise<boolean> {
    const snapshots = this.options.snapshots;
    if (snapshots === undefined) return false;
    const started = performance.now();
    try {
      const revision = await this.repos.revision.current();
      let log: LoggedChange[] = [];
      const behind: BringForward = async (from, meetings) => {
        log = await this.repos.revision.changesAfter(from);
        return loggedRun(log, from, revision, this.rebuildLimit(meetings));
      };
      const read = await snapshots.read(revision, behind);
      if ('miss' in read) {
        this.options.onSnapshot?.({
          kind: 'not-used',
          reason: read.miss,
          ...(read.detail !== undefined ? { detail: read.detail } : {}),
        });
        return false;
      }
      if (this.closed) return true;
      const index = read.index;
      // The snapshot may be days old: its occurrence horizon is moved along before any search.
      index.refresh(this.clock.now().getTime(), { deferRebuild: this.yielding });
      let shown = read.revision;
      if (shown < revision) {
        this.learn(log, shown);
        const step = await this.loadRun(shown, index.size);
        if (step.kind !== 'apply') {
          this.options.onSnapshot?.({ kind: 'not-used', reason: 'stale', detail: step.kind });
          return false;
        }
        await this.applyRun(index, step);
        shown = step.revision;
      }
      this.index = index;
      this.revision = shown;
      this.snapshotRevision = read.revision;
      for (const r of this.known.keys()) if (r <= shown) this.known.delete(r);
      this.options.onSnapshot?.({
        kind: 'loaded',
        revision: shown,
        meetings: index.size,
        ms: Math.round(performance.now() - started),
        ...(read.revision < shown ? { broughtForwardFrom: read.revision } : {}),
      });
      // Brought forward: saved again once the worker is idle, so the next start is exact.
      this.snapshotWanted = read.revision !== shown;
      this.settle();
      if (this.snapshotWanted || this.known.size > 0 || (this.yielding && index.staticPartsStale()))
        this.kick();
      this.watchGap();
      return true;
    } catch (error) {
      this.options.onError?.(error);
      return false;
    }
  }

  /** Asks for a snapshot once changes have been quiet for `snapshotDelayMs`. */
  private snapshotLater(): void {
    if (this.options.snapshots === undefined || this.closed) return;
    this.cancelSnapshot?.();
    this.cancelSnapshot = this.timers.after(this.options.snapshotDelayMs ?? 30_000, () => {
      this.cancelSnapshot = undefined;
      this.snapshotWanted = true;
      this.kick();
    });
  }

  /**
   * Saves the index for the next start unless the snapshot already shows its revision. The
   * write is dropped when the index changes before the file is in place; a later change asks
   * again.
   */
  private async writeSnapshot(): Promise<void> {
    const snapshots = this.options.snapshots;
    const index = this.index;
    const revision = this.revision;
    if (snapshots === undefined || index === undefined || revision === this.snapshotRevision)
      return;
    const started = performance.now();
    const { version, rows } = index;
    const unchanged = () =>
      this.index === index &&
      this.revision === revision &&
      index.version === version &&
      index.rows === rows;
    if (await snapshots.write(index, revision, this.options.yieldToLoop, unchanged)) {
      this.snapshotRevision = revision;
      this.options.onSnapshot?.({
        kind: 'written',
        revision,
        meetings: index.size,
        ms: Math.round(performance.now() - started),
      });
    }
  }

  /** Applies the next run of known changes in one synchronous step, or decides to rebuild. */
  private async catchUp(): Promise<void> {
    const index = this.index!;
    const step = await this.loadRun(this.revision, index.size);
    if (step.kind === 'rebuild') {
      this.rebuildWanted = true;
      return;
    }
    if (step.kind === 'wait') {
      // Known by number only (another process's write, a notice too large to carry its ids):
      // the store's log says what it touched, if it still holds it.
      if (await this.learnFromLog()) this.again = true;
      else this.watchGap();
      return;
    }
    await this.applyRun(index, step);
    this.advanceTo(step.revision);
    if (index.needsCompaction()) this.rebuildWanted = true;
    this.again = true;
    this.snapshotLater();
  }

  /**
   * Applies a loaded run of changes to `index`. A search sees all of it or none of it: on a
   * server a large run is written in steps searches do not see, and made visible in one
   * (`applySteps`); otherwise all at once.
   */
  private async applyRun(
    index: SearchIndex,
    step: { meetings: Meeting[]; removed: string[] },
  ): Promise<void> {
    const turn = this.options.yieldToLoop;
    const applied =
      turn !== undefined &&
      step.meetings.length > APPLY_IN_STEPS_FROM &&
      (await runStepsYielding(index.applySteps(step.meetings, step.removed), turn));
    if (!applied) {
      for (const id of step.removed) index.remove(id);
      for (const meeting of step.meetings) index.upsert(meeting);
    }
    // A write, so it may rebuild what many changes left behind (a search will not); a server
    // rebuilds those parts beside the live ones afterwards (`rebuildStaticParts`).
    index.refresh(this.clock.now().getTime(), { deferRebuild: this.yielding });
  }

  /** Takes from the log the ids of revisions after `from` known by number only, or not at all. */
  private learn(log: readonly LoggedChange[], from: number): boolean {
    let learnt = false;
    for (const { revision, ids } of log) {
      if (revision <= from || this.known.get(revision)) continue;
      this.known.set(revision, ids);
      learnt = true;
    }
    return learnt;
  }

  /** Reads the log after the index's revision; true when it told something new. */
  private async learnFromLog(): Promise<boolean> {
    const from = this.revision;
    return this.learn(await this.repos.revision.changesAfter(from), from);
  }

  /**
   * On a server, rebuilds the timeline, posting lists and kdbush that many changes left behind
   * beside the live ones, giving the event loop turns, and swaps them in: searches are answered
   * from the live parts meanwhile. A change applied in between makes the index drop the new
   * parts; the next round of the worker tries again.
   */
  private async rebuildStaticParts(): Promise<void> {
    const index = this.index;
    const turn = this.options.yieldToLoop;
    if (index === undefined || turn === undefined || this.rebuildWanted || this.closed) return;
    if (!index.staticPartsStale()) return;
    await runStepsYielding(index.rebuildStaticSteps(), turn);
  }

  /**
   * Builds a new index a page at a time and swaps it in. The pages are read while others may
   * write: changes committed meanwhile are applied to the new index before anyone searches it,
   * when their ids are known; otherwise the gap watch rebuilds again later.
   */
  private async rebuildNow(): Promise<void> {
    this.rebuildWanted = false;
    this.buildsStarted++;
    const from = await this.repos.revision.current();
    const index = await loadSearchIndex(this.repos.meetings, {
      now: this.clock.now().getTime(),
      ...(this.options.pageSize !== undefined ? { pageSize: this.options.pageSize } : {}),
      ...(this.options.yieldToLoop !== undefined ? { yieldToLoop: this.options.yieldToLoop } : {}),
    });
    let revision = from;
    if ((await this.repos.revision.current()) !== from) {
      let step = await this.loadRun(from, index.size);
      if (step.kind === 'wait' && this.learn(await this.repos.revision.changesAfter(from), from))
        step = await this.loadRun(from, index.size);
      if (step.kind === 'apply') {
        for (const id of step.removed) index.remove(id);
        for (const meeting of step.meetings) index.upsert(meeting);
        index.refresh(this.clock.now().getTime());
        revision = step.revision;
      } else if (step.kind === 'rebuild') this.rebuildWanted = true;
    }
    if (this.closed) return;
    this.index = index;
    // A rebuild answers for every revision up to its own, explained or not (and may go back,
    // when the store was restored from a backup).
    this.revision = revision;
    for (const r of this.known.keys()) if (r <= revision) this.known.delete(r);
    this.buildsDone++;
    // A build is the slow start the snapshot spares the next one: saved as soon as it is idle.
    this.snapshotWanted = this.options.snapshots !== undefined;
    this.watchGap();
  }

  /**
   * Loads what the changes after `from` touched, as far as they are known in an unbroken run.
   * The revision read after the load tells whether the store moved on meanwhile; if it did, the
   * run grows to include those writes (when known) and is loaded again.
   */
  private async loadRun(from: number, size: number): Promise<Step> {
    for (;;) {
      const last = new Map<string, boolean>();
      let revision = from;
      for (let ids = this.known.get(revision + 1); ids; ids = this.known.get(revision + 1)) {
        revision++;
        for (const id of ids.upserted) last.set(id, true);
        for (const id of ids.removed) last.set(id, false);
      }
      if (revision === from) return { kind: 'wait' };
      if (last.size > this.rebuildLimit(size)) return { kind: 'rebuild' };
      const upserted: string[] = [];
      for (const [id, present] of last) if (present) upserted.push(id);
      // A merged duplicate is not found here, and so leaves the index like a removed meeting.
      const meetings =
        upserted.length > 0 ? await this.repos.meetings.byIds(upserted, { hideMerged: true }) : [];
      const now = await this.repos.revision.current();
      if (now === revision) {
        const found = new Set(meetings.map((m) => m.id));
        const removed: string[] = [];
        for (const [id, present] of last) if (!present || !found.has(id)) removed.push(id);
        return { kind: 'apply', revision, meetings, removed };
      }
      // The store is behind what we were told (restored from a backup?): start afresh.
      if (now < revision) return { kind: 'rebuild' };
      for (let r = revision + 1; r <= now; r++) {
        if (!this.known.get(r)) return { kind: 'wait' };
      }
    }
  }

  /** Meetings a run may touch and still be patched into an index of `size`, not rebuilt. */
  private rebuildLimit(size: number): number {
    return Math.max(this.options.rebuildMinIds ?? 1000, size * (this.options.rebuildShare ?? 0.25));
  }

  /** Marks the index as showing `revision` and forgets what that covers. */
  private advanceTo(revision: number): void {
    if (revision <= this.revision) return;
    this.revision = revision;
    for (const r of this.known.keys()) if (r <= revision) this.known.delete(r);
  }

  /**
   * While a revision beyond the index's stays unexplained (a missing notice, a writer that does
   * not publish, ids not known), waits a moment for its ids and then rebuilds.
   */
  private watchGap(): void {
    const pending = this.known.size > 0;
    if (!pending || this.closed) {
      this.cancelGap?.();
      this.cancelGap = undefined;
      return;
    }
    if (this.cancelGap !== undefined) return;
    const seen = Math.max(...this.known.keys());
    this.cancelGap = this.timers.after(this.options.gapGraceMs ?? 3000, () => {
      this.cancelGap = undefined;
      if (this.revision < seen) {
        this.rebuildWanted = true;
        this.kick();
      } else this.watchGap();
    });
  }

  private until(done: () => boolean): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ done, resolve, reject }));
  }

  private settle(): void {
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const waiter = this.waiters[i]!;
      if (waiter.done()) {
        this.waiters.splice(i, 1);
        waiter.resolve();
      }
    }
  }
}

/**
 * True when `log` lists every revision after `from` up to `to`, touching at most `limit`
 * meetings in all: an index at `from` can then be brought forward rather than rebuilt.
 */
function loggedRun(log: readonly LoggedChange[], from: number, to: number, limit: number): boolean {
  const ids = new Set<string>();
  let expected = from + 1;
  for (const { revision, ids: touched } of log) {
    if (revision > to) break;
    if (revision !== expected) return false;
    expected++;
    for (const id of touched.upserted) ids.add(id);
    for (const id of touched.removed) ids.add(id);
    if (ids.size > limit) return false;
  }
  return expected === to + 1;
}

function firstOf(places: readonly Place[]): PlaceResolution {
  const place = places[0];
  return place === undefined ? { kind: 'none' } : { kind: 'one', place };
}
