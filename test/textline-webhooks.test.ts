/**
 * The text and voice line through the real server: Twilio's own payload shapes, signed the way
 * Twilio signs them, answered in TwiML; the generic JSON webhook with its shared secret; and
 * "press 1" texting the meetings through the simulated provider.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mgRow } from './factories/meeting-guide.js';
import { createTestApp } from './support/app.js';
import { manualClock } from './support/manual-clock.js';
import { startSimulatedProvider, type SimulatedProvider } from './support/sms-provider.js';
import type { App } from '../src/app.js';
import { createKeyring } from '../src/platform/crypto/keyring.js';
import { TwilioSender } from '../src/messaging/sms/twilio-sender.js';
import { twilioSignature } from '../src/messaging/sms/twilio-signature.js';
import { importFeed } from '../src/sources/import-feed.js';
import { countSegments } from '../src/textline/sms-segments.js';

const publicUrl = 'https://meetings.example.org';
const authToken = '12345678901234567890123456789012';
const webhookSecret = 'a-shared-secret-of-some-length';
const accountSid = `AC${'1'.repeat(32)}`;
// Monday 7 December 2026, 18:30 in Greenfield: on call until 22:00.
const clock = manualClock('2026-12-07T23:30:00Z');
let app: App;
let origin: string;
/** Every line the server logged, to show no number or message reaches a log. */
const logLines: string[] = [];
let provider: SimulatedProvider;

beforeAll(async () => {
  provider = await startSimulatedProvider();
  app = await createTestApp(
    {
      publicUrl,
      textline: {
        twilioAuthToken: authToken,
        webhookSecret,
        helpline: '+14135550199',
        onCall: 'Mon-Fri 18:00-22:00 +14135550111',
        timeZone: 'America/New_York',
      },
    },
    {
      clock,
      logger: pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) }),
      keyring: createKeyring(Buffer.alloc(32, 9)),
      smsSender: new TwilioSender({
        accountSid: provider.accountSid,
        authToken: provider.authToken,
        from: { number: '+14135550100' },
        baseUrl: provider.origin,
        clock,
      }),
    },
  );
  await importFeed(app.importDeps, {
    source: 'franklin',
    location: 'test',
    rows: [
      mgRow({ slug: 'big-book', name: 'Greenfield Big Book', day: 1, time: '19:30' }),
      mgRow({ slug: 'tuesday', name: 'Tuesday <Step> & Tradition', day: 2, time: '12:00' }),
    ],
  });
  await app.server.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
});
afterAll(async () => {
  await app.close();
  await provider.close();
});

/** An incoming SMS as Twilio posts it (the fields of its messaging webhook). */
function incomingSms(from: string, body: string): Record<string, string> {
  return {
    ToCountry: 'US',
    ToState: 'MA',
    SmsMessageSid: `SM${'a'.repeat(32)}`,
    NumMedia: '0',
    ToCity: 'GREENFIELD',
    FromZip: '01301',
    SmsSid: `SM${'a'.repeat(32)}`,
    FromState: 'MA',
    SmsStatus: 'received',
    FromCity: 'GREENFIELD',
    Body: body,
    FromCountry: 'US',
    To: '+14135550100',
    ToZip: '01301',
    NumSegments: '1',
    MessageSid: `SM${'a'.repeat(32)}`,
    AccountSid: accountSid,
    From: from,
    ApiVersion: '2010-04-01',
  };
}

/** A voice webhook request as Twilio posts it, with what the caller said or keyed. */
function voiceCall(from: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    AccountSid: accountSid,
    ApiVersion: '2010-04-01',
    CallSid: `CA${'b'.repeat(32)}`,
    CallStatus: 'in-progress',
    Called: '+14135550100',
    Caller: from,
    Direction: 'inbound',
    From: from,
    FromCity: 'GREENFIELD',
    FromState: 'MA',
    FromZip: '01301',
    FromCountry: 'US',
    To: '+14135550100',
    ToCity: 'GREENFIELD',
    ToState: 'MA',
    ToZip: '01301',
    ToCountry: 'US',
    ...extra,
  };
}

async function postTwilio(path: string, params: Record<string, string>, signature?: string) {
  const sig =
    signature ?? twilioSignature(authToken, `${publicUrl}${path}`, Object.entries(params));
  const response = await fetch(`${origin}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': sig,
      'user-agent': 'TwilioProxy/1.1',
    },
    body: new URLSearchParams(params).toString(),
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: await response.text(),
  };
}

/** The texts of the TwiML `<Message>` elements, unescaped. */
function messagesOf(twiml: string): string[] {
  return [...twiml.matchAll(/<Message>([\s\S]*?)<\/Message>/g)].map((m) =>
    m[1]!
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&'),
  );
}

describe('POST /sms/twilio', () => {
  it('answers a signed text with the meetings in TwiML, escaped, within three segments', async () => {
    const answer = await postTwilio('/sms/twilio', incomingSms('+14135550123', '01301'));
    expect(answer.status).toBe(200);
    expect(answer.type).toContain('text/xml');
    expect(answer.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<Response><Message>/);
    expect(answer.body).toContain('Tuesday &lt;Step&gt; &amp; Tradition');
    const [text] = messagesOf(answer.body);
    expect(text).toContain('1) Mon 7:30pm Greenfield Big Book, Greenfield');
    expect(text).toContain('Tuesday <Step> & Tradition');
    expect(countSegments(text!).segments).toBeLessThanOrEqual(3);
  });

  it('refuses a wrong signature with 403 and sends nothing', async () => {
    const params = incomingSms('+14135550124', 'STOP');
    const forged = twilioSignature(
      'not-the-token',
      `${publicUrl}/sms/twilio`,
      Object.entries(params),
    );
    const answer = await postTwilio('/sms/twilio', params, forged);
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'PL_TEXTLINE_SIGNATURE' } });
    const tampered = await postTwilio(
      '/sms/twilio',
      { ...params, Body: '01301' },
      twilioSignature(authToken, `${publicUrl}/sms/twilio`, Object.entries(params)),
    );
    expect(tampered.status).toBe(403);
    expect(await app.database.db.selectFrom('textline_opt_outs').selectAll().execute()).toEqual([]);
  });

  it('honours STOP: a confirmation, then silence (an empty Response) until START', async () => {
    const from = '+14135550125';
    expect(
      messagesOf((await postTwilio('/sms/twilio', incomingSms(from, 'STOP'))).body)[0],
    ).toContain('START');
    const silent = await postTwilio('/sms/twilio', incomingSms(from, '01301'));
    expect(silent.body).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<Response/>');
    await postTwilio('/sms/twilio', incomingSms(from, 'START'));
    expect(
      messagesOf((await postTwilio('/sms/twilio', incomingSms(from, 'HELP'))).body)[0],
    ).toContain('988');
  });
});

describe('POST /sms/webhook', () => {
  const post = (body: unknown, secret?: string) =>
    fetch(`${origin}/sms/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(secret !== undefined ? { 'x-porchlight-secret': secret } : {}),
      },
      body: JSON.stringify(body),
    });

  it('answers {from, to, text} with {messages}', async () => {
    const response = await post(
      { from: '+14135550126', to: '+14135550100', text: 'ayuda' },
      webhookSecret,
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { messages: string[] };
    expect(body.messages).toHaveLength(1);
    expect(body.messages[0]).toContain('988');
    expect(body.messages[0]).toContain('1-800-662-4357');
  });

  it('refuses a missing secret with 401 and a wrong one with 403, and a bad body with 400', async () => {
    const text = { from: '+14135550126', to: '+14135550100', text: '01301' };
    expect((await post(text)).status).toBe(401);
    const wrong = await post(text, 'x'.repeat(webhookSecret.length));
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toMatchObject({ error: { code: 'PL_TEXTLINE_SECRET_WRONG' } });
    expect((await post({ to: 'x' }, webhookSecret)).status).toBe(400);
  });
});

describe('POST /voice/twilio', () => {
  const caller = '+14135550127';

  it('asks for a ZIP code by speech or keypad, reads the meetings with times in words, and texts them on 1', async () => {
    const welcome = await postTwilio('/voice/twilio', voiceCall(caller));
    expect(welcome.status).toBe(200);
    expect(welcome.body).toContain('<Gather input="speech dtmf" numDigits="5"');
    expect(welcome.body).toContain('action="/voice/twilio?step=place"');

    const heard = await postTwilio(
      '/voice/twilio?step=place',
      voiceCall(caller, { SpeechResult: 'Zero one three zero one.', Confidence: '0.92' }),
    );
    expect(heard.body).toContain('Monday at seven thirty P M: Greenfield Big Book, in Greenfield');
    expect(heard.body).toContain('Tuesday at twelve noon');
    expect(heard.body).toContain('press 1');

    const pressed = await postTwilio('/voice/twilio?step=menu', voiceCall(caller, { Digits: '1' }));
    expect(pressed.body).toContain('sending them by text');
    expect(provider.messages).toHaveLength(1);
    expect(provider.messages[0]).toMatchObject({ to: caller, from: '+14135550100' });
    expect(provider.messages[0]!.body).toContain('Greenfield Big Book');
    expect(countSegments(provider.messages[0]!.body).segments).toBeLessThanOrEqual(3);
    // Twilio retrying the same step sends the text once.
    await postTwilio('/voice/twilio?step=menu', voiceCall(caller, { Digits: '1' }));
    expect(provider.messages).toHaveLength(1);
  });

  it('puts a caller through to the volunteer on call on 0, and to the helpline when nobody answers', async () => {
    await postTwilio('/voice/twilio?step=place', voiceCall(caller, { Digits: '01301' }));
    const zero = await postTwilio('/voice/twilio?step=menu', voiceCall(caller, { Digits: '0' }));
    expect(zero.body).toContain(
      '<Dial timeout="20" action="/voice/twilio?step=dialled&amp;tried=on-call"',
    );
    expect(zero.body).toContain('<Number>+14135550111</Number>');
    const missed = await postTwilio(
      '/voice/twilio?step=dialled&tried=on-call',
      voiceCall(caller, { DialCallStatus: 'no-answer' }),
    );
    expect(missed.body).toContain('<Number>+14135550199</Number>');
    clock.advance(4 * 3600_000); // 22:30: nobody on call
    const late = await postTwilio('/voice/twilio?step=menu', voiceCall(caller, { Digits: '0' }));
    expect(late.body).toContain('tried=helpline');
    expect(late.body).toContain('<Number>+14135550199</Number>');
  });

  it('refuses an unsigned call step with 403', async () => {
    const answer = await postTwilio(
      '/voice/twilio?step=menu',
      voiceCall(caller, { Digits: '1' }),
      'bm9wZQ==',
    );
    expect(answer.status).toBe(403);
  });
});

describe('privacy', () => {
  it('logs no caller’s number, no message’s words and no ZIP code', () => {
    expect(logLines.length).toBeGreaterThan(0);
    const logged = logLines.join('\n');
    for (const secret of [
      '4135550123',
      '4135550125',
      '4135550127',
      '01301',
      'Zero one three',
      'Greenfield Big Book',
    ])
      expect(logged).not.toContain(secret);
  });
});
