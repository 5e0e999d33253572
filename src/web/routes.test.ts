import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMeeting } from '../../test/factories/meeting.js';
import { mgOnlineRow, mgRow } from '../../test/factories/meeting-guide.js';
import { createTestApp } from '../../test/support/app.js';
import type { App } from '../app.js';
import { fixedClock } from '../platform/clock.js';
import { importFeed } from '../sources/import-feed.js';
import { SITE_CSS, SITE_CSS_CSP_SOURCE } from './site-css.js';

let app: App;
// Sunday 2026-11-01, 07:00 in Greenfield.
const clock = fixedClock('2026-11-01T12:00:00Z');

beforeAll(async () => {
  app = await createTestApp({}, { clock });
  const report = await importFeed(app.importDeps, {
    source: 'franklin',
    location: 'test',
    rows: [
      mgRow({
        conference_phone: '+1 413 555 0100,,123456#',
        conference_url: 'https://zoom.us/j/1',
      }),
      mgOnlineRow({ name: '<script>alert(1)</script>', notes: '<img src=x onerror=alert(1)>' }),
      mgRow({ slug: 'by-appointment', name: 'By Appointment', day: undefined, time: undefined }),
    ],
  });
  const [source] = await app.repos.sources.list();
  // The Meeting Guide format has no monthly schedules, so this one is stored directly.
  await app.repos.meetings.insert([
    {
      meeting: makeMeeting({
        id: 'monthly-1',
        slug: 'first-sunday',
        name: 'First Sunday Speaker',
        schedule: [{ kind: 'monthly', day: 0, start: '18:00', durationMinutes: 90, week: 1 }],
        provenance: { ...makeMeeting().provenance, sourceId: source!.id, sourceSlug: 'fs' },
      }),
      contentHash: 'x',
    },
  ]);
  expect(report.added).toBe(3);
});
afterAll(async () => app.close());

const get = (url: string, headers: Record<string, string> = {}) =>
  app.server.inject({ method: 'GET', url, headers });
const post = (url: string, form: Record<string, string>) =>
  app.server.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams(form).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
/** Any script element but the client build's own module (present when dist/client is built). */
const ourScript = /<script(?! type="module" defer src="\/assets\/main-[\w-]+\.js"><\/script>)/i;
const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);

describe('the meeting page', () => {
  it('renders in English by default, with the one allowed inline style', async () => {
    const res = await get('/meetings/greenfield-big-book');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-language']).toBe('en');
    expect(res.headers.vary).toContain('Accept-Language');
    expect(res.headers['content-security-policy']).toContain(
      `style-src 'self' ${SITE_CSS_CSP_SOURCE}`,
    );
    expect(res.body).toContain(`<style>${SITE_CSS}</style>`);
    expect(res.body).toMatch(/^<!doctype html><html lang="en">/);
    expect(res.body).not.toMatch(ourScript);
    expect(res.body.replace(/\s/g, ' ')).toContain('Every Tuesday at 7:00 PM (1 hour)');
    expect(res.body).toContain('href="tel:988"');
    expect(res.body).toContain('href="tel:+18006624357"');
    expect(res.body).toContain('href="tel:+14135550100,,123456%23"');
    expect(res.body).toContain('href="https://zoom.us/j/1"');
    expect(res.body).toContain(
      'href="https://www.openstreetmap.org/directions?to=42.5876,-72.5995"',
    );
    expect(res.body).toContain('href="/en/meetings/greenfield-big-book.ics"');
  });

  it('follows Accept-Language on a first visit and keeps the language in every link', async () => {
    const res = await get('/meetings/greenfield-big-book', {
      'accept-language': 'es-MX,es;q=0.9,en;q=0.5',
    });
    expect(res.body).toMatch(/<html lang="es">/);
    expect(res.body.replace(/\s/g, ' ')).toContain('Cada martes a las 19:00 (1 hora)');
    // The web app manifest and icons have no language.
    const internal = hrefs(res.body).filter(
      (h) => h.startsWith('/') && !/^\/(icons|manifest)/.test(h),
    );
    expect(internal.length).toBeGreaterThan(4);
    // Everything but the switch to the other languages stays in Spanish.
    expect(internal.filter((h) => !h.startsWith('/es/'))).toEqual([
      '/en/meetings/greenfield-big-book',
      '/fr/meetings/greenfield-big-book',
      '/pt/meetings/greenfield-big-book',
    ]);
    expect(res.body).toContain('action="/es/meetings/greenfield-big-book/report"');
  });

  it('speaks French and Portuguese, the schedule in their own grammar', async () => {
    const fr = (await get('/fr/meetings/greenfield-big-book')).body.replace(/\s/g, ' ');
    expect(fr).toMatch(/<html lang="fr">/);
    expect(fr).toContain('Chaque mardi à 19:00');
    const pt = (await get('/pt/meetings/greenfield-big-book')).body.replace(/\s/g, ' ');
    expect(pt).toMatch(/<html lang="pt">/);
    expect(pt).toContain('Toda terça-feira às 19:00');
    const sunday = (await get('/pt/meetings/first-sunday')).body.replace(/\s/g, ' ');
    expect(sunday).toContain('Primeiro domingo do mês às 18:00');
    const negotiated = await get('/meetings/greenfield-big-book', {
      'accept-language': 'pt-BR,pt;q=0.9,en;q=0.5',
    });
    expect(negotiated.body).toMatch(/<html lang="pt">/);
  });

  it('answers a prefixed path in its language whatever the browser asks', async () => {
    const res = await get('/en/meetings/greenfield-big-book', { 'accept-language': 'es' });
    expect(res.body).toMatch(/<html lang="en">/);
    expect(res.headers.vary ?? '').not.toContain('Accept-Language');
  });

  it("shows the viewer's own time when ?tz= differs, and keeps it across the switch", async () => {
    const res = await get('/es/meetings/greenfield-big-book?tz=America/Los_Angeles');
    const text = res.body.replace(/\s/g, ' ');
    expect(text).toContain('Su hora: Martes, 3 de noviembre, 16:00');
    expect(res.body).toContain('href="/en/meetings/greenfield-big-book?tz=America%2FLos_Angeles"');
    const bad = await get('/en/meetings/greenfield-big-book?tz=%3Cscript%3E');
    expect(bad.statusCode).toBe(200);
    expect(bad.body).not.toContain('Your time');
  });

  it('describes a monthly meeting in words', async () => {
    const res = await get('/en/meetings/first-sunday');
    expect(res.body.replace(/\s/g, ' ')).toContain(
      'First Sunday of the month at 6:00 PM (90 minutes)',
    );
    expect(res.body.replace(/\s/g, ' ')).toContain('Sunday, November 1, 6:00 PM EST');
  });

  it('escapes imported script payloads', async () => {
    const res = await get('/en/meetings/hilltowns-online');
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toMatch(ourScript);
    expect(res.body).not.toMatch(/<img/i);
    expect(res.body).toContain('&lt;script>alert(1)&lt;/script>');
  });

  it('answers an unknown slug with a 404 page carrying the stable code', async () => {
    for (const url of ['/meetings/nope', '/es/meetings/nope', '/en/meetings/nope.ics']) {
      const res = await get(url);
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toContain('PL_MEETING_NOT_FOUND');
    }
    expect((await get('/es/nothing-here')).body).toContain('PL_NOT_FOUND');
  });
});

describe('add to calendar', () => {
  it('serves an iCalendar file with a weekly rule in the meeting zone', async () => {
    const res = await get('/en/meetings/greenfield-big-book.ics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="greenfield-big-book.ics"',
    );
    const text = res.body.replace(/\r\n /g, '');
    expect(text).toContain('DTSTART;TZID=America/New_York:20261103T190000\r\n');
    expect(text).toContain('RRULE:FREQ=WEEKLY;BYDAY=TU\r\n');
    expect(text).toContain('URL:https://meetings.example.org/en/meetings/greenfield-big-book\r\n');
    expect(text).toContain('Join online: https://zoom.us/j/1');
  });

  it('has no calendar for a meeting by appointment', async () => {
    const page = await get('/en/meetings/by-appointment');
    expect(page.body).toContain('By appointment');
    expect(page.body).not.toContain('.ics');
    expect((await get('/en/meetings/by-appointment.ics')).statusCode).toBe(404);
  });
});

describe('report a problem', () => {
  it('stores a report and thanks the reader (post/redirect/get)', async () => {
    const res = await post('/es/meetings/greenfield-big-book/report', {
      kind: 'wrong_time',
      message: 'Ahora empieza a las 19:30.',
      website: '',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/es/meetings/greenfield-big-book/reported');
    const thanks = await get(res.headers.location as string);
    expect(thanks.body).toContain('Gracias');
    expect(thanks.headers['cache-control']).toBe('no-store');
    const meeting = await app.repos.meetings.findBySlug('greenfield-big-book');
    const reports = await app.repos.problemReports.forMeeting(meeting!.id);
    expect(reports.map((r) => [r.kind, r.message])).toEqual([
      ['wrong_time', 'Ahora empieza a las 19:30.'],
    ]);
  });

  it('thanks a robot that filled the honeypot but stores nothing', async () => {
    const res = await post('/en/meetings/first-sunday/report', {
      kind: 'other',
      message: 'cheap pills',
      website: 'https://spam.example',
    });
    expect(res.statusCode).toBe(303);
    expect(await app.repos.problemReports.forMeeting('monthly-1')).toEqual([]);
  });

  it('refuses a report without a kind or with too long a message', async () => {
    const noKind = await post('/en/meetings/first-sunday/report', { message: 'x' });
    expect(noKind.statusCode).toBe(400);
    expect(noKind.body).toContain('PL_INVALID_BODY');
    const long = await post('/en/meetings/first-sunday/report', {
      kind: 'other',
      message: 'x'.repeat(1001),
    });
    expect(long.statusCode).toBe(400);
    expect((await post('/en/meetings/nope/report', { kind: 'other' })).statusCode).toBe(404);
  });

  it('limits how many reports one address can send, whichever language path they use', async () => {
    // The limit (10) is per action: the `/`, `/en/` and `/es/` forms count together.
    const send = (prefix: string) =>
      app.server.inject({
        method: 'POST',
        url: `${prefix}/meetings/first-sunday/report`,
        remoteAddress: '192.0.2.77',
        payload: new URLSearchParams({ kind: 'closed' }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    const prefixes = ['', '/en', '/es'];
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await send(prefixes[i % 3]!)).statusCode);
    expect(statuses).toEqual(Array(10).fill(303));
    for (const prefix of prefixes) {
      const limited = await send(prefix);
      expect(limited.statusCode, prefix).toBe(429);
      expect(limited.body).toContain('PL_RATE_LIMITED');
      expect(limited.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    }
  });
});

describe('help and about', () => {
  it('lists the crisis lines on /help in both languages', async () => {
    const en = await get('/en/help');
    expect(en.body).toContain('href="tel:988"');
    expect(en.body).toContain('href="sms:988"');
    expect(en.body).toContain('href="tel:+18006624357"');
    expect((await get('/es/help')).body).toContain('Si está en crisis');
  });

  it('states the privacy promises and the GeoNames attribution on /about', async () => {
    const res = await get('/es/about');
    expect(res.body).toContain('Privacidad');
    expect(res.body).toContain('GeoNames (geonames.org), CC BY 4.0');
  });

  it('has an offline page in both languages, for the service worker to keep', async () => {
    const en = await get('/en/offline');
    expect(en.statusCode).toBe(200);
    expect(en.headers['cache-control']).toBe('public, max-age=3600');
    expect(en.body).toContain('<h1>You are offline</h1>');
    expect(en.body).toContain('href="/en/help"');
    expect(en.body).toContain('data-my-meetings');
    expect((await get('/es/offline')).body).toContain('<h1>Está sin conexión</h1>');
  });

  it('keeps the pages out of the API description', async () => {
    const doc = (await get('/api/openapi.json')).json<{ paths: Record<string, unknown> }>();
    expect(
      Object.keys(doc.paths).filter((p) => !p.startsWith('/api') && p.includes('meetings/')),
    ).toEqual([]);
  });
});
