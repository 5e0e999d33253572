import { formatClockTime, clockMinutes } from '../../meetings/clock-time.js';
import { meetingGuideCodeForLanguage } from '../../meetings/languages.js';
import {
  exportableCoordinates,
  type Meeting,
  type Recurrence,
  type TimedRecurrenceKind,
} from '../../meetings/model.js';
import { getProgram, type MeetingTypeDef, type Program } from '../../meetings/programs.js';
import { weekdayNames } from '../../meetings/weekdays.js';
import { formatFeedDate } from './feed-date.js';

export type MeetingGuideRow = Record<string, unknown>;

export interface WriteOptions {
  /** Base of our meeting pages, e.g. `https://meetings.example.org`. */
  publicUrl: string;
}

const ordinals = ['', 'first', 'second', 'third', 'fourth', 'fifth'];

/**
 * Writes one meeting as Meeting Guide rows, the format the Meeting Guide app and TSML UI read.
 * The format knows one weekly slot per row, so a meeting that meets on several days becomes
 * several rows (slug suffixed with the day), and monthly or fortnightly meetings say so in
 * their notes, the convention real feeds already use.
 */
export function writeMeetingGuideRows(meeting: Meeting, options: WriteOptions): MeetingGuideRow[] {
  const base = baseRow(meeting, options);
  const timed = meeting.schedule.filter(
    (r): r is TimedRecurrenceKind => r.kind !== 'by_appointment',
  );
  if (timed.length === 0) return [base];
  const daySlugs = new Set<string>();
  return timed.map((recurrence) => {
    const row: MeetingGuideRow = { ...base, ...timing(recurrence) };
    if (timed.length > 1) {
      let slug = `${meeting.slug}-${weekdayNames[recurrence.day].toLowerCase()}`;
      if (daySlugs.has(slug)) slug = `${slug}-${daySlugs.size + 1}`;
      daySlugs.add(slug);
      row.slug = slug;
    }
    const pattern = describePattern(recurrence);
    if (pattern !== undefined) row.notes = [pattern, meeting.notes].filter(Boolean).join('\n\n');
    return row;
  });
}

function timing(recurrence: TimedRecurrenceKind): MeetingGuideRow {
  return {
    day: recurrence.day,
    time: recurrence.start,
    end_time: formatClockTime(clockMinutes(recurrence.start) + recurrence.durationMinutes),
  };
}

/** A monthly or fortnightly rhythm in words, for formats that know only weekly meetings. */
export function describePattern(recurrence: Recurrence): string | undefined {
  if (recurrence.kind === 'monthly') {
    const which = recurrence.week === -1 ? 'last' : ordinals[recurrence.week];
    return `Meets on the ${which} ${weekdayNames[recurrence.day]} of each month.`;
  }
  if (recurrence.kind === 'biweekly') {
    return `Meets every other ${weekdayNames[recurrence.day]}, starting ${recurrence.anchorDate}.`;
  }
  return undefined;
}

function baseRow(meeting: Meeting, options: WriteOptions): MeetingGuideRow {
  const program = getProgram(meeting.program);
  const { place, online, group } = meeting;
  const row: MeetingGuideRow = {
    name: meeting.name,
    slug: meeting.slug,
    // An extension field: the program whose vocabulary the type codes belong to. Meeting Guide
    // clients ignore it; our importer reads the row's codes with it.
    program: meeting.program,
    types: typeCodes(meeting, program),
    timezone: meeting.timeZone,
    updated: formatFeedDate(meeting.updatedAt),
    url: `${options.publicUrl}/meetings/${encodeURIComponent(meeting.slug)}`,
    attendance_option: meeting.status === 'active' ? meeting.attendance : 'inactive',
    approximate: place.approximate ? 'yes' : 'no',
  };
  put(row, 'notes', meeting.notes);
  put(row, 'location', place.name);
  put(row, 'location_notes', place.notes);
  put(row, 'formatted_address', place.formattedAddress);
  put(row, 'address', place.address.street);
  put(row, 'city', place.address.city);
  put(row, 'state', place.address.region);
  put(row, 'postal_code', place.address.postalCode);
  put(row, 'country', place.address.country);
  // A ZIP code's or town's centre that we found is ours, not the source's: a client given it
  // would pin the meeting there. Re-imported, the address is placed the same way again.
  const point = exportableCoordinates(place);
  put(row, 'latitude', point?.latitude);
  put(row, 'longitude', point?.longitude);
  if (place.regions.length > 0) {
    row.region = place.regions.at(-1);
    row.regions = place.regions;
  }
  put(row, 'conference_url', online.url);
  put(row, 'conference_url_notes', online.urlNotes);
  put(row, 'conference_phone', online.phone);
  put(row, 'conference_phone_notes', online.phoneNotes);
  put(row, 'group', group.name);
  put(row, 'group_id', group.sourceId);
  put(row, 'group_notes', group.notes);
  put(row, 'district', group.district);
  put(row, 'website', group.website);
  put(row, 'email', group.email);
  put(row, 'phone', group.phone);
  if (group.contactsPublic) {
    group.contacts.slice(0, 3).forEach((contact, i) => {
      put(row, `contact_${i + 1}_name`, contact.name);
      put(row, `contact_${i + 1}_email`, contact.email);
      put(row, `contact_${i + 1}_phone`, contact.phone);
    });
  }
  for (const c of meeting.contributions)
    put(row, c.kind === 'url' ? 'contribution_url' : c.kind, c.value);
  const e = meeting.entity;
  if (e !== undefined) {
    put(row, 'entity', e.name);
    put(row, 'entity_email', e.email);
    put(row, 'entity_phone', e.phone);
    put(row, 'entity_url', e.url);
    put(row, 'entity_location', e.location);
    put(row, 'entity_logo', e.logo);
  }
  return row;
}

/**
 * The program's codes, then language codes, then the codes that stand for status, attendance and
 * wheelchair access.
 */
function typeCodes(meeting: Meeting, program: Program | undefined): string[] {
  const codes = [...meeting.types];
  for (const tag of meeting.languages) {
    const code = meetingGuideCodeForLanguage(tag);
    if (code !== undefined && !codes.includes(code)) codes.push(code);
  }
  if (program !== undefined) {
    // An online meeting with an exact address is a room that is closed for now: readers of the
    // format tell it from a hybrid meeting only by the TC code.
    const roomClosed = meeting.attendance === 'online' && !meeting.place.approximate;
    if (meeting.status === 'temporarily_closed' || roomClosed)
      pushTagged(codes, program, 'temporarily_closed');
    if (meeting.attendance !== 'in_person') pushTagged(codes, program, 'online');
    // The flag is the meeting's word on access; readers of the format know it by its code.
    if (meeting.place.wheelchairAccessible === true) pushTagged(codes, program, 'wheelchair');
  }
  return codes;
}

const taggedCodes = new Map<string, string | null>();

function pushTagged(
  codes: string[],
  program: Program,
  tag: NonNullable<MeetingTypeDef['tags']>[number],
): void {
  const key = `${program.id}:${tag}`;
  let code = taggedCodes.get(key);
  if (code === undefined) {
    code = [...program.types.values()].find((t) => t.tags?.includes(tag))?.code ?? null;
    taggedCodes.set(key, code);
  }
  if (code !== null && !codes.includes(code)) codes.push(code);
}

function put(row: MeetingGuideRow, key: string, value: unknown): void {
  if (value !== undefined && value !== null && value !== '') row[key] = value;
}
