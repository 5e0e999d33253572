import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { createOfflineGeocoder } from '../src/places/gazetteer.js';
import { restoreBackup } from '../src/platform/backup/restore-backup.js';
import { writeBackup } from '../src/platform/backup/write-backup.js';
import { fixedClock } from '../src/platform/clock.js';
import { loadConfig } from '../src/platform/config.js';
import { openDatabase } from '../src/platform/database/connect.js';
import { migrateOnly, migrateToLatest, migrationNames } from '../src/platform/database/migrate.js';
import { PorchlightError } from '../src/platform/errors.js';
import { isolatedUrl } from './support/databases.js';

/**
 * Backup and restore through the real server's wiring: a demo store (meetings, the demo center
 * with its sealed members, resources) is backed up, restored into the same and the other dialect,
 * and backed up again: every table's row count and digest must be the same.
 */
const dir = mkdtempSync(join(tmpdir(), 'porchlight-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const clock = fixedClock('2026-12-07T12:00:00Z');
const geocoder = createOfflineGeocoder();
const postgres = process.env.PORCHLIGHT_TEST_POSTGRES_URL;
let n = 0;

async function emptyUrl(dialect: 'sqlite' | 'postgres'): Promise<string> {
  n += 1;
  return dialect === 'sqlite' ? `sqlite:${join(dir, `db-${n}.db`)}` : isolatedUrl(postgres ?? '');
}

/** Starts the real app on a database (seeding the demo on a fresh one), asks it one search, stops. */
async function serveAndSearch(databaseUrl: string): Promise<number> {
  const config = loadConfig(
    {},
    { databaseUrl, dataDir: dir, demo: true, publicUrl: 'https://meetings.example.org' },
  );
  const app = await createApp(config, { logger: pino({ level: 'silent' }), geocoder });
  try {
    const answer = await app.server.inject('/api/v1/search?near=01301&radius=30');
    expect(answer.statusCode).toBe(200);
    return answer.json<{ total: number }>().total;
  } finally {
    await app.close();
  }
}

function code(error: unknown): string | undefined {
  return error instanceof PorchlightError ? error.code : undefined;
}

type Dialect = 'sqlite' | 'postgres';
const pairs: [Dialect, Dialect][] = [
  ['sqlite', 'sqlite'],
  ...(postgres
    ? ([
        ['postgres', 'postgres'],
        ['sqlite', 'postgres'],
        ['postgres', 'sqlite'],
      ] satisfies [Dialect, Dialect][])
    : []),
];

describe('backup and restore', () => {
  it.each(pairs)('round-trips every table from %s into %s', async (from, to) => {
    const source = await emptyUrl(from);
    const total = await serveAndSearch(source);
    expect(total).toBeGreaterThan(0);
    const file = join(dir, `backup-${from}-${to}.gz`);
    const first = await writeBackup(source, file, clock);
    expect(first.rows).toBeGreaterThan(100);
    expect(first.tables.center_members?.rows).toBeGreaterThan(0);
    expect(statSync(file).mode & 0o077).toBe(0);

    const target = await emptyUrl(to);
    const restored = await restoreBackup(target, file);
    expect(restored.rows).toBe(first.rows);
    expect(restored.upgraded).toEqual([]);

    const again = await writeBackup(target, join(dir, `again-${from}-${to}.gz`), clock);
    expect(again.tables).toEqual(first.tables);
    // The restored store serves the same answers, and is not seeded a second time.
    expect(await serveAndSearch(target)).toBe(total);
    expect((await writeBackup(target, join(dir, `third-${from}-${to}.gz`), clock)).rows).toBe(
      first.rows,
    );
  });

  it.each(pairs.filter(([from, to]) => from === to))(
    'takes one snapshot while another connection keeps writing (%s)',
    async (dialect) => {
      const url = await emptyUrl(dialect);
      const writer = await openDatabase(url);
      await migrateToLatest(writer.db as never);
      // Each transaction writes two rows: a backup from one point in time holds an even count.
      let stop = false;
      let written = 0;
      const writing = (async () => {
        while (!stop) {
          await writer.db.transaction().execute(async (trx) => {
            for (const side of ['a', 'b'])
              await trx
                .insertInto('store_meta')
                .values({ key: `pair-${written}-${side}`, value: 'x'.repeat(2000) })
                .execute();
          });
          written += 1;
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      try {
        while (written < 20) await new Promise((resolve) => setImmediate(resolve));
        const file = join(dir, `busy-${dialect}.gz`);
        const taken = await writeBackup(url, file, clock);
        const rows = taken.tables.store_meta?.rows ?? 0;
        expect(rows % 2).toBe(0);
        expect(rows).toBeGreaterThanOrEqual(40);
        const copy = await emptyUrl(dialect);
        expect((await restoreBackup(copy, file)).rows).toBe(taken.rows);
      } finally {
        stop = true;
        await writing;
        await writer.close();
      }
    },
  );

  it('refuses a backup from a newer Porchlight before touching the target', async () => {
    const source = await emptyUrl('sqlite');
    await serveAndSearch(source);
    const file = join(dir, 'newer.gz');
    await writeBackup(source, file, clock);
    const lines = gunzipSync(readFileSync(file)).toString().split('\n');
    const header = JSON.parse(lines[0] ?? '{}') as { migrations: string[] };
    header.migrations.push('9999-from-the-future');
    lines[0] = JSON.stringify(header);
    writeFileSync(file, gzipSync(lines.join('\n')));
    const target = await emptyUrl('sqlite');
    const failure = await restoreBackup(target, file).catch((e: unknown) => e);
    expect(code(failure)).toBe('PL_BACKUP_NEWER');
    expect((failure as Error).message).toContain('9999-from-the-future');
    expect(() => statSync(target.slice('sqlite:'.length))).toThrow();
  });

  it('refuses a damaged or cut backup and leaves the database it would replace as it was', async () => {
    const source = await emptyUrl('sqlite');
    await serveAndSearch(source);
    const file = join(dir, 'whole.gz');
    const whole = await writeBackup(source, file, clock);

    const target = await emptyUrl('sqlite');
    await restoreBackup(target, file);
    const before = (await writeBackup(target, join(dir, 'before.gz'), clock)).tables;

    const bytes = readFileSync(file);
    const cut = join(dir, 'cut.gz');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const lines = gunzipSync(bytes).toString().split('\n');
    const row = lines.findIndex((l) => l.startsWith('[') && l.includes('"'));
    lines[row] = (lines[row] ?? '').replace(/"([^"]*)"/, '"$1x"');
    const altered = join(dir, 'altered.gz');
    writeFileSync(altered, gzipSync(lines.join('\n')));
    const notBackup = join(dir, 'not-a-backup.gz');
    writeFileSync(notBackup, 'meeting list\n');

    for (const bad of [cut, altered, notBackup]) {
      const failure = await restoreBackup(target, bad, { replace: true }).catch((e: unknown) => e);
      expect(code(failure)).toBe('PL_BACKUP_INVALID');
    }
    const after = await writeBackup(target, join(dir, 'after.gz'), clock);
    expect(after.tables).toEqual(before);
    expect(after.rows).toBe(whole.rows);
  });

  it('restores into an empty database only, unless SQLite is told to replace', async () => {
    const source = await emptyUrl('sqlite');
    await serveAndSearch(source);
    const file = join(dir, 'busy.gz');
    await writeBackup(source, file, clock);
    const failure = await restoreBackup(source, file).catch((e: unknown) => e);
    expect(code(failure)).toBe('PL_RESTORE_NOT_EMPTY');
    expect((await restoreBackup(source, file, { replace: true })).tables).toBeGreaterThan(10);
  });

  it('upgrades a backup from an older schema with the migrations that came since', async () => {
    const older = await emptyUrl('sqlite');
    const handle = await openDatabase(older);
    const last = migrationNames[migrationNames.length - 1] ?? '';
    await migrateOnly(handle.db as never, migrationNames.slice(0, -1));
    await handle.close();
    const file = join(dir, 'older.gz');
    await writeBackup(older, file, clock);
    const target = await emptyUrl('sqlite');
    const restored = await restoreBackup(target, file);
    expect(restored.upgraded).toEqual([last]);
  });
});
