import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Copies a SQLite file's write-ahead log back into the database on a thread of its own.
 *
 * SQLite does it by default at the end of the commit that grows the log past 1,000 pages, in
 * the committing connection: after a large import's commit that is the whole import copied and
 * synced to disk again, hundreds of milliseconds during which a server's one thread answers
 * nothing. A server turns that off on its connection (`wal_autocheckpoint = 0`) and runs this
 * instead: a worker thread with its own connection to the file runs a PASSIVE checkpoint every
 * `intervalMs`, which never waits for, nor blocks, the server's readers and writers, and is
 * nearly free when there is nothing to copy.
 */
export class WalCheckpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;

  constructor(file: string, options: { intervalMs?: number; synchronous?: string } = {}) {
    const modulePath = createRequire(import.meta.url).resolve('better-sqlite3');
    // An inline CommonJS script: it runs the same from the TypeScript sources and from a build.
    this.worker = new Worker(workerSource, {
      eval: true,
      workerData: {
        file,
        modulePath,
        intervalMs: options.intervalMs ?? 1000,
        synchronous: (options.synchronous ?? 'full').toUpperCase(),
      },
    });
    this.worker.unref();
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    // A checkpoint that cannot run (a locked or removed file) is retried on the next tick; the
    // worker never fails the server, and the next connection to close checkpoints anyway.
    this.worker.on('error', () => undefined);
  }

  /** Checkpoints now: how many log frames there were, and how many are now in the database. */
  checkpointNow(): Promise<{ log: number; checkpointed: number }> {
    return new Promise((resolve, reject) => {
      const onMessage = (message: unknown) => {
        if (typeof message !== 'object' || message === null || !('log' in message)) return;
        this.worker.off('message', onMessage);
        this.worker.off('exit', onExit);
        resolve(message as { log: number; checkpointed: number });
      };
      const onExit = () => reject(new Error('the checkpoint thread has ended'));
      this.worker.on('message', onMessage);
      this.worker.once('exit', onExit);
      this.worker.postMessage('checkpoint');
    });
  }

  /** Checkpoints once more, closes the worker's connection and waits for the thread to end. */
  async close(): Promise<void> {
    // Referenced again while it ends: a server closing on SIGTERM has closed its sockets, and an
    // unreferenced thread alone would let Node exit before the close (and what follows it) ran.
    this.worker.ref();
    this.worker.postMessage('close');
    await this.exited;
  }
}

const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
const db = new Database(workerData.file);
db.pragma('synchronous = ' + workerData.synchronous);
const checkpoint = () => {
  try {
    return db.pragma('wal_checkpoint(PASSIVE)')[0];
  } catch {
    // Busy or gone: the next tick tries again.
    return { log: -1, checkpointed: -1 };
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message === 'checkpoint') {
    const { log, checkpointed } = checkpoint();
    parentPort.postMessage({ log, checkpointed });
    return;
  }
  if (message !== 'close') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;
