/** Volunteer shifts: a time at the center that needs people, and who signed up. */

export interface Shift {
  id: string;
  centerId: string;
  title: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  createdBy?: string;
  createdAt: string;
}

/** A shift as the calendar shows it to one staff member. */
export interface ShiftView extends Shift {
  /** The emails of who signed up, in sign-up order. */
  signedUp: string[];
  /** Whether the viewer is one of them. */
  mine: boolean;
}
