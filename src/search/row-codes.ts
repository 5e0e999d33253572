/**
 * The small codes the search index stores per meeting and a query compares against: attendance
 * as bits, status and kind codes, the tags the facets count, the per-row flags, and the markers
 * of the occurrence columns. Index and query both import them from here, so the two sides read
 * the same bit as the same thing.
 */
import type { Attendance } from '../meetings/model.js';
import type { AttendanceFilter } from './query.js';

/** Attendance filter values a meeting satisfies, as bits. */
export const ATT_IN_PERSON = 1;
export const ATT_ONLINE = 2;
export const ATT_HYBRID = 4;
export const ATT_PHONE = 8;

/** The attendance bits of a meeting: the filter values it satisfies. */
export function attendanceBits(attendance: Attendance, hasPhone: boolean): number {
  let bits = 0;
  switch (attendance) {
    case 'in_person':
      bits = ATT_IN_PERSON;
      break;
    case 'hybrid':
      bits = ATT_IN_PERSON | ATT_ONLINE | ATT_HYBRID;
      break;
    case 'online':
      bits = ATT_ONLINE;
      break;
  }
  return hasPhone ? bits | ATT_PHONE : bits;
}

/** The bits of attendance filter values: a meeting passes when it shares one. */
export function attendanceMask(values: readonly AttendanceFilter[]): number {
  let mask = 0;
  for (const v of values) {
    if (v === 'in_person') mask |= ATT_IN_PERSON;
    else if (v === 'online') mask |= ATT_ONLINE;
    else if (v === 'hybrid') mask |= ATT_HYBRID;
    else if (v === 'phone') mask |= ATT_PHONE;
  }
  return mask;
}

export const STATUS_ACTIVE = 0;
/** A removed row: skipped everywhere until the next build drops it. */
export const STATUS_REMOVED = 255;

/** A meeting that can be attended at a place (in person, hybrid): found by distance. */
export const KIND_PLACE = 0;
/** An online-only or phone-only meeting: no place, no distance. */
export const KIND_REMOTE = 1;

/** The tags a result page counts, as bits (at most 16: a row keeps them in a Uint16Array). */
export const facetTags = [
  'women',
  'men',
  'young_people',
  'lgbtq',
  'wheelchair',
  'people_of_color',
  'black',
  'indigenous',
  'seniors',
  'veterans',
] as const;
export type FacetTag = (typeof facetTags)[number];
export const TAG_WHEELCHAIR = 1 << facetTags.indexOf('wheelchair');

/** Per-row flags: what a result summary says about the place and the ways to join. */
export const FLAG_APPROXIMATE = 1;
export const FLAG_URL = 2;
export const FLAG_PHONE = 4;
/** The coordinates are a ZIP code's or town's centre: searched by, not shown as a position. */
export const FLAG_CENTRED = 16;

/** The primary subtag of a BCP-47 tag, lower case (`es-MX` -> `es`): what language filters match. */
export function primarySubtag(tag: string): string {
  return (tag.split(/[-_]/, 1)[0] ?? tag).toLowerCase();
}

/** A recurrence that never occurs (by appointment, or one the schedule maths rejects). */
export const NO_MINUTE = 0xffff;
/** The longest duration the schedule maths accepts: an occurrence can start this long before "now". */
export const MAX_DURATION_MINUTES = 1440;

/** Flag of a remote meeting's occurrence in the timeline's `rec` column (positions stay below it). */
export const TIMELINE_REMOTE = 0x8000;
/** A timeline entry whose meeting's facet signature does not fit the `sig` column. */
export const TIMELINE_NO_SIGNATURE = 0xffff;
