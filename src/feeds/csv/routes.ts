import type { HttpServer } from '../../platform/http/server.js';
import type { CsvFeedCache } from './export-csv.js';

/**
 * `GET /meetings.csv`: the whole directory as a sheet in the 12 Step Meeting List's columns, for
 * spreadsheets and for sites that import CSV. Rendered once per store revision; ETag and 304 as
 * for the JSON feed. Public, so any origin may read it.
 */
export function registerCsvRoutes(server: HttpServer, cache: CsvFeedCache): void {
  server.get(
    '/meetings.csv',
    { schema: { tags: ['feeds'], summary: 'Every meeting as CSV (12 Step Meeting List columns)' } },
    async (request, reply) => {
      const feed = await cache.get();
      reply
        .header('access-control-allow-origin', '*')
        .header('cache-control', 'public, max-age=300')
        .header('etag', feed.etag)
        .header('vary', 'accept-encoding')
        .header('content-disposition', 'attachment; filename="meetings.csv"')
        .type('text/csv; charset=utf-8');
      if (etagMatches(request.headers['if-none-match'], feed.etag)) return reply.status(304).send();
      if (/\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) {
        return reply.header('content-encoding', 'gzip').send(feed.gzip);
      }
      return reply.send(feed.body);
    },
  );
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '');
    return tag === etag || tag === '*';
  });
}
