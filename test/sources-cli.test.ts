import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mgOnlineRow, mgRow } from './factories/meeting-guide.js';
import { startFeedServer, type FeedServer } from './support/feed-server.js';

const root = join(import.meta.dirname, '..');
const databaseUrl = `sqlite:${join(mkdtempSync(join(tmpdir(), 'porchlight-sources-')), 'cli.db')}`;

/** Runs the real `porchlight` binary; asynchronously, so the feed server here can answer it. */
function porchlight(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(root, 'bin', 'porchlight.js'), ...args],
      {
        cwd: root,
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl,
          LOG_LEVEL: 'silent',
          // The feed server here is on the loopback, allowed as an operator allows a local mirror.
          FEED_ALLOW_PRIVATE: 'loopback',
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : Number(error.code ?? 1), stdout, stderr }),
    );
  });
}

describe('porchlight sources and duplicates', { timeout: 180_000 }, () => {
  let server: FeedServer;
  const feed = [
    mgRow({ slug: 'big-book', name: 'Greenfield Big Book' }),
    mgOnlineRow({ slug: 'hilltowns', name: 'Hilltowns Online', day: 1 }),
  ];

  beforeAll(async () => {
    server = await startFeedServer();
    server.respond((url) =>
      url.pathname === '/feed.json'
        ? { kind: 'json', body: feed, headers: { etag: '"one"' } }
        : url.pathname === '/one.json'
          ? { kind: 'json', body: [mgOnlineRow({ slug: 'solo', name: 'Solo Online', day: 3 })] }
          : undefined,
    );
  });
  afterAll(async () => server.close());

  it('adds, lists and refreshes sources; lists and splits duplicates', async () => {
    const added = await porchlight(
      'sources',
      'add',
      'county',
      `${server.origin}/feed.json`,
      '--format',
      'meeting-guide',
      '--every',
      '2h',
      '--json',
    );
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({
      created: true,
      every: 7200,
      report: { outcome: 'applied', added: 2 },
    });

    const refreshed = await porchlight('sources', 'refresh', 'county');
    expect(refreshed.code).toBe(0);
    expect(refreshed.stdout).toContain('county: unchanged');

    const copy = await porchlight(
      'sources',
      'add',
      'state',
      `${server.origin}/feed.json`,
      '--format',
      'meeting-guide',
    );
    expect(copy.code).toBe(0);
    expect(copy.stdout).toContain('refreshed every 1d');

    const list = JSON.parse((await porchlight('sources', 'list', '--json')).stdout) as {
      sources: { name: string; meetingCount: number; refresh?: { every?: string } }[];
    };
    expect(list.sources.map((s) => [s.name, s.meetingCount, s.refresh?.every])).toEqual([
      ['county', 2, '2h'],
      ['state', 2, '1d'],
    ]);
    expect((await porchlight('sources', 'list')).stdout).toMatch(
      /county\s+meeting-guide\s+2 meetings\s+every 2h/,
    );

    const duplicates = JSON.parse((await porchlight('duplicates', '--json')).stdout) as {
      clusters: { canonical: { slug: string }; duplicates: { slug: string }[] }[];
    };
    expect(duplicates.clusters.map((c) => c.canonical.slug)).toEqual(['big-book', 'hilltowns']);
    const hidden = duplicates.clusters[0]!.duplicates[0]!.slug;
    const split = await porchlight('duplicates', 'split', hidden);
    expect(split.code).toBe(0);
    expect(split.stdout).toContain('never merged with big-book');
    expect((await porchlight('duplicates')).stdout).toContain(
      '1 meeting is listed by more than one source',
    );
    const one = await porchlight(
      'sources',
      'add',
      'one',
      `${server.origin}/one.json`,
      '--format',
      'meeting-guide',
    );
    expect(one.stdout).toContain('one: applied. 1 row; 1 added');
    expect((await porchlight('sources', 'list')).stdout).toMatch(
      /one\s+meeting-guide\s+1 meeting\s+every 1d/,
    );

    const stale = JSON.parse((await porchlight('sources', 'stale', '--json')).stdout) as {
      staleAfter: string;
      meetings: unknown[];
    };
    expect(stale).toEqual({ staleAfter: '365d', meetings: [] });
  });

  it('registers a source refreshed only on request with --every never', async () => {
    const added = await porchlight(
      'sources',
      'add',
      'on-request',
      `${server.origin}/feed.json`,
      '--format',
      'meeting-guide',
      '--every',
      'never',
      '--json',
    );
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({
      created: true,
      every: null,
      report: { outcome: 'applied' },
    });
    const list = JSON.parse((await porchlight('sources', 'list', '--json')).stdout) as {
      sources: { name: string; refresh?: { every?: string; nextRunAt?: string } }[];
    };
    const source = list.sources.find((s) => s.name === 'on-request');
    expect(source?.refresh?.every).toBeUndefined();
    expect(source?.refresh?.nextRunAt).toBeUndefined();
    const text = await porchlight(
      'sources',
      'add',
      'on-request',
      `${server.origin}/feed.json`,
      '--format',
      'meeting-guide',
      '--every',
      'never',
    );
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('on-request: updated, refreshed only on request.');
  });

  it('removes the README’s trial import from the public list, and restores it', async () => {
    const fixture = join(root, 'test', 'fixtures', 'meeting-guide', 'with-problems.json');
    const imported = await porchlight('import', fixture, '--source', 'demo-check');
    expect(imported.code).toBe(0);
    expect((await porchlight('export')).stdout).toContain('Fine Meeting');

    const removed = await porchlight('sources', 'remove', 'demo-check');
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('demo-check: removed with its 2 meetings');
    expect((await porchlight('export')).stdout).not.toContain('Fine Meeting');
    const list = JSON.parse((await porchlight('sources', 'list', '--json')).stdout) as {
      sources: { name: string }[];
    };
    expect(list.sources.map((s) => s.name)).not.toContain('demo-check');
    const gone = JSON.parse((await porchlight('sources', 'removed', '--json')).stdout) as {
      removed: { source: { name: string }; meetingCount: number; removedBy?: string }[];
    };
    expect(gone.removed).toMatchObject([{ source: { name: 'demo-check' }, meetingCount: 2 }]);
    expect(gone.removed[0]!.removedBy).toBeUndefined();

    const restored = await porchlight('sources', 'restore', 'demo-check', '--json');
    expect(restored.code).toBe(0);
    expect(JSON.parse(restored.stdout)).toMatchObject({ source: 'demo-check', meetings: 2 });
    expect((await porchlight('export')).stdout).toContain('Fine Meeting');
    expect((await porchlight('sources', 'remove', 'demo-check', '--json')).code).toBe(0);

    const unknown = await porchlight('sources', 'remove', 'nowhere');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('PL_SOURCE_NOT_FOUND');
    const nothing = await porchlight('sources', 'restore', 'nowhere');
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toContain('PL_SOURCE_NOT_FOUND');
  });

  it('says what is wrong with a stable code and exit code', async () => {
    const badInterval = await porchlight(
      'sources',
      'add',
      'x',
      'x.json',
      '--format',
      'csv',
      '--every',
      '10s',
    );
    expect(badInterval.code).toBe(2);
    expect(badInterval.stderr).toContain('--every');
    const nothing = await porchlight('sources', 'approve', 'county');
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toContain('PL_NOTHING_HELD');
    const unknown = await porchlight('sources', 'refresh', 'nowhere');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('PL_SOURCE_NOT_FOUND');
  });
});
