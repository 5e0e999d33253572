import type { Database as SqliteDatabase } from 'better-sqlite3';
import {
  CompiledQuery,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';

/**
 * SQLite for a file that two connections write (decision 0145: the server and a refresh on a
 * thread of its own). Kysely's own SQLite driver leaves lock waits to SQLite's busy handler,
 * which sleeps inside the statement: a server whose connection wanted the write lock while the
 * other held it (a lease's heartbeat during a refresh's transaction) stopped answering anything
 * for up to the whole busy timeout. Here:
 *
 * - the connection's own busy timeout is 0, and a statement refused with `SQLITE_BUSY` outside a
 *   transaction (a write on its own, or `BEGIN`) is tried again after a timer, so the event loop
 *   goes on meanwhile, until `lockWaitMs` has passed;
 * - transactions begin with `BEGIN IMMEDIATE`: they take the write lock when they begin, so no
 *   statement inside one waits for it (nor could be retried), and a transaction that read first
 *   never fails at its first write because the other connection committed in between.
 */
export class LockWaitingSqliteDialect implements Dialect {
  constructor(
    private readonly database: SqliteDatabase,
    private readonly lockWaitMs: number,
  ) {}

  createDriver(): Driver {
    return new LockWaitingDriver(this.database, this.lockWaitMs);
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

class LockWaitingDriver implements Driver {
  private readonly connection: LockWaitingConnection;
  /** One connection, one user at a time (as Kysely's driver): the others wait their turn. */
  private queue: Promise<void> = Promise.resolve();
  private release: (() => void) | undefined;

  constructor(
    private readonly database: SqliteDatabase,
    lockWaitMs: number,
  ) {
    database.pragma('busy_timeout = 0');
    this.connection = new LockWaitingConnection(database, lockWaitMs);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.queue;
    let release!: () => void;
    this.queue = new Promise((resolve) => (release = resolve));
    await previous;
    this.release = release;
    return this.connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  releaseConnection(): Promise<void> {
    const release = this.release;
    this.release = undefined;
    release?.();
    return Promise.resolve();
  }

  destroy(): Promise<void> {
    this.database.close();
    return Promise.resolve();
  }
}

/** First wait after a refusal; each next one doubles, up to {@link longestPauseMs}. */
const firstPauseMs = 2;
const longestPauseMs = 50;

class LockWaitingConnection implements DatabaseConnection {
  constructor(
    private readonly database: SqliteDatabase,
    private readonly lockWaitMs: number,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    let waited = 0;
    for (let pause = firstPauseMs; ; pause = Math.min(pause * 2, longestPauseMs)) {
      try {
        return this.run<R>(query);
      } catch (error) {
        // Inside a transaction a refusal is the transaction's to handle; outside, nothing was done.
        if (!isBusy(error) || this.database.inTransaction || waited >= this.lockWaitMs) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
      waited += pause;
    }
  }

  private run<R>({ sql, parameters }: CompiledQuery): QueryResult<R> {
    const statement = this.database.prepare(sql);
    if (statement.reader) return { rows: statement.all(parameters) as R[] };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  // An async generator with nothing to await: better-sqlite3 reads each row synchronously.
  // eslint-disable-next-line @typescript-eslint/require-await
  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(query.query))
      throw new Error('SQLite streams the rows of select queries only');
    for (const row of this.database.prepare(query.sql).iterate(query.parameters))
      yield { rows: [row as R] };
  }
}

function isBusy(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && 'code' in error && error.code === 'SQLITE_BUSY'
  );
}
