import type { Kysely, Selectable } from 'kysely';
import { columns } from '../platform/database/columns.js';
import type { Database, LinkChecksTable } from '../platform/database/schema.js';
import type { LinkCheckResult } from './link-check-target.js';

/** The last check of one meeting's conference link or dial-in. */
export interface LinkCheckRecord {
  meetingId: string;
  kind: 'url' | 'phone';
  /** What was checked: the link or dial string as it was then. */
  target: string;
  result: LinkCheckResult;
  httpStatus?: number;
  detail?: string;
  checkedAt: string;
}

const batch = 400;

/** The only code that speaks SQL about link checks. */
export class LinkCheckRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Every stored check (the link check chooses what to look at next from them). */
  async all(): Promise<LinkCheckRecord[]> {
    const rows = await this.db.selectFrom('link_checks').selectAll().execute();
    return rows.map(fromRow);
  }

  async forMeetings(ids: readonly string[]): Promise<LinkCheckRecord[]> {
    const found: LinkCheckRecord[] = [];
    for (let i = 0; i < ids.length; i += batch) {
      const rows = await this.db
        .selectFrom('link_checks')
        .selectAll()
        .where('meeting_id', 'in', ids.slice(i, i + batch))
        .execute();
      for (const row of rows) found.push(fromRow(row));
    }
    return found;
  }

  /** Stores checks, replacing the previous one of the same meeting and kind. */
  async record(checks: readonly LinkCheckRecord[]): Promise<void> {
    for (const check of checks) {
      const values = plain.toRow(check);
      await this.db
        .insertInto('link_checks')
        .values(values)
        .onConflict((oc) =>
          oc.columns(['meeting_id', 'kind']).doUpdateSet({
            target: values.target,
            result: values.result,
            http_status: values.http_status,
            detail: values.detail,
            checked_at: values.checked_at,
          }),
        )
        .execute();
    }
  }
}

/** The fields stored as they are; the kind and result are narrowed on the way back. */
const plain = columns([
  'meetingId',
  'kind',
  'target',
  'result',
  'checkedAt',
  'httpStatus',
  'detail',
]);

function fromRow(row: Selectable<LinkChecksTable>): LinkCheckRecord {
  const record: LinkCheckRecord = {
    ...plain.fromRow(row),
    kind: row.kind as LinkCheckRecord['kind'],
    result: row.result as LinkCheckResult,
  };
  if (row.http_status !== null) record.httpStatus = Number(row.http_status);
  return record;
}
