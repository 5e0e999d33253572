/** Encounters between staff and a member; a front-desk check-in is the briefest of them. */

export const encounterTypes = [
  'brief_check_in',
  'follow_up_engagement',
  'care_coordination',
  'group_session',
  'phone_text_outreach',
  'discharge',
] as const;
export type EncounterType = (typeof encounterTypes)[number];

/** Minutes a check-in counts for when none are given (a brief word at the door). */
export const CHECK_IN_MINUTES = 5;

export interface Encounter {
  id: string;
  memberId: string;
  type: EncounterType;
  occurredAt: string;
  durationMinutes: number;
  /** Visible to staff with a need to know only; stored sealed. */
  note?: string;
  recordedBy?: string;
  createdAt: string;
}
