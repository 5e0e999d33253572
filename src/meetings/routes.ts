import { Type } from 'typebox';
import { listOptions } from '../platform/http/query-params.js';
import { errorResponseSchema, type HttpServer } from '../platform/http/server.js';
import { MeetingSchema } from './api-schema.js';
import type { MeetingDirectory } from './meeting-directory.js';
import type { Meeting } from './model.js';
import { presentMeeting, type MeetingStanding } from './present-meeting.js';

/** Reads what other capabilities know of meetings (freshness, duplicates, link checks). */
export type ReadStanding = (meetings: readonly Meeting[]) => Promise<Map<string, MeetingStanding>>;

/** `GET /api/v1/meetings` and `GET /api/v1/meetings/:slug`. */
export function registerMeetingRoutes(
  server: HttpServer,
  meetings: MeetingDirectory,
  publicUrl: string,
  readStanding: ReadStanding = () => Promise.resolve(new Map<string, MeetingStanding>()),
): void {
  server.get(
    '/api/v1/meetings',
    {
      schema: {
        tags: ['meetings'],
        summary: 'List meetings in slug order, a page at a time',
        querystring: Type.Object(
          {
            limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
            cursor: Type.Optional(Type.String({ maxLength: 400 })),
            program: Type.Optional(
              Type.String({
                maxLength: 400,
                description: 'Program ids, comma-separated (aa, na, ...); or repeat it',
                ...listOptions,
              }),
            ),
            source: Type.Optional(Type.String({ maxLength: 63 })),
          },
          // An unknown (or misspelt) parameter is refused by name rather than ignored.
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            meetings: Type.Array(MeetingSchema),
            nextCursor: Type.Optional(Type.String()),
          }),
          400: errorResponseSchema,
          404: errorResponseSchema,
        },
      },
    },
    async (request) => {
      const { limit, cursor, program, source } = request.query;
      const programs = program
        ?.split(',')
        .map((p) => p.trim())
        .filter((p) => p !== '');
      const page = await meetings.list({
        limit,
        ...(cursor !== undefined ? { cursor } : {}),
        ...(programs !== undefined && programs.length > 0 ? { program: programs } : {}),
        ...(source !== undefined ? { source } : {}),
      });
      const standing = await readStanding(page.meetings);
      const presented = page.meetings.map((m) =>
        presentMeeting(
          m,
          page.sources.get(m.provenance.sourceId) ?? { name: 'unknown' },
          publicUrl,
          standing.get(m.id),
        ),
      );
      return page.nextCursor === undefined
        ? { meetings: presented }
        : { meetings: presented, nextCursor: page.nextCursor };
    },
  );

  server.get(
    '/api/v1/meetings/:slug',
    {
      schema: {
        tags: ['meetings'],
        summary: 'One meeting by its slug',
        params: Type.Object({ slug: Type.String({ maxLength: 200 }) }),
        response: { 200: MeetingSchema, 404: errorResponseSchema },
      },
    },
    async (request) => {
      const { meeting, source } = await meetings.get(request.params.slug);
      const standing = await readStanding([meeting]);
      return presentMeeting(meeting, source, publicUrl, standing.get(meeting.id));
    },
  );
}
