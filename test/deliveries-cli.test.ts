/**
 * `porchlight deliveries list`: what an operator reads of the outgoing queue, from the real
 * command on a real database. Recipients are masked and no content is ever shown.
 */
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DeliveryRepository } from '../src/messaging/delivery-repository.js';
import { DeliveryQueue } from '../src/messaging/delivery-queue.js';
import type { TextMessage } from '../src/messaging/model.js';
import { openDatabase } from '../src/platform/database/connect.js';
import { migrateToLatest } from '../src/platform/database/migrate.js';
import { deliveryFailure } from '../src/platform/delivery/failure.js';
import { JobRepository } from '../src/platform/jobs/job-repository.js';
import { JobRunner } from '../src/platform/jobs/job-runner.js';
import { manualClock } from './support/manual-clock.js';
import { manualTimers } from './support/manual-timers.js';
import { newDataKey } from '../src/platform/crypto/envelope.js';
import { createKeyring } from '../src/platform/crypto/keyring.js';
import { runPorchlight } from './support/cli.js';

/** The master key that seals pending deliveries in these tests. */
const keyring = createKeyring(newDataKey());

const databaseUrl = `sqlite:${join(mkdtempSync(join(tmpdir(), 'porchlight-deliveries-')), 'd.db')}`;

function porchlight(...args: string[]) {
  return runPorchlight({ DATABASE_URL: databaseUrl }, args);
}

describe('porchlight deliveries list', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    const handle = await openDatabase(databaseUrl);
    try {
      await migrateToLatest(handle.db as never);
      const clock = manualClock('2026-12-07T10:00:00.000Z');
      const jobs = new JobRepository(handle.db);
      const queue = new DeliveryQueue({
        deliveries: new DeliveryRepository(handle.db, () => keyring),
        jobs,
        clock,
        channels: {
          email: { send: () => Promise.resolve() },
          sms: {
            send: (m: TextMessage) =>
              m.to.endsWith('0000')
                ? Promise.reject(
                    deliveryFailure('PL_DELIVERY_INVALID', 'not a mobile', { retryable: false }),
                  )
                : Promise.resolve({}),
          },
        },
      });
      const runner = new JobRunner({ jobs, clock, owner: 't', timers: manualTimers(clock) });
      queue.attach(runner, { sendAtOnce: false });
      await queue.enqueue({
        channel: 'email',
        idempotencyKey: 'sign-in-1',
        message: { to: 'sam@example.org', subject: 'Sign in', text: 'secret link' },
      });
      clock.advance(60_000);
      await queue.enqueue({
        channel: 'sms',
        idempotencyKey: 'ride-1',
        message: { to: '+14135550000', text: 'Your ride' },
      });
      await runner.runDue();
    } finally {
      await handle.close();
    }
  });

  it('lists deliveries newest first with masked recipients, state, attempts and error codes', () => {
    const result = porchlight('deliveries', 'list');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe('2 deliveries.');
    expect(lines[1]).toMatch(/^id\s+channel\s+recipient\s+state\s+attempts\s+last error\s+queued$/);
    expect(lines[2]).toMatch(
      /^\w{8}\s+sms\s+\*\*\*-\*\*\*-0000\s+dead\s+1\s+PL_DELIVERY_INVALID\s+2026-12-07 10:01$/,
    );
    expect(lines[3]).toMatch(/^\w{8}\s+email\s+s\*\*\*@e\*\*\*\s+sent\s+1\s+-\s+2026-12-07 10:00$/);
    expect(result.stdout).not.toMatch(/sam@example|4135550000|secret link|Your ride/);
  });

  it('shows only the dead letters with --dead, as JSON with --json', () => {
    const result = porchlight('deliveries', 'list', '--dead', '--json');
    expect(result.code).toBe(0);
    const { deliveries } = JSON.parse(result.stdout) as { deliveries: Record<string, unknown>[] };
    expect(deliveries).toEqual([
      expect.objectContaining({
        channel: 'sms',
        recipient: '***-***-0000',
        state: 'dead',
        attempts: 1,
        lastErrorCode: 'PL_DELIVERY_INVALID',
      }),
    ]);
    expect(result.stdout).not.toMatch(/4135550000|Your ride|payload|idempotency/i);
  });
});

describe('porchlight keys create', { timeout: 120_000 }, () => {
  it('writes a VAPID pair owner-only to the data directory, once, and prints env lines with --env', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'porchlight-keys-'));
    const made = porchlight('keys', 'create', '--data-dir', dataDir, '--json');
    expect(made.code).toBe(0);
    const { file, publicKey } = JSON.parse(made.stdout) as { file: string; publicKey: string };
    expect(file).toBe(join(dataDir, 'keys', 'vapid.json'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(publicKey, 'base64url')).toHaveLength(65);
    const again = porchlight('keys', 'create', '--data-dir', dataDir);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('--force');
    const env = porchlight('keys', 'create', '--env');
    expect(env.code).toBe(0);
    expect(env.stdout).toMatch(/^VAPID_PUBLIC_KEY=[\w-]{87}\nVAPID_PRIVATE_KEY=[\w-]{43}\n$/);
  });
});
