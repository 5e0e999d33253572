import type { Kysely } from 'kysely';
import type { Database } from '../platform/database/schema.js';
import type { AuditEntry } from './model.js';

/** The only code that speaks SQL about the audit log. Append-only: nothing here edits an entry. */
export class AuditRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async append(entry: AuditEntry): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        id: entry.id,
        at: entry.at,
        actor_id: entry.actorId ?? null,
        action: entry.action,
        target_kind: entry.targetKind,
        target_id: entry.targetId ?? null,
        details: JSON.stringify(entry.details),
      })
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
      id: r.id,
      at: r.at,
      action: r.action,
      targetKind: r.target_kind,
      details: JSON.parse(r.details) as AuditEntry['details'],
      ...(r.actor_id !== null ? { actorId: r.actor_id } : {}),
      ...(r.target_id !== null ? { targetId: r.target_id } : {}),
    }));
  }
}
