/**
 * Text messages through a provider of the operator's own (a gateway, a small provider's
 * bridge): a JSON `POST {to, from, text}` to a URL, with the shared secret in the
 * `X-Porchlight-Secret` header so the receiver knows the message came from this server. Any 2xx
 * means taken; other statuses are read as for Twilio (401/403 credentials, 429/5xx later, other
 * 4xx refused).
 */
import type { Clock } from '../../platform/clock.js';
import { deliveryFailure } from '../../platform/delivery/failure.js';
import type { TextMessage } from '../model.js';
import { e164, postToProvider, providerFailure } from './provider-http.js';
import type { SentText, SmsSender } from './sms-sender.js';

export interface WebhookSmsOptions {
  url: string;
  secret: string;
  /** The number or name messages come from, passed on as `from`. */
  from: string;
  clock: Clock;
  timeoutMs?: number;
}

/** The header the shared secret travels in, both ways. */
export const webhookSecretHeader = 'x-porchlight-secret';

export class WebhookSmsSender implements SmsSender {
  constructor(private readonly options: WebhookSmsOptions) {}

  async send(message: TextMessage): Promise<SentText> {
    if (!e164.test(message.to))
      throw deliveryFailure(
        'PL_DELIVERY_INVALID',
        'The number is not in E.164 form (a plus, the country code, the number).',
        { retryable: false },
      );
    const answer = await postToProvider(
      this.options.url,
      {
        headers: {
          'content-type': 'application/json',
          [webhookSecretHeader]: this.options.secret,
        },
        body: JSON.stringify({ to: message.to, from: this.options.from, text: message.text }),
      },
      this.options.timeoutMs ?? 10_000,
    );
    if (answer.status >= 200 && answer.status < 300) {
      const id = safeId(answer.body);
      return id === undefined ? {} : { providerId: id };
    }
    throw providerFailure(answer, 'The webhook', this.options.clock);
  }
}

function safeId(body: string): string | undefined {
  try {
    const value = (JSON.parse(body) as { id?: unknown }).id;
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
