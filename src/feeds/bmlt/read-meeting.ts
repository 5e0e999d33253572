import type { FeedProblem, FeedProblemCode } from '../../platform/errors.js';
import { formatAddress } from '../../meetings/address.js';
import { formatClockTime } from '../../meetings/clock-time.js';
import { checkWebLink, cleanDialString, conferenceProvider } from '../../meetings/links.js';
import { normaliseLanguageTag } from '../../meetings/languages.js';
import type {
  Address,
  Attendance,
  Contact,
  Group,
  MeetingDraft,
  MeetingStatus,
  Online,
  Place,
  Weekday,
} from '../../meetings/model.js';
import { focusOf, type Program } from '../../meetings/programs.js';
import { canonicalTimeZone, isValidCoordinate, timeZoneAt } from '../../meetings/time-zone.js';
import {
  defaultDurationMinutes,
  problem,
  textLimits,
  unreadableRow,
} from '../meeting-guide/read-row.js';
import { bmltList, bmltMinutes, bmltText } from './read-fields.js';
import type { FormatMeaning } from './read-formats.js';
import type { ServiceBodies } from './read-service-bodies.js';
import { setIf } from '../set-if.js';

/** A format as a meeting row refers to it, with what it means to us. */
export interface FormatEntry {
  key: string;
  name: string;
  meaning: FormatMeaning;
}

/** What the server's other answers tell about a meeting row's references. */
export interface BmltLookups {
  program: Program;
  sourceId: string;
  fetchedAt: string;
  /** Formats by id (`format_shared_id_list`), when the server's format list was read. */
  formatsById?: ReadonlyMap<string, FormatEntry>;
  /** Formats by key (`formats`): the server's list, else the stock keys of the vocabulary. */
  formatByKey: (key: string) => FormatEntry;
  serviceBodies?: ServiceBodies;
}

export interface BmltRowReading {
  draft?: MeetingDraft;
  /** True when neither the row nor its coordinates gave a time zone. */
  timeZoneMissing: boolean;
  problems: FeedProblem[];
}

/** Fields read into the model; the rest of a row is kept verbatim as provenance. */
const consumed = new Set([
  'id_bigint',
  'meeting_name',
  'weekday_tinyint',
  'start_time',
  'duration_time',
  'time_zone',
  'venue_type',
  'formats',
  'format_shared_id_list',
  'lang_enum',
  'longitude',
  'latitude',
  'published',
  'comments',
  'location_text',
  'location_info',
  'location_street',
  'location_municipality',
  'location_province',
  'location_postal_code_1',
  'location_nation',
  'public_transport',
  'virtual_meeting_link',
  'virtual_meeting_additional_info',
  'phone_meeting_number',
  'worldid_mixed',
  'email_contact',
  'contact_name_1',
  'contact_email_1',
  'contact_phone_1',
  'contact_name_2',
  'contact_email_2',
  'contact_phone_2',
  'contact_name1',
  'contact_email1',
  'contact_phone1',
  'contact_name2',
  'contact_email2',
  'contact_phone2',
  // Answers to the search, not facts about the meeting.
  'distance_in_km',
  'distance_in_miles',
]);

const venueTypes: Readonly<Record<string, Attendance>> = {
  '1': 'in_person',
  '2': 'online',
  '3': 'hybrid',
};

/** True for a row the server marks unpublished: hidden by its keepers, so not imported. */
export function isUnpublished(raw: unknown): boolean {
  if (raw === null || typeof raw !== 'object') return false;
  const published = (raw as Record<string, unknown>).published;
  return published === '0' || published === 0 || published === false;
}

/**
 * Reads one row of a BMLT `GetSearchResults` answer into a meeting draft. The BMLT id is the
 * source slug, so a refresh recognises the meeting whatever else changed; every problem names
 * the row, that id and the BMLT field.
 */
export function readBmltMeeting(raw: unknown, index: number, ctx: BmltLookups): BmltRowReading {
  const unreadable = unreadableRow(raw, index);
  if (unreadable !== undefined) return { problems: [unreadable], timeZoneMissing: false };
  const problems: FeedProblem[] = [];
  const row = raw as Record<string, unknown>;
  const id = bmltText(row.id_bigint);
  const r = new RowReader(row, index, id, problems);

  let fatal = false;
  if (id === '') {
    r.report('id_bigint', 'PL_MISSING_SLUG');
    fatal = true;
  } else if (id.length > textLimits.slug) {
    r.report('id_bigint', 'PL_TOO_LONG', `${id.length} characters`);
    fatal = true;
  }
  const name = bmltText(row.meeting_name);
  if (name === '') {
    r.report('meeting_name', 'PL_MISSING_NAME');
    fatal = true;
  } else if (name.length > textLimits.name) {
    r.report(
      'meeting_name',
      'PL_TOO_LONG',
      `${name.length} characters; at most ${textLimits.name}`,
    );
    fatal = true;
  }

  // When: BMLT counts weekdays 1-7 from Sunday; ours are 0-6 from Sunday.
  const weekday = bmltText(row.weekday_tinyint);
  const day = /^[1-7]$/.test(weekday) ? ((Number(weekday) - 1) as Weekday) : undefined;
  if (day === undefined) {
    r.report('weekday_tinyint', 'PL_INVALID_WEEKDAY', quote(weekday));
    fatal = true;
  }
  const start = bmltMinutes(row.start_time);
  if (start === undefined || start >= 1440) {
    r.report('start_time', 'PL_INVALID_TIME', quote(bmltText(row.start_time)));
    fatal = true;
  }
  let duration = bmltMinutes(row.duration_time);
  if (duration === undefined && bmltText(row.duration_time) !== '')
    r.report('duration_time', 'PL_INVALID_END_TIME', quote(bmltText(row.duration_time)));
  // Servers store 00:00 for "not said"; the meeting lists then assume an hour.
  if (duration === undefined || duration === 0) duration = defaultDurationMinutes;

  // What: formats to codes, languages and the attendance flags they stand for.
  const formats = readFormats(row, ctx, r);

  // How to join from afar.
  const online: Online = {};
  const link = r.text('virtual_meeting_link', textLimits.url);
  if (link !== undefined) {
    const checked = checkWebLink(link);
    if (checked.ok) {
      online.url = checked.url;
      const provider = conferenceProvider(checked.url);
      if (provider !== undefined) online.provider = provider;
    } else {
      r.report(
        'virtual_meeting_link',
        checked.reason === 'unsafe' ? 'PL_UNSAFE_URL' : 'PL_INVALID_URL',
        quote(link),
      );
    }
  }
  const info = r.text('virtual_meeting_additional_info', textLimits.long);
  if (info !== undefined) online.urlNotes = info;
  const phone = r.text('phone_meeting_number');
  if (phone !== undefined) {
    const dial = cleanDialString(phone);
    if (dial === undefined) r.report('phone_meeting_number', 'PL_INVALID_PHONE', quote(phone));
    else online.phone = dial;
    // The number as written often carries the PIN in words; keep it for people to read.
    if (/\p{L}/u.test(phone)) online.phoneNotes = phone;
  }
  const remote = online.url !== undefined || online.phone !== undefined;

  let attendance: Attendance;
  const venue = bmltText(row.venue_type);
  // Own keys only: a row saying `constructor` must not find Object's.
  const declared = Object.hasOwn(venueTypes, venue) ? venueTypes[venue] : undefined;
  if (declared !== undefined) attendance = declared;
  else {
    if (venue !== '') r.report('venue_type', 'PL_INVALID_VENUE_TYPE', quote(venue));
    attendance = formats.hybrid ? 'hybrid' : formats.online && remote ? 'online' : 'in_person';
  }
  let status: MeetingStatus = 'active';
  if (formats.temporarilyClosed) {
    // A closed room: the meeting goes on online when it can, and is closed for now otherwise.
    if (remote) attendance = 'online';
    else {
      attendance = 'in_person';
      status = 'temporarily_closed';
    }
  }

  // Where.
  const place = readPlace(row, r, attendance);
  if (formats.wheelchair) place.wheelchairAccessible = true;
  const bodyId = bmltText(row.service_body_bigint);
  const regions = bodyId === '' ? [] : (ctx.serviceBodies?.regionPath(bodyId) ?? []);
  place.regions = regions;

  // Time zone: the row's own, else from the coordinates of a room; the feed pass fills the rest.
  let timeZone: string | undefined;
  const zoneText = r.text('time_zone');
  if (zoneText !== undefined) {
    timeZone = canonicalTimeZone(zoneText);
    if (timeZone === undefined) r.report('time_zone', 'PL_INVALID_TIMEZONE', quote(zoneText));
  }
  if (timeZone === undefined && place.latitude !== undefined && place.longitude !== undefined) {
    timeZone = timeZoneAt(place.latitude, place.longitude);
  }

  if (fatal || day === undefined || start === undefined) {
    return { problems, timeZoneMissing: false };
  }

  const languages = [...formats.languages];
  if (languages.length === 0) {
    // Without a language format the meeting is held in the server's language.
    const lang = serverLanguage(bmltText(row.lang_enum));
    if (lang !== undefined) languages.push(lang);
  }

  const extra: Record<string, unknown> = {};
  for (const key in row) {
    const value = row[key];
    if (!consumed.has(key) && value !== null && value !== undefined && value !== '')
      extra[key] = value;
  }
  if (formats.unmapped.length > 0) extra.unmapped_formats = formats.unmapped;

  const draft: MeetingDraft = {
    name,
    program: ctx.program.id,
    types: formats.codes,
    languages,
    focus: focusOf(ctx.program, formats.codes),
    attendance,
    status,
    timeZone: timeZone ?? 'UTC',
    schedule: [
      {
        kind: 'weekly',
        day,
        start: formatClockTime(start),
        durationMinutes: Math.min(duration, 1440),
      },
    ],
    place,
    online,
    group: readGroup(row, r),
    contributions: [],
    provenance: {
      sourceId: ctx.sourceId,
      sourceSlug: id,
      lastFetchedAt: ctx.fetchedAt,
      extra,
    },
  };
  const notes = r.text('comments', textLimits.long);
  if (notes !== undefined) draft.notes = notes;
  const entity = bodyId === '' ? undefined : ctx.serviceBodies?.entity(bodyId);
  if (entity !== undefined) draft.entity = entity;
  return { draft, problems, timeZoneMissing: timeZone === undefined };
}

/**
 * One row's fields as text, and its problems located by row, BMLT id and field. A class, not
 * closures: an answer has tens of thousands of rows.
 */
class RowReader {
  constructor(
    private readonly row: Record<string, unknown>,
    private readonly index: number,
    private readonly id: string,
    private readonly problems: FeedProblem[],
  ) {}

  report(field: string, code: FeedProblemCode, detail?: string): void {
    this.problems.push(problem(this.index, this.id, field, code, detail));
  }

  text(field: string, limit: number = textLimits.short): string | undefined {
    let value = bmltText(this.row[field]);
    if (value === '') return undefined;
    if (value.includes('\r')) value = value.replace(/\r\n?/g, '\n');
    if (value.length > limit) {
      this.report(field, 'PL_TEXT_TRUNCATED', `${value.length} characters; at most ${limit}`);
      return undefined;
    }
    return value;
  }
}

interface FormatsReading {
  codes: string[];
  languages: string[];
  unmapped: string[];
  wheelchair: boolean;
  online: boolean;
  hybrid: boolean;
  temporarilyClosed: boolean;
}

function readFormats(row: Record<string, unknown>, ctx: BmltLookups, r: RowReader): FormatsReading {
  const reading: FormatsReading = {
    codes: [],
    languages: [],
    unmapped: [],
    wheelchair: false,
    online: false,
    hybrid: false,
    temporarilyClosed: false,
  };
  // Ids name the server's formats exactly; keys are the fallback for answers without the list.
  const ids = ctx.formatsById === undefined ? [] : bmltList(row.format_shared_id_list);
  const entries: FormatEntry[] =
    ids.length > 0
      ? ids.map(
          (formatId) =>
            ctx.formatsById!.get(formatId) ?? {
              key: formatId,
              name: '',
              meaning: { kind: 'unknown' },
            },
        )
      : bmltList(row.formats).map(ctx.formatByKey);
  for (const entry of entries) {
    const meaning = entry.meaning;
    switch (meaning.kind) {
      case 'type':
        if (!reading.codes.includes(meaning.code)) reading.codes.push(meaning.code);
        if (meaning.wheelchair) reading.wheelchair = true;
        break;
      case 'language':
        if (!reading.languages.includes(meaning.tag)) reading.languages.push(meaning.tag);
        break;
      case 'attendance':
        if (meaning.flag === 'online') reading.online = true;
        else if (meaning.flag === 'hybrid') reading.hybrid = true;
        else reading.temporarilyClosed = true;
        break;
      case 'unknown':
        if (!reading.unmapped.includes(entry.key)) {
          reading.unmapped.push(entry.key);
          const label =
            entry.name === '' ? quote(entry.key) : `${quote(entry.key)} (${entry.name})`;
          r.report(
            ids.length > 0 ? 'format_shared_id_list' : 'formats',
            'PL_UNKNOWN_FORMAT',
            label,
          );
        }
        break;
    }
  }
  return reading;
}

function readPlace(row: Record<string, unknown>, r: RowReader, attendance: Attendance): Place {
  const address: Address = {};
  setIf(address, 'street', r.text('location_street'));
  setIf(address, 'city', r.text('location_municipality'));
  setIf(address, 'region', r.text('location_province'));
  setIf(address, 'postalCode', r.text('location_postal_code_1'));
  setIf(address, 'country', r.text('location_nation'));
  const formatted = formatAddress(address);
  // A virtual meeting has no room: whatever address it carries is a rough area at most.
  const approximate = attendance === 'online' || address.street === undefined;
  const place: Place = { address, approximate, regions: [] };
  setIf(place, 'name', r.text('location_text'));
  setIf(place, 'formattedAddress', formatted);
  const notes = [
    r.text('location_info', textLimits.long),
    r.text('public_transport', textLimits.long),
  ]
    .filter((n): n is string => n !== undefined)
    .join('\n');
  if (notes !== '') place.notes = notes;

  const latText = bmltText(row.latitude);
  const lngText = bmltText(row.longitude);
  if (latText !== '' || lngText !== '') {
    const lat = Number(latText);
    const lng = Number(lngText);
    if (!isValidCoordinate(lat, lng)) {
      // Servers write 0,0 for "not placed yet"; only numbers out of range are a mistake.
      if (!(lat === 0 && lng === 0))
        r.report('latitude', 'PL_INVALID_COORDINATES', `${latText}, ${lngText}`);
    } else if (attendance !== 'online') {
      // BMLT requires coordinates, so a virtual meeting carries the server's default point,
      // which says nothing about where its members are; only rooms keep theirs.
      place.latitude = lat;
      place.longitude = lng;
    }
  }
  return place;
}

const contactFields = [1, 2].flatMap((n) =>
  ['name', 'email', 'phone'].flatMap((f) => [`contact_${f}_${n}`, `contact_${f}${n}`]),
);

function readGroup(row: Record<string, unknown>, r: RowReader): Group {
  const contacts: Contact[] = [];
  // Most servers hide contacts from the public interface: skip the twelve lookups then.
  const hasContacts = contactFields.some((field) => bmltText(row[field]) !== '');
  for (const n of hasContacts ? [1, 2] : []) {
    const contact: Contact = {};
    setIf(contact, 'name', r.text(`contact_name_${n}`) ?? r.text(`contact_name${n}`));
    setIf(contact, 'email', r.text(`contact_email_${n}`) ?? r.text(`contact_email${n}`));
    setIf(contact, 'phone', r.text(`contact_phone_${n}`) ?? r.text(`contact_phone${n}`));
    if (Object.keys(contact).length > 0) contacts.push(contact);
  }
  // Contacts that reach a public answer were published by the service body: they stay public.
  const group: Group = { contacts, contactsPublic: contacts.length > 0 };
  setIf(group, 'sourceId', r.text('worldid_mixed'));
  setIf(group, 'email', r.text('email_contact'));
  return group;
}

const serverLanguages = new Map<string, string | undefined>();

/** A server's `lang_enum` as a BCP-47 tag; every row of a server repeats the same few. */
function serverLanguage(code: string): string | undefined {
  if (!serverLanguages.has(code)) serverLanguages.set(code, normaliseLanguageTag(code));
  return serverLanguages.get(code);
}

function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}
