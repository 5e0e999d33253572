/**
 * The schedule sheet: what a printed schedule says, as plain data in one language, before any
 * layout. Built by `buildScheduleSheet` from the matches of a search; laid out by the renderer.
 */
import type { Meeting, Weekday } from '../meetings/model.js';
import type { Locale } from '../web/i18n/locales.js';

export const paperSizes = ['letter', 'a4'] as const;
export type PaperSize = (typeof paperSizes)[number];

/** One line of the schedule: a meeting at one local start on one weekday. */
export interface SheetEntry {
  slug: string;
  /** The local weekday in the meeting's own zone; absent for "by appointment". */
  weekday?: Weekday;
  /** Minutes after local midnight, in the meeting's zone (the sort key within a day). */
  startMinute: number;
  /** The local start as the locale writes it ("7:00 PM"), or '' for "by appointment". */
  time: string;
  /** The meeting's IANA zone. */
  timeZone: string;
  /** The zone in words, only when it differs from the sheet's zone. */
  zoneLabel?: string;
  name: string;
  /** How to take part: "In person", "Online and by phone", ... */
  attendance: string;
  /** Venue and address, or the town only for approximate places. */
  where?: string;
  /** The dial-in number with the codes to enter after it. */
  dial?: string;
  dialNotes?: string;
  /** Where to find the join link: the meeting's page. */
  online?: string;
  /** Only for schedules that are not weekly: "2nd and 4th Tuesday of the month". */
  recurrence?: string;
  /** Program, types, languages and distance in one line. */
  details?: string;
  /** Temporarily closed or inactive, when the search included those. */
  status?: string;
}

export interface SheetDay {
  weekday: Weekday;
  /** "Tuesday", "Martes". */
  heading: string;
  entries: SheetEntry[];
}

/** A run of days: the matches, then (for the rural fallback) farther and remote suggestions. */
export interface SheetSection {
  heading?: string;
  note?: string;
  days: SheetDay[];
  /** Meetings without a weekly time, listed after the days. */
  byAppointment: SheetEntry[];
}

export interface ScheduleSheet {
  locale: Locale;
  /** "Meetings near Greenfield, MA within 25 miles". */
  title: string;
  /** The other filters of the search, one phrase each. */
  filters: string[];
  /** "Printed March 8, 2026. The current list: https://..." */
  printed: string;
  /** "153 meetings." */
  count: string;
  /** How times read: "Times are local, in Eastern Time, unless another zone is shown." */
  zoneNote: string;
  /** Present when the list stops at the cap. */
  capped?: string;
  /** Present when nothing matched. */
  empty?: string;
  sections: SheetSection[];
  helpHeading: string;
  helpLines: string[];
  /** For the page footer: the site's name and address. */
  site: string;
  /** The heading of the "by appointment" list. */
  byAppointmentHeading: string;
}

/** A match of the search with its full meeting, as the sheet builder receives it. */
export interface PrintMatch {
  meeting: Meeting;
  /** Great-circle km from the searched place, for meetings with a room. */
  distanceKm?: number;
  /** The recurrence of the qualifying occurrence, for searches about one moment or date. */
  recurrenceIndex?: number;
}

/** The rural fallback's suggestions, with full meetings. */
export interface PrintFallback {
  inPersonWithinRadius: number;
  threshold: number;
  nearestBeyond: PrintMatch[];
  remote: PrintMatch[];
}
