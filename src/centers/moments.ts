import { PorchlightError, type ErrorCode } from '../platform/errors.js';

/** How far ahead of the server's clock a sent time may be (a tablet's clock runs fast). */
export const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The instant a request gives (ISO 8601 with a zone), or `now` when it gives none; a time in
 * the future is refused with PL_DATE_IN_FUTURE naming the field.
 */
export function pastInstant(
  value: string | undefined,
  now: Date,
  field: string,
  invalid: ErrorCode,
): string {
  if (value === undefined) return now.toISOString();
  const at = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(at.getTime()))
    throw new PorchlightError(invalid, `${field} is not a date and time (ISO 8601).`, { field });
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS)
    throw new PorchlightError('PL_DATE_IN_FUTURE', `${field} is in the future.`, { field });
  return at.toISOString();
}
