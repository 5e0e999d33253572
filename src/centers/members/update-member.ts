/**
 * Editing a member: the whole profile is sealed again under the member's own key (the key does
 * not change, so nothing else needs rewriting) and the blind index follows the new name.
 */
import { sealJson } from '../../platform/crypto/envelope.js';
import { logMemberAccess, requirePermission } from '../access.js';
import type { DeskDeps } from '../deps.js';
import type { CenterAccess } from '../model.js';
import { blindTerm, namePrefixes } from './blind-index.js';
import { memberFromInput, type MemberInput } from './member-input.js';
import { sealContext } from './member-key.js';
import { centerIndexKey, memberKey, openMember } from './members.js';
import type { Member } from './model.js';

/** Replaces what the center keeps about a member with what the input says; the edit is logged. */
export async function updateMember(
  deps: DeskDeps,
  access: CenterAccess,
  memberId: string,
  input: MemberInput,
): Promise<Member> {
  requirePermission(access, 'member.write');
  const before = await openMember(deps, access, memberId);
  const now = deps.clock.now().toISOString();
  const { profile, engagement } = memberFromInput(
    { ...input, engagement: input.engagement ?? before.engagement },
    now.slice(0, 10),
  );
  const dataKey = await memberKey(deps, access, memberId);
  const centerId = access.center.id;
  const terms = namePrefixes(profile.chosenName).map((p) =>
    blindTerm(centerIndexKey(deps, centerId), p),
  );
  await deps.repos.transaction(async (repos) => {
    await repos.centerMembers.updateProfile({
      id: memberId,
      centerId,
      engagement,
      profile: sealJson(dataKey, profile, sealContext('member', memberId, 'profile')),
      updatedAt: now,
    });
    await repos.centerMembers.replaceTerms(centerId, memberId, terms);
    await logMemberAccess({ repos, clock: deps.clock }, access, 'member.update', [memberId]);
  });
  return {
    ...profile,
    id: memberId,
    centerId,
    engagement,
    createdAt: before.createdAt,
    updatedAt: now,
  };
}
