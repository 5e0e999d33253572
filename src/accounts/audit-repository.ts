import type { Kysely } from 'kysely';
import { columns } from '../platform/database/columns.js';
import type { Database } from '../platform/database/schema.js';
import type { AuditEntry } from './model.js';

/** The fields kept in the column of their name; the details are JSON. */
const plain = columns(['id', 'at', 'action', 'targetKind', 'actorId', 'targetId']);

/** The only code that speaks SQL about the audit log. Append-only: nothing here edits an entry. */
export class AuditRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async append(entry: AuditEntry): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({ ...plain.toRow(entry), details: JSON.stringify(entry.details) })
      .execute();
  }

  /** The newest entries first. */
  async recent(limit: number): Promise<AuditEntry[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      ...plain.fromRow(r),
      details: JSON.parse(r.details) as AuditEntry['details'],
    }));
  }
}
