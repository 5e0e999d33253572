/**
 * Referral routes. Staff (API tokens): `POST /api/v1/centers/{slug}/referrals`, read one, revoke
 * its consent, export it as FHIR. The receiving organization (no account, the signed link):
 * `GET /api/v1/referral-links/{token}` and `POST .../status`. Answers carry personal data: no
 * cache may keep them.
 */
import { Type } from 'typebox';
import { errorResponseSchema, type HttpServer } from '../platform/http/server.js';
import type { ReferralDesk } from './referral-desk.js';
import { noStore } from '../platform/http/no-store.js';

const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
  410: errorResponseSchema,
};
const security = [{ bearer: [] }];
const Params = Type.Object({
  slug: Type.String({ maxLength: 100 }),
  id: Type.String({ maxLength: 100 }),
});
const TokenParams = Type.Object({ token: Type.String({ maxLength: 200 }) });
const Any = Type.Object({}, { additionalProperties: true });

export function registerReferralRoutes(server: HttpServer, desk: ReferralDesk): void {
  server.post(
    '/api/v1/centers/:slug/referrals',
    {
      ...noStore,
      schema: {
        tags: ['referrals'],
        summary: 'Refer a member to a service, under a 42 CFR Part 2 consent',
        description:
          'A missing consent element (42 CFR 2.31) is a 400 PL_CONSENT_INCOMPLETE naming the field. The answer holds the link for the receiving organization.',
        security,
        params: Type.Object({ slug: Type.String({ maxLength: 100 }) }),
        body: Any,
        response: { 201: Any, ...errors },
      },
    },
    async (request, reply) => {
      const access = await desk.access(request.headers.authorization, request.params.slug);
      const created = await desk.create(access, request.body);
      return reply.code(201).send(created);
    },
  );

  server.get(
    '/api/v1/centers/:slug/referrals/:id',
    {
      ...noStore,
      schema: {
        tags: ['referrals'],
        summary: 'A referral with its consent and every change',
        security,
        params: Params,
        response: { 200: Any, ...errors },
      },
    },
    async (request) => {
      const access = await desk.access(request.headers.authorization, request.params.slug);
      return desk.read(access, request.params.id);
    },
  );

  server.post(
    '/api/v1/centers/:slug/referrals/:id/revoke-consent',
    {
      ...noStore,
      schema: {
        tags: ['referrals'],
        summary: 'Revoke the consent: the link answers 410 from now on',
        security,
        params: Params,
        response: { 200: Any, ...errors },
      },
    },
    async (request) => {
      const access = await desk.access(request.headers.authorization, request.params.slug);
      return desk.revokeConsent(access, request.params.id);
    },
  );

  server.post(
    '/api/v1/centers/:slug/referrals/:id/consent-event',
    {
      ...noStore,
      schema: {
        tags: ['referrals'],
        summary:
          'The ending event the consent names has happened: the consent expires and the link answers 410',
        security,
        params: Params,
        response: { 200: Any, ...errors },
      },
    },
    async (request) => {
      const access = await desk.access(request.headers.authorization, request.params.slug);
      return desk.consentEventHappened(access, request.params.id);
    },
  );

  server.get(
    '/api/v1/centers/:slug/referrals/:id/fhir',
    {
      ...noStore,
      schema: {
        tags: ['referrals'],
        summary: 'The referral as a FHIR R4 Bundle of a ServiceRequest and its Task',
        security,
        params: Params,
        response: { 200: Any, ...errors },
      },
    },
    async (request, reply) => {
      const access = await desk.access(request.headers.authorization, request.params.slug);
      const bundle = await desk.fhir(access, request.params.id);
      return reply.type('application/fhir+json').send(bundle);
    },
  );

  server.get(
    '/api/v1/centers/:slug/reports/referrals',
    {
      ...noStore,
      schema: {
        tags: ['referrals'],
        summary: 'Referrals made in a period: by need, by status, time to first answer, completed',
        security,
        params: Type.Object({ slug: Type.String({ maxLength: 100 }) }),
        querystring: Type.Object(
          { from: Type.String({ maxLength: 10 }), to: Type.String({ maxLength: 10 }) },
          { additionalProperties: false },
        ),
        response: { 200: Any, ...errors },
      },
    },
    async (request) => {
      const access = await desk.access(request.headers.authorization, request.params.slug);
      return desk.report(access, request.query.from, request.query.to);
    },
  );

  server.get(
    '/api/v1/referral-links/:token',
    {
      ...noStore,
      schema: {
        tags: ['referrals'],
        summary:
          'What the receiving organization may see of a referral (404 altered or expired link; 410 consent revoked or expired)',
        params: TokenParams,
        response: { 200: Any, ...errors },
      },
    },
    async (request) => desk.openLink(request.params.token),
  );

  server.post(
    '/api/v1/referral-links/:token/status',
    {
      ...noStore,
      schema: {
        tags: ['referrals'],
        summary: 'The receiving organization accepts, declines, schedules or completes',
        params: TokenParams,
        body: Type.Object({
          status: Type.String({ maxLength: 40 }),
          note: Type.Optional(Type.String({ maxLength: 2000 })),
        }),
        response: { 200: Any, ...errors },
      },
    },
    async (request) => desk.answerLink(request.params.token, request.body),
  );
}
