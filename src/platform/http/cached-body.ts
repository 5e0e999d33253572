/**
 * A body sent many times over (a page kept for the minute, a feed kept for a revision): its
 * bytes, an ETag, and its compressed forms, each made once on first need rather than on every
 * request by the compress plugin. Brotli at quality 5 (the plugin's per-request 4 costs about
 * the same and is a tenth larger) and gzip at level 6 are a fair trade once the cost is shared.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export type BodyEncoding = 'br' | 'gzip';

export class CachedBody {
  readonly etag: string;
  private brotli: Buffer | undefined;
  private gzipped: Buffer | undefined;

  /**
   * `weak`: the validator stands for the content whatever its encoding (a page); a strong one
   * promises the same bytes. `etag`: a validator the caller already has for this content (one
   * made from what the content is made of), instead of a digest of the bytes.
   */
  constructor(
    readonly body: Buffer,
    options: { weak?: boolean; etag?: string } = {},
  ) {
    if (options.etag !== undefined) this.etag = options.etag;
    else {
      const digest = createHash('sha1').update(body).digest('base64url');
      this.etag = options.weak === true ? `W/"${digest}"` : `"${digest}"`;
    }
  }

  static ofText(text: string, options: { weak?: boolean; etag?: string } = {}): CachedBody {
    return new CachedBody(Buffer.from(text, 'utf8'), options);
  }

  /** Keeps the body's form in an encoding made elsewhere (while it was streamed), if none is. */
  keepEncoded(encoding: BodyEncoding, bytes: Buffer): void {
    if (encoding === 'br') this.brotli ??= bytes;
    else this.gzipped ??= bytes;
  }

  /** The body in an encoding, compressed on the first ask. */
  encoded(encoding: BodyEncoding): Buffer {
    if (encoding === 'br') {
      this.brotli ??= brotliCompressSync(this.body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 5,
          [constants.BROTLI_PARAM_SIZE_HINT]: this.body.length,
        },
      });
      return this.brotli;
    }
    this.gzipped ??= gzipSync(this.body);
    return this.gzipped;
  }
}

/**
 * The encoding to send a body in, from Accept-Encoding: Brotli, else gzip, else none. A coding
 * with `q=0` is refused; `*` stands for any coding not named.
 */
export function acceptedEncoding(header: string | undefined): BodyEncoding | undefined {
  if (header === undefined || header === '') return undefined;
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...parameters] = part.trim().toLowerCase().split(';');
    let q = 1;
    for (const parameter of parameters) {
      const [key, value] = parameter.trim().split('=');
      if (key === 'q' && value !== undefined) q = Number(value);
    }
    if (name !== '') weights.set(name.trim(), Number.isFinite(q) ? q : 0);
  }
  const wildcard = weights.get('*');
  const weight = (coding: BodyEncoding) => weights.get(coding) ?? wildcard ?? 0;
  if (weight('br') > 0) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return undefined;
}

/** Whether If-None-Match names this ETag (weak comparison, as a 304 uses) or `*`. */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const opaque = etag.replace(/^W\//, '');
  return header.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '');
    return tag === opaque || tag === '*';
  });
}

/**
 * Sets the ETag and `Vary: Accept-Encoding` of a body sent in the encoding the client takes;
 * true when the client already holds it (a 200 it may answer with 304).
 */
export function validatorHeaders(
  request: FastifyRequest,
  reply: FastifyReply,
  etag: string,
): boolean {
  const vary = reply.getHeader('vary');
  reply
    .header('etag', etag)
    .header(
      'vary',
      typeof vary === 'string' && vary !== '' ? `${vary}, Accept-Encoding` : 'Accept-Encoding',
    );
  return reply.statusCode === 200 && etagMatches(request.headers['if-none-match'], etag);
}

/**
 * Sends a cached body with its ETag: 304 when the client holds it, else in the best encoding the
 * client takes (already compressed, so the compress plugin leaves it alone). The reply's status,
 * type and other headers are the caller's.
 */
export function sendCachedBody(
  request: FastifyRequest,
  reply: FastifyReply,
  cached: CachedBody,
): FastifyReply {
  if (validatorHeaders(request, reply, cached.etag)) return reply.status(304).send();
  const encoding = acceptedEncoding(request.headers['accept-encoding']);
  if (encoding === undefined) return reply.send(cached.body);
  return reply.header('content-encoding', encoding).send(cached.encoded(encoding));
}
