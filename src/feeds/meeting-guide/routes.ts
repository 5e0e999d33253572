import type { HttpServer } from '../../platform/http/server.js';
import type { FeedCache } from './export-feed.js';
import { MeetingGuideFeedSchema } from './feed-schema.js';

/**
 * `GET /meeting-guide.json` (the whole directory in the Meeting Guide format, for the app, TSML UI
 * and other sites) and `GET /schemas/meeting-guide.json` (the format's JSON Schema). Feeds are
 * public, so any origin may read them.
 */
export function registerMeetingGuideRoutes(server: HttpServer, cache: FeedCache): void {
  server.get(
    '/meeting-guide.json',
    { schema: { tags: ['feeds'], summary: 'Every meeting in the Meeting Guide JSON format' } },
    async (request, reply) => {
      const feed = await cache.get();
      reply
        .header('access-control-allow-origin', '*')
        .header('cache-control', 'public, max-age=300')
        .header('etag', feed.etag)
        .header('vary', 'accept-encoding')
        .type('application/json; charset=utf-8');
      if (etagMatches(request.headers['if-none-match'], feed.etag)) return reply.status(304).send();
      if (/\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) {
        // Already compressed once per revision; the compress plugin skips encoded replies.
        return reply.header('content-encoding', 'gzip').send(feed.gzip);
      }
      return reply.send(feed.body);
    },
  );

  server.get(
    '/schemas/meeting-guide.json',
    { schema: { tags: ['feeds'], summary: 'JSON Schema of the Meeting Guide feed format' } },
    async (_request, reply) =>
      reply
        .header('access-control-allow-origin', '*')
        .header('cache-control', 'public, max-age=3600')
        .type('application/schema+json')
        .send(JSON.stringify(MeetingGuideFeedSchema)),
  );
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '');
    return tag === etag || tag === '*';
  });
}
