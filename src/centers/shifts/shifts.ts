/**
 * The center's volunteer shifts: supervisors and administrators put shifts on the calendar (a
 * day, a start and an end in the center's time zone, how many people it needs); any staff member
 * signs up or withdraws for themselves. A full shift refuses one more.
 */
import { randomUUID } from 'node:crypto';
import { Temporal } from 'temporal-polyfill';
import { PorchlightError } from '../../platform/errors.js';
import { requirePermission } from '../access.js';
import type { DeskDeps } from '../deps.js';
import type { CenterAccess } from '../model.js';
import type { Shift, ShiftView } from './model.js';

export interface ShiftInput {
  /** YYYY-MM-DD, the center's day. */
  date: string;
  /** HH:MM, the center's time. */
  start: string;
  end: string;
  title: string;
  capacity: string | number;
}

/** How far ahead the calendar shows. */
export const SHIFT_DAYS_SHOWN = 28;

/** Puts a shift on the calendar. */
export async function createShift(
  deps: DeskDeps,
  access: CenterAccess,
  input: ShiftInput,
): Promise<Shift> {
  requirePermission(access, 'shift.manage');
  const title = input.title.trim().replace(/\s+/g, ' ');
  if (title === '' || title.length > 200)
    throw new PorchlightError('PL_INVALID_SHIFT', 'title must have 1-200 characters.', {
      field: 'title',
    });
  const capacity = Number(input.capacity);
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > 100)
    throw new PorchlightError('PL_INVALID_SHIFT', 'capacity must be 1-100.', { field: 'capacity' });
  const startsAt = instant(input.date, input.start, access.center.timeZone, 'start');
  const endsAt = instant(input.date, input.end, access.center.timeZone, 'end');
  if (endsAt <= startsAt)
    throw new PorchlightError('PL_INVALID_SHIFT', 'end is not after start.', { field: 'end' });
  const shift: Shift = {
    id: randomUUID(),
    centerId: access.center.id,
    title,
    startsAt,
    endsAt,
    capacity,
    createdBy: access.personId,
    createdAt: deps.clock.now().toISOString(),
  };
  await deps.repos.centerShifts.insert(shift);
  return shift;
}

/** The shifts from now to four weeks ahead, with who signed up. */
export async function upcomingShifts(deps: DeskDeps, access: CenterAccess): Promise<ShiftView[]> {
  const now = deps.clock.now();
  const until = new Date(now.getTime() + SHIFT_DAYS_SHOWN * 86_400_000);
  const shifts = await deps.repos.centerShifts.between(
    access.center.id,
    now.toISOString(),
    until.toISOString(),
  );
  const signups = await deps.repos.centerShifts.signups(
    access.center.id,
    shifts.map((s) => s.id),
  );
  const emails = new Map<string, string>();
  for (const personId of new Set(signups.map((s) => s.personId)))
    emails.set(personId, (await deps.repos.accounts.personById(personId))?.email ?? '');
  return shifts.map((shift) => {
    const people = signups.filter((s) => s.shiftId === shift.id).map((s) => s.personId);
    return {
      ...shift,
      signedUp: people.map((p) => emails.get(p) ?? ''),
      mine: people.includes(access.personId),
    };
  });
}

/**
 * Signs the caller up for a shift; PL_SHIFT_FULL when it has all the people it needs. `locale`
 * is the language they signed up in: their reminder is written in it.
 */
export async function signUpForShift(
  deps: DeskDeps,
  access: CenterAccess,
  shiftId: string,
  locale?: string,
): Promise<void> {
  await deps.repos.transaction(async (repos) => {
    const shift = await repos.centerShifts.byId(access.center.id, shiftId);
    if (shift === undefined)
      throw new PorchlightError('PL_NOT_FOUND', undefined, { field: 'shift' });
    const taken = await repos.centerShifts.signups(access.center.id, [shiftId]);
    if (taken.some((s) => s.personId === access.personId)) return;
    if (taken.length >= shift.capacity) throw new PorchlightError('PL_SHIFT_FULL');
    await repos.centerShifts.signUp(
      access.center.id,
      shiftId,
      access.personId,
      deps.clock.now().toISOString(),
      locale,
    );
  });
}

/** Takes the caller off a shift. */
export async function withdrawFromShift(
  deps: DeskDeps,
  access: CenterAccess,
  shiftId: string,
): Promise<void> {
  if ((await deps.repos.centerShifts.byId(access.center.id, shiftId)) === undefined)
    throw new PorchlightError('PL_NOT_FOUND', undefined, { field: 'shift' });
  await deps.repos.centerShifts.withdraw(access.center.id, shiftId, access.personId);
}

function instant(date: string, time: string, timeZone: string, field: string): string {
  try {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) throw new Error('shape');
    const at = Temporal.PlainDateTime.from(`${date}T${time}`).toZonedDateTime(timeZone);
    return new Date(at.epochMilliseconds).toISOString();
  } catch {
    throw new PorchlightError('PL_INVALID_SHIFT', `${field} is not a day and a time.`, {
      field: /^\d{4}-\d{2}-\d{2}$/.test(date) ? field : 'date',
    });
  }
}
