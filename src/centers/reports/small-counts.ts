/**
 * Small counts leave the center only as "fewer than 11": a count of 1 to 10 people (or of
 * things that happened to so few) can point at someone in a small town. Zero says nothing about
 * anyone and is shown as it is.
 */

export const SMALL_COUNT_LIMIT = 11;
export const FEWER_THAN_11 = 'fewer than 11';

export type ReportedCount = number | typeof FEWER_THAN_11;

/** The count as it may leave the center. */
export function reportCount(n: number): ReportedCount {
  return n > 0 && n < SMALL_COUNT_LIMIT ? FEWER_THAN_11 : n;
}

/** A figure derived from `people` people, shown only when there are enough of them. */
export function reportFigure(value: number, people: number): number | typeof FEWER_THAN_11 {
  return people < SMALL_COUNT_LIMIT ? FEWER_THAN_11 : value;
}
