import { Temporal } from 'temporal-polyfill';
import { localDateIn } from '../../meetings/time-zone.js';
import { PorchlightError } from '../../platform/errors.js';

/** A report period: whole days of the center's time zone, `from` to `to` inclusive. */
export interface ReportPeriod {
  from: string;
  to: string;
  /** The bounds as instants: `start` included, `end` (the day after `to`) excluded. */
  start: string;
  end: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function day(value: string, field: string): Date {
  const at = new Date(`${value}T00:00:00.000Z`);
  if (!DATE.test(value) || Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== value)
    throw new PorchlightError('PL_INVALID_QUERY', `${field} is not a date (YYYY-MM-DD).`, {
      field,
    });
  return at;
}

/**
 * Checks a period from a query; at most ten years long, `from` not after `to`. Its bounds are
 * the starts of those days in the center's zone (a day of 23 or 25 hours around a DST change).
 */
export function parsePeriod(from: string, to: string, timeZone = 'UTC'): ReportPeriod {
  const first = day(from, 'from');
  const last = day(to, 'to');
  if (last < first)
    throw new PorchlightError('PL_INVALID_QUERY', 'to is before from.', { field: 'to' });
  if (last.getTime() - first.getTime() >= 3660 * 86_400_000)
    throw new PorchlightError('PL_INVALID_QUERY', 'A report covers at most ten years.', {
      field: 'to',
    });
  const next = new Date(last.getTime() + 86_400_000).toISOString().slice(0, 10);
  return { from, to, start: startOfDay(from, timeZone), end: startOfDay(next, timeZone) };
}

/**
 * A single day from a query (`on`), or the center's today, as the UTC midnight of that date: a
 * plain calendar day that day arithmetic can count on.
 */
export function parseDay(
  value: string | undefined,
  now: Date,
  field: string,
  timeZone = 'UTC',
): Date {
  return value === undefined
    ? new Date(`${localDateIn(now.getTime(), timeZone)}T00:00:00.000Z`)
    : day(value, field);
}

/** The instant a calendar date begins in a time zone, as stored instants are written. */
export function startOfDay(date: string, timeZone: string): string {
  const instant = Temporal.PlainDate.from(date).toZonedDateTime({ timeZone }).toInstant();
  return new Date(instant.epochMilliseconds).toISOString();
}

/** The bounds of the day an instant falls on in a time zone. */
export function dayBounds(now: Date, timeZone = 'UTC'): { start: string; end: string } {
  const date = localDateIn(now.getTime(), timeZone);
  const next = Temporal.PlainDate.from(date).add({ days: 1 }).toString();
  return { start: startOfDay(date, timeZone), end: startOfDay(next, timeZone) };
}
