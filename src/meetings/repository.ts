import { sql, type ExpressionBuilder, type Kysely, type Selectable } from 'kysely';
import type { Database, MeetingsTable } from '../platform/database/schema.js';
import type { Attendance, Meeting, MeetingDraft, MeetingStatus } from './model.js';

/** What a refresh needs to know of a stored meeting to decide whether it changed. */
export interface MeetingKey {
  id: string;
  slug: string;
  sourceSlug: string;
  contentHash: string;
}

/** A meeting as written: the model plus the hash of the content it was imported from. */
export interface StoredMeeting {
  meeting: Meeting;
  contentHash: string;
  /** The meeting's JSON detail when already encoded (imports encode once to hash it). */
  data?: string;
}

export interface MeetingPageQuery {
  limit: number;
  /** Return meetings whose slug sorts after this one (keyset pagination). */
  after?: string;
  /** One program, or any of several. */
  program?: string | readonly string[];
  sourceId?: string;
  /**
   * Include meetings merged into another source's listing of the same meeting. Public lists
   * leave them out (each meeting is shown once); a page of one source shows all of its own.
   */
  includeMerged?: boolean;
}

/** Reads that may leave out merged duplicates (the search index shows each meeting once). */
export interface ShownOptions {
  hideMerged?: boolean;
}

const insertBatch = 400;

/** The only code that speaks SQL about meetings. Works on a database or inside a transaction. */
export class MeetingRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async keysForSource(sourceId: string): Promise<MeetingKey[]> {
    const rows = await this.db
      .selectFrom('meetings')
      .select(['id', 'slug', 'source_slug', 'content_hash'])
      .where('source_id', '=', sourceId)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      sourceSlug: r.source_slug,
      contentHash: r.content_hash,
    }));
  }

  /**
   * The keys of a source's meetings a page at a time, in source-slug order: a caller that must
   * not hold its thread for a whole large source reads them with turns in between.
   */
  async *keysForSourcePages(sourceId: string, pageSize = 5000): AsyncGenerator<MeetingKey[]> {
    for (let after: string | undefined; ;) {
      let q = this.db
        .selectFrom('meetings')
        .select(['id', 'slug', 'source_slug', 'content_hash'])
        .where('source_id', '=', sourceId)
        .orderBy('source_slug')
        .limit(pageSize);
      if (after !== undefined) q = q.where('source_slug', '>', after);
      const rows = await q.execute();
      yield rows.map((r) => ({
        id: r.id,
        slug: r.slug,
        sourceSlug: r.source_slug,
        contentHash: r.content_hash,
      }));
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1]!.source_slug;
    }
  }

  /** Every slug in use, a page at a time in slug order (see {@link keysForSourcePages}). */
  async *slugPages(pageSize = 10_000): AsyncGenerator<string[]> {
    for (let after: string | undefined; ;) {
      let q = this.db.selectFrom('meetings').select('slug').orderBy('slug').limit(pageSize);
      if (after !== undefined) q = q.where('slug', '>', after);
      const slugs = (await q.execute()).map((r) => r.slug);
      yield slugs;
      if (slugs.length < pageSize) return;
      after = slugs[slugs.length - 1]!;
    }
  }

  async slugsInUse(): Promise<Set<string>> {
    const rows = await this.db.selectFrom('meetings').select('slug').execute();
    return new Set(rows.map((r) => r.slug));
  }

  async insert(items: readonly StoredMeeting[]): Promise<void> {
    for (let i = 0; i < items.length; i += insertBatch) {
      const batch = items.slice(i, i + insertBatch).map(toRow);
      await this.db.insertInto('meetings').values(batch).execute();
    }
  }

  async update(items: readonly StoredMeeting[]): Promise<void> {
    for (const item of items) {
      const { id, slug: _slug, created_at: _created, ...changes } = toRow(item);
      await this.db.updateTable('meetings').set(changes).where('id', '=', id).execute();
    }
  }

  async remove(ids: readonly string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += insertBatch) {
      await this.db
        .deleteFrom('meetings')
        .where('id', 'in', ids.slice(i, i + insertBatch))
        .execute();
    }
  }

  async findBySlug(slug: string): Promise<Meeting | undefined> {
    const row = await this.db
      .selectFrom('meetings')
      .selectAll()
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row === undefined ? undefined : fromRow(row);
  }

  async page(query: MeetingPageQuery): Promise<Meeting[]> {
    let q = this.db.selectFrom('meetings').selectAll().orderBy('slug').limit(query.limit);
    if (query.after !== undefined) q = q.where('slug', '>', query.after);
    if (query.program !== undefined) {
      const programs = typeof query.program === 'string' ? [query.program] : query.program;
      q = programs.length === 0 ? q.where(sql<boolean>`false`) : q.where('program', 'in', programs);
    }
    if (query.sourceId !== undefined) q = q.where('source_id', '=', query.sourceId);
    else if (query.includeMerged !== true) q = q.where(notMerged);
    return (await q.execute()).map(fromRow);
  }

  /**
   * Meetings in id order after `after` (keyset pagination): what a reader that must not hold
   * every meeting at once (the search index build) pages through.
   */
  async pageById(limit: number, after?: string, options: ShownOptions = {}): Promise<Meeting[]> {
    let q = this.db.selectFrom('meetings').selectAll().orderBy('id').limit(limit);
    if (after !== undefined) q = q.where('id', '>', after);
    if (options.hideMerged === true) q = q.where(notMerged);
    return (await q.execute()).map(fromRow);
  }

  /** The meetings with these ids that exist, in no particular order. */
  async byIds(ids: readonly string[], options: ShownOptions = {}): Promise<Meeting[]> {
    const meetings: Meeting[] = [];
    for (let i = 0; i < ids.length; i += insertBatch) {
      let q = this.db
        .selectFrom('meetings')
        .selectAll()
        .where('id', 'in', ids.slice(i, i + insertBatch));
      if (options.hideMerged === true) q = q.where(notMerged);
      const rows = await q.execute();
      for (const row of rows) meetings.push(fromRow(row));
    }
    return meetings;
  }

  async all(): Promise<Meeting[]> {
    const rows = await this.db.selectFrom('meetings').selectAll().orderBy('slug').execute();
    return rows.map(fromRow);
  }

  async count(filter: { sourceId?: string } = {}): Promise<number> {
    let q = this.db.selectFrom('meetings').select((eb) => eb.fn.countAll<number>().as('n'));
    if (filter.sourceId !== undefined) q = q.where('source_id', '=', filter.sourceId);
    const row = await q.executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

/** True for a meeting not merged into another source's listing of the same meeting. */
function notMerged(eb: ExpressionBuilder<Database, 'meetings'>) {
  return eb.not(
    eb.exists(
      eb
        .selectFrom('meeting_duplicates')
        .select('meeting_duplicates.meeting_id')
        .whereRef('meeting_duplicates.meeting_id', '=', 'meetings.id')
        .where('meeting_duplicates.canonical_id', 'is not', null),
    ),
  );
}

type MeetingData = Pick<
  Meeting,
  | 'types'
  | 'languages'
  | 'focus'
  | 'schedule'
  | 'place'
  | 'online'
  | 'group'
  | 'notes'
  | 'contributions'
  | 'entity'
> & { sourceUrl?: string; extra: Record<string, unknown> };

/**
 * Encodes the JSON detail of a meeting or draft: everything the columns do not hold. Imports
 * hash this string with the columns, so a meeting is serialised once per import.
 */
export function encodeMeetingData(meeting: MeetingDraft): string {
  const p = meeting.provenance;
  const data: MeetingData = {
    types: meeting.types,
    languages: meeting.languages,
    focus: meeting.focus,
    schedule: meeting.schedule,
    place: meeting.place,
    online: meeting.online,
    group: meeting.group,
    contributions: meeting.contributions,
    extra: p.extra,
  };
  if (meeting.notes !== undefined) data.notes = meeting.notes;
  if (meeting.entity !== undefined) data.entity = meeting.entity;
  if (p.sourceUrl !== undefined) data.sourceUrl = p.sourceUrl;
  return JSON.stringify(data);
}

function toRow({ meeting, contentHash, data }: StoredMeeting): MeetingsTable {
  const p = meeting.provenance;
  return {
    id: meeting.id,
    slug: meeting.slug,
    source_id: p.sourceId,
    source_slug: p.sourceSlug,
    program: meeting.program,
    name: meeting.name,
    attendance: meeting.attendance,
    status: meeting.status,
    time_zone: meeting.timeZone,
    data: data ?? encodeMeetingData(meeting),
    content_hash: contentHash,
    source_updated_at: p.sourceUpdatedAt ?? null,
    last_fetched_at: p.lastFetchedAt,
    last_verified_at: p.lastVerifiedAt ?? null,
    created_at: meeting.createdAt,
    updated_at: meeting.updatedAt,
  };
}

function fromRow(row: Selectable<MeetingsTable>): Meeting {
  const { sourceUrl, extra, ...data } = JSON.parse(row.data) as MeetingData;
  const meeting: Meeting = {
    id: row.id,
    slug: row.slug,
    name: row.name,
    program: row.program,
    attendance: row.attendance as Attendance,
    status: row.status as MeetingStatus,
    timeZone: row.time_zone,
    ...data,
    provenance: {
      sourceId: row.source_id,
      sourceSlug: row.source_slug,
      lastFetchedAt: row.last_fetched_at,
      extra,
    },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (sourceUrl !== undefined) meeting.provenance.sourceUrl = sourceUrl;
  if (row.source_updated_at !== null) meeting.provenance.sourceUpdatedAt = row.source_updated_at;
  if (row.last_verified_at !== null) meeting.provenance.lastVerifiedAt = row.last_verified_at;
  return meeting;
}
