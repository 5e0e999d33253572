import { randomBytes } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/platform/database/connect.js';
import { migrateToLatest } from '../../src/platform/database/migrate.js';
import { PGliteDialect } from '../../src/platform/database/pglite-driver.js';
import type { Database } from '../../src/platform/database/schema.js';

/**
 * The dialect matrix every storage test runs on: SQLite and PGlite always, and the real
 * PostgreSQL server when PORCHLIGHT_TEST_POSTGRES_URL names one (CI sets it).
 */
export const testDialects: { name: string; url: string }[] = [
  { name: 'sqlite', url: 'sqlite::memory:' },
  { name: 'pglite', url: 'pglite:memory' },
  ...(process.env.PORCHLIGHT_TEST_POSTGRES_URL
    ? [{ name: 'postgres', url: process.env.PORCHLIGHT_TEST_POSTGRES_URL }]
    : []),
];

/** True when a URL names a real PostgreSQL server (not PGlite). */
export function isServerUrl(url: string): boolean {
  return url.startsWith('postgres://') || url.startsWith('postgresql://');
}

/**
 * A migrated, empty database for one test. On a real server each test gets its own schema,
 * dropped on close, so tests never see each other's rows.
 */
export async function openTestDatabase(url: string): Promise<DatabaseHandle> {
  const handle =
    url === 'pglite:memory' ? await openPGliteSchema() : await openDatabase(await isolatedUrl(url));
  await migrateToLatest(handle.db as never);
  return handle;
}

let sharedPGlite: Promise<PGlite> | undefined;

/**
 * A fresh schema in the test file's one PGlite. Starting a PGlite costs seconds (most of a
 * storage test's time on a busy machine); a schema costs milliseconds and isolates the same way
 * a schema per test does on the real server.
 */
async function openPGliteSchema(): Promise<DatabaseHandle> {
  sharedPGlite ??= (async () => {
    const { PGlite } = await import('@electric-sql/pglite');
    const pglite = new PGlite();
    await pglite.waitReady;
    return pglite;
  })();
  const pglite = await sharedPGlite;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await pglite.exec(`create schema ${schema}`);
  const db = new Kysely<Database>({
    dialect: new PGliteDialect(pglite, { schema, sharedInstance: true }),
  });
  return {
    db,
    dialect: 'postgres',
    description: 'pglite (in memory)',
    close: async () => {
      await db.destroy();
      await pglite.exec(`drop schema ${schema} cascade`);
    },
  };
}

/** A URL whose connections use a fresh schema (real PostgreSQL), or the URL itself. */
export async function isolatedUrl(url: string): Promise<string> {
  if (!isServerUrl(url)) return url;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`create schema ${schema}`);
  } finally {
    await client.end();
  }
  const separator = url.includes('?') ? '&' : '?';
  return `${url}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}
