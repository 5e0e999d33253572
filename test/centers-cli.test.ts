/**
 * The desk's fixed command-line names, run as an operator runs them: `center create`, `center
 * staff`, `tokens create`; the token printed then works against the API of a server on the
 * same database. And the demo center a fresh server shows.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_CENTER, seedDemoCenter } from '../src/centers/demo/seed-center.js';
import { fixedClock } from '../src/platform/clock.js';
import { createKeyring, parseMasterKey } from '../src/platform/crypto/keyring.js';
import { createTestApp } from './support/app.js';
import { runPorchlight } from './support/cli.js';

const root = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'porchlight-center-cli-'));
const databaseUrl = `sqlite:${join(dir, 'cli.db')}`;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function porchlight(...args: string[]) {
  return porchlightWith({}, ...args);
}

function porchlightWith(env: Record<string, string>, ...args: string[]) {
  return runPorchlight({ DATABASE_URL: databaseUrl, DATA_DIR: dir, ...env }, args);
}

describe('porchlight center and tokens', { timeout: 120_000 }, () => {
  it('creates a center, sets staff, prints a token that the API accepts', async () => {
    const created = porchlight(
      'center',
      'create',
      'franklin',
      '--name',
      'Franklin County Recovery Center',
      '--admin',
      'lead@example.org',
      '--json',
    );
    // The administrator's email is sealed with the master key, made here on first use.
    expect(created.stderr).toMatch(/^(created a new master key in \S+master\.key[^\n]*\n)?$/);
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ slug: 'franklin', adminCreated: true });
    const again = porchlight('center', 'create', 'franklin', '--name', 'X', '--admin', 'a@b.org');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('PL_CENTER_EXISTS');
    expect(
      porchlight('center', 'create', 'Bad Slug', '--name', 'X', '--admin', 'a@b.org').stderr,
    ).toContain('PL_INVALID_CENTER');

    expect(JSON.parse(created.stdout)).toMatchObject({ timeZone: 'UTC' });
    const zoned = porchlight('center', 'time-zone', 'franklin', 'America/New_York', '--json');
    expect(zoned.code).toBe(0);
    expect(JSON.parse(zoned.stdout)).toEqual({ slug: 'franklin', timeZone: 'America/New_York' });
    const unknownZone = porchlight('center', 'time-zone', 'franklin', 'Mars/Olympus');
    expect(unknownZone.code).toBe(1);
    expect(unknownZone.stderr).toContain('PL_INVALID_CENTER');

    const staff = porchlight(
      'center',
      'staff',
      'franklin',
      '--email',
      'desk@example.org',
      '--role',
      'volunteer',
    );
    expect(staff.code).toBe(0);
    expect(
      porchlight('center', 'staff', 'franklin', '--email', 'x@example.org', '--role', 'boss')
        .stderr,
    ).toContain('PL_INVALID_STAFF_ROLE');

    const token = porchlight(
      'tokens',
      'create',
      '--email',
      'lead@example.org',
      '--center',
      'franklin',
    );
    expect(token.code).toBe(0);
    expect(token.stdout).toMatch(/^pl_[A-Za-z0-9_-]{43}\n$/);
    expect(porchlight('tokens', 'create', '--email', 'nobody@example.org').stderr).toContain(
      'PL_NOT_FOUND',
    );
    expect(
      porchlight('tokens', 'create', '--email', 'lead@example.org', '--center', 'elsewhere').stderr,
    ).toContain('PL_CENTER_NOT_FOUND');

    // A server on the same data accepts the token (and makes its master key file on first use).
    const app = await createTestApp({ databaseUrl, dataDir: dir });
    try {
      const res = await app.server.inject({
        method: 'POST',
        url: '/api/v1/centers/franklin/members',
        headers: { authorization: `Bearer ${token.stdout.trim()}` },
        payload: { chosenName: 'First Member' },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ chosenName: 'First Member' });
    } finally {
      await app.close();
    }
  });
});

describe('porchlight keys rotate', { timeout: 120_000 }, () => {
  it('rewraps every data key under a new master key; records and search read on', async () => {
    // The member made in the test above is sealed under the key file the server created.
    const keyFile = join(dir, 'master.key');
    const before = readFileSync(keyFile, 'utf8');
    const refused = porchlightWith({ PORCHLIGHT_MASTER_KEY: before.trim() }, 'keys', 'rotate');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--out');

    const rotated = porchlight('keys', 'rotate', '--json');
    expect(rotated.stderr).toBe('');
    expect(rotated.code).toBe(0);
    const report = JSON.parse(rotated.stdout);
    expect(report).toMatchObject({ centers: 1, keysRewrapped: 1, keyFile });
    // People's emails were sealed under the old key: resealed, the sign-in lookup below finds them.
    expect(report.emailsResealed).toBeGreaterThan(0);
    expect(readFileSync(keyFile, 'utf8')).not.toBe(before);
    expect(readFileSync(report.retired, 'utf8')).toBe(before);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);

    const token = porchlight('tokens', 'create', '--email', 'lead@example.org').stdout.trim();
    const app = await createTestApp({ databaseUrl, dataDir: dir });
    try {
      const auth = { authorization: `Bearer ${token}` };
      const found = await app.server.inject({
        method: 'GET',
        url: '/api/v1/centers/franklin/members?q=first',
        headers: auth,
      });
      expect(found.json().members).toHaveLength(1);
      const read = await app.server.inject({
        method: 'GET',
        url: `/api/v1/centers/franklin/members/${found.json().members[0].id}`,
        headers: auth,
      });
      expect(read.json()).toMatchObject({ chosenName: 'First Member' });
      // The retired key alone opens nothing any more.
      const center = (await app.repos.centers.bySlug('franklin'))!;
      const [key] = await app.repos.centerMembers.keysOfCenter(center.id);
      expect(key!.masterKeyId).toBe(report.toKeyId);
      const retired = createKeyring(parseMasterKey(before));
      expect(() =>
        retired.unwrapKey(key!.wrappedKey, retired.keyId, `member:${center.id}:${key!.memberId}`),
      ).toThrow();
    } finally {
      await app.close();
    }
  });
});

describe('the demo center', () => {
  it('has pseudonymous members with check-ins, encounters and BARC-10s', async () => {
    const clock = fixedClock('2026-03-02T15:00:00.000Z');
    const app = await createTestApp({}, { clock, keyring: createKeyring(Buffer.alloc(32, 5)) });
    try {
      const deps = { repos: app.repos, clock, keyring: app.keyring };
      expect(await seedDemoCenter(deps)).toEqual({ slug: 'franklin', members: 10 });
      const center = (await app.repos.centers.bySlug(DEMO_CENTER.slug))!;
      expect(center.name).toBe('Franklin County Recovery Center');
      expect(await app.repos.centerMembers.count(center.id)).toBe(10);
      const staff = await app.repos.centers.staffOf(center.id);
      expect(staff.map((s) => s.role).sort()).toEqual(['admin', 'coach']);
      // Every member joined on or before their first recorded visit or assessment.
      const { members, assessments } = await app.repos.centerReports.membersAndAssessments(
        center.id,
      );
      for (const m of members) {
        const visits = await app.repos.centerEncounters.ofMember(center.id, m.id);
        expect(visits.length).toBeGreaterThan(0);
        expect(visits[0]!.occurredAt >= m.createdAt).toBe(true);
        for (const a of assessments.filter((x) => x.memberId === m.id))
          expect(a.takenAt >= m.createdAt).toBe(true);
      }
    } finally {
      await app.close();
    }
  });

  it('serves with the master key file named by --master-key-file', async () => {
    const serveDir = mkdtempSync(join(tmpdir(), 'porchlight-serve-key-'));
    const keyFile = join(serveDir, 'keys', 'center.key');
    const child = spawn(
      process.execPath,
      [join(root, 'bin', 'porchlight.js'), 'serve', '--port', '0', '--master-key-file', keyFile],
      {
        cwd: root,
        env: {
          ...process.env,
          DATABASE_URL: `sqlite:${join(serveDir, 'serve.db')}`,
          DATA_DIR: serveDir,
          LOG_LEVEL: 'info',
          PORCHLIGHT_MASTER_KEY: '',
          PORCHLIGHT_MASTER_KEY_FILE: '',
        },
      },
    );
    try {
      let output = '';
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('Porchlight is serving')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
      });
      // The demo center seals its members, so the key was made where the flag said.
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(statSync(keyFile).size).toBeGreaterThan(0);
      expect(output).not.toContain(readFileSync(keyFile, 'utf8').trim());
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(serveDir, { recursive: true, force: true });
    }
  });
});
