import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/**
 * How a dialect uses its PGlite: `schema` makes every connection it hands out work in that
 * schema (several databases in one PGlite, as tests on a real server get a schema each), and
 * `sharedInstance` leaves the PGlite open when the dialect's Kysely is destroyed.
 */
export interface PGliteDialectOptions {
  schema?: string;
  sharedInstance?: boolean;
}

/**
 * Kysely dialect for PGlite, the in-process PostgreSQL used by the fast test suite. PGlite has a
 * single connection, so connections are handed out one at a time behind a queue, one queue per
 * PGlite however many dialects use it: a transaction of one never sees another's statements.
 */
export class PGliteDialect implements Dialect {
  constructor(
    private readonly pglite: PGlite,
    private readonly options: PGliteDialectOptions = {},
  ) {}

  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pglite, this.options);
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

const queues = new WeakMap<PGlite, { tail: Promise<void> }>();

class PGliteDriver implements Driver {
  private readonly queue: { tail: Promise<void> };
  private readonly connection: PGliteConnection;

  constructor(
    private readonly pglite: PGlite,
    private readonly options: PGliteDialectOptions,
  ) {
    this.connection = new PGliteConnection(pglite);
    let queue = queues.get(pglite);
    if (queue === undefined) queues.set(pglite, (queue = { tail: Promise.resolve() }));
    this.queue = queue;
  }

  async init(): Promise<void> {
    await this.pglite.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    let release!: () => void;
    const previous = this.queue.tail;
    this.queue.tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    this.connection.release = release;
    if (this.options.schema !== undefined) {
      // The last holder may have worked in another schema of the same PGlite.
      try {
        await this.pglite.query(`set search_path to "${this.options.schema.replace(/"/g, '""')}"`);
      } catch (error) {
        release();
        throw error;
      }
    }
    return this.connection;
  }

  async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const level = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
    await conn.executeQuery(CompiledQuery.raw(`begin${level}`));
  }
  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('rollback'));
  }
  releaseConnection(conn: DatabaseConnection): Promise<void> {
    (conn as PGliteConnection).release();
    return Promise.resolve();
  }
  async destroy(): Promise<void> {
    if (this.options.sharedInstance !== true) await this.pglite.close();
  }
}

class PGliteConnection implements DatabaseConnection {
  release: () => void = () => undefined;

  constructor(private readonly pglite: PGlite) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.pglite.query<R>(compiled.sql, [...compiled.parameters]);
    const affected = result.affectedRows;
    return {
      rows: result.rows,
      ...(affected !== undefined ? { numAffectedRows: BigInt(affected) } : {}),
    };
  }

  streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite does not stream query results');
  }
}
