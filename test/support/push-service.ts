/**
 * A push service on a free loopback port, over HTTPS as real ones are: it checks a
 * notification's VAPID Authorization (an ES256 JWT for this origin, signed by the key it names)
 * and decrypts its aes128gcm body with the subscription's private key (RFC 8291), as the
 * browser would. Subscriptions it was told are gone get 410; a test can force other statuses.
 */
import {
  createDecipheriv,
  createECDH,
  createHmac,
  createPublicKey,
  randomBytes,
  verify,
  type ECDH,
} from 'node:crypto';
import { createServer, type Server } from 'node:https';
import { Agent } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { PushSubscriptionJson } from '../../src/messaging/model.js';
import { testCertificate } from './tls-certificate.js';

export interface ReceivedPush {
  /** The device token from the endpoint's path. */
  token: string;
  /** The decrypted payload. */
  text: string;
  ttl: string | undefined;
  /** The VAPID public key the request was signed with. */
  vapidKey: string;
  /** The JWT's `sub` claim. */
  subject: string;
}

export interface TestPushService {
  origin: string;
  /** An HTTPS agent that trusts this service's certificate. */
  agent: Agent;
  received: ReceivedPush[];
  /** Requests refused, by status, with why. */
  refusals: { status: number; reason: string }[];
  /** A new browser subscription on this service (its keys made as a browser makes them). */
  subscribe(): PushSubscriptionJson;
  /** From now on the subscription answers 410 Gone. */
  withdraw(subscription: PushSubscriptionJson): void;
  /** The next requests get these statuses (with a Retry-After for 429 when given). */
  trouble(...answers: { status: number; retryAfter?: string }[]): void;
  close(): Promise<void>;
}

export async function startPushService(): Promise<TestPushService> {
  const { key, cert } = testCertificate();
  const devices = new Map<string, { ecdh: ECDH; auth: Buffer }>();
  const gone = new Set<string>();
  const received: ReceivedPush[] = [];
  const refusals: { status: number; reason: string }[] = [];
  const troubles: { status: number; retryAfter?: string }[] = [];
  let origin = '';

  const server: Server = createServer({ key, cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const refuse = (status: number, reason: string, headers: Record<string, string> = {}) => {
        refusals.push({ status, reason });
        res.writeHead(status, headers).end(reason);
      };
      const trouble = troubles.shift();
      if (trouble !== undefined)
        return refuse(
          trouble.status,
          'forced',
          trouble.retryAfter !== undefined ? { 'retry-after': trouble.retryAfter } : {},
        );
      const token = /^\/push\/([\w-]+)$/.exec(req.url ?? '')?.[1];
      const device = token === undefined ? undefined : devices.get(token);
      if (req.method !== 'POST' || token === undefined || device === undefined)
        return refuse(404, 'no such subscription');
      if (gone.has(token)) return refuse(410, 'subscription withdrawn');
      const vapid = checkVapid(req.headers.authorization, origin);
      if (typeof vapid === 'string') return refuse(403, vapid);
      if (req.headers['content-encoding'] !== 'aes128gcm')
        return refuse(400, 'content-encoding must be aes128gcm');
      if (req.headers.ttl === undefined) return refuse(400, 'TTL header missing');
      const body = Buffer.concat(chunks);
      let text: string;
      try {
        text = decrypt(body, device.ecdh, device.auth);
      } catch {
        return refuse(400, 'body does not decrypt');
      }
      received.push({
        token,
        text,
        ttl: req.headers.ttl as string,
        vapidKey: vapid.key,
        subject: vapid.subject,
      });
      res.writeHead(201, { location: `${origin}/message/${received.length}` }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://localhost:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    agent: new Agent({ ca: cert }),
    received,
    refusals,
    subscribe() {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = randomBytes(16);
      const token = randomBytes(12).toString('base64url');
      devices.set(token, { ecdh, auth });
      return {
        endpoint: `${origin}/push/${token}`,
        keys: {
          p256dh: ecdh.getPublicKey().toString('base64url'),
          auth: auth.toString('base64url'),
        },
      };
    },
    withdraw(subscription) {
      gone.add(subscription.endpoint.split('/').pop()!);
    },
    trouble: (...answers) => troubles.push(...answers),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** `vapid t=<jwt>, k=<key>`: the JWT must be ES256, for this origin, unexpired, signed by k. */
function checkVapid(
  header: string | undefined,
  origin: string,
): { key: string; subject: string } | string {
  const t = /t=([\w-]+\.[\w-]+\.[\w-]+)/.exec(header ?? '')?.[1];
  const k = /k=([\w-]+)/.exec(header ?? '')?.[1];
  if (!header?.startsWith('vapid ') || t === undefined || k === undefined)
    return 'no VAPID authorization';
  const [head, claims, signature] = t.split('.') as [string, string, string];
  const point = Buffer.from(k, 'base64url');
  if (point.length !== 65 || point[0] !== 4) return 'k is not an uncompressed P-256 key';
  const publicKey = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33).toString('base64url'),
    },
    format: 'jwk',
  });
  const signed = verify(
    'sha256',
    Buffer.from(`${head}.${claims}`),
    { key: publicKey, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  if (!signed) return 'JWT signature does not verify';
  const { alg } = JSON.parse(Buffer.from(head, 'base64url').toString()) as { alg?: string };
  const body = JSON.parse(Buffer.from(claims, 'base64url').toString()) as {
    aud?: string;
    exp?: number;
    sub?: string;
  };
  if (alg !== 'ES256') return 'JWT is not ES256';
  if (body.aud !== origin) return `JWT audience ${body.aud} is not ${origin}`;
  const now = Date.now() / 1000;
  if (body.exp === undefined || body.exp < now || body.exp > now + 86_400 + 60)
    return 'JWT expiry missing or more than 24 hours away';
  if (body.sub === undefined || !/^(mailto:|https:)/.test(body.sub)) return 'JWT subject missing';
  return { key: k, subject: body.sub };
}

/** RFC 8291 / RFC 8188: decrypts one aes128gcm record with the device's keys. */
function decrypt(body: Buffer, device: ECDH, auth: Buffer): string {
  const salt = body.subarray(0, 16);
  const idLength = body[20]!;
  const senderKey = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  const hmac = (k: Buffer, data: Buffer) => createHmac('sha256', k).update(data).digest();
  const shared = device.computeSecret(senderKey);
  const keyInfo = Buffer.concat([
    Buffer.from('WebPush: info\0'),
    device.getPublicKey(),
    senderKey,
    Buffer.from([1]),
  ]);
  const ikm = hmac(hmac(auth, shared), keyInfo);
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01', 'binary')).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01', 'binary')).subarray(0, 12);
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const plain = Buffer.concat([
    decipher.update(ciphertext.subarray(0, ciphertext.length - 16)),
    decipher.final(),
  ]);
  let end = plain.length - 1;
  while (end >= 0 && plain[end] === 0) end--;
  if (plain[end] !== 2) throw new Error('no final-record delimiter');
  return plain.subarray(0, end).toString('utf8');
}
