/**
 * `/api/v1/space/{account}/...`: the encrypted sync of the personal space. Requests carry the
 * account's token as a bearer token; bodies carry base64 ciphertext only. Never cached.
 */
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { PorchlightError } from '../platform/errors.js';
import { actionLimit } from '../platform/http/action-limit.js';
import { noStore } from '../platform/http/no-store.js';
import { errorResponseSchema, type HttpServer } from '../platform/http/server.js';
import { MAX_BLOB_BYTES, type SpaceSync } from './space-sync.js';

/** Ids the device derives: base64url, long enough to be unguessable. */
const idPattern = '^[A-Za-z0-9_-]{16,64}$';
const accountParams = Type.Object({ account: Type.String({ pattern: idPattern }) });
const blobParams = Type.Object({
  account: Type.String({ pattern: idPattern }),
  id: Type.String({ pattern: '^[a-z0-9-]{1,40}$' }),
});
const BlobInfoSchema = Type.Object({
  id: Type.String(),
  version: Type.Integer({ description: 'Starts at 1; each write adds one' }),
  size: Type.Integer({ description: 'Bytes of ciphertext' }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
const BlobSchema = Type.Object({
  ...BlobInfoSchema.properties,
  ciphertext: Type.String({ description: 'Base64 of the nonce and the ciphertext' }),
});
const WriteSchema = Type.Object(
  {
    expectedVersion: Type.Integer({
      minimum: 0,
      description: 'The version this device last read; 0 for a new blob',
    }),
    ciphertext: Type.String({
      maxLength: Math.ceil(MAX_BLOB_BYTES / 3) * 4,
      pattern: '^[A-Za-z0-9+/]*={0,2}$',
    }),
  },
  { additionalProperties: false },
);
const refusals = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
};

/** The bearer token of a request; PL_SPACE_TOKEN_MISSING without one of the right shape. */
export function tokenOf(request: FastifyRequest): string {
  const header = request.headers.authorization ?? '';
  const token = /^Bearer ([A-Za-z0-9_-]{32,128})$/.exec(header)?.[1];
  if (token === undefined) throw new PorchlightError('PL_SPACE_TOKEN_MISSING');
  return token;
}

/** Registers the sync API. */
export function registerSpaceApiRoutes(server: HttpServer, sync: SpaceSync): void {
  const tags = ['space'];
  // Accounts cost nothing to make: one count per client address bounds what a script can store.
  // A device syncs with two requests each time a screen opens, far below this.
  const limit = actionLimit(server, 'space-sync', { max: 300, timeWindowMs: 15 * 60_000 });
  const onRequest = [noStore.onRequest, limit];
  server.get(
    '/api/v1/space/:account/blobs',
    {
      onRequest,
      schema: {
        tags,
        summary: "The account's encrypted blobs, without their ciphertext",
        params: accountParams,
        response: { 200: Type.Object({ blobs: Type.Array(BlobInfoSchema) }), ...refusals },
      },
    },
    async (request) => ({ blobs: await sync.list(request.params.account, tokenOf(request)) }),
  );
  server.get(
    '/api/v1/space/:account/blobs/:id',
    {
      onRequest,
      schema: {
        tags,
        summary: 'One encrypted blob',
        params: blobParams,
        response: { 200: BlobSchema, ...refusals },
      },
    },
    (request) => sync.read(request.params.account, tokenOf(request), request.params.id),
  );
  server.put(
    '/api/v1/space/:account/blobs/:id',
    {
      onRequest,
      bodyLimit: Math.ceil(MAX_BLOB_BYTES / 3) * 4 + 1024,
      schema: {
        tags,
        summary:
          'Writes an encrypted blob over the version last read (the first write makes the account)',
        params: blobParams,
        body: WriteSchema,
        response: { 200: BlobInfoSchema, 409: errorResponseSchema, ...refusals },
      },
    },
    (request) =>
      sync.write(
        request.params.account,
        tokenOf(request),
        request.params.id,
        request.body.expectedVersion,
        request.body.ciphertext,
      ),
  );
  server.delete(
    '/api/v1/space/:account',
    {
      onRequest,
      schema: {
        tags,
        summary: 'Deletes the account and every blob of it',
        params: accountParams,
        response: { 204: Type.Null(), ...refusals },
      },
    },
    async (request, reply) => {
      await sync.deleteAccount(request.params.account, tokenOf(request));
      return reply.status(204).send(null);
    },
  );
}
