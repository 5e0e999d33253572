import { Kysely, PostgresDialect } from 'kysely';
import type { Pool, PoolClient } from 'pg';
import { openDatabase, poolSize, redactUrl, type DatabaseHandle } from './connect.js';
import type { Database } from './schema.js';

export interface ReplicaOptions {
  /** Told when the replica cannot be reached and a read goes to the primary instead. */
  onFallback?: (error: Error) => void;
  /** Told when the server closes an idle connection of either pool (a restart); they recover. */
  onIdleConnectionError?: (error: Error) => void;
}

/**
 * The database for reads that may lag a little (decision 0099): connections come from the
 * streaming replica at `readUrl`, and from the primary while the replica cannot be reached, so
 * a replica being rebuilt or restarted costs the primary some load, never a failed page.
 * Nothing written goes through it: the replica refuses writes (`read-only transaction`).
 */
export async function openReadReplica(
  readUrl: string,
  primaryUrl: string,
  options: ReplicaOptions = {},
): Promise<DatabaseHandle> {
  // Opening through openDatabase gives both pools the same type parsers and error listeners.
  const replica = await openDatabase(readUrl, idle(options));
  const primary = await openDatabase(primaryUrl, idle(options));
  const replicaPool = poolOf(replica);
  const primaryPool = poolOf(primary);
  const acquire = async (): Promise<PoolClient> => {
    try {
      return await replicaPool.connect();
    } catch (error) {
      options.onFallback?.(error as Error);
      return primaryPool.connect();
    }
  };
  const pool = {
    connect: async () => retryingOnLostConnection(await acquire(), acquire),
    // Each pool is ended by its own handle, below.
    end: () => Promise.resolve(),
  };
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    description: `replica ${redactUrl(readUrl)}`,
    close: async () => {
      await db.destroy();
      await replica.close();
      await primary.close();
    },
  };
}

/**
 * A pooled connection whose read is tried once more, on a fresh connection, when the server
 * went away under it: the replica stopping ends its idle connections, and the pool may hand one
 * out before it has heard. Only outside a transaction, where a read can be asked again alone.
 */
function retryingOnLostConnection(
  first: PoolClient,
  reconnect: () => Promise<PoolClient>,
): PoolClient {
  let current = first;
  let inTransaction = false;
  const query = async (text: unknown, values?: unknown) => {
    if (typeof text === 'string') {
      if (/^\s*(begin|start transaction)/i.test(text)) inTransaction = true;
      else if (/^\s*(commit|rollback)/i.test(text)) inTransaction = false;
    }
    // Every idle connection of the pool may have been ended at once: each is tried and dropped,
    // until a live one (or the primary) answers.
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await current.query(text as string, values as unknown[]);
      } catch (error) {
        if (inTransaction || attempt > poolSize || !isLostConnection(error)) throw error;
        current.release(error as Error);
        current = await reconnect();
      }
    }
  };
  return new Proxy(first, {
    get(_target, property) {
      if (property === 'query') return query;
      if (property === 'release') return (error?: Error | boolean) => current.release(error);
      const value: unknown = Reflect.get(current, property);
      return typeof value === 'function' ? (value as () => unknown).bind(current) : value;
    },
  });
}

/** The server ended or refused the connection (not a fault of the query itself). */
export function isLostConnection(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (/^57P0[123]$/.test(code) || code.startsWith('08'))) return true;
  if (typeof code === 'string' && ['ECONNRESET', 'ECONNREFUSED', 'EPIPE'].includes(code))
    return true;
  return typeof message === 'string' && /Connection terminated|not queryable/i.test(message);
}

function idle(options: ReplicaOptions) {
  return options.onIdleConnectionError !== undefined
    ? { onIdleConnectionError: options.onIdleConnectionError }
    : {};
}

/** The node-postgres pool under a handle openDatabase made for a `postgres://` URL. */
function poolOf(handle: DatabaseHandle): Pool {
  const pool = handle.pool;
  if (pool === undefined) throw new Error(`${handle.description} is not a PostgreSQL server`);
  return pool;
}
