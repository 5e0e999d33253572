import { performance } from 'node:perf_hooks';
import type { Clock } from '../platform/clock.js';
import type {
  ChangeFeed,
  ChangeNotice,
  CommittedChange,
} from '../platform/database/change-feed.js';
import { PorchlightError } from '../platform/errors.js';
import { systemTimers, type Timers } from '../platform/timers.js';
import { runStepsYielding, type YieldToLoop } from '../platform/loop-yield.js';
import type { Meeting } from '../meetings/model.js';
import type { Repositories } from '../repositories.js';
import type { Geocoder } from '../places/gazetteer.js';
import type { GeocodedPlaces } from '../places/geocoded-places.js';
import type { LoggedChange } from '../platform/database/revision.js';
import type { IndexSnapshots } from './index-snapshots.js';
import { KnownChanges, loggedRun } from './known-changes.js';
import type { BringForward } from './snapshot-file.js';
import { loadSearchIndex } from './load-index.js';
import { parseSearchParams, type SearchParams } from './parse-params.js';
import type { Point, Region, SearchQuery } from './query.js';
import { KeptRegions } from './kept-regions.js';
import { search, type SearchAnswer } from './search.js';
import type { SearchIndex } from './search-index.js';
import { SearchPlaces } from './search-places.js';

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

interface Waiter {
  done: () => boolean;
  resolve: () => void;
  reject: (error: unknown) => void;
}

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
  /** Changes heard of and not applied yet. */
  private readonly known: KnownChanges;
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
  private readonly places: SearchPlaces;
  private rideRegions: KeptRegions | undefined;

  constructor(
    private readonly repos: Repositories,
    private readonly clock: Clock,
    geocoder: Geocoder,
    private readonly options: SearchServiceOptions = {},
  ) {
    this.known = new KnownChanges(repos, options);
    this.places = new SearchPlaces(geocoder, options.geocodedPlaces, () => ({
      index: this.index,
      revision: this.revision,
    }));
  }

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
    return this.places.resolve(text);
  }

  /**
   * Asks the operator's geocoder for a typed place the offline gazetteer does not know, so that
   * the search that follows (`parse`) finds it (see `SearchPlaces.findTyped`).
   */
  findTypedPlace(text: string | undefined): Promise<void> {
    return this.places.findTyped(text);
  }

  /**
   * What the operator's geocoder finds by this name, in `country` or else in the list's own
   * country (which the answer names when known); undefined without a geocoder, when it knows
   * no such place or cannot be asked.
   */
  placeFromGeocoder(
    text: string,
    country?: string,
  ): Promise<{ latitude: number; longitude: number; country?: string } | undefined> {
    return this.places.fromGeocoder(text, country);
  }

  // --- keeping current ---------------------------------------------------------------------------

  /** Records a change heard of (ids, when known, win over a bare revision) and catches up. */
  private hear(notice: ChangeNotice): void {
    if (this.closed || notice.revision <= this.revision) return;
    this.known.hear(notice);
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
        return loggedRun(log, from, revision, this.known.rebuildLimit(meetings));
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
        this.known.learn(log, shown);
        const step = await this.known.loadRun(shown, index.size);
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
      this.known.forgetThrough(shown);
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
    const step = await this.known.loadRun(this.revision, index.size);
    if (step.kind === 'rebuild') {
      this.rebuildWanted = true;
      return;
    }
    if (step.kind === 'wait') {
      // Known by number only (another process's write, a notice too large to carry its ids):
      // the store's log says what it touched, if it still holds it.
      if (await this.known.learnFromLog(this.revision)) this.again = true;
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
      let step = await this.known.loadRun(from, index.size);
      if (step.kind === 'wait' && (await this.known.learnFromLog(from)))
        step = await this.known.loadRun(from, index.size);
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
    this.known.forgetThrough(revision);
    this.buildsDone++;
    // A build is the slow start the snapshot spares the next one: saved as soon as it is idle.
    this.snapshotWanted = this.options.snapshots !== undefined;
    this.watchGap();
  }

  /** Marks the index as showing `revision` and forgets what that covers. */
  private advanceTo(revision: number): void {
    if (revision <= this.revision) return;
    this.revision = revision;
    this.known.forgetThrough(revision);
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
    const seen = this.known.latest;
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
