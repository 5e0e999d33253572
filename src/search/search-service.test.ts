import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mgOnlineRow, mgRow } from '../../test/factories/meeting-guide.js';
import { openTestDatabase } from '../../test/support/databases.js';
import { manualTimers } from '../../test/support/manual-timers.js';
import type { Clock } from '../platform/clock.js';
import type {
  ChangeFeed,
  ChangeNotice,
  CommittedChange,
} from '../platform/database/change-feed.js';
import type { DatabaseHandle } from '../platform/database/connect.js';
import { createRepositories, type Repositories } from '../repositories.js';
import { importFeed, type ImportDeps } from '../sources/import-feed.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileSnapshots } from './index-snapshots.js';
import { SearchService, type SearchServiceOptions, type SnapshotEvent } from './search-service.js';

const noPlaces = { lookup: () => [] };
const start = Date.parse('2026-11-04T22:00:00Z');

/** A feed a test drives by hand: it records what is published and delivers what it is told. */
class HandFeed implements ChangeFeed {
  published: number[] = [];
  private listener: ((notice: ChangeNotice) => void) | undefined;
  publish(change: CommittedChange): Promise<void> {
    this.published.push(change.revision);
    return Promise.resolve();
  }
  start(listener: (notice: ChangeNotice) => void): Promise<void> {
    this.listener = listener;
    return Promise.resolve();
  }
  close(): Promise<void> {
    this.listener = undefined;
    return Promise.resolve();
  }
  deliver(notice: ChangeNotice): void {
    this.listener?.(notice);
  }
}

let handle: DatabaseHandle;
let repos: Repositories;
let nowMs: number;
const clock: Clock = { now: () => new Date(nowMs) };
let service: SearchService;
let feed: HandFeed;

/** Import deps whose changes are only recorded, so a test decides when the index hears them. */
function recordingDeps(changes: CommittedChange[]): ImportDeps {
  return {
    repos,
    clock,
    limits: { maxBytes: 1_000_000, timeoutMs: 2_000 },
    onChange: (change) => void changes.push(change),
  };
}

function slugs(): string[] {
  const answer = service.search(service.parse({ limit: '200', include_closed: 'true' }));
  return answer.results.map((r) => r.meeting.slug).sort();
}

async function startService(options: SearchServiceOptions = {}): Promise<void> {
  feed = new HandFeed();
  service = new SearchService(repos, clock, noPlaces, { changeFeed: feed, ...options });
  await service.start();
}

beforeEach(async () => {
  nowMs = start;
  handle = await openTestDatabase('sqlite::memory:');
  repos = createRepositories(handle.db);
});
afterEach(async () => {
  await service.close();
  await handle.close();
});

describe('SearchService', () => {
  it('applies changes in revision order, whatever order they are handed over in', async () => {
    await startService();
    const changes: CommittedChange[] = [];
    const deps = recordingDeps(changes);
    await importFeed(deps, { source: 'a', location: 't', rows: [mgRow({ slug: 'one' })] });
    await importFeed(deps, {
      source: 'a',
      location: 't',
      rows: [mgRow({ slug: 'one', name: 'Renamed' }), mgOnlineRow({ slug: 'two' })],
    });
    expect(changes.map((c) => c.revision)).toEqual([1, 2]);
    // The store's log no longer holds the first (as when it was trimmed): only its notice can tell.
    await handle.db.deleteFrom('revision_changes').where('revision', '=', 1).execute();

    // The second change arrives first: it waits for the first, and neither shows before both.
    let secondDone = false;
    const second = service.applyChange(changes[1]!).then(() => (secondDone = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(secondDone).toBe(false);
    expect(slugs()).toEqual([]);
    await service.applyChange(changes[0]!);
    await second;
    expect(slugs()).toEqual(['one', 'two']);
    expect(service.status()).toMatchObject({ revision: 2, builds: 1 });
    expect(feed.published).toEqual([2, 1]);
    const one = service.search(service.parse({ q: 'renamed' })).results;
    expect(one.map((r) => r.meeting.slug)).toEqual(['one']);
  });

  it('patches the index for a small change and rebuilds it for a large one', async () => {
    await startService({ rebuildMinIds: 2, rebuildShare: 0.5 });
    const deps: ImportDeps = { ...recordingDeps([]), onChange: (c) => service.applyChange(c) };
    const rows = (n: number) => Array.from({ length: n }, (_, i) => mgRow({ slug: `m${i}` }));
    await importFeed(deps, { source: 'a', location: 't', rows: rows(6) });
    expect(service.status()).toMatchObject({ size: 6, builds: 2 });
    await importFeed(deps, { source: 'a', location: 't', rows: rows(5) });
    expect(service.status()).toMatchObject({ size: 5, builds: 2, revision: 2 });
    expect(slugs()).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
  });

  it('answers from the index it has while a rebuild reads the store a page at a time', async () => {
    // Each turn of a rebuild, a search is asked, as a server's requests would be.
    const seen: string[][] = [];
    let searching = false;
    await startService({
      pageSize: 2,
      yieldToLoop: () => {
        if (searching) seen.push(slugs());
        return new Promise((resolve) => setImmediate(resolve));
      },
    });
    const rows = Array.from({ length: 9 }, (_, i) => mgRow({ slug: `m${i}` }));
    await importFeed(recordingDeps([]), { source: 'a', location: 't', rows: rows.slice(0, 3) });
    await service.rebuild();
    expect(slugs()).toEqual(['m0', 'm1', 'm2']);

    await importFeed(recordingDeps([]), { source: 'a', location: 't', rows });
    searching = true;
    await service.rebuild();
    searching = false;
    // Five pages and the build's last steps: every search in between saw the old index whole.
    expect(seen.length).toBeGreaterThanOrEqual(5);
    for (const answer of seen) expect(answer).toEqual(['m0', 'm1', 'm2']);
    expect(slugs()).toEqual(rows.map((r) => r.slug));
  });

  it('applies a large change in turns searches do not see, then whole, and rebuilds beside', async () => {
    // Between the turns, searches see none of the change, then all of it.
    const seen: number[] = [];
    let watching = false;
    await startService({
      rebuildMinIds: 10_000,
      yieldToLoop: () => {
        if (watching) {
          seen.push(service.search(service.parse({ q: 'renamed', limit: '200' })).total);
        }
        return new Promise((resolve) => setImmediate(resolve));
      },
    });
    const deps: ImportDeps = { ...recordingDeps([]), onChange: (c) => service.applyChange(c) };
    const rows = Array.from({ length: 400 }, (_, i) => mgRow({ slug: `m${i}`, name: `M ${i}` }));
    await importFeed(deps, { source: 'a', location: 't', rows });
    expect(service.status()).toMatchObject({ size: 400 });
    await service.idle();
    const builds = service.status().builds;
    watching = true;
    const renamed = rows.map((row, i) => (i < 200 ? { ...row, name: `Renamed ${i}` } : row));
    await importFeed(deps, { source: 'a', location: 't', rows: renamed });
    // The change is searchable once applied, before the parts it left behind are rebuilt.
    expect(service.search(service.parse({ q: 'renamed', limit: '200' })).total).toBe(200);
    await service.idle();
    watching = false;
    expect(service.status().builds).toBe(builds);
    expect(seen.length).toBeGreaterThanOrEqual(6);
    const shown = seen.indexOf(200);
    expect(shown).toBeGreaterThan(0);
    expect(seen.slice(0, shown).every((total) => total === 0)).toBe(true);
    expect(seen.slice(shown).every((total) => total === 200)).toBe(true);
  });

  it('rebuilds when a revision stays unexplained (a writer that does not publish)', async () => {
    await startService({ gapGraceMs: 30 });
    // Written behind the index's back, by a writer older than the store's log of revisions.
    await importFeed(recordingDeps([]), { source: 'a', location: 't', rows: [mgRow()] });
    await handle.db.deleteFrom('revision_changes').execute();
    feed.deliver({ revision: 1 });
    expect(slugs()).toEqual([]);
    await vi.waitFor(() => expect(slugs()).toEqual(['greenfield-big-book']), { timeout: 2000 });
    expect(service.status()).toMatchObject({ revision: 1, builds: 2 });
  });

  it('waits for the ids of a revision it heard of before patching, then uses them', async () => {
    await startService({ gapGraceMs: 60_000 });
    const changes: CommittedChange[] = [];
    await importFeed(recordingDeps(changes), { source: 'a', location: 't', rows: [mgRow()] });
    feed.deliver({ revision: 1 });
    feed.deliver({ revision: 1, ids: changes[0]! });
    await vi.waitFor(() => expect(service.status().revision).toBe(1));
    expect(slugs()).toEqual(['greenfield-big-book']);
    expect(service.status().builds).toBe(1);
  });

  it('keeps its time horizon current from a timer, without waiting for a query', async () => {
    await importFeed(recordingDeps([]), { source: 'a', location: 't', rows: [mgRow()] });
    const timers = manualTimers();
    await startService({ refreshIntervalMs: 60_000, timers });
    const before = service.status().horizon!;
    expect(Date.parse(before.start)).toBeLessThan(start);
    expect(Date.parse(before.end)).toBeGreaterThan(start + 4 * 7 * 86_400_000);

    // A search six weeks on, past the horizon, answers without moving it.
    nowMs = start + 6 * 7 * 86_400_000;
    const read = service.search(service.parse({})).results[0]!.next!;
    expect(service.status().horizon).toEqual(before);

    // The timer moves it; no search has run since.
    await timers.fire();
    const after = service.status().horizon!;
    expect(Date.parse(after.start)).toBeLessThan(nowMs);
    expect(Date.parse(after.start)).toBeGreaterThan(start);
    expect(Date.parse(after.end)).toBeGreaterThan(nowMs + 4 * 7 * 86_400_000);
    const next = service.search(service.parse({})).results[0]!.next!;
    expect(next.start).toBeGreaterThanOrEqual(nowMs - 60 * 60_000);
    expect(next.start).toBeLessThan(nowMs + 7 * 86_400_000);
    expect(read).toEqual(next);
    // It keeps doing so: the next refresh is waiting.
    expect(timers.pending).toBe(1);
  });

  it("learns from the store's log what a revision heard of by number only touched, and patches", async () => {
    const rows = Array.from({ length: 5 }, (_, i) => mgRow({ slug: `m${i}` }));
    await importFeed(recordingDeps([]), { source: 'a', location: 't', rows });
    await startService();
    expect(service.status()).toMatchObject({ size: 5, builds: 1, revision: 1 });
    // Another process's write, told by its revision alone (a SQLite poll, a large notice).
    await importFeed(recordingDeps([]), { source: 'a', location: 't', rows: rows.slice(2) });
    feed.deliver({ revision: 2 });
    await vi.waitFor(() => expect(service.status().revision).toBe(2));
    expect(service.status()).toMatchObject({ size: 3, builds: 1 });
    expect(slugs()).toEqual(['m2', 'm3', 'm4']);
  });

  it('stops its timers and its feed on close', async () => {
    const timers = manualTimers();
    await startService({ timers });
    expect(timers.pending).toBe(1);
    await service.close();
    expect(timers.pending).toBe(0);
    feed.deliver({ revision: 5 });
    expect(service.status().revision).toBe(0);
  });

  it('starts from the snapshot of the current revision, and builds when it is missing or stale', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'porchlight-search-snapshot-'));
    try {
      const snapshots = fileSnapshots({ file: join(dir, 'index'), identity: 'test' });
      const events: SnapshotEvent[] = [];
      const options: SearchServiceOptions = {
        snapshots,
        onSnapshot: (event) => events.push(event),
      };
      const rows = Array.from({ length: 5 }, (_, i) => mgRow({ slug: `m${i}` }));
      await importFeed(recordingDeps([]), { source: 'a', location: 't', rows });

      // No snapshot yet: a build, saved once idle.
      await startService(options);
      await service.idle();
      expect(service.status()).toMatchObject({ size: 5, builds: 1, revision: 1 });
      expect(events.map((e) => e.kind)).toEqual(['not-used', 'written']);
      expect(events[0]).toMatchObject({ reason: 'missing' });
      const before = slugs();
      await service.close();

      // The same revision: loaded, no build, the same answers.
      events.length = 0;
      await startService(options);
      expect(service.status()).toMatchObject({ size: 5, builds: 0, revision: 1 });
      expect(events).toEqual([
        expect.objectContaining({ kind: 'loaded', revision: 1, meetings: 5 }),
      ]);
      expect(slugs()).toEqual(before);
      // A change applied afterwards is saved when the changes settle, and on close.
      const changes: CommittedChange[] = [];
      await importFeed(recordingDeps(changes), {
        source: 'a',
        location: 't',
        rows: [...rows, mgRow({ slug: 'm5' })],
      });
      await service.applyChange(changes[0]!);
      await service.close();
      expect(events.at(-1)).toMatchObject({ kind: 'written', revision: 2, meetings: 6 });

      // Written while no server ran: the store's log says what changed, and the snapshot is
      // brought forward with just those meetings, then saved again.
      await importFeed(recordingDeps([]), { source: 'a', location: 't', rows: rows.slice(0, 2) });
      events.length = 0;
      await startService(options);
      expect(events[0]).toMatchObject({ kind: 'loaded', revision: 3, broughtForwardFrom: 2 });
      expect(service.status()).toMatchObject({ size: 2, builds: 0, revision: 3 });
      expect(slugs()).toEqual(['m0', 'm1']);
      await service.idle();
      expect(events.at(-1)).toMatchObject({ kind: 'written', revision: 3, meetings: 2 });
      await service.close();

      // A log that no longer holds every revision since (or a change too large to patch):
      // the snapshot is stale, and the start builds.
      await importFeed(recordingDeps([]), { source: 'a', location: 't', rows });
      await importFeed(recordingDeps([]), { source: 'a', location: 't', rows: rows.slice(1) });
      await handle.db.deleteFrom('revision_changes').where('revision', '=', 4).execute();
      events.length = 0;
      await startService(options);
      expect(events[0]).toMatchObject({ kind: 'not-used', reason: 'stale' });
      expect(service.status()).toMatchObject({ size: 4, builds: 1, revision: 5 });
      await service.close();
      await importFeed(recordingDeps([]), { source: 'a', location: 't', rows: [] });
      events.length = 0;
      await startService({ ...options, rebuildMinIds: 2, rebuildShare: 0 });
      expect(events[0]).toMatchObject({ kind: 'not-used', reason: 'stale' });
      expect(service.status()).toMatchObject({ size: 0, builds: 1, revision: 6 });
    } finally {
      await service.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
