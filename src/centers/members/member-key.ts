/**
 * Each member's data key: 32 random bytes that seal everything written about the member, kept
 * only wrapped by the master key. Erasing a member destroys this row; then no copy of the
 * database (a backup included) can open what was sealed under it.
 */
import { newDataKey } from '../../platform/crypto/envelope.js';
import type { Keyring } from '../../platform/crypto/keyring.js';
import { PorchlightError } from '../../platform/errors.js';
import type { StoredMemberKey } from './member-repository.js';

/** What a sealed field of a member is bound to: its record and its field. */
export function sealContext(kind: string, id: string, field: string): string {
  return `${kind}:${id}:${field}`;
}

/** A new data key for a member and its stored (wrapped) form. */
export function newMemberKey(
  keyring: Keyring,
  centerId: string,
  memberId: string,
  createdAt: string,
): { dataKey: Buffer; stored: StoredMemberKey } {
  const dataKey = newDataKey();
  const { wrapped, keyId } = keyring.wrapKey(dataKey, `member:${centerId}:${memberId}`);
  return {
    dataKey,
    stored: { memberId, centerId, wrappedKey: wrapped, masterKeyId: keyId, createdAt },
  };
}

/** Unwraps a member's data key; a missing key means the member was erased (not found). */
export function openMemberKey(keyring: Keyring, stored: StoredMemberKey | undefined): Buffer {
  if (stored === undefined) throw new PorchlightError('PL_MEMBER_NOT_FOUND');
  return keyring.unwrapKey(
    stored.wrappedKey,
    stored.masterKeyId,
    `member:${stored.centerId}:${stored.memberId}`,
  );
}
