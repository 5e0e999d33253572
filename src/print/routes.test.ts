import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/support/app.js';
import type { App } from '../app.js';
import { fixedClock } from '../platform/clock.js';
import { flat, hasPdfToText, pdfPages } from './pdf-text.test-support.js';

// The first print loads the gazetteer and the font; a busy machine needs time for that.
describe('GET /print', { timeout: 90_000 }, () => {
  let app: App;

  beforeAll(async () => {
    // A Wednesday afternoon in Greenfield.
    app = await createTestApp({ demo: true }, { clock: fixedClock('2026-03-04T20:00:00Z') });
  });

  afterAll(async () => {
    await app?.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    app.server.inject({ method: 'GET', url, headers });

  it('answers a finder search with a PDF download', async () => {
    const response = await get('/print?near=01301&radius=25');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="meetings-greenfield-ma-2026-03-04.pdf"',
    );
    expect(response.headers['content-language']).toBe('en');
    expect(response.headers.vary).toContain('Accept-Language');
    expect(response.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it.skipIf(!hasPdfToText)(
    'lists every match, not one page of results, and ignores the page size and cursor',
    async () => {
      const api = await get('/api/v1/search?near=01301&radius=25&limit=5');
      const { total } = api.json<{ total: number }>();
      expect(total).toBeGreaterThan(25);
      const response = await get('/print?near=01301&radius=25&limit=5&cursor=whatever');
      expect(response.statusCode).toBe(200);
      const text = flat(pdfPages(response.rawPayload).join(' '));
      expect(text).toContain('Meetings near Greenfield, MA within 25 miles');
      expect(text).toContain(`${total} meetings.`);
      expect(text).toContain('Call or text 988');
    },
  );

  it.skipIf(!hasPdfToText)('speaks the language of the path, or of Accept-Language', async () => {
    const prefixed = await get('/es/print?near=01301&day=2');
    expect(prefixed.statusCode).toBe(200);
    expect(prefixed.headers['content-language']).toBe('es');
    expect(prefixed.headers.vary ?? '').not.toContain('Accept-Language');
    const text = flat(pdfPages(prefixed.rawPayload).join(' '));
    expect(text).toContain('Reuniones a menos de 25 millas de Greenfield, MA');
    expect(text).toContain('Días: martes');
    expect(text).toContain('Martes');
    expect(text).not.toContain('Lunes');

    const negotiated = await get('/print?near=01301', { 'accept-language': 'es-MX,es;q=0.9' });
    expect(negotiated.headers['content-language']).toBe('es');
    expect(flat(pdfPages(negotiated.rawPayload)[0] ?? '')).toContain('Ayuda, de día o de noche');

    const english = await get('/en/print?near=01301', { 'accept-language': 'es' });
    expect(english.headers['content-language']).toBe('en');
  });

  it('prints on A4 when asked', async () => {
    const response = await get('/print?near=01301&paper=a4');
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
  });

  it('refuses a bad search with the API status and code, as a page in the reader language', async () => {
    const cases: [string, number, string][] = [
      ['/print?near=Nowhereville%20XQ', 400, 'PL_UNKNOWN_PLACE'],
      ['/print?day=9', 400, 'PL_INVALID_QUERY'],
      ['/print?types=unicorn', 400, 'PL_UNKNOWN_TYPE'],
      ['/print?program=nope', 400, 'PL_UNKNOWN_PROGRAM'],
      ['/print?paper=b5', 400, 'PL_INVALID_QUERY'],
      ['/print?near=01301&near=01302', 400, 'PL_INVALID_QUERY'],
    ];
    for (const [url, status, code] of cases) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(status);
      expect(response.headers['content-type'], url).toBe('text/html; charset=utf-8');
      expect(response.body, url).toContain(`data-error-code="${code}"`);
      // The same search through the API gives the same code.
      if (!url.includes('paper')) {
        const api = await get(url.replace('/print', '/api/v1/search'));
        expect(api.json<{ error: { code: string } }>().error.code, url).toBe(code);
      }
    }
    const day = await get('/print?day=9');
    expect(day.body).toContain('Check the “day” part of the search');
    const es = await get('/es/print?day=9');
    expect(es.statusCode).toBe(400);
    expect(es.body).toContain('No se pudo imprimir esta lista');
    expect(es.body).toContain('<html lang="es">');
  });

  it('escapes what a bad search echoes back', async () => {
    const response = await get(`/print?near=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(response.statusCode).toBe(400);
    expect(response.body).not.toContain('<script>alert(1)</script>');
    expect(response.body).toContain('&lt;script>');
  });

  it('limits how many prints one client makes in a minute, whichever language path it uses', async () => {
    // The limit (30) is per action: `/print`, `/en/print` and `/es/print` count together. A
    // refused search (day=9) is cheap and counts like a print.
    const print = (prefix: string) =>
      app.server.inject({
        method: 'GET',
        url: `${prefix}/print?day=9`,
        remoteAddress: '192.0.2.30',
      });
    const prefixes = ['', '/en', '/es'];
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await print(prefixes[i % 3]!)).statusCode);
    expect(statuses).toEqual(Array(30).fill(400));
    for (const prefix of prefixes) {
      const last = await print(prefix);
      expect(last.statusCode, prefix).toBe(429);
      expect(last.body).toContain('data-error-code="PL_RATE_LIMITED"');
    }
    expect((await print('/en')).body).toContain('Wait a minute and try again.');
  });
});
