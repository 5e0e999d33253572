/**
 * Who a rate limit counts a request against, and how an error of a request is logged.
 *
 * A client can send headers and then a body the HTTP parser refuses (a chunk size of `zzzz`):
 * Node answers 400 and destroys the socket while the request is already on its way through the
 * hooks. From then on `request.ip` is undefined, and @fastify/rate-limit's own key generator
 * threw on it, which was logged at error level as if it were ours to fix. A request whose
 * connection is gone is the client's doing: it is counted under one shared key and its errors
 * are logged at debug level, without a stack.
 */
import type { FastifyRequest } from 'fastify';

/** The key for requests whose client address can no longer be read. */
export const GONE_CLIENT_KEY = 'connection-closed';

/** The rate-limit key of a request: its client address while the connection lasts. */
export function clientKey(request: FastifyRequest): string {
  return request.ip ?? GONE_CLIENT_KEY;
}

/** Whether the client's connection closed before it could get an answer. */
export function clientGone(request: FastifyRequest): boolean {
  return request.raw.destroyed || request.raw.socket?.destroyed === true;
}

/** Logs an unexpected error: at error level, unless the client left and nobody will read it. */
export function logUnexpected(request: FastifyRequest, error: unknown): void {
  if (clientGone(request)) {
    request.log.debug(
      { error: error instanceof Error ? error.message : String(error) },
      'request failed after its client closed the connection',
    );
    return;
  }
  request.log.error({ err: error }, 'unexpected error');
}

/** How every scope registers @fastify/rate-limit: limits per route or action, keyed by clientKey. */
export const rateLimitPluginOptions = { global: false, keyGenerator: clientKey } as const;
