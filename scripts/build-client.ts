/**
 * Builds the client (`vite build`) when its output is missing or older than its sources, so
 * `npm start` and the browser tests always serve the islands of the code in the tree, and cost
 * a directory scan when nothing changed. `tsx scripts/build-client.ts [--force]`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const outputStamp = join(repo, 'dist', 'client', '.vite', 'manifest.json');
const inputs = [join(repo, 'src', 'web', 'client'), join(repo, 'vite.config.ts')];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** Whether dist/client holds a build at least as new as every client source. */
export function clientBuildIsFresh(): boolean {
  if (!existsSync(outputStamp) || !existsSync(join(repo, 'dist', 'client', 'sw.js'))) return false;
  const built = statSync(outputStamp).mtimeMs;
  return inputs.every((input) => !existsSync(input) || newestMtime(input) <= built);
}

/** Runs `vite build` unless the build is fresh; throws when the build fails. */
export function ensureClientBuild(options: { force?: boolean; quiet?: boolean } = {}): {
  built: boolean;
  ms: number;
} {
  const start = Date.now();
  if (!options.force && clientBuildIsFresh()) return { built: false, ms: Date.now() - start };
  // Several test runs share the tree: one builds, the others wait for it and reuse its output.
  const unlock = lock();
  try {
    if (!options.force && clientBuildIsFresh()) return { built: false, ms: Date.now() - start };
    build(options.quiet === true);
  } finally {
    unlock();
  }
  return { built: true, ms: Date.now() - start };
}

const lockDir = join(repo, 'dist', '.client-build.lock');

function lock(): () => void {
  mkdirSync(join(repo, 'dist'), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lockDir);
      return () => rmSync(lockDir, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock older than any build is left over from a killed run.
      if (Date.now() - statSync(lockDir).mtimeMs > 120_000 || Date.now() > deadline)
        rmSync(lockDir, { recursive: true, force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
}

function build(quiet: boolean): void {
  const vite = join(repo, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!existsSync(vite))
    throw new Error(
      'vite is not installed (a production install?): pages are served without script',
    );
  const result = spawnSync(process.execPath, [vite, 'build'], {
    cwd: repo,
    stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    const output = quiet ? `\n${result.stdout}${result.stderr}` : '';
    throw new Error(`the client build failed (vite build exited ${result.status})${output}`);
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const force = process.argv.includes('--force');
  try {
    const { built, ms } = ensureClientBuild({ force });
    console.error(built ? `client built in ${ms} ms` : 'client build is up to date');
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    // `npm run build` fails; before `npm start` the server still runs, without islands.
    if (force) process.exit(1);
    console.error('starting without the client build: pages work, without their islands');
  }
}
