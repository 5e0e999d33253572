import type { HttpServer } from '../../platform/http/server.js';
import { Type } from 'typebox';
import { getProgram } from '../../meetings/programs.js';
import { PorchlightError } from '../../platform/errors.js';
import { etagMatches } from '../../platform/http/cached-body.js';
import type { FeedCache, FeedSelection } from './export-feed.js';
import { MeetingGuideFeedSchema } from './feed-schema.js';

/**
 * `GET /meeting-guide.json` (the whole directory in the Meeting Guide format, for the app, TSML UI
 * and other sites) and `GET /schemas/meeting-guide.json` (the format's JSON Schema). Feeds are
 * public, so any origin may read them.
 */
export function registerMeetingGuideRoutes(server: HttpServer, cache: FeedCache): void {
  server.get(
    '/meeting-guide.json',
    {
      schema: {
        tags: ['feeds'],
        summary: 'Every meeting (or one program’s) in the Meeting Guide JSON format',
        description:
          'Each row carries the `program` extension field. The Meeting Guide app expects one program per feed: ask for it with `?program=` (e.g. `na`).',
        querystring: Type.Object({
          program: Type.Optional(
            Type.String({
              maxLength: 40,
              description: 'Only this program’s meetings, e.g. aa, na',
            }),
          ),
        }),
      },
    },
    async (request, reply) => {
      const feed = await cache.get(feedSelection(request.query.program));
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

/** The feed asked for: a known program's, or the whole directory; PL_UNKNOWN_PROGRAM else. */
function feedSelection(program: string | undefined): FeedSelection {
  if (program === undefined || program === '') return {};
  const known = getProgram(program.trim().toLowerCase());
  if (known === undefined)
    throw new PorchlightError(
      'PL_UNKNOWN_PROGRAM',
      `No program is called "${program.slice(0, 40)}".`,
      {
        field: 'program',
      },
    );
  return { program: known.id };
}
