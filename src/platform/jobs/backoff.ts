/** How long a failing job waits before its next attempt. */
export interface BackoffPolicy {
  /** The wait after the first failure (default one minute). */
  baseMs: number;
  /** The longest wait, however many failures (default six hours). */
  capMs: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 60_000, capMs: 6 * 3_600_000 };

/**
 * The wait after `failures` consecutive failures: doubling from the base up to the cap, with
 * "equal jitter" (half fixed, half random) so that many sources failing together (an outage)
 * do not all come back in the same second; below the cap, each wait's range starts where the
 * previous one's ends, so waits never shrink. `random` is in [0, 1).
 */
export function backoffDelay(
  failures: number,
  policy: BackoffPolicy = defaultBackoff,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(failures, 1) - 1, 40);
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
