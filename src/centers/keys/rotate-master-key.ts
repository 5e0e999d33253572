/**
 * Rotating the master key: every member's data key, and the data key of every pending
 * delivery, ride driver, ride and space supporter, is unwrapped with the old master key and wrapped with the new
 * one, and every chosen-name index term is recomputed (the index key derives from the master key). The sealed
 * records themselves do not change: their data keys do not. All of it happens in one
 * transaction, so the database is wholly on one key or the other.
 */
import type { Keyring } from '../../platform/crypto/keyring.js';
import type { Repositories } from '../../repositories.js';
import { blindTerm, namePrefixes } from '../members/blind-index.js';
import { openMemberKey } from '../members/member-key.js';
import { centerIndexKey, openStoredMember } from '../members/members.js';

/** What a rotation did. */
export interface RotationReport {
  centers: number;
  keysRewrapped: number;
  /** Data keys of pending deliveries rewrapped (their payloads are sealed too). */
  deliveryKeysRewrapped: number;
  /** Data keys of ride drivers and rides (their contacts and pickups are sealed under them). */
  rideKeysRewrapped: number;
  /** Data keys of space supporters (their contacts are sealed under them). */
  supporterKeysRewrapped: number;
  fromKeyId: string;
  toKeyId: string;
}

/**
 * Rewraps every data key under `next` (which must also hold the old key, as a previous key)
 * and recomputes every index term; `onProgress` hears each center done.
 */
export async function rotateMasterKey(
  repos: Repositories,
  current: Keyring,
  next: Keyring,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<RotationReport> {
  return repos.transaction(async (trx) => {
    const centers = await trx.centers.list();
    let rewrapped = 0;
    for (const [i, center] of centers.entries()) {
      const keys = new Map(
        (await trx.centerMembers.keysOfCenter(center.id)).map((k) => [k.memberId, k]),
      );
      const indexKey = centerIndexKey({ keyring: () => next }, center.id);
      for (const member of await trx.centerMembers.allOfCenter(center.id)) {
        const stored = keys.get(member.id);
        if (stored === undefined) continue;
        const dataKey = openMemberKey(current, stored);
        const { wrapped, keyId } = next.wrapKey(dataKey, `member:${center.id}:${member.id}`);
        await trx.centerMembers.rewrapKey({ ...stored, wrappedKey: wrapped, masterKeyId: keyId });
        const { chosenName } = openStoredMember(member, dataKey);
        await trx.centerMembers.replaceTerms(
          center.id,
          member.id,
          namePrefixes(chosenName).map((p) => blindTerm(indexKey, p)),
        );
        rewrapped += 1;
      }
      onProgress(i + 1, centers.length);
    }
    const deliveryKeysRewrapped = await trx.deliveries.rewrapKeys(current, next);
    const rideKeysRewrapped = await trx.rides.rewrapKeys(current, next);
    const supporterKeysRewrapped = await trx.spaceSupporters.rewrapKeys(current, next);
    return {
      deliveryKeysRewrapped,
      rideKeysRewrapped,
      supporterKeysRewrapped,
      centers: centers.length,
      keysRewrapped: rewrapped,
      fromKeyId: current.keyId,
      toKeyId: next.keyId,
    };
  });
}
