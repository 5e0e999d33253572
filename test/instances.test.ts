/**
 * Two `porchlight serve` processes and a streaming replica on the local PostgreSQL, as an
 * operator runs several instances: an edit on one is searchable on the other within a second, a
 * session made on one is good on the other, every queued job runs once, and a rate limit counts
 * once across both (Redis). `.ci/run` runs it (PORCHLIGHT_TEST_INSTANCES=1); it needs the server
 * build (`npm run build`, which the test setup refreshes).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../src/app.js';
import { issueSignInLink } from '../src/accounts/sign-in-links.js';
import { operatorActor } from '../src/accounts/operator.js';
import { withStore } from '../src/cli/context.js';
import { loadConfig } from '../src/platform/config.js';
import { importFeed } from '../src/sources/import-feed.js';
import { grantRole } from '../src/stewardship/roles.js';
import { mgOnlineRow, mgRow } from './factories/meeting-guide.js';
import { isolatedUrl } from './support/databases.js';
import { freePort } from './support/free-port.js';
import { formFields } from './support/html-form.js';
import { outboxMessages } from './support/outbox.js';
import { postgresBinaries, startReplica, type Replica } from './support/replica.js';

const primaryUrl = process.env.PORCHLIGHT_TEST_POSTGRES_URL;
const bin = postgresBinaries();
const wanted = process.env.PORCHLIGHT_TEST_INSTANCES === '1';
const skip = !wanted
  ? 'set PORCHLIGHT_TEST_INSTANCES=1 (.ci/run does)'
  : primaryUrl === undefined
    ? 'no PORCHLIGHT_TEST_POSTGRES_URL'
    : bin === undefined
      ? 'no PostgreSQL programs (pg_basebackup, pg_ctl)'
      : undefined;
// A Redis database of their own, so other tests' counts on the same Redis never meet these.
const redisUrl = `${process.env.PORCHLIGHT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'}/9`;
const masterKey = randomBytes(32).toString('base64');
// The test's own store (withStore, below) reads people's sealed emails with the servers' key.
process.env.PORCHLIGHT_MASTER_KEY = masterKey;
const deliveriesQueued = 30;

interface Instance {
  base: string;
  dataDir: string;
  child: ChildProcess;
  log: string[];
}

/** A browser as far as cookies go, against one instance over real HTTP. */
class Visitor {
  private readonly cookies = new Map<string, string>();
  constructor(
    private readonly base: string,
    private readonly forwardedFor?: string,
  ) {}

  async request(method: 'GET' | 'POST', path: string, form?: Record<string, string | string[]>) {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form ?? {}))
      for (const value of Array.isArray(v) ? v : [v]) body.append(k, value);
    const response = await fetch(`${this.base}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        ...(this.cookies.size > 0
          ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') }
          : {}),
        ...(form !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...(this.forwardedFor !== undefined ? { 'x-forwarded-for': this.forwardedFor } : {}),
      },
      ...(form !== undefined ? { body: body.toString() } : {}),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    return { status: response.status, body: await response.text(), headers: response.headers };
  }

  async csrf(path: string): Promise<{ body: string; csrf: string }> {
    const page = await this.request('GET', path);
    expect(page.status, path).toBe(200);
    return { body: page.body, csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)![1]! };
  }

  /** The cookies as they are, to be taken to another instance. */
  carry(to: Visitor): void {
    for (const [k, v] of this.cookies) to.cookies.set(k, v);
  }
}

describe.skipIf(skip !== undefined)('two instances and a replica on one PostgreSQL', () => {
  let replica: Replica;
  let url: string;
  const instances: Instance[] = [];

  const env = (dataDir: string, port: number) => ({
    ...process.env,
    DATABASE_URL: url,
    DATABASE_READ_URL: replica.urlFor(url),
    REDIS_URL: redisUrl,
    TRUST_PROXY: 'loopback',
    DATA_DIR: dataDir,
    PORCHLIGHT_MASTER_KEY: masterKey,
    PORCHLIGHT_DEMO: '0',
    PUBLIC_URL: `http://localhost:${port}`,
    LOG_LEVEL: 'warn',
    PORT: String(port),
    HOST: '127.0.0.1',
  });

  async function start(): Promise<Instance> {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'porchlight-instance-'));
    const child = spawn(process.execPath, ['bin/porchlight.js', 'serve'], {
      env: env(dataDir, port),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log: string[] = [];
    child.stdout.on('data', (chunk: Buffer) => log.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => log.push(chunk.toString()));
    const instance = { base: `http://127.0.0.1:${port}`, dataDir, child, log };
    instances.push(instance);
    await vi.waitFor(
      async () => {
        expect(child.exitCode, log.join('')).toBeNull();
        expect((await fetch(`${instance.base}/readyz`)).status).toBe(200);
      },
      { timeout: 60_000, interval: 100 },
    );
    return instance;
  }

  beforeAll(async () => {
    replica = await startReplica(primaryUrl!, bin!);
    url = await isolatedUrl(primaryUrl!);
    // Before the instances start: a directory, an administrator, and deliveries waiting in the
    // queue (enqueued by a process that does not send them), for the instances' job runners.
    const seeding = await createApp(
      loadConfig({}, { databaseUrl: url, demo: false, masterKey, publicUrl: 'http://localhost' }),
      {
        logger: pino({ level: 'silent' }),
        processMetrics: false,
        sendDeliveriesAtOnce: false,
        mailer: { send: () => Promise.reject(new Error('the seeding process sends nothing')) },
      },
    );
    try {
      await importFeed(seeding.importDeps, {
        source: 'shared',
        location: 'test',
        rows: [mgRow({ slug: 'porch', name: 'Shared Porch' }), mgOnlineRow({ slug: 'online' })],
      });
      await grantRole(seeding.importDeps, operatorActor, 'admin@instances.example.org', {
        role: 'administrator',
      });
      for (let i = 0; i < deliveriesQueued; i += 1)
        await seeding.deliveries.enqueue({
          channel: 'email',
          idempotencyKey: `once-${i}`,
          message: { to: `person-${i}@instances.example.org`, subject: 'Once', text: `n ${i}` },
        });
    } finally {
      await seeding.close();
    }
    await Promise.all([start(), start()]);
  }, 180_000);

  afterAll(async () => {
    for (const { child } of instances) child.kill('SIGTERM');
    await Promise.all(
      instances.map(
        ({ child }) =>
          new Promise((resolve) =>
            child.exitCode !== null ? resolve(0) : child.once('exit', resolve),
          ),
      ),
    );
    for (const { dataDir } of instances) rmSync(dataDir, { recursive: true, force: true });
    replica?.stop({ remove: true });
  });

  it('an edit on one is searchable on the other within a second; the session is good on both', async () => {
    const [a, b] = instances as [Instance, Instance];
    const admin = new Visitor(a.base);
    const link = await withStore({ databaseUrl: url }, async ({ repos, importDeps }) => {
      const person = await repos.accounts.personByEmail('admin@instances.example.org');
      return issueSignInLink(importDeps, person!.id, `${a.base}/en/sign-in/verify`);
    });
    const token = new URL(link).searchParams.get('token')!;
    const { csrf } = await admin.csrf(`/en/sign-in/verify?token=${token}`);
    expect((await admin.request('POST', '/en/sign-in/verify', { token, _csrf: csrf })).status).toBe(
      303,
    );

    const found = await fetch(`${a.base}/api/v1/search?q=shared%20porch`);
    const slug = ((await found.json()) as { results: { slug: string }[] }).results[0]!.slug;
    const { body } = await admin.csrf(`/en/meetings/${slug}/edit`);
    const form = formFields(body, `/meetings/${slug}/edit`);
    const saved = await admin.request('POST', `/en/meetings/${slug}/edit`, {
      ...form,
      name: 'Shared Lantern',
      intent: 'save',
    });
    expect(saved.status).toBe(303);
    const savedAt = performance.now();
    await vi.waitFor(
      async () => {
        const res = await fetch(`${b.base}/api/v1/search?q=shared%20lantern`);
        const names = ((await res.json()) as { results: { name: string }[] }).results;
        expect(names.map((r) => r.name)).toEqual(['Shared Lantern']);
      },
      { timeout: 5000, interval: 10 },
    );
    const elapsedMs = performance.now() - savedAt;
    console.log(JSON.stringify({ editSearchableOnOtherInstanceMs: Math.round(elapsedMs) }));
    expect(elapsedMs).toBeLessThan(1000);

    // Sessions live in the database: the other instance knows the person signed in.
    const onB = new Visitor(b.base);
    admin.carry(onB);
    expect((await onB.request('GET', `/en/meetings/${slug}/edit`)).status).toBe(200);
    expect((await new Visitor(b.base).request('GET', `/en/meetings/${slug}/edit`)).status).not.toBe(
      200,
    );
  });

  it('runs every queued job once, whichever instance claims it', async () => {
    const once = (dataDir: string) =>
      outboxMessages(dataDir).filter((mail) => /^Subject: Once/m.test(mail));
    const outboxes = () => instances.flatMap(({ dataDir }) => once(dataDir));
    // The job runners first look 5 s after the start, then every 30 s.
    await vi.waitFor(
      () => {
        expect(outboxes()).toHaveLength(deliveriesQueued);
      },
      { timeout: 45_000, interval: 200 },
    );
    const states = await withStore({ databaseUrl: url }, ({ repos }) =>
      repos.deliveries.countByState(),
    );
    expect(states).toEqual({ pending: 0, sent: deliveriesQueued, dead: 0 });
    const recipients = outboxes().map((mail) => /^To: (\S+)/m.exec(mail)?.[1]);
    expect(new Set(recipients).size).toBe(deliveriesQueued);
    const perInstance = instances.map(({ dataDir }) => once(dataDir).length);
    console.log(JSON.stringify({ deliveriesSentByInstance: perInstance }));
  }, 60_000);

  it('counts a rate limit once across both instances', async () => {
    const [a, b] = instances as [Instance, Instance];
    // A client address and an email of this run alone (nginx names the client; TRUST_PROXY).
    const client = `198.51.100.${1 + (randomBytes(1)[0]! % 250)}`;
    const email = `limit-${randomBytes(4).toString('hex')}@instances.example.org`;
    const visitors = [new Visitor(a.base, client), new Visitor(b.base, client)];
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const visitor = visitors[i % 2]!;
      const { csrf } = await visitor.csrf('/en/sign-in');
      statuses.push((await visitor.request('POST', '/en/sign-in', { email, _csrf: csrf })).status);
    }
    // Five per email in the window, counted together: each instance alone would take five.
    expect(statuses).toEqual([303, 303, 303, 303, 303, 429]);
  });
});
