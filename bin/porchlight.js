#!/usr/bin/env node
// Runs the compiled CLI (dist/server, from `npm run build`) when it is at least as new as the
// sources, so a command starts in a blink; otherwise the TypeScript sources through tsx, so a
// clone works without a build step and an edit is never hidden by an old build.
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freshCompiledEntry } from './build-state.js';

const compiled = freshCompiledEntry(dirname(dirname(fileURLToPath(import.meta.url))));
if (compiled !== undefined) {
  await import(pathToFileURL(compiled).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
