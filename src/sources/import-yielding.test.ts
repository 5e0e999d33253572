import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, testDialects } from '../../test/support/databases.js';
import { generateSyntheticFeed } from '../demo/synthetic-feed.js';
import { fixedClock } from '../platform/clock.js';
import type { DatabaseHandle } from '../platform/database/connect.js';
import type { YieldToLoop } from '../platform/loop-yield.js';
import { createRepositories, type Repositories } from '../repositories.js';
import { importFeed, type ImportDeps } from './import-feed.js';

/** Enough meetings for several write batches. */
const count = 450;

/**
 * Other work on the event loop while an import runs, as a server's requests are: a task that
 * runs on every turn of the loop (`setImmediate`), noting which phase of the import it saw.
 * The import's turns are counted; each one really lets the loop turn.
 */
function otherWork() {
  let phase = 'before';
  let running = true;
  let turns = 0;
  const seen: Record<string, number> = {};
  const tick = () => {
    if (!running) return;
    seen[phase] = (seen[phase] ?? 0) + 1;
    setImmediate(tick);
  };
  setImmediate(tick);
  const turn: YieldToLoop = () => {
    turns++;
    return new Promise((resolve) => setImmediate(resolve));
  };
  return {
    turn,
    seen,
    turns: () => turns,
    progress: {
      reading: () => void (phase = 'reading'),
      writing: () => void (phase = 'writing'),
    },
    stop: () => {
      running = false;
      phase = 'after';
    },
  };
}

describe.each(testDialects)('a large import on $name gives the event loop turns', ({ url }) => {
  let handle: DatabaseHandle;
  let repos: Repositories;
  let base: ImportDeps;

  beforeEach(async () => {
    handle = await openTestDatabase(url);
    repos = createRepositories(handle.db);
    base = {
      repos,
      clock: fixedClock('2026-11-01T12:00:00Z'),
      limits: { maxBytes: 10_000_000, timeoutMs: 2_000 },
    };
  });
  afterEach(async () => handle.close());

  it('while it reads the feed and while it compares and writes, and other work runs in them', async () => {
    const rows = generateSyntheticFeed(count, { seed: 1 });
    const work = otherWork();
    const report = await importFeed(
      { ...base, yieldToLoop: work.turn, progress: work.progress },
      { source: 'big', location: 'synthetic', rows },
    );
    work.stop();
    expect(report).toMatchObject({ outcome: 'applied', added: count - report.skipped });
    expect(await repos.meetings.count()).toBe(report.added);
    // At least a turn a row while reading and while writing, and the other work ran in each.
    expect(work.turns()).toBeGreaterThanOrEqual(2 * count);
    expect(work.seen.reading).toBeGreaterThanOrEqual(count / 2);
    expect(work.seen.writing).toBeGreaterThanOrEqual(count / 2);
  });

  it('applies a changed snapshot as it would at once', async () => {
    const rows = generateSyntheticFeed(count, { seed: 2 });
    await importFeed(base, { source: 'big', location: 'synthetic', rows });
    const changed = rows
      .filter((_, i) => i % 10 !== 1)
      .map((row, i) => (i % 5 === 0 ? { ...row, name: `${String(row.name)} (moved)` } : row));
    const snapshot = async () =>
      (await repos.meetings.all()).map((m) => [m.slug, m.name, m.provenance.sourceSlug]);

    const work = otherWork();
    const report = await importFeed(
      { ...base, yieldToLoop: work.turn, progress: work.progress },
      { source: 'big', location: 'synthetic', rows: changed },
    );
    work.stop();
    const removed = rows.length - changed.length;
    expect(report).toMatchObject({ outcome: 'applied', added: 0, removed });
    expect(report.updated).toBeGreaterThan(count / 10);
    expect(work.seen.writing).toBeGreaterThan(0);
    const yielded = await snapshot();

    // The same two snapshots into a fresh database, without turns.
    const other = await openTestDatabase(url);
    try {
      const plain = { ...base, repos: createRepositories(other.db) };
      await importFeed(plain, { source: 'big', location: 'synthetic', rows });
      expect(
        await importFeed(plain, { source: 'big', location: 'synthetic', rows: changed }),
      ).toMatchObject({ added: 0, updated: report.updated, removed });
      const at = (await plain.repos.meetings.all()).map((m) => [m.name, m.provenance.sourceSlug]);
      expect(yielded.map(([, name, sourceSlug]) => [name, sourceSlug])).toEqual(at);
    } finally {
      await other.close();
    }
  });

  it('is still all or nothing: failing after many turns mid-write leaves nothing', async () => {
    const rows = generateSyntheticFeed(count, { seed: 3 });
    const work = otherWork();
    let inserts = 0;
    // A transaction that dies on its third batch of meetings, as a process killed mid-import.
    const interrupted: ImportDeps = {
      ...base,
      yieldToLoop: work.turn,
      progress: work.progress,
      repos: {
        ...repos,
        transaction: (run) =>
          repos.transaction((trx) => {
            const meetings = Object.assign(Object.create(trx.meetings) as typeof trx.meetings, {
              insert: (items: Parameters<typeof trx.meetings.insert>[0]) =>
                ++inserts === 3 ? Promise.reject(new Error('killed')) : trx.meetings.insert(items),
            });
            return run({ ...trx, meetings });
          }),
      },
    };
    await expect(
      importFeed(interrupted, { source: 'big', location: 'synthetic', rows }),
    ).rejects.toThrow('killed');
    work.stop();
    expect(work.seen.writing).toBeGreaterThan(100);
    expect(await repos.sources.list()).toEqual([]);
    expect(await repos.meetings.count()).toBe(0);
    expect(await repos.revision.current()).toBe(0);
  });
});
