import Fastify from 'fastify';
import compress from '@fastify/compress';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptedEncoding, CachedBody, etagMatches, sendCachedBody } from './cached-body.js';

describe('acceptedEncoding', () => {
  it('prefers Brotli, then gzip, and honours q=0 and the wildcard', () => {
    expect(acceptedEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(acceptedEncoding('gzip, deflate')).toBe('gzip');
    expect(acceptedEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(acceptedEncoding('*')).toBe('br');
    expect(acceptedEncoding('*;q=0, gzip')).toBe('gzip');
    expect(acceptedEncoding('identity')).toBeUndefined();
    expect(acceptedEncoding('deflate')).toBeUndefined();
    expect(acceptedEncoding('')).toBeUndefined();
    expect(acceptedEncoding(undefined)).toBeUndefined();
    expect(acceptedEncoding('br;q=abc')).toBeUndefined();
  });
});

describe('etagMatches', () => {
  it('compares weakly, in a list, and takes *', () => {
    expect(etagMatches('"a"', '"a"')).toBe(true);
    expect(etagMatches('W/"a"', '"a"')).toBe(true);
    expect(etagMatches('"a"', 'W/"a"')).toBe(true);
    expect(etagMatches('"b", W/"a"', 'W/"a"')).toBe(true);
    expect(etagMatches('*', '"a"')).toBe(true);
    expect(etagMatches('"b"', '"a"')).toBe(false);
    expect(etagMatches(undefined, '"a"')).toBe(false);
  });
});

describe('sendCachedBody', () => {
  const text = `<!doctype html><p>${'Meetings near you. '.repeat(200)}</p>`;
  const cached = CachedBody.ofText(text, { weak: true });

  async function server() {
    const app = Fastify();
    await app.register(compress, { global: true, threshold: 1024 });
    app.get('/', (request, reply) => {
      reply.header('vary', 'Accept-Language').type('text/html; charset=utf-8');
      return sendCachedBody(request, reply, cached);
    });
    return app;
  }

  it('sends the body compressed as asked, once compressed for every later ask', async () => {
    const app = await server();
    const br = await app.inject({ url: '/', headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(text);
    expect(br.headers.vary).toBe('Accept-Language, Accept-Encoding');
    expect(br.headers.etag).toBe(cached.etag);
    expect(cached.encoded('br')).toBe(cached.encoded('br'));

    const gzip = await app.inject({ url: '/', headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(text);

    const plain = await app.inject({ url: '/', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(text);
    await app.close();
  });

  it('answers 304 to a client that holds the same page', async () => {
    const app = await server();
    const again = await app.inject({ url: '/', headers: { 'if-none-match': cached.etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const other = await app.inject({ url: '/', headers: { 'if-none-match': 'W/"other"' } });
    expect(other.statusCode).toBe(200);
    await app.close();
  });
});
