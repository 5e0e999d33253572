/** The referrals' tables as Kysely sees them (migration 0041). Sealed columns hold `v1.` text. */
import type { Kysely } from 'kysely';
import type { Database } from '../platform/database/schema.js';

export interface ReferralsTable {
  id: string;
  center_id: string;
  member_id: string;
  service_id: string;
  need: string | null;
  status: string;
  consent_state: string;
  consent_expires_on: string | null;
  consent: string;
  shared: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  first_answer_at: string | null;
  revoked_at: string | null;
  /** The link's own secret, sealed under the member's data key (migration 0045). */
  link_secret: string | null;
  /** The language the referral was made in, `en` or `es` (migration 0045). */
  locale: string | null;
}

export interface ReferralEventsTable {
  id: string;
  referral_id: string;
  at: string;
  actor: string;
  actor_id: string | null;
  status: string;
  note: string | null;
}

export type ReferralDatabase = Database & {
  referrals: ReferralsTable;
  referral_events: ReferralEventsTable;
};

export function withReferralTables(db: Kysely<Database>): Kysely<ReferralDatabase> {
  return db as unknown as Kysely<ReferralDatabase>; // eslint-disable-line @typescript-eslint/no-unnecessary-type-assertion -- the tables exist from migration 0041 on
}
