/**
 * Drill: 1,000 concurrent connections for 60 s against the finder page and the search API, with
 * no errors. Starts `serve` on a fresh data directory with the demo data (a real process, on
 * loopback), then runs autocannon with half the connections on each; prints JSON with the
 * counts of answers by status, errors and timeouts, and the latency percentiles.
 *   npm run -s drill:connections [-- --connections 1000 --duration 60]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '1000' },
    duration: { type: 'string', default: '60' },
  },
});
const connections = Number(values.connections);
const duration = Number(values.duration);
const dir = mkdtempSync(join(tmpdir(), 'porchlight-connections-'));
const port = 18_300 + (process.pid % 300);
const base = `http://127.0.0.1:${port}`;

const server = spawn(process.execPath, ['bin/porchlight.js', 'serve', '--port', String(port)], {
  env: { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'error' },
  stdio: 'ignore',
});

async function ready(): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    const ok = await fetch(`${base}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the server did not become ready');
}

function load(path: string): Promise<autocannon.Result> {
  return autocannon({
    url: `${base}${path}`,
    connections: Math.ceil(connections / 2),
    duration,
    timeout: 10,
  });
}

try {
  await ready();
  const [finder, search] = await Promise.all([
    load('/?near=01301&radius=25'),
    load('/api/v1/search?near=01301&radius=25'),
  ]);
  const summary = (r: autocannon.Result) => ({
    requests: r.requests.total,
    perSecond: Math.round(r.requests.average),
    '2xx': r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    latencyMs: { p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max },
  });
  const result = {
    drill: 'connections',
    connections,
    durationSeconds: duration,
    finder: summary(finder),
    search: summary(search),
    serverAlive: server.exitCode === null,
  };
  console.log(JSON.stringify(result, null, 2));
  const clean = [finder, search].every((r) => r.errors === 0 && r.timeouts === 0 && r.non2xx === 0);
  if (!clean) process.exitCode = 1;
} finally {
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
