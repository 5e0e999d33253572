import { Type } from 'typebox';
import { errorResponseSchema, type HttpServer } from './server.js';

/** `/healthz`: the process answers. `/readyz`: it has migrated, seeded and can serve. */
export function registerHealthRoutes(server: HttpServer, isReady: () => boolean): void {
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
        summary: 'Readiness: the database is migrated and the server can answer',
        response: { 200: Type.Object({ status: Type.Literal('ready') }), 503: errorResponseSchema },
      },
    },
    async (_request, reply) => {
      if (isReady()) return { status: 'ready' as const };
      return reply
        .status(503)
        .send({ error: { code: 'PL_NOT_READY', message: 'The server is starting.' } });
    },
  );
}
