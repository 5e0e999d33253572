/**
 * Recording encounters and front-desk check-ins. The note is sealed under the member's key and
 * shown only to roles that may read the member's record.
 */
import { randomUUID } from 'node:crypto';
import { seal } from '../../platform/crypto/envelope.js';
import { PorchlightError } from '../../platform/errors.js';
import { logMemberAccess, requirePermission } from '../access.js';
import type { DeskDeps } from '../deps.js';
import type { CenterAccess } from '../model.js';
import { pastInstant } from '../moments.js';
import { memberKey } from '../members/members.js';
import { sealContext } from '../members/member-key.js';
import { CHECK_IN_MINUTES, encounterTypes, type Encounter, type EncounterType } from './model.js';

export interface EncounterInput {
  type: EncounterType;
  occurredAt?: string;
  durationMinutes?: number;
  note?: string;
}

/** Records an encounter with a member of the caller's center. */
export async function recordEncounter(
  deps: DeskDeps,
  access: CenterAccess,
  memberId: string,
  input: EncounterInput,
): Promise<Encounter> {
  requirePermission(access, input.type === 'brief_check_in' ? 'checkin.record' : 'encounter.write');
  if (!(encounterTypes as readonly string[]).includes(input.type))
    throw new PorchlightError('PL_INVALID_ENCOUNTER', 'type is not an encounter type.', {
      field: 'type',
    });
  const duration =
    input.durationMinutes ?? (input.type === 'brief_check_in' ? CHECK_IN_MINUTES : 30);
  if (!Number.isInteger(duration) || duration < 0 || duration > 24 * 60)
    throw new PorchlightError('PL_INVALID_ENCOUNTER', 'durationMinutes must be 0-1440.', {
      field: 'durationMinutes',
    });
  const note = input.note?.trim();
  if (note !== undefined && note.length > 10_000)
    throw new PorchlightError('PL_INVALID_ENCOUNTER', 'note is longer than 10,000 characters.', {
      field: 'note',
    });
  // A volunteer may record a check-in without seeing the record, and no note.
  if (note !== undefined && note !== '') requirePermission(access, 'encounter.write');
  const now = deps.clock.now();
  const occurredAt = pastInstant(input.occurredAt, now, 'occurredAt', 'PL_INVALID_ENCOUNTER');
  const dataKey = await memberKey(deps, access, memberId);
  const id = randomUUID();
  const encounter: Encounter = {
    id,
    memberId,
    type: input.type,
    occurredAt,
    durationMinutes: duration,
    recordedBy: access.personId,
    createdAt: now.toISOString(),
    ...(note !== undefined && note !== '' ? { note } : {}),
  };
  await deps.repos.transaction(async (repos) => {
    await repos.centerEncounters.insert({
      ...encounter,
      centerId: access.center.id,
      ...(encounter.note !== undefined
        ? { note: seal(dataKey, encounter.note, sealContext('encounter', id, 'note')) }
        : {}),
    });
    await logMemberAccess({ repos, clock: deps.clock }, access, 'encounter.create', [memberId]);
  });
  return encounter;
}

/** The front desk's check-in: a brief encounter, now. */
export function recordCheckIn(
  deps: DeskDeps,
  access: CenterAccess,
  memberId: string,
): Promise<Encounter> {
  return recordEncounter(deps, access, memberId, { type: 'brief_check_in' });
}
