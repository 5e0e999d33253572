import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { MeetingDraft } from '../../meetings/model.js';
import { columns } from '../../platform/database/columns.js';
import type { ChangeRequestsTable, Database } from '../../platform/database/schema.js';
import { isLocale } from '../../web/i18n/locales.js';
import type { FieldChange } from '../history/meeting-fields.js';
import type { FormTokenUse } from './form-timing.js';
import type { ChangeRequest, ChangeRequestKind, ChangeRequestStatus } from './model.js';

const FORM_KEY = 'form_signing_key';

/** The only code that speaks SQL about change requests. */
export class ChangeRequestRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(request: ChangeRequest): Promise<void> {
    await this.db.insertInto('change_requests').values(toRow(request)).execute();
  }

  async byId(id: string): Promise<ChangeRequest | undefined> {
    const row = await this.db
      .selectFrom('change_requests')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : fromRow(row);
  }

  /** Open requests, oldest first (the queue's order). */
  async open(limit = 500): Promise<ChangeRequest[]> {
    const rows = await this.db
      .selectFrom('change_requests')
      .selectAll()
      .where('status', '=', 'open')
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(fromRow);
  }

  /**
   * Closes an open request and forgets the submitter's address in the same statement; false when
   * it was no longer open (another reviewer was quicker).
   */
  async close(
    id: string,
    outcome: {
      status: Exclude<ChangeRequestStatus, 'open'>;
      reason?: string;
      at: string;
      by: string;
    },
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('change_requests')
      .set({
        status: outcome.status,
        reason: outcome.reason ?? null,
        closed_at: outcome.at,
        closed_by: outcome.by,
        email: null,
      })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /**
   * Records a public form's token as used; false when it already was (a replay, sent to this
   * process or another: the primary key decides). Tokens past their expiry are dropped first.
   */
  async useFormToken(use: FormTokenUse, now: string): Promise<boolean> {
    await this.db.deleteFrom('used_form_tokens').where('expires_at', '<', now).execute();
    const result = await this.db
      .insertInto('used_form_tokens')
      .values({ token_hash: use.tokenHash, expires_at: use.expiresAt })
      .onConflict((oc) => oc.column('token_hash').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  /**
   * The key that signs public forms' timestamps, made on first use and shared through the
   * database, so every process accepts a form any of them served.
   */
  async formSigningKey(): Promise<string> {
    const read = async () =>
      (
        await this.db
          .selectFrom('store_meta')
          .select('value')
          .where('key', '=', FORM_KEY)
          .executeTakeFirst()
      )?.value;
    const found = await read();
    if (found !== undefined) return found;
    await this.db
      .insertInto('store_meta')
      .values({ key: FORM_KEY, value: randomBytes(32).toString('base64url') })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    return (await read())!;
  }
}

/** The fields kept in the column of their name; JSON and narrowed values are converted below. */
const plain = columns([
  'id',
  'kind',
  'changes',
  'status',
  'locale',
  'createdAt',
  'meetingId',
  'serviceBodyId',
  'note',
  'email',
  'reason',
  'closedAt',
  'closedBy',
]);

function toRow(r: ChangeRequest): ChangeRequestsTable {
  return {
    ...plain.toRow(r),
    changes: JSON.stringify(r.changes),
    draft: r.draft === undefined ? null : JSON.stringify(r.draft),
  };
}

function fromRow(row: Selectable<ChangeRequestsTable>): ChangeRequest {
  const r: ChangeRequest = {
    ...plain.fromRow(row),
    kind: row.kind as ChangeRequestKind,
    changes: JSON.parse(row.changes) as FieldChange[],
    status: row.status as ChangeRequestStatus,
    locale: isLocale(row.locale) ? row.locale : 'en',
  };
  if (row.draft !== null) r.draft = JSON.parse(row.draft) as MeetingDraft;
  return r;
}
