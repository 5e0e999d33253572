/** Assessments of a member on a published instrument; the BARC-10 is the first. */

export const instruments = ['barc-10'] as const;
export type Instrument = (typeof instruments)[number];

export interface Assessment {
  id: string;
  memberId: string;
  instrument: Instrument;
  takenAt: string;
  answers: number[];
  total: number;
  recordedBy?: string;
  createdAt: string;
}
