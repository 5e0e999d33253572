import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { renderMeetingsCsv } from '../src/feeds/csv/export-csv.js';
import type { MeetingDraft, Recurrence } from '../src/meetings/model.js';
import { importFeed } from '../src/sources/import-feed.js';
import { importSource } from '../src/sources/import-source.js';
import { meetingGuideFeed } from './factories/arbitraries.js';
import { mgOnlineRow, mgRow } from './factories/meeting-guide.js';
import { createTestApp } from './support/app.js';
import { startFeedServer, type FeedServer } from './support/feed-server.js';

const root = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'porchlight-csv-'));
let files = 0;
const csvFile = (text: string) => {
  const path = join(dir, `sheet-${files++}.csv`);
  writeFileSync(path, text);
  return path;
};

/** The fields that carry a meeting's meaning (as in the Meeting Guide round trip). */
const meaningful = [
  'name',
  'program',
  'focus',
  'attendance',
  'status',
  'timeZone',
  'place',
  'online',
  'group',
  'notes',
  'contributions',
  'entity',
] as const;

function meaning(meeting: MeetingDraft) {
  return {
    ...Object.fromEntries(meaningful.map((key) => [key, meeting[key]])),
    types: [...meeting.types].sort(),
    languages: [...meeting.languages].sort(),
    schedule: meeting.schedule.map((r: Recurrence) => JSON.stringify(r)).sort(),
  };
}

describe('CSV export then import', () => {
  it('keeps every meeting’s meaning', { timeout: 300_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(meetingGuideFeed(), async (feed) => {
        const app = await createTestApp();
        try {
          const first = await importFeed(app.importDeps, {
            source: 'generated',
            location: 'generated',
            rows: feed,
          });
          const stored = await app.repos.meetings.all();
          const { text } = await renderMeetingsCsv(app.repos, { publicUrl: 'https://x.example' });
          const report = await importSource(app.importDeps, {
            source: 'sheet',
            location: csvFile(text),
          });
          // The round trip adds no problem: the sheet says what the feed said (addresses
          // without coordinates are placed by ZIP code or town both times, and said so).
          expect(report).toMatchObject({
            format: 'csv',
            errorCount: 0,
            warningCount: first.warningCount,
          });
          expect(report.problems.map((p) => p.message)).toEqual(
            first.problems.map((p) => p.message),
          );
          const sheetId = (await app.repos.sources.findByName('sheet'))!.id;
          const reread = new Map(
            (await app.repos.meetings.page({ limit: 1000, sourceId: sheetId })).map((m) => [
              m.provenance.sourceSlug,
              m,
            ]),
          );
          expect(reread.size).toBe(stored.length);
          for (const meeting of stored) {
            const again = reread.get(meeting.slug);
            expect(again, meeting.slug).toBeDefined();
            expect(meaning(again!)).toEqual(meaning(meeting));
          }
        } finally {
          await app.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('CSV import and export through the server', { timeout: 120_000 }, () => {
  let app: App;
  let server: FeedServer;
  beforeAll(async () => {
    app = await createTestApp();
    server = await startFeedServer();
    await importFeed(app.importDeps, {
      source: 'franklin',
      location: 'test',
      rows: [
        mgRow(),
        mgOnlineRow(),
        mgRow({
          slug: 'formula',
          name: '=HYPERLINK("https://evil.example","Click")',
          notes: '+1 call',
        }),
      ],
    });
  });
  afterAll(async () => {
    await app.close();
    await server.close();
  });

  it('serves /meetings.csv with the template’s columns, guarded cells, an ETag and 304', async () => {
    const first = await app.server.inject({ url: '/meetings.csv' });
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('text/csv; charset=utf-8');
    const body = first.body;
    expect(
      body.startsWith(
        '\uFEFFTime,End Time,Day,Name,Location,Address,City,State,Postal Code,Country',
      ),
    ).toBe(true);
    expect(body).toContain('\r\n');
    expect(body).toContain(`"'=HYPERLINK(""https://evil.example"",""Click"")"`);
    expect(body).toContain(`'+1 call`);
    expect(body).toContain('Tuesday,Greenfield Big Book');
    const etag = first.headers.etag as string;
    const again = await app.server.inject({
      url: '/meetings.csv',
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
    const gzip = await app.server.inject({
      url: '/meetings.csv',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gzip.headers['content-encoding']).toBe('gzip');

    // The sheet reads back: the formula-like name and notes are what they were.
    const report = await importSource(app.importDeps, { source: 'copy', location: csvFile(body) });
    expect(report).toMatchObject({ outcome: 'applied', format: 'csv', added: 3, errorCount: 0 });
    const copy = await app.repos.meetings.page({
      limit: 10,
      sourceId: (await app.repos.sources.findByName('copy'))!.id,
    });
    expect(copy.find((m) => m.provenance.sourceSlug === 'formula')).toMatchObject({
      name: '=HYPERLINK("https://evil.example","Click")',
      notes: '+1 call',
    });
    // The copy lists the same meetings, so they are merged into the originals (each meeting is
    // shown once): the public sheet, and so its ETag, is unchanged.
    const unchanged = await app.server.inject({
      url: '/meetings.csv',
      headers: { 'if-none-match': etag },
    });
    expect(unchanged.statusCode).toBe(304);
  });

  it('reads a published Google Sheet’s CSV link, in the spreadsheet’s Windows encoding', async () => {
    const sheet = [
      'Time,Day,Name,Location,Address,City,State,Postal Code,Country,Types,Slug',
      '7:00 PM,Wednesday,Café Serenity,Salle Sainte-Anne,12 Rue Principale,Montréal,QC,H2X 1Y4,Canada,"Open, Discussion",cafe',
    ].join('\r\n');
    server.respond((url) =>
      url.pathname === '/spreadsheets/d/e/2PACX-sheet/pub'
        ? { kind: 'text', contentType: 'text/csv', body: Buffer.from(sheet, 'latin1') }
        : undefined,
    );
    const report = await importSource(app.importDeps, {
      source: 'montreal',
      location: `${server.origin}/spreadsheets/d/e/2PACX-sheet/pub?output=csv`,
      timeZone: 'America/Toronto',
    });
    expect(report).toMatchObject({ outcome: 'applied', format: 'csv', added: 1 });
    expect(report.problems.map((p) => p.code)).toEqual([
      'PL_PLACED_APPROXIMATELY',
      'PL_FEED_ENCODING',
    ]);
    const [meeting] = await app.repos.meetings.page({
      limit: 1,
      sourceId: (await app.repos.sources.findByName('montreal'))!.id,
    });
    expect(meeting).toMatchObject({
      name: 'Café Serenity',
      types: ['O', 'D'],
      schedule: [{ kind: 'weekly', day: 3, start: '19:00' }],
      place: { address: { city: 'Montréal', postalCode: 'H2X 1Y4' }, geocoded: 'town' },
    });
  });

  it('reports row-level problems by spreadsheet row and keeps the list when the sheet breaks', async () => {
    const good = csvFile(
      'Name,Day,Time,Address,City,State,Slug\nHope,Monday,19:00,1 Main St,Greenfield,MA,hope\n',
    );
    await importSource(app.importDeps, {
      source: 'rows',
      location: good,
      timeZone: 'America/New_York',
    });
    const bad = csvFile(
      'Name,Day,Time,Address,City,State,Slug\nHope,Monday,19:00,1 Main St,Greenfield,MA,hope\nBad,Someday,19:00,,,,bad\n',
    );
    const report = await importSource(app.importDeps, { source: 'rows', location: bad });
    expect(report.problems).toEqual([
      expect.objectContaining({ index: -1, code: 'PL_PLACED_APPROXIMATELY' }),
      expect.objectContaining({ row: 3, slug: 'bad', field: 'Day', code: 'PL_INVALID_DAY' }),
    ]);
    const broken = csvFile('Name,Day,Time\n"Hope,Monday,19:00\n');
    const failed = await importSource(app.importDeps, { source: 'rows', location: broken });
    expect(failed).toMatchObject({ outcome: 'failed', error: { code: 'PL_FEED_NOT_CSV' } });
    expect(
      await app.repos.meetings.count({
        sourceId: (await app.repos.sources.findByName('rows'))!.id,
      }),
    ).toBe(1);
  });
});

describe('porchlight import and export with CSV', () => {
  it(
    'imports a sheet told by its name and exports the directory as CSV',
    { timeout: 120_000 },
    () => {
      const env = {
        ...process.env,
        DATABASE_URL: `sqlite:${join(dir, 'cli.db')}`,
        LOG_LEVEL: 'silent',
      };
      const run = (...args: string[]) =>
        spawnSync(process.execPath, [join(root, 'bin', 'porchlight.js'), ...args], {
          cwd: root,
          encoding: 'utf8',
          env,
          timeout: 60_000,
        });
      const imported = run(
        'import',
        join(root, 'test', 'fixtures', 'csv', 'tsml-template.csv'),
        '--source',
        'sheet',
      );
      expect(imported.stdout).toContain('sheet: applied. 4 csv rows; 3 added');
      expect(imported.stdout).toContain('row 5 (broken-time) Time:');
      expect(imported.status).toBe(0);
      const out = join(dir, 'out.csv');
      const exported = run('export', '--format', 'csv', '-o', out);
      expect(exported.status).toBe(0);
      const text = readFileSync(out, 'utf8');
      expect(text.split('\r\n').filter(Boolean)).toHaveLength(4);
      expect(text).toContain('After Work Topic Meeting');
    },
  );
});
