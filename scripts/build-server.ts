/**
 * Compiles the server and the CLI (src/, tests left out) to JavaScript in dist/server with
 * esbuild, file by file in the same layout, and copies the files they read next to themselves
 * (style sheets, plain scripts). bin/porchlight.js runs this copy while it is at least as new as
 * every source. esbuild comes with tsx (see docs/decisions/0061-compiled-cli-and-server.md).
 */
import {
  copyFileSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync, transformSync } from 'esbuild';
import { buildStamp, freshCompiledEntry, serverBuildDir } from '../bin/build-state.js';
import { lockBuild } from './build-lock.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const sourceDir = join(repo, 'src');
const outputDir = join(repo, serverBuildDir);

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path) : [path];
  });
}

const isTest = (path: string) => /\.test\.tsx?$/.test(path);
const isCode = (path: string) => /\.tsx?$/.test(path) && !path.endsWith('.d.ts');

/** Compiles src/ into dist/server unless that copy is current; returns whether it built. */
export function ensureServerBuild(options: { force?: boolean } = {}): {
  built: boolean;
  ms: number;
} {
  const start = Date.now();
  const fresh = () => !options.force && freshCompiledEntry(repo) !== undefined;
  if (fresh()) return { built: false, ms: Date.now() - start };
  const unlock = lockBuild(join(repo, 'dist'), 'server-build');
  try {
    if (fresh()) return { built: false, ms: Date.now() - start };
    build();
  } finally {
    unlock();
  }
  return { built: true, ms: Date.now() - start };
}

function build(): void {
  // Sources changed from here on make the build stale: the stamp carries this moment.
  const readAt = new Date();
  const staging = `${outputDir}.${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  // The client islands are Vite's (dist/client); the server never imports them.
  const files = listFiles(sourceDir).filter(
    (path) => !isTest(path) && !relative(sourceDir, path).startsWith(join('web', 'client') + sep),
  );
  buildSync({
    entryPoints: files.filter(isCode),
    outdir: staging,
    outbase: sourceDir,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    tsconfig: join(repo, 'tsconfig.json'),
    logLevel: 'warning',
  });
  for (const path of files.filter((f) => !isCode(f) && !f.endsWith('.d.ts'))) {
    const target = join(staging, relative(sourceDir, path));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(path, target);
  }
  // The inlined style sheet is minified once here, not at every start (src/web/site-css.ts).
  const css = readFileSync(join(sourceDir, 'web', 'site.css'), 'utf8');
  writeFileSync(
    join(staging, 'web', 'site.min.css'),
    transformSync(css, { loader: 'css', minify: true }).code.trim(),
  );
  const stamp = join(staging, buildStamp);
  writeFileSync(stamp, `${readAt.toISOString()}\n`);
  utimesSync(stamp, readAt, readAt);
  // Readers see the old tree or the new one; in between, bin/ falls back to the sources.
  rmSync(outputDir, { recursive: true, force: true });
  renameSync(staging, outputDir);
}
