import type { Kysely, Selectable } from 'kysely';
import { newDataKey, open, seal } from '../platform/crypto/envelope.js';
import type { Keyring } from '../platform/crypto/keyring.js';
import type { Database, DeliveriesTable } from '../platform/database/schema.js';
import type { Channel, DeliveryState, DeliverySummary } from './model.js';

/** A delivery as stored, with its payload while it waits. */
export interface StoredDelivery extends DeliverySummary {
  idempotencyKey: string;
  /** JSON of the message; absent once it was sent or given up on. */
  payload?: string;
}

export interface NewDelivery {
  id: string;
  channel: Channel;
  idempotencyKey: string;
  recipientMask: string;
  payload: string;
  now: string;
}

/**
 * The only code that speaks SQL about deliveries. A pending payload is sealed at rest under a
 * random data key of its own (AES-256-GCM, bound to the delivery's id), and that key is stored
 * only wrapped by the master key, so a copy of the database holds no address, number or words.
 * Callers see the payload in the clear; sealing happens here alone.
 */
export class DeliveryRepository {
  constructor(
    private readonly db: Kysely<Database>,
    /** The master keyring, asked for only when a payload is written or read. */
    private readonly keyring: () => Keyring = noKeyring,
  ) {}

  /** Stores a new delivery; false (and nothing changed) when its idempotency key is taken. */
  async insert(d: NewDelivery): Promise<boolean> {
    const dataKey = newDataKey();
    const { wrapped, keyId } = this.keyring().wrapKey(dataKey, keyContext(d.id));
    const result = await this.db
      .insertInto('deliveries')
      .values({
        id: d.id,
        channel: d.channel,
        idempotency_key: d.idempotencyKey,
        recipient_mask: d.recipientMask,
        payload: seal(dataKey, d.payload, payloadContext(d.id)),
        payload_key: wrapped,
        payload_key_id: keyId,
        state: 'pending',
        attempts: 0,
        last_error_code: null,
        created_at: d.now,
        updated_at: d.now,
        next_attempt_at: d.now,
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async find(id: string): Promise<StoredDelivery | undefined> {
    const row = await this.db
      .selectFrom('deliveries')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : this.opened(row);
  }

  async findByKey(key: string): Promise<StoredDelivery | undefined> {
    const row = await this.db
      .selectFrom('deliveries')
      .selectAll()
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
    return row === undefined ? undefined : this.opened(row);
  }

  /** Sent: the payload (recipient and content) is erased. */
  async markSent(id: string, attempts: number, now: string): Promise<void> {
    await this.db
      .updateTable('deliveries')
      .set({
        state: 'sent',
        attempts,
        payload: null,
        payload_key: null,
        payload_key_id: null,
        last_error_code: null,
        updated_at: now,
        next_attempt_at: null,
      })
      .where('id', '=', id)
      .execute();
  }

  /** Failed for a passing reason: tried again at `nextAt`. */
  async markRetry(
    id: string,
    attempts: number,
    code: string,
    nextAt: string,
    now: string,
  ): Promise<void> {
    await this.db
      .updateTable('deliveries')
      .set({ attempts, last_error_code: code, updated_at: now, next_attempt_at: nextAt })
      .where('id', '=', id)
      .execute();
  }

  /** Given up on (dead letter): the payload is erased, the reason kept. */
  async markDead(id: string, attempts: number, code: string, now: string): Promise<void> {
    await this.db
      .updateTable('deliveries')
      .set({
        state: 'dead',
        attempts,
        payload: null,
        payload_key: null,
        payload_key_id: null,
        last_error_code: code,
        updated_at: now,
        next_attempt_at: null,
      })
      .where('id', '=', id)
      .execute();
  }

  /** Deletes sent deliveries last changed before `sentBefore`, dead ones before `deadBefore`. */
  async purge(sentBefore: string, deadBefore: string): Promise<string[]> {
    const rows = await this.db
      .deleteFrom('deliveries')
      .where((eb) =>
        eb.or([
          eb.and([eb('state', '=', 'sent'), eb('updated_at', '<', sentBefore)]),
          eb.and([eb('state', '=', 'dead'), eb('updated_at', '<', deadBefore)]),
        ]),
      )
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  }

  /** How many deliveries are in each state (for /metrics); states with none are 0. */
  async countByState(): Promise<Record<DeliveryState, number>> {
    const rows = await this.db
      .selectFrom('deliveries')
      .select((eb) => ['state', eb.fn.countAll<number>().as('n')])
      .groupBy('state')
      .execute();
    const counts: Record<DeliveryState, number> = { pending: 0, sent: 0, dead: 0 };
    for (const row of rows) counts[row.state as DeliveryState] = Number(row.n);
    return counts;
  }

  /** Newest first; only one state when asked. */
  async list(filter: { state?: DeliveryState; limit: number }): Promise<DeliverySummary[]> {
    let q = this.db
      .selectFrom('deliveries')
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(filter.limit);
    if (filter.state !== undefined) q = q.where('state', '=', filter.state);
    const rows = await q.execute();
    return rows.map((row) => summary(fromRow(row)));
  }

  /**
   * Rewraps every pending payload's data key from `current` to `next` (a master key rotation);
   * the sealed payloads do not change. Returns how many keys were rewrapped.
   */
  async rewrapKeys(current: Keyring, next: Keyring): Promise<number> {
    const rows = await this.db
      .selectFrom('deliveries')
      .select(['id', 'payload_key', 'payload_key_id'])
      .where('payload_key', 'is not', null)
      .execute();
    for (const row of rows) {
      const dataKey = current.unwrapKey(row.payload_key!, row.payload_key_id!, keyContext(row.id));
      const { wrapped, keyId } = next.wrapKey(dataKey, keyContext(row.id));
      await this.db
        .updateTable('deliveries')
        .set({ payload_key: wrapped, payload_key_id: keyId })
        .where('id', '=', row.id)
        .execute();
    }
    return rows.length;
  }

  /** A stored delivery with its payload opened (a row from before sealing reads as written). */
  private opened(row: Selectable<DeliveriesTable>): StoredDelivery {
    const d = fromRow(row);
    if (row.payload === null) return d;
    if (row.payload_key === null || row.payload_key_id === null) d.payload = row.payload;
    else {
      const dataKey = this.keyring().unwrapKey(
        row.payload_key,
        row.payload_key_id,
        keyContext(row.id),
      );
      d.payload = open(dataKey, row.payload, payloadContext(row.id)).toString('utf8');
    }
    return d;
  }
}

const keyContext = (id: string) => `delivery:${id}`;
const payloadContext = (id: string) => `delivery:${id}:payload`;

function noKeyring(): Keyring {
  throw new Error('sealing a delivery needs the master key, and none was given');
}

function fromRow(row: Selectable<DeliveriesTable>): StoredDelivery {
  const d: StoredDelivery = {
    id: row.id,
    channel: row.channel as Channel,
    idempotencyKey: row.idempotency_key,
    recipient: row.recipient_mask,
    state: row.state as DeliveryState,
    attempts: Number(row.attempts),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (row.last_error_code !== null) d.lastErrorCode = row.last_error_code;
  if (row.next_attempt_at !== null) d.nextAttemptAt = row.next_attempt_at;
  return d;
}

function summary(d: StoredDelivery): DeliverySummary {
  const { idempotencyKey: _key, payload: _payload, ...rest } = d;
  return rest;
}
