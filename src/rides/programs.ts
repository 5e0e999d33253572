/**
 * Ride programs: made by an operator (or the demo), coordinated by the owner's leaders and the
 * people it names. A program the caller does not coordinate answers exactly as one that does
 * not exist, as the center desk does (decision 0090).
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../accounts/model.js';
import { isCenterSlug } from '../centers/model.js';
import { canonicalTimeZone, isValidCoordinate } from '../meetings/time-zone.js';
import { PorchlightError } from '../platform/errors.js';
import type { RideDeps } from './deps.js';
import type { RideProgram } from './model.js';

/** What a program is made from: all but what the making gives it, coordinators optional. */
export type ProgramInput = Omit<RideProgram, 'id' | 'createdAt' | 'coordinators'> & {
  coordinators?: string[];
};

/** Makes a ride program after checking what it was given. */
export async function createProgram(
  deps: Pick<RideDeps, 'repos' | 'clock'>,
  input: ProgramInput,
): Promise<RideProgram> {
  const zone = canonicalTimeZone(input.timeZone);
  const invalid = (reason: string) => new PorchlightError('PL_RIDE_INVALID', { reason });
  if (!isCenterSlug(input.slug))
    throw invalid('the slug must be lower-case letters, digits and hyphens');
  if (input.name.trim() === '') throw invalid('the program needs a name');
  if (zone === undefined) throw invalid('the time zone is not an IANA zone');
  if (!isValidCoordinate(input.area.latitude, input.area.longitude) || !(input.area.radiusKm > 0))
    throw invalid('the area needs a centre and a radius above 0 km');
  const { maxDaysAhead, minHoursAhead } = input.rules;
  if (!Number.isInteger(maxDaysAhead) || maxDaysAhead < 1 || maxDaysAhead > 90)
    throw invalid('rides may be asked 1 to 90 days ahead');
  if (!Number.isInteger(minHoursAhead) || minHoursAhead < 0 || minHoursAhead > 72)
    throw invalid('the notice must be 0 to 72 hours');
  const program: RideProgram = {
    id: randomUUID(),
    slug: input.slug,
    name: input.name.trim(),
    owner: input.owner,
    timeZone: zone,
    area: input.area,
    rules: input.rules,
    coordinators: input.coordinators ?? [],
    createdAt: deps.clock.now().toISOString(),
  };
  await deps.repos.rides.insertProgram(program);
  return program;
}

/**
 * The program with this slug, if the actor coordinates it: a named coordinator, an
 * administrator of the site, an administrator or supervisor of the owning center, or an editor
 * of the owning service body. PL_RIDE_PROGRAM_NOT_FOUND otherwise, whether or not it exists.
 */
export async function openProgram(
  deps: Pick<RideDeps, 'repos'>,
  actor: Actor | undefined,
  slug: string,
): Promise<RideProgram> {
  if (actor === undefined) throw new PorchlightError('PL_SIGN_IN_REQUIRED');
  const program = await deps.repos.rides.programBySlug(slug);
  if (program === undefined || !(await coordinates(deps, actor, program)))
    throw new PorchlightError('PL_RIDE_PROGRAM_NOT_FOUND');
  return program;
}

/** The programs the actor coordinates. */
export async function programsOf(
  deps: Pick<RideDeps, 'repos'>,
  actor: Actor,
): Promise<RideProgram[]> {
  const all = await deps.repos.rides.programs();
  const mine: RideProgram[] = [];
  for (const program of all) if (await coordinates(deps, actor, program)) mine.push(program);
  return mine;
}

async function coordinates(
  deps: Pick<RideDeps, 'repos'>,
  actor: Actor,
  program: RideProgram,
): Promise<boolean> {
  if (program.coordinators.includes(actor.personId)) return true;
  if (actor.grants.some((g) => g.role === 'administrator')) return true;
  if (program.owner.kind === 'service_body') {
    const bodyId = program.owner.serviceBodyId;
    return actor.grants.some((g) => g.role === 'editor' && g.serviceBodyId === bodyId);
  }
  const role = await deps.repos.centers.staffRole(program.owner.centerId, actor.personId);
  return role === 'admin' || role === 'supervisor';
}
