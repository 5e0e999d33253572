/**
 * What the server writes under DATA_DIR is private: the database holds people's email addresses
 * and the outbox their sign-in links. A fresh start creates the folder 0700 and every file 0600,
 * and the database syncs each commit to disk (synchronous=FULL) unless an operator chose otherwise.
 */
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.js';
import { systemClock } from '../src/platform/clock.js';
import { loadConfig } from '../src/platform/config.js';
import { OutboxMailer } from '../src/platform/mail/outbox-mailer.js';

const mode = (path: string) => statSync(path).mode & 0o777;

async function startFresh(env: NodeJS.ProcessEnv): Promise<App> {
  const config = loadConfig({ PORCHLIGHT_DEMO: '0', ...env });
  return createApp(config, { logger: pino({ level: 'silent' }) });
}

async function synchronous(app: App): Promise<number> {
  const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(app.database.db);
  return rows[0]!.synchronous;
}

describe('a fresh start on the default SQLite file', () => {
  it('creates DATA_DIR 0700 and the database with its -wal, -shm and index snapshot files 0600', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'porchlight-data-')), 'data');
    const app = await startFresh({ DATA_DIR: dataDir });
    try {
      expect(app.config.databaseUrl).toBe(`sqlite:${join(dataDir, 'porchlight.db')}`);
      expect(mode(dataDir)).toBe(0o700);
      // The search index snapshot is written once the first build is idle.
      await app.search.idle();
      const files = readdirSync(dataDir).sort();
      expect(files).toEqual([
        'porchlight.db',
        'porchlight.db-shm',
        'porchlight.db-wal',
        'porchlight.db.search-index',
      ]);
      for (const file of files) expect(mode(join(dataDir, file))).toBe(0o600);
      expect(await synchronous(app)).toBe(2);
    } finally {
      await app.close();
    }
  });

  it('takes PORCHLIGHT_SQLITE_SYNCHRONOUS=normal when an operator trades durability for speed', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'porchlight-data-')), 'data');
    const app = await startFresh({ DATA_DIR: dataDir, PORCHLIGHT_SQLITE_SYNCHRONOUS: 'normal' });
    try {
      expect(await synchronous(app)).toBe(1);
    } finally {
      await app.close();
    }
  });

  it('refuses an unknown synchronous mode at start', () => {
    expect(() => loadConfig({ PORCHLIGHT_SQLITE_SYNCHRONOUS: 'off' })).toThrow(
      /PORCHLIGHT_SQLITE_SYNCHRONOUS must be full, normal, extra/,
    );
    expect(loadConfig({}).sqliteSynchronous).toBe('full');
    expect(loadConfig({ PORCHLIGHT_SQLITE_SYNCHRONOUS: 'NORMAL' }).sqliteSynchronous).toBe(
      'normal',
    );
  });
});

describe('the outbox under a DATA_DIR that does not exist yet (PostgreSQL deployments)', () => {
  it('creates DATA_DIR and the outbox 0700 and each message 0600', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'porchlight-data-')), 'data');
    const outbox = join(dataDir, 'outbox');
    const mailer = new OutboxMailer({
      directory: outbox,
      from: 'p@example.org',
      clock: systemClock,
    });
    await mailer.send({ to: 'sam@example.org', subject: 'Hello', text: 'Body' });
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(outbox)).toBe(0o700);
    const [message] = readdirSync(outbox);
    expect(mode(join(outbox, message!))).toBe(0o600);
  });
});
