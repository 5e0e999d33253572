/**
 * Referrals and their consent. A referral's status is a FHIR Task status as the SDOH Clinical
 * Care guide uses them; the consent holds every element 42 CFR 2.31 requires of a written
 * consent to disclose, and the notice against redisclosure 2.32 requires with each disclosure.
 * Pure types and functions (docs/decisions/0098-referral-consent-and-links.md).
 */
import { PorchlightError } from '../platform/errors.js';

export const referralStatuses = [
  'draft',
  'requested',
  'accepted',
  'rejected',
  'cancelled',
  'on-hold',
  'in-progress',
  'failed',
  'completed',
  'entered-in-error',
] as const;
export type ReferralStatus = (typeof referralStatuses)[number];

/** Statuses after which nothing changes (but entered-in-error, for a mistake). */
export const finalStatuses: readonly ReferralStatus[] = [
  'rejected',
  'cancelled',
  'failed',
  'completed',
  'entered-in-error',
];

/** What the receiving organization may move a referral to, from each status. */
const recipientMoves: Partial<Record<ReferralStatus, readonly ReferralStatus[]>> = {
  requested: ['accepted', 'rejected'],
  accepted: ['in-progress', 'completed', 'rejected', 'on-hold'],
  'in-progress': ['completed', 'failed', 'on-hold'],
  'on-hold': ['in-progress', 'completed', 'failed'],
};

export const recipientStatuses = [
  'accepted',
  'rejected',
  'in-progress',
  'on-hold',
  'completed',
  'failed',
] as const;
export type RecipientStatus = (typeof recipientStatuses)[number];

export function recipientMayMove(from: ReferralStatus, to: ReferralStatus): boolean {
  return recipientMoves[from]?.includes(to) ?? false;
}

/** What of the member a consent lets the receiving organization see. */
export const shareableItems = ['name', 'phone', 'email', 'reason'] as const;
export type ShareableItem = (typeof shareableItems)[number];

/** A consent to disclose, element by element as 42 CFR 2.31(a) lists them. */
export interface Consent {
  /** (a)(1) the name of the patient. */
  memberName: string;
  /** (a)(2) who may make the disclosure (the program, by name or general designation). */
  discloser: string;
  /** (a)(3) how much and what kind of information, in words, and the items it allows. */
  information: { description: string; shares: ShareableItem[] };
  /** (a)(4) to whom: the recipient's name. */
  recipient: string;
  /** (a)(5) the purpose of the disclosure. */
  purpose: string;
  /** (a)(6) the right to revoke, and how. */
  revocation: string;
  /** (a)(7) the date, event or condition on which it expires (a date, an event, or both). */
  expiry: { date?: string; event?: string };
  /** (a)(8)-(9) the patient's signature and the date signed (electronic). */
  signature: { signedBy: string; signedAt: string; method: 'electronic' };
  /** 42 CFR 2.32: the notice that goes with every disclosure. */
  redisclosureNotice: string;
}

/** The 2.32 notice, offered when a form does not bring its own words. */
export const REDISCLOSURE_NOTICE =
  '42 CFR part 2 prohibits unauthorized use or disclosure of these records.';

type Json = Record<string, unknown>;

function missing(field: string): never {
  throw new PorchlightError('PL_CONSENT_INCOMPLETE', { field }, { field });
}

function textAt(value: Json, key: string, field: string): string {
  const v = value[key];
  if (typeof v !== 'string' || v.trim() === '') missing(field);
  if (v.length > 2000)
    throw new PorchlightError('PL_INVALID_BODY', `${field} is longer than 2000 characters.`, {
      field,
    });
  return v.trim();
}

function objectAt(value: Json, key: string, field: string): Json {
  const v = value[key];
  if (typeof v !== 'object' || v === null || Array.isArray(v)) missing(field);
  return v as Json;
}

/**
 * The consent of a request body, checked element by element; the first missing element is a
 * PL_CONSENT_INCOMPLETE naming its field (`consent.purpose`, `consent.signature.signedAt`).
 * `today` (YYYY-MM-DD) refuses a consent that expired before it was given.
 */
export function readConsent(body: unknown, today: string): Consent {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) missing('consent');
  const c = body as Json;
  const memberName = textAt(c, 'memberName', 'consent.memberName');
  const discloser = textAt(c, 'discloser', 'consent.discloser');
  const information = objectAt(c, 'information', 'consent.information');
  const description = textAt(information, 'description', 'consent.information.description');
  const sharesRaw = information.shares;
  if (!Array.isArray(sharesRaw) || sharesRaw.length === 0) missing('consent.information.shares');
  const shares = sharesRaw.map((item) => {
    if (!(shareableItems as readonly unknown[]).includes(item)) {
      throw new PorchlightError(
        'PL_INVALID_BODY',
        `consent.information.shares may hold ${shareableItems.join(', ')}; "${String(item).slice(0, 40)}" is none of them.`,
        { field: 'consent.information.shares' },
      );
    }
    return item as ShareableItem;
  });
  const recipient = textAt(c, 'recipient', 'consent.recipient');
  const purpose = textAt(c, 'purpose', 'consent.purpose');
  const revocation = textAt(c, 'revocation', 'consent.revocation');
  const expiryRaw = objectAt(c, 'expiry', 'consent.expiry');
  const date =
    typeof expiryRaw.date === 'string' && expiryRaw.date.trim() !== ''
      ? expiryRaw.date.trim()
      : undefined;
  const event =
    typeof expiryRaw.event === 'string' && expiryRaw.event.trim() !== ''
      ? expiryRaw.event.trim()
      : undefined;
  if (date === undefined && event === undefined) missing('consent.expiry');
  if (date !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) {
      throw new PorchlightError(
        'PL_INVALID_BODY',
        'consent.expiry.date must be a date, YYYY-MM-DD.',
        { field: 'consent.expiry.date' },
      );
    }
    if (date < today) {
      throw new PorchlightError('PL_INVALID_BODY', 'consent.expiry.date is in the past.', {
        field: 'consent.expiry.date',
      });
    }
  }
  const signature = objectAt(c, 'signature', 'consent.signature');
  const signedBy = textAt(signature, 'signedBy', 'consent.signature.signedBy');
  const signedAt = textAt(signature, 'signedAt', 'consent.signature.signedAt');
  if (Number.isNaN(Date.parse(signedAt))) {
    throw new PorchlightError(
      'PL_INVALID_BODY',
      'consent.signature.signedAt must be a date and time (ISO 8601).',
      { field: 'consent.signature.signedAt' },
    );
  }
  if (signature.method !== 'electronic') missing('consent.signature.method');
  const redisclosureNotice = textAt(c, 'redisclosureNotice', 'consent.redisclosureNotice');
  return {
    memberName,
    discloser,
    information: { description, shares: [...new Set(shares)] },
    recipient,
    purpose,
    revocation,
    expiry: { ...(date !== undefined ? { date } : {}), ...(event !== undefined ? { event } : {}) },
    signature: { signedBy, signedAt: new Date(signedAt).toISOString(), method: 'electronic' },
    redisclosureNotice,
  };
}

/** What the receiving organization sees of the member: only what the consent allows. */
export interface SharedWithRecipient {
  name?: string;
  phone?: string;
  email?: string;
  reason?: string;
}

export interface ReferralEvent {
  id: string;
  at: string;
  actor: 'staff' | 'recipient';
  actorId?: string;
  status: ReferralStatus;
  note?: string;
}

export interface Referral {
  id: string;
  centerId: string;
  memberId: string;
  serviceId: string;
  need?: string;
  status: ReferralStatus;
  /** `expired`: the ending event the consent names happened (the coach said so). */
  consentState: 'active' | 'revoked' | 'expired';
  consentExpiresOn?: string;
  createdBy?: string;
  createdAt: string;
  updatedAt: string;
  firstAnswerAt?: string;
  revokedAt?: string;
}
