import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Mailer } from './mailer.js';
import { OutboxMailer } from './outbox-mailer.js';
import { SmtpMailer } from './smtp-mailer.js';

/**
 * The mailer the configuration asks for: SMTP when `SMTP_URL` is set, otherwise `.eml` files in
 * `DATA_DIR/outbox` (development, and servers whose relay picks the files up). `attempts` is how
 * often one send tries SMTP before it reports (one under the delivery queue, which retries for
 * longer and must not hold the request that queued the mail).
 */
export function configuredMailer(
  config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'dataDir'>,
  deps: { clock: Clock; logger?: Logger; attempts?: number },
): Mailer {
  if (config.smtpUrl !== undefined)
    return new SmtpMailer({
      url: config.smtpUrl,
      from: config.mailFrom,
      ...(deps.attempts !== undefined ? { attempts: deps.attempts } : {}),
      ...(deps.logger !== undefined ? { logger: deps.logger } : {}),
    });
  return new OutboxMailer({
    directory: join(config.dataDir, 'outbox'),
    from: config.mailFrom,
    clock: deps.clock,
    ...(deps.logger !== undefined ? { logger: deps.logger } : {}),
  });
}
