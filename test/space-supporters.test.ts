/**
 * Supporters through the real server: the person's device asks for invitations over the API;
 * one supporter accepts by text (the simulated Twilio provider), one by email (a real SMTP
 * server), one by web push (a local push service that decrypts as a browser would); each proves
 * the contact and receives exactly the person's chosen words when help is asked for. The
 * database holds no contact in the clear, the log names none, and stopping deletes it all.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { generateVapidKeys } from '../src/messaging/push/vapid-keys.js';
import { WebPushSender } from '../src/messaging/push/web-push-sender.js';
import { createKeyring } from '../src/platform/crypto/keyring.js';
import { createLogger } from '../src/platform/logging.js';
import { createTestApp } from './support/app.js';
import { manualClock } from './support/manual-clock.js';
import { startPushService, type TestPushService } from './support/push-service.js';
import type { SimulatedProvider } from './support/sms-provider.js';
import type { TestSmtpServer } from './support/smtp-server.js';
import { startSupporterChannels, type SupporterChannels } from './support/supporter-channels.js';

const clock = manualClock('2026-12-07T15:00:00.000Z');
const PHONE = '+14135550177';
const EMAIL = 'maria.sponsor@example.org';
let channels: SupporterChannels;
let provider: SimulatedProvider;
let smtp: TestSmtpServer;
let push: TestPushService;
let app: App;
const logLines: string[] = [];

const form = (fields: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(fields).toString(),
});
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  channels = await startSupporterChannels();
  ({ provider, smtp } = channels);
  push = await startPushService();
  const vapid = generateVapidKeys();
  app = await createTestApp(
    {
      dataDir: mkdtempSync(join(tmpdir(), 'porchlight-supporters-')),
      vapid,
      sms: channels.sms,
    },
    {
      clock,
      keyring: createKeyring(Buffer.alloc(32, 3)),
      mailer: channels.mailer,
      pushSender: new WebPushSender({
        keys: vapid,
        subject: 'mailto:operator@meetings.example.org',
        clock,
        agent: push.agent,
      }),
      // The server's own logger (its redactions), written where the test can read it.
      logger: createLogger(
        'info',
        new Writable({
          write(chunk: Buffer, _encoding, done) {
            logLines.push(chunk.toString('utf8'));
            done();
          },
        }),
      ),
    },
  );
}, 60_000);
afterAll(async () => {
  await app?.close();
  await channels?.close();
  await push?.close();
});

/** What the person's device does: ask for an invitation. */
async function invite(): Promise<{ id: string; token: string; invite: string }> {
  const made = await app.server.inject({ method: 'POST', url: '/api/v1/space/supporters' });
  expect(made.statusCode).toBe(201);
  expect(made.headers['cache-control']).toContain('no-store');
  return made.json();
}

/** The person presses help: their words to one supporter. */
function alert(s: { id: string; token: string }, text: string) {
  return app.server.inject({
    method: 'POST',
    url: `/api/v1/space/supporters/${s.id}/alerts`,
    headers: bearer(s.token),
    payload: { text },
  });
}

describe('supporters through the server', () => {
  it('takes a supporter by text from the invitation to the message the person chose', async () => {
    const s = await invite();
    const page = await app.server.inject(`/es/space/support/${s.invite}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Sea la persona de apoyo de alguien');
    expect(page.body).toContain('href="tel:988"');
    // Without agreeing, nothing is kept or sent.
    const unagreed = await app.server.inject({
      method: 'POST',
      url: `/es/space/support/${s.invite}`,
      ...form({ channel: 'sms', contact: '(413) 555-0177' }),
    });
    expect(unagreed.statusCode).toBe(400);
    expect(provider.messages).toEqual([]);
    const answered = await app.server.inject({
      method: 'POST',
      url: `/es/space/support/${s.invite}`,
      ...form({ channel: 'sms', contact: '(413) 555-0177', consent: '1' }),
    });
    expect(answered.statusCode).toBe(303);
    expect(answered.headers.location).toBe(`/es/space/support/${s.invite}`);
    const code = /su código es (\d{6})/.exec(provider.messages.at(-1)!.body)![1]!;
    expect(provider.messages.at(-1)!.to).toBe(PHONE);
    const confirmed = await app.server.inject({
      method: 'POST',
      url: `/es/space/support/${s.invite}/confirm`,
      ...form({ code }),
    });
    expect(confirmed.statusCode).toBe(303);
    const own = confirmed.headers.location as string;
    expect(own).toMatch(/^\/es\/space\/supporting\/[A-Za-z0-9_-]{43}\?welcome=1$/);
    expect((await app.server.inject(own)).body).toContain('Mensaje de texto');
    const status = await app.server.inject({
      url: `/api/v1/space/supporters/${s.id}`,
      headers: bearer(s.token),
    });
    expect(status.json()).toEqual({ state: 'active', channel: 'sms' });

    const pressed = await alert(s, 'Sam would like you to call.');
    expect(pressed.statusCode).toBe(202);
    const received = provider.messages.at(-1)!;
    expect(received.to).toBe(PHONE);
    expect(received.body.split('\n\n')[0]).toBe('Sam would like you to call.');
    expect(received.body).toContain(`https://meetings.example.org${own.split('?')[0]}`);
  });

  it('reaches a supporter by email through a real SMTP server, and by web push', async () => {
    const byMail = await invite();
    await app.server.inject({
      method: 'POST',
      url: `/en/space/support/${byMail.invite}`,
      ...form({ channel: 'email', contact: EMAIL, consent: '1' }),
    });
    const code = /code is (\d{6})/.exec(smtp.received.at(-1)!.raw)![1]!;
    expect(smtp.received.at(-1)!.to).toEqual([EMAIL]);
    await app.server.inject({
      method: 'POST',
      url: `/en/space/support/${byMail.invite}/confirm`,
      ...form({ code }),
    });
    expect(
      (await alert(byMail, 'Sam is having a hard time and would like to talk.')).statusCode,
    ).toBe(202);
    const mail = smtp.received.at(-1)!;
    expect(mail.secure).toBe(true);
    expect(mail.raw).toContain('Subject: Someone you support is asking for you');
    expect(mail.raw).toContain('Sam is having a hard time and would like to talk.');

    const byPush = await invite();
    const offered = await app.server.inject(`/en/space/support/${byPush.invite}`);
    expect(offered.body).toMatch(/data-push-key="[A-Za-z0-9_-]+"/);
    const subscription = push.subscribe();
    const accepted = await app.server.inject({
      method: 'POST',
      url: `/en/space/support/${byPush.invite}`,
      ...form({ channel: 'push', subscription: JSON.stringify(subscription), consent: '1' }),
    });
    expect(accepted.headers.location).toMatch(/^\/en\/space\/supporting\/.+\?welcome=1$/);
    expect((await alert(byPush, 'Sam would like a text from you.')).statusCode).toBe(202);
    const notification = JSON.parse(push.received.at(-1)!.text) as { title: string; body: string };
    expect(notification.body.split('\n\n')[0]).toBe('Sam would like a text from you.');

    // A subscription the push service says is gone: the supporter is forgotten.
    push.withdraw(subscription);
    await alert(byPush, 'Sam would like a text from you.');
    const gone = await app.server.inject({
      url: `/api/v1/space/supporters/${byPush.id}`,
      headers: bearer(byPush.token),
    });
    expect(gone.statusCode).toBe(404);
  });

  it('keeps no contact in the clear, logs none, and forgets a supporter who stops', async () => {
    const rows = await sql<Record<string, unknown>>`select * from space_supporters`.execute(
      app.database.db,
    );
    const dump = JSON.stringify(rows.rows);
    expect(rows.rows.length).toBeGreaterThan(0);
    for (const needle of [PHONE, '4135550177', EMAIL, 'Sam would'])
      expect(dump.includes(needle), needle).toBe(false);
    const deliveries = JSON.stringify(
      (await sql`select * from deliveries`.execute(app.database.db)).rows,
    );
    for (const needle of [PHONE, EMAIL, 'Sam would'])
      expect(deliveries.includes(needle)).toBe(false);
    const log = logLines.join('');
    expect(log).toContain('delivery sent');
    for (const needle of [PHONE, '4135550177', EMAIL, 'Sam would'])
      expect(log.includes(needle), needle).toBe(false);
    // Link secrets are not logged either: the paths say where, not which.
    expect(log).toContain('/space/supporting/[secret]');
    expect(log).not.toMatch(/space\/support(ing)?\/[A-Za-z0-9_-]{43}/);

    const s = await invite();
    await app.server.inject({
      method: 'POST',
      url: `/en/space/support/${s.invite}`,
      ...form({ channel: 'sms', contact: PHONE, consent: '1' }),
    });
    const code = /code is (\d{6})/.exec(provider.messages.at(-1)!.body)![1]!;
    const own = (
      await app.server.inject({
        method: 'POST',
        url: `/en/space/support/${s.invite}/confirm`,
        ...form({ code }),
      })
    ).headers.location as string;
    const stopped = await app.server.inject({
      method: 'POST',
      url: `${own.split('?')[0]}/stop`,
    });
    expect(stopped.statusCode).toBe(200);
    expect(stopped.body).toContain('Your address or number was deleted.');
    expect((await alert(s, 'Hello')).statusCode).toBe(404);
    expect((await app.server.inject(own)).statusCode).toBe(404);
  });

  it('refuses a wrong code, an unknown link, and a fourth message within the hour', async () => {
    expect((await app.server.inject(`/en/space/support/${'x'.repeat(43)}`)).statusCode).toBe(404);
    const s = await invite();
    await app.server.inject({
      method: 'POST',
      url: `/en/space/support/${s.invite}`,
      ...form({ channel: 'sms', contact: PHONE, consent: '1' }),
    });
    const wrong = await app.server.inject({
      method: 'POST',
      url: `/en/space/support/${s.invite}/confirm`,
      ...form({ code: '12345x' }),
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('not the code we sent');
    const code = /code is (\d{6})/.exec(provider.messages.at(-1)!.body)![1]!;
    await app.server.inject({
      method: 'POST',
      url: `/en/space/support/${s.invite}/confirm`,
      ...form({ code }),
    });
    for (let i = 0; i < 3; i++) expect((await alert(s, 'Call me')).statusCode).toBe(202);
    const fourth = await alert(s, 'Call me');
    expect([fourth.statusCode, fourth.json().error.code]).toEqual([
      429,
      'PL_SUPPORTER_ALERT_LIMIT',
    ]);
    clock.advance(60 * 60_000);
    expect((await alert(s, 'Call me')).statusCode).toBe(202);
  });
});
