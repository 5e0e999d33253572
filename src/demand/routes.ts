import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Actor } from '../accounts/model.js';
import { errorResponseSchema, type HttpServer } from '../platform/http/server.js';
import { demandCsv } from './demand-csv.js';
import { K_ANONYMITY, unmetDemand, type UnmetDemandDeps } from './unmet-demand.js';
import { noStore } from '../platform/http/no-store.js';

const DemandResponseSchema = Type.Object({
  need: Type.String(),
  from: Type.String(),
  to: Type.String(),
  /** Cells under this many unmet searches are left out. */
  threshold: Type.Integer(),
  cells: Type.Array(
    Type.Object({
      latitude: Type.Number(),
      longitude: Type.Number(),
      searches: Type.Integer(),
      nearestGroup: Type.Optional(
        Type.Object({
          name: Type.String(),
          slug: Type.String(),
          distanceKm: Type.Number({ description: 'From the cell centre' }),
        }),
      ),
      onlineOptions: Type.Optional(
        Type.Integer({ description: 'Online and phone meetings for the need, anywhere' }),
      ),
    }),
  ),
});

const DemandQuery = Type.Object(
  {
    need: Type.String({
      maxLength: 40,
      description: 'women, men, young_people, lgbtq, ..., lang:es, program:na, focus:gambling',
    }),
    from: Type.String({ maxLength: 10, description: 'First day, YYYY-MM-DD' }),
    to: Type.String({ maxLength: 10, description: 'Last day, YYYY-MM-DD' }),
  },
  { additionalProperties: false },
);

const refusals = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
};

/**
 * `GET /api/v1/demand` (JSON) and `/api/v1/demand.csv`: where a tailored need went unmet, for
 * service-body staff. Neither is kept by a cache on the way.
 */
export function registerDemandRoutes(
  server: HttpServer,
  deps: UnmetDemandDeps & { actorOf(request: FastifyRequest): Promise<Actor | undefined> },
): void {
  server.get(
    '/api/v1/demand',
    {
      ...noStore,
      schema: {
        tags: ['demand'],
        summary: `Cells (about 10 km) where searches for a need found no room near, ${K_ANONYMITY} or more in the period`,
        querystring: DemandQuery,
        response: {
          200: DemandResponseSchema,
          ...refusals,
        },
      },
    },
    async (request) => {
      const { need, from, to } = request.query;
      const cells = await unmetDemand(deps, await deps.actorOf(request), { need, from, to });
      return { need, from, to, threshold: K_ANONYMITY, cells };
    },
  );
  server.get(
    '/api/v1/demand.csv',
    {
      ...noStore,
      schema: {
        tags: ['demand'],
        summary: 'The same cells as CSV, with the nearest group and the online options',
        querystring: DemandQuery,
        produces: ['text/csv'],
        response: { 200: { type: 'string', description: 'CSV with a header row' }, ...refusals },
      },
    },
    async (request, reply) => {
      const { need, from, to } = request.query;
      const cells = await unmetDemand(deps, await deps.actorOf(request), { need, from, to });
      const name = `demand-${need.replace(/[^a-z0-9_]+/g, '-')}-${from}-${to}.csv`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(demandCsv(cells));
    },
  );
}
