/**
 * Text messages and calls through Twilio's REST API (most US providers copy it: point
 * `baseUrl` at theirs). A message is `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`,
 * form-encoded `To`, `Body` and `From` or `MessagingServiceSid`, with HTTP basic auth
 * AccountSid:AuthToken; a call is the same on `Calls.json` with `Url` (the TwiML to follow).
 */
import type { Clock } from '../../platform/clock.js';
import { deliveryFailure } from '../../platform/delivery/failure.js';
import type { TextMessage } from '../model.js';
import { e164, postToProvider, providerFailure, type ProviderAnswer } from './provider-http.js';
import type { CallRequest, SentText, SmsSender } from './sms-sender.js';

export interface TwilioOptions {
  accountSid: string;
  authToken: string;
  /** The number (E.164) messages come from, or a Messaging Service that chooses one. */
  from: { number: string } | { messagingServiceSid: string };
  /** `https://api.twilio.com` unless a test or another provider says otherwise. */
  baseUrl?: string;
  clock: Clock;
  /** How long one request may take (default 10 s). */
  timeoutMs?: number;
}

/** Twilio's longest message body, in characters. */
export const twilioBodyLimit = 1600;

export class TwilioSender implements SmsSender {
  constructor(private readonly options: TwilioOptions) {}

  async send(message: TextMessage): Promise<SentText> {
    checkNumber(message.to);
    if (message.text.trim() === '' || [...message.text].length > twilioBodyLimit)
      throw deliveryFailure(
        'PL_DELIVERY_INVALID',
        `A text message must have between 1 and ${twilioBodyLimit} characters.`,
        { retryable: false },
      );
    const form = new URLSearchParams({ To: message.to, Body: message.text });
    this.addFrom(form);
    return this.post('Messages.json', form);
  }

  async call(request: CallRequest): Promise<SentText> {
    checkNumber(request.to);
    const form = new URLSearchParams({ To: request.to, Url: request.instructionsUrl });
    if ('number' in this.options.from) form.set('From', this.options.from.number);
    else
      throw deliveryFailure(
        'PL_DELIVERY_INVALID',
        'A call needs a From number (TWILIO_FROM); a Messaging Service cannot place one.',
        { retryable: false },
      );
    return this.post('Calls.json', form);
  }

  private addFrom(form: URLSearchParams): void {
    const from = this.options.from;
    if ('number' in from) form.set('From', from.number);
    else form.set('MessagingServiceSid', from.messagingServiceSid);
  }

  private async post(resource: string, form: URLSearchParams): Promise<SentText> {
    const { accountSid, authToken } = this.options;
    const base = (this.options.baseUrl ?? 'https://api.twilio.com').replace(/\/+$/, '');
    const url = `${base}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/${resource}`;
    const answer = await postToProvider(
      url,
      {
        headers: {
          authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: form.toString(),
      },
      this.options.timeoutMs ?? 10_000,
    );
    if (answer.status >= 200 && answer.status < 300) {
      const sid = readJson(answer)?.sid;
      return typeof sid === 'string' ? { providerId: sid } : {};
    }
    const code = readJson(answer)?.code;
    throw providerFailure(
      answer,
      'Twilio',
      this.options.clock,
      typeof code === 'number' || typeof code === 'string' ? String(code) : undefined,
    );
  }
}

function checkNumber(to: string): void {
  if (!e164.test(to))
    throw deliveryFailure(
      'PL_DELIVERY_INVALID',
      'The number is not in E.164 form (a plus, the country code, the number).',
      { retryable: false },
    );
}

function readJson(answer: ProviderAnswer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(answer.body);
    return typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
