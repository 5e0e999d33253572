/**
 * The line's webhooks: `POST /sms/twilio` (Twilio's form-encoded incoming message, answered in
 * TwiML), `POST /sms/webhook` (the generic JSON form, `{from, to, text}` answered with
 * `{messages}`) and the voice line's `POST /voice/twilio`. A Twilio request is checked against
 * its `X-Twilio-Signature` (the auth token and the public URL the request was sent to) before
 * anything is read or sent; the JSON webhook by its shared secret. Nothing here logs a number or
 * a message's words.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { verifyTwilioSignature } from '../messaging/sms/twilio-signature.js';
import { webhookSecretHeader } from '../messaging/sms/webhook-sender.js';
import type { TextlineConfig } from '../platform/config.js';
import { PorchlightError } from '../platform/errors.js';
import type { HttpServer } from '../platform/http/server.js';
import type { TextLine } from './text-line.js';
import { messagingResponse } from './twiml.js';
import type { VoiceLine } from './voice-line.js';

/** Incoming texts and call steps are small; anything larger is not Twilio's. */
const FORM_LIMIT = 16 * 1024;

const WebhookBody = Type.Object(
  {
    from: Type.String({ minLength: 1, maxLength: 40 }),
    to: Type.Optional(Type.String({ maxLength: 40 })),
    text: Type.String({ maxLength: 1600 }),
  },
  { additionalProperties: true },
);

export interface TextlineRoutesDeps {
  textLine: TextLine;
  voiceLine: VoiceLine;
  config: TextlineConfig;
  /** The address Twilio is configured to call (signatures cover the full URL). */
  publicUrl: string;
}

/** Registers the line's webhooks in a scope of their own (their own form parser). */
export function registerTextlineRoutes(server: HttpServer, deps: TextlineRoutesDeps): void {
  void server.register((scope, _options, done) => {
    // Kept as text: the signature is computed over the parameters exactly as they came.
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: FORM_LIMIT },
      (_request, body, parsed) => parsed(null, body),
    );

    scope.post('/sms/twilio', { schema: { hide: true } }, async (request, reply) => {
      const form = verifiedForm(request, deps);
      const answer = await deps.textLine.answer({
        from: form.get('From') ?? '',
        text: form.get('Body') ?? '',
      });
      return twiml(reply, messagingResponse(answer.messages));
    });

    scope.post(
      '/sms/webhook',
      { schema: { hide: true, body: WebhookBody }, bodyLimit: FORM_LIMIT },
      async (request) => {
        checkSecret(request, deps.config.webhookSecret);
        const body = request.body as Static<typeof WebhookBody>;
        return deps.textLine.answer({ from: body.from, text: body.text });
      },
    );

    scope.post('/voice/twilio', { schema: { hide: true } }, async (request, reply) => {
      const form = verifiedForm(request, deps);
      const query = request.query as Record<string, unknown>;
      const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
      const step = { step: text(query.step), tried: text(query.tried) };
      return twiml(reply, await deps.voiceLine.answer(form, step));
    });
    done();
  });
}

/** The form of a request Twilio signed; PL_TEXTLINE_SIGNATURE (403) when it did not. */
function verifiedForm(request: FastifyRequest, deps: TextlineRoutesDeps): Map<string, string> {
  const token = deps.config.twilioAuthToken;
  if (token === undefined) throw new PorchlightError('PL_TEXTLINE_OFF');
  const body = typeof request.body === 'string' ? request.body : '';
  const pairs = [...new URLSearchParams(body)];
  const signature = request.headers['x-twilio-signature'];
  const url = `${deps.publicUrl}${request.url}`;
  if (
    !verifyTwilioSignature(token, typeof signature === 'string' ? signature : undefined, url, pairs)
  )
    throw new PorchlightError('PL_TEXTLINE_SIGNATURE');
  return new Map(pairs);
}

function checkSecret(request: FastifyRequest, secret: string | undefined): void {
  if (secret === undefined) throw new PorchlightError('PL_TEXTLINE_OFF');
  const given = request.headers[webhookSecretHeader];
  if (typeof given !== 'string' || given === '')
    throw new PorchlightError('PL_TEXTLINE_SECRET_MISSING');
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  if (a.length !== b.length || !timingSafeEqual(a, b))
    throw new PorchlightError('PL_TEXTLINE_SECRET_WRONG');
}

function twiml(reply: FastifyReply, xml: string): FastifyReply {
  return reply.type('text/xml; charset=utf-8').header('cache-control', 'no-store').send(xml);
}
