/**
 * Bot protection without a third party: the public forms carry the time they were served, signed
 * with a server key. A form sent back sooner than a person could fill it, later than a day, for
 * another purpose, or with an altered time is refused. (The honeypot field is the other half.)
 */
import { createHmac } from 'node:crypto';
import { PorchlightError } from '../../platform/errors.js';
import { sameSecret } from '../tokens.js';

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

/** The signed time for a form serving `purpose` (e.g. the meeting it corrects). */
export function signFormTime(key: string, purpose: string, now: Date): string {
  const t = String(now.getTime());
  return `${t}.${mac(key, purpose, t)}`;
}

/** Throws PL_FORM_EXPIRED (altered, other purpose, too old) or PL_FORM_TOO_FAST. */
export function checkFormTime(
  key: string,
  purpose: string,
  token: string,
  now: Date,
  timing: FormTiming = defaultFormTiming,
): void {
  const [t = '', signature = ''] = token.split('.', 2);
  if (!/^\d{1,15}$/.test(t) || !sameSecret(signature, mac(key, purpose, t)))
    throw new PorchlightError('PL_FORM_EXPIRED');
  const age = now.getTime() - Number(t);
  if (age > timing.maximumMs || age < -60_000) throw new PorchlightError('PL_FORM_EXPIRED');
  if (age < timing.minimumMs) throw new PorchlightError('PL_FORM_TOO_FAST');
}

function mac(key: string, purpose: string, t: string): string {
  return createHmac('sha256', key)
    .update(`porchlight form v1\u0000${purpose}\u0000${t}`)
    .digest('base64url');
}
