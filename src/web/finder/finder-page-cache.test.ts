/**
 * A finder page is rendered once per search, language, index revision and minute, and sent from
 * memory after that: the same page, its ETag, and its compressed form made once (decision 0126).
 * Anything that would change the page (the next minute, a change to the directory) shows at once.
 */
import { brotliDecompressSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestApp } from '../../../test/support/app.js';
import { manualClock, type ManualClock } from '../../../test/support/manual-clock.js';
import { mgRow } from '../../../test/factories/meeting-guide.js';
import type { App } from '../../app.js';
import { importFeed } from '../../sources/import-feed.js';

let app: App;
let clock: ManualClock;

const rows = (names: string[]) =>
  names.map((name, i) => mgRow({ slug: `m-${i}`, name, day: 4, time: '19:30' }));

beforeEach(async () => {
  // Thursday 2026-11-26, 18:00:10 in Greenfield, MA.
  clock = manualClock('2026-11-26T23:00:10Z');
  app = await createTestApp({}, { clock });
  await importFeed(app.importDeps, { source: 'ig', location: 'test:rows', rows: rows(['First']) });
});
afterEach(async () => app.close());

const get = (url: string, headers: Record<string, string> = {}) =>
  app.server.inject({ method: 'GET', url, headers });

describe('finder pages kept for the minute', () => {
  it('renders a search once for everyone who asks it within the minute', async () => {
    const searches = vi.spyOn(app.search, 'searchForPerson');
    const first = await get('/en/?near=01301&day=4');
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('First');
    expect(searches).toHaveBeenCalledTimes(1);
    clock.advance(40_000);
    // The same search, written another way: the parameters in another order.
    const second = await get('/en/?day=4&near=01301');
    expect(second.body).toBe(first.body);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(searches).toHaveBeenCalledTimes(1);
    expect(second.headers['cache-control']).toBe('private, max-age=60');
  });

  it('answers 304 to a browser that holds the page, and sends it compressed once', async () => {
    const first = await get('/en/?near=01301');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"/);
    const again = await get('/en/?near=01301', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    const br = await get('/en/?near=01301', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(first.body);
  });

  it('shows the next minute and a change to the directory at once', async () => {
    const searches = vi.spyOn(app.search, 'searchForPerson');
    await get('/en/?near=01301');
    clock.advance(50_000); // 18:01:00: the next minute
    await get('/en/?near=01301');
    expect(searches).toHaveBeenCalledTimes(2);
    await importFeed(app.importDeps, {
      source: 'ig',
      location: 'test:rows',
      rows: rows(['Renamed']),
    });
    const changed = await get('/en/?near=01301');
    expect(changed.body).toContain('Renamed');
    expect(changed.body).not.toContain('First');
  });

  it('keeps each language apart and says when the answer varies by Accept-Language', async () => {
    const english = await get('/en/?near=01301');
    const spanish = await get('/?near=01301', { 'accept-language': 'es' });
    expect(spanish.headers['content-language']).toBe('es');
    expect(spanish.body).not.toBe(english.body);
    expect(spanish.headers.vary).toBe('Accept-Language, Accept-Encoding');
    expect(english.headers.vary).toBe('Accept-Encoding');
    const negotiatedEnglish = await get('/?near=01301', { 'accept-language': 'en' });
    expect(negotiatedEnglish.body).toBe(english.body);
    expect(negotiatedEnglish.headers.vary).toBe('Accept-Language, Accept-Encoding');
  });

  it('never keeps a refused search', async () => {
    const parses = vi.spyOn(app.search, 'parse');
    const asked = () => parses.mock.calls.filter(([params]) => params.near !== undefined).length;
    const first = await get('/en/?near=nowhere-at-all-xyz');
    expect(first.statusCode).toBe(400);
    expect(asked()).toBe(1);
    const second = await get('/en/?near=nowhere-at-all-xyz');
    expect(second.statusCode).toBe(400);
    expect(second.headers.etag).toBeUndefined();
    expect(asked()).toBe(2);
  });
});
