/**
 * The center desk's JSON API under `/api/v1/centers/{slug}`, for integrations and scripts,
 * authenticated with API tokens (`Authorization: Bearer pl_...`). A center the caller is not
 * staff of, and a member of another center, answer 404 like things that do not exist.
 */
import { Type } from 'typebox';
import type { HttpServer } from '../../platform/http/server.js';
import type { CenterDesk } from '../desk.js';
import type { Member } from '../members/model.js';
import {
  AssessmentInputSchema,
  AssessmentSchema,
  CenterParams,
  EncounterInputSchema,
  EncounterSchema,
  MemberInputSchema,
  MemberMatchSchema,
  MemberParams,
  MemberSchema,
  PlanGoalSchema,
  SummarySchema,
  TimelineSchema,
  errors,
  security,
} from './api-schema.js';
import { noStore } from '../../platform/http/no-store.js';
import { registerPlanApiRoutes } from './plan-api-routes.js';
import { registerEventApiRoutes } from './event-api-routes.js';
import { locales } from '../../web/i18n/locales.js';
import { sendRecordPdf } from './record-pdf-reply.js';

/** Registers `/api/v1/centers/{slug}/...`. */
export function registerCenterApiRoutes(server: HttpServer, desk: CenterDesk): void {
  const access = async (authorization: string | undefined, slug: string) =>
    desk.open(await desk.caller(authorization), slug);
  registerReportRoutes(server, desk, access);
  registerPlanApiRoutes(server, desk, access);
  registerEventApiRoutes(server, desk, access);

  server.get(
    '/api/v1/centers/:slug/members/:id/export',
    {
      ...noStore,
      schema: {
        tags: ['centers'],
        summary: 'Everything the center holds about a member (for the member who asks for it)',
        security,
        params: MemberParams,
        response: {
          200: Type.Object({
            exportedAt: Type.String(),
            center: Type.Object({ slug: Type.String(), name: Type.String() }),
            member: MemberSchema,
            timeline: TimelineSchema.properties.items,
            plan: Type.Array(PlanGoalSchema),
            access: Type.Array(
              Type.Object({
                at: Type.String(),
                action: Type.String(),
                actorId: Type.Optional(Type.String()),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const a = await access(request.headers.authorization, request.params.slug);
      const record = await desk.exportMember(a, request.params.id);
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="member-${record.member.id}.json"`)
        .send(record);
    },
  );

  server.get(
    '/api/v1/centers/:slug/members/:id/export.pdf',
    {
      ...noStore,
      schema: {
        tags: ['centers'],
        summary: 'The same record as a printable PDF, in English or Spanish',
        security,
        params: MemberParams,
        querystring: Type.Object(
          { lang: Type.Optional(Type.Union(locales.map((l) => Type.Literal(l)))) },
          { additionalProperties: false },
        ),
        produces: ['application/pdf'],
        response: {
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'A PDF' }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const a = await access(request.headers.authorization, request.params.slug);
      return sendRecordPdf(reply, desk, a, request.params.id, request.query.lang ?? 'en');
    },
  );

  server.delete(
    '/api/v1/centers/:slug/members/:id',
    {
      ...noStore,
      schema: {
        tags: ['centers'],
        summary:
          'Erase a member: the data key is destroyed with the records, so no backup can be read',
        security,
        params: MemberParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const a = await access(request.headers.authorization, request.params.slug);
      await desk.eraseMember(a, request.params.id);
      return reply.status(204).send(null);
    },
  );

  server.get(
    '/api/v1/centers/:slug/members',
    {
      ...noStore,
      schema: {
        tags: ['centers'],
        summary: 'Find members by chosen name (the front desk’s search)',
        security,
        params: CenterParams,
        querystring: Type.Object(
          {
            q: Type.String({
              maxLength: 100,
              description: 'Beginnings of words of the chosen name; two letters at least',
            }),
            limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ members: Type.Array(MemberMatchSchema) }), ...errors },
      },
    },
    async (request) => {
      const a = await access(request.headers.authorization, request.params.slug);
      return { members: await desk.findMembers(a, request.query.q, request.query.limit) };
    },
  );

  server.post(
    '/api/v1/centers/:slug/members',
    {
      ...noStore,
      schema: {
        tags: ['centers'],
        summary: 'Register a member (pseudonymous: a chosen name is all that is needed)',
        security,
        params: CenterParams,
        body: MemberInputSchema,
        response: { 201: MemberSchema, ...errors },
      },
    },
    async (request, reply) => {
      const a = await access(request.headers.authorization, request.params.slug);
      const member = await desk.registerMember(a, request.body);
      return reply.status(201).send(presentMember(member));
    },
  );

  server.get(
    '/api/v1/centers/:slug/members/:id',
    {
      ...noStore,
      schema: {
        tags: ['centers'],
        summary: 'One member’s record (the read is written to the access log)',
        security,
        params: MemberParams,
        response: { 200: MemberSchema, ...errors },
      },
    },
    async (request) => {
      const a = await access(request.headers.authorization, request.params.slug);
      return presentMember(await desk.readMember(a, request.params.id));
    },
  );

  server.get(
    '/api/v1/centers/:slug/members/:id/timeline',
    {
      ...noStore,
      schema: {
        tags: ['centers'],
        summary: 'A member’s encounters and assessments, oldest first',
        security,
        params: MemberParams,
        response: { 200: TimelineSchema, ...errors },
      },
    },
    async (request) => {
      const a = await access(request.headers.authorization, request.params.slug);
      return { items: await desk.timeline(a, request.params.id) };
    },
  );

  server.post(
    '/api/v1/centers/:slug/members/:id/encounters',
    {
      ...noStore,
      schema: {
        tags: ['centers'],
        summary: 'Record an encounter with a member',
        security,
        params: MemberParams,
        body: EncounterInputSchema,
        response: { 201: EncounterSchema, ...errors },
      },
    },
    async (request, reply) => {
      const a = await access(request.headers.authorization, request.params.slug);
      return reply.status(201).send(await desk.recordEncounter(a, request.params.id, request.body));
    },
  );

  server.post(
    '/api/v1/centers/:slug/members/:id/check-ins',
    {
      ...noStore,
      schema: {
        tags: ['centers'],
        summary: 'Record a front-desk check-in (a brief encounter, now)',
        security,
        params: MemberParams,
        response: { 201: EncounterSchema, ...errors },
      },
    },
    async (request, reply) => {
      const a = await access(request.headers.authorization, request.params.slug);
      return reply.status(201).send(await desk.recordCheckIn(a, request.params.id));
    },
  );

  server.post(
    '/api/v1/centers/:slug/members/:id/assessments',
    {
      ...noStore,
      schema: {
        tags: ['centers'],
        summary: 'Record an assessment (BARC-10); answers with its total',
        security,
        params: MemberParams,
        body: AssessmentInputSchema,
        response: { 201: AssessmentSchema, ...errors },
      },
    },
    async (request, reply) => {
      const a = await access(request.headers.authorization, request.params.slug);
      return reply
        .status(201)
        .send(await desk.recordAssessment(a, request.params.id, request.body));
    },
  );
}

/** `/reports/summary` and `/reports/suprt.csv`: for supervisors and administrators. */
function registerReportRoutes(
  server: HttpServer,
  desk: CenterDesk,
  access: (authorization: string | undefined, slug: string) => ReturnType<CenterDesk['open']>,
): void {
  const day = (description: string) =>
    Type.String({ maxLength: 10, pattern: '^\\d{4}-\\d{2}-\\d{2}$', description });
  server.get(
    '/api/v1/centers/:slug/reports/summary',
    {
      ...noStore,
      schema: {
        tags: ['centers'],
        summary: 'A period’s summary: members served, encounters by type, hours, BARC-10 change',
        security,
        params: CenterParams,
        querystring: Type.Object(
          { from: day('First day, YYYY-MM-DD'), to: day('Last day, YYYY-MM-DD (included)') },
          { additionalProperties: false },
        ),
        response: { 200: SummarySchema, ...errors },
      },
    },
    async (request) => {
      const a = await access(request.headers.authorization, request.params.slug);
      return desk.summary(a, request.query.from, request.query.to);
    },
  );

  server.get(
    '/api/v1/centers/:slug/reports/suprt.csv',
    {
      ...noStore,
      schema: {
        tags: ['centers'],
        summary:
          'SUPRT-style follow-up list (CSV): baseline BARC-10 within 30 days of intake, six-month reassessment ±30 days; done, due, overdue',
        security,
        params: CenterParams,
        querystring: Type.Object(
          { on: Type.Optional(day('The day the statuses are computed for; today by default')) },
          { additionalProperties: false },
        ),
        produces: ['text/csv'],
        response: {
          200: { type: 'string', description: 'CSV with a header row' },
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const a = await access(request.headers.authorization, request.params.slug);
      const csv = await desk.suprtCsv(a, request.query.on);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${a.center.slug}-suprt.csv"`)
        .header('cache-control', 'no-store')
        .send(csv);
    },
  );
}

function presentMember(member: Member) {
  const { centerId: _center, ...rest } = member;
  return rest;
}
