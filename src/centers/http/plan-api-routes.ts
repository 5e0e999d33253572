/**
 * A member's recovery plan in the desk's JSON API: read it, add a goal, mark a goal or one of
 * its steps done. The same service as the pages, so roles, sealing and the access log are theirs.
 */
import { Type } from 'typebox';
import type { HttpServer } from '../../platform/http/server.js';
import { noStore } from '../../platform/http/no-store.js';
import type { CenterDesk } from '../desk.js';
import {
  GoalDoneSchema,
  GoalInputSchema,
  GoalParams,
  MemberParams,
  PlanGoalSchema,
  errors,
  security,
} from './api-schema.js';

/** Registers `/api/v1/centers/{slug}/members/{id}/plan...`. */
export function registerPlanApiRoutes(
  server: HttpServer,
  desk: CenterDesk,
  access: (authorization: string | undefined, slug: string) => ReturnType<CenterDesk['open']>,
): void {
  server.get(
    '/api/v1/centers/:slug/members/:id/plan',
    {
      ...noStore,
      schema: {
        tags: ['centers'],
        summary: 'A member’s recovery plan: open goals by due date, then the completed ones',
        security,
        params: MemberParams,
        response: { 200: Type.Object({ goals: Type.Array(PlanGoalSchema) }), ...errors },
      },
    },
    async (request) => {
      const a = await access(request.headers.authorization, request.params.slug);
      return { goals: await desk.plan(a, request.params.id) };
    },
  );

  server.post(
    '/api/v1/centers/:slug/members/:id/plan/goals',
    {
      ...noStore,
      schema: {
        tags: ['centers'],
        summary: 'Add a goal, with its steps, to a member’s recovery plan',
        security,
        params: MemberParams,
        body: GoalInputSchema,
        response: { 201: PlanGoalSchema, ...errors },
      },
    },
    async (request, reply) => {
      const a = await access(request.headers.authorization, request.params.slug);
      return reply.status(201).send(await desk.addGoal(a, request.params.id, request.body));
    },
  );

  server.post(
    '/api/v1/centers/:slug/members/:id/plan/goals/:goalId/done',
    {
      ...noStore,
      schema: {
        tags: ['centers'],
        summary: 'Mark a goal done, or one of its steps (done stays done)',
        security,
        params: GoalParams,
        body: GoalDoneSchema,
        response: { 200: PlanGoalSchema, ...errors },
      },
    },
    async (request) => {
      const a = await access(request.headers.authorization, request.params.slug);
      const { id, goalId } = request.params;
      return desk.completeGoal(a, id, goalId, request.body.step);
    },
  );
}
