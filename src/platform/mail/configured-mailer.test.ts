import { describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { configuredMailer } from './configured-mailer.js';
import { OutboxMailer } from './outbox-mailer.js';
import { SmtpMailer } from './smtp-mailer.js';

describe('configuredMailer', () => {
  const clock = fixedClock('2026-12-01T00:00:00Z');

  it('writes to the outbox by default and sends over SMTP when SMTP_URL is set', async () => {
    expect(configuredMailer(loadConfig({}), { clock })).toBeInstanceOf(OutboxMailer);
    const smtp = configuredMailer(loadConfig({ SMTP_URL: 'smtp://mail.example.org' }), { clock });
    expect(smtp).toBeInstanceOf(SmtpMailer);
    await smtp.close?.();
  });
});
