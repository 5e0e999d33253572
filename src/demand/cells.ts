/**
 * Where and when a search counts, coarsely: a cell of 0.1 degree of latitude by 0.1 degree of
 * longitude (about 11 km north to south, 8 km east to west in the northern United States) and
 * an ISO week. Nothing finer is ever kept (decision 0108).
 */
import { Temporal } from 'temporal-polyfill';

/** Cells per degree. */
const PER_DEGREE = 10;

/** The cell a point falls in, named by its south-west corner in tenths of a degree. */
export function cellOf(point: { latitude: number; longitude: number }): string {
  const row = Math.floor(point.latitude * PER_DEGREE);
  const column = Math.floor(point.longitude * PER_DEGREE);
  return `${row},${column}`;
}

/** The middle of a cell, to two decimals (the cell is all that is known anyway). */
export function cellCentre(cell: string): { latitude: number; longitude: number } {
  const [row, column] = cell.split(',').map(Number) as [number, number];
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    latitude: round((row + 0.5) / PER_DEGREE),
    longitude: round((column + 0.5) / PER_DEGREE),
  };
}

/** The ISO week ("2026-W50") of an instant, read in UTC: the day, never the hour, matters. */
export function isoWeekOf(instant: Date): string {
  const date = Temporal.Instant.fromEpochMilliseconds(instant.getTime())
    .toZonedDateTimeISO('UTC')
    .toPlainDate();
  return isoWeekOfDate(date);
}

/** The ISO week of a calendar date (YYYY-MM-DD or a PlainDate). */
export function isoWeekOfDate(date: Temporal.PlainDate | string): string {
  const day = typeof date === 'string' ? Temporal.PlainDate.from(date) : date;
  // The ISO week's year is that of its Thursday.
  const thursday = day.add({ days: 4 - day.dayOfWeek });
  const week = Math.ceil(thursday.dayOfYear / 7);
  return `${thursday.year}-W${String(week).padStart(2, '0')}`;
}
