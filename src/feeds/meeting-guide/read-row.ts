import {
  feedProblemCatalogue,
  type FeedProblem,
  type FeedProblemCode,
} from '../../platform/errors.js';
import { formatAddress, looksApproximate, splitFormattedAddress } from '../../meetings/address.js';
import { parseClockTime, formatClockTime } from '../../meetings/clock-time.js';
import { checkWebLink, cleanDialString, conferenceProvider } from '../../meetings/links.js';
import { languageFromMeetingGuideCode } from '../../meetings/languages.js';
import type {
  Address,
  Attendance,
  Contact,
  Contribution,
  Entity,
  Group,
  MeetingDraft,
  MeetingStatus,
  Online,
  Place,
  Recurrence,
  Weekday,
} from '../../meetings/model.js';
import { focusOf, getProgram, resolveTypeCode, type Program } from '../../meetings/programs.js';
import { canonicalTimeZone, isValidCoordinate, timeZoneAt } from '../../meetings/time-zone.js';
import { parseWeekday } from '../../meetings/weekdays.js';
import { parseFeedDate } from './feed-date.js';
import { nestsDeeperThan } from '../row-depth.js';
import { setIf } from '../set-if.js';

/** Longest text kept per kind of field; longer text is refused rather than stored in part. */
export const textLimits = { name: 200, slug: 200, short: 500, url: 2048, long: 10_000 } as const;

/** A meeting's default length when the feed gives no end time (the Meeting Guide clients' rule). */
export const defaultDurationMinutes = 60;

/** Fields we read, or drop on purpose; everything else is kept verbatim as provenance. */
const consumedFields = new Set([
  'name',
  'slug',
  'day',
  'time',
  'end_time',
  'types',
  'program',
  'notes',
  'updated',
  'url',
  'timezone',
  'location',
  'location_notes',
  'formatted_address',
  'address',
  'city',
  'state',
  'postal_code',
  'country',
  'approximate',
  'latitude',
  'longitude',
  'region',
  'regions',
  'sub_region',
  'conference_url',
  'conference_url_notes',
  'conference_phone',
  'conference_phone_notes',
  'group',
  'group_id',
  'group_notes',
  'district',
  'email',
  'phone',
  'website',
  'venmo',
  'paypal',
  'square',
  'cashapp',
  'zelle',
  'contribution_url',
  'entity',
  'entity_email',
  'entity_phone',
  'entity_url',
  'entity_location',
  'entity_logo',
  'attendance_option',
  'wheelchair',
  'contact_1_name',
  'contact_1_email',
  'contact_1_phone',
  'contact_2_name',
  'contact_2_email',
  'contact_2_phone',
  'contact_3_name',
  'contact_3_email',
  'contact_3_phone',
  // Presentation or back-office fields of the publishing site, and the editor's personal email.
  'time_formatted',
  'edit_url',
  'author',
  'location_url',
]);

export interface RowContext {
  program: Program;
  sourceId: string;
  fetchedAt: string;
}

/** A row as read, before the feed-wide pass settles time zones and duplicate slugs. */
export interface RowReading {
  draft?: MeetingDraft;
  /** True when the zone came from neither the row nor its coordinates. */
  timeZoneMissing: boolean;
  problems: FeedProblem[];
}

/** Reads one Meeting Guide row into a meeting draft, reporting every problem with its field. */
export function readMeetingGuideRow(raw: unknown, index: number, ctx: RowContext): RowReading {
  const unreadable = unreadableRow(raw, index);
  if (unreadable !== undefined) return { problems: [unreadable], timeZoneMissing: false };
  const problems: FeedProblem[] = [];
  const row = raw as Record<string, unknown>;
  const slugValue = typeof row.slug === 'number' ? String(row.slug) : row.slug;
  const slug = typeof slugValue === 'string' ? slugValue.trim() : undefined;
  const report = (field: string | undefined, code: FeedProblemCode, detail?: string) =>
    problems.push(problem(index, slug, field, code, detail));

  const text = (field: string, limit: number): string | undefined => {
    const value = row[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string' && typeof value !== 'number') {
      report(field, 'PL_INVALID_FIELD', `expected text, got ${describe(value)}`);
      return undefined;
    }
    const trimmed = String(value).replace(/\r\n?/g, '\n').trim();
    if (trimmed === '') return undefined;
    if (trimmed.length > limit) {
      report(field, 'PL_TEXT_TRUNCATED', `${trimmed.length} characters; at most ${limit}`);
      return undefined;
    }
    return trimmed;
  };

  const link = (field: string): string | undefined => {
    const value = text(field, textLimits.url);
    if (value === undefined) return undefined;
    const checked = checkWebLink(value);
    if (checked.ok) return checked.url;
    report(field, checked.reason === 'unsafe' ? 'PL_UNSAFE_URL' : 'PL_INVALID_URL', quote(value));
    return undefined;
  };

  // Required identity.
  let fatal = false;
  if (slug === undefined || slug === '') {
    report('slug', 'PL_MISSING_SLUG');
    fatal = true;
  } else if (slug.length > textLimits.slug) {
    report('slug', 'PL_TOO_LONG', `${slug.length} characters; at most ${textLimits.slug}`);
    fatal = true;
  }
  const rawName =
    typeof row.name === 'string' || typeof row.name === 'number' ? String(row.name).trim() : '';
  if (rawName === '') {
    report('name', 'PL_MISSING_NAME');
    fatal = true;
  } else if (rawName.length > textLimits.name) {
    report('name', 'PL_TOO_LONG', `${rawName.length} characters; at most ${textLimits.name}`);
    fatal = true;
  }

  // When: day(s), start, end.
  const schedule = readSchedule(row, report);
  if (schedule === undefined) fatal = true;

  // What: types split into program codes, languages and the flags they stand for, in the
  // vocabulary of the row's own program when it names one (a whole-directory feed's extension).
  const program = rowProgram(row.program, ctx.program, report);
  const typeReading = readTypes(row.types, program, report);

  // Where.
  const place = readPlace(row, text, report);
  if (typeReading.wheelchair) place.wheelchairAccessible = true;

  // How to join from afar.
  const online: Online = {};
  const conferenceUrl = link('conference_url');
  if (conferenceUrl !== undefined) {
    online.url = conferenceUrl;
    const provider = conferenceProvider(conferenceUrl);
    if (provider !== undefined) online.provider = provider;
  }
  setIf(online, 'urlNotes', text('conference_url_notes', textLimits.long));
  const phoneText = text('conference_phone', textLimits.short);
  if (phoneText !== undefined) {
    const dial = cleanDialString(phoneText);
    if (dial === undefined) report('conference_phone', 'PL_INVALID_PHONE', quote(phoneText));
    else online.phone = dial;
  }
  setIf(online, 'phoneNotes', text('conference_phone_notes', textLimits.long));

  const { attendance, status } = deriveAttendance({
    remote: online.url !== undefined || online.phone !== undefined,
    approximate: place.approximate,
    temporarilyClosed: typeReading.temporarilyClosed,
    declaredInactive: row.attendance_option === 'inactive',
  });

  // Time zone: the row's own, else from coordinates; the feed pass fills the rest.
  let timeZone: string | undefined;
  const zoneText = text('timezone', textLimits.short);
  if (zoneText !== undefined) {
    timeZone = canonicalTimeZone(zoneText);
    if (timeZone === undefined) report('timezone', 'PL_INVALID_TIMEZONE', quote(zoneText));
  }
  if (timeZone === undefined && place.latitude !== undefined && place.longitude !== undefined) {
    timeZone = timeZoneAt(place.latitude, place.longitude);
  }

  const group = readGroup(row, text, link, report);
  const contributions = readContributions(row, text);
  const entity = readEntity(row, text, link);

  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (!consumedFields.has(key) && value !== null && value !== undefined && value !== '')
      extra[key] = value;
  }

  if (fatal || slug === undefined || schedule === undefined) {
    return { problems, timeZoneMissing: false };
  }

  const provenance: MeetingDraft['provenance'] = {
    sourceId: ctx.sourceId,
    sourceSlug: slug,
    lastFetchedAt: ctx.fetchedAt,
    extra,
  };
  setIf(provenance, 'sourceUrl', link('url'));
  const updated = text('updated', textLimits.short);
  if (updated !== undefined) {
    const iso = parseFeedDate(updated);
    if (iso === undefined) report('updated', 'PL_INVALID_DATE', quote(updated));
    else provenance.sourceUpdatedAt = iso;
  }

  const draft: MeetingDraft = {
    name: rawName,
    program: program.id,
    types: typeReading.codes,
    languages: typeReading.languages,
    focus: focusOf(program, typeReading.codes),
    attendance,
    status,
    timeZone: timeZone ?? 'UTC',
    schedule,
    place,
    online,
    group,
    contributions,
    provenance,
  };
  setIf(draft, 'notes', text('notes', textLimits.long));
  if (entity !== undefined) draft.entity = entity;
  return { draft, problems, timeZoneMissing: timeZone === undefined };
}

type Report = (field: string | undefined, code: FeedProblemCode, detail?: string) => void;
type TextReader = (field: string, limit: number) => string | undefined;
type LinkReader = (field: string) => string | undefined;

function readSchedule(row: Record<string, unknown>, report: Report): Recurrence[] | undefined {
  const dayValue = row.day;
  const hasDay =
    dayValue !== undefined &&
    dayValue !== null &&
    dayValue !== '' &&
    !(Array.isArray(dayValue) && dayValue.length === 0);
  const timeValue = row.time;
  const hasTime =
    typeof timeValue === 'string'
      ? timeValue.trim() !== ''
      : timeValue !== undefined && timeValue !== null;

  if (!hasDay) {
    // No day: by appointment, whatever the time says (the Meeting Guide rule).
    return [{ kind: 'by_appointment' }];
  }
  const days: Weekday[] = [];
  for (const value of Array.isArray(dayValue) ? dayValue : [dayValue]) {
    const day = parseWeekday(value);
    if (day === undefined) {
      report('day', 'PL_INVALID_DAY', quote(value));
      return undefined;
    }
    if (!days.includes(day)) days.push(day);
  }
  if (!hasTime) {
    report('time', 'PL_MISSING_TIME');
    return [{ kind: 'by_appointment' }];
  }
  const start = typeof timeValue === 'string' ? parseClockTime(timeValue) : undefined;
  if (start === undefined || start >= 1440) {
    report('time', 'PL_INVALID_TIME', quote(timeValue));
    return undefined;
  }
  let duration = defaultDurationMinutes;
  if (row.end_time !== undefined && row.end_time !== null && row.end_time !== '') {
    const end = typeof row.end_time === 'string' ? parseClockTime(row.end_time) : undefined;
    if (end === undefined) report('end_time', 'PL_INVALID_END_TIME', quote(row.end_time));
    else if (end !== start) duration = (end - start + 1440) % 1440 || 1440;
  }
  const startText = formatClockTime(start);
  return days.map((day) => ({ kind: 'weekly', day, start: startText, durationMinutes: duration }));
}

/**
 * The program a row says it belongs to (the `program` extension field of our own export), else
 * the feed's. An unknown program is reported and the feed's is used.
 */
function rowProgram(value: unknown, fallback: Program, report: Report): Program {
  if (value === undefined || value === null || value === '') return fallback;
  const program = typeof value === 'string' ? getProgram(value.trim().toLowerCase()) : undefined;
  if (program === undefined) {
    report('program', 'PL_INVALID_FIELD', `${quote(value)} is not a known program`);
    return fallback;
  }
  return program;
}

interface TypeReading {
  codes: string[];
  languages: string[];
  temporarilyClosed: boolean;
  wheelchair: boolean;
}

function readTypes(value: unknown, program: Program, report: Report): TypeReading {
  const reading: TypeReading = {
    codes: [],
    languages: [],
    temporarilyClosed: false,
    wheelchair: false,
  };
  if (value === undefined || value === null || value === '') return reading;
  const items = typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(items)) {
    report('types', 'PL_INVALID_TYPES', `got ${describe(value)}`);
    return reading;
  }
  for (const item of items) {
    if (typeof item === 'string' && item.trim() === '') continue;
    if (typeof item !== 'string') {
      report('types', 'PL_UNKNOWN_TYPE', quote(item));
      continue;
    }
    // TSML marks online meetings with ONL, a code outside the spec's list; attendance says it.
    if (item.trim().toUpperCase() === 'ONL') continue;
    const code = resolveTypeCode(program, item.trim());
    const def = code === undefined ? undefined : program.types.get(code);
    const language =
      def?.language ?? (code === undefined ? languageFromMeetingGuideCode(item.trim()) : undefined);
    if (language !== undefined) {
      if (!reading.languages.includes(language)) reading.languages.push(language);
      continue;
    }
    if (code === undefined || def === undefined) {
      report('types', 'PL_UNKNOWN_TYPE', `${quote(item)} is not in the ${program.name} vocabulary`);
      continue;
    }
    const tags = def.tags ?? [];
    // Status and attendance are explicit fields; their type codes are re-added on export.
    if (tags.includes('temporarily_closed')) {
      reading.temporarilyClosed = true;
      continue;
    }
    if (tags.includes('online') || tags.includes('hybrid')) continue;
    if (tags.includes('wheelchair')) reading.wheelchair = true;
    if (!reading.codes.includes(code)) reading.codes.push(code);
  }
  return reading;
}

function readPlace(row: Record<string, unknown>, text: TextReader, report: Report): Place {
  let formatted = text('formatted_address', textLimits.short);
  const address: Address = {};
  const street = text('address', textLimits.short);
  const city = text('city', textLimits.short);
  // Some feeds put the whole address in `address` ("8318 104 St, Edmonton, Alberta, ...").
  if (
    formatted === undefined &&
    street !== undefined &&
    city === undefined &&
    street.includes(',')
  ) {
    formatted = street;
  } else {
    setIf(address, 'street', street);
    setIf(address, 'city', city);
    setIf(address, 'region', text('state', textLimits.short));
    setIf(address, 'postalCode', text('postal_code', textLimits.short));
    setIf(address, 'country', text('country', textLimits.short));
  }
  const parts =
    Object.keys(address).length > 0
      ? address
      : formatted !== undefined
        ? splitFormattedAddress(formatted)
        : {};
  formatted ??= formatAddress(parts);

  const place: Place = {
    address: parts,
    approximate: readApproximate(row.approximate) ?? looksApproximate(formatted),
    regions: readRegions(row, text),
  };
  setIf(place, 'name', text('location', textLimits.short));
  setIf(place, 'formattedAddress', formatted);
  setIf(place, 'notes', text('location_notes', textLimits.long));

  const lat = readNumber(row.latitude);
  const lng = readNumber(row.longitude);
  if (lat !== undefined || lng !== undefined) {
    if (lat !== undefined && lng !== undefined && isValidCoordinate(lat, lng)) {
      place.latitude = lat;
      place.longitude = lng;
    } else {
      report(
        'latitude',
        'PL_INVALID_COORDINATES',
        `${String(row.latitude)}, ${String(row.longitude)}`,
      );
    }
  }
  return place;
}

function readApproximate(value: unknown): boolean | undefined {
  if (value === true || value === 'yes' || value === 'true' || value === 1) return true;
  if (value === false || value === 'no' || value === 'false' || value === 0) return false;
  return undefined;
}

function readRegions(row: Record<string, unknown>, text: TextReader): string[] {
  if (Array.isArray(row.regions)) {
    const regions = row.regions
      .filter((r): r is string => typeof r === 'string' && r.trim() !== '')
      .map((r) => r.trim().slice(0, textLimits.short));
    if (regions.length > 0) return regions;
  }
  return [text('region', textLimits.short), text('sub_region', textLimits.short)].filter(
    (r): r is string => r !== undefined,
  );
}

function readGroup(
  row: Record<string, unknown>,
  text: TextReader,
  link: LinkReader,
  report: Report,
): Group {
  const contacts: Contact[] = [];
  for (const n of [1, 2, 3]) {
    const contact: Contact = {};
    setIf(contact, 'name', text(`contact_${n}_name`, textLimits.short));
    setIf(contact, 'email', text(`contact_${n}_email`, textLimits.short));
    setIf(contact, 'phone', text(`contact_${n}_phone`, textLimits.short));
    if (Object.keys(contact).length > 0) contacts.push(contact);
  }
  // Contacts that arrive in a public feed were published by the group: they stay public.
  const group: Group = { contacts, contactsPublic: contacts.length > 0 };
  setIf(group, 'name', text('group', textLimits.short));
  setIf(group, 'sourceId', text('group_id', textLimits.short));
  setIf(group, 'notes', text('group_notes', textLimits.long));
  setIf(group, 'district', text('district', textLimits.short));
  setIf(group, 'website', link('website'));
  setIf(group, 'email', text('email', textLimits.short));
  const phone = text('phone', textLimits.short);
  if (phone !== undefined) {
    if (cleanDialString(phone) === undefined) report('phone', 'PL_INVALID_PHONE', quote(phone));
    else group.phone = phone;
  }
  return group;
}

function readContributions(row: Record<string, unknown>, text: TextReader): Contribution[] {
  const out: Contribution[] = [];
  for (const kind of ['venmo', 'paypal', 'square', 'cashapp', 'zelle'] as const) {
    const value = text(kind, textLimits.short);
    if (value !== undefined) out.push({ kind, value });
  }
  const url = text('contribution_url', textLimits.url);
  if (url !== undefined) {
    const checked = checkWebLink(url);
    if (checked.ok) out.push({ kind: 'url', value: checked.url });
  }
  return out;
}

function readEntity(
  row: Record<string, unknown>,
  text: TextReader,
  link: LinkReader,
): Entity | undefined {
  const entity: Entity = {};
  setIf(entity, 'name', text('entity', textLimits.short));
  setIf(entity, 'email', text('entity_email', textLimits.short));
  setIf(entity, 'phone', text('entity_phone', textLimits.short));
  setIf(entity, 'url', link('entity_url'));
  setIf(entity, 'location', text('entity_location', textLimits.short));
  setIf(entity, 'logo', link('entity_logo'));
  return Object.keys(entity).length > 0 ? entity : undefined;
}

/**
 * Attendance and status as the Meeting Guide clients derive them: a room counts when the address
 * is exact and not temporarily closed; a link or dial-in makes it online; both make it hybrid.
 */
export function deriveAttendance(facts: {
  remote: boolean;
  approximate: boolean;
  temporarilyClosed: boolean;
  declaredInactive: boolean;
}): { attendance: Attendance; status: MeetingStatus } {
  const inPerson = !facts.approximate && !facts.temporarilyClosed;
  // A feed that says "inactive" for a temporarily closed room means the room, not the group.
  if (facts.declaredInactive && !facts.temporarilyClosed)
    return { attendance: facts.remote ? 'online' : 'in_person', status: 'inactive' };
  if (inPerson && facts.remote) return { attendance: 'hybrid', status: 'active' };
  if (facts.remote) return { attendance: 'online', status: 'active' };
  if (facts.temporarilyClosed) return { attendance: 'in_person', status: 'temporarily_closed' };
  if (inPerson) return { attendance: 'in_person', status: 'active' };
  // Neither a room nor a link: nobody can attend it as listed.
  return { attendance: 'in_person', status: 'inactive' };
}

function readNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}

/**
 * The problem that stops a row before any of its fields is read, or undefined for a readable
 * one: nested too deep (what follows may walk it, or write it out, recursively), or not an
 * object.
 */
export function unreadableRow(raw: unknown, index: number): FeedProblem | undefined {
  if (nestsDeeperThan(raw)) return problem(index, undefined, undefined, 'PL_ROW_TOO_DEEP');
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return problem(index, undefined, undefined, 'PL_ROW_NOT_OBJECT');
  return undefined;
}

/** Builds a located problem with the catalogue's severity and message. */
export function problem(
  index: number,
  slug: string | undefined,
  field: string | undefined,
  code: FeedProblemCode,
  detail?: string,
): FeedProblem {
  const entry = feedProblemCatalogue[code];
  const p: FeedProblem = {
    index,
    code,
    severity: entry.severity,
    message: detail === undefined ? entry.message : `${entry.message} (${detail})`,
  };
  if (slug !== undefined && slug !== '') p.slug = slug.slice(0, 100);
  if (field !== undefined) p.field = field;
  return p;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : typeof value;
}

function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}
