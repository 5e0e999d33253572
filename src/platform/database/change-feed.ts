import type { DatabaseHandle } from './connect.js';
import { RevisionRepository } from './revision.js';

/** The meetings one committed write touched, as its writer knows them. */
export interface ChangedIds {
  /** Ids of meetings added or updated. */
  upserted: string[];
  /** Ids of meetings removed. */
  removed: string[];
}

/**
 * A committed write: the store revision it produced and what it touched. The one name for it
 * everywhere: imports, edits, merges and the change feed between processes.
 */
export interface CommittedChange extends ChangedIds {
  revision: number;
}

/**
 * What a process learns of a write another process committed: the revision, and the ids it
 * touched when the feed carries them (absent when it knows only that the store moved on).
 */
export interface ChangeNotice {
  revision: number;
  ids?: ChangedIds;
}

/**
 * How processes sharing one database hear of each other's writes, so their in-memory views
 * (the search index) follow. A process publishes what it committed; every other process's
 * listener is told. Notices may arrive late, out of revision order, twice or not at all (a
 * dropped connection): listeners compare revisions and fall back to reading the store.
 */
export interface ChangeFeed {
  /** Tells the other processes about a write this process committed. */
  publish(change: CommittedChange): Promise<void>;
  /** Starts delivering other processes' writes to `listener`. */
  start(listener: (notice: ChangeNotice) => void): Promise<void>;
  /** Stops listening and releases the feed's connection and timers. */
  close(): Promise<void>;
}

export interface ChangeFeedOptions {
  /** How often the revision counter is read (SQLite files; PostgreSQL's safety net). */
  pollMs?: number;
  /** Told of a failed poll or a lost connection (the feed retries on its own). */
  onError?: (error: unknown) => void;
}

/** For a database no other process can open (in memory): nothing to hear. */
export const quietChangeFeed: ChangeFeed = {
  publish: () => Promise.resolve(),
  start: () => Promise.resolve(),
  close: () => Promise.resolve(),
};

/**
 * Watches the store's revision counter: the cheap way for processes sharing a SQLite file,
 * which has no notifications. A notice carries no ids (the listener reads what it needs);
 * publishing is a no-op, since every process reads the counter itself.
 */
export class PollingChangeFeed implements ChangeFeed {
  private timer: NodeJS.Timeout | undefined;
  private last = -1;
  private polling = false;

  constructor(
    private readonly readRevision: () => Promise<number>,
    private readonly options: ChangeFeedOptions = {},
  ) {}

  publish(): Promise<void> {
    return Promise.resolve();
  }

  async start(listener: (notice: ChangeNotice) => void): Promise<void> {
    this.last = await this.readRevision();
    this.timer = setInterval(() => void this.poll(listener), this.options.pollMs ?? 1000);
    this.timer.unref();
  }

  private async poll(listener: (notice: ChangeNotice) => void): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const revision = await this.readRevision();
      if (revision !== this.last) {
        this.last = revision;
        listener({ revision });
      }
    } catch (error) {
      this.options.onError?.(error);
    } finally {
      this.polling = false;
    }
  }

  close(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    return Promise.resolve();
  }
}

/**
 * The feed that fits a database: none for one in memory, a poll of the revision counter for a
 * SQLite file, PostgreSQL LISTEN/NOTIFY (with a slow poll as a safety net) for a server.
 */
export async function openChangeFeed(
  url: string,
  database: DatabaseHandle,
  options: ChangeFeedOptions = {},
): Promise<ChangeFeed> {
  const revisions = new RevisionRepository(database.db);
  const readRevision = () => revisions.current();
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const { PostgresChangeFeed } = await import('./change-feed-postgres.js');
    return new PostgresChangeFeed(url, database.db, readRevision, options);
  }
  if (url.startsWith('sqlite:') && url !== 'sqlite::memory:') {
    return new PollingChangeFeed(readRevision, options);
  }
  return quietChangeFeed;
}
