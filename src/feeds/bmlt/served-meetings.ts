/**
 * Our meetings as BMLT meetings: one BMLT meeting per timed recurrence (BMLT knows only weekly
 * meetings), every value a string as root servers send them. Fortnightly and monthly recurrences
 * are served on their weekday with the rhythm said in `comments`, so they stay findable.
 */
import { formatAddress } from '../../meetings/address.js';
import {
  exportableCoordinates,
  type Meeting,
  type Recurrence,
  type TimedRecurrenceKind,
} from '../../meetings/model.js';
import { meetingFormats, type ServedFormat } from './served-formats.js';
import { assignIds, MEETING_ID_MAX } from './served-ids.js';

/** The fields of a `GetSearchResults` meeting, in the order root servers send them. */
export const meetingFieldKeys = [
  'id_bigint',
  'worldid_mixed',
  'shared_group_id_bigint',
  'service_body_bigint',
  'weekday_tinyint',
  'venue_type',
  'start_time',
  'duration_time',
  'time_zone',
  'formats',
  'lang_enum',
  'longitude',
  'latitude',
  'distance_in_km',
  'distance_in_miles',
  'email_contact',
  'published',
  'root_server_uri',
  'format_shared_id_list',
  'meeting_name',
  'location_text',
  'location_info',
  'location_street',
  'location_city_subsection',
  'location_neighborhood',
  'location_municipality',
  'location_sub_province',
  'location_province',
  'location_postal_code_1',
  'location_nation',
  'comments',
  'train_lines',
  'bus_lines',
  'contact_phone_2',
  'contact_email_2',
  'contact_name_2',
  'contact_phone_1',
  'contact_email_1',
  'contact_name_1',
  'phone_meeting_number',
  'virtual_meeting_link',
  'virtual_meeting_additional_info',
] as const;

export type MeetingFieldKey = (typeof meetingFieldKeys)[number];
export type BmltMeeting = Record<MeetingFieldKey, string>;

/** BMLT venue types. */
export const VENUE_IN_PERSON = 1;
export const VENUE_VIRTUAL = 2;
export const VENUE_HYBRID = 3;

/** A served BMLT meeting with the numbers a query compares, so filters never parse strings. */
export interface ServedMeeting {
  id: number;
  /** 1-7, Sunday = 1. */
  weekday: number;
  startMinute: number;
  durationMinutes: number;
  venueType: number;
  formatIds: readonly number[];
  serviceBodyId: number;
  latitude?: number;
  longitude?: number;
  /** The texts `SearchString` looks in; folded into words on the first text search only. */
  text: string;
  words?: readonly string[];
  fields: BmltMeeting;
}

/** Where a meeting sits in the served service bodies. */
export type ServiceBodyOf = (meeting: Meeting) => number;

const ordinals = ['', 'first', 'second', 'third', 'fourth', 'fifth'];
const dayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * Every timed recurrence of every active or temporarily closed meeting as a BMLT meeting.
 * `id_bigint` comes from the meeting's id (the first timed recurrence) or its id and the
 * recurrence's position (the others), so it survives refreshes and restarts.
 */
export function serveMeetings(
  meetings: readonly Meeting[],
  options: { rootServerUri: string; serviceBodyOf: ServiceBodyOf },
): ServedMeeting[] {
  const planned: { meeting: Meeting; recurrence: TimedRecurrenceKind; key: string }[] = [];
  for (const meeting of meetings) {
    if (meeting.status === 'inactive') continue;
    let first = true;
    meeting.schedule.forEach((recurrence: Recurrence, index) => {
      if (recurrence.kind === 'by_appointment') return;
      planned.push({ meeting, recurrence, key: first ? meeting.id : `${meeting.id}#${index}` });
      first = false;
    });
  }
  const ids = assignIds(
    planned.map((p) => p.key),
    MEETING_ID_MAX,
  );
  // Most meetings share a handful of format combinations: work each out once.
  const formatMemo = new Map<string, ServedFormat[]>();
  const formatsOf = (meeting: Meeting) => {
    const key = [
      meeting.types.join(','),
      meeting.attendance,
      meeting.status,
      meeting.place.wheelchairAccessible === true,
      meeting.languages.join(','),
    ].join('|');
    let formats = formatMemo.get(key);
    if (formats === undefined) {
      formats = meetingFormats(meeting);
      formatMemo.set(key, formats);
    }
    return formats;
  };
  return planned.map(({ meeting, recurrence, key }) =>
    serveRecurrence(meeting, recurrence, ids.get(key)!, { ...options, formatsOf }),
  );
}

interface ServeOptions {
  rootServerUri: string;
  serviceBodyOf: ServiceBodyOf;
  formatsOf: (meeting: Meeting) => ServedFormat[];
}

function serveRecurrence(
  meeting: Meeting,
  recurrence: TimedRecurrenceKind,
  id: number,
  options: ServeOptions,
): ServedMeeting {
  const { place, online } = meeting;
  const formats = options.formatsOf(meeting);
  const venueType =
    meeting.attendance === 'online'
      ? VENUE_VIRTUAL
      : meeting.attendance === 'hybrid'
        ? VENUE_HYBRID
        : VENUE_IN_PERSON;
  const startMinute = clockMinutes(recurrence.start);
  const serviceBodyId = options.serviceBodyOf(meeting);
  const hasPoint = place.latitude !== undefined && place.longitude !== undefined;
  // A ZIP code's or town's centre still answers a search near a point, but is not shown as
  // the meeting's position (a client would pin it there).
  const shown = exportableCoordinates(place);
  const comments = [rhythm(recurrence), meeting.notes].filter(nonEmpty).join(' ');
  const fields: BmltMeeting = {
    id_bigint: String(id),
    worldid_mixed: '',
    shared_group_id_bigint: '',
    service_body_bigint: String(serviceBodyId),
    weekday_tinyint: String(recurrence.day + 1),
    venue_type: String(venueType),
    start_time: `${recurrence.start}:00`,
    duration_time: durationTime(recurrence.durationMinutes),
    time_zone: meeting.timeZone,
    formats: formats.map((f) => f.code).join(','),
    lang_enum: (meeting.languages[0] ?? 'en').split('-')[0]!.toLowerCase(),
    longitude: shown !== undefined ? String(shown.longitude) : '',
    latitude: shown !== undefined ? String(shown.latitude) : '',
    distance_in_km: '',
    distance_in_miles: '',
    email_contact: '',
    published: '1',
    root_server_uri: options.rootServerUri,
    format_shared_id_list: formats.map((f) => f.id).join(','),
    meeting_name: meeting.name,
    location_text: place.name ?? '',
    location_info: [place.notes, place.accessibilityNotes].filter(nonEmpty).join(' '),
    location_street:
      place.address.street ??
      (place.address.city === undefined ? (place.formattedAddress ?? '') : ''),
    location_city_subsection: '',
    location_neighborhood: '',
    location_municipality: place.address.city ?? '',
    location_sub_province: '',
    location_province: place.address.region ?? '',
    location_postal_code_1: place.address.postalCode ?? '',
    location_nation: place.address.country ?? '',
    comments,
    train_lines: '',
    bus_lines: '',
    // Contacts are private on root servers too (visible to their administrators only).
    contact_phone_2: '',
    contact_email_2: '',
    contact_name_2: '',
    contact_phone_1: '',
    contact_email_1: '',
    contact_name_1: '',
    phone_meeting_number: online.phone ?? '',
    virtual_meeting_link: online.url ?? '',
    virtual_meeting_additional_info: [online.urlNotes, online.phoneNotes]
      .filter(nonEmpty)
      .join(' '),
  };
  const text = [
    meeting.name,
    place.name,
    place.notes,
    place.formattedAddress ?? formatAddress(place.address),
    meeting.group.name,
    meeting.notes,
    ...place.regions,
  ]
    .filter(nonEmpty)
    .join(' ');
  return {
    id,
    weekday: recurrence.day + 1,
    startMinute,
    durationMinutes: recurrence.durationMinutes,
    venueType,
    formatIds: formats.map((f) => f.id),
    serviceBodyId,
    ...(hasPoint ? { latitude: place.latitude!, longitude: place.longitude! } : {}),
    text,
    fields,
  };
}

/** "Every other week, from 2026-03-02." or "The second Tuesday of the month." (else nothing). */
function rhythm(recurrence: TimedRecurrenceKind): string | undefined {
  switch (recurrence.kind) {
    case 'weekly':
      return undefined;
    case 'biweekly':
      return `Every other week, from ${recurrence.anchorDate}.`;
    case 'monthly': {
      const which = recurrence.week === -1 ? 'last' : ordinals[recurrence.week];
      return `The ${which} ${dayNames[recurrence.day]} of the month.`;
    }
  }
}

/** BMLT's `duration_time`: `HH:MM:SS`, a whole day being `24:00:00`. */
export function durationTime(minutes: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:00`;
}

function clockMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/** Lower-case words without accents, for text matching that ignores both. */
export function foldedWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

function nonEmpty(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}
