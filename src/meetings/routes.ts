import { Type, type Static } from 'typebox';
import { listOptions, parseFieldsParam, pickFields } from '../platform/http/query-params.js';
import { errorResponseSchema, type HttpServer } from '../platform/http/server.js';
import { MeetingSchema } from './api-schema.js';
import type { MeetingDirectory } from './meeting-directory.js';
import type { Meeting } from './model.js';
import { presentMeeting, type MeetingStanding } from './present-meeting.js';

type MeetingView = Static<typeof MeetingSchema>;
/** Every field of a meeting, in the order an answer writes them; `fields=` names some of them. */
const meetingFieldNames = Object.keys(MeetingSchema.properties) as (keyof MeetingView)[];

const MeetingsPageSchema = Type.Object({
  meetings: Type.Array(MeetingSchema),
  nextCursor: Type.Optional(Type.String()),
});
const CompactMeetingsPageSchema = Type.Object(
  {
    fields: Type.Array(Type.Enum(meetingFieldNames), {
      description: 'The fields each meeting carries: those named in `fields`, in this order',
    }),
    meetings: Type.Array(Type.Partial(MeetingSchema)),
    nextCursor: Type.Optional(Type.String()),
  },
  { description: 'With `fields`: each meeting carries only the fields named' },
);
/** The whole page, or the compact one when it says which `fields` it carries. */
const MeetingsAnswerSchema = Type.Unsafe<
  Static<typeof MeetingsPageSchema> | Static<typeof CompactMeetingsPageSchema>
>({
  if: { type: 'object', required: ['fields'] },
  then: CompactMeetingsPageSchema,
  else: MeetingsPageSchema,
});

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
            fields: Type.Optional(
              Type.String({
                maxLength: 500,
                description: `Only these fields of each meeting, comma-separated or repeated (${meetingFieldNames.join(', ')}); the answer names them in \`fields\``,
                ...listOptions,
              }),
            ),
          },
          // An unknown (or misspelt) parameter is refused by name rather than ignored.
          { additionalProperties: false },
        ),
        response: {
          200: MeetingsAnswerSchema,
          400: errorResponseSchema,
          404: errorResponseSchema,
        },
      },
    },
    async (request) => {
      const { limit, cursor, program, source, fields } = request.query;
      const picked = fields === undefined ? undefined : parseFieldsParam(fields, meetingFieldNames);
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
      const next = page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor };
      if (picked !== undefined)
        return { fields: picked, meetings: presented.map((m) => pickFields(m, picked)), ...next };
      return { meetings: presented, ...next };
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
