/**
 * Checks what a person sent for a member (the API's schema has already checked the shapes) and
 * turns it into a profile. Each refusal names its field.
 */
import { PorchlightError } from '../../platform/errors.js';
import { isEmail, normalizeEmail } from '../../accounts/model.js';
import type {
  Engagement,
  MemberContact,
  MemberDemographics,
  MemberProfile,
  Pathway,
} from './model.js';

/** What a request may say about a new member. */
export interface MemberInput {
  chosenName: string;
  engagement?: Engagement;
  contact?: {
    phone?: string;
    email?: string;
    doNotContact?: boolean;
    preferredChannel?: MemberContact['preferredChannel'];
  };
  demographics?: MemberDemographics;
  pathways?: Pathway[];
  recoveryStartDate?: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A valid calendar date (YYYY-MM-DD) not after `today`; the refusal names `field`. */
export function checkPastDate(value: string, today: string, field: string): string {
  const m = DATE.exec(value);
  const valid =
    m !== null &&
    new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value &&
    Number(m[1]) >= 1900;
  if (!valid)
    throw new PorchlightError('PL_INVALID_MEMBER', `${field} is not a date (YYYY-MM-DD).`, {
      field,
    });
  if (value > today)
    throw new PorchlightError('PL_DATE_IN_FUTURE', `${field} is in the future.`, { field });
  return value;
}

/** The profile and engagement path of a new member, checked. */
export function memberFromInput(
  input: MemberInput,
  today: string,
): { profile: MemberProfile; engagement: Engagement } {
  const chosenName = input.chosenName.trim().replace(/\s+/g, ' ');
  if (chosenName === '' || chosenName.length > 100)
    throw new PorchlightError('PL_INVALID_MEMBER', 'chosenName must have 1-100 characters.', {
      field: 'chosenName',
    });
  const profile: MemberProfile = {
    chosenName,
    pathways: [...new Set(input.pathways ?? [])],
  };
  if (input.contact !== undefined) profile.contact = contactFromInput(input.contact);
  if (input.demographics !== undefined) profile.demographics = input.demographics;
  if (input.recoveryStartDate !== undefined)
    profile.recoveryStartDate = checkPastDate(input.recoveryStartDate, today, 'recoveryStartDate');
  return { profile, engagement: input.engagement ?? 'brief' };
}

function contactFromInput(input: NonNullable<MemberInput['contact']>): MemberContact {
  const contact: MemberContact = { doNotContact: input.doNotContact ?? false };
  const phone = input.phone?.trim();
  if (phone !== undefined && phone !== '') {
    if (phone.replace(/\D/g, '').length < 7 || !/^[\d\s+().-]+$/.test(phone))
      throw new PorchlightError('PL_INVALID_MEMBER', 'contact.phone is not a phone number.', {
        field: 'contact.phone',
      });
    contact.phone = phone;
  }
  const email = input.email?.trim();
  if (email !== undefined && email !== '') {
    if (!isEmail(normalizeEmail(email)))
      throw new PorchlightError('PL_INVALID_MEMBER', 'contact.email is not an email address.', {
        field: 'contact.email',
      });
    contact.email = normalizeEmail(email);
  }
  if (input.preferredChannel !== undefined) contact.preferredChannel = input.preferredChannel;
  return contact;
}
