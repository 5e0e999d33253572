/**
 * Requests the HTTP parser refuses half-way (headers read, body broken) reach the hooks with
 * their connection already closed. They must get the catalogue's answer where one can still be
 * sent, and must not be logged as our errors. Run against `porchlight serve` itself: the path
 * through the real process and its logger is what an operator reads.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './support/free-port.js';

const root = join(import.meta.dirname, '..');

/** Sends raw bytes on a fresh connection and resolves with everything the server answered. */
function rawRequest(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => resolve(answer));
    socket.write(bytes);
  });
}

const chunkedZzzz = (path: string) =>
  `POST ${path} HTTP/1.1\r\nHost: localhost\r\n` +
  'Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\nzzzz\r\n';

describe('malformed requests to porchlight serve', { timeout: 120_000 }, () => {
  let server: ChildProcess;
  let port: number;
  let output = '';
  const dataDir = mkdtempSync(join(tmpdir(), 'porchlight-malformed-'));

  beforeAll(async () => {
    port = await freePort();
    server = spawn(
      process.execPath,
      [join(root, 'bin', 'porchlight.js'), 'serve', '--no-demo', '--data-dir', dataDir],
      { env: { ...process.env, PORT: String(port), LOG_LEVEL: 'info' }, stdio: 'pipe' },
    );
    server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      server.on('exit', (code) => reject(new Error(`serve exited (${code}): ${output}`)));
      const poll = setInterval(() => {
        if (output.includes('Porchlight is serving')) {
          clearInterval(poll);
          resolve();
        }
      }, 50);
    });
  });
  afterAll(() => {
    server.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answer with a stable code and leave no error in the log', async () => {
    const paths = [
      '/meetings/x/report',
      '/en/meetings/x/report',
      '/es/meetings/x/report',
      '/en/sign-in',
      '/en/print',
      '/api/v1/meetings',
    ];
    const answers = [];
    for (const path of paths) answers.push(await rawRequest(port, chunkedZzzz(path)));
    answers.push(await rawRequest(port, 'NOT HTTP AT ALL\r\n\r\n'));
    for (const answer of answers) {
      expect(answer).toMatch(/^HTTP\/1\.1 400 /);
      expect(answer).toContain('"code":"PL_MALFORMED_REQUEST"');
    }
    // The server ends on SIGTERM after the requests already on their way are through.
    server.removeAllListeners('exit');
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
    const logged = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { level: number; msg: string });
    expect(logged.some((line) => line.msg === 'incoming request')).toBe(true);
    expect(logged.filter((line) => line.level >= 40)).toEqual([]);
  });
});
