/**
 * How the demo region writes a feed: fictional contacts and conference links, and a builder that
 * turns a meeting's spec into a Meeting Guide row the way a program's site would publish it.
 */
import type { Random } from './random.js';
import { GREENFIELD_TOWN, TIME_ZONE, type Town, type Venue } from './demo-places.js';

export interface DemoSource {
  name: string;
  program: string;
  rows: Record<string, unknown>[];
}

// ---------------------------------------------------------------------------------------------
// People (fictional, anonymous: first name and initial, 555 numbers, example.org)

const CONTACT_NAMES = [
  'Sam R.',
  'Alex P.',
  'Jordan M.',
  'Chris T.',
  'Pat K.',
  'Robin L.',
  'Casey D.',
  'Maria G.',
  'Dana W.',
  'Lee B.',
  'Terry S.',
  'Jamie F.',
] as const;

function fictionalPhone(random: Random): string {
  return `413-555-01${random.int(10, 99)}`;
}

function contactEmail(name: string): string {
  const [first = 'member', initial = 'x'] = name.replace('.', '').toLowerCase().split(' ');
  return `${first}.${initial}@example.org`;
}

// ---------------------------------------------------------------------------------------------
// Online meetings

/** Zoom's public dial-in numbers (service numbers, not people's). */
const ZOOM_DIAL_INS = ['+16465588656', '+13017158592', '+13126266799', '+19292056099'] as const;

export interface Conference {
  url?: string;
  urlNotes?: string;
  phone?: string;
  phoneNotes?: string;
}

function spaced(id: string): string {
  return `${id.slice(0, 3)} ${id.slice(3, 7)} ${id.slice(7)}`;
}

export function zoomConference(random: Random, withPhone: boolean): Conference {
  // 855-prefixed IDs in the 555 spirit: obviously made up.
  const id = `8555${random.digits(7)}`;
  const passcode = random.chance(0.3)
    ? random.pick(['Serenity', 'Hope', 'OneDay'])
    : random.digits(6);
  const withPwd = random.chance(0.4);
  const url = withPwd
    ? `https://zoom.us/j/${id}?pwd=${random.digits(6)}demo${random.digits(6)}`
    : `https://zoom.us/j/${id}`;
  const conference: Conference = {
    url,
    urlNotes: `Meeting ID: ${spaced(id)} Passcode: ${passcode}`,
  };
  if (withPhone) {
    const dialIn = random.pick(ZOOM_DIAL_INS);
    const numericCode = /^\d+$/.test(passcode) ? passcode : random.digits(6);
    conference.phone = `${dialIn},,${id}#,,,,*${numericCode}#`;
    conference.phoneNotes = `Dial ${dialIn.slice(2, 5)} ${dialIn.slice(5, 8)} ${dialIn.slice(8)}, meeting ID ${spaced(id)}#, passcode ${numericCode}#`;
  }
  return conference;
}

export function phoneOnlyConference(random: Random): Conference {
  const dialIn = random.pick(ZOOM_DIAL_INS);
  const id = `8555${random.digits(7)}`;
  const code = random.digits(6);
  return {
    phone: `${dialIn},,${id}#,,,,*${code}#`,
    phoneNotes: `Phone meeting, no internet needed. Dial ${dialIn.slice(2, 5)} ${dialIn.slice(5, 8)} ${dialIn.slice(8)}, enter ${spaced(id)}# then *${code}#.`,
  };
}

// ---------------------------------------------------------------------------------------------
// The row builder

export interface GroupInfo {
  name: string;
  id: number;
  notes?: string;
  venmo?: string;
  email?: string;
  website?: string;
  contacts: { name: string; email?: string; phone?: string }[];
}

interface EntityInfo {
  name: string;
  url: string;
  phone: string;
  email: string;
}

export type DayValue = number | readonly number[] | string;

export interface MeetingSpec {
  name: string;
  /** Absent for by-appointment meetings (no day and no time). */
  day?: DayValue;
  time?: string;
  duration?: number;
  types: readonly string[];
  group?: GroupInfo;
  /** A physical room; absent for online-only and phone-only meetings. */
  venue?: Venue;
  /** The town an online or by-appointment meeting names as its approximate place. */
  approximateTown?: Town;
  /** Overrides the approximate formatted address (e.g. "Franklin County, MA, USA"). */
  approximateAddress?: string;
  conference?: Conference;
  temporarilyClosed?: boolean;
  notes?: string;
  locationNotes?: string;
  location?: string;
  district?: string;
}

interface SourceStyle {
  /** TSML WordPress feeds add `ONL`/`TC` type codes, `attendance_option`, `url` and ids. */
  tsml: boolean;
}

export class SourceBuilder {
  readonly rows: Record<string, unknown>[] = [];
  private readonly slugs = new Set<string>();
  private nextId: number;
  private nextGroupId: number;

  constructor(
    readonly name: string,
    readonly program: string,
    private readonly random: Random,
    private readonly now: Date,
    private readonly entity: EntityInfo,
    private readonly style: SourceStyle,
    idBase: number,
  ) {
    this.nextId = idBase;
    this.nextGroupId = idBase + 5000;
  }

  group(
    name: string,
    extras: Partial<Omit<GroupInfo, 'name' | 'id' | 'contacts'>> = {},
  ): GroupInfo {
    const info: GroupInfo = { name, id: this.nextGroupId++, contacts: [] };
    if (extras.notes !== undefined) info.notes = extras.notes;
    if (extras.venmo !== undefined) info.venmo = extras.venmo;
    if (extras.email !== undefined) info.email = extras.email;
    if (extras.website !== undefined) info.website = extras.website;
    return info;
  }

  /** Gives a few groups public contacts and contribution handles, as real lists do. */
  decorate(group: GroupInfo, contactChance: number, venmoChance: number): GroupInfo {
    const r = this.random;
    if (r.chance(contactChance)) {
      const people = r.sample(CONTACT_NAMES, r.int(1, 2));
      for (const person of people) {
        const contact: GroupInfo['contacts'][number] = {
          name: person,
          email: contactEmail(person),
        };
        if (r.chance(0.6)) contact.phone = fictionalPhone(r);
        group.contacts.push(contact);
      }
      if (r.chance(0.5)) group.email = `${slugify(group.name).replace(/-/g, '')}@example.org`;
    }
    if (r.chance(venmoChance)) group.venmo = `@PorchlightDemo-${slugify(group.name)}`;
    return group;
  }

  add(spec: MeetingSpec): Record<string, unknown> {
    const r = this.random;
    const row: Record<string, unknown> = {};
    row.id = this.nextId++;
    row.name = spec.name;
    row.slug = this.uniqueSlug(spec.name);
    if (spec.notes !== undefined) row.notes = spec.notes;
    row.updated = formatUpdated(new Date(this.now.getTime() - r.int(2 * 3600, 700 * 86400) * 1000));

    if (spec.day !== undefined && spec.time !== undefined) {
      row.day = Array.isArray(spec.day) ? [...(spec.day as readonly number[])] : spec.day;
      row.time = spec.time;
      if (spec.duration !== undefined) row.end_time = addMinutes(spec.time, spec.duration);
    }

    const types = [...spec.types];
    const conference = spec.conference;
    const remote =
      conference !== undefined && (conference.url !== undefined || conference.phone !== undefined);
    if (this.style.tsml) {
      if (remote && !types.includes('ONL')) types.push('ONL');
      if (spec.temporarilyClosed && !types.includes('TC')) types.push('TC');
    }
    row.types = types;

    const venue = spec.venue;
    if (venue) {
      row.location = spec.location ?? venue.name;
      const locationNotes =
        spec.locationNotes ??
        (r.chance(0.45) && venue.notes.length > 0 ? r.pick(venue.notes) : undefined);
      if (locationNotes !== undefined) row.location_notes = locationNotes;
      row.formatted_address = `${venue.street}, ${venue.town.name}, MA ${venue.town.zip}, USA`;
      row.approximate = 'no';
      row.latitude = venue.lat;
      row.longitude = venue.lng;
      row.region = venue.town.name;
      row.regions = [venue.town.county, venue.town.name];
    } else {
      const t = spec.approximateTown ?? GREENFIELD_TOWN;
      row.location =
        spec.location ?? (remote ? (conference?.url ? 'Online Meeting' : 'Phone Meeting') : t.name);
      if (spec.locationNotes !== undefined) row.location_notes = spec.locationNotes;
      row.formatted_address = spec.approximateAddress ?? `${t.name}, MA, USA`;
      row.approximate = 'yes';
      row.latitude = t.lat;
      row.longitude = t.lng;
      if (remote) {
        row.region = 'Online';
        row.regions = ['Online'];
      } else {
        row.region = t.name;
        row.regions = [t.county, t.name];
      }
    }
    if (spec.district !== undefined) row.district = spec.district;

    const g = spec.group;
    if (g) {
      row.group = g.name;
      row.group_id = g.id;
      if (g.notes !== undefined) row.group_notes = g.notes;
      if (g.email !== undefined) row.email = g.email;
      if (g.website !== undefined) row.website = g.website;
      if (g.venmo !== undefined) row.venmo = g.venmo;
      g.contacts.forEach((c, i) => {
        const n = i + 1;
        row[`contact_${n}_name`] = c.name;
        if (c.email !== undefined) row[`contact_${n}_email`] = c.email;
        if (c.phone !== undefined) row[`contact_${n}_phone`] = c.phone;
      });
    }

    if (conference?.url !== undefined) row.conference_url = conference.url;
    if (conference?.urlNotes !== undefined) row.conference_url_notes = conference.urlNotes;
    if (conference?.phone !== undefined) row.conference_phone = conference.phone;
    if (conference?.phoneNotes !== undefined) row.conference_phone_notes = conference.phoneNotes;

    // Most real feeds omit the zone; the importer infers it from the coordinates.
    if (r.chance(0.4)) row.timezone = TIME_ZONE;

    row.entity = this.entity.name;
    row.entity_url = this.entity.url;
    row.entity_phone = this.entity.phone;
    row.entity_email = this.entity.email;
    row.entity_location = 'Franklin County, Massachusetts';

    if (this.style.tsml) {
      row.url = `${this.entity.url}/meetings/${String(row.slug)}/`;
      row.attendance_option = tsmlAttendance(
        remote,
        venue !== undefined,
        spec.temporarilyClosed === true,
      );
    }
    this.rows.push(row);
    return row;
  }

  private uniqueSlug(name: string): string {
    const base = slugify(name) || 'meeting';
    let slug = base;
    for (let n = 2; this.slugs.has(slug); n++) slug = `${base}-${n}`;
    this.slugs.add(slug);
    return slug;
  }

  toSource(): DemoSource {
    return { name: this.name, program: this.program, rows: this.rows };
  }
}

/** What TSML writes in `attendance_option`, derived the way the plugin derives it. */
function tsmlAttendance(remote: boolean, physical: boolean, closed: boolean): string {
  if (remote) return physical && !closed ? 'hybrid' : 'online';
  return closed ? 'inactive' : 'in_person';
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** A URL- and slug-safe form of a meeting name: "Grupo Nueva Vida en Línea" -> "grupo-nueva-vida-en-linea". */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function addMinutes(time: string, minutes: number): string {
  const [h = 0, m = 0] = time.split(':').map(Number);
  const total = (h * 60 + m + minutes) % (24 * 60);
  return `${pad2(Math.floor(total / 60))}:${pad2(total % 60)}`;
}

function formatUpdated(date: Date): string {
  return (
    `${date.getUTCFullYear()}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())} ` +
    `${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}:${pad2(date.getUTCSeconds())}`
  );
}

/** n weekdays spread around the week, so a rural town's few meetings sit days apart. */
export function spreadDays(random: Random, n: number): number[] {
  const start = random.int(0, 6);
  const days = new Set<number>();
  for (let i = 0; i < n; i++) days.add((start + Math.round((i * 7) / n)) % 7);
  return [...days].sort((a, b) => a - b);
}

export const EVENING_TIMES = [
  '19:00',
  '19:00',
  '19:00',
  '19:30',
  '19:30',
  '19:30',
  '18:30',
  '20:00',
  '18:00',
] as const;
export const ALL_TIMES = [
  ...EVENING_TIMES,
  ...EVENING_TIMES,
  '12:00',
  '12:00',
  '12:00',
  '12:00',
  '07:00',
  '06:30',
  '07:30',
  '10:00',
  '17:30',
  '21:00',
] as const;

export function duration(random: Random): number {
  return random.chance(0.75) ? 60 : 90;
}
