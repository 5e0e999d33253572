import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Actor } from '../accounts/model.js';
import { errorResponseSchema, type HttpServer } from '../platform/http/server.js';
import { K_ANONYMITY, unmetDemand, type UnmetDemandDeps } from './unmet-demand.js';

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
    }),
  ),
});

/** `GET /api/v1/demand`: where a tailored need went unmet, for service-body staff. */
export function registerDemandRoutes(
  server: HttpServer,
  deps: UnmetDemandDeps & { actorOf(request: FastifyRequest): Promise<Actor | undefined> },
): void {
  server.get(
    '/api/v1/demand',
    {
      schema: {
        tags: ['demand'],
        summary: `Cells (about 10 km) where searches for a need found no room near, ${K_ANONYMITY} or more in the period`,
        querystring: Type.Object(
          {
            need: Type.String({
              maxLength: 40,
              description:
                'women, men, young_people, lgbtq, ..., lang:es, program:na, focus:gambling',
            }),
            from: Type.String({ maxLength: 10, description: 'First day, YYYY-MM-DD' }),
            to: Type.String({ maxLength: 10, description: 'Last day, YYYY-MM-DD' }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: DemandResponseSchema,
          400: errorResponseSchema,
          401: errorResponseSchema,
          403: errorResponseSchema,
        },
      },
    },
    async (request) => {
      const { need, from, to } = request.query;
      const cells = await unmetDemand(deps, await deps.actorOf(request), { need, from, to });
      return { need, from, to, threshold: K_ANONYMITY, cells };
    },
  );
}
