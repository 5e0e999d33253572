import { PorchlightError } from '../../platform/errors.js';

/** A report period: whole days, `from` to `to` inclusive (UTC days). */
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

/** Checks a period from a query; at most ten years long, `from` not after `to`. */
export function parsePeriod(from: string, to: string): ReportPeriod {
  const start = day(from, 'from');
  const last = day(to, 'to');
  if (last < start)
    throw new PorchlightError('PL_INVALID_QUERY', 'to is before from.', { field: 'to' });
  const end = new Date(last.getTime() + 86_400_000);
  if (end.getTime() - start.getTime() > 3660 * 86_400_000)
    throw new PorchlightError('PL_INVALID_QUERY', 'A report covers at most ten years.', {
      field: 'to',
    });
  return { from, to, start: start.toISOString(), end: end.toISOString() };
}

/** A single day from a query (`on`), or today. */
export function parseDay(value: string | undefined, now: Date, field: string): Date {
  return value === undefined
    ? new Date(now.toISOString().slice(0, 10) + 'T00:00:00.000Z')
    : day(value, field);
}

/** The day an instant falls on, as the bounds of that whole day. */
export function dayBounds(now: Date): { start: string; end: string } {
  const start = new Date(now.toISOString().slice(0, 10) + 'T00:00:00.000Z');
  return { start: start.toISOString(), end: new Date(start.getTime() + 86_400_000).toISOString() };
}
