/**
 * A change someone without an account proposes: a correction to a meeting (a per-field diff
 * against the meeting as it was shown) or a new meeting. Plain data, no I/O.
 */
import type { MeetingDraft } from '../../meetings/model.js';
import type { Locale } from '../../web/i18n/locales.js';
import type { FieldChange } from '../history/meeting-fields.js';

export const changeRequestKinds = ['correction', 'new'] as const;
export type ChangeRequestKind = (typeof changeRequestKinds)[number];

export const changeRequestStatuses = ['open', 'approved', 'rejected'] as const;
export type ChangeRequestStatus = (typeof changeRequestStatuses)[number];

export interface ChangeRequest {
  id: string;
  kind: ChangeRequestKind;
  /** The meeting a correction is about. */
  meetingId?: string;
  /** The body a new meeting was proposed for, once a reviewer places it. */
  serviceBodyId?: string;
  changes: FieldChange[];
  /** The whole proposed meeting, for a new one. */
  draft?: MeetingDraft;
  /** What the submitter wrote to the editors. */
  note?: string;
  /**
   * Where to send the outcome, as submitted. Personal data: stored sealed, never read back with
   * the request (only `ChangeRequestRepository.submitterEmail` opens it, for the reviewer who
   * closes the request), and erased when the request closes.
   */
  email?: string;
  /** True when the submitter left an address for the outcome (the queue shows only that). */
  wantsOutcome?: boolean;
  /** The language the submitter used (the outcome mail is written in it). */
  locale: Locale;
  status: ChangeRequestStatus;
  /** Why it was rejected. */
  reason?: string;
  createdAt: string;
  closedAt?: string;
  /** The person who closed it. */
  closedBy?: string;
}

/** Longest note a submitter may write. */
export const MAX_NOTE = 2000;
/** Longest rejection reason. */
export const MAX_REASON = 2000;
