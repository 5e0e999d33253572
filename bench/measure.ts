/**
 * Shared helpers for the benchmarks in bench/: timing, peak-RSS sampling, child processes that
 * measure one step alone, targets and verdicts, and the machine description every report carries.
 *
 * Benchmarks print one JSON document on stdout and their progress on stderr, so
 * `npm run bench:x > result.json` gives a clean file.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const mb = 1024 * 1024;

/** Rounds to `digits` decimals, so reports stay readable without hiding the scale. */
export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Bytes as mebibytes, one decimal. */
export function toMb(bytes: number): number {
  return round(bytes / mb, 1);
}

/** The median of a non-empty list (the mean of the middle two for an even length). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const upper = sorted[mid] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : round(((sorted[mid - 1] ?? upper) + upper) / 2, 1);
}

/** Runs `work` once and returns its result with the wall time in milliseconds. */
export async function timed<T>(work: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: round(performance.now() - start, 1), value };
}

export interface RssPeak {
  /** Highest `process.memoryUsage.rss()` seen by the timer. */
  sampledPeakMb: number;
  /** How many samples the timer took; few samples mean the measured code rarely yielded. */
  samples: number;
  /** `process.resourceUsage().maxRSS`: the kernel's high-water mark for the whole process. */
  maxRssMb: number;
  /** The larger of the two, which verdicts use. */
  peakRssMb: number;
}

/**
 * Samples the resident set size on a timer, and on `stop()` also reads the kernel's
 * high-water mark. A timer on the main thread only fires when the event loop turns, and
 * synchronous stretches (JSON.parse, better-sqlite3 calls) do not yield, so the sampled peak is a
 * lower bound; `maxRSS` never misses a peak but covers the process's whole life, which is why
 * a measured step should run in a child process of its own (see `runChild`).
 */
export class RssSampler {
  private peak = 0;
  private samples = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 5) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  private sample(): void {
    const rss = process.memoryUsage.rss();
    if (rss > this.peak) this.peak = rss;
    this.samples++;
  }

  /** Stops sampling and returns the peaks seen. */
  stop(): RssPeak {
    clearInterval(this.timer);
    this.sample();
    const maxRssBytes = process.resourceUsage().maxRSS * 1024;
    return {
      sampledPeakMb: toMb(this.peak),
      samples: this.samples,
      maxRssMb: toMb(maxRssBytes),
      peakRssMb: toMb(Math.max(this.peak, maxRssBytes)),
    };
  }
}

/** Current resident set size in MB (to show what the process held before a step). */
export function rssMb(): number {
  return toMb(process.memoryUsage.rss());
}

/** What a reader needs to judge the figures: cores, CPU, memory, Node version. */
export function machineInfo(): {
  cpus: number;
  cpuModel: string;
  totalMemoryMb: number;
  node: string;
  platform: string;
  arch: string;
} {
  const list = cpus();
  return {
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    totalMemoryMb: Math.round(totalmem() / mb),
    node: process.version,
    platform: process.platform,
    arch: process.arch,
  };
}

export interface Target {
  /** Largest acceptable wall time. */
  maxMs?: number;
  /** Largest acceptable peak resident set size. */
  maxPeakRssMb?: number;
}

/** True when every bound the target sets is met. */
export function meets(target: Target, measured: { ms: number; peakRssMb?: number }): boolean {
  if (target.maxMs !== undefined && measured.ms > target.maxMs) return false;
  if (
    target.maxPeakRssMb !== undefined &&
    (measured.peakRssMb === undefined || measured.peakRssMb > target.maxPeakRssMb)
  ) {
    return false;
  }
  return true;
}

/** `a / b` rounded to two decimals, or null when the baseline is zero. */
export function ratio(a: number, b: number): number | null {
  return b > 0 ? round(a / b, 2) : null;
}

/** Writes a progress line on stderr, keeping stdout for the JSON report. */
export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** A fresh temporary directory and a function that removes it with everything inside. */
export function makeTempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The value of `--name N` (a positive integer) in argv, or `fallback`. */
export function intFlag(argv: readonly string[], name: string, fallback: number): number {
  const at = argv.indexOf(`--${name}`);
  if (at === -1) return fallback;
  const raw = argv[at + 1];
  const n = Number(raw);
  if (raw === undefined || !Number.isInteger(n) || n <= 0) {
    process.stderr.write(`--${name} must be a positive whole number (got ${raw ?? 'nothing'})\n`);
    process.exit(2);
  }
  return n;
}

/** The repository root (bench/..), the working directory children run in. */
export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * Runs `node --import tsx <script> ...args` and returns the last JSON line it printed on stdout.
 * A step measured in its own process owns its RSS high-water mark, untouched by what the parent
 * allocated before it (generating a feed, say). The child's stderr passes through as progress.
 * `BENCH_NODE_FLAGS` adds Node flags to every child, e.g. `--cpu-prof --cpu-prof-dir=prof`.
 */
export function runChild<T>(script: string, args: readonly string[]): Promise<T> {
  const extra = (process.env.BENCH_NODE_FLAGS ?? '').split(/\s+/).filter((f) => f !== '');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...extra, '--import', 'tsx', script, ...args], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0) {
        reject(new Error(`${script} ${args.join(' ')} exited with ${code}: ${last}`));
        return;
      }
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(
          new Error(`${script} ${args.join(' ')} printed no JSON line: ${last.slice(0, 200)}`),
        );
      }
    });
  });
}

/** Prints one JSON line on stdout for the parent of a child step. */
export function reportToParent(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}
