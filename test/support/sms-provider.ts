/**
 * A simulated text provider: a real HTTP server that checks what Twilio checks on
 * `POST /2010-04-01/Accounts/{AccountSid}/Messages.json` (and `Calls.json`) and answers as
 * Twilio does, and a generic JSON webhook that checks its shared secret. A test can make it
 * answer 429 (with Retry-After) or 500 for the next requests, to exercise the adapters' retry
 * and give-up rules.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProviderMessage {
  sid: string;
  to: string;
  from?: string;
  messagingServiceSid?: string;
  body: string;
}

export interface ProviderCall {
  sid: string;
  to: string;
  from: string;
  url: string;
}

export interface WebhookMessage {
  to: string;
  from: string;
  text: string;
}

/** A forced answer for the next request: a status the provider gives when it is in trouble. */
export type Trouble = { status: 429; retryAfter?: string } | { status: 500 | 503 };

export interface SimulatedProvider {
  /** `http://127.0.0.1:<port>`: Twilio's API base, and the webhook at `/webhook`. */
  origin: string;
  accountSid: string;
  authToken: string;
  webhookSecret: string;
  messages: ProviderMessage[];
  calls: ProviderCall[];
  webhookMessages: WebhookMessage[];
  /** Requests refused, with Twilio's error code (or the status). */
  refusals: number[];
  /** The next requests get these answers, one each, before the checks. */
  trouble(...answers: Trouble[]): void;
  close(): Promise<void>;
}

/** Twilio's E.164 check: a plus, a country code without a leading zero, at most 15 digits. */
const e164 = /^\+[1-9]\d{1,14}$/;

export async function startSimulatedProvider(): Promise<SimulatedProvider> {
  const accountSid = `AC${randomBytes(16).toString('hex')}`;
  const authToken = randomBytes(16).toString('hex');
  const webhookSecret = randomBytes(16).toString('hex');
  const messages: ProviderMessage[] = [];
  const calls: ProviderCall[] = [];
  const webhookMessages: WebhookMessage[] = [];
  const refusals: number[] = [];
  const troubles: Trouble[] = [];

  const twilioError = (res: ServerResponse, status: number, code: number, message: string) => {
    refusals.push(code);
    json(res, status, {
      code,
      message,
      more_info: `https://www.twilio.com/docs/errors/${code}`,
      status,
    });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const trouble = troubles.shift();
    if (trouble !== undefined) {
      refusals.push(trouble.status);
      if (trouble.status === 429)
        return twilioErrorWithHeaders(res, trouble.retryAfter, () =>
          json(res, 429, { code: 20429, message: 'Too Many Requests', status: 429 }),
        );
      return json(res, trouble.status, {
        code: 20500,
        message: 'Internal Server Error',
        status: trouble.status,
      });
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/webhook') return handleWebhook(req, res, body);
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/(Messages|Calls)\.json$/.exec(url.pathname);
    if (req.method !== 'POST' || match === null)
      return twilioError(res, 404, 20404, 'The requested resource was not found');
    if (!basicAuthMatches(req.headers.authorization, accountSid, authToken))
      return twilioError(res, 401, 20003, 'Authenticate');
    if (decodeURIComponent(match[1]!) !== accountSid)
      return twilioError(res, 403, 20003, 'The account in the path is not the one authenticated');
    if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded'))
      return twilioError(res, 400, 20001, 'Form-encoded parameters expected');
    const form = new URLSearchParams(body);
    const to = form.get('To');
    if (to === null || to === '')
      return twilioError(res, 400, 21604, "A 'To' phone number is required.");
    if (!e164.test(to))
      return twilioError(res, 400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    if (match[2] === 'Calls') return handleCall(res, form, to);
    const from = form.get('From') ?? undefined;
    const service = form.get('MessagingServiceSid') ?? undefined;
    if (from === undefined && service === undefined)
      return twilioError(res, 400, 21603, "A 'From' phone number is required.");
    if (from !== undefined && !e164.test(from))
      return twilioError(res, 400, 21212, `The 'From' number ${from} is not a valid phone number.`);
    if (service !== undefined && !/^MG[0-9a-f]{32}$/.test(service))
      return twilioError(res, 400, 21701, 'The Messaging Service Sid is invalid.');
    const text = form.get('Body') ?? '';
    if (text === '') return twilioError(res, 400, 21602, 'Message body is required.');
    if ([...text].length > 1600)
      return twilioError(
        res,
        400,
        21617,
        'The concatenated message body exceeds the 1600 character limit.',
      );
    const sid = `SM${randomBytes(16).toString('hex')}`;
    messages.push({
      sid,
      to,
      body: text,
      ...(from !== undefined ? { from } : {}),
      ...(service !== undefined ? { messagingServiceSid: service } : {}),
    });
    json(res, 201, {
      sid,
      account_sid: accountSid,
      to,
      from: from ?? null,
      messaging_service_sid: service ?? null,
      body: text,
      status: service !== undefined ? 'accepted' : 'queued',
      direction: 'outbound-api',
      api_version: '2010-04-01',
      num_segments: '1',
      error_code: null,
      error_message: null,
      uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`,
    });
  };

  const handleCall = (res: ServerResponse, form: URLSearchParams, to: string) => {
    const from = form.get('From');
    if (from === null || !e164.test(from))
      return twilioError(res, 400, 21212, "A valid 'From' phone number is required.");
    const target = form.get('Url');
    if (target === null || !URL.canParse(target))
      return twilioError(res, 400, 21205, 'Url is not a valid URL.');
    const sid = `CA${randomBytes(16).toString('hex')}`;
    calls.push({ sid, to, from, url: target });
    json(res, 201, { sid, account_sid: accountSid, to, from, status: 'queued' });
  };

  const handleWebhook = (req: IncomingMessage, res: ServerResponse, body: string) => {
    const given = Buffer.from(String(req.headers['x-porchlight-secret'] ?? ''));
    const expected = Buffer.from(webhookSecret);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      refusals.push(401);
      return json(res, 401, { error: 'bad secret' });
    }
    let parsed: Partial<WebhookMessage>;
    try {
      parsed = JSON.parse(body) as Partial<WebhookMessage>;
    } catch {
      refusals.push(400);
      return json(res, 400, { error: 'not JSON' });
    }
    const { to, from, text } = parsed;
    if (
      typeof to !== 'string' ||
      !e164.test(to) ||
      typeof from !== 'string' ||
      typeof text !== 'string' ||
      text === ''
    ) {
      refusals.push(422);
      return json(res, 422, { error: 'to, from and text are required' });
    }
    webhookMessages.push({ to, from, text });
    json(res, 200, { id: `wh-${webhookMessages.length}` });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    accountSid,
    authToken,
    webhookSecret,
    messages,
    calls,
    webhookMessages,
    refusals,
    trouble: (...answers) => troubles.push(...answers),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function twilioErrorWithHeaders(
  res: ServerResponse,
  retryAfter: string | undefined,
  send: () => void,
) {
  if (retryAfter !== undefined) res.setHeader('retry-after', retryAfter);
  send();
}

function basicAuthMatches(header: string | undefined, user: string, pass: string): boolean {
  if (header === undefined || !header.startsWith('Basic ')) return false;
  const given = Buffer.from(Buffer.from(header.slice(6), 'base64').toString('utf8'));
  const expected = Buffer.from(`${user}:${pass}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(JSON.stringify(value));
  res
    .writeHead(status, { 'content-type': 'application/json', 'content-length': body.byteLength })
    .end(body);
}
