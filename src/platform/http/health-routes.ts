import { sql, type Kysely } from 'kysely';
import { Type } from 'typebox';
import type { DatabaseHandle } from '../database/connect.js';
import { errorResponseSchema, type HttpServer } from './server.js';

/** What keeps the server from being ready: still starting, no search index, no database. */
export type NotReady = 'starting' | 'index' | 'database';

const WHY: Record<NotReady, string> = {
  starting: 'The server is starting.',
  index: 'The search index is not built yet.',
  database: 'The database does not answer.',
};

/**
 * `/healthz`: the process answers. `/readyz`: it has migrated and seeded, its search index is
 * built and its database answers now, so a load balancer sends requests only where they can be
 * served (and stops when the database goes away).
 */
export function registerHealthRoutes(
  server: HttpServer,
  notReady: () => Promise<NotReady | undefined>,
): void {
  server.get(
    '/healthz',
    {
      schema: {
        tags: ['health'],
        summary: 'Liveness: the process answers',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    () => ({ status: 'ok' as const }),
  );
  server.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        summary: 'Readiness: migrated, the search index built, and the database answering',
        response: { 200: Type.Object({ status: Type.Literal('ready') }), 503: errorResponseSchema },
      },
    },
    async (_request, reply) => {
      const why = await notReady();
      if (why === undefined) return { status: 'ready' as const };
      return reply
        .status(503)
        .header('cache-control', 'no-store')
        .send({ error: { code: 'PL_NOT_READY', message: WHY[why] } });
    },
  );
}

/** Whether the database answers a trivial query within `timeoutMs` (2 s). */
export async function databaseAnswers(
  database: DatabaseHandle,
  timeoutMs = 2000,
): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
    timer.unref();
  });
  const answer = sql`select 1`.execute(database.db as unknown as Kysely<unknown>).then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([answer, late]);
  } finally {
    clearTimeout(timer);
  }
}
