/**
 * The answer to a request Node's HTTP parser refused before Fastify saw a route (a bad chunk
 * size, a broken request line, headers too large, too slow to arrive). Fastify's default answer
 * carried no stable code; this one has the catalogue's shape, like every other error. The
 * client's mistake is logged at debug level and never with what it sent.
 */
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { errorCatalogue, type ErrorCode } from '../errors.js';

/** The catalogue code for an error of Node's HTTP parser or request timer. */
export function parserErrorCode(nodeCode: string | undefined): ErrorCode {
  if (nodeCode === 'ERR_HTTP_REQUEST_TIMEOUT') return 'PL_REQUEST_TIMEOUT';
  if (nodeCode === 'HPE_HEADER_OVERFLOW') return 'PL_HEADERS_TOO_LARGE';
  return 'PL_MALFORMED_REQUEST';
}

const reasons: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
};

/** The raw HTTP/1.1 response for a parser error. */
export function clientErrorResponse(code: ErrorCode): string {
  const { status, message } = errorCatalogue[code];
  const body = JSON.stringify({ error: { code, message } });
  return (
    `HTTP/1.1 ${status} ${reasons[status] ?? 'Bad Request'}\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    'Content-Type: application/json; charset=utf-8\r\n' +
    'Connection: close\r\n\r\n' +
    body
  );
}

/** Fastify's `clientErrorHandler`: answers once if the socket still can, then closes it. */
export function answerClientError(
  this: FastifyInstance,
  error: Error & { code?: string },
  socket: Socket,
): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const code = parserErrorCode(error.code);
  this.log.debug({ parserError: error.code }, 'request refused by the HTTP parser');
  if (socket.writable) socket.write(clientErrorResponse(code));
  socket.destroy();
}
