import type { Kysely } from 'kysely';
import { columns } from '../platform/database/columns.js';
import type { Database } from '../platform/database/schema.js';
import type { Referral, ReferralStatus } from './model.js';
import { withReferralTables, type ReferralDatabase, type ReferralsTable } from './tables.js';

/** A referral as stored: its sealed consent and shared items beside the clear fields. */
export interface StoredReferral extends Referral {
  sealedConsent: string;
  sealedShared: string;
  /** Its link's secret (absent for a referral made before links had their own). */
  sealedLinkSecret?: string;
  /** The language it was made in: its reminders are written in it (English when absent). */
  locale?: string;
}

export interface StoredReferralEvent {
  id: string;
  referralId: string;
  at: string;
  actor: 'staff' | 'recipient';
  actorId?: string;
  status: ReferralStatus;
  sealedNote?: string;
}

/** The only code that speaks SQL about referrals. */
export class ReferralRepository {
  private readonly db: Kysely<ReferralDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = withReferralTables(db);
  }

  async insert(referral: StoredReferral): Promise<void> {
    await this.db
      .insertInto('referrals')
      .values({
        ...plain.toRow(referral),
        consent: referral.sealedConsent,
        shared: referral.sealedShared,
        link_secret: referral.sealedLinkSecret ?? null,
        locale: referral.locale ?? null,
        // A new referral has no answer and no revocation yet, whatever the record says.
        first_answer_at: null,
        revoked_at: null,
      })
      .execute();
  }

  /** A referral by id; with a center, only one of that center. */
  async byId(id: string, centerId?: string): Promise<StoredReferral | undefined> {
    let query = this.db.selectFrom('referrals').selectAll().where('id', '=', id);
    if (centerId !== undefined) query = query.where('center_id', '=', centerId);
    const row = await query.executeTakeFirst();
    return row === undefined ? undefined : referralOf(row);
  }

  async update(
    id: string,
    change: {
      status?: ReferralStatus;
      updatedAt: string;
      firstAnswerAt?: string;
      consentState?: 'revoked' | 'expired';
      revokedAt?: string;
    },
  ): Promise<void> {
    await this.db
      .updateTable('referrals')
      .set({
        updated_at: change.updatedAt,
        ...(change.status !== undefined ? { status: change.status } : {}),
        ...(change.firstAnswerAt !== undefined ? { first_answer_at: change.firstAnswerAt } : {}),
        ...(change.consentState !== undefined ? { consent_state: change.consentState } : {}),
        ...(change.revokedAt !== undefined ? { revoked_at: change.revokedAt } : {}),
      })
      .where('id', '=', id)
      .execute();
  }

  /** Keeps a referral's sealed link secret (a rotation gives older referrals theirs). */
  async setLinkSecret(id: string, sealed: string): Promise<void> {
    await this.db
      .updateTable('referrals')
      .set({ link_secret: sealed })
      .where('id', '=', id)
      .execute();
  }

  /** A center's referrals whose link has no secret of its own yet. */
  async withoutLinkSecret(
    centerId: string,
  ): Promise<{ id: string; memberId: string; createdAt: string }[]> {
    const rows = await this.db
      .selectFrom('referrals')
      .select(['id', 'member_id', 'created_at'])
      .where('center_id', '=', centerId)
      .where('link_secret', 'is', null)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ id: r.id, memberId: r.member_id, createdAt: r.created_at }));
  }

  async addEvent(event: StoredReferralEvent): Promise<void> {
    await this.db
      .insertInto('referral_events')
      .values({
        id: event.id,
        referral_id: event.referralId,
        at: event.at,
        actor: event.actor,
        actor_id: event.actorId ?? null,
        status: event.status,
        note: event.sealedNote ?? null,
      })
      .execute();
  }

  async events(referralId: string): Promise<StoredReferralEvent[]> {
    const rows = await this.db
      .selectFrom('referral_events')
      .selectAll()
      .where('referral_id', '=', referralId)
      .orderBy('at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      referralId: r.referral_id,
      at: r.at,
      actor: r.actor as 'staff' | 'recipient',
      ...(r.actor_id !== null ? { actorId: r.actor_id } : {}),
      status: r.status as ReferralStatus,
      ...(r.note !== null ? { sealedNote: r.note } : {}),
    }));
  }

  /** What reports count: every referral of a center made in [start, end), clear fields only. */
  async madeBetween(
    centerId: string,
    start: string,
    end: string,
  ): Promise<
    { need: string | null; status: string; createdAt: string; firstAnswerAt: string | null }[]
  > {
    const rows = await this.db
      .selectFrom('referrals')
      .select(['need', 'status', 'created_at', 'first_answer_at'])
      .where('center_id', '=', centerId)
      .where('created_at', '>=', start)
      .where('created_at', '<', end)
      .execute();
    return rows.map((r) => ({
      need: r.need,
      status: r.status,
      createdAt: r.created_at,
      firstAnswerAt: r.first_answer_at,
    }));
  }

  /**
   * Referrals still waiting for the receiving organization's first answer, made in
   * [start, end), with their consent standing: what follow-up reminders are about.
   */
  async unansweredMadeBetween(start: string, end: string): Promise<StoredReferral[]> {
    const rows = await this.db
      .selectFrom('referrals')
      .selectAll()
      .where('status', '=', 'requested')
      .where('consent_state', '=', 'active')
      .where('created_at', '>=', start)
      .where('created_at', '<', end)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(referralOf);
  }

  /** A center's referrals, newest first. */
  async ofCenter(centerId: string, limit = 200): Promise<StoredReferral[]> {
    const rows = await this.db
      .selectFrom('referrals')
      .selectAll()
      .where('center_id', '=', centerId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(referralOf);
  }
}

/** The fields kept in the column of their name; the sealed parts' columns are named apart. */
const plain = columns([
  'id',
  'centerId',
  'memberId',
  'serviceId',
  'need',
  'status',
  'consentState',
  'consentExpiresOn',
  'createdBy',
  'createdAt',
  'updatedAt',
  'firstAnswerAt',
  'revokedAt',
]);

function referralOf(row: ReferralsTable): StoredReferral {
  return {
    ...plain.fromRow(row),
    status: row.status as ReferralStatus,
    consentState: row.consent_state as 'active' | 'revoked' | 'expired',
    sealedConsent: row.consent,
    sealedShared: row.shared,
    ...(row.link_secret !== null ? { sealedLinkSecret: row.link_secret } : {}),
    ...(row.locale !== null ? { locale: row.locale } : {}),
  };
}
