import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  startSimulatedProvider,
  type SimulatedProvider,
} from '../../../test/support/sms-provider.js';
import { fixedClock } from '../../platform/clock.js';
import { isRetryable, requestedWait } from '../../platform/delivery/failure.js';
import { PorchlightError } from '../../platform/errors.js';
import { retryAfter } from './provider-http.js';
import { TwilioSender, type TwilioOptions } from './twilio-sender.js';
import { WebhookSmsSender } from './webhook-sender.js';

const clock = fixedClock('2026-12-07T10:00:00Z');
let provider: SimulatedProvider;
beforeEach(async () => {
  provider = await startSimulatedProvider();
});
afterEach(async () => provider.close());

function twilio(options: Partial<TwilioOptions> = {}) {
  return new TwilioSender({
    accountSid: provider.accountSid,
    authToken: provider.authToken,
    from: { number: '+14135550100' },
    baseUrl: provider.origin,
    clock,
    ...options,
  });
}

async function failure(promise: Promise<unknown>): Promise<PorchlightError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PorchlightError);
  return error as PorchlightError;
}

describe('the Twilio adapter against a simulated provider', () => {
  it('sends a message with basic auth, From and Body, and keeps the message sid', async () => {
    const sent = await twilio().send({ to: '+14135550123', text: 'Meeting tonight 7pm — café' });
    expect(provider.messages).toEqual([
      {
        sid: sent.providerId,
        to: '+14135550123',
        from: '+14135550100',
        body: 'Meeting tonight 7pm — café',
      },
    ]);
    expect(sent.providerId).toMatch(/^SM[0-9a-f]{32}$/);
  });

  it('sends through a Messaging Service instead of a number', async () => {
    const service = `MG${'a'.repeat(32)}`;
    await twilio({ from: { messagingServiceSid: service } }).send({
      to: '+447700900123',
      text: 'Hi',
    });
    expect(provider.messages[0]).toMatchObject({ messagingServiceSid: service });
    expect(provider.messages[0]?.from).toBeUndefined();
  });

  it('refuses a number not in E.164 form, or an empty or too long body, before asking Twilio', async () => {
    for (const message of [
      { to: '4135550123', text: 'x' },
      { to: '+14135550123', text: ' ' },
      { to: '+14135550123', text: 'x'.repeat(1601) },
    ]) {
      const error = await failure(twilio().send(message));
      expect(error.code).toBe('PL_DELIVERY_INVALID');
      expect(isRetryable(error)).toBe(false);
    }
    expect(provider.refusals).toEqual([]);
  });

  it('checks what Twilio checks: 21211 invalid To, 21617 too long, 21603 no From, 21602 no Body', async () => {
    // Straight to the simulated provider, past the adapter's own checks.
    const raw = (form: Record<string, string>) =>
      fetch(`${provider.origin}/2010-04-01/Accounts/${provider.accountSid}/Messages.json`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${provider.accountSid}:${provider.authToken}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams(form).toString(),
      });
    const invalid = await raw({ To: '4135550123', From: '+14135550100', Body: 'x' });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ code: 21211, status: 400 });
    const long = await raw({ To: '+14135550123', From: '+14135550100', Body: 'x'.repeat(1601) });
    expect(await long.json()).toMatchObject({ code: 21617 });
    const noFrom = await raw({ To: '+14135550123', Body: 'x' });
    expect(await noFrom.json()).toMatchObject({ code: 21603 });
    const noBody = await raw({ To: '+14135550123', From: '+14135550100' });
    expect(await noBody.json()).toMatchObject({ code: 21602 });
  });

  it('classifies a Twilio 400 as permanent, naming the code but not the number', async () => {
    const sender = twilio({ from: { number: '+0123' } });
    const error = await failure(sender.send({ to: '+14135550123', text: 'x' }));
    expect(error.code).toBe('PL_SMS_REJECTED');
    expect(error.message).toContain('error 21212');
    expect(error.message).not.toContain('4135550123');
    expect(isRetryable(error)).toBe(false);
    expect(provider.refusals).toEqual([21212]);
  });

  it('gives a credentials failure for a wrong token or another account’s path', async () => {
    const wrongToken = await failure(
      twilio({ authToken: 'nope' }).send({ to: '+14135550123', text: 'x' }),
    );
    expect(wrongToken.code).toBe('PL_SMS_AUTH_FAILED');
    const other = new TwilioSender({
      accountSid: `AC${'0'.repeat(32)}`,
      authToken: provider.authToken,
      from: { number: '+14135550100' },
      baseUrl: provider.origin,
      clock,
    });
    expect((await failure(other.send({ to: '+14135550123', text: 'x' }))).code).toBe(
      'PL_SMS_AUTH_FAILED',
    );
    expect(provider.messages).toEqual([]);
  });

  it('retries later on 429 (waiting as long as Retry-After says) and on 500', async () => {
    provider.trouble({ status: 429, retryAfter: '120' }, { status: 500 });
    const busy = await failure(twilio().send({ to: '+14135550123', text: 'x' }));
    expect(busy.code).toBe('PL_SMS_UNAVAILABLE');
    expect(isRetryable(busy)).toBe(true);
    expect(requestedWait(busy)).toBe(120_000);
    const down = await failure(twilio().send({ to: '+14135550123', text: 'x' }));
    expect(down.code).toBe('PL_SMS_UNAVAILABLE');
    expect(requestedWait(down)).toBeUndefined();
    await twilio().send({ to: '+14135550123', text: 'x' });
    expect(provider.messages).toHaveLength(1);
  });

  it('retries later when the provider cannot be reached', async () => {
    const error = await failure(
      twilio({ baseUrl: 'http://127.0.0.1:1' }).send({ to: '+14135550123', text: 'x' }),
    );
    expect(error.code).toBe('PL_SMS_UNAVAILABLE');
    expect(isRetryable(error)).toBe(true);
  });

  it('places a call that follows the given TwiML address', async () => {
    const placed = await twilio().call({
      to: '+14135550123',
      instructionsUrl: 'https://meetings.example.org/voice/twilio/reply',
    });
    expect(placed.providerId).toMatch(/^CA/);
    expect(provider.calls).toEqual([
      expect.objectContaining({
        to: '+14135550123',
        from: '+14135550100',
        url: 'https://meetings.example.org/voice/twilio/reply',
      }),
    ]);
  });
});

describe('the JSON webhook adapter', () => {
  const webhook = (secret = provider.webhookSecret) =>
    new WebhookSmsSender({
      url: `${provider.origin}/webhook`,
      secret,
      from: '+14135550100',
      clock,
    });

  it('posts {to, from, text} with the shared secret', async () => {
    const sent = await webhook().send({ to: '+14135550123', text: 'Hola' });
    expect(sent.providerId).toBe('wh-1');
    expect(provider.webhookMessages).toEqual([
      { to: '+14135550123', from: '+14135550100', text: 'Hola' },
    ]);
  });

  it('gives a credentials failure for a wrong secret, and a retryable one for a 503', async () => {
    expect((await failure(webhook('wrong').send({ to: '+14135550123', text: 'x' }))).code).toBe(
      'PL_SMS_AUTH_FAILED',
    );
    provider.trouble({ status: 503 });
    const down = await failure(webhook().send({ to: '+14135550123', text: 'x' }));
    expect(down.code).toBe('PL_SMS_UNAVAILABLE');
    expect(provider.webhookMessages).toEqual([]);
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates, never a negative wait, at most a day', () => {
    expect(retryAfter('30', clock)).toBe(30_000);
    expect(retryAfter('Mon, 07 Dec 2026 10:05:00 GMT', clock)).toBe(300_000);
    expect(retryAfter('Mon, 07 Dec 2026 09:00:00 GMT', clock)).toBe(0);
    expect(retryAfter('999999', clock)).toBe(86_400_000);
    expect(retryAfter('soon', clock)).toBeUndefined();
    expect(retryAfter(null, clock)).toBeUndefined();
  });
});
