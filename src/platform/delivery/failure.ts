/**
 * How every delivery channel (mail, text messages, push) reports a failed send: a
 * PorchlightError with a stable code, and whether sending the same message again may work (the
 * server was down, busy or slow) or never will (it refused the message or the recipient). The
 * delivery queue retries the first kind with backoff and dead-letters the second at once.
 */
import { isPorchlightError, PorchlightError, type ErrorCode } from '../errors.js';

export interface FailureKind {
  /** True when the same message may go through later. */
  retryable: boolean;
  /** When the other side said how long to wait (an HTTP `Retry-After`), in milliseconds. */
  retryAfterMs?: number;
}

/** A failed send. The message must not name the recipient or quote the content. */
export function deliveryFailure(
  code: ErrorCode,
  message: string,
  kind: FailureKind,
): PorchlightError {
  return new PorchlightError(code, message, { ...kind });
}

/**
 * Whether a thrown value may succeed on a later attempt. A failure a channel did not classify
 * (a bug, a dropped connection) counts as retryable: the queue's attempt limit still ends it.
 */
export function isRetryable(error: unknown): boolean {
  if (!isPorchlightError(error)) return true;
  return error.details?.retryable !== false;
}

/** The wait the other side asked for, if it asked. */
export function requestedWait(error: unknown): number | undefined {
  if (!isPorchlightError(error)) return undefined;
  const wait = error.details?.retryAfterMs;
  return typeof wait === 'number' && Number.isFinite(wait) && wait >= 0 ? wait : undefined;
}
