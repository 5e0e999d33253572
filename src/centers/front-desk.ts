/**
 * The front desk's day: who checked in. A volunteer at the door sees the chosen names of the
 * day's check-ins (what they need to greet people), nothing else; each name shown is logged.
 */
import { logMemberAccess, requirePermission } from './access.js';
import type { DeskDeps } from './deps.js';
import { openMemberKey } from './members/member-key.js';
import { openStoredMember } from './members/members.js';
import type { CenterAccess } from './model.js';

export interface DeskCheckIn {
  encounterId: string;
  memberId: string;
  chosenName: string;
  at: string;
}

/** The check-ins from `start` (included) to `end` (excluded), oldest first. */
export async function checkInsBetween(
  deps: DeskDeps,
  access: CenterAccess,
  start: string,
  end: string,
): Promise<DeskCheckIn[]> {
  requirePermission(access, 'member.find');
  const centerId = access.center.id;
  const encounters = await deps.repos.centerEncounters.ofCenterBetween(
    centerId,
    'brief_check_in',
    start,
    end,
  );
  const ids = [...new Set(encounters.map((e) => e.memberId))];
  const [members, keys] = await Promise.all([
    deps.repos.centerMembers.byIds(centerId, ids),
    deps.repos.centerMembers.keysOf(centerId, ids),
  ]);
  const keyring = deps.keyring();
  const keyOf = new Map(keys.map((k) => [k.memberId, k]));
  const names = new Map<string, string>();
  for (const stored of members) {
    const key = keyOf.get(stored.id);
    if (key !== undefined)
      names.set(stored.id, openStoredMember(stored, openMemberKey(keyring, key)).chosenName);
  }
  const listed = encounters.flatMap((e) => {
    const chosenName = names.get(e.memberId);
    return chosenName === undefined
      ? []
      : [{ encounterId: e.id, memberId: e.memberId, chosenName, at: e.occurredAt }];
  });
  await logMemberAccess(deps, access, 'desk.day', [...new Set(listed.map((c) => c.memberId))]);
  return listed;
}
