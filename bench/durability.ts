/**
 * `npm run -s bench:durability [-- --commits 300 --rounds 4]`: what `synchronous=FULL` (decision
 * 0049, the default) costs per commit, with `synchronous=NORMAL` as the same run's baseline.
 *
 * Each commit is the shape of a person's write: one problem report stored through the product's
 * own path (`openDatabase`, Kysely, the repository), one statement, one transaction, into a
 * SQLite file in WAL mode in a fresh temporary directory on the machine's disk. Background
 * checkpoints are off, as for a command (a server checkpoints on a thread of its own). The two
 * settings alternate, round by round and in swapped order, so a noisy neighbour weighs on both.
 *
 * Per setting: wall time per commit (p50, p95, mean), CPU time per commit (user + system of this
 * process: a sync is mostly waiting, not computing), and for FULL the difference from NORMAL.
 * Prints one JSON document on stdout; progress on stderr.
 */
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { SqliteSynchronous } from '../src/platform/config.js';
import { openDatabase } from '../src/platform/database/connect.js';
import { migrateToLatest } from '../src/platform/database/migrate.js';
import { createRepositories } from '../src/repositories.js';
import { importFeed } from '../src/sources/import-feed.js';
import { systemClock } from '../src/platform/clock.js';
import { mgRow } from '../test/factories/meeting-guide.js';
import { intFlag, machineInfo, makeTempDir, progress, round } from './measure.js';

const argv = process.argv.slice(2);
const commits = intFlag(argv, 'commits', 300);
const rounds = intFlag(argv, 'rounds', 4);
const modes: SqliteSynchronous[] = ['normal', 'full'];

interface Sample {
  wallMs: number[];
  cpuMs: number;
}

/** `commits` single-row commits into a fresh file under one setting. */
async function measure(dir: string, mode: SqliteSynchronous, n: number): Promise<Sample> {
  const database = await openDatabase(`sqlite:${join(dir, `${mode}-${n}.db`)}`, {
    synchronous: mode,
  });
  try {
    await migrateToLatest(database.db as never);
    const repos = createRepositories(database.db);
    await importFeed(
      { repos, clock: systemClock, limits: { maxBytes: 1_000_000, timeoutMs: 10_000 } },
      { source: 'durability', location: 'rows', rows: [mgRow()] },
    );
    const meeting = (await repos.meetings.all())[0]!;
    const wallMs: number[] = [];
    const cpu = process.cpuUsage();
    for (let i = 0; i < commits; i++) {
      const start = performance.now();
      await repos.problemReports.insert({
        id: randomUUID(),
        meetingId: meeting.id,
        kind: 'other',
        message: `report ${i}`,
        createdAt: new Date().toISOString(),
      });
      wallMs.push(performance.now() - start);
    }
    const used = process.cpuUsage(cpu);
    return { wallMs, cpuMs: (used.user + used.system) / 1000 };
  } finally {
    await database.close();
  }
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

function summary(samples: Sample[]) {
  const all = samples.flatMap((s) => s.wallMs).sort((a, b) => a - b);
  const cpuMs = samples.reduce((sum, s) => sum + s.cpuMs, 0);
  return {
    commits: all.length,
    wallMsPerCommit: {
      p50: round(percentile(all, 0.5), 3),
      p95: round(percentile(all, 0.95), 3),
      mean: round(all.reduce((a, b) => a + b, 0) / all.length, 3),
    },
    cpuMsPerCommit: round(cpuMs / all.length, 3),
  };
}

const { dir, cleanup } = makeTempDir('porchlight-durability-');
const loadStart = loadavg();
try {
  const samples: Record<SqliteSynchronous, Sample[]> = { normal: [], full: [], extra: [] };
  for (let r = 0; r < rounds; r++) {
    for (const mode of r % 2 === 0 ? modes : [...modes].reverse()) {
      progress(`round ${r + 1}/${rounds}: ${commits} commits with synchronous=${mode}`);
      samples[mode].push(await measure(dir, mode, r));
    }
  }
  const normal = summary(samples.normal);
  const full = summary(samples.full);
  console.log(
    JSON.stringify(
      {
        bench: 'durability',
        database: 'sqlite file (WAL) in a fresh temporary directory, background checkpoints off',
        commit: 'one problem report through the repository (one statement, one transaction)',
        commitsPerRound: commits,
        rounds,
        normal,
        full,
        fullCostPerCommit: {
          wallMsP50: round(full.wallMsPerCommit.p50 - normal.wallMsPerCommit.p50, 3),
          wallMsMean: round(full.wallMsPerCommit.mean - normal.wallMsPerCommit.mean, 3),
          cpuMs: round(full.cpuMsPerCommit - normal.cpuMsPerCommit, 3),
          p50Ratio: round(full.wallMsPerCommit.p50 / normal.wallMsPerCommit.p50, 1),
        },
        loadAverage: {
          start: loadStart.map((l) => round(l, 2)),
          end: loadavg().map((l) => round(l, 2)),
        },
        machine: machineInfo(),
      },
      null,
      2,
    ),
  );
} finally {
  cleanup();
}
