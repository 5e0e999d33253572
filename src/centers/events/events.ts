/**
 * The center's calendar: staff who work with members (coaches, supervisors, administrators) add,
 * change and remove groups, classes and events, each once or on a rule; every staff member sees
 * the calendar; the public sees the public events of a center that has any. After every change
 * the center's public groups are written again into the meeting finder (./listing.ts).
 */
import { randomUUID } from 'node:crypto';
import type { WeekOfMonth } from '../../meetings/model.js';
import { isProgramId } from '../../meetings/programs.js';
import { localDateIn } from '../../meetings/time-zone.js';
import { PorchlightError } from '../../platform/errors.js';
import { clockMinute, localDayWindow, parseIsoDate } from '../../search/week-math.js';
import { requirePermission } from '../access.js';
import type { DeskDeps } from '../deps.js';
import type { Center, CenterAccess, CenterAddressField, CenterPlace } from '../model.js';
import { syncCenterListing } from './listing.js';
import {
  calendarOf,
  eventKinds,
  eventRepeats,
  eventVisibilities,
  weekOfMonthOf,
  type CenterEvent,
  type EventOccurrence,
} from './model.js';

/** An event as a form or the API sends it: texts from a form, numbers from JSON. */
export interface EventInput {
  title: string;
  kind: string;
  description?: string | undefined;
  program?: string | undefined;
  repeat: string;
  /** Monthly only: 1-5, or -1 (or `last`) for the last such weekday; default: the first date's. */
  weekOfMonth?: string | number | undefined;
  startsOn: string;
  endsOn?: string | undefined;
  start: string;
  durationMinutes: string | number;
  visibility: string;
}

/** How far ahead the calendars show. */
export const CALENDAR_DAYS_SHOWN = 28;

/** The checked fields of an event. */
type EventFields = Omit<CenterEvent, 'id' | 'centerId' | 'createdBy' | 'createdAt' | 'updatedAt'>;

/** Puts an event on the calendar. */
export async function createEvent(
  deps: DeskDeps,
  access: CenterAccess,
  input: EventInput,
): Promise<CenterEvent> {
  requirePermission(access, 'event.manage');
  const now = deps.clock.now().toISOString();
  const event: CenterEvent = {
    id: randomUUID(),
    centerId: access.center.id,
    ...parseEventInput(input),
    createdBy: access.personId,
    createdAt: now,
    updatedAt: now,
  };
  await deps.repos.centerEvents.insert(event);
  await syncCenterListing(deps, access.center);
  return event;
}

/** Changes every occurrence of an event (its rule, time, words, who may see it). */
export async function updateEvent(
  deps: DeskDeps,
  access: CenterAccess,
  id: string,
  input: EventInput,
): Promise<CenterEvent> {
  requirePermission(access, 'event.manage');
  const before = await eventOf(deps, access, id);
  const event: CenterEvent = {
    id: before.id,
    centerId: before.centerId,
    ...parseEventInput(input),
    ...(before.createdBy !== undefined ? { createdBy: before.createdBy } : {}),
    createdAt: before.createdAt,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.repos.centerEvents.update(event);
  await syncCenterListing(deps, access.center);
  return event;
}

/** Takes an event off the calendar (and its group out of the finder). */
export async function deleteEvent(deps: DeskDeps, access: CenterAccess, id: string): Promise<void> {
  requirePermission(access, 'event.manage');
  if (!(await deps.repos.centerEvents.remove(access.center.id, id)))
    throw new PorchlightError('PL_NOT_FOUND', undefined, { field: 'event' });
  await syncCenterListing(deps, access.center);
}

/** One event of the center; PL_NOT_FOUND for an id of another center too. */
export async function eventOf(
  deps: DeskDeps,
  access: CenterAccess,
  id: string,
): Promise<CenterEvent> {
  const event = await deps.repos.centerEvents.byId(access.center.id, id);
  if (event === undefined) throw new PorchlightError('PL_NOT_FOUND', undefined, { field: 'event' });
  return event;
}

/** The center's events that have not ended, every visibility (the desk's list). */
export async function listEvents(deps: DeskDeps, access: CenterAccess): Promise<CenterEvent[]> {
  const today = localDateIn(deps.clock.now().getTime(), access.center.timeZone);
  return deps.repos.centerEvents.ofCenter(access.center.id, { from: today });
}

/** What a calendar shows: the next four weeks, the series, and the center's day it is now. */
export interface CalendarView {
  occurrences: EventOccurrence[];
  events: CenterEvent[];
  /** YYYY-MM-DD in the center's zone. */
  today: string;
  /** Epoch ms, the clock's. */
  now: number;
}

/** What the staff calendar shows: every visibility. */
export async function staffCalendar(deps: DeskDeps, access: CenterAccess): Promise<CalendarView> {
  const events = await listEvents(deps, access);
  return calendarView(deps, access.center, events);
}

/** What the public calendar shows; a center with no public events answers as one that is not. */
export async function publicCalendar(
  deps: DeskDeps,
  slug: string,
): Promise<CalendarView & { center: Center }> {
  const center = await deps.repos.centers.bySlug(slug);
  const today =
    center === undefined ? '' : localDateIn(deps.clock.now().getTime(), center.timeZone);
  const events =
    center === undefined
      ? []
      : await deps.repos.centerEvents.ofCenter(center.id, { from: today, publicOnly: true });
  if (center === undefined || events.length === 0)
    throw new PorchlightError('PL_CENTER_NOT_FOUND', undefined, { field: 'slug' });
  return { center, ...calendarView(deps, center, events) };
}

/** Says where the center is (or, with every field empty, that it does not say). */
export async function setCenterPlace(
  deps: DeskDeps,
  access: CenterAccess,
  input: Partial<Record<CenterAddressField, string | undefined>>,
): Promise<CenterPlace | undefined> {
  requirePermission(access, 'center.manage');
  const place = parsePlace(input);
  // Stored without a point: the listing that follows locates the new address once and keeps it.
  await deps.repos.centers.setPlace(access.center.id, place);
  await syncCenterListing(deps, access.center);
  return place;
}

function calendarView(deps: DeskDeps, center: Center, events: CenterEvent[]): CalendarView {
  const now = deps.clock.now().getTime();
  const today = localDateIn(now, center.timeZone);
  const from = localDayWindow(today, center.timeZone).start;
  const to = from + CALENDAR_DAYS_SHOWN * 86_400_000;
  return { occurrences: calendarOf(events, center.timeZone, from, to), events, today, now };
}

const invalid = (field: string, message: string) =>
  new PorchlightError('PL_INVALID_EVENT', message, { field });

/** Checks an event's fields; PL_INVALID_EVENT naming the first refused one. */
export function parseEventInput(input: EventInput): EventFields {
  const title = words(input.title);
  if (title === '' || title.length > 200)
    throw invalid('title', 'title must have 1-200 characters.');
  const kind = oneOf(eventKinds, input.kind, 'kind');
  const repeat = oneOf(eventRepeats, input.repeat, 'repeat');
  const visibility = oneOf(eventVisibilities, input.visibility, 'visibility');
  const description = (input.description ?? '').trim();
  if (description.length > 2000)
    throw invalid('description', 'description must have at most 2000 characters.');
  const program = (input.program ?? '').trim();
  if (program !== '' && !isProgramId(program))
    throw invalid('program', `program "${program}" is not a known program.`);
  if (parseIsoDate(input.startsOn) === undefined)
    throw invalid('startsOn', 'startsOn is not a date (YYYY-MM-DD).');
  const endsOn = repeat === 'once' ? '' : (input.endsOn ?? '').trim();
  if (endsOn !== '' && parseIsoDate(endsOn) === undefined)
    throw invalid('endsOn', 'endsOn is not a date (YYYY-MM-DD).');
  if (endsOn !== '' && endsOn < input.startsOn)
    throw invalid('endsOn', 'endsOn is before startsOn.');
  if (clockMinute(input.start) < 0) throw invalid('start', 'start is not a time (HH:MM).');
  const duration = Number(input.durationMinutes);
  if (!Number.isInteger(duration) || duration < 5 || duration > 720)
    throw invalid('durationMinutes', 'durationMinutes must be a whole 5-720.');
  const week = repeat === 'monthly' ? weekOf(input.weekOfMonth, input.startsOn) : undefined;
  return {
    title,
    kind,
    repeat,
    visibility,
    startsOn: input.startsOn,
    start: input.start,
    durationMinutes: duration,
    ...(description !== '' ? { description } : {}),
    // A program says which fellowship a group is for; a class or an event has none.
    ...(program !== '' && kind === 'group' ? { program } : {}),
    ...(endsOn !== '' ? { endsOn } : {}),
    ...(week !== undefined ? { weekOfMonth: week } : {}),
  };
}

function weekOf(value: string | number | undefined, startsOn: string): WeekOfMonth {
  if (value === undefined || value === '') return weekOfMonthOf(startsOn);
  if (value === 'last') return -1;
  const week = Number(value);
  if (![1, 2, 3, 4, 5, -1].includes(week))
    throw invalid('weekOfMonth', 'weekOfMonth must be 1-5, or -1 for the last.');
  return week as WeekOfMonth;
}

function oneOf<T extends string>(choices: readonly T[], value: unknown, field: string): T {
  if (typeof value === 'string' && (choices as readonly string[]).includes(value))
    return value as T;
  throw invalid(field, `${field} must be one of: ${choices.join(', ')}.`);
}

function words(value: string | undefined): string {
  return (value ?? '').trim().replace(/\s+/g, ' ');
}

/** Checks the center's address; undefined when every field is empty (no place given). */
export function parsePlace(
  input: Partial<Record<CenterAddressField, string | undefined>>,
): CenterPlace | undefined {
  const limits: Record<CenterAddressField, number> = {
    street: 200,
    city: 100,
    region: 50,
    postalCode: 20,
    country: 2,
  };
  const place: Partial<Record<CenterAddressField, string>> = {};
  for (const key of Object.keys(limits) as CenterAddressField[]) {
    const value = words(input[key]);
    if (value.length > limits[key])
      throw new PorchlightError('PL_INVALID_CENTER_PLACE', `${key} is too long.`, { field: key });
    if (value !== '') place[key] = value;
  }
  if (Object.keys(place).length === 0) return undefined;
  if (place.city === undefined)
    throw new PorchlightError('PL_INVALID_CENTER_PLACE', 'city is required.', { field: 'city' });
  if (place.country !== undefined && !/^[A-Z]{2}$/.test(place.country.toUpperCase()))
    throw new PorchlightError('PL_INVALID_CENTER_PLACE', 'country is a two-letter code.', {
      field: 'country',
    });
  return {
    ...place,
    city: place.city,
    ...(place.country !== undefined ? { country: place.country.toUpperCase() } : {}),
  };
}
