/**
 * The meeting form (edit, new meeting, public suggestion): reading what a person typed into a
 * meeting, with the importer's own rules and messages. The fields that the Meeting Guide format
 * carries are named as its columns and read by the importer's row reader itself, so a link, a
 * phone number, a too-long text or a coordinate is accepted or refused, with the same stable code
 * and message, whether it came from a feed or from a volunteer. What the format cannot say
 * (fortnightly and monthly schedules, explicit attendance and status, languages) is read here,
 * with codes from the same catalogue.
 */
import { readMeetingGuideRow, problem, textLimits } from '../../feeds/meeting-guide/read-row.js';
import { parseClockTime, formatClockTime } from '../../meetings/clock-time.js';
import { languageFromWords } from '../../meetings/languages.js';
import {
  attendanceModes,
  meetingStatuses,
  type Attendance,
  type MeetingDraft,
  type MeetingStatus,
  type Recurrence,
  type WeekOfMonth,
  type Weekday,
} from '../../meetings/model.js';
import { focusOf, getProgram, type MeetingTypeDef, type Program } from '../../meetings/programs.js';
import { timeZoneAt } from '../../meetings/time-zone.js';
import { parseWeekday } from '../../meetings/weekdays.js';
import { PorchlightError, type FeedProblem } from '../../platform/errors.js';
import { applyChanges, diffMeetings } from '../history/meeting-fields.js';

/** A url-encoded form as parsed: repeated names (checkboxes) give lists. */
export type FormInput = Record<string, string | string[] | undefined>;

/** How many schedule rows a form offers beyond the meeting's own (one blank row to add one). */
export const extraScheduleRows = 1;
/** Most schedule rows read from a form. */
export const maxScheduleRows = 12;

export const scheduleKinds = ['weekly', 'biweekly', 'monthly', 'by_appointment'] as const;
export const weeksOfMonth: readonly WeekOfMonth[] = [1, 2, 3, 4, 5, -1];

/** One form field's text (the last one when repeated), trimmed; '' when absent. */
export function formText(form: FormInput, name: string): string {
  const value = form[name];
  const last = Array.isArray(value) ? value.at(-1) : value;
  return typeof last === 'string' ? last.trim() : '';
}

/** A repeated form field's values (checkboxes). */
export function formList(form: FormInput, name: string): string[] {
  const value = form[name];
  // A JSON body could carry anything; only text counts.
  const items: unknown[] = Array.isArray(value) ? value : [value];
  return items
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/**
 * The types a person picks from for a program: its vocabulary without the codes that stand for
 * something the form asks directly (languages, attendance, temporary closure, wheelchair access).
 */
export function choosableTypes(program: Program): MeetingTypeDef[] {
  const asked = new Set(['online', 'hybrid', 'temporarily_closed', 'wheelchair', 'language']);
  return [...program.types.values()].filter(
    (def) => def.language === undefined && !(def.tags ?? []).some((tag) => asked.has(tag)),
  );
}

/** The form's fields for a meeting, as the form shows them. */
export function meetingFormValues(meeting: MeetingDraft): FormInput {
  const { place, online, group } = meeting;
  const parts = Object.keys(place.address).length > 0;
  const values: FormInput = {
    name: meeting.name,
    program: meeting.program,
    // Only what the form offers as boxes; the codes it asks for otherwise are kept from the meeting.
    types: shownTypes(meeting),
    languages: meeting.languages.join(', '),
    attendance: meeting.attendance,
    status: meeting.status,
    timezone: meeting.timeZone,
    location: place.name ?? '',
    address: parts ? (place.address.street ?? '') : (place.formattedAddress ?? ''),
    city: place.address.city ?? '',
    state: place.address.region ?? '',
    postal_code: place.address.postalCode ?? '',
    country: place.address.country ?? '',
    latitude: place.latitude === undefined ? '' : String(place.latitude),
    longitude: place.longitude === undefined ? '' : String(place.longitude),
    location_notes: place.notes ?? '',
    wheelchair: place.wheelchairAccessible === true ? 'yes' : '',
    conference_url: online.url ?? '',
    conference_url_notes: online.urlNotes ?? '',
    conference_phone: online.phone ?? '',
    conference_phone_notes: online.phoneNotes ?? '',
    group: group.name ?? '',
    group_notes: group.notes ?? '',
    notes: meeting.notes ?? '',
  };
  meeting.schedule.forEach((r, i) => {
    values[`s${i}.kind`] = r.kind;
    if (r.kind === 'by_appointment') return;
    values[`s${i}.day`] = String(r.day);
    values[`s${i}.start`] = r.start;
    values[`s${i}.end`] = formatClockTime(clockOf(r.start) + r.durationMinutes);
    if (r.kind === 'biweekly') values[`s${i}.anchor`] = r.anchorDate;
    if (r.kind === 'monthly') values[`s${i}.week`] = String(r.week);
  });
  return values;
}

/** How many schedule rows a form holds (its rows with a kind, and the blank ones after). */
export function scheduleRowCount(form: FormInput): number {
  let last = -1;
  for (let i = 0; i < maxScheduleRows; i++) if (formText(form, `s${i}.kind`) !== '') last = i;
  return Math.min(maxScheduleRows, last + 1 + extraScheduleRows);
}

/** What reading a form may use beyond the form itself. */
export interface FormOptions {
  /**
   * Finds a place typed in words (a ZIP code, "Greenfield, MA") offline: a form without a time
   * zone takes the zone of the place it names. Only the zone is taken; a town's centre is not
   * the meeting's door, so no coordinates are set from it.
   */
  locatePlace?: (query: string) => { latitude: number; longitude: number } | undefined;
  /**
   * The field a missing zone is reported on: `timezone` on the editors' form, which asks for
   * one; `city` on the public form, which asks for the place instead.
   */
  zoneField?: 'timezone' | 'city';
}

export type FormReading =
  { ok: true; draft: MeetingDraft } | { ok: false; problems: FeedProblem[] };

/**
 * Reads the form over `base` (the meeting as it is, or a blank one): the fields the form shows
 * are taken from it, the rest (contacts, contributions, regions, provenance) kept from `base`.
 */
export function readMeetingForm(
  form: FormInput,
  base: MeetingDraft,
  options: FormOptions = {},
): FormReading {
  const problems: FeedProblem[] = [];
  const report = (field: string, code: FeedProblem['code'], detail?: string) =>
    problems.push(problem(-1, undefined, field, code, detail));

  const programId = formText(form, 'program') || base.program;
  const program = getProgram(programId);
  if (program === undefined) {
    report('program', 'PL_INVALID_FIELD', quote(programId));
    return { ok: false, problems };
  }

  const row: Record<string, unknown> = {
    slug: base.provenance.sourceSlug || 'new',
    types: formList(form, 'types'),
  };
  for (const name of [
    'name',
    'notes',
    'location',
    'address',
    'city',
    'state',
    'postal_code',
    'country',
    'latitude',
    'longitude',
    'location_notes',
    'conference_url',
    'conference_url_notes',
    'conference_phone',
    'conference_phone_notes',
    'group',
    'group_notes',
    'timezone',
  ]) {
    const value = formText(form, name);
    if (value !== '') row[name] = value;
  }
  const reading = readMeetingGuideRow(row, -1, {
    program,
    sourceId: base.provenance.sourceId,
    fetchedAt: base.provenance.lastFetchedAt,
  });
  // In a form nothing is silently dropped: what the importer would drop with a warning is refused.
  for (const p of reading.problems) problems.push(withoutRow(p));
  // A feed's non-numeric coordinate is ignored as absent; typed into a form, it is a mistake.
  for (const name of ['latitude', 'longitude']) {
    const value = formText(form, name);
    if (value !== '' && !Number.isFinite(Number(value)))
      report(name, 'PL_INVALID_COORDINATES', quote(value));
  }

  const schedule = readSchedule(form, report);
  const languages = readLanguages(formText(form, 'languages'), report);
  const attendance = oneOf(form, 'attendance', attendanceModes, report) as Attendance | undefined;
  const status = oneOf(form, 'status', meetingStatuses, report) as MeetingStatus | undefined;

  const read = reading.draft;
  if (read !== undefined && attendance !== undefined && attendance !== 'in_person') {
    if (read.online.url === undefined && read.online.phone === undefined)
      report('attendance', 'PL_INVALID_FIELD', 'online and hybrid meetings need a link or a phone');
  }
  if (read !== undefined && reading.timeZoneMissing) {
    const zone = zoneOfPlace(form, options.locatePlace);
    if (zone !== undefined) read.timeZone = zone;
    else if (options.zoneField === 'city')
      report('city', 'PL_TIMEZONE_UNKNOWN', 'name the town or ZIP code of the meeting');
    else report('timezone', 'PL_TIMEZONE_UNKNOWN');
  }
  if (problems.length > 0 || read === undefined || attendance === undefined || status === undefined)
    return { ok: false, problems };

  const draft = structuredClone(base);
  draft.name = read.name;
  draft.program = program.id;
  const wheelchair = formText(form, 'wheelchair') !== '';
  draft.types = formTypes(program, read.types, base, wheelchair);
  draft.languages = languages;
  draft.focus = focusOf(program, draft.types);
  draft.attendance = attendance;
  draft.status = status;
  draft.timeZone = read.timeZone;
  draft.schedule = schedule;
  const { regions, accessibilityNotes } = base.place;
  draft.place = {
    ...read.place,
    regions,
    ...(accessibilityNotes !== undefined ? { accessibilityNotes } : {}),
  };
  if (wheelchair) draft.place.wheelchairAccessible = true;
  else delete draft.place.wheelchairAccessible;
  draft.online = read.online;
  draft.group = { ...base.group };
  for (const key of ['name', 'notes'] as const) {
    if (read.group[key] === undefined) delete draft.group[key];
    else draft.group[key] = read.group[key];
  }
  if (read.notes === undefined) delete draft.notes;
  else draft.notes = read.notes;
  return { ok: true, draft };
}

/** Reads the form or throws PL_INVALID_MEETING with every problem in `details.problems`. */
export function requireMeetingForm(
  form: FormInput,
  base: MeetingDraft,
  options: FormOptions = {},
): MeetingDraft {
  return required(readMeetingForm(form, base, options));
}

/** The zone of the place a form names in words: its ZIP code, else its town. */
function zoneOfPlace(form: FormInput, locate: FormOptions['locatePlace']): string | undefined {
  if (locate === undefined) return undefined;
  const city = formText(form, 'city');
  const state = formText(form, 'state');
  const country = formText(form, 'country');
  const queries = [
    formText(form, 'postal_code'),
    [city, state, country].filter((part) => part !== '').join(', '),
    city !== '' && state !== '' ? `${city}, ${state}` : '',
  ];
  for (const query of queries) {
    if (query === '') continue;
    const point = locate(query);
    const zone = point === undefined ? undefined : timeZoneAt(point.latitude, point.longitude);
    if (zone !== undefined) return zone;
  }
  return undefined;
}

/**
 * Reads an edit of an existing meeting: a field changes only when the person changed it. The
 * form says some things less exactly than the model (a source's own formatted address, whether
 * a place is approximate, the order of types), so each field is compared with what the same
 * form, sent untouched, reads as, and only the fields that differ are taken over the meeting.
 */
export function readMeetingEdit<T extends MeetingDraft>(
  form: FormInput,
  meeting: T,
): { ok: true; draft: T } | { ok: false; problems: FeedProblem[] } {
  const reading = readMeetingForm(form, meeting);
  if (!reading.ok) return reading;
  const untouched = readMeetingForm(meetingFormValues(meeting), meeting);
  // A meeting the form cannot read as it is (a value the form refuses) takes the form whole.
  const baseline = untouched.ok ? untouched.draft : meeting;
  return { ok: true, draft: applyChanges(meeting, diffMeetings(baseline, reading.draft)) };
}

/** Reads an edit (see readMeetingEdit) or throws PL_INVALID_MEETING with every problem. */
export function requireMeetingEdit<T extends MeetingDraft>(form: FormInput, meeting: T): T {
  return required(readMeetingEdit(form, meeting));
}

function required<T>(reading: { ok: true; draft: T } | { ok: false; problems: FeedProblem[] }): T {
  if (!reading.ok)
    throw new PorchlightError('PL_INVALID_MEETING', undefined, { problems: reading.problems });
  return reading.draft;
}

/** The meeting's types the form shows as boxes. */
function shownTypes(meeting: MeetingDraft): string[] {
  const program = getProgram(meeting.program);
  if (program === undefined) return meeting.types;
  const offered = new Set(choosableTypes(program).map((def) => def.code));
  return meeting.types.filter((code) => offered.has(code));
}

/**
 * The types after a form: the boxes ticked, the codes the form does not offer kept from the
 * meeting (while its program stays), and the wheelchair code following the wheelchair box. The
 * meeting's own order is kept, new codes after it in the vocabulary's order: a set's order is
 * not a change.
 */
function formTypes(
  program: Program,
  ticked: readonly string[],
  base: MeetingDraft,
  wheelchair: boolean,
): string[] {
  const offered = new Set(choosableTypes(program).map((def) => def.code));
  const isWheelchair = (code: string) =>
    program.types.get(code)?.tags?.includes('wheelchair') ?? false;
  const sameProgram = base.program === program.id;
  const wanted = new Set(ticked.filter((code) => wheelchair || !isWheelchair(code)));
  if (sameProgram)
    for (const code of base.types)
      if (!offered.has(code) && (!isWheelchair(code) || wheelchair)) wanted.add(code);
  const order = [...(sameProgram ? base.types : []), ...program.types.keys()];
  const rank = (code: string) => {
    const at = order.indexOf(code);
    return at === -1 ? order.length : at;
  };
  return [...wanted].sort((a, b) => rank(a) - rank(b));
}

type Report = (field: string, code: FeedProblem['code'], detail?: string) => void;

function readSchedule(form: FormInput, report: Report): Recurrence[] {
  const schedule: Recurrence[] = [];
  for (let i = 0; i < maxScheduleRows; i++) {
    const kind = formText(form, `s${i}.kind`);
    if (kind === '') continue;
    const at = (name: string) => `s${i}.${name}`;
    if (!(scheduleKinds as readonly string[]).includes(kind)) {
      report(at('kind'), 'PL_INVALID_FIELD', quote(kind));
      continue;
    }
    if (kind === 'by_appointment') {
      schedule.push({ kind });
      continue;
    }
    const dayText = formText(form, at('day'));
    const day = parseWeekday(dayText);
    if (day === undefined) report(at('day'), 'PL_INVALID_DAY', quote(dayText));
    const startText = formText(form, at('start'));
    const start = parseClockTime(startText);
    if (start === undefined || start >= 1440)
      report(at('start'), 'PL_INVALID_TIME', quote(startText));
    let duration = 60;
    const endText = formText(form, at('end'));
    if (endText !== '' && start !== undefined) {
      const end = parseClockTime(endText);
      if (end === undefined) report(at('end'), 'PL_INVALID_END_TIME', quote(endText));
      else if (end !== start) duration = (end - start + 1440) % 1440 || 1440;
    }
    if (day === undefined || start === undefined || start >= 1440) continue;
    const timed = { day, start: formatClockTime(start), durationMinutes: duration };
    if (kind === 'weekly') schedule.push({ kind, ...timed });
    else if (kind === 'biweekly') {
      const anchorDate = readAnchor(formText(form, at('anchor')), day);
      if (anchorDate === undefined)
        report(at('anchor'), 'PL_INVALID_DATE', 'a date (YYYY-MM-DD) on the meeting’s weekday');
      else schedule.push({ kind, ...timed, anchorDate });
    } else {
      const week = Number(formText(form, at('week')));
      if (!weeksOfMonth.includes(week as WeekOfMonth))
        report(at('week'), 'PL_INVALID_FIELD', 'the week of the month: 1-5, or last');
      else schedule.push({ kind: 'monthly', ...timed, week: week as WeekOfMonth });
    }
  }
  // No day at all is "by appointment", as in the Meeting Guide format.
  return schedule.length > 0 ? schedule : [{ kind: 'by_appointment' }];
}

/** A `YYYY-MM-DD` that exists and falls on `day`. */
function readAnchor(text: string, day: Weekday): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return undefined;
  return date.getUTCDay() === day ? text : undefined;
}

/**
 * Languages as a person writes them: names or tags, separated by commas or "and" ("English,
 * Spanish", "inglés y español", "en es").
 */
function readLanguages(text: string, report: Report): string[] {
  if (text.length > textLimits.short) {
    report('languages', 'PL_TOO_LONG', `${text.length} characters; at most ${textLimits.short}`);
    return [];
  }
  const out: string[] = [];
  const add = (tag: string) => {
    if (!out.includes(tag)) out.push(tag);
  };
  for (const item of text.split(/[,;/]|\s(?:and|y|&)\s/i).map((t) => t.trim())) {
    if (item === '') continue;
    const named = languageFromWords(item);
    if (named !== undefined) {
      add(named);
      continue;
    }
    // Several tags separated by spaces ("en es"); otherwise the whole item is unknown.
    const words = item.split(/\s+/);
    const tags = words.map((word) => languageFromWords(word));
    if (words.length > 1 && tags.every((tag) => tag !== undefined)) tags.forEach(add);
    else report('languages', 'PL_INVALID_FIELD', quote(item));
  }
  return out;
}

function oneOf(
  form: FormInput,
  name: string,
  allowed: readonly string[],
  report: Report,
): string | undefined {
  const value = formText(form, name);
  if (allowed.includes(value)) return value;
  report(name, 'PL_INVALID_FIELD', quote(value));
  return undefined;
}

function withoutRow(p: FeedProblem): FeedProblem {
  const { index: _index, slug: _slug, row: _row, ...rest } = p;
  return { index: -1, ...rest };
}

function clockOf(hhmm: string): number {
  return parseClockTime(hhmm) ?? 0;
}

function quote(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
}
