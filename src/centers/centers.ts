/**
 * Creating centers and keeping their staff. Only the operator's command line creates a center
 * (whoever runs it controls the server); a center's administrators manage its staff.
 */
import { randomUUID } from 'node:crypto';
import { findOrCreatePerson, parseEmail } from '../accounts/people.js';
import type { Clock } from '../platform/clock.js';
import { PorchlightError } from '../platform/errors.js';
import type { Repositories } from '../repositories.js';
import { requirePermission } from './access.js';
import {
  isCenterSlug,
  isStaffRole,
  type Center,
  type CenterAccess,
  type StaffRole,
} from './model.js';

type Deps = { repos: Repositories; clock: Clock };

/** Creates a center with its first administrator (an account is made for a new email). */
export async function createCenter(
  deps: Deps,
  input: { slug: string; name: string; adminEmail: string; timeZone?: string },
): Promise<{ center: Center; adminId: string; adminCreated: boolean }> {
  const timeZone = checkTimeZone(input.timeZone ?? 'UTC');
  const slug = input.slug.trim();
  if (!isCenterSlug(slug))
    throw new PorchlightError(
      'PL_INVALID_CENTER',
      'A center slug is lower-case letters, digits and inner hyphens, at most 63 characters.',
      { field: 'slug' },
    );
  const name = input.name.trim();
  if (name === '' || name.length > 200)
    throw new PorchlightError('PL_INVALID_CENTER', 'A center needs a name of 1-200 characters.', {
      field: 'name',
    });
  const email = parseEmail(input.adminEmail);
  return deps.repos.transaction(async (repos) => {
    if ((await repos.centers.bySlug(slug)) !== undefined)
      throw new PorchlightError('PL_CENTER_EXISTS', undefined, { field: 'slug' });
    const now = deps.clock.now().toISOString();
    const center: Center = { id: randomUUID(), slug, name, createdAt: now, timeZone };
    await repos.centers.insert(center);
    const { person, created } = await findOrCreatePerson(repos, deps.clock, email);
    await repos.centers.putStaff({
      centerId: center.id,
      personId: person.id,
      role: 'admin',
      createdAt: now,
    });
    return { center, adminId: person.id, adminCreated: created };
  });
}

/** Sets a center's time zone (the command line: whoever runs it controls the server). */
export async function setCenterTimeZone(
  deps: Deps,
  slug: string,
  timeZone: string,
): Promise<Center> {
  const zone = checkTimeZone(timeZone);
  const center = await deps.repos.centers.bySlug(slug);
  if (center === undefined)
    throw new PorchlightError('PL_CENTER_NOT_FOUND', undefined, { field: 'slug' });
  await deps.repos.centers.setTimeZone(center.id, zone);
  return { ...center, timeZone: zone };
}

/** An IANA time zone the platform knows, in its canonical spelling; PL_INVALID_CENTER otherwise. */
export function checkTimeZone(value: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: value.trim() }).resolvedOptions().timeZone;
  } catch {
    throw new PorchlightError('PL_INVALID_CENTER', 'timeZone is not an IANA time zone.', {
      field: 'timeZone',
    });
  }
}

/** Gives a person (by email) a role in the center; an administrator's act. */
export async function setStaffRole(
  deps: Deps,
  access: CenterAccess,
  input: { email: string; role: string },
): Promise<{ personId: string; role: StaffRole }> {
  requirePermission(access, 'staff.manage');
  return putStaffByEmail(deps, access.center, input);
}

/** Gives a person a role in a center without an acting administrator (the command line). */
export async function putStaffByEmail(
  deps: Deps,
  center: Center,
  input: { email: string; role: string },
): Promise<{ personId: string; role: StaffRole }> {
  if (!isStaffRole(input.role))
    throw new PorchlightError('PL_INVALID_STAFF_ROLE', undefined, { field: 'role' });
  const role = input.role;
  const email = parseEmail(input.email);
  return deps.repos.transaction(async (repos) => {
    const { person } = await findOrCreatePerson(repos, deps.clock, email);
    await repos.centers.putStaff({
      centerId: center.id,
      personId: person.id,
      role,
      createdAt: deps.clock.now().toISOString(),
    });
    return { personId: person.id, role };
  });
}
