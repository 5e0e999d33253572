import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startSilentServer,
  startSmtpServer,
  type TestSmtpOptions,
} from '../../../test/support/smtp-server.js';
import { isRetryable } from '../delivery/failure.js';
import { PorchlightError } from '../errors.js';
import { SmtpMailer, type SmtpMailerOptions } from './smtp-mailer.js';
import { parseSmtpUrl } from './smtp-url.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()!();
});

async function setUp(server: TestSmtpOptions = {}, mailer: Partial<SmtpMailerOptions> = {}) {
  const smtp = await startSmtpServer(server);
  closers.push(() => smtp.close());
  const credentials = server.credentials;
  const auth =
    credentials === undefined
      ? ''
      : `${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.pass)}@`;
  const lines: string[] = [];
  const sender = new SmtpMailer({
    url: `smtp://${auth}localhost:${smtp.port}`,
    from: 'Porchlight <no-reply@meetings.example.org>',
    ca: smtp.ca,
    backoff: { baseMs: 5, capMs: 20 },
    logger: pino({ level: 'info' }, { write: (line: string) => lines.push(line) }),
    ...mailer,
  });
  closers.push(() => sender.close());
  return { smtp, sender, lines };
}

async function failure(promise: Promise<unknown>): Promise<PorchlightError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PorchlightError);
  return error as PorchlightError;
}

describe('SmtpMailer', () => {
  it('delivers over STARTTLS with authentication: the right envelope, headers and body', async () => {
    const { smtp, sender, lines } = await setUp({
      credentials: { user: 'porch@example.org', pass: 'p@ss:word' },
    });
    await sender.send({
      to: 'sam@example.org',
      subject: 'Inicie sesión',
      text: 'Line one\nLine two',
    });
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail).toMatchObject({
      from: 'no-reply@meetings.example.org',
      to: ['sam@example.org'],
      secure: true,
      user: 'porch@example.org',
    });
    const [head, body] = mail!.raw.split('\r\n\r\n');
    expect(head).toMatch(/^From: Porchlight <no-reply@meetings\.example\.org>$/m);
    expect(head).toMatch(/^To: sam@example\.org$/m);
    expect(head).toMatch(/^Subject: =\?UTF-8\?Q\?Inicie_sesi=C3=B3n\?=$/m);
    expect(head).toMatch(/^Message-ID: <.+@meetings\.example\.org>$/m);
    expect(head).toMatch(/^Content-Type: text\/plain; charset=utf-8$/m);
    expect(body).toContain('Line one\r\nLine two');
    // Logs say a message went, never to whom.
    expect(lines.join('')).not.toContain('sam@example.org');
    expect(lines.join('')).toContain('mail sent over SMTP');
  });

  it('keeps connections open in a pool: several messages, fewer connections', async () => {
    const { smtp, sender } = await setUp({}, { maxConnections: 1 });
    await Promise.all(
      [1, 2, 3, 4].map((n) => sender.send({ to: `p${n}@example.org`, subject: `${n}`, text: 'x' })),
    );
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual([
      'p1@example.org',
      'p2@example.org',
      'p3@example.org',
      'p4@example.org',
    ]);
    expect(smtp.connections).toBe(1);
  });

  it('reports bad credentials with their own code, and sends nothing', async () => {
    const smtp = await startSmtpServer({ credentials: { user: 'porch', pass: 'right' } });
    closers.push(() => smtp.close());
    const sender = new SmtpMailer({
      url: `smtp://porch:wrong@localhost:${smtp.port}`,
      from: 'no-reply@example.org',
      ca: smtp.ca,
    });
    closers.push(() => sender.close());
    const error = await failure(sender.send({ to: 'a@example.org', subject: 's', text: 't' }));
    expect(error.code).toBe('PL_MAIL_AUTH_FAILED');
    expect(smtp.received).toEqual([]);
  });

  it('gives a permanent failure when the server refuses with a 5xx, and does not try again', async () => {
    let asked = 0;
    const { smtp, sender, lines } = await setUp({
      onMessage: () => {
        asked++;
        return 554;
      },
    });
    const error = await failure(sender.send({ to: 'a@example.org', subject: 's', text: 't' }));
    expect(error.code).toBe('PL_MAIL_REJECTED');
    expect(error.message).toContain('554');
    expect(isRetryable(error)).toBe(false);
    expect(asked).toBe(1);
    expect(smtp.received).toEqual([]);
    expect(lines.join('')).not.toContain('a@example.org');
  });

  it('tries again after a 4xx answer, with backoff, and delivers', async () => {
    const { smtp, sender } = await setUp({ onMessage: (n) => (n === 1 ? 451 : undefined) });
    await sender.send({ to: 'a@example.org', subject: 's', text: 't' });
    expect(smtp.received).toHaveLength(1);
  });

  it('gives a retryable failure once the attempts are spent on a server that keeps answering 4xx', async () => {
    let asked = 0;
    const { sender } = await setUp(
      {
        onMessage: () => {
          asked++;
          return 452;
        },
      },
      { attempts: 2 },
    );
    const error = await failure(sender.send({ to: 'a@example.org', subject: 's', text: 't' }));
    expect(error.code).toBe('PL_MAIL_UNAVAILABLE');
    expect(isRetryable(error)).toBe(true);
    expect(asked).toBe(2);
  });

  it('gives a retryable failure when the server accepts the connection and never answers', async () => {
    const silent = await startSilentServer();
    closers.push(() => silent.close());
    const sender = new SmtpMailer({
      url: `smtp://localhost:${silent.port}`,
      from: 'no-reply@example.org',
      attempts: 1,
      timeouts: { greetingMs: 200 },
    });
    closers.push(() => sender.close());
    const error = await failure(sender.send({ to: 'a@example.org', subject: 's', text: 't' }));
    expect(error.code).toBe('PL_MAIL_UNAVAILABLE');
    expect(error.message).toContain('did not answer in time');
    expect(isRetryable(error)).toBe(true);
  });

  it('refuses to send in the clear to a server without STARTTLS', async () => {
    const { smtp, sender } = await setUp({ noStartTls: true }, { attempts: 1 });
    const error = await failure(sender.send({ to: 'a@example.org', subject: 's', text: 't' }));
    expect(error.code).toBe('PL_MAIL_TLS_FAILED');
    expect(smtp.received).toEqual([]);
  });

  it('refuses a certificate it cannot verify', async () => {
    const { smtp } = await setUp();
    const sender = new SmtpMailer({
      url: `smtp://localhost:${smtp.port}`,
      from: 'no-reply@example.org',
      attempts: 1,
    });
    closers.push(() => sender.close());
    const error = await failure(sender.send({ to: 'a@example.org', subject: 's', text: 't' }));
    expect(error.code).toBe('PL_MAIL_TLS_FAILED');
    expect(smtp.received).toEqual([]);
  });
});

describe('parseSmtpUrl', () => {
  it('reads STARTTLS, implicit TLS, ports and encoded credentials', () => {
    expect(parseSmtpUrl('smtp://mail.example.org')).toEqual({
      host: 'mail.example.org',
      port: 587,
      secure: false,
      requireTLS: true,
    });
    expect(parseSmtpUrl('smtps://u%40example.org:p%3Aw@mail.example.org')).toEqual({
      host: 'mail.example.org',
      port: 465,
      secure: true,
      requireTLS: false,
      auth: { user: 'u@example.org', pass: 'p:w' },
    });
    expect(parseSmtpUrl('smtp://127.0.0.1:25?requireTLS=false')).toMatchObject({
      port: 25,
      requireTLS: false,
    });
  });

  it('refuses what is not an SMTP URL, without echoing credentials', () => {
    expect(() => parseSmtpUrl('https://mail.example.org')).toThrow(/smtp:\/\/ or smtps:\/\//);
    expect(() => parseSmtpUrl('not a url')).toThrow(/SMTP_URL must be a URL/);
  });
});
