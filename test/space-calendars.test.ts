/**
 * Reminders before saved meetings through the real server: a device asks for a calendar of
 * two saved meetings, a calendar app fetches the feed by its address alone and finds each
 * meeting's events with a reminder the chosen time before; the list follows the device's
 * changes; the database holds no slug in the clear; stopping deletes it all.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { createTestApp } from './support/app.js';
import { manualClock } from './support/manual-clock.js';

let app: App;
let slugs: string[];

beforeAll(async () => {
  app = await createTestApp({ demo: true }, { clock: manualClock('2026-12-07T15:00:00.000Z') });
  // Meetings that meet at set times, as a person saves them from the finder.
  const found = await app.server.inject('/api/v1/search?near=01301&limit=3');
  slugs = found.json<{ results: { slug: string }[] }>().results.map((m) => m.slug);
}, 60_000);
afterAll(async () => {
  await app?.close();
});

const feed = (secret: string) =>
  app.server.inject(`/api/v1/space/calendars/${secret}/meetings.ics`);

describe('calendar reminders of saved meetings', () => {
  it('serves the saved meetings with reminders, follows changes, and forgets on stop', async () => {
    expect(slugs.length).toBe(3);
    const made = await app.server.inject({
      method: 'POST',
      url: '/api/v1/space/calendars',
      payload: { meetings: slugs.slice(0, 2), leadMinutes: 60, locale: 'es' },
    });
    expect(made.statusCode).toBe(201);
    expect(made.headers['cache-control']).toContain('no-store');
    const { secret } = made.json<{ secret: string }>();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const ics = await feed(secret);
    expect(ics.statusCode).toBe(200);
    expect(ics.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(ics.body).toContain('X-WR-CALNAME:Mis reuniones (Porchlight)');
    const events = ics.body.split('BEGIN:VEVENT').length - 1;
    expect(events).toBeGreaterThanOrEqual(2);
    // Every event carries one reminder, an hour before.
    expect(ics.body.split('BEGIN:VALARM').length - 1).toBe(events);
    expect(ics.body.split('TRIGGER:-PT60M').length - 1).toBe(events);
    for (const slug of slugs.slice(0, 2)) expect(ics.body).toContain(`/meetings/${slug}`);
    expect(ics.body).not.toContain(`/meetings/${slugs[2]}`);

    // The database knows the row by a hash and cannot read the meetings without the address.
    const rows = await sql<{
      id: string;
      sealed: string;
    }>`select id, sealed from space_calendars`.execute(app.database.db);
    expect(rows.rows).toHaveLength(1);
    expect(JSON.stringify(rows.rows)).not.toContain(secret);
    for (const slug of slugs) expect(JSON.stringify(rows.rows)).not.toContain(slug);

    // The device saved a third meeting and removed the first, and chose half an hour.
    const bearer = { authorization: `Bearer ${secret}` };
    const updated = await app.server.inject({
      method: 'PUT',
      url: '/api/v1/space/calendars',
      headers: bearer,
      payload: { meetings: slugs.slice(1), leadMinutes: 30, locale: 'en' },
    });
    expect(updated.statusCode).toBe(204);
    const again = (await feed(secret)).body;
    expect(again).toContain('X-WR-CALNAME:My meetings (Porchlight)');
    expect(again).toContain('TRIGGER:-PT30M');
    expect(again).not.toContain(`/meetings/${slugs[0]}`);
    expect(again).toContain(`/meetings/${slugs[2]}`);

    const stopped = await app.server.inject({
      method: 'DELETE',
      url: '/api/v1/space/calendars',
      headers: bearer,
    });
    expect(stopped.statusCode).toBe(204);
    const gone = await feed(secret);
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toMatchObject({ error: { code: 'PL_SPACE_CALENDAR_NOT_FOUND' } });
    const left = await sql<{ n: number }>`select count(*) as n from space_calendars`.execute(
      app.database.db,
    );
    expect(Number(left.rows[0]!.n)).toBe(0);
  });

  it('refuses a lead it does not offer, too many meetings, and an unknown address', async () => {
    const bad = await app.server.inject({
      method: 'POST',
      url: '/api/v1/space/calendars',
      payload: { meetings: slugs, leadMinutes: 45, locale: 'en' },
    });
    expect(bad.statusCode).toBe(400);
    const many = await app.server.inject({
      method: 'POST',
      url: '/api/v1/space/calendars',
      payload: {
        meetings: Array.from({ length: 201 }, (_, i) => `m${i}`),
        leadMinutes: 15,
        locale: 'en',
      },
    });
    expect(many.statusCode).toBe(400);
    const unknown = await app.server.inject({
      method: 'PUT',
      url: '/api/v1/space/calendars',
      headers: { authorization: `Bearer ${'x'.repeat(43)}` },
      payload: { meetings: [], leadMinutes: 15, locale: 'en' },
    });
    expect(unknown.statusCode).toBe(404);
  });
});
