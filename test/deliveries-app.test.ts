/**
 * The delivery queue as the server wires it: text messages through the configured provider
 * (a simulated Twilio here, a real HTTP server), mail through the configured mailer.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { createTestApp } from './support/app.js';
import { startSimulatedProvider, type SimulatedProvider } from './support/sms-provider.js';

let provider: SimulatedProvider;
let app: App;
const dataDir = mkdtempSync(join(tmpdir(), 'porchlight-deliveries-app-'));

beforeEach(async () => {
  provider = await startSimulatedProvider();
  app = await createTestApp(
    {
      dataDir,
      sms: {
        provider: 'twilio',
        accountSid: provider.accountSid,
        authToken: provider.authToken,
        from: '+14135550100',
        apiUrl: provider.origin,
      },
    },
    { sendDeliveriesAtOnce: false },
  );
});
afterEach(async () => {
  await app.close();
  await provider.close();
});

describe('deliveries through the server', () => {
  it('sends a queued text through the configured Twilio provider, and mail to the outbox', async () => {
    await app.deliveries.enqueue({
      channel: 'sms',
      idempotencyKey: 'ride-reminder:1',
      message: { to: '+14135550123', text: 'Your ride leaves at 6:40.' },
    });
    await app.deliveries.enqueue({
      channel: 'email',
      idempotencyKey: 'notice:1',
      message: { to: 'sam@example.org', subject: 'Notice', text: 'Hello' },
    });
    await app.jobs.runDue();
    expect(provider.messages).toEqual([
      expect.objectContaining({ to: '+14135550123', body: 'Your ride leaves at 6:40.' }),
    ]);
    expect(readdirSync(join(dataDir, 'outbox')).filter((f) => f.endsWith('.eml'))).toHaveLength(1);
    const states = (await app.deliveries.list()).map((d) => [d.channel, d.state]).sort();
    expect(states).toEqual([
      ['email', 'sent'],
      ['sms', 'sent'],
    ]);
  });

  it('keeps a text the provider could not take for a later attempt, naming the error', async () => {
    provider.trouble({ status: 500 });
    await app.deliveries.enqueue({
      channel: 'sms',
      idempotencyKey: 'x',
      message: { to: '+14135550123', text: 'x' },
    });
    await app.jobs.runDue();
    const [d] = await app.deliveries.list();
    expect(d).toMatchObject({ state: 'pending', attempts: 1, lastErrorCode: 'PL_SMS_UNAVAILABLE' });
    expect(provider.messages).toEqual([]);
  });
});
