import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.js';
import type { App } from '../../app.js';
import { fixedClock } from '../../platform/clock.js';

let app: App;

beforeAll(async () => {
  app = await createTestApp({ demo: true }, { clock: fixedClock('2026-11-26T23:00:00Z') });
});
afterAll(async () => app.close());

const unfold = (ics: string) => ics.replace(/\r\n /g, '');

describe('GET /api/v1/search.ics', () => {
  it('holds one event per matching recurrence of every meeting the search finds', async () => {
    const query = 'near=01301&radius=5&attendance=in_person&day=2&from=17:00&to=22:00';
    const res = await app.server.inject({ url: `/api/v1/search.ics?${query}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const ics = unfold(res.body);
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toMatch(/END:VCALENDAR\r\n$/);
    expect(ics).toContain('X-WR-CALNAME:Meetings near Greenfield\\, MA');
    const found = await app.server.inject({ url: `/api/v1/search?${query}&limit=200` });
    const slugs = found.json().results.map((r: { slug: string }) => r.slug) as string[];
    expect(slugs.length).toBeGreaterThan(0);
    const events = ics.split('BEGIN:VEVENT').slice(1);
    expect(events.length).toBeGreaterThanOrEqual(slugs.length);
    for (const slug of slugs) expect(ics).toContain(`/meetings/${slug}\r\n`);
    for (const event of events) {
      expect(event).toMatch(/RRULE:FREQ=(WEEKLY|MONTHLY);(INTERVAL=2;)?BYDAY=-?\d?TU\r\n/);
      expect(event).toMatch(/DTSTART;TZID=America\/New_York:\d{8}T(1[7-9]|2[01])\d{4}\r\n/);
    }
  });

  it('refuses bad search parameters with the search API’s codes', async () => {
    const res = await app.server.inject({ url: '/api/v1/search.ics?near=nowhere-at-all-xyz' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('PL_UNKNOWN_PLACE');
  });

  it('answers a valid, empty calendar when nothing matches', async () => {
    const res = await app.server.inject({ url: '/api/v1/search.ics?q=zzqqxxnothing' });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('BEGIN:VEVENT');
  });
});
