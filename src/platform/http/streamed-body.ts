/**
 * A body sent as it is made (decision 0140): its first chunk goes out at once, compressed and
 * flushed when the client takes an encoding, and the rest is made on a later turn of the event
 * loop, after the first is on its way. On a slow link the client reads the first part while the
 * server makes the rest; meanwhile the server's loop is free for other requests. When the whole
 * body is sent, `onSent` gets it (and its compressed form) to keep as a {@link CachedBody}.
 */
import { Readable } from 'node:stream';
import {
  constants,
  createBrotliCompress,
  createGzip,
  type BrotliCompress,
  type Gzip,
} from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  acceptedEncoding,
  CachedBody,
  validatorHeaders,
  type BodyEncoding,
} from './cached-body.js';

export interface StreamedBodyOptions {
  /** The body's validator, known before it is made (from what it is made of). */
  etag: string;
  /** The whole body once it is sent, as a body to send again; not called when it fails. */
  onSent?: (body: CachedBody) => void;
}

/**
 * Sends `chunks` (a generator that makes each chunk when asked for): the first at once, the
 * others together on the next turn. 304 when the client holds the ETag, without making any.
 */
export function sendStreamedBody(
  request: FastifyRequest,
  reply: FastifyReply,
  chunks: Iterator<string, void, undefined>,
  options: StreamedBodyOptions,
): FastifyReply {
  if (validatorHeaders(request, reply, options.etag)) return reply.status(304).send();
  const encoding = acceptedEncoding(request.headers['accept-encoding']);
  const out = new Readable({ read: () => undefined });
  // Each part is encoded once: the bytes sent (or compressed) are the bytes kept.
  const parts: Buffer[] = [];
  const encoded: Buffer[] = [];
  const finish = () => {
    if (options.onSent === undefined) return;
    const body = new CachedBody(Buffer.concat(parts), { etag: options.etag });
    if (encoding !== undefined) body.keepEncoded(encoding, Buffer.concat(encoded));
    options.onSent(body);
  };
  const part = (text: string): Buffer => {
    const bytes = Buffer.from(text, 'utf8');
    parts.push(bytes);
    return bytes;
  };
  const rest = (): Buffer => {
    let text = '';
    for (let next = chunks.next(); next.done !== true; next = chunks.next()) text += next.value;
    return part(text);
  };
  const first = chunks.next();
  const head = part(first.done === true ? '' : first.value);

  if (encoding === undefined) {
    out.push(head);
    setImmediate(() => {
      if (out.destroyed) return;
      try {
        out.push(rest());
        out.push(null);
        finish();
      } catch (error) {
        out.destroy(error as Error);
      }
    });
    return reply.send(out);
  }

  const zip = compressor(encoding);
  zip.on('data', (bytes: Buffer) => {
    encoded.push(bytes);
    out.push(bytes);
  });
  zip.on('end', () => {
    out.push(null);
    finish();
  });
  zip.on('error', (error) => out.destroy(error));
  zip.write(head);
  // The first part leaves compressed as soon as zlib has it, and only then is the rest made.
  zip.flush(encoding === 'br' ? constants.BROTLI_OPERATION_FLUSH : constants.Z_SYNC_FLUSH, () => {
    if (out.destroyed) return void zip.destroy();
    try {
      zip.end(rest());
    } catch (error) {
      zip.destroy();
      out.destroy(error as Error);
    }
  });
  return reply.header('content-encoding', encoding).send(out);
}

/** Brotli at quality 5 and gzip at level 6, as {@link CachedBody} makes them. */
function compressor(encoding: BodyEncoding): BrotliCompress | Gzip {
  return encoding === 'br'
    ? createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
    : createGzip();
}
