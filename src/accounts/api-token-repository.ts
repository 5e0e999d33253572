import type { Kysely } from 'kysely';
import type { Database } from '../platform/database/schema.js';

/** An API token as stored: its hash, never the secret. */
export interface ApiTokenRecord {
  id: string;
  tokenHash: string;
  personId: string;
  /** The one center the token may act in; absent: every center its person belongs to. */
  centerId?: string;
  createdAt: string;
  /** When the token was last seen, to the minute (see `touchIfOlder`). */
  lastUsedAt?: string;
}

/** The only code that speaks SQL about API tokens. */
export class ApiTokenRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(token: ApiTokenRecord): Promise<void> {
    await this.db
      .insertInto('api_tokens')
      .values({
        id: token.id,
        token_hash: token.tokenHash,
        person_id: token.personId,
        center_id: token.centerId ?? null,
        created_at: token.createdAt,
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
  }

  /** The live (unrevoked) token with this hash. */
  async liveByHash(tokenHash: string): Promise<ApiTokenRecord | undefined> {
    const row = await this.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    return {
      id: row.id,
      tokenHash: row.token_hash,
      personId: row.person_id,
      createdAt: row.created_at,
      ...(row.center_id !== null ? { centerId: row.center_id } : {}),
      ...(row.last_used_at !== null ? { lastUsedAt: row.last_used_at } : {}),
    };
  }

  /** The live tokens limited to one center, oldest first (for its administrators' list). */
  async liveOfCenter(
    centerId: string,
  ): Promise<(Omit<ApiTokenRecord, 'tokenHash'> & { lastUsedAt?: string })[]> {
    const rows = await this.db
      .selectFrom('api_tokens')
      .select(['id', 'person_id', 'center_id', 'created_at', 'last_used_at'])
      .where('center_id', '=', centerId)
      .where('revoked_at', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      personId: r.person_id,
      centerId,
      createdAt: r.created_at,
      ...(r.last_used_at !== null ? { lastUsedAt: r.last_used_at } : {}),
    }));
  }

  /** Revokes a live token of one center; false when the center has no such live token. */
  async revokeOfCenter(centerId: string, id: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('center_id', '=', centerId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /**
   * Records a use at `at` unless one at or after `since` is already recorded. The condition is
   * in the statement, so instances that see the same token at once write it once between them.
   */
  async touchIfOlder(id: string, at: string, since: string): Promise<void> {
    await this.db
      .updateTable('api_tokens')
      .set({ last_used_at: at })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', since)]))
      .execute();
  }

  async revoke(id: string, at: string): Promise<void> {
    await this.db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).execute();
  }
}
