import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/schema.js';
import { withCenterTables, type CenterDatabase } from '../tables.js';
import type { Engagement } from './model.js';

/** A member row as stored: the profile is sealed text. */
export interface StoredMember {
  id: string;
  centerId: string;
  engagement: Engagement;
  profile: string;
  createdAt: string;
  updatedAt: string;
}

/** A member's data key as stored: wrapped by a master key, named by that key's id. */
export interface StoredMemberKey {
  memberId: string;
  centerId: string;
  wrappedKey: string;
  masterKeyId: string;
  createdAt: string;
}

/**
 * The only code that speaks SQL about members, their data keys and their blind-index terms.
 * Every read names the center: a member of another center is simply not found.
 */
export class MemberRepository {
  private readonly db: Kysely<CenterDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = withCenterTables(db);
  }

  async insert(
    member: StoredMember,
    key: StoredMemberKey,
    terms: readonly string[],
  ): Promise<void> {
    await this.db
      .insertInto('center_member_keys')
      .values({
        member_id: key.memberId,
        center_id: key.centerId,
        wrapped_key: key.wrappedKey,
        master_key_id: key.masterKeyId,
        created_at: key.createdAt,
      })
      .execute();
    await this.db
      .insertInto('center_members')
      .values({
        id: member.id,
        center_id: member.centerId,
        engagement: member.engagement,
        profile: member.profile,
        created_at: member.createdAt,
        updated_at: member.updatedAt,
      })
      .execute();
    await this.insertTerms(member.centerId, member.id, terms);
  }

  private async insertTerms(centerId: string, memberId: string, terms: readonly string[]) {
    if (terms.length === 0) return;
    await this.db
      .insertInto('center_member_terms')
      .values(terms.map((term) => ({ center_id: centerId, term, member_id: memberId })))
      .execute();
  }

  async byId(centerId: string, id: string): Promise<StoredMember | undefined> {
    const row = await this.db
      .selectFrom('center_members')
      .selectAll()
      .where('center_id', '=', centerId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : toStored(row);
  }

  async byIds(centerId: string, ids: readonly string[]): Promise<StoredMember[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('center_members')
      .selectAll()
      .where('center_id', '=', centerId)
      .where('id', 'in', ids)
      .execute();
    return rows.map(toStored);
  }

  async keyOf(centerId: string, memberId: string): Promise<StoredMemberKey | undefined> {
    const row = await this.db
      .selectFrom('center_member_keys')
      .selectAll()
      .where('center_id', '=', centerId)
      .where('member_id', '=', memberId)
      .executeTakeFirst();
    return row === undefined ? undefined : toKey(row);
  }

  async keysOf(centerId: string, memberIds: readonly string[]): Promise<StoredMemberKey[]> {
    if (memberIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('center_member_keys')
      .selectAll()
      .where('center_id', '=', centerId)
      .where('member_id', 'in', memberIds)
      .execute();
    return rows.map(toKey);
  }

  /**
   * The members holding every one of the terms, at most `limit`, each with its data key: one
   * query, where the front desk's search used three round trips (on PostgreSQL each is a few ms).
   */
  async withAllTermsAndKeys(
    centerId: string,
    terms: readonly string[],
    limit: number,
  ): Promise<{ member: StoredMember; key: StoredMemberKey }[]> {
    if (terms.length === 0) return [];
    const found = this.db
      .selectFrom('center_member_terms')
      .select('member_id')
      .where('center_id', '=', centerId)
      .where('term', 'in', terms)
      .groupBy('member_id')
      .having((eb) => eb.fn.countAll(), '=', terms.length)
      .limit(limit);
    const rows = await this.db
      .selectFrom('center_members as m')
      .innerJoin('center_member_keys as k', (join) =>
        join.onRef('k.center_id', '=', 'm.center_id').onRef('k.member_id', '=', 'm.id'),
      )
      .select([
        'm.id',
        'm.center_id',
        'm.engagement',
        'm.profile',
        'm.created_at',
        'm.updated_at',
        'k.wrapped_key',
        'k.master_key_id',
        'k.created_at as key_created_at',
      ])
      .where('m.center_id', '=', centerId)
      .where('m.id', 'in', found)
      .execute();
    return rows.map((r) => ({
      member: toStored(r),
      key: toKey({
        center_id: r.center_id,
        member_id: r.id,
        wrapped_key: r.wrapped_key,
        master_key_id: r.master_key_id,
        created_at: r.key_created_at,
      }),
    }));
  }

  /** Every member of a center (sealed), for work over all of them (key rotation). */
  async allOfCenter(centerId: string): Promise<StoredMember[]> {
    const rows = await this.db
      .selectFrom('center_members')
      .selectAll()
      .where('center_id', '=', centerId)
      .orderBy('id')
      .execute();
    return rows.map(toStored);
  }

  /** Every data key of a center, as stored. */
  async keysOfCenter(centerId: string): Promise<StoredMemberKey[]> {
    const rows = await this.db
      .selectFrom('center_member_keys')
      .selectAll()
      .where('center_id', '=', centerId)
      .execute();
    return rows.map(toKey);
  }

  /** Replaces a member's sealed profile and engagement path (an edit). */
  async updateProfile(
    member: Pick<StoredMember, 'id' | 'centerId' | 'engagement' | 'profile' | 'updatedAt'>,
  ): Promise<void> {
    await this.db
      .updateTable('center_members')
      .set({ engagement: member.engagement, profile: member.profile, updated_at: member.updatedAt })
      .where('center_id', '=', member.centerId)
      .where('id', '=', member.id)
      .execute();
  }

  /** Stores a data key wrapped anew (by another master key). */
  async rewrapKey(key: StoredMemberKey): Promise<void> {
    await this.db
      .updateTable('center_member_keys')
      .set({ wrapped_key: key.wrappedKey, master_key_id: key.masterKeyId })
      .where('center_id', '=', key.centerId)
      .where('member_id', '=', key.memberId)
      .execute();
  }

  /** Replaces a member's blind-index terms. */
  async replaceTerms(centerId: string, memberId: string, terms: readonly string[]): Promise<void> {
    await this.db
      .deleteFrom('center_member_terms')
      .where('center_id', '=', centerId)
      .where('member_id', '=', memberId)
      .execute();
    await this.insertTerms(centerId, memberId, terms);
  }

  /**
   * Erases a member: the data key first (what makes every copy unreadable), then the sealed rows
   * and the index terms. True when there was such a member.
   */
  async erase(centerId: string, memberId: string): Promise<boolean> {
    const key = await this.db
      .deleteFrom('center_member_keys')
      .where('center_id', '=', centerId)
      .where('member_id', '=', memberId)
      .executeTakeFirst();
    for (const table of ['center_encounters', 'center_assessments', 'center_plan_goals'] as const)
      await this.db
        .deleteFrom(table)
        .where('center_id', '=', centerId)
        .where('member_id', '=', memberId)
        .execute();
    await this.db
      .deleteFrom('center_member_terms')
      .where('center_id', '=', centerId)
      .where('member_id', '=', memberId)
      .execute();
    const member = await this.db
      .deleteFrom('center_members')
      .where('center_id', '=', centerId)
      .where('id', '=', memberId)
      .executeTakeFirst();
    return Number(member.numDeletedRows) > 0 || Number(key.numDeletedRows) > 0;
  }

  async count(centerId: string): Promise<number> {
    const row = await this.db
      .selectFrom('center_members')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .where('center_id', '=', centerId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

function toStored(row: CenterDatabase['center_members']): StoredMember {
  return {
    id: row.id,
    centerId: row.center_id,
    engagement: row.engagement as Engagement,
    profile: row.profile,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toKey(row: CenterDatabase['center_member_keys']): StoredMemberKey {
  return {
    memberId: row.member_id,
    centerId: row.center_id,
    wrappedKey: row.wrapped_key,
    masterKeyId: row.master_key_id,
    createdAt: row.created_at,
  };
}
