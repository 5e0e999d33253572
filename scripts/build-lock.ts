/**
 * A lock directory under dist/ for the builds: several test runs share a tree, and one builds
 * while the others wait for it and then reuse its output.
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Takes the lock `name` in `distDir`, waiting up to two minutes; returns the release. */
export function lockBuild(distDir: string, name: string): () => void {
  const lockDir = join(distDir, `.${name}.lock`);
  mkdirSync(distDir, { recursive: true });
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
