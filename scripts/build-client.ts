/**
 * Builds the client (`vite build`) when its output is missing or older than its sources, so
 * `npm start` and the browser tests always serve the islands of the code in the tree, and cost
 * a directory scan when nothing changed. Run by scripts/build.ts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newestMtime } from '../bin/build-state.js';
import { lockBuild } from './build-lock.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const outputStamp = join(repo, 'dist', 'client', '.vite', 'manifest.json');
const inputs = [join(repo, 'src', 'web', 'client'), join(repo, 'vite.config.ts')];

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
  const unlock = lockBuild(join(repo, 'dist'), 'client-build');
  try {
    if (!options.force && clientBuildIsFresh()) return { built: false, ms: Date.now() - start };
    build(options.quiet === true);
  } finally {
    unlock();
  }
  return { built: true, ms: Date.now() - start };
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
