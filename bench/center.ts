/**
 * `npm run -s bench:center [-- --members N --encounters N --assessments N --samples N
 * --database-url URL]`: the center desk with a realistic load of records. A server child
 * (`--child-server`) builds the app with createApp on a fresh SQLite file (or the given
 * PostgreSQL database, which it empties first), creates a center with 10,000 members (sealed
 * under their own keys, with the blind name index), 100,000 encounters over the past year and
 * 10,000 BARC-10s, signs a coach in, and listens on 127.0.0.1. The parent then asks, one request
 * at a time as a person at the desk would:
 *
 * - `/healthz`: the baseline of the same run (the machines are shared and noisy);
 * - `desk-search`: the front desk page finding a member by the beginning of a chosen name;
 * - `api-search`: the same search through the JSON API;
 * - `check-in`: the two-tap check-in form post (CSRF, a write, the access log);
 * - `member-page`: a member's page (record, timeline, BARC-10 chart, two access-log writes);
 * - `api-timeline`: a member's timeline through the JSON API;
 * - `year-report`: the summary of the last twelve months.
 *
 * Prints one JSON document on stdout; progress goes to stderr. Exit code 0 even when a target is
 * missed ("pass": false says so).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import pg from 'pg';
import { createApp } from '../src/app.js';
import { startSession } from '../src/accounts/sessions.js';
import { createApiToken } from '../src/accounts/api-tokens.js';
import { createCenter, putStaffByEmail } from '../src/centers/centers.js';
import { encounterTypes } from '../src/centers/encounters/model.js';
import { blindTerm, namePrefixes } from '../src/centers/members/blind-index.js';
import { newMemberKey, sealContext } from '../src/centers/members/member-key.js';
import { centerIndexKey } from '../src/centers/members/members.js';
import { createRandom } from '../src/demo/random.js';
import { loadConfig } from '../src/platform/config.js';
import { createKeyring } from '../src/platform/crypto/keyring.js';
import { seal, sealJson } from '../src/platform/crypto/envelope.js';
import { ServerChild } from './server-child.js';
import { intFlag, machineInfo, makeTempDir, progress, ratio, repoRoot, round } from './measure.js';

const script = fileURLToPath(import.meta.url);
const DAY = 86_400_000;

const targets = {
  /** The issue's budgets, each for the p95 of one request at a time. */
  maxSearchP95Ms: 30,
  maxTimelineP95Ms: 50,
  maxYearReportMs: 1000,
};

/** Words chosen names are made of, so a two- or three-letter prefix finds a handful. */
const firstWords = [
  'Alder',
  'Birch',
  'Cedar',
  'Dana',
  'Eli',
  'Fern',
  'Gale',
  'Harper',
  'Indigo',
  'Jules',
  'Kai',
  'Lane',
  'Morgan',
  'Noor',
  'Oak',
  'Parker',
  'Quinn',
  'Rowan',
  'Sky',
  'Tate',
  'Uma',
  'Vale',
  'Wren',
  'Xan',
  'Yael',
  'Zion',
];

interface Ready {
  kind: 'ready';
  port: number;
  cookie: string;
  csrf: string;
  token: string;
  slug: string;
  memberIds: string[];
  queries: string[];
  database: string;
  seedMs: number;
  counts: { members: number; encounters: number; assessments: number };
}

// --- the server child ---------------------------------------------------------------------------

async function childServer(argv: readonly string[]): Promise<void> {
  const members = intFlag(argv, 'members', 10_000);
  const encounters = intFlag(argv, 'encounters', 100_000);
  const assessments = intFlag(argv, 'assessments', 10_000);
  const urlAt = argv.indexOf('--database-url');
  const temp = makeTempDir('porchlight-bench-center');
  // On PostgreSQL the records go into a schema of their own, dropped at the end.
  const schema = urlAt >= 0 ? `bench_center_${randomBytes(4).toString('hex')}` : undefined;
  const databaseUrl =
    schema !== undefined
      ? await inSchema(argv[urlAt + 1]!, schema)
      : `sqlite:${join(temp.dir, 'center.db')}`;
  const keyring = createKeyring(Buffer.alloc(32, 17));
  const config = loadConfig(
    {},
    { dataDir: temp.dir, databaseUrl, demo: false, publicUrl: 'http://127.0.0.1:8080' },
  );
  const app = await createApp(config, { logger: pino({ level: 'silent' }), keyring });
  const repos = app.repos;
  const clock = { now: () => new Date() };
  const deps = { repos, clock };
  const started = performance.now();
  const slug = `bench-${randomUUID().slice(0, 8)}`;
  const { center } = await createCenter(deps, {
    slug,
    name: 'Bench Center',
    adminEmail: `admin@${slug}.example`,
  });
  const { personId: coachId } = await putStaffByEmail(deps, center, {
    email: `coach@${slug}.example`,
    role: 'coach',
  });
  const random = createRandom(7).fork('bench-center');
  const indexKey = centerIndexKey({ keyring: () => keyring }, center.id);
  const now = Date.now();
  const ids: string[] = [];
  const dataKeys: Buffer[] = [];
  // Seeded in chunks of one transaction each: the same sealed rows and index terms the desk
  // writes, without a commit per member.
  const chunk = 500;
  for (let start = 0; start < members; start += chunk) {
    await repos.transaction(async (trx) => {
      for (let i = start; i < Math.min(members, start + chunk); i++) {
        const id = randomUUID();
        const createdAt = new Date(now - random.int(0, 364) * DAY - DAY).toISOString();
        const chosenName = `${random.pick(firstWords)} ${random.pick(firstWords)} ${i}`;
        const { dataKey, stored } = newMemberKey(keyring, center.id, id, createdAt);
        const profile = { chosenName, pathways: [] };
        await trx.centerMembers.insert(
          {
            id,
            centerId: center.id,
            engagement: random.int(0, 1) === 0 ? 'brief' : 'full',
            profile: sealJson(dataKey, profile, sealContext('member', id, 'profile')),
            createdAt,
            updatedAt: createdAt,
          },
          stored,
          namePrefixes(chosenName).map((p) => blindTerm(indexKey, p)),
        );
        ids.push(id);
        dataKeys.push(dataKey);
      }
    });
    process.stdout.write(`members ${Math.min(members, start + chunk)}/${members}\n`);
  }
  for (let start = 0; start < encounters; start += 2000) {
    await repos.transaction(async (trx) => {
      for (let i = start; i < Math.min(encounters, start + 2000); i++) {
        const m = random.int(0, ids.length - 1);
        const id = randomUUID();
        const type = random.pick(encounterTypes);
        const at = new Date(now - random.int(1, 364 * 24 * 60) * 60_000).toISOString();
        await trx.centerEncounters.insert({
          id,
          centerId: center.id,
          memberId: ids[m]!,
          type,
          occurredAt: at,
          durationMinutes: type === 'brief_check_in' ? 5 : 30,
          recordedBy: coachId,
          createdAt: at,
          ...(i % 4 === 0
            ? {
                note: seal(
                  dataKeys[m]!,
                  'Talked about the week.',
                  sealContext('encounter', id, 'note'),
                ),
              }
            : {}),
        });
      }
    });
    process.stdout.write(`encounters ${Math.min(encounters, start + 2000)}/${encounters}\n`);
  }
  await repos.transaction(async (trx) => {
    for (let i = 0; i < assessments; i++) {
      const m = random.int(0, ids.length - 1);
      const id = randomUUID();
      const answers = Array.from({ length: 10 }, () => random.int(1, 6));
      const total = answers.reduce((a, b) => a + b, 0);
      const at = new Date(now - random.int(1, 364) * DAY).toISOString();
      await trx.centerAssessments.insert({
        id,
        centerId: center.id,
        memberId: ids[m]!,
        instrument: 'barc-10',
        takenAt: at,
        result: sealJson(dataKeys[m]!, { answers, total }, sealContext('assessment', id, 'result')),
        recordedBy: coachId,
        createdAt: at,
      });
    }
  });
  const seedMs = round(performance.now() - started, 0);
  const { token: session } = await startSession(deps, coachId, 'email', undefined);
  // A supervisor's token for the API cases (reports need one).
  const { personId: supervisorId } = await putStaffByEmail(deps, center, {
    email: `supervisor@${slug}.example`,
    role: 'supervisor',
  });
  const { token } = await createApiToken(deps, supervisorId, center.id);
  await app.server.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  // A member's page carries a form, so its CSRF token (the session's) can be read from it.
  const desk = await fetch(`http://127.0.0.1:${port}/en/center/${slug}/members/${ids[0]!}`, {
    headers: { cookie: `pl_session=${session}` },
  });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await desk.text())?.[1] ?? '';
  const ready: Ready = {
    kind: 'ready',
    port,
    cookie: `pl_session=${session}`,
    csrf,
    token,
    slug,
    memberIds: Array.from({ length: 200 }, () => ids[random.int(0, ids.length - 1)]!),
    queries: Array.from({ length: 200 }, () => {
      const word = random.pick(firstWords);
      return word.slice(0, random.int(2, Math.min(5, word.length))).toLowerCase();
    }),
    database: app.database.description,
    seedMs,
    counts: { members, encounters, assessments },
  };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
  // Serve until the parent closes stdin.
  await new Promise<void>((resolve) => {
    createInterface({ input: process.stdin }).on('close', resolve);
  });
  await app.close();
  if (schema !== undefined) await dropSchema(argv[urlAt + 1]!, schema);
  temp.cleanup();
}

async function inSchema(url: string, schema: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`create schema ${schema}`);
  } finally {
    await client.end();
  }
  const separator = url.includes('?') ? '&' : '?';
  return `${url}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema ${schema} cascade`);
  } finally {
    await client.end();
  }
}

// --- the parent ---------------------------------------------------------------------------------

interface Stats {
  samples: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

function stats(times: number[]): Stats {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return {
    samples: sorted.length,
    p50Ms: round(at(0.5), 2),
    p95Ms: round(at(0.95), 2),
    p99Ms: round(at(0.99), 2),
    maxMs: round(sorted.at(-1)!, 2),
  };
}

async function measure(
  samples: number,
  request: (i: number) => Promise<Response>,
  expected: number,
): Promise<Stats> {
  for (let i = 0; i < Math.min(20, samples); i++) await (await request(i)).arrayBuffer();
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    const res = await request(i);
    await res.arrayBuffer();
    times.push(performance.now() - start);
    if (res.status !== expected)
      throw new Error(`unexpected status ${res.status} (wanted ${expected})`);
  }
  return stats(times);
}

async function parent(argv: readonly string[]): Promise<void> {
  const samples = intFlag(argv, 'samples', 300);
  const child = new ServerChild(
    spawn(process.execPath, ['--import', 'tsx', script, '--child-server', ...argv], {
      cwd: repoRoot,
      stdio: ['pipe', 'pipe', 'inherit'],
    }),
  );
  try {
    progress('seeding the center in the server child');
    const ready = await child.next<Ready>();
    const base = `http://127.0.0.1:${ready.port}`;
    const center = `${base}/en/center/${ready.slug}`;
    const api = `${base}/api/v1/centers/${ready.slug}`;
    const page = { cookie: ready.cookie };
    const bearer = { authorization: `Bearer ${ready.token}` };
    const member = (i: number) => ready.memberIds[i % ready.memberIds.length]!;
    const query = (i: number) => ready.queries[i % ready.queries.length]!;
    const today = new Date().toISOString().slice(0, 10);
    const yearAgo = new Date(Date.now() - 364 * DAY).toISOString().slice(0, 10);
    const cases: Record<string, Stats> = {};
    const run = async (
      name: string,
      n: number,
      request: (i: number) => Promise<Response>,
      status = 200,
    ) => {
      progress(`measuring ${name}`);
      cases[name] = await measure(n, request, status);
    };
    await run('healthz', samples, () => fetch(`${base}/healthz`));
    await run('desk-search', samples, (i) => fetch(`${center}?q=${query(i)}`, { headers: page }));
    await run('api-search', samples, (i) =>
      fetch(`${api}/members?q=${query(i)}`, { headers: bearer }),
    );
    await run(
      'check-in',
      samples,
      (i) =>
        fetch(`${center}/check-ins`, {
          method: 'POST',
          redirect: 'manual',
          headers: { ...page, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ _csrf: ready.csrf, memberId: member(i) }).toString(),
        }),
      303,
    );
    await run('member-page', samples, (i) =>
      fetch(`${center}/members/${member(i)}`, { headers: page }),
    );
    await run('api-timeline', samples, (i) =>
      fetch(`${api}/members/${member(i)}/timeline`, { headers: bearer }),
    );
    await run('year-report', Math.max(5, Math.round(samples / 30)), () =>
      fetch(`${api}/reports/summary?from=${yearAgo}&to=${today}`, { headers: bearer }),
    );
    const baseline = cases.healthz!.p50Ms;
    const verdicts = {
      search:
        Math.max(cases['desk-search']!.p95Ms, cases['api-search']!.p95Ms) <= targets.maxSearchP95Ms,
      timeline:
        Math.max(cases['member-page']!.p95Ms, cases['api-timeline']!.p95Ms) <=
        targets.maxTimelineP95Ms,
      yearReport: cases['year-report']!.p95Ms <= targets.maxYearReportMs,
    };
    console.log(
      JSON.stringify(
        {
          bench: 'center',
          machine: machineInfo(),
          database: ready.database,
          counts: ready.counts,
          seedMs: ready.seedMs,
          baseline: { case: 'healthz', p50Ms: baseline },
          cases: Object.fromEntries(
            Object.entries(cases).map(([name, s]) => [
              name,
              { ...s, p50OverBaseline: ratio(s.p50Ms, baseline) },
            ]),
          ),
          targets,
          verdicts,
          pass: Object.values(verdicts).every(Boolean),
        },
        null,
        2,
      ),
    );
  } finally {
    await child.stop();
  }
}

const argv = process.argv.slice(2);
if (argv.includes('--child-server')) await childServer(argv);
else await parent(argv);
