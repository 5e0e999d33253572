import { execFile, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

/** Test feeds are served on the loopback: allowed the way an operator allows a local mirror. */
const localFeeds = { FEED_ALLOW_PRIVATE: 'loopback' };

/** Runs `bin/porchlight.js` as a user would, quiet logs, with the given environment on top. */
export function runPorchlight(
  env: Record<string, string>,
  args: string[],
): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(root, 'bin', 'porchlight.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent', ...localFeeds, ...env },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * As {@link runPorchlight}, without blocking this process: a local server the test runs (a feed,
 * a geocoder) can answer the command meanwhile.
 */
export function runPorchlightAsync(
  env: Record<string, string>,
  args: string[],
  cwd = root,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(root, 'bin', 'porchlight.js'), ...args],
      {
        cwd,
        encoding: 'utf8',
        env: { ...process.env, LOG_LEVEL: 'silent', ...localFeeds, ...env },
        timeout: 60_000,
      },
      (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : Number(error.code ?? 1), stdout, stderr }),
    );
  });
}
