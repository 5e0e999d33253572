/**
 * The only code that speaks SQL about supporters. A supporter's contact and page secret are
 * sealed here, under a data key of the row's own wrapped by the master key, and opened only
 * when a message is sent; callers see them in the clear. Deleting a row deletes its key.
 */
import type { Kysely, Selectable } from 'kysely';
import { hashToken } from '../accounts/tokens.js';
import { newDataKey, openJson, sealJson } from '../platform/crypto/envelope.js';
import type { Keyring } from '../platform/crypto/keyring.js';
import type { Database } from '../platform/database/schema.js';
import { isLocale } from '../web/i18n/locales.js';
import type {
  StoredSupporter,
  SupporterChannel,
  SupporterSecrets,
  SupporterState,
} from './supporter-model.js';
import { withSpaceTables, type SpaceDatabase, type SpaceSupportersTable } from './tables.js';

/** The row of a new invitation. */
export interface NewSupporter {
  id: string;
  tokenHash: string;
  inviteHash: string;
  inviteExpiresAt: string;
  at: string;
}

/** What an answer to an invitation changes. */
export interface SupporterAnswer {
  state: SupporterState;
  channel: SupporterChannel;
  locale: string;
  secrets: SupporterSecrets;
  /** SHA-256 of the page secret in `secrets`; its page opens once the supporter is active. */
  manageHash: string;
  /** The code sent to prove the contact (confirming), or none (active at once). */
  codeHash?: string;
  /** Codes sent so far for this invitation, this one included. */
  codesSent: number;
  at: string;
}

export class SupporterRepository {
  private readonly db: Kysely<SpaceDatabase>;

  constructor(
    db: Kysely<Database>,
    /** The master keyring, asked for only when a contact is sealed or opened. */
    private readonly keyring: () => Keyring = noKeyring,
  ) {
    this.db = withSpaceTables(db);
  }

  async insert(s: NewSupporter): Promise<void> {
    await this.db
      .insertInto('space_supporters')
      .values({
        id: s.id,
        token_hash: s.tokenHash,
        invite_hash: s.inviteHash,
        state: 'invited',
        invite_expires_at: s.inviteExpiresAt,
        created_at: s.at,
        updated_at: s.at,
      })
      .execute();
  }

  async byId(id: string): Promise<StoredSupporter | undefined> {
    return this.one('id', id);
  }

  async byInvite(inviteHash: string): Promise<StoredSupporter | undefined> {
    return this.one('invite_hash', inviteHash);
  }

  async byManage(manageHash: string): Promise<StoredSupporter | undefined> {
    return this.one('manage_hash', manageHash);
  }

  /** Records a supporter's answer: their contact sealed under a fresh data key. */
  async answer(id: string, a: SupporterAnswer): Promise<void> {
    const dataKey = newDataKey();
    const { wrapped, keyId } = this.keyring().wrapKey(dataKey, keyContext(id));
    await this.db
      .updateTable('space_supporters')
      .set({
        state: a.state,
        channel: a.channel,
        locale: a.locale,
        contact: sealJson(dataKey, a.secrets, contactContext(id)),
        push_hash:
          a.secrets.contact.channel === 'push'
            ? hashToken(a.secrets.contact.subscription.endpoint)
            : null,
        data_key: wrapped,
        data_key_id: keyId,
        manage_hash: a.manageHash,
        // An active supporter's invitation is spent: the person's link opens nothing any more.
        ...(a.state === 'active' ? { invite_hash: null } : {}),
        code_hash: a.codeHash ?? null,
        code_attempts: 0,
        codes_sent: a.codesSent,
        updated_at: a.at,
      })
      .where('id', '=', id)
      .execute();
  }

  /** Counts a wrong code. */
  async wrongCode(id: string, attempts: number, at: string): Promise<void> {
    await this.db
      .updateTable('space_supporters')
      .set({ code_attempts: attempts, updated_at: at })
      .where('id', '=', id)
      .execute();
  }

  /** The supporter proved their contact: active, the invitation spent, the code gone. */
  async activate(id: string, at: string): Promise<void> {
    await this.db
      .updateTable('space_supporters')
      .set({
        state: 'active',
        invite_hash: null,
        code_hash: null,
        code_attempts: 0,
        updated_at: at,
      })
      .where('id', '=', id)
      .execute();
  }

  /**
   * Moves the alert window from what was read to `next`; false when another request moved it
   * first (the caller reads again), so concurrent presses cannot exceed the limit.
   */
  async countAlert(
    id: string,
    read: Pick<StoredSupporter, 'alertWindowAt' | 'alertsInWindow'>,
    next: { at: string; count: number },
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('space_supporters')
      .set({ alert_window_at: next.at, alerts_in_window: next.count })
      .where('id', '=', id)
      .where('alerts_in_window', '=', read.alertsInWindow)
      .where((eb) =>
        read.alertWindowAt === undefined
          ? eb('alert_window_at', 'is', null)
          : eb('alert_window_at', '=', read.alertWindowAt),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** The sealed contact and page secret of a supporter who answered. */
  async secrets(id: string): Promise<SupporterSecrets | undefined> {
    const row = await this.db
      .selectFrom('space_supporters')
      .select(['contact', 'data_key', 'data_key_id'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (row?.contact == null || row.data_key === null || row.data_key_id === null) return undefined;
    const dataKey = this.keyring().unwrapKey(row.data_key, row.data_key_id, keyContext(id));
    return openJson<SupporterSecrets>(dataKey, row.contact, contactContext(id));
  }

  /** Deletes a supporter with its sealed contact and key. */
  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('space_supporters').where('id', '=', id).execute();
  }

  /** Deletes the supporters reached at a push endpoint the push service says is gone. */
  async deleteByPushEndpoint(endpoint: string): Promise<number> {
    const result = await this.db
      .deleteFrom('space_supporters')
      .where('push_hash', '=', hashToken(endpoint))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Deletes invitations nobody completed by `now`; returns how many went. */
  async deleteExpired(now: string): Promise<number> {
    const result = await this.db
      .deleteFrom('space_supporters')
      .where('state', '!=', 'active')
      .where('invite_expires_at', '<=', now)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Rewraps every supporter's data key from `current` to `next` (a master key rotation). */
  async rewrapKeys(current: Keyring, next: Keyring): Promise<number> {
    const rows = await this.db
      .selectFrom('space_supporters')
      .select(['id', 'data_key', 'data_key_id'])
      .where('data_key', 'is not', null)
      .execute();
    for (const row of rows) {
      const dataKey = current.unwrapKey(row.data_key!, row.data_key_id!, keyContext(row.id));
      const { wrapped, keyId } = next.wrapKey(dataKey, keyContext(row.id));
      await this.db
        .updateTable('space_supporters')
        .set({ data_key: wrapped, data_key_id: keyId })
        .where('id', '=', row.id)
        .execute();
    }
    return rows.length;
  }

  private async one(
    column: 'id' | 'invite_hash' | 'manage_hash',
    value: string,
  ): Promise<StoredSupporter | undefined> {
    const row = await this.db
      .selectFrom('space_supporters')
      .selectAll()
      .where(column, '=', value)
      .executeTakeFirst();
    return row === undefined ? undefined : supporterOf(row);
  }
}

function supporterOf(row: Selectable<SpaceSupportersTable>): StoredSupporter {
  return {
    id: row.id,
    tokenHash: row.token_hash,
    state: row.state as SupporterState,
    ...(row.channel !== null ? { channel: row.channel as SupporterChannel } : {}),
    ...(row.locale !== null && isLocale(row.locale) ? { locale: row.locale } : {}),
    ...(row.code_hash !== null ? { codeHash: row.code_hash } : {}),
    codeAttempts: Number(row.code_attempts),
    codesSent: Number(row.codes_sent),
    inviteExpiresAt: row.invite_expires_at,
    ...(row.alert_window_at !== null ? { alertWindowAt: row.alert_window_at } : {}),
    alertsInWindow: Number(row.alerts_in_window),
    createdAt: row.created_at,
  };
}

const keyContext = (id: string) => `supporter:${id}`;
const contactContext = (id: string) => `supporter:${id}:contact`;

function noKeyring(): Keyring {
  throw new Error('sealing a supporter needs the master key, and none was given');
}
