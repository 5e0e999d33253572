/**
 * `/api/v1/space/supporters/...`: what the person's device asks of its supporters. Each
 * supporter has its own bearer token, made with the invitation and kept only on the device
 * (and in its encrypted sync); a request carries the person's chosen words and nothing else.
 */
import { Type } from 'typebox';
import { actionLimit } from '../platform/http/action-limit.js';
import { noStore } from '../platform/http/no-store.js';
import { errorResponseSchema, type HttpServer } from '../platform/http/server.js';
import { tokenOf } from './routes-api.js';
import { MAX_ALERT_TEXT } from './supporter-model.js';
import type { Supporters } from './supporters.js';

const params = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9_-]{22}$' }) });
const refusals = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  404: errorResponseSchema,
};

/** Registers the supporters' device API. */
export function registerSupporterApiRoutes(server: HttpServer, supporters: Supporters): void {
  const tags = ['space'];
  // Invitations cost a row each: a person makes a handful in a lifetime, a script many.
  const inviteLimit = actionLimit(server, 'space-supporter-invite', {
    max: 20,
    timeWindowMs: 60 * 60_000,
  });
  // A device checks its supporters when a screen opens, and presses help rarely.
  const useLimit = actionLimit(server, 'space-supporter-use', {
    max: 300,
    timeWindowMs: 15 * 60_000,
  });
  server.post(
    '/api/v1/space/supporters',
    {
      onRequest: [noStore.onRequest, inviteLimit],
      schema: {
        tags,
        summary: 'Makes an invitation for a supporter (its secrets are shown once)',
        response: {
          201: Type.Object({
            id: Type.String(),
            token: Type.String({ description: "The device's bearer token for this supporter" }),
            invite: Type.String({ description: 'The secret of the link the supporter opens' }),
            expiresAt: Type.String(),
          }),
        },
      },
    },
    async (_request, reply) => reply.status(201).send(await supporters.invite()),
  );
  server.get(
    '/api/v1/space/supporters/:id',
    {
      onRequest: [noStore.onRequest, useLimit],
      schema: {
        tags,
        summary: 'Whether the supporter accepted, and on which channel (never their contact)',
        params,
        response: {
          200: Type.Object({
            state: Type.Union([
              Type.Literal('invited'),
              Type.Literal('confirming'),
              Type.Literal('active'),
            ]),
            channel: Type.Optional(
              Type.Union([Type.Literal('email'), Type.Literal('sms'), Type.Literal('push')]),
            ),
            inviteExpiresAt: Type.Optional(Type.String()),
          }),
          ...refusals,
        },
      },
    },
    (request) => supporters.status(request.params.id, tokenOf(request)),
  );
  server.delete(
    '/api/v1/space/supporters/:id',
    {
      onRequest: [noStore.onRequest, useLimit],
      schema: {
        tags,
        summary: 'Removes a supporter: their contact is deleted',
        params,
        response: { 204: Type.Null(), ...refusals },
      },
    },
    async (request, reply) => {
      await supporters.remove(request.params.id, tokenOf(request));
      return reply.status(204).send(null);
    },
  );
  server.post(
    '/api/v1/space/supporters/:id/alerts',
    {
      onRequest: [noStore.onRequest, useLimit],
      schema: {
        tags,
        summary: "Sends the person's chosen words to the supporter, now",
        params,
        body: Type.Object(
          { text: Type.String({ minLength: 1, maxLength: MAX_ALERT_TEXT }) },
          { additionalProperties: false },
        ),
        response: {
          202: Type.Object({ queued: Type.Boolean() }),
          409: errorResponseSchema,
          429: errorResponseSchema,
          ...refusals,
        },
      },
    },
    async (request, reply) => {
      await supporters.alert(request.params.id, tokenOf(request), request.body.text);
      return reply.status(202).send({ queued: true });
    },
  );
}
