/**
 * Members of a center, pseudonymous by default: a chosen name and only what the member wants
 * kept. Everything here except the id, the engagement path and the dates is stored sealed.
 */

export const pathways = [
  'twelve_step',
  'smart',
  'medication',
  'faith_based',
  'harm_reduction',
  'natural',
  'other',
] as const;
export type Pathway = (typeof pathways)[number];

/** A brief check-in only, or full engagement (intake and a recovery plan). */
export const engagements = ['brief', 'full'] as const;
export type Engagement = (typeof engagements)[number];

export const contactChannels = ['phone', 'text', 'email'] as const;
export type ContactChannel = (typeof contactChannels)[number];

export const ageRanges = [
  'under_18',
  '18_24',
  '25_34',
  '35_44',
  '45_54',
  '55_64',
  '65_plus',
] as const;
export const genders = ['woman', 'man', 'non_binary', 'another', 'declined'] as const;
export const races = [
  'american_indian_alaska_native',
  'asian',
  'black_african_american',
  'native_hawaiian_pacific_islander',
  'white',
  'another',
  'declined',
] as const;
export const ethnicities = ['hispanic_latino', 'not_hispanic_latino', 'declined'] as const;

export interface MemberContact {
  phone?: string;
  email?: string;
  /** The member asked not to be contacted: no outreach, whatever else is kept. */
  doNotContact: boolean;
  preferredChannel?: ContactChannel;
}

/** Asked only for grant reports, each item optional. */
export interface MemberDemographics {
  ageRange?: (typeof ageRanges)[number];
  gender?: (typeof genders)[number];
  race?: (typeof races)[number][];
  ethnicity?: (typeof ethnicities)[number];
  veteran?: boolean;
  county?: string;
}

/** What is sealed under the member's data key. */
export interface MemberProfile {
  chosenName: string;
  contact?: MemberContact;
  demographics?: MemberDemographics;
  pathways: Pathway[];
  /** YYYY-MM-DD, only when the member wants one kept. */
  recoveryStartDate?: string;
}

export interface Member extends MemberProfile {
  id: string;
  centerId: string;
  engagement: Engagement;
  createdAt: string;
  updatedAt: string;
}
