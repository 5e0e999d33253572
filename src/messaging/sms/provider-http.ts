/**
 * What the text adapters share: one POST to the provider with a time limit, and the reading of
 * its status into the delivery failure kinds. Neither the number nor the words reach a log or
 * an error message; the provider's own error code does (Twilio's 21211 says what went wrong
 * without saying to whom).
 */
import type { Clock } from '../../platform/clock.js';
import { deliveryFailure } from '../../platform/delivery/failure.js';
import type { PorchlightError } from '../../platform/errors.js';

export interface ProviderAnswer {
  status: number;
  headers: Headers;
  body: string;
}

/** POSTs to the provider; a network failure or timeout is a retryable PL_SMS_UNAVAILABLE. */
export async function postToProvider(
  url: string,
  init: { headers: Record<string, string>; body: string },
  timeoutMs: number,
): Promise<ProviderAnswer> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: init.headers,
      body: init.body,
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    throw deliveryFailure(
      'PL_SMS_UNAVAILABLE',
      timedOut
        ? 'The text provider did not answer in time.'
        : 'The text provider could not be reached.',
      { retryable: true },
    );
  }
  return { status: response.status, headers: response.headers, body: await response.text() };
}

/**
 * Reads an error status: bad credentials (401, 403) wait for the operator; too many requests
 * (429) and the provider's own trouble (5xx) are tried again, after the wait it asked for; any
 * other 4xx refuses this message for good. `detail` is the provider's error code, if it gave one.
 */
export function providerFailure(
  answer: ProviderAnswer,
  provider: string,
  clock: Clock,
  detail?: string,
): PorchlightError {
  const said = `${provider} answered ${answer.status}${detail !== undefined ? `, error ${detail}` : ''}`;
  if (answer.status === 401 || answer.status === 403)
    return deliveryFailure(
      'PL_SMS_AUTH_FAILED',
      `The text provider refused the credentials (${said}).`,
      {
        retryable: true,
      },
    );
  if (answer.status === 429 || answer.status >= 500) {
    const wait = retryAfter(answer.headers.get('retry-after'), clock);
    return deliveryFailure(
      'PL_SMS_UNAVAILABLE',
      `The text provider could not take the message now (${said}).`,
      {
        retryable: true,
        ...(wait !== undefined ? { retryAfterMs: wait } : {}),
      },
    );
  }
  return deliveryFailure('PL_SMS_REJECTED', `The text provider refused the message (${said}).`, {
    retryable: false,
  });
}

/** `Retry-After` in seconds or as an HTTP date, in milliseconds from now; capped at a day. */
export function retryAfter(value: string | null, clock: Clock): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  const ms = /^\d+$/.test(trimmed)
    ? Number(trimmed) * 1000
    : Date.parse(trimmed) - clock.now().getTime();
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(Math.max(ms, 0), 86_400_000);
}

/** E.164: a plus, a country code that does not start with 0, at most 15 digits in all. */
export const e164 = /^\+[1-9]\d{1,14}$/;
