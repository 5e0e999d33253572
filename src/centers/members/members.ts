/**
 * Registering, reading and finding members. Names and everything else a member tells are
 * sealed under the member's own key before they reach storage; every read is logged (who,
 * when, which member), and nothing of a member is ever logged or thrown in an error message.
 */
import { randomUUID } from 'node:crypto';
import { openJson, sealJson } from '../../platform/crypto/envelope.js';
import { PorchlightError } from '../../platform/errors.js';
import { logMemberAccess, requirePermission } from '../access.js';
import type { DeskDeps } from '../deps.js';
import type { CenterAccess } from '../model.js';
import { blindTerm, nameMatches, namePrefixes, queryPrefixes } from './blind-index.js';
import { memberFromInput, type MemberInput } from './member-input.js';
import { newMemberKey, openMemberKey, sealContext } from './member-key.js';
import type { StoredMember } from './member-repository.js';
import type { Member, MemberProfile } from './model.js';

/** The blind-index key of one center. */
export function centerIndexKey(deps: Pick<DeskDeps, 'keyring'>, centerId: string): Buffer {
  return deps.keyring().deriveKey(`center-name-index:${centerId}`);
}

/** Registers a member; returns the member as stored (and readable by the caller). */
export async function registerMember(
  deps: DeskDeps,
  access: CenterAccess,
  input: MemberInput,
): Promise<Member> {
  requirePermission(access, 'member.write');
  const now = deps.clock.now().toISOString();
  const { profile, engagement } = memberFromInput(input, now.slice(0, 10));
  const id = randomUUID();
  const centerId = access.center.id;
  const { dataKey, stored: key } = newMemberKey(deps.keyring(), centerId, id, now);
  const stored: StoredMember = {
    id,
    centerId,
    engagement,
    profile: sealJson(dataKey, profile, sealContext('member', id, 'profile')),
    createdAt: now,
    updatedAt: now,
  };
  const indexKey = centerIndexKey(deps, centerId);
  const terms = namePrefixes(profile.chosenName).map((p) => blindTerm(indexKey, p));
  await deps.repos.transaction(async (repos) => {
    await repos.centerMembers.insert(stored, key, terms);
    await logMemberAccess({ repos, clock: deps.clock }, access, 'member.create', [id]);
  });
  return { ...profile, id, centerId, engagement, createdAt: now, updatedAt: now };
}

/** One member's record; the read is logged. */
export async function readMember(
  deps: DeskDeps,
  access: CenterAccess,
  memberId: string,
): Promise<Member> {
  requirePermission(access, 'member.read');
  const member = await openMember(deps, access, memberId);
  await logMemberAccess(deps, access, 'member.read', [memberId]);
  return member;
}

/** A member of the caller's center, opened; PL_MEMBER_NOT_FOUND otherwise. Not logged. */
export async function openMember(
  deps: DeskDeps,
  access: CenterAccess,
  memberId: string,
): Promise<Member> {
  const stored = await deps.repos.centerMembers.byId(access.center.id, memberId);
  if (stored === undefined) throw new PorchlightError('PL_MEMBER_NOT_FOUND');
  const dataKey = openMemberKey(
    deps.keyring(),
    await deps.repos.centerMembers.keyOf(access.center.id, memberId),
  );
  return openStoredMember(stored, dataKey);
}

/** The data key of a member of the caller's center; PL_MEMBER_NOT_FOUND otherwise. */
export async function memberKey(
  deps: DeskDeps,
  access: CenterAccess,
  memberId: string,
): Promise<Buffer> {
  const stored = await deps.repos.centerMembers.keyOf(access.center.id, memberId);
  const exists = await deps.repos.centerMembers.byId(access.center.id, memberId);
  if (exists === undefined) throw new PorchlightError('PL_MEMBER_NOT_FOUND');
  return openMemberKey(deps.keyring(), stored);
}

/** A member as the front desk sees them in a search: the chosen name, nothing else. */
export interface MemberMatch {
  id: string;
  chosenName: string;
  engagement: Member['engagement'];
}

/**
 * Members whose chosen name has words beginning with each typed word (two letters at least),
 * by name; each member listed is logged as found.
 */
export async function findMembers(
  deps: DeskDeps,
  access: CenterAccess,
  query: string,
  limit = 20,
): Promise<MemberMatch[]> {
  requirePermission(access, 'member.find');
  const prefixes = queryPrefixes(query);
  if (prefixes.length === 0) return [];
  const indexKey = centerIndexKey(deps, access.center.id);
  const centerId = access.center.id;
  // Truncated terms may collide; a few spare candidates cover what the check below drops.
  const found = await deps.repos.centerMembers.withAllTermsAndKeys(
    centerId,
    prefixes.map((p) => blindTerm(indexKey, p)),
    limit * 2 + 10,
  );
  const keyring = deps.keyring();
  const matches: MemberMatch[] = [];
  for (const { member: stored, key } of found) {
    const member = openStoredMember(stored, openMemberKey(keyring, key));
    if (nameMatches(member.chosenName, query))
      matches.push({ id: member.id, chosenName: member.chosenName, engagement: member.engagement });
  }
  matches.sort((a, b) => a.chosenName.localeCompare(b.chosenName) || a.id.localeCompare(b.id));
  const page = matches.slice(0, limit);
  await logMemberAccess(
    deps,
    access,
    'member.find',
    page.map((m) => m.id),
  );
  return page;
}

/** A stored member opened with its data key. */
export function openStoredMember(stored: StoredMember, dataKey: Buffer): Member {
  const profile = openJson<MemberProfile>(
    dataKey,
    stored.profile,
    sealContext('member', stored.id, 'profile'),
  );
  return {
    ...profile,
    id: stored.id,
    centerId: stored.centerId,
    engagement: stored.engagement,
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
  };
}
