/**
 * `npm run -s bench:textline [-- --count N --duration S --connections N --replies N]`: the text
 * line with 250,000 meetings loaded. A server child (`--child-server`) builds the app on a
 * SQLite file in a fresh temporary directory, imports the synthetic meetings through the real
 * importer, then times replies built in process (`TextLine.answer`: reading the text, the
 * sender's keyed hash and opt-out, the searches, the dial-ins, fitting three segments) against
 * the same run's baseline, the bare search those replies start with (`search.parse` + `search`
 * for the ZIP code alone). It then listens, and the parent runs autocannon against `/healthz`
 * (the HTTP baseline) and against the webhooks, `POST /sms/webhook` (JSON) and
 * `POST /sms/twilio` (form-encoded, signed as Twilio signs), with a new sender on every request
 * so the rate limit never short-cuts a reply.
 *
 * Prints one JSON document on stdout; progress goes to stderr. Exit code 0 even when a target is
 * missed ("pass": false says so), 1 only when the server fails to start or dies.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { pino } from 'pino';
import { ServerChild } from './server-child.js';
import { createApp } from '../src/app.js';
import { generateSyntheticFeed } from '../src/demo/synthetic-feed.js';
import { twilioSignature } from '../src/messaging/sms/twilio-signature.js';
import { loadConfig } from '../src/platform/config.js';
import { createKeyring } from '../src/platform/crypto/keyring.js';
import { importFeed } from '../src/sources/import-feed.js';
import {
  intFlag,
  machineInfo,
  makeTempDir,
  progress,
  repoRoot,
  reportToParent,
  round,
  timed,
} from './measure.js';

const script = fileURLToPath(import.meta.url);
const publicUrl = 'https://line.example.org';
const authToken = 'bench-auth-token-0123456789abcdef';
const webhookSecret = 'bench-webhook-secret-0123456789';

const targets = { maxReplyP99Ms: 5, maxWebhookP99Ms: 25, maxErrors: 0, maxNon2xx: 0 };

/** ZIP codes across the country: dense cities, small towns, rural counties. */
const zips = [
  '01301',
  '10001',
  '60602',
  '74103',
  '92626',
  '80202',
  '59001',
  '05401',
  '97201',
  '33101',
  '87501',
  '04401',
];
const extras = [
  '',
  '',
  ' women',
  ' NA',
  ' tonight',
  ' phone',
  ' AA tomorrow',
  ' espanol',
  ' sat',
  ' young',
];

/** Messages people send: a ZIP code, often with a filter or two. */
function messages(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++)
    out.push(`${zips[i % zips.length]}${extras[(i * 7) % extras.length]}`);
  return out;
}

/** A number nobody has texted from yet in this run. */
let senderCounter = 0;
const nextSender = () =>
  `+1413${String(1_000_000 + (senderCounter++ % 8_999_999)).padStart(7, '0')}`;

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!, 3);
  return {
    n: sorted.length,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: round(sorted.at(-1)!, 3),
  };
}

// --- the server child --------------------------------------------------------------------------

async function serveChild(dbFile: string, count: number, replies: number): Promise<void> {
  const config = loadConfig(
    {},
    {
      databaseUrl: `sqlite:${dbFile}`,
      demo: false,
      logLevel: 'silent',
      host: '127.0.0.1',
      publicUrl,
      textline: {
        twilioAuthToken: authToken,
        webhookSecret,
        helpline: undefined,
        onCall: undefined,
        timeZone: 'America/New_York',
      },
    },
  );
  const app = await createApp(config, {
    logger: pino({ level: 'silent' }),
    keyring: createKeyring(Buffer.alloc(32, 3)),
  });
  app.geocoder.preload?.();
  const rows = generateSyntheticFeed(count, { seed: 1 });
  progress(`server: importing ${count} meetings`);
  const loaded = await timed(() =>
    importFeed(app.importDeps, { source: 'bench', location: 'synthetic:seed-1', rows }),
  );
  if (loaded.value.added !== count)
    throw new Error(`import added ${loaded.value.added} of ${count}`);

  const texts = messages(replies);
  // Warm-up: every message once, both ways.
  for (const text of texts.slice(0, 500)) {
    await app.textLine.answer({ from: nextSender(), text });
    app.search.search(app.search.parse({ near: text.slice(0, 5) }));
  }
  progress(`server: timing ${replies} replies and ${replies} baseline searches`);
  const baseline: number[] = [];
  const reply: number[] = [];
  let longest = 0;
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i]!;
    let start = performance.now();
    app.search.search(app.search.parse({ near: text.slice(0, 5) }));
    baseline.push(performance.now() - start);
    start = performance.now();
    const answer = await app.textLine.answer({ from: nextSender(), text });
    reply.push(performance.now() - start);
    longest = Math.max(longest, answer.messages[0]?.length ?? 0);
  }

  await app.server.listen({ port: 0, host: '127.0.0.1' });
  reportToParent({
    kind: 'ready',
    port: (app.server.server.address() as AddressInfo).port,
    meetings: app.search.size,
    loadMs: loaded.ms,
    inProcess: {
      baselineSearchMs: percentiles(baseline),
      replyMs: percentiles(reply),
      longestReplyChars: longest,
      example: (await app.textLine.answer({ text: '01301' })).messages[0],
    },
  });
  for await (const line of createInterface({ input: process.stdin }))
    reportToParent({ kind: 'error', message: `unknown command: ${line}` });
  await app.close();
  process.exit(0);
}

// --- the parent --------------------------------------------------------------------------------

interface Ready {
  port: number;
  meetings: number;
  loadMs: number;
  inProcess: { replyMs: { p99: number }; [k: string]: unknown };
}

type Body = {
  path: string;
  headers: Record<string, string>;
  body?: string;
  method: 'GET' | 'POST';
};

function jsonBodies(n: number): Body[] {
  return messages(n).map((text) => ({
    method: 'POST',
    path: '/sms/webhook',
    headers: { 'content-type': 'application/json', 'x-porchlight-secret': webhookSecret },
    body: JSON.stringify({ from: nextSender(), to: '+14135550100', text }),
  }));
}

function twilioBodies(n: number): Body[] {
  return messages(n).map((text) => {
    const params: [string, string][] = [
      ['AccountSid', `AC${'0'.repeat(32)}`],
      ['ApiVersion', '2010-04-01'],
      ['Body', text],
      ['From', nextSender()],
      ['MessageSid', `SM${'0'.repeat(32)}`],
      ['NumMedia', '0'],
      ['NumSegments', '1'],
      ['SmsStatus', 'received'],
      ['To', '+14135550100'],
    ];
    return {
      method: 'POST',
      path: '/sms/twilio',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilioSignature(authToken, `${publicUrl}/sms/twilio`, params),
      },
      body: new URLSearchParams(params).toString(),
    };
  });
}

function cannon(base: string, requests: Body[], connections: number, durationS: number) {
  let next = 0;
  return autocannon({
    url: base,
    connections,
    duration: durationS,
    requests: [{ setupRequest: (r) => ({ ...r, ...requests[next++ % requests.length]! }) }],
  });
}

function summary(result: autocannon.Result) {
  return {
    requestsPerSec: round(result.requests.mean, 0),
    totalRequests: result.requests.total,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const count = intFlag(argv, 'count', 250_000);
  const connections = intFlag(argv, 'connections', 50);
  const durationS = intFlag(argv, 'duration', 10);
  const replies = intFlag(argv, 'replies', 3000);
  const loadAtStart = round(loadavg()[0]!, 2);
  const { dir, cleanup } = makeTempDir('porchlight-bench-textline');
  const child = new ServerChild(
    spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        script,
        '--child-server',
        join(dir, 'bench.db'),
        String(count),
        String(replies),
      ],
      {
        cwd: repoRoot,
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    ),
  );
  try {
    const ready = await child.next<Ready>();
    const base = `http://127.0.0.1:${ready.port}`;
    progress(`server ready with ${ready.meetings} meetings; autocannon runs of ${durationS} s`);
    const health = summary(
      await cannon(
        base,
        [{ method: 'GET', path: '/healthz', headers: {} }],
        connections,
        durationS,
      ),
    );
    const json = summary(await cannon(base, jsonBodies(4000), connections, durationS));
    const twilio = summary(await cannon(base, twilioBodies(4000), connections, durationS));
    const worstWebhookP99 = Math.max(json.latencyMs.p99, twilio.latencyMs.p99);
    const failures = json.errors + twilio.errors;
    const non2xx = json.non2xx + twilio.non2xx;
    process.stdout.write(
      `${JSON.stringify(
        {
          benchmark: 'textline',
          machine: { ...machineInfo(), loadAtStart },
          meetings: ready.meetings,
          importMs: ready.loadMs,
          inProcess: ready.inProcess,
          http: {
            connections,
            durationS,
            healthzBaseline: health,
            smsWebhookJson: json,
            smsTwilio: twilio,
          },
          targets,
          pass:
            ready.inProcess.replyMs.p99 <= targets.maxReplyP99Ms &&
            worstWebhookP99 <= targets.maxWebhookP99Ms &&
            failures <= targets.maxErrors &&
            non2xx <= targets.maxNon2xx,
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    await child.stop();
    cleanup();
  }
}

if (process.argv[2] === '--child-server') {
  const [dbFile, count, replies] = process.argv.slice(3);
  serveChild(dbFile!, Number(count), Number(replies)).catch((error: unknown) => {
    reportToParent({ kind: 'error', message: String(error) });
    process.exit(1);
  });
} else {
  main().catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  });
}
