import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type {
  ChangeFeed,
  ChangeFeedOptions,
  ChangeNotice,
  CommittedChange,
} from './change-feed.js';
import type { Database } from './schema.js';

/** The channel of a database whose tables live in `public`; other schemas get their own. */
export const baseChannel = 'porchlight_changes';

/** PostgreSQL refuses payloads of 8000 bytes or more; stay well below with the JSON framing. */
const maxPayloadBytes = 7600;

/**
 * Beyond this many ids a change is announced by its revision alone: listeners rebuild from the
 * store anyway when a change is that large, and the notification queue stays small.
 */
const maxAnnouncedIds = 50_000;

/** A notification: one part of the ids of a change (all parts are sent in one transaction). */
interface Part {
  /** The publishing process. */
  o: string;
  r: number;
  /** Part number and count; absent with the ids when only the revision is announced. */
  p?: number;
  n?: number;
  u?: string[];
  d?: string[];
}

/**
 * LISTEN/NOTIFY between processes sharing one PostgreSQL database. After a write commits, its
 * process NOTIFYs the revision and the ids it touched (split into parts under the payload limit,
 * sent in one transaction so they arrive together); every process LISTENs on a dedicated
 * connection, reassembles the parts and ignores its own. When that connection drops, it
 * reconnects with backoff and announces the store's current revision, so a listener that
 * missed notifications reloads. A slow poll of the revision counter covers writers that do not
 * notify (a command-line import).
 */
export class PostgresChangeFeed implements ChangeFeed {
  /** This process, so it can skip its own notifications. */
  readonly origin = randomUUID();
  private channel: string | undefined;
  private client: pg.Client | undefined;
  private listener: ((notice: ChangeNotice) => void) | undefined;
  private readonly parts = new Map<string, { parts: Part[]; received: number }>();
  private reconnectTimer: NodeJS.Timeout | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private reconnectDelay = 0;
  private lastPolled = -1;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly db: Kysely<Database>,
    private readonly readRevision: () => Promise<number>,
    private readonly options: ChangeFeedOptions = {},
  ) {}

  async start(listener: (notice: ChangeNotice) => void): Promise<void> {
    this.listener = listener;
    this.channel ??= await channelFor(this.db);
    await this.connect();
    this.lastPolled = await this.readRevision();
    this.pollTimer = setInterval(() => void this.poll(), this.options.pollMs ?? 15_000);
    this.pollTimer.unref();
  }

  async publish(change: CommittedChange): Promise<void> {
    if (this.closed) return;
    const payloads = encodeChange(this.origin, change);
    const channel = (this.channel ??= await channelFor(this.db));
    // One transaction: the parts are delivered together, in order, when it commits.
    await this.db.transaction().execute(async (trx) => {
      for (const payload of payloads) {
        await sql`select pg_notify(${channel}, ${payload})`.execute(trx);
      }
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.pollTimer);
    const client = this.client;
    this.client = undefined;
    if (client !== undefined) {
      client.removeAllListeners();
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
    }
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('the LISTEN connection ended')));
    client.on('notification', (message) => {
      if (message.channel === this.channel && message.payload !== undefined) {
        this.receive(message.payload);
      }
    });
    try {
      await client.connect();
      await client.query(`listen "${this.channel ?? baseChannel}"`);
    } catch (error) {
      client.removeAllListeners();
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.reconnectDelay = 0;
  }

  private lost(client: pg.Client, error: unknown): void {
    if (this.client !== client || this.closed) return;
    this.client = undefined;
    client.removeAllListeners();
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    this.options.onError?.(error);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer !== undefined) return;
    this.reconnectDelay = Math.min(30_000, Math.max(250, this.reconnectDelay * 2));
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.connect().then(
        // Notifications sent while we were away are lost: announce where the store is now.
        () => this.poll(true),
        (error: unknown) => {
          this.options.onError?.(error);
          this.scheduleReconnect();
        },
      );
    }, this.reconnectDelay);
    this.reconnectTimer.unref();
  }

  private async poll(always = false): Promise<void> {
    if (this.closed) return;
    try {
      const revision = await this.readRevision();
      if (always || revision !== this.lastPolled) {
        this.lastPolled = revision;
        this.listener?.({ revision });
      }
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  private receive(payload: string): void {
    const part = decodePart(payload);
    if (part === undefined || part.o === this.origin) return;
    if (part.n === undefined || part.p === undefined) {
      this.listener?.({ revision: part.r });
      return;
    }
    const key = `${part.o}:${part.r}`;
    let pending = this.parts.get(key);
    if (pending === undefined) {
      // Parts of one change arrive together; a few half-received ones (a dropped connection)
      // are all that can linger, and those are dropped before they pile up.
      if (this.parts.size >= 64) this.parts.clear();
      pending = { parts: new Array<Part>(part.n), received: 0 };
      this.parts.set(key, pending);
    }
    if (pending.parts[part.p] === undefined) pending.received++;
    pending.parts[part.p] = part;
    if (pending.received < part.n) return;
    this.parts.delete(key);
    const upserted: string[] = [];
    const removed: string[] = [];
    for (const p of pending.parts) {
      upserted.push(...(p.u ?? []));
      removed.push(...(p.d ?? []));
    }
    this.listener?.({ revision: part.r, ids: { upserted, removed } });
  }
}

/** The channel for the schema the connection's tables are in. */
async function channelFor(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema ?? 'public';
  if (schema === 'public') return baseChannel;
  return `${baseChannel}_${schema.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`.slice(0, 63);
}

/** The NOTIFY payloads of a change: its ids split into parts under the size limit. */
export function encodeChange(origin: string, change: CommittedChange): string[] {
  const total = change.upserted.length + change.removed.length;
  if (total > maxAnnouncedIds) return [JSON.stringify({ o: origin, r: change.revision })];
  const parts: { u: string[]; d: string[] }[] = [];
  let current = { u: [] as string[], d: [] as string[] };
  // The framing: origin, revision, part numbers and the two keys, generously counted.
  const frame = 80 + origin.length;
  let size = frame;
  const add = (id: string, into: 'u' | 'd'): void => {
    // As written in the JSON: quoted, escaped, and a comma.
    const bytes = Buffer.byteLength(JSON.stringify(id)) + 1;
    if (size + bytes > maxPayloadBytes && current.u.length + current.d.length > 0) {
      parts.push(current);
      current = { u: [], d: [] };
      size = frame;
    }
    current[into].push(id);
    size += bytes;
  };
  for (const id of change.upserted) add(id, 'u');
  for (const id of change.removed) add(id, 'd');
  parts.push(current);
  return parts.map((p, i) =>
    JSON.stringify({ o: origin, r: change.revision, p: i, n: parts.length, u: p.u, d: p.d }),
  );
}

/** A payload read back, or undefined when it is not one of ours. */
export function decodePart(payload: string): Part | undefined {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const part = value as Record<string, unknown>;
  if (typeof part.o !== 'string' || !Number.isSafeInteger(part.r)) return undefined;
  const strings = (v: unknown) => Array.isArray(v) && v.every((s) => typeof s === 'string');
  if (part.n === undefined) return { o: part.o, r: part.r as number };
  if (
    !Number.isSafeInteger(part.n) ||
    !Number.isSafeInteger(part.p) ||
    (part.p as number) < 0 ||
    (part.p as number) >= (part.n as number) ||
    (part.n as number) > 100_000 ||
    !strings(part.u) ||
    !strings(part.d)
  ) {
    return undefined;
  }
  return part as unknown as Part;
}
