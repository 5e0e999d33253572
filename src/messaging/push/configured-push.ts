import type { Clock } from '../../platform/clock.js';
import type { Config } from '../../platform/config.js';
import type { PushSender } from './push-sender.js';
import { readVapidKeys } from './vapid-keys.js';
import { WebPushSender } from './web-push-sender.js';

/**
 * The push sender for the configured VAPID keys (the environment's, else the data directory's),
 * or none when there are no keys: push messages are then refused.
 */
export function configuredPushSender(
  config: Pick<Config, 'vapid' | 'vapidSubject' | 'dataDir'>,
  clock: Clock,
): PushSender | undefined {
  const keys = config.vapid ?? readVapidKeys(config.dataDir);
  if (keys === undefined) return undefined;
  return new WebPushSender({ keys, subject: config.vapidSubject, clock });
}
