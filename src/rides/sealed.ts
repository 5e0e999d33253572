/**
 * Sealing what rides know about people, with the center desk's envelope encryption (decision
 * 0090): each driver and each ride has a random data key of its own, stored only wrapped by the
 * master key; a driver's contact and a rider's contact and pickup are sealed under it, bound to
 * the record and field. Purging a ride drops its sealed details and its key together. Link
 * secrets and codes are kept as hashes (`newToken`, `hashToken` of src/accounts/tokens.ts).
 */
import { randomInt } from 'node:crypto';
import { newDataKey, openJson, sealJson } from '../platform/crypto/envelope.js';
import type { Keyring } from '../platform/crypto/keyring.js';
import type { Contact, RiderDetails } from './model.js';

/** A fresh data key for a ride record (`driver` or `ride`), with its wrapped form. */
export function newRecordKey(
  keyring: Keyring,
  kind: 'driver' | 'ride',
  id: string,
): { dataKey: Buffer; wrappedKey: string; keyId: string } {
  const dataKey = newDataKey();
  const { wrapped, keyId } = keyring.wrapKey(dataKey, `${kind}:${id}`);
  return { dataKey, wrappedKey: wrapped, keyId };
}

/** Unwraps a ride record's data key. */
export function openRecordKey(
  keyring: Keyring,
  kind: 'driver' | 'ride',
  id: string,
  stored: { wrappedKey: string; keyId: string },
): Buffer {
  return keyring.unwrapKey(stored.wrappedKey, stored.keyId, `${kind}:${id}`);
}

/** What is sealed of a driver: how to reach them, and their page's link once approved. */
export interface DriverSecrets {
  contact: Contact;
  link?: string;
}

export function sealDriverSecrets(
  dataKey: Buffer,
  driverId: string,
  secrets: DriverSecrets,
): string {
  return sealJson(dataKey, secrets, `driver:${driverId}:contact`);
}

export function openDriverSecrets(
  dataKey: Buffer,
  driverId: string,
  sealed: string,
): DriverSecrets {
  return openJson<DriverSecrets>(dataKey, sealed, `driver:${driverId}:contact`);
}

export function sealRiderDetails(dataKey: Buffer, rideId: string, details: RiderDetails): string {
  return sealJson(dataKey, details, `ride:${rideId}:details`);
}

export function openRiderDetails(dataKey: Buffer, rideId: string, sealed: string): RiderDetails {
  return openJson<RiderDetails>(dataKey, sealed, `ride:${rideId}:details`);
}

/** The six-digit code a rider types to confirm: it proves the contact given is theirs. */
export function newConfirmCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}
