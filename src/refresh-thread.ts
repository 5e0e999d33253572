/**
 * The server's side of a refresh on a thread of its own (decision 0145). A source's refresh is
 * seconds of work (reading and parsing the feed, fingerprinting every meeting, comparing, writing,
 * a synchronous COMMIT, the duplicate search, and the garbage of all of it); done on the thread
 * that answers requests, even in short slices, it held requests up for hundreds of
 * milliseconds. Here a worker thread does all of it with its own connection, and the server
 * only learns what changed and brings its index up to it, in the steps decision 0093 set out.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Config } from './platform/config.js';
import type { CommittedChange } from './platform/database/change-feed.js';
import { PorchlightError, type ErrorCode } from './platform/errors.js';
import type { ImportReport, Source } from './sources/model.js';
import type { HoldPolicy, SourceRefresher } from './sources/refresh-source.js';

/** What the thread is told: plain data only (ports cannot cross; it builds its own). */
export interface RefreshTask {
  config: Config;
  source: Source;
  policy?: HoldPolicy;
}

/** What the thread answers: the report and the changes it committed, or why it failed. */
export type RefreshAnswer =
  | { ok: true; report: ImportReport; changes: CommittedChange[]; mergeErrors: string[] }
  | { ok: false; error: { code?: ErrorCode; message: string; stack?: string } };

export interface RefreshThreadOptions {
  config: Config;
  /** Told of every change the thread committed, together (the search index applies them as one run). */
  onChange?: (change: CommittedChange) => void | Promise<void>;
  /** Told when merging duplicates after the refresh failed (the refresh stays committed). */
  onMergeError: (error: unknown) => void;
}

/**
 * Whether a database can be opened a second time by a thread: a SQLite file or a PostgreSQL
 * server can; a database in memory (SQLite's or PGlite's) exists only on its connection.
 */
export function storeSharedByThreads(databaseUrl: string): boolean {
  if (databaseUrl.startsWith('postgres://') || databaseUrl.startsWith('postgresql://')) return true;
  return databaseUrl.startsWith('sqlite:') && databaseUrl !== 'sqlite::memory:';
}

/** Runs each refresh on a new worker thread, then hands what it changed to `onChange`. */
export function refreshOnThread(options: RefreshThreadOptions): SourceRefresher {
  return async (source, policy) => {
    const answer = await runThread({
      config: options.config,
      source,
      ...(policy !== undefined ? { policy } : {}),
    });
    if (!answer.ok) throw revive(answer.error);
    for (const message of answer.mergeErrors) options.onMergeError(new Error(message));
    const listener = options.onChange;
    // Announced together before either is awaited, as after an import on this thread.
    if (listener !== undefined)
      await Promise.all(answer.changes.map(async (change) => listener(change)));
    return answer.report;
  };
}

function revive(error: { code?: ErrorCode; message: string; stack?: string }): Error {
  const revived =
    error.code !== undefined
      ? new PorchlightError(error.code, error.message)
      : new Error(`refresh thread: ${error.message}`);
  if (error.stack !== undefined) revived.stack = error.stack;
  return revived;
}

/**
 * The thread's entry: the compiled module beside this one; or, when the server runs from its
 * TypeScript sources, the source itself, required through tsx's require hook registered inside
 * the thread (Node 20 does not run the main thread's module loader hooks in a worker).
 */
function entry(): { path: string; tsxRequireHook?: string } {
  const fromSources = import.meta.url.endsWith('.ts');
  const path = fileURLToPath(
    new URL(`./refresh-worker.${fromSources ? 'ts' : 'js'}`, import.meta.url),
  );
  if (!fromSources) return { path };
  return { path, tsxRequireHook: createRequire(import.meta.url).resolve('tsx/cjs/api') };
}

// An inline CommonJS starter: it runs the same from the sources and from a build.
const starter = `
const { workerData } = require('node:worker_threads');
if (workerData.tsxRequireHook === undefined) import(require('node:url').pathToFileURL(workerData.path).href);
else {
  require(workerData.tsxRequireHook).register();
  require(workerData.path);
}
`;

function runThread(task: RefreshTask): Promise<RefreshAnswer> {
  const { path, tsxRequireHook } = entry();
  return new Promise((resolve, reject) => {
    let answer: RefreshAnswer | undefined;
    const worker = new Worker(starter, {
      eval: true,
      workerData: { ...task, path, ...(tsxRequireHook !== undefined ? { tsxRequireHook } : {}) },
    });
    worker.on('message', (message: RefreshAnswer) => {
      answer = message;
      resolve(message);
    });
    worker.on('error', (error) => {
      if (answer === undefined) reject(error);
    });
    worker.on('exit', (code) => {
      if (answer === undefined)
        reject(new Error(`the refresh thread ended (code ${code}) without an answer`));
    });
  });
}
