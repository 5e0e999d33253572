import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { mergeDuplicates, splitDuplicate } from '../src/sources/duplicates-merge.js';
import { importFeed } from '../src/sources/import-feed.js';
import { mgOnlineRow, mgRow } from './factories/meeting-guide.js';
import { createTestApp } from './support/app.js';
import { testDialects } from './support/databases.js';
import { manualClock } from './support/manual-clock.js';

/**
 * "One meeting, shown once": overlapping sources are imported through the real import path into
 * each dialect; the API lists, the search, the exports and the duplicates report are read back.
 */
const intergroup = [
  mgRow({ slug: 'big-book', name: 'Greenfield Big Book', day: 2, time: '19:00' }),
  mgOnlineRow({ slug: 'hilltowns', name: 'Hilltowns Online', day: 1, time: '12:00' }),
  mgRow({ slug: 'steps', name: 'Step Study', day: 4, time: '19:00' }),
];
const district = [
  // The same room, 20 m off and under another name.
  mgRow({
    slug: 'gbb-tuesday',
    name: 'Big Book (Tuesday)',
    day: 2,
    time: '19:00',
    latitude: 42.5876 + 20 / 111_195,
  }),
  // The same Zoom room, through another subdomain and with a passcode.
  mgOnlineRow({
    slug: 'hilltowns-noon',
    name: 'Hilltowns Noon',
    day: 1,
    time: '12:00',
    conference_url: 'https://us02web.zoom.us/j/85551234567?pwd=Zm9v',
  }),
  // Same church, another hour: another meeting.
  mgRow({ slug: 'early-bird', name: 'Early Bird', day: 2, time: '07:00' }),
];
const statewide = [
  // The same Zoom room at another time: another meeting.
  mgOnlineRow({ slug: 'hilltowns-evening', name: 'Hilltowns Evening', day: 1, time: '20:00' }),
];

interface MeetingView {
  slug: string;
  duplicateOf?: string;
  alsoListedBy?: { source: string; slug: string }[];
}

describe.each(testDialects)('merging duplicates on $name', { timeout: 120_000 }, ({ url }) => {
  let app: App;
  const clock = manualClock('2026-11-02T10:00:00.000Z');

  beforeEach(async () => {
    app = await createTestApp({ databaseUrl: url }, { clock });
  });
  afterEach(async () => app.close());

  const load = async (order: [string, unknown[]][]) => {
    for (const [source, rows] of order) {
      clock.advance(1000);
      await importFeed(app.importDeps, { source, location: 'test', rows });
    }
  };
  const get = async <T>(path: string) => (await app.server.inject({ url: path })).json<T>();
  const listed = async () =>
    (await get<{ meetings: MeetingView[] }>('/api/v1/meetings?limit=100')).meetings;
  const clusters = async () =>
    (
      await get<{
        clusters: {
          canonical: { slug: string; source: string };
          duplicates: { slug: string; source: string; reasons: string[] }[];
        }[];
      }>('/api/v1/duplicates')
    ).clusters;

  it('shows each meeting once everywhere, keeping every source on it', async () => {
    await load([
      ['intergroup', intergroup],
      ['district', district],
      ['statewide', statewide],
    ]);
    expect(await clusters()).toEqual([
      {
        canonical: expect.objectContaining({ slug: 'big-book', source: 'intergroup' }),
        duplicates: [
          expect.objectContaining({ slug: 'gbb-tuesday', source: 'district', reasons: ['place'] }),
        ],
      },
      {
        canonical: expect.objectContaining({ slug: 'hilltowns', source: 'intergroup' }),
        duplicates: [
          expect.objectContaining({
            slug: 'hilltowns-noon',
            source: 'district',
            reasons: ['online'],
          }),
        ],
      },
    ]);

    // The API's list, the search, the Meeting Guide feed and the sheet: five meetings, not seven.
    const shown = (await listed()).map((m) => m.slug).sort();
    expect(shown).toEqual(['big-book', 'early-bird', 'hilltowns', 'hilltowns-evening', 'steps']);
    const search = await get<{ results: { slug: string }[] }>(
      '/api/v1/search?q=&limit=50&attendance=in_person,online',
    );
    expect(search.results.map((r) => r.slug).sort()).toEqual(shown);
    const feed = await get<{ slug: string }[]>('/meeting-guide.json');
    expect(new Set(feed.map((r) => r.slug.replace(/-\d$/, ''))).size).toBe(feed.length);
    expect(feed.some((r) => r.slug.startsWith('gbb-tuesday'))).toBe(false);
    const sheet = await app.server.inject({ url: '/meetings.csv' });
    expect(sheet.body).not.toContain('Big Book (Tuesday)');

    // Each source's own row is kept and still opens by its slug, pointing at the shown entry.
    const hidden = await get<MeetingView>('/api/v1/meetings/gbb-tuesday');
    expect(hidden).toMatchObject({
      duplicateOf: 'big-book',
      alsoListedBy: [{ source: 'intergroup', slug: 'big-book' }],
    });
    const canonical = await get<MeetingView>('/api/v1/meetings/big-book');
    expect(canonical.duplicateOf).toBeUndefined();
    expect(canonical.alsoListedBy).toEqual([
      { source: 'district', sourceSlug: 'gbb-tuesday', slug: 'gbb-tuesday' },
    ]);
    const ofDistrict = await get<{ meetings: MeetingView[] }>(
      '/api/v1/meetings?source=district&limit=10',
    );
    expect(ofDistrict.meetings).toHaveLength(3);

    // Idempotent: merging again, or re-importing the same feeds, changes nothing.
    const revision = await app.repos.revision.current();
    expect(await mergeDuplicates(app.importDeps)).toBeUndefined();
    await load([['district', districtRows()]]);
    expect(await app.repos.revision.current()).toBe(revision);
  });

  it('merges the same way whatever order the sources arrive in', async () => {
    await load([
      ['statewide', statewide],
      ['district', district],
      ['intergroup', intergroup],
    ]);
    const members = (await clusters()).map((c) =>
      [c.canonical, ...c.duplicates].map((m) => `${m.source}/${m.slug}`).sort(),
    );
    expect(members.sort()).toEqual([
      ['district/gbb-tuesday', 'intergroup/big-book'],
      ['district/hilltowns-noon', 'intergroup/hilltowns'],
    ]);
    // The oldest listing is shown: here the district's, imported first.
    expect((await listed()).map((m) => m.slug)).toContain('gbb-tuesday');
  });

  it('lets an editor split a wrong merge, and a refresh does not merge it again', async () => {
    await load([
      ['intergroup', intergroup],
      ['district', district],
    ]);
    const { split } = await splitDuplicate(app.importDeps, 'gbb-tuesday');
    expect(split).toEqual(['big-book']);
    expect((await clusters()).map((c) => c.canonical.slug)).toEqual(['hilltowns']);
    expect((await listed()).map((m) => m.slug)).toContain('gbb-tuesday');
    const search = await get<{ results: { slug: string }[] }>(
      '/api/v1/search?q=big%20book&limit=10',
    );
    expect(search.results.map((r) => r.slug).sort()).toEqual(['big-book', 'gbb-tuesday']);

    // A changed feed triggers merging again: the split pair stays apart.
    await load([['district', districtRows({ 2: 'Early Bird (moved)' })]]);
    expect((await clusters()).map((c) => c.canonical.slug)).toEqual(['hilltowns']);
    await expect(splitDuplicate(app.importDeps, 'gbb-tuesday')).rejects.toMatchObject({
      code: 'PL_NOT_A_DUPLICATE',
    });
    await expect(splitDuplicate(app.importDeps, 'nope')).rejects.toMatchObject({
      code: 'PL_MEETING_NOT_FOUND',
    });
  });

  it('shows a meeting again when its duplicate leaves the other source', async () => {
    await load([
      ['intergroup', intergroup],
      ['district', district],
    ]);
    // The intergroup drops its Zoom meeting: the district's listing is shown in its place.
    await load([['intergroup', intergroup.filter((r) => r.slug !== 'hilltowns')]]);
    const shown = (await listed()).map((m) => m.slug);
    expect(shown).toContain('hilltowns-noon');
    const search = await get<{ results: { slug: string }[] }>(
      '/api/v1/search?q=hilltowns&limit=10',
    );
    expect(search.results.map((r) => r.slug)).toEqual(['hilltowns-noon']);
  });
});

function districtRows(rename: Record<number, string> = {}) {
  return district.map((row, i) => (rename[i] === undefined ? row : { ...row, name: rename[i] }));
}
