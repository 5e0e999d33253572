import { Type } from 'typebox';
import { PorchlightError } from '../platform/errors.js';
import { errorResponseSchema, type HttpServer } from '../platform/http/server.js';
import type { Repositories } from '../repositories.js';
import type { Source } from './model.js';

const ProblemSchema = Type.Object({
  index: Type.Integer(),
  slug: Type.Optional(Type.String()),
  field: Type.Optional(Type.String()),
  code: Type.String(),
  severity: Type.Union([Type.Literal('error'), Type.Literal('warning')]),
  message: Type.String(),
});

export const ImportReportSchema = Type.Object({
  source: Type.String(),
  location: Type.String(),
  startedAt: Type.String(),
  finishedAt: Type.String(),
  outcome: Type.Enum(['applied', 'unchanged', 'rejected', 'failed'] as const),
  strict: Type.Boolean(),
  rowCount: Type.Integer(),
  added: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  removed: Type.Integer(),
  skipped: Type.Integer(),
  errorCount: Type.Integer(),
  warningCount: Type.Integer(),
  problems: Type.Array(ProblemSchema),
  error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
});

const SourceSchema = Type.Object({
  name: Type.String(),
  format: Type.String(),
  program: Type.String(),
  location: Type.Optional(Type.String()),
  defaultTimeZone: Type.Optional(Type.String()),
  createdAt: Type.String(),
  lastImportAt: Type.Optional(Type.String()),
  meetingCount: Type.Integer(),
  lastReport: Type.Optional(ImportReportSchema),
});

/** `GET /api/v1/sources` and `GET /api/v1/sources/:name`: what was imported and how it went. */
export function registerSourceRoutes(server: HttpServer, repos: Repositories): void {
  const present = async (source: Source) => {
    const { id: _id, ...rest } = source;
    return { ...rest, meetingCount: await repos.meetings.count({ sourceId: source.id }) };
  };

  server.get(
    '/api/v1/sources',
    {
      schema: {
        tags: ['sources'],
        summary: 'Registered sources with their last import report',
        response: { 200: Type.Object({ sources: Type.Array(SourceSchema) }) },
      },
    },
    async () => ({ sources: await Promise.all((await repos.sources.list()).map(present)) }),
  );

  server.get(
    '/api/v1/sources/:name',
    {
      schema: {
        tags: ['sources'],
        summary: 'One source with its last import report',
        params: Type.Object({ name: Type.String({ maxLength: 63 }) }),
        response: { 200: SourceSchema, 404: errorResponseSchema },
      },
    },
    async (request) => {
      const source = await repos.sources.findByName(request.params.name);
      if (source === undefined)
        throw new PorchlightError(
          'PL_SOURCE_NOT_FOUND',
          `No source is called "${request.params.name}".`,
        );
      return present(source);
    },
  );
}
