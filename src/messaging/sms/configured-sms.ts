import type { Clock } from '../../platform/clock.js';
import type { SmsConfig } from '../../platform/config.js';
import type { SmsSender } from './sms-sender.js';
import { TwilioSender } from './twilio-sender.js';
import { WebhookSmsSender } from './webhook-sender.js';

/** The text sender the configuration names, or none (text messages are then refused). */
export function configuredSmsSender(
  sms: SmsConfig | undefined,
  clock: Clock,
): SmsSender | undefined {
  if (sms === undefined) return undefined;
  if (sms.provider === 'webhook')
    return new WebhookSmsSender({ url: sms.url, secret: sms.secret, from: sms.from, clock });
  const from =
    sms.from !== undefined
      ? { number: sms.from }
      : { messagingServiceSid: sms.messagingServiceSid ?? '' };
  return new TwilioSender({
    accountSid: sms.accountSid,
    authToken: sms.authToken,
    from,
    baseUrl: sms.apiUrl,
    clock,
  });
}
