import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Mailer } from './mailer.js';
import { OutboxMailer } from './outbox-mailer.js';
import { SmtpMailer } from './smtp-mailer.js';

/**
 * The mailer the configuration asks for: SMTP when `SMTP_URL` is set, otherwise `.eml` files in
 * `DATA_DIR/outbox` (development, and servers whose relay picks the files up).
 */
export function configuredMailer(
  config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'dataDir'>,
  deps: { clock: Clock; logger?: Logger },
): Mailer {
  if (config.smtpUrl !== undefined)
    return new SmtpMailer({
      url: config.smtpUrl,
      from: config.mailFrom,
      ...(deps.logger !== undefined ? { logger: deps.logger } : {}),
    });
  return new OutboxMailer({
    directory: join(config.dataDir, 'outbox'),
    from: config.mailFrom,
    clock: deps.clock,
    ...(deps.logger !== undefined ? { logger: deps.logger } : {}),
  });
}
