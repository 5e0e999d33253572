import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { importSource } from '../src/sources/import-source.js';
import { bmltFormats, bmltRow, bmltServiceBodies } from './factories/bmlt.js';
import { createTestApp } from './support/app.js';
import {
  bmltResponder,
  startFeedServer,
  type BmltServerAnswers,
  type FeedServer,
} from './support/feed-server.js';

/**
 * BMLT import end to end: a local server plays a root server's semantic interface, answering
 * well and then misbehaving on purpose; the importer reads it through the real Fetcher port and
 * limits into a real database, and every failure keeps the previous list and says why.
 */
const meetings = [
  bmltRow(),
  bmltRow({
    id_bigint: '1002',
    meeting_name: 'Online Hope',
    venue_type: '2',
    weekday_tinyint: '1',
    start_time: '10:00:00',
    format_shared_id_list: '54,125',
    location_street: '',
    virtual_meeting_link: 'https://zoom.us/j/85551234567',
    service_body_bigint: '4',
  }),
  bmltRow({ id_bigint: '1003', meeting_name: 'Hidden', published: '0' }),
];
const healthy: BmltServerAnswers = {
  meetings,
  formats: bmltFormats,
  serviceBodies: bmltServiceBodies,
};

describe('BMLT import from a root server', { timeout: 60_000 }, () => {
  let app: App;
  let server: FeedServer;
  let root: string;

  beforeAll(async () => {
    server = await startFeedServer();
    root = `${server.origin}/main_server/`;
    app = await createTestApp({ feedTimeoutMs: 1500 });
  });
  afterAll(async () => {
    await app.close();
    await server.close();
  });
  beforeEach(() => server.respond(bmltResponder(healthy)));

  const sourceId = async (name: string) => (await app.repos.sources.findByName(name))!.id;
  const snapshot = async (name: string) =>
    (await app.repos.meetings.page({ limit: 100, sourceId: await sourceId(name) })).map((m) => ({
      id: m.id,
      slug: m.slug,
      name: m.name,
      updatedAt: m.updatedAt,
    }));

  it('imports a root server’s meetings as NA, tells the format from the URL, and refreshes', async () => {
    const report = await importSource(app.importDeps, { source: 'mountain', location: root });
    expect(report).toMatchObject({
      outcome: 'applied',
      format: 'bmlt',
      rowCount: 2,
      added: 2,
      errorCount: 0,
    });
    expect(await app.repos.sources.findByName('mountain')).toMatchObject({
      format: 'bmlt',
      program: 'na',
    });
    const online = (await app.repos.meetings.page({ limit: 10 })).find(
      (m) => m.name === 'Online Hope',
    )!;
    expect(online).toMatchObject({
      program: 'na',
      attendance: 'online',
      languages: ['de'],
      schedule: [{ kind: 'weekly', day: 0, start: '10:00', durationMinutes: 90 }],
      place: { regions: ['Mountain Region', 'Hill Area'] },
      provenance: { sourceSlug: '1002' },
    });
    expect(server.requests).toEqual(
      expect.arrayContaining([
        '/main_server/client_interface/json/?switcher=GetSearchResults',
        '/main_server/client_interface/json/?switcher=GetFormats',
        '/main_server/client_interface/json/?switcher=GetServiceBodies',
      ]),
    );

    const again = await importSource(app.importDeps, { source: 'mountain', location: root });
    expect(again).toMatchObject({ outcome: 'unchanged', unchanged: 2, added: 0, removed: 0 });

    // Searchable at once: the index follows the import.
    const search = await app.server.inject({ url: '/api/v1/search?program=na&attendance=online' });
    expect(search.statusCode).toBe(200);
    expect(JSON.stringify(search.json())).toContain('Online Hope');
  });

  it('asks only for the service bodies the source names', async () => {
    server.requests.length = 0;
    const report = await importSource(app.importDeps, {
      source: 'valley',
      location: `${root}?services=3&recursive=1`,
      format: 'bmlt',
    });
    expect(report.outcome).toBe('applied');
    expect(server.requests).toContain(
      '/main_server/client_interface/json/?switcher=GetSearchResults&services[]=3&recursive=1',
    );
  });

  describe('a misbehaving server', () => {
    const cases: [string, string, Partial<BmltServerAnswers>][] = [
      [
        'a 500 answer',
        'PL_FEED_HTTP_STATUS',
        { meetings: { kind: 'text', status: 500, body: 'Internal Server Error' } },
      ],
      ['a stalled answer', 'PL_FEED_TIMEOUT', { meetings: { kind: 'hang' } }],
      [
        'a body cut short',
        'PL_FEED_TRUNCATED',
        { meetings: { kind: 'truncate', body: JSON.stringify(meetings), keep: 700 } },
      ],
      [
        'an HTML error page',
        'PL_FEED_NOT_JSON',
        {
          meetings: {
            kind: 'text',
            contentType: 'text/html; charset=utf-8',
            body: '<!doctype html><html><head><title>Database Error</title></head><body>Sorry</body></html>',
          },
        },
      ],
      [
        'a changed format',
        'PL_FEED_FORMAT_CHANGED',
        { meetings: meetings.map(({ weekday_tinyint: _w, start_time: _s, ...rest }) => rest) },
      ],
      [
        'every row broken',
        'PL_FEED_NO_VALID_ROWS',
        { meetings: meetings.map((m) => ({ ...m, weekday_tinyint: '0' })) },
      ],
      [
        'a missing format list',
        'PL_FEED_HTTP_STATUS',
        { formats: { kind: 'text', status: 404, body: 'Not Found' } },
      ],
      [
        'formats in another shape',
        'PL_FEED_FORMAT_CHANGED',
        { formats: { kind: 'json', body: { formats: 'none' } } },
      ],
    ];

    it.each(cases)(
      'keeps the previous list on %s and reports %s',
      async (_label, code, answers) => {
        await importSource(app.importDeps, { source: 'faulty', location: root });
        const before = await snapshot('faulty');
        expect(before).toHaveLength(2);
        server.respond(bmltResponder({ ...healthy, ...answers }));
        const report = await importSource(app.importDeps, { source: 'faulty', location: root });
        expect(report).toMatchObject({ outcome: 'failed', error: { code } });
        expect(await snapshot('faulty')).toEqual(before);
        // The source's status says what went wrong, through the API as well.
        const status = await app.server.inject({ url: '/api/v1/sources/faulty' });
        expect(status.statusCode).toBe(200);
        expect(status.json()).toMatchObject({
          format: 'bmlt',
          meetingCount: 2,
          lastReport: { outcome: 'failed', error: { code } },
        });
      },
    );

    it('reads a Latin-1 answer without losing its letters, and says so', async () => {
      const latin = JSON.stringify([
        bmltRow({ meeting_name: 'Straße der Hoffnung', location_street: 'Müllerstraße 1' }),
      ]);
      server.respond(
        bmltResponder({
          ...healthy,
          meetings: {
            kind: 'text',
            contentType: 'application/json',
            body: Buffer.from(latin, 'latin1'),
          },
        }),
      );
      const report = await importSource(app.importDeps, { source: 'latin', location: root });
      expect(report).toMatchObject({ outcome: 'applied', added: 1 });
      expect(report.problems).toEqual([
        expect.objectContaining({ index: -1, code: 'PL_FEED_ENCODING', severity: 'warning' }),
      ]);
      const [meeting] = await app.repos.meetings.page({
        limit: 1,
        sourceId: await sourceId('latin'),
      });
      expect(meeting).toMatchObject({
        name: 'Straße der Hoffnung',
        place: { address: { street: 'Müllerstraße 1' } },
      });
    });
  });
});
