/**
 * Bot protection without a third party: the public forms carry the time they were served and a
 * random nonce, signed with a server key. A form sent back sooner than a person could fill it,
 * later than a day, for another purpose, or with an altered time is refused. (The honeypot field
 * is the other half.) The nonce makes each served form's token unique, so a token can be spent
 * once: the caller records it as used (see `FormTokenUse`) when the form does its work.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { PorchlightError } from '../../platform/errors.js';
import { hashToken, sameSecret } from '../../accounts/tokens.js';

/** The field that carries the signed time. */
export const FORM_TIME_FIELD = 'form_time';
/** The honeypot: hidden from people, filled in by form-spamming robots. */
export const HONEYPOT_FIELD = 'website';

export interface FormTiming {
  /** Fastest plausible fill by a person. */
  minimumMs: number;
  /** Oldest form accepted. */
  maximumMs: number;
}

export const defaultFormTiming: FormTiming = { minimumMs: 3_000, maximumMs: 24 * 3600_000 };

/** The signed time (and nonce) for a form serving `purpose` (e.g. the meeting it corrects). */
export function signFormTime(key: string, purpose: string, now: Date): string {
  const t = String(now.getTime());
  const nonce = randomBytes(12).toString('base64url');
  return `${t}.${nonce}.${mac(key, purpose, t, nonce)}`;
}

/** A checked token, to be recorded as used: its hash, and when it would expire anyway. */
export interface FormTokenUse {
  tokenHash: string;
  expiresAt: string;
}

/**
 * Throws PL_FORM_EXPIRED (altered, other purpose, too old) or PL_FORM_TOO_FAST; otherwise returns
 * what to record so that the same token is refused next time.
 */
export function checkFormTime(
  key: string,
  purpose: string,
  token: string,
  now: Date,
  timing: FormTiming = defaultFormTiming,
): FormTokenUse {
  const [t = '', nonce = '', signature = '', extra] = token.split('.', 4);
  if (
    extra !== undefined ||
    !/^\d{1,15}$/.test(t) ||
    !/^[A-Za-z0-9_-]{16}$/.test(nonce) ||
    !sameSecret(signature, mac(key, purpose, t, nonce))
  )
    throw new PorchlightError('PL_FORM_EXPIRED');
  const age = now.getTime() - Number(t);
  if (age > timing.maximumMs || age < -60_000) throw new PorchlightError('PL_FORM_EXPIRED');
  if (age < timing.minimumMs) throw new PorchlightError('PL_FORM_TOO_FAST');
  return {
    tokenHash: hashToken(`${purpose}\u0000${token}`),
    expiresAt: new Date(Number(t) + timing.maximumMs).toISOString(),
  };
}

function mac(key: string, purpose: string, t: string, nonce: string): string {
  return createHmac('sha256', key)
    .update(`porchlight form v2\u0000${purpose}\u0000${t}\u0000${nonce}`)
    .digest('base64url');
}
