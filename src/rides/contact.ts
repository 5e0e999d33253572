/**
 * How a rider or a driver is reached, read from what a person typed: a text-message number (a
 * US number may be written as people write it) or an email address.
 */
import { isEmail, normalizeEmail } from '../accounts/model.js';
import { e164 } from '../messaging/sms/provider-http.js';
import type { Contact } from './model.js';

/** The contact, or undefined when the value is not a number or an address of that channel. */
export function readContact(channel: unknown, value: unknown, name?: unknown): Contact | undefined {
  if (typeof value !== 'string') return undefined;
  const named =
    typeof name === 'string' && name.trim() !== '' ? { name: name.trim().slice(0, 80) } : {};
  if (channel === 'email') {
    const email = normalizeEmail(value);
    return isEmail(email) ? { channel: 'email', email, ...named } : undefined;
  }
  if (channel === 'sms') {
    const phone = phoneNumber(value);
    return phone === undefined ? undefined : { channel: 'sms', phone, ...named };
  }
  return undefined;
}

/** E.164 from `+1 413 555 0123`, `(413) 555-0123` or `413.555.0123` (ten digits: the US). */
export function phoneNumber(text: string): string | undefined {
  const digits = text.replace(/[\s().-]/g, '');
  if (e164.test(digits)) return digits;
  if (/^\d{10}$/.test(digits)) return `+1${digits}`;
  if (/^1\d{10}$/.test(digits)) return `+${digits}`;
  return undefined;
}

/** The contact as a coordinator's list or a driver's page may show it. */
export function contactText(contact: Contact): string {
  const address = contact.channel === 'sms' ? contact.phone : contact.email;
  return contact.name === undefined ? address : `${contact.name}, ${address}`;
}
