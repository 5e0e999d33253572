import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { errorResponseSchema, type HttpServer } from '../platform/http/server.js';
import { importOutcomes, sourceFormats, type ImportReport } from './model.js';
import { publicLocation, publicText } from './public-location.js';
import type { SourceDirectory, SourceStanding } from './source-directory.js';

const ProblemSchema = Type.Object({
  index: Type.Integer(),
  row: Type.Optional(Type.Integer()),
  slug: Type.Optional(Type.String()),
  field: Type.Optional(Type.String()),
  code: Type.String(),
  severity: Type.Union([Type.Literal('error'), Type.Literal('warning')]),
  message: Type.String(),
});

export const ImportReportSchema = Type.Object({
  source: Type.String(),
  location: Type.String(),
  format: Type.Optional(Type.Enum(sourceFormats)),
  startedAt: Type.String(),
  finishedAt: Type.String(),
  outcome: Type.Enum(importOutcomes),
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
  held: Type.Optional(
    Type.Object({
      existing: Type.Integer(),
      wouldRemove: Type.Integer(),
      incoming: Type.Integer(),
      snapshotKept: Type.Boolean(),
    }),
  ),
});

const RefreshSchema = Type.Object({
  every: Type.Optional(
    Type.String({ description: 'refresh interval, e.g. 4h; absent: on request' }),
  ),
  everySeconds: Type.Optional(Type.Integer()),
  nextRunAt: Type.Optional(Type.String()),
  lastRunAt: Type.Optional(Type.String()),
  lastOutcome: Type.Optional(Type.String()),
  lastError: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
  consecutiveFailures: Type.Integer(),
  running: Type.Boolean(),
});

const HeldSchema = Type.Object({
  heldAt: Type.String(),
  existing: Type.Integer(),
  wouldRemove: Type.Integer(),
  incoming: Type.Integer(),
  snapshotKept: Type.Boolean(),
});

const ClusterMemberSchema = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  source: Type.String(),
  sourceSlug: Type.String(),
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
  refresh: Type.Optional(RefreshSchema),
  held: Type.Optional(HeldSchema),
});

/** Tells whether a request comes from an operator (a signed-in administrator). */
export type IsOperator = (request: FastifyRequest) => Promise<boolean>;

/**
 * A source as the public sees it: its location and every message about it with credentials,
 * secret query values and the operator's file paths left out (see public-location.ts).
 */
export function publicSource<T extends Omit<SourceStanding, 'meetingCount'>>(source: T): T {
  const location = source.location;
  const text = (message: string) => publicText(message, location);
  const out: T = { ...source };
  if (location !== undefined) out.location = publicLocation(location);
  if (source.lastReport !== undefined) out.lastReport = publicReport(source.lastReport);
  if (source.refresh?.lastError !== undefined)
    out.refresh = {
      ...source.refresh,
      lastError: { ...source.refresh.lastError, message: text(source.refresh.lastError.message) },
    };
  return out;
}

function publicReport(report: ImportReport): ImportReport {
  const text = (message: string) => publicText(message, report.location);
  const out: ImportReport = {
    ...report,
    location: publicLocation(report.location),
    problems: report.problems.map((p) => ({ ...p, message: text(p.message) })),
  };
  if (report.error !== undefined)
    out.error = { ...report.error, message: text(report.error.message) };
  return out;
}

/** `GET /api/v1/sources` and `GET /api/v1/sources/:name`: what was imported and how it went. */
export function registerSourceRoutes(
  server: HttpServer,
  sources: SourceDirectory,
  isOperator: IsOperator = () => Promise.resolve(false),
): void {
  const present = (source: SourceStanding, operator: boolean) =>
    operator ? source : publicSource(source);
  /** Whether the answer shows locations in full; an operator's answer is never cached. */
  const audience = async (
    request: FastifyRequest,
    reply: { header: (k: string, v: string) => unknown },
  ) => {
    reply.header('vary', 'Cookie');
    const operator = await isOperator(request);
    reply.header('cache-control', operator ? 'private, no-store' : 'no-cache');
    return operator;
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
    async (request, reply) => {
      const operator = await audience(request, reply);
      return { sources: (await sources.list()).map((s) => present(s, operator)) };
    },
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
    async (request, reply) => {
      const source = await sources.get(request.params.name);
      const operator = await audience(request, reply);
      return present(source, operator);
    },
  );

  server.get(
    '/api/v1/duplicates',
    {
      schema: {
        tags: ['sources'],
        summary: 'Meetings listed by several sources and merged into one entry',
        description:
          'Each cluster is shown once, as its canonical meeting (the most recently verified, else the oldest); the duplicates keep their own rows and sources. An editor splits a wrong merge with `porchlight duplicates split <slug>`.',
        response: {
          200: Type.Object({
            clusters: Type.Array(
              Type.Object({
                canonical: ClusterMemberSchema,
                duplicates: Type.Array(
                  Type.Object({
                    ...ClusterMemberSchema.properties,
                    reasons: Type.Array(Type.Enum(['online', 'place'] as const)),
                  }),
                ),
              }),
            ),
          }),
        },
      },
    },
    async () => ({ clusters: await sources.duplicates() }),
  );
}
