/**
 * Rotating the master key: every member's data key, and the data key of every pending
 * delivery, ride driver, ride and space supporter, is unwrapped with the old master key and wrapped with the new
 * one, and every chosen-name index term is recomputed (the index key derives from the master key). The sealed
 * records themselves do not change: their data keys do not, so referral links signed with their
 * own sealed secrets keep working; the few signed under the old derived key get theirs kept. All of it happens in one
 * transaction, so the database is wholly on one key or the other.
 */
import { sealJson } from '../../platform/crypto/envelope.js';
import type { Keyring } from '../../platform/crypto/keyring.js';
import {
  legacyLinkKey,
  linkExpiry,
  signReferralLink,
  type LinkSecret,
} from '../../referrals/link-token.js';
import type { Repositories } from '../../repositories.js';
import { blindTerm, namePrefixes } from '../members/blind-index.js';
import { openMemberKey, sealContext } from '../members/member-key.js';
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
  /**
   * Referrals made before links had secrets of their own, whose link (signed under a key
   * derived from the retiring master key) was kept, sealed under the member's key.
   */
  referralLinksKept: number;
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
    let linksKept = 0;
    const oldLinkKey = legacyLinkKey(current);
    for (const [i, center] of centers.entries()) {
      const keys = new Map(
        (await trx.centerMembers.keysOfCenter(center.id)).map((k) => [k.memberId, k]),
      );
      // Links sent before each referral had its own secret were signed under a key derived
      // from the master key: keep each one's signature, so the link still opens afterwards.
      const unkept = new Map<string, { id: string; createdAt: string }[]>();
      for (const r of await trx.referrals.withoutLinkSecret(center.id))
        unkept.set(r.memberId, [...(unkept.get(r.memberId) ?? []), r]);
      const indexKey = centerIndexKey({ keyring: () => next }, center.id);
      for (const member of await trx.centerMembers.allOfCenter(center.id)) {
        const stored = keys.get(member.id);
        if (stored === undefined) continue;
        const dataKey = openMemberKey(current, stored);
        for (const referral of unkept.get(member.id) ?? []) {
          const expires = linkExpiry(referral.createdAt);
          const link = signReferralLink(oldLinkKey, referral.id, expires);
          const secret: LinkSecret = { signature: link.slice(link.lastIndexOf('.') + 1), expires };
          await trx.referrals.setLinkSecret(
            referral.id,
            sealJson(dataKey, secret, sealContext('referral', referral.id, 'link')),
          );
          linksKept += 1;
        }
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
      referralLinksKept: linksKept,
      centers: centers.length,
      keysRewrapped: rewrapped,
      fromKeyId: current.keyId,
      toKeyId: next.keyId,
    };
  });
}
