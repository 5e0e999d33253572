/**
 * The refresh thread's side (decision 0145): one source refreshed on a thread of its own, with
 * its own connection to the store, so that reading, decoding, parsing, comparing, writing,
 * committing and merging duplicates, and the garbage all of that leaves, never hold up the
 * thread that answers requests. It is told plain data (the configuration, the source, the hold
 * policy) and builds its own ports from the configuration, as a command does; it answers with
 * the report and the changes it committed, and ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from './open-store.js';
import { createOfflineGeocoder } from './places/gazetteer.js';
import { systemClock } from './platform/clock.js';
import type { CommittedChange } from './platform/database/change-feed.js';
import { isPorchlightError } from './platform/errors.js';
import { noYield } from './platform/loop-yield.js';
import type { RefreshAnswer, RefreshTask } from './refresh-thread.js';
import { refreshSource } from './sources/refresh-source.js';

/** Refreshes the source and tells the server, before the connection closes (it need not wait). */
async function refreshOnThisThread(task: RefreshTask, tell: (answer: RefreshAnswer) => void) {
  const changes: CommittedChange[] = [];
  const mergeErrors: string[] = [];
  const store = await openStore(task.config, {
    clock: systemClock,
    geocoder: createOfflineGeocoder(),
    // Nothing else runs on this thread; a yield that never waits still has duplicates merged
    // from meetings read outside the transaction, which then only checks and writes.
    yieldToLoop: noYield,
    onChange: (change) => {
      changes.push(change);
    },
    onMergeError: (error) => {
      mergeErrors.push(error instanceof Error ? error.message : String(error));
    },
  });
  try {
    const report = await refreshSource(store.importDeps, task.source, task.policy);
    tell({ ok: true, report, changes, mergeErrors });
  } finally {
    await store.database.close();
  }
}

function failure(error: unknown): RefreshAnswer {
  return {
    ok: false,
    error: {
      ...(isPorchlightError(error) ? { code: error.code } : {}),
      message: error instanceof Error ? error.message : String(error),
      ...(error instanceof Error && error.stack !== undefined ? { stack: error.stack } : {}),
    },
  };
}

// No top-level await: run from the sources, this module is required (see refresh-thread.ts).
const port = parentPort;
if (port !== null) {
  let told = false;
  const tell = (answer: RefreshAnswer) => {
    told = true;
    port.postMessage(answer);
  };
  void refreshOnThisThread(workerData as RefreshTask, tell).catch((error: unknown) => {
    // A failure to close after the answer went out changes nothing the server needs to know.
    if (!told) tell(failure(error));
  });
}
