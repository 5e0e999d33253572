/** The only code that speaks SQL about the space's sync accounts and ciphertext blobs. */
import type { Kysely } from 'kysely';
import type { Database } from '../platform/database/schema.js';
import { withSpaceTables, type SpaceDatabase } from './tables.js';

/** What the server knows of a blob: never more than this and the ciphertext. */
export interface BlobInfo {
  id: string;
  version: number;
  size: number;
  createdAt: string;
  updatedAt: string;
}

export interface StoredBlob extends BlobInfo {
  ciphertext: string;
}

export class SpaceBlobRepository {
  private readonly db: Kysely<SpaceDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = withSpaceTables(db);
  }

  /** The token hash of an account, or undefined when there is none. */
  async tokenHash(account: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('space_accounts')
      .select('token_hash')
      .where('id', '=', account)
      .executeTakeFirst();
    return row?.token_hash;
  }

  /** Creates an account unless it exists (two first writes racing both succeed, one row). */
  async createAccount(account: string, tokenHash: string, at: string): Promise<void> {
    await this.db
      .insertInto('space_accounts')
      .values({ id: account, token_hash: tokenHash, created_at: at })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }

  /** One blob with its ciphertext. */
  async get(account: string, id: string): Promise<StoredBlob | undefined> {
    const row = await this.db
      .selectFrom('space_blobs')
      .selectAll()
      .where('account_id', '=', account)
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : { ...infoOf(row), ciphertext: row.ciphertext };
  }

  /** The account's blobs without their ciphertext. */
  async list(account: string): Promise<BlobInfo[]> {
    const rows = await this.db
      .selectFrom('space_blobs')
      .select(['id', 'version', 'size', 'created_at', 'updated_at'])
      .where('account_id', '=', account)
      .orderBy('id')
      .execute();
    return rows.map(infoOf);
  }

  /**
   * Writes a blob if its stored version is still `expected` (0: it must not exist yet);
   * undefined when another write came first.
   */
  async put(
    account: string,
    id: string,
    expected: number,
    ciphertext: string,
    size: number,
    at: string,
  ): Promise<BlobInfo | undefined> {
    const version = expected + 1;
    if (expected === 0) {
      const inserted = await this.db
        .insertInto('space_blobs')
        .values({
          account_id: account,
          id,
          version,
          size,
          ciphertext,
          created_at: at,
          updated_at: at,
        })
        .onConflict((oc) => oc.columns(['account_id', 'id']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) return undefined;
      return { id, version, size, createdAt: at, updatedAt: at };
    }
    const updated = await this.db
      .updateTable('space_blobs')
      .set({ version, size, ciphertext, updated_at: at })
      .where('account_id', '=', account)
      .where('id', '=', id)
      .where('version', '=', expected)
      .returning(['created_at'])
      .executeTakeFirst();
    if (updated === undefined) return undefined;
    return { id, version, size, createdAt: updated.created_at, updatedAt: at };
  }

  /** Deletes the account and every blob of it. */
  async deleteAccount(account: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('space_blobs').where('account_id', '=', account).execute();
      await trx.deleteFrom('space_accounts').where('id', '=', account).execute();
    });
  }
}

function infoOf(row: {
  id: string;
  version: number;
  size: number;
  created_at: string;
  updated_at: string;
}): BlobInfo {
  return {
    id: row.id,
    version: Number(row.version),
    size: Number(row.size),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
