import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { PorchlightError } from '../errors.js';
import type { Metrics } from '../metrics/metrics.js';
import type { HttpServer } from './server.js';

/**
 * `/metrics` in the Prometheus text format, and the hook that counts every answered request.
 * With `METRICS_TOKEN` set, a scrape must bring it as a bearer token; without one, only a
 * request made directly on this machine's loopback may read it (a request that came through a
 * proxy carries a forwarding header and is refused, so nginx in front never exposes it).
 * Anyone else gets the same 404 as an address that does not exist.
 */
export function registerMetricsRoutes(
  server: HttpServer,
  metrics: Metrics,
  options: { token: string | undefined },
): void {
  server.addHook('onResponse', (request, reply, done) => {
    // The route's pattern, never the URL: no slug, query or token reaches a label.
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.observeRequest(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
  server.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!mayScrape(request, options.token)) throw new PorchlightError('PL_NOT_FOUND');
    const { contentType, body } = await metrics.scrape();
    return reply.header('cache-control', 'no-store').type(contentType).send(body);
  });
}

function mayScrape(request: FastifyRequest, token: string | undefined): boolean {
  if (token !== undefined) {
    const given = Buffer.from(request.headers.authorization ?? '');
    const expected = Buffer.from(`Bearer ${token}`);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
  const forwarded =
    request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined;
  const address = request.socket.remoteAddress ?? '';
  const loopback = address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
  return loopback && !forwarded;
}
