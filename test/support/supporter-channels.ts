/**
 * The channels a supporter is reached on, as the tests run them: a real SMTP server with a
 * mailer that trusts it, and the simulated text provider with the server's configuration for it.
 */
import { SmtpMailer } from '../../src/platform/mail/smtp-mailer.js';
import type { SmsConfig } from '../../src/platform/config.js';
import { startSimulatedProvider, type SimulatedProvider } from './sms-provider.js';
import { startSmtpServer, type TestSmtpServer } from './smtp-server.js';

export interface SupporterChannels {
  provider: SimulatedProvider;
  smtp: TestSmtpServer;
  mailer: SmtpMailer;
  /** The server's text-message settings, pointed at the simulated provider. */
  sms: SmsConfig;
  close(): Promise<void>;
}

export async function startSupporterChannels(): Promise<SupporterChannels> {
  const provider = await startSimulatedProvider();
  const smtp = await startSmtpServer();
  const mailer = new SmtpMailer({
    url: `smtp://localhost:${smtp.port}`,
    from: 'no-reply@meetings.example.org',
    ca: smtp.ca,
    attempts: 1,
  });
  return {
    provider,
    smtp,
    mailer,
    sms: {
      provider: 'twilio',
      accountSid: provider.accountSid,
      authToken: provider.authToken,
      from: '+14135550100',
      apiUrl: provider.origin,
    },
    close: async () => {
      await mailer.close();
      await provider.close();
      await smtp.close();
    },
  };
}
