import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { MeetingDraft } from '../../meetings/model.js';
import { open as openSealed, seal } from '../../platform/crypto/envelope.js';
import type { Keyring } from '../../platform/crypto/keyring.js';
import { columns } from '../../platform/database/columns.js';
import type { ChangeRequestsTable, Database } from '../../platform/database/schema.js';
import { isLocale } from '../../web/i18n/locales.js';
import type { FieldChange } from '../history/meeting-fields.js';
import type { FormTokenUse } from './form-timing.js';
import type { ChangeRequest, ChangeRequestKind, ChangeRequestStatus } from './model.js';

const FORM_KEY = 'form_signing_key';

/**
 * The only code that speaks SQL about change requests. The submitter's address is sealed here
 * (migration 0013) and read back only through {@link submitterEmail}: a request as listed or
 * read carries `wantsOutcome`, never the address.
 */
export class ChangeRequestRepository {
  private key: Buffer | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    /** The master keyring, asked for when an address is sealed or opened. */
    private readonly keyring: () => Keyring = noKeyring,
  ) {}

  private emailKey(keyring?: Keyring): Buffer {
    if (keyring !== undefined) return keyring.deriveKey(emailPurpose);
    return (this.key ??= this.keyring().deriveKey(emailPurpose));
  }

  async insert(request: ChangeRequest): Promise<void> {
    const { email, ...rest } = request;
    await this.db
      .insertInto('change_requests')
      .values({
        ...toRow(rest),
        email_sealed:
          email === undefined ? null : seal(this.emailKey(), email, emailContext(request.id)),
      })
      .execute();
  }

  /**
   * The address a request's submitter left, opened for the reviewer about to close it (the
   * caller has checked that they may); undefined when none was left or the request is closed.
   */
  async submitterEmail(id: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('change_requests')
      .select(['email', 'email_sealed'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (row?.email_sealed != null)
      return openSealed(this.emailKey(), row.email_sealed, emailContext(id)).toString('utf8');
    return row?.email ?? undefined;
  }

  /**
   * Seals the addresses of requests written before 0013, which hold them in the clear; run when
   * the store opens with the keyring. Returns how many were sealed.
   */
  async sealPlainEmails(): Promise<number> {
    const rows = await this.db
      .selectFrom('change_requests')
      .select(['id', 'email'])
      .where('email', 'is not', null)
      .execute();
    for (const row of rows) {
      await this.db
        .updateTable('change_requests')
        .set({ email: null, email_sealed: seal(this.emailKey(), row.email!, emailContext(row.id)) })
        .where('id', '=', row.id)
        .where('email', '=', row.email)
        .execute();
    }
    return rows.length;
  }

  /**
   * Re-seals every address under the key of a new master key (the key is derived from it, so a
   * rotation must carry them over), in one transaction.
   */
  async resealEmails(from: Keyring, to: Keyring): Promise<number> {
    const [before, after] = [this.emailKey(from), this.emailKey(to)];
    return this.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('change_requests')
        .select(['id', 'email_sealed'])
        .where('email_sealed', 'is not', null)
        .execute();
      for (const row of rows) {
        const context = emailContext(row.id);
        const email = openSealed(before, row.email_sealed!, context);
        await trx
          .updateTable('change_requests')
          .set({ email_sealed: seal(after, email, context) })
          .where('id', '=', row.id)
          .execute();
      }
      return rows.length;
    });
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
        email_sealed: null,
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
  'reason',
  'closedAt',
  'closedBy',
]);

const emailPurpose = 'change-request-email';
/** Binds a sealed address to its request: it cannot be moved to another row. */
const emailContext = (id: string) => `change-request-email:${id}`;

function noKeyring(): Keyring {
  throw new Error('this store was opened without the master key: it cannot seal an email');
}

function toRow(r: Omit<ChangeRequest, 'email'>): Omit<ChangeRequestsTable, 'email_sealed'> {
  return {
    ...plain.toRow(r),
    email: null,
    changes: JSON.stringify(r.changes),
    draft: r.draft === undefined ? null : JSON.stringify(r.draft),
  };
}

function fromRow(row: Selectable<ChangeRequestsTable>): ChangeRequest {
  const { email, email_sealed, ...rest } = row;
  const r: ChangeRequest = {
    ...plain.fromRow(rest),
    kind: row.kind as ChangeRequestKind,
    changes: JSON.parse(row.changes) as FieldChange[],
    status: row.status as ChangeRequestStatus,
    locale: isLocale(row.locale) ? row.locale : 'en',
  };
  if (row.draft !== null) r.draft = JSON.parse(row.draft) as MeetingDraft;
  if (email !== null || email_sealed !== null) r.wantsOutcome = true;
  return r;
}
