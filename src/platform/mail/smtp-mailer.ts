/**
 * Mail over SMTP (nodemailer), for when `SMTP_URL` is set. Connections are pooled, STARTTLS is
 * required unless the URL says otherwise (`smtps://` is TLS from the first byte), and a send
 * that fails for a passing reason (a timeout, a dropped connection, a 4xx answer) is tried again
 * a few times with backoff before it is reported. Errors carry stable codes and never quote the
 * server's text, which often repeats the recipient's address.
 */
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import { deliveryFailure, isRetryable } from '../delivery/failure.js';
import type { PorchlightError } from '../errors.js';
import { backoffDelay, type BackoffPolicy } from '../jobs/backoff.js';
import { systemTimers, type Timers } from '../timers.js';
import type { MailMessage, Mailer } from './mailer.js';
import { parseSmtpUrl } from './smtp-url.js';

export interface SmtpMailerOptions {
  /** `smtp://user:password@host:587` (STARTTLS) or `smtps://...:465`; see `parseSmtpUrl`. */
  url: string;
  from: string;
  logger?: Logger;
  /** Attempts per send, the first included (default 3). */
  attempts?: number;
  /** Waits between attempts (default 2 s doubling to 30 s). */
  backoff?: BackoffPolicy;
  timers?: Timers;
  random?: () => number;
  /** Time limits in milliseconds (defaults: connect 10 s, greeting 10 s, idle socket 30 s). */
  timeouts?: { connectMs?: number; greetingMs?: number; socketMs?: number };
  /** Most connections open at once (default 3). */
  maxConnections?: number;
  /** Certificates to trust besides the system's (a relay with a private CA; tests). */
  ca?: string;
}

/** A Mailer that sends through an SMTP server over a small connection pool. */
export class SmtpMailer implements Mailer {
  private readonly transport: ReturnType<typeof nodemailer.createTransport>;
  private closed = false;

  constructor(private readonly options: SmtpMailerOptions) {
    const settings = parseSmtpUrl(options.url);
    const timeouts = options.timeouts ?? {};
    this.transport = nodemailer.createTransport({
      pool: true,
      maxConnections: options.maxConnections ?? 3,
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      requireTLS: settings.requireTLS,
      ...(settings.auth !== undefined ? { auth: settings.auth } : {}),
      connectionTimeout: timeouts.connectMs ?? 10_000,
      greetingTimeout: timeouts.greetingMs ?? 10_000,
      socketTimeout: timeouts.socketMs ?? 30_000,
      tls: {
        minVersion: 'TLSv1.2',
        ...(options.ca !== undefined ? { ca: options.ca } : {}),
      },
      // nodemailer's own logger would print addresses and whole conversations.
      logger: false,
      debug: false,
    });
  }

  async send(message: MailMessage): Promise<void> {
    const attempts = Math.max(1, this.options.attempts ?? 3);
    for (let attempt = 1; ; attempt++) {
      try {
        await this.transport.sendMail({
          from: this.options.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
        });
        this.options.logger?.info({ attempt }, 'mail sent over SMTP');
        return;
      } catch (error) {
        const failure = classifySmtpError(error);
        const again =
          attempt < attempts && isRetryable(failure) && failure.code === 'PL_MAIL_UNAVAILABLE';
        this.options.logger?.warn(
          { code: failure.code, attempt, retrying: again },
          'mail not sent over SMTP',
        );
        if (!again) throw failure;
        await this.wait(
          backoffDelay(attempt, this.options.backoff ?? quickBackoff, this.options.random),
        );
      }
    }
  }

  close(): Promise<void> {
    if (!this.closed) this.transport.close();
    this.closed = true;
    return Promise.resolve();
  }

  private wait(ms: number): Promise<void> {
    const timers = this.options.timers ?? systemTimers;
    return new Promise((resolve) => timers.after(ms, resolve));
  }
}

/** Waits between the few quick attempts of one send; the delivery queue retries for longer. */
const quickBackoff: BackoffPolicy = { baseMs: 2000, capMs: 30_000 };

/** What nodemailer attaches to the errors it throws. */
interface SmtpError {
  code?: string;
  responseCode?: number;
  permanent?: boolean;
}

/**
 * Turns a nodemailer error into a stable code: a 5xx refusal is permanent (the same message
 * would be refused again); bad credentials and a failed STARTTLS are the operator's to fix, so
 * the message waits for them; a timeout, a dropped connection or a 4xx is worth another try.
 */
export function classifySmtpError(error: unknown): PorchlightError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as SmtpError;
  const reply = e.responseCode !== undefined ? ` (it answered ${e.responseCode})` : '';
  if (e.code === 'EAUTH' || e.code === 'ENOAUTH')
    return deliveryFailure(
      'PL_MAIL_AUTH_FAILED',
      `The mail server refused the credentials in SMTP_URL${reply}.`,
      { retryable: true },
    );
  if (e.code === 'ETLS' || e.code === 'EREQUIRETLS' || (e.code === 'ESOCKET' && tlsFailure(error)))
    return deliveryFailure(
      'PL_MAIL_TLS_FAILED',
      'The mail server offered no working STARTTLS; the message was not sent in the clear.',
      { retryable: true },
    );
  const permanent =
    e.permanent ??
    (e.responseCode !== undefined
      ? e.responseCode >= 500 && e.responseCode !== 503
      : e.code === 'EENVELOPE' || e.code === 'EMESSAGE');
  if (permanent)
    return deliveryFailure('PL_MAIL_REJECTED', `The mail server refused the message${reply}.`, {
      retryable: false,
    });
  const what = e.code === 'ETIMEDOUT' ? 'did not answer in time' : 'could not take the message';
  return deliveryFailure('PL_MAIL_UNAVAILABLE', `The mail server ${what}${reply}.`, {
    retryable: true,
  });
}

/** A socket error raised by the TLS layer (a certificate that does not verify). */
function tlsFailure(error: unknown): boolean {
  const code = (error as { reason?: unknown; message?: unknown }).message;
  return typeof code === 'string' && /certificate|tls|ssl/i.test(code);
}
