/**
 * The default mail adapter: each message becomes an RFC 5322 file (`.eml`) in an outbox folder,
 * for an operator's mail relay to pick up or a person to open, and for tests to read. Logs say
 * that a message was written and where, never to whom.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { MailMessage, Mailer } from './mailer.js';

export interface OutboxOptions {
  directory: string;
  from: string;
  clock: Clock;
  logger?: Logger;
}

/** A Mailer that writes `<timestamp>-<random>.eml` files to a directory. */
export class OutboxMailer implements Mailer {
  constructor(private readonly options: OutboxOptions) {}

  async send(message: MailMessage): Promise<void> {
    const now = this.options.clock.now();
    const file = `${now.toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`;
    await mkdir(this.options.directory, { recursive: true, mode: 0o700 });
    // Owner-only: the files hold addresses and live sign-in links. Written under a temporary
    // name and renamed, so whoever picks up `.eml` files never reads half a message.
    const path = join(this.options.directory, file);
    await writeFile(`${path}.tmp`, formatMessage(message, this.options.from, now), {
      mode: 0o600,
      flag: 'wx',
    });
    await rename(`${path}.tmp`, path);
    this.options.logger?.info({ outbox: file }, 'mail written to the outbox');
  }
}

/** A message as RFC 5322 text with a UTF-8 plain-text body. */
export function formatMessage(message: MailMessage, from: string, date: Date): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
  const headers = [
    `From: ${headerText(from)}`,
    `To: ${headerText(message.to)}`,
    `Subject: ${encodeWord(headerText(message.subject))}`,
    `Date: ${date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${randomBytes(12).toString('hex')}@${domain}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
  ];
  const body = message.text.replace(/\r?\n/g, '\r\n');
  return `${headers.join('\r\n')}\r\n\r\n${body}\r\n`;
}

/** Header values lose line breaks, so no value can add a header of its own. */
function headerText(value: string): string {
  return value.replace(/[\r\n]+/g, ' ');
}

/** RFC 2047 encoded-word for a subject outside ASCII. */
function encodeWord(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return value;
  return `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}
