import type { Kysely } from 'kysely';
import type { Database } from '../platform/database/schema.js';
import type { MergeReason } from './duplicates-match.js';

/** A meeting shown through another (the canonical member of its cluster). */
export interface DuplicateLink {
  meetingId: string;
  /** Null when the shown meeting was removed since the last merge. */
  canonicalId: string | null;
  reasons: MergeReason[];
  mergedAt: string;
}

/** A cluster member as listings show it. */
export interface ClusterMember {
  meetingId: string;
  canonicalId: string;
  slug: string;
  name: string;
  sourceId: string;
  sourceSlug: string;
}

const batch = 400;

/** The only code that speaks SQL about merged duplicates and the pairs an editor split. */
export class DuplicateRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Every meeting currently shown through another. */
  async links(): Promise<DuplicateLink[]> {
    const rows = await this.db.selectFrom('meeting_duplicates').selectAll().execute();
    return rows.map((r) => ({
      meetingId: r.meeting_id,
      canonicalId: r.canonical_id,
      reasons: r.reason.split(',') as MergeReason[],
      mergedAt: r.merged_at,
    }));
  }

  /** Replaces the links of these meetings (removing ones in `unlink`). */
  async save(links: readonly DuplicateLink[], unlink: readonly string[]): Promise<void> {
    const ids = [...unlink, ...links.map((l) => l.meetingId)];
    for (let i = 0; i < ids.length; i += batch) {
      await this.db
        .deleteFrom('meeting_duplicates')
        .where('meeting_id', 'in', ids.slice(i, i + batch))
        .execute();
    }
    for (let i = 0; i < links.length; i += batch) {
      await this.db
        .insertInto('meeting_duplicates')
        .values(
          links.slice(i, i + batch).map((l) => ({
            meeting_id: l.meetingId,
            canonical_id: l.canonicalId,
            reason: l.reasons.join(','),
            merged_at: l.mergedAt,
          })),
        )
        .execute();
    }
  }

  /** The pairs an editor said are different meetings, as `pairKey`s. */
  async splitPairs(): Promise<Set<string>> {
    const rows = await this.db.selectFrom('duplicate_splits').selectAll().execute();
    return new Set(rows.map((r) => `${r.meeting_id} ${r.other_id}`));
  }

  /** Records that `meetingId` is not the same meeting as any of `others`. */
  async split(meetingId: string, others: readonly string[], at: string): Promise<void> {
    if (others.length === 0) return;
    await this.db
      .insertInto('duplicate_splits')
      .values(
        others.map((other) => {
          const [a, b] = meetingId < other ? [meetingId, other] : [other, meetingId];
          return { meeting_id: a, other_id: b, created_at: at };
        }),
      )
      .onConflict((oc) => oc.columns(['meeting_id', 'other_id']).doNothing())
      .execute();
  }

  /**
   * The clusters touching these meetings (as canonical or as member), every member with its
   * slug and source; without ids, every cluster.
   */
  async members(meetingIds?: readonly string[]): Promise<ClusterMember[]> {
    const canonical = new Set<string>();
    if (meetingIds === undefined) {
      for (const link of await this.links())
        if (link.canonicalId !== null) canonical.add(link.canonicalId);
    } else {
      for (let i = 0; i < meetingIds.length; i += batch) {
        const slice = meetingIds.slice(i, i + batch);
        const rows = await this.db
          .selectFrom('meeting_duplicates')
          .select('canonical_id')
          .where((eb) => eb.or([eb('meeting_id', 'in', slice), eb('canonical_id', 'in', slice)]))
          .execute();
        for (const r of rows) if (r.canonical_id !== null) canonical.add(r.canonical_id);
      }
    }
    const ids = [...canonical];
    const members: ClusterMember[] = [];
    for (let i = 0; i < ids.length; i += batch) {
      const slice = ids.slice(i, i + batch);
      const rows = await this.db
        .selectFrom('meetings')
        .leftJoin('meeting_duplicates', 'meeting_duplicates.meeting_id', 'meetings.id')
        .select([
          'meetings.id',
          'meetings.slug',
          'meetings.name',
          'meetings.source_id',
          'meetings.source_slug',
          'meeting_duplicates.canonical_id',
        ])
        .where((eb) =>
          eb.or([
            eb('meetings.id', 'in', slice),
            eb('meeting_duplicates.canonical_id', 'in', slice),
          ]),
        )
        .execute();
      for (const r of rows) {
        members.push({
          meetingId: r.id,
          canonicalId: r.canonical_id ?? r.id,
          slug: r.slug,
          name: r.name,
          sourceId: r.source_id,
          sourceSlug: r.source_slug,
        });
      }
    }
    return members;
  }
}
