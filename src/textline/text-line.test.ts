import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mgRow } from '../../test/factories/meeting-guide.js';
import { createTestApp } from '../../test/support/app.js';
import { manualClock } from '../../test/support/manual-clock.js';
import type { App } from '../app.js';
import { createKeyring } from '../platform/crypto/keyring.js';
import { importFeed } from '../sources/import-feed.js';
import { countSegments } from './sms-segments.js';

// Monday 7 December 2026, 10:00 in Greenfield.
const clock = manualClock('2026-12-07T15:00:00Z');
const from = '+14135550123';
let app: App;

beforeAll(async () => {
  app = await createTestApp({}, { clock, keyring: createKeyring(Buffer.alloc(32, 7)) });
  await importFeed(app.importDeps, {
    source: 'franklin',
    location: 'test',
    rows: [
      mgRow({ slug: 'big-book', name: 'Greenfield Big Book', day: 1, time: '19:00' }),
      mgRow({
        slug: 'turners',
        name: 'Turners Falls Women',
        day: 1,
        time: '12:00',
        types: ['W'],
        latitude: 42.6043,
        longitude: -72.5565,
        formatted_address: '1 Avenue A, Turners Falls, MA 01376, USA',
        region: 'Turners Falls',
      }),
      mgRow({ slug: 'tuesday', name: 'Tuesday Step', day: 2, time: '18:30' }),
      mgRow({ slug: 'grupo', name: 'Grupo Nueva Vida', day: 3, time: '19:00', types: ['S'] }),
      mgRow({
        slug: 'lifeline',
        name: 'Rural Lifeline',
        day: 1,
        time: '20:00',
        timezone: 'America/Chicago',
        location: 'Phone',
        formatted_address: 'Greenfield, MA, USA',
        approximate: 'yes',
        conference_phone: '+16465588656,,123#',
      }),
    ],
  });
});
afterAll(async () => app.close());

const text = async (body: string, sender: string | undefined = from, language?: 'en' | 'es') =>
  (
    await app.textLine.answer({
      ...(sender !== undefined ? { from: sender } : {}),
      text: body,
      ...(language !== undefined ? { language } : {}),
    })
  ).messages;

describe('the text line', () => {
  it('answers a ZIP code with in-person meetings soonest first, then phone dial-ins', async () => {
    const [reply] = await text('01301', undefined);
    expect(reply).toMatch(
      /^Next meetings near .*:\n1\) Mon 12pm Turners Falls Women, Turners Falls \(\d\.\d mi\)/,
    );
    expect(reply).toContain('2) Mon 7pm Greenfield Big Book, Greenfield');
    expect(reply).toContain('https://meetings.example.org/meetings/turners');
    expect(countSegments(reply!).segments).toBeLessThanOrEqual(3);
  });

  it('gives the next three on MORE, phone meetings with a one-tap number in their own zone', async () => {
    const sender = '+14135550101';
    await text('Greenfield MA', sender);
    const [more] = await text('more', sender);
    expect(more).toContain('1) Wed 7pm Grupo Nueva Vida');
    expect(more).toContain('Rural Lifeline phone tel:+16465588656,,123#');
    expect(more).toMatch(/Mon 8pm CST Rural Lifeline/);
    const [after] = await text('MORE', sender);
    expect(after).toContain('No more meetings');
  });

  it('reads filters, and applies a filter sent alone to the last place', async () => {
    const [women] = await text('01301 women', '+14135550102');
    expect(women).toContain('Turners Falls Women');
    expect(women).not.toContain('Big Book');
    const [spanish] = await text('español', '+14135550102');
    expect(spanish).toContain('Proximas reuniones');
    expect(spanish).toContain('Grupo Nueva Vida');
  });

  it('honours STOP and remembers it by a keyed hash, until START', async () => {
    const sender = '+14135550103';
    expect((await text('STOP', sender))[0]).toContain('no more texts');
    expect(await text('01301', sender)).toEqual([]);
    expect(await text('HELP', sender)).toEqual([]);
    const stored = await app.database.db.selectFrom('textline_opt_outs').selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toMatch(/4135550103|5550103/);
    expect((await text('start', sender))[0]).toContain('Welcome back');
    expect((await text('01301', sender))[0]).toContain('Greenfield Big Book');
  });

  it('names 988 and the national helpline on HELP and AYUDA', async () => {
    const [help] = await text('help', undefined);
    expect(help).toContain('988');
    expect(help).toContain('1-800-662-4357');
    expect(countSegments(help!).segments).toBeLessThanOrEqual(3);
    const [ayuda] = await text('AYUDA', undefined);
    expect(ayuda).toContain('988');
    expect(ayuda).toContain('En crisis');
  });

  it('offers the rural fallback in a sentence when nothing is near', async () => {
    const [reply] = await text('05401', undefined); // Burlington, VT: the rooms are far south
    expect(reply).toMatch(/Few meetings within 25 mi\. Nearest beyond: .* \(\d+ mi\)\./);
  });

  it('reads a street address from its town when the gazetteer does not know the street', async () => {
    const [reply] = await text('16 Court Sq Greenfield MA', undefined);
    expect(reply).toMatch(/^Next meetings near Greenfield, MA:/);
  });

  it('says when it does not know a place, and asks which when several share a name', async () => {
    expect((await text('Nowheresville', undefined))[0]).toContain(
      'No place called "Nowheresville"',
    );
    expect((await text('Springfield', undefined))[0]).toMatch(
      /Several places are called "Springfield"/,
    );
  });

  it('forgets a conversation after an hour, and slows down a flood', async () => {
    const sender = '+14135550104';
    await text('01301', sender);
    clock.advance(61 * 60_000);
    expect((await text('MORE', sender))[0]).toContain('Text a ZIP code');
    const replies: string[][] = [];
    for (let i = 0; i < 14; i++) replies.push(await text('01301', '+14135550105'));
    expect(replies[11]![0]).toContain('Next meetings');
    expect(replies[12]![0]).toContain('Too many texts');
    expect(replies[13]).toEqual([]);
    clock.advance(11 * 60_000);
    expect((await text('01301', '+14135550105'))[0]).toContain('Next meetings');
  });

  it('keeps a listing for the minute, still counting each person, until the directory changes', async () => {
    clock.advance(60_000);
    const searched = vi.spyOn(app.search, 'searchForPerson');
    const noted = vi.spyOn(app.search, 'notePersonSearch');
    const [first] = await text('05401 women', '+14135550106');
    const [second] = await text('05401 women', '+14135550107');
    expect(second).toBe(first);
    expect(searched).toHaveBeenCalledTimes(1);
    // The second person's search counts towards where a group is needed as the first did.
    expect(noted).toHaveBeenCalledTimes(2);
    await importFeed(app.importDeps, {
      source: 'burlington',
      location: 'test',
      rows: [
        mgRow({
          slug: 'lakeside',
          name: 'Lakeside Women',
          day: 1,
          time: '19:30',
          types: ['W'],
          latitude: 44.4759,
          longitude: -73.2121,
          formatted_address: '1 Church St, Burlington, VT 05401, USA',
          region: 'Burlington',
          timezone: 'America/New_York',
        }),
      ],
    });
    const [after] = await text('05401 women', '+14135550108');
    expect(after).toContain('Lakeside Women');
    searched.mockRestore();
    noted.mockRestore();
  });
});
