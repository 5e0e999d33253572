import { PorchlightError } from '../../platform/errors.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date (YYYY-MM-DD), past or future (a goal's due date); the refusal names `field`. */
export function checkFutureOrPastDate(value: string, field: string): string {
  const m = DATE.exec(value);
  const valid =
    m !== null &&
    !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
    new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value &&
    Number(m[1]) >= 1900 &&
    Number(m[1]) <= 2200;
  if (!valid)
    throw new PorchlightError('PL_INVALID_GOAL', `${field} is not a date (YYYY-MM-DD).`, { field });
  return value;
}
