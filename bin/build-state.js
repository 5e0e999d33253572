// Where the compiled server and CLI live (dist/server, written by `npm run build`) and whether
// they are current. Plain JavaScript, so bin/porchlight.js can decide before any compiler loads.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The compiled tree, relative to the project root. */
export const serverBuildDir = join('dist', 'server');

/** A file whose modification time is the moment the build read the sources. */
export const buildStamp = '.built';

/** The newest modification time in a file or tree, directories included (they change on add or delete). */
export function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(child) : statSync(child).mtimeMs);
  }
  return newest;
}

/** The compiled CLI entry when dist/server is at least as new as every file under src/. */
export function freshCompiledEntry(root) {
  const dir = join(root, serverBuildDir);
  const entry = join(dir, 'cli', 'main.js');
  const stamp = join(dir, buildStamp);
  if (!existsSync(stamp) || !existsSync(entry)) return undefined;
  // A copy shipped without its sources has nothing to be stale against.
  if (!existsSync(join(root, 'src'))) return entry;
  try {
    return newestMtime(join(root, 'src')) <= statSync(stamp).mtimeMs ? entry : undefined;
  } catch {
    return undefined;
  }
}
