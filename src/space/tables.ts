/** The space's tables as Kysely sees them (created by migrations 0060 to 0062). */
import type { Generated, Kysely } from 'kysely';
import type { Database } from '../platform/database/schema.js';

export interface SpaceAccountsTable {
  id: string;
  /** SHA-256 of the device's token, hex: the token itself is never stored. */
  token_hash: string;
  created_at: string;
}

export interface SpaceBlobsTable {
  account_id: string;
  id: string;
  version: number;
  /** Bytes of ciphertext. */
  size: number;
  /** Base64 of the ciphertext (nonce included), as the device sent it. */
  ciphertext: string;
  created_at: string;
  updated_at: string;
}

/** A supporter of someone's space: an invitation until they accept (migration 0061). */
export interface SpaceSupportersTable {
  id: string;
  /** SHA-256 of the person's device token for this supporter, hex. */
  token_hash: string;
  /** SHA-256 of the invitation's link secret, until it is accepted. */
  invite_hash: string | null;
  /** SHA-256 of the supporter's own page secret, once they accept. */
  manage_hash: string | null;
  state: string;
  channel: string | null;
  locale: string | null;
  /** The sealed contact and page secret (`v1.` envelope), under the row's data key. */
  contact: string | null;
  /** SHA-256 of the push endpoint, hex, for a supporter reached by push. */
  push_hash: string | null;
  data_key: string | null;
  data_key_id: string | null;
  code_hash: string | null;
  code_attempts: Generated<number>;
  codes_sent: Generated<number>;
  invite_expires_at: string;
  alert_window_at: string | null;
  alerts_in_window: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** A device's calendar subscription (migration 0062). */
export interface SpaceCalendarsTable {
  /** SHA-256 of the secret in the feed's address, hex. */
  id: string;
  /** The saved meetings and the reminder's lead, sealed under a key derived from the secret. */
  sealed: string;
  created_at: string;
  updated_at: string;
}

export type SpaceDatabase = Database & {
  space_accounts: SpaceAccountsTable;
  space_blobs: SpaceBlobsTable;
  space_supporters: SpaceSupportersTable;
  space_calendars: SpaceCalendarsTable;
};

/** The same connection (or transaction), typed with the space's tables. */
export function withSpaceTables(db: Kysely<Database>): Kysely<SpaceDatabase> {
  return db as unknown as Kysely<SpaceDatabase>; // eslint-disable-line @typescript-eslint/no-unnecessary-type-assertion -- the tables exist from migrations 0060 to 0062 on
}
