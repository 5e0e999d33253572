import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPushService, type TestPushService } from '../../../test/support/push-service.js';
import { fixedClock } from '../../platform/clock.js';
import { isRetryable, requestedWait } from '../../platform/delivery/failure.js';
import { PorchlightError } from '../../platform/errors.js';
import { generateVapidKeys, readVapidKeys, vapidKeyFile, writeVapidKeys } from './vapid-keys.js';
import { WebPushSender } from './web-push-sender.js';

let service: TestPushService;
const keys = generateVapidKeys();
beforeEach(async () => {
  service = await startPushService();
});
afterEach(async () => service.close());

const sender = () =>
  new WebPushSender({
    keys,
    subject: 'mailto:operator@meetings.example.org',
    clock: fixedClock('2026-12-07T10:00:00Z'),
    agent: service.agent,
  });

async function failure(promise: Promise<unknown>): Promise<PorchlightError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PorchlightError);
  return error as PorchlightError;
}

describe('web push against a local push service', () => {
  it('sends an encrypted notification signed with the VAPID keys, which the device can read', async () => {
    const subscription = service.subscribe();
    const payload = JSON.stringify({ title: 'Your meeting starts in an hour', url: '/meetings/x' });
    await sender().send({ subscription, payload, ttlSeconds: 3600 });
    expect(service.refusals).toEqual([]);
    expect(service.received).toEqual([
      {
        token: subscription.endpoint.split('/').pop(),
        text: payload,
        ttl: '3600',
        vapidKey: keys.publicKey,
        subject: 'mailto:operator@meetings.example.org',
      },
    ]);
  });

  it('reads 410 Gone as a subscription that is gone for good', async () => {
    const subscription = service.subscribe();
    service.withdraw(subscription);
    const error = await failure(sender().send({ subscription, payload: '{}' }));
    expect(error.code).toBe('PL_PUSH_GONE');
    expect(isRetryable(error)).toBe(false);
  });

  it('is refused when signed with keys other than the ones it claims', async () => {
    const subscription = service.subscribe();
    const other = generateVapidKeys();
    const forged = new WebPushSender({
      keys: { publicKey: other.publicKey, privateKey: keys.privateKey },
      subject: 'mailto:operator@meetings.example.org',
      clock: fixedClock('2026-12-07T10:00:00Z'),
      agent: service.agent,
    });
    const error = await failure(forged.send({ subscription, payload: '{}' }));
    expect(error.code).toBe('PL_PUSH_AUTH_FAILED');
    expect(service.refusals[0]?.reason).toMatch(/signature/);
  });

  it('tries again after 429 (as long as Retry-After says) and 503; refuses for good on 413', async () => {
    const subscription = service.subscribe();
    service.trouble({ status: 429, retryAfter: '60' }, { status: 503 }, { status: 413 });
    const busy = await failure(sender().send({ subscription, payload: '{}' }));
    expect([busy.code, isRetryable(busy), requestedWait(busy)]).toEqual([
      'PL_PUSH_UNAVAILABLE',
      true,
      60_000,
    ]);
    expect((await failure(sender().send({ subscription, payload: '{}' }))).code).toBe(
      'PL_PUSH_UNAVAILABLE',
    );
    const tooBig = await failure(sender().send({ subscription, payload: '{}' }));
    expect([tooBig.code, isRetryable(tooBig)]).toEqual(['PL_PUSH_REJECTED', false]);
  });

  it('tries again later when the push service cannot be reached', async () => {
    const subscription = { ...service.subscribe(), endpoint: 'https://127.0.0.1:1/push/x' };
    const error = await failure(sender().send({ subscription, payload: '{}' }));
    expect([error.code, isRetryable(error)]).toEqual(['PL_PUSH_UNAVAILABLE', true]);
  });
});

describe('VAPID keys in the data directory', () => {
  it('writes an owner-only pair once, reads it back, and will not replace it unasked', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vapid-'));
    expect(readVapidKeys(dir)).toBeUndefined();
    const file = writeVapidKeys(dir, keys);
    expect(file).toBe(vapidKeyFile(dir));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readVapidKeys(dir)).toEqual(keys);
    expect(() => writeVapidKeys(dir, generateVapidKeys())).toThrow(/--force/);
    const replaced = generateVapidKeys();
    writeVapidKeys(dir, replaced, true);
    expect(readVapidKeys(dir)).toEqual(replaced);
    expect(Buffer.from(keys.publicKey, 'base64url')).toHaveLength(65);
    expect(Buffer.from(keys.privateKey, 'base64url')).toHaveLength(32);
  });
});
