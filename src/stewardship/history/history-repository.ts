import type { Kysely, Selectable } from 'kysely';
import type { Meeting } from '../../meetings/model.js';
import { columns } from '../../platform/database/columns.js';
import type {
  Database,
  MeetingHistoryTable,
  MeetingOverridesTable,
} from '../../platform/database/schema.js';
import { isMeetingField, type FieldChange, type MeetingField } from './meeting-fields.js';
import type { HistoryAction, HistoryEntry, Override } from './model.js';

const batchSize = 400;

/**
 * The only code that speaks SQL about history, local overrides of imported meetings, and the
 * tombstones of imported meetings editors deleted.
 */
export class HistoryRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(entries: readonly HistoryEntry[]): Promise<void> {
    for (let i = 0; i < entries.length; i += batchSize) {
      await this.db
        .insertInto('meeting_history')
        .values(entries.slice(i, i + batchSize).map(toRow))
        .execute();
    }
  }

  async byId(id: string): Promise<HistoryEntry | undefined> {
    const row = await this.db
      .selectFrom('meeting_history')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : fromRow(row);
  }

  /** A meeting's history, newest first. */
  async ofMeeting(meetingId: string, limit = 200): Promise<HistoryEntry[]> {
    const rows = await this.db
      .selectFrom('meeting_history')
      .selectAll()
      .where('meeting_id', '=', meetingId)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(fromRow);
  }

  /** The newest entry of whichever meeting last had this slug (to find a removed one). */
  async latestOfSlug(slug: string): Promise<HistoryEntry | undefined> {
    const row = await this.db
      .selectFrom('meeting_history')
      .selectAll()
      .where('slug', '=', slug)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row === undefined ? undefined : fromRow(row);
  }

  /** The history of the meetings of some sources, newest first. */
  async ofSources(sourceIds: readonly string[], limit = 200): Promise<HistoryEntry[]> {
    if (sourceIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('meeting_history')
      .selectAll()
      .where('source_id', 'in', sourceIds)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(fromRow);
  }

  /** The entries one change set wrote about a source's meetings, oldest first. */
  async ofChangeSet(sourceId: string, changeSet: string): Promise<HistoryEntry[]> {
    const rows = await this.db
      .selectFrom('meeting_history')
      .selectAll()
      .where('source_id', '=', sourceId)
      .where('change_set', '=', changeSet)
      .orderBy('id')
      .execute();
    return rows.map(fromRow);
  }

  /**
   * Ids of the entries among these that a later entry undid. An undo is about the same meeting,
   * so the meeting index finds it (imports, which write most rows, need no index of their own).
   */
  async undone(entries: readonly Pick<HistoryEntry, 'id' | 'meetingId'>[]): Promise<Set<string>> {
    if (entries.length === 0) return new Set();
    const ids = new Set(entries.map((e) => e.id));
    const rows = await this.db
      .selectFrom('meeting_history')
      .select('undoes')
      .where('meeting_id', 'in', [...new Set(entries.map((e) => e.meetingId))])
      .where('undoes', 'is not', null)
      .execute();
    return new Set(rows.map((r) => r.undoes).filter((u): u is string => u !== null && ids.has(u)));
  }

  async overridesOf(meetingIds: readonly string[]): Promise<Override[]> {
    const out: Override[] = [];
    for (let i = 0; i < meetingIds.length; i += batchSize) {
      const rows = await this.db
        .selectFrom('meeting_overrides')
        .selectAll()
        .where('meeting_id', 'in', meetingIds.slice(i, i + batchSize))
        .execute();
      for (const row of rows) {
        const override = overrideFromRow(row);
        if (override !== undefined) out.push(override);
      }
    }
    return out;
  }

  /** Meetings of a source that hold at least one override (so a refresh loads only those). */
  async overriddenMeetingsOfSource(sourceId: string): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom('meeting_overrides')
      .innerJoin('meetings', 'meetings.id', 'meeting_overrides.meeting_id')
      .select('meeting_overrides.meeting_id')
      .where('meetings.source_id', '=', sourceId)
      .execute();
    return new Set(rows.map((r) => r.meeting_id));
  }

  async saveOverride(override: Override): Promise<void> {
    const row = overrideToRow(override);
    await this.db
      .insertInto('meeting_overrides')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['meeting_id', 'field']).doUpdateSet({
          value: row.value,
          base: row.base,
          editor_id: row.editor_id,
          at: row.at,
          conflict: row.conflict,
          conflict_at: row.conflict_at,
        }),
      )
      .execute();
  }

  async deleteOverride(meetingId: string, field: MeetingField): Promise<void> {
    await this.db
      .deleteFrom('meeting_overrides')
      .where('meeting_id', '=', meetingId)
      .where('field', '=', field)
      .execute();
  }

  async deleteOverridesOf(meetingIds: readonly string[]): Promise<void> {
    for (let i = 0; i < meetingIds.length; i += batchSize) {
      await this.db
        .deleteFrom('meeting_overrides')
        .where('meeting_id', 'in', meetingIds.slice(i, i + batchSize))
        .execute();
    }
  }

  /** Meetings with a conflict waiting for an editor, among these sources. */
  async conflictsOfSources(sourceIds: readonly string[]): Promise<Override[]> {
    if (sourceIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('meeting_overrides')
      .innerJoin('meetings', 'meetings.id', 'meeting_overrides.meeting_id')
      .selectAll('meeting_overrides')
      .where('meetings.source_id', 'in', sourceIds)
      .where('meeting_overrides.conflict', 'is not', null)
      .execute();
    return rows.map(overrideFromRow).filter((o): o is Override => o !== undefined);
  }

  async addTombstone(tombstone: {
    sourceId: string;
    sourceSlug: string;
    meetingId: string;
    deletedAt: string;
  }): Promise<void> {
    await this.db
      .insertInto('meeting_tombstones')
      .values({
        source_id: tombstone.sourceId,
        source_slug: tombstone.sourceSlug,
        meeting_id: tombstone.meetingId,
        deleted_at: tombstone.deletedAt,
      })
      .onConflict((oc) => oc.columns(['source_id', 'source_slug']).doNothing())
      .execute();
  }

  async removeTombstone(meetingId: string): Promise<void> {
    await this.db.deleteFrom('meeting_tombstones').where('meeting_id', '=', meetingId).execute();
  }

  /** The source slugs of a source's meetings that editors deleted. */
  async tombstonesOf(sourceId: string): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom('meeting_tombstones')
      .select('source_slug')
      .where('source_id', '=', sourceId)
      .execute();
    return new Set(rows.map((r) => r.source_slug));
  }

  /** The stored content hashes of meetings, so an edit keeps what the source's refresh compares. */
  async contentHashes(ids: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < ids.length; i += batchSize) {
      const rows = await this.db
        .selectFrom('meetings')
        .select(['id', 'content_hash'])
        .where('id', 'in', ids.slice(i, i + batchSize))
        .execute();
      for (const row of rows) out.set(row.id, row.content_hash);
    }
    return out;
  }
}

function json(value: unknown): string {
  return JSON.stringify(value ?? null);
}

function parse(text: string | null): unknown {
  if (text === null) return undefined;
  const value = JSON.parse(text) as unknown;
  return value === null ? undefined : value;
}

/** The fields kept in the column of their name; JSON and narrowed values are converted below. */
const plain = columns([
  'id',
  'changeSet',
  'meetingId',
  'slug',
  'sourceId',
  'action',
  'at',
  'changes',
  'actorId',
  'actorSourceId',
  'undoes',
]);

function toRow(entry: HistoryEntry): MeetingHistoryTable {
  return {
    ...plain.toRow(entry),
    changes: JSON.stringify(entry.changes),
    snapshot: entry.snapshot === undefined ? null : JSON.stringify(entry.snapshot),
  };
}

function fromRow(row: Selectable<MeetingHistoryTable>): HistoryEntry {
  const entry: HistoryEntry = {
    ...plain.fromRow(row),
    action: row.action as HistoryAction,
    changes: (JSON.parse(row.changes) as FieldChange[]).filter((c) => isMeetingField(c.field)),
  };
  if (row.snapshot !== null) entry.snapshot = JSON.parse(row.snapshot) as Meeting;
  return entry;
}

function overrideToRow(o: Override): MeetingOverridesTable {
  return {
    meeting_id: o.meetingId,
    field: o.field,
    value: json(o.value),
    base: json(o.base),
    editor_id: o.editorId ?? null,
    at: o.at,
    conflict:
      o.conflict === undefined
        ? null
        : JSON.stringify({ before: o.conflict.before ?? null, after: o.conflict.after ?? null }),
    conflict_at: o.conflict?.at ?? null,
  };
}

function overrideFromRow(row: Selectable<MeetingOverridesTable>): Override | undefined {
  if (!isMeetingField(row.field)) return undefined;
  const override: Override = { meetingId: row.meeting_id, field: row.field, at: row.at };
  const value = parse(row.value);
  const base = parse(row.base);
  if (value !== undefined) override.value = value;
  if (base !== undefined) override.base = base;
  if (row.editor_id !== null) override.editorId = row.editor_id;
  if (row.conflict !== null) {
    const c = JSON.parse(row.conflict) as { before: unknown; after: unknown };
    override.conflict = {
      at: row.conflict_at ?? row.at,
      ...(c.before !== null ? { before: c.before } : {}),
      ...(c.after !== null ? { after: c.after } : {}),
    };
  }
  return override;
}
