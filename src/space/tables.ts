/** The space's sync tables as Kysely sees them (created by migration 0060). */
import type { Kysely } from 'kysely';
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

export type SpaceDatabase = Database & {
  space_accounts: SpaceAccountsTable;
  space_blobs: SpaceBlobsTable;
};

/** The same connection (or transaction), typed with the space's tables. */
export function withSpaceTables(db: Kysely<Database>): Kysely<SpaceDatabase> {
  return db as unknown as Kysely<SpaceDatabase>; // eslint-disable-line @typescript-eslint/no-unnecessary-type-assertion -- the tables exist from migration 0060 on
}
