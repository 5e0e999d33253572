import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mgOnlineRow, mgRow } from '../../test/factories/meeting-guide.js';
import { openTestDatabase } from '../../test/support/databases.js';
import type { Clock } from '../platform/clock.js';
import type { CommittedChange } from '../platform/database/change-feed.js';
import type { DatabaseHandle } from '../platform/database/connect.js';
import type { LoggedChange } from '../platform/database/revision.js';
import { createRepositories, type Repositories } from '../repositories.js';
import { importFeed, type ImportDeps } from '../sources/import-feed.js';
import { KnownChanges, loggedRun } from './known-changes.js';

const clock: Clock = { now: () => new Date('2026-11-04T22:00:00Z') };
let handle: DatabaseHandle;
let repos: Repositories;
let changes: CommittedChange[];
let deps: ImportDeps;

beforeEach(async () => {
  handle = await openTestDatabase('sqlite::memory:');
  repos = createRepositories(handle.db);
  changes = [];
  deps = {
    repos,
    clock,
    limits: { maxBytes: 1_000_000, timeoutMs: 2_000 },
    onChange: (change) => void changes.push(change),
  };
});
afterEach(async () => handle.close());

const logged = (revision: number, upserted: string[], removed: string[] = []): LoggedChange => ({
  revision,
  ids: { upserted, removed },
});

describe('known changes', () => {
  it('loads an unbroken run: the meetings it touched as of its last revision, and what went', async () => {
    await importFeed(deps, { source: 'a', location: 't', rows: [mgRow({ slug: 'one' })] });
    await importFeed(deps, {
      source: 'a',
      location: 't',
      rows: [mgRow({ slug: 'one', name: 'Renamed' }), mgOnlineRow({ slug: 'two' })],
    });
    await importFeed(deps, { source: 'a', location: 't', rows: [mgOnlineRow({ slug: 'two' })] });
    const known = new KnownChanges(repos);
    expect(await known.loadRun(0, 0)).toEqual({ kind: 'wait' });
    // The second and third alone leave a gap after revision 0: nothing to apply yet.
    known.hear({ revision: 2, ids: changes[1]! });
    known.hear({ revision: 3, ids: changes[2]! });
    expect(await known.loadRun(0, 0)).toEqual({ kind: 'wait' });
    known.hear({ revision: 1, ids: changes[0]! });
    const step = await known.loadRun(0, 0);
    expect(step.kind).toBe('apply');
    if (step.kind !== 'apply') return;
    expect(step.revision).toBe(3);
    expect(step.meetings.map((m) => m.name)).toEqual([mgOnlineRow({ slug: 'two' }).name]);
    expect(step.removed).toEqual(changes[2]!.removed);
    expect(step.removed).toHaveLength(1);
    known.forgetThrough(3);
    expect(known.size).toBe(0);
  });

  it('waits while only a revision’s number is known, and learns its ids from the log', async () => {
    await importFeed(deps, { source: 'a', location: 't', rows: [mgRow({ slug: 'one' })] });
    const known = new KnownChanges(repos);
    known.hear({ revision: 1 });
    expect(known.size).toBe(1);
    expect(known.latest).toBe(1);
    expect(await known.loadRun(0, 0)).toEqual({ kind: 'wait' });
    expect(await known.learnFromLog(0)).toBe(true);
    expect(await known.learnFromLog(0)).toBe(false);
    const step = await known.loadRun(0, 0);
    expect(step).toMatchObject({ kind: 'apply', revision: 1, removed: [] });
    // A bare revision heard again does not forget ids already known.
    known.hear({ revision: 1 });
    expect(await known.loadRun(0, 0)).toMatchObject({ kind: 'apply', revision: 1 });
  });

  it('asks for a rebuild when a run touches more than the limit, or the store went back', async () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => mgRow({ slug: `m${i}` }));
    await importFeed(deps, { source: 'a', location: 't', rows: rows(6) });
    const known = new KnownChanges(repos, { rebuildMinIds: 2, rebuildShare: 0.5 });
    expect(known.rebuildLimit(4)).toBe(2);
    expect(known.rebuildLimit(10)).toBe(5);
    known.hear({ revision: 1, ids: changes[0]! });
    expect(await known.loadRun(0, 10)).toEqual({ kind: 'rebuild' });
    expect(await known.loadRun(0, 12)).toMatchObject({ kind: 'apply', revision: 1 });
    // Told of a revision the store has not reached (restored from a backup).
    known.hear({ revision: 2, ids: { upserted: [], removed: ['gone'] } });
    expect(await known.loadRun(0, 100)).toEqual({ kind: 'rebuild' });
  });

  it('says whether a log brings an index forward: every revision, few enough meetings', () => {
    const log = [logged(3, ['a']), logged(4, ['b'], ['c']), logged(5, ['a'])];
    expect(loggedRun(log, 2, 5, 10)).toBe(true);
    expect(loggedRun(log, 2, 4, 10)).toBe(true);
    expect(loggedRun(log, 2, 5, 2)).toBe(false);
    expect(loggedRun(log, 1, 5, 10)).toBe(false);
    expect(loggedRun(log, 2, 6, 10)).toBe(false);
    expect(loggedRun([logged(3, []), logged(5, [])], 2, 5, 10)).toBe(false);
  });
});
