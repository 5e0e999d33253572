import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Temporal } from 'temporal-polyfill';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runSteps } from '../platform/loop-yield.js';
import type { SearchQuery } from './query.js';
import { SearchIndex } from './search-index.js';
import { search } from './search.js';
import {
  readSnapshotFile,
  SNAPSHOT_FORMAT,
  snapshotWriteSteps,
  writeSnapshotFile,
  type SnapshotKey,
} from './snapshot-file.js';
import { randomWorld, wideQuery } from './test-meetings.js';

const now = Temporal.Instant.from('2026-10-30T16:00:00Z').epochMilliseconds;
const key: SnapshotKey = { identity: 'sqlite:1:2', revision: 7 };
let dir: string;
let file: string;

const query = (extra: Partial<SearchQuery> = {}) => wideQuery(now, extra);

const queries = [
  query(),
  query({ near: { latitude: 42.5876, longitude: -72.5995 } }),
  query({ near: { latitude: 42.5876, longitude: -72.5995 }, sort: 'distance', radiusKm: 30 }),
  query({ text: 'serenity' }),
];

async function save(index: SearchIndex, at: SnapshotKey = key): Promise<void> {
  expect(await writeSnapshotFile(file, runSteps(snapshotWriteSteps(index, at)), () => true)).toBe(
    true,
  );
}

async function load(at: SnapshotKey = key): Promise<SearchIndex> {
  const read = await readSnapshotFile(file, at);
  if (!('index' in read)) throw new Error(`not read: ${read.miss} ${read.detail ?? ''}`);
  return read.index;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'porchlight-snapshot-'));
  file = join(dir, 'porchlight.db.search-index');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the search index snapshot', () => {
  it('reads back an index that answers and changes as the one written', async () => {
    const world = randomWorld(500, 21);
    const index = SearchIndex.build(world, { now });
    await save(index);
    const loaded = await load();
    expect(loaded.size).toBe(index.size);
    for (const q of queries) expect(search(loaded, q)).toEqual(search(index, q));
    expect(loaded.memoryEstimate().parts.rows).toBe(index.memoryEstimate().parts.rows);
    // Both keep working alike under changes: ids, pools, words and dirty lists came back whole.
    for (const target of [index, loaded]) {
      for (const m of world.slice(0, 40)) target.upsert({ ...m, name: `${m.name} serenity` });
      for (const m of world.slice(40, 50)) target.remove(m.id);
      target.upsert({ ...world[60]!, id: 'not-a-uuid', slug: 'fresh' });
      target.refresh(now + 9 * 86_400_000);
    }
    const later = queries.map((q) => ({ ...q, now: now + 9 * 86_400_000 }));
    for (const q of later) expect(search(loaded, q)).toEqual(search(index, q));
    expect(loaded.summaryById('not-a-uuid')?.slug).toBe('fresh');
    expect(loaded.summaryById(world[45]!.id)).toBeUndefined();
  });

  it('writes only once nothing changed meanwhile, through a file only its owner reads', async () => {
    const index = SearchIndex.build(randomWorld(50, 22), { now });
    const prepared = runSteps(snapshotWriteSteps(index, key));
    expect(await writeSnapshotFile(file, prepared, () => false)).toBe(false);
    expect((await readSnapshotFile(file, key)) as object).toEqual({ miss: 'missing' });
    expect(await writeSnapshotFile(file, prepared, () => true)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('says why it cannot be used: missing, another database, stale, another format, damaged', async () => {
    expect(await readSnapshotFile(file, key)).toEqual({ miss: 'missing' });
    await save(SearchIndex.build(randomWorld(60, 23), { now }));
    expect(await readSnapshotFile(file, { ...key, identity: 'sqlite:1:3' })).toEqual({
      miss: 'other-database',
    });
    expect(await readSnapshotFile(file, { ...key, revision: 8 })).toMatchObject({ miss: 'stale' });
    // Older than the store: used only when the caller says it can bring it forward, never newer.
    const asked: [number, number][] = [];
    const behind = (revision: number, meetings: number) => {
      asked.push([revision, meetings]);
      return Promise.resolve(true);
    };
    const forward = await readSnapshotFile(file, { ...key, revision: 8 }, behind);
    expect(forward).toMatchObject({ revision: key.revision });
    expect(asked).toEqual([[key.revision, 60]]);
    expect(
      await readSnapshotFile(file, { ...key, revision: 8 }, () => Promise.resolve(false)),
    ).toMatchObject({ miss: 'stale' });
    expect(
      await readSnapshotFile(file, { ...key, revision: key.revision - 1 }, behind),
    ).toMatchObject({ miss: 'stale' });

    const bytes = readFileSync(file);
    const other = Buffer.from(bytes);
    const at = other.indexOf(`"format":${SNAPSHOT_FORMAT}`);
    other.write('"format":9', at, 'latin1');
    writeFileSync(file, other);
    expect(await readSnapshotFile(file, key)).toMatchObject({ miss: 'format' });

    const flipped = Buffer.from(bytes);
    flipped.writeUInt8(flipped.readUInt8(flipped.length - 100) ^ 0xff, flipped.length - 100);
    writeFileSync(file, flipped);
    expect(await readSnapshotFile(file, key)).toMatchObject({ miss: 'corrupt' });

    writeFileSync(file, bytes.subarray(0, bytes.length >> 1));
    expect(await readSnapshotFile(file, key)).toMatchObject({ miss: 'corrupt' });
    writeFileSync(file, bytes.subarray(0, 20));
    expect(await readSnapshotFile(file, key)).toMatchObject({ miss: 'corrupt' });
    writeFileSync(file, 'not a snapshot');
    expect(await readSnapshotFile(file, key)).toMatchObject({ miss: 'corrupt' });
  });
});
