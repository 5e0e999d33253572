import { InvalidArgumentError } from 'commander';
import { parseDuration } from '../platform/jobs/duration.js';

/** `--every never`: refreshed only when asked. */
export const never = 'never';

/**
 * `--every`: a duration of at least a minute, or `never`. Not null for `never`: commander turns
 * a parser's null into an empty string, which then read as an interval of zero.
 */
export function parseInterval(value: string): number | typeof never {
  if (/^(never|manual|off)$/i.test(value.trim())) return never;
  const seconds = parseDuration(value, 'h');
  if (seconds === undefined || seconds < 60)
    throw new InvalidArgumentError('an interval such as 30m, 4h or 1d (at least 1m), or "never"');
  return seconds;
}
