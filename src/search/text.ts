/**
 * Search text: how a meeting's words and a person's words are folded so that "Cafe" finds
 * "Café" and "st marks" finds "St. Mark's Church". The index and the brute-force reference both
 * use these functions, so they cannot disagree on what a word is.
 *
 * Decision: a query word matches when it begins a word of the meeting's text ("green" finds
 * "Greenfield", "field" does not). Word prefixes can be answered from a sorted dictionary with a
 * binary search at national scale; arbitrary substrings would need a scan of every word.
 */
import type { Meeting } from '../meetings/model.js';

const LATIN_MARKS = /[\u0300-\u036f]/g;
const APOSTROPHES = /['\u2018\u2019\u02bc`]/g;
const SEPARATORS = /[^\p{L}\p{N}\p{M}]+/u;
const NON_ASCII = /[^\p{ASCII}]/u;
const ASCII_SEPARATORS = /[^a-z0-9]+/;

/** At most this many distinct words of a query are compared (a query is at most 200 chars). */
export const MAX_QUERY_WORDS = 30;

/**
 * The words of a text, folded: lower-case, Latin accents and apostrophes removed, split on
 * anything that is not a letter, digit or mark. Marks of other scripts are kept (they change
 * the word).
 */
export function searchWords(text: string): string[] {
  if (!NON_ASCII.test(text)) {
    // The common case, without Unicode normalisation: same result for ASCII text.
    let lower = text.toLowerCase();
    if (lower.includes("'") || lower.includes('`')) lower = lower.replace(APOSTROPHES, '');
    return lower.split(ASCII_SEPARATORS).filter((word) => word !== '');
  }
  const folded = text
    .normalize('NFD')
    .replace(LATIN_MARKS, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(APOSTROPHES, '');
  return folded.split(SEPARATORS).filter((word) => word !== '');
}

/** The distinct words of a person's query, in order, at most {@link MAX_QUERY_WORDS}. */
export function queryWords(text: string): string[] {
  return [...new Set(searchWords(text))].slice(0, MAX_QUERY_WORDS);
}

/**
 * Calls `visit` with each text of a meeting that a free-text search looks in: name, place,
 * address, town, regions, group, notes. `repeats` says whether the text is of a kind many
 * meetings share (a town, a group name), which an index may cache.
 */
export function forEachMeetingSearchText(
  meeting: Meeting,
  visit: (text: string, repeats: boolean) => void,
): void {
  const { place } = meeting;
  const { address } = place;
  const at = (text: string | undefined, repeats: boolean): void => {
    if (text !== undefined && text !== '') visit(text, repeats);
  };
  at(meeting.name, true);
  at(place.name, true);
  at(place.formattedAddress, false);
  // A formatted address already holds the street, region and postal code.
  if (place.formattedAddress === undefined) {
    at(address.street, false);
    at(address.region, true);
    at(address.postalCode, true);
  }
  at(address.city, true);
  for (const region of place.regions) at(region, true);
  at(meeting.group.name, true);
  at(meeting.notes, false);
}

/** The texts of a meeting that a free-text search looks in (see {@link forEachMeetingSearchText}). */
export function meetingSearchTexts(meeting: Meeting): string[] {
  const texts: string[] = [];
  forEachMeetingSearchText(meeting, (text) => texts.push(text));
  return texts;
}
