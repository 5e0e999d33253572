/**
 * A finder page is streamed (decision 0140): the head, the form and the first results leave in
 * the first chunk, compressed and flushed when the browser takes an encoding, before the other
 * results are rendered; the whole page is then kept for the minute (decision 0126).
 */
import { get as httpGet, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, constants, gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestApp } from '../../../test/support/app.js';
import { manualClock } from '../../../test/support/manual-clock.js';
import { mgRow } from '../../../test/factories/meeting-guide.js';
import type { App } from '../../app.js';
import { importFeed } from '../../sources/import-feed.js';
import { FIRST_RESULTS } from './finder-page.js';

let app: App;
let port: number;
const COUNT = FIRST_RESULTS + 5;

beforeEach(async () => {
  // Thursday 2026-11-26, 18:00:10 in Greenfield, MA: the meetings start from 19:00, in order.
  const clock = manualClock('2026-11-26T23:00:10Z');
  app = await createTestApp({}, { clock });
  const rows = Array.from({ length: COUNT }, (_, i) =>
    mgRow({
      slug: `m-${i}`,
      name: `Meeting ${i}`,
      day: 4,
      time: `19:${String(i * 5).padStart(2, '0')}`,
    }),
  );
  await importFeed(app.importDeps, { source: 'ig', location: 'test:rows', rows });
  await app.server.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.server.address() as AddressInfo).port;
});
afterEach(async () => app.close());

/** Every chunk of the body as it arrived, and the response. */
function fetchChunks(path: string, encoding?: string) {
  return new Promise<{ res: IncomingMessage; chunks: Buffer[] }>((resolve, reject) => {
    const headers: Record<string, string> =
      encoding === undefined ? {} : { 'accept-encoding': encoding };
    httpGet({ host: '127.0.0.1', port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ res, chunks }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

/** Decodes the start of a body, as a browser does before the rest arrives. */
function decodeStart(bytes: Buffer, encoding: string | undefined): string {
  if (encoding === 'gzip')
    return gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH }).toString('utf8');
  if (encoding === 'br')
    return brotliDecompressSync(bytes, {
      finishFlush: constants.BROTLI_OPERATION_FLUSH,
    }).toString('utf8');
  return bytes.toString('utf8');
}

describe('the finder page streamed', () => {
  for (const encoding of [undefined, 'gzip', 'br']) {
    it(`sends the head and the first results before the rest (${encoding ?? 'identity'})`, async () => {
      const { res, chunks } = await fetchChunks('/en/?near=01301', encoding);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers['transfer-encoding']).toBe('chunked');
      // The fewest chunks whose text holds the first result: the rest came after them.
      let upTo = 0;
      let start = '';
      while (upTo < chunks.length && !start.includes('data-slug="m-0"'))
        start = decodeStart(Buffer.concat(chunks.slice(0, ++upTo)), encoding);
      expect(start).toContain('data-slug="m-0"');
      expect(upTo).toBeLessThan(chunks.length);
      expect(start).toMatch(/^<!doctype html><html lang="en"><head>/);
      expect(start).toContain('<form');
      expect(start).not.toContain(`data-slug="m-${COUNT - 1}"`);
      expect(start).not.toContain('</html>');

      const whole = decodeStart(Buffer.concat(chunks), encoding);
      for (let i = 0; i < COUNT; i++) expect(whole).toContain(`data-slug="m-${i}"`);
      expect(whole).not.toContain('pl-deferred');
      expect(whole.endsWith('</html>')).toBe(true);
      expect(whole.indexOf('data-slug="m-0"')).toBeLessThan(whole.indexOf('data-slug="m-1"'));
    });
  }

  it('keeps the whole page: the next request gets it whole, with the same ETag', async () => {
    const searches = vi.spyOn(app.search, 'searchForPerson');
    const streamed = await fetchChunks('/en/?near=01301', 'br');
    const page = brotliDecompressSync(Buffer.concat(streamed.chunks)).toString();
    const kept = await fetchChunks('/en/?near=01301');
    expect(searches).toHaveBeenCalledTimes(1);
    expect(kept.res.headers['transfer-encoding']).toBeUndefined();
    expect(Buffer.concat(kept.chunks).toString()).toBe(page);
    expect(kept.res.headers.etag).toBe(streamed.res.headers.etag);
    // The compressed form made while it was streamed is kept and sent again as it is.
    const again = await fetchChunks('/en/?near=01301', 'br');
    expect(Buffer.concat(again.chunks).equals(Buffer.concat(streamed.chunks))).toBe(true);
  });
});
