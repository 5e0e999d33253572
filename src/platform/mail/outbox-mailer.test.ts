import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.js';
import { formatMessage, OutboxMailer } from './outbox-mailer.js';

describe('OutboxMailer', () => {
  it('writes one owner-only .eml file per message, named by time, and logs no address', async () => {
    const directory = join(mkdtempSync(join(tmpdir(), 'outbox-')), 'outbox');
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const mailer = new OutboxMailer({
      directory,
      from: 'Porchlight <no-reply@meetings.example.org>',
      clock: fixedClock('2025-03-09T12:30:00.000Z'),
      logger,
    });
    await mailer.send({ to: 'sam@example.org', subject: 'One', text: 'First' });
    await mailer.send({ to: 'sam@example.org', subject: 'Two', text: 'Second' });
    const files = readdirSync(directory).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^2025-03-09T12-30-00-000Z-[0-9a-f]{8}\.eml$/);
    const text = readFileSync(join(directory, files[0]!), 'utf8');
    expect(text).toContain('To: sam@example.org\r\n');
    expect(statSync(join(directory, files[0]!)).mode & 0o777).toBe(0o600);
    expect(lines).toHaveLength(2);
    expect(lines.join('')).not.toContain('sam@example.org');
    expect(lines.join('')).toContain(files[0]);
  });
});

describe('formatMessage', () => {
  const date = new Date('2025-03-09T12:30:00Z');

  it('writes headers, a blank line and a CRLF body', () => {
    const text = formatMessage(
      { to: 'a@example.org', subject: 'Sign in', text: 'Line 1\nLine 2' },
      'Porchlight <no-reply@example.org>',
      date,
    );
    const [head, body] = text.split('\r\n\r\n');
    expect(head).toContain('Subject: Sign in');
    expect(head).toContain('Date: Sun, 09 Mar 2025 12:30:00 +0000');
    expect(head).toMatch(/Message-ID: <[0-9a-f]{24}@example\.org>/);
    expect(body).toBe('Line 1\r\nLine 2\r\n');
  });

  it('encodes a subject outside ASCII and lets no value inject a header', () => {
    const text = formatMessage(
      { to: 'a@example.org\r\nBcc: evil@example.org', subject: 'Inicie sesión', text: 'x' },
      'Porchlight <no-reply@example.org>',
      date,
    );
    expect(text).toContain(
      `Subject: =?UTF-8?B?${Buffer.from('Inicie sesión').toString('base64')}?=`,
    );
    expect(text).not.toMatch(/^Bcc:/m);
  });
});
