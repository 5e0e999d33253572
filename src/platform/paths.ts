/**
 * Where the project's own files are, whether this module runs from `src/` (through tsx) or from
 * the compiled copy in `dist/server/`: paths relative to a module's own location differ between
 * the two, the project root does not.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest directory above `start` holding a package.json. */
export function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}

/** The project's root directory (where package.json, dist/ and node_modules/ are). */
export const projectRoot = findProjectRoot(dirname(fileURLToPath(import.meta.url)));

/** The version in the project's package.json (what `--version` and the server report). */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}
