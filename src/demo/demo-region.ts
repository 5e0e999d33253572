/**
 * A synthetic demo region: Greenfield, Massachusetts and the rural Franklin County towns around
 * it, published as Meeting Guide JSON rows, one feed per program. Everything is fictional (venue
 * names, groups, contacts, 555 phone numbers, example.org addresses) but shaped like real feeds,
 * quirks included: day arrays, a day written as a name, missing time zones, by-appointment rows,
 * temporarily closed rooms, phone-only dial-ins for members without broadband.
 *
 * The output depends only on `seed` and `now`, so a demo database and its tests are reproducible.
 */
import { weekdayNames } from '../meetings/weekdays.js';
import { createRandom } from './random.js';
import type { Random } from './random.js';

export interface DemoSource {
  name: string;
  program: string;
  rows: Record<string, unknown>[];
}

export interface DemoFeed {
  sources: DemoSource[];
}

export interface DemoRegionOptions {
  seed?: number;
  /** The instant `updated` stamps count back from; fixed by default so output is reproducible. */
  now?: Date;
}

/** The default seed of the demo region. */
export const DEMO_REGION_SEED = 1301;
/** The default "now" of the demo region (a fixed instant, so the default output never drifts). */
export const DEMO_REGION_NOW = new Date('2026-11-01T12:00:00Z');

/** Greenfield's town centre: online rows carry it as their approximate position. */
export const GREENFIELD = { latitude: 42.5876, longitude: -72.5995, postalCode: '01301' } as const;

const TIME_ZONE = 'America/New_York';
const WEEKDAYS = [1, 2, 3, 4, 5] as const;

// ---------------------------------------------------------------------------------------------
// Places

interface Town {
  name: string;
  zip: string;
  county: string;
  lat: number;
  lng: number;
}

interface Venue {
  name: string;
  street: string;
  town: Town;
  lat: number;
  lng: number;
  wheelchair: boolean;
  notes: readonly string[];
}

function town(
  name: string,
  zip: string,
  lat: number,
  lng: number,
  county = 'Franklin County',
): Town {
  return { name, zip, county, lat, lng };
}

const GREENFIELD_TOWN = town(
  'Greenfield',
  GREENFIELD.postalCode,
  GREENFIELD.latitude,
  GREENFIELD.longitude,
);

const TOWNS = {
  turnersFalls: town('Turners Falls', '01376', 42.604, -72.5565),
  montague: town('Montague', '01351', 42.5357, -72.5351),
  deerfield: town('Deerfield', '01342', 42.5445, -72.6062),
  bernardston: town('Bernardston', '01337', 42.6712, -72.5495),
  conway: town('Conway', '01341', 42.5098, -72.6981),
  colrain: town('Colrain', '01340', 42.6726, -72.6973),
  shelburneFalls: town('Shelburne Falls', '01370', 42.6043, -72.7393),
  northfield: town('Northfield', '01360', 42.6959, -72.4528),
  charlemont: town('Charlemont', '01339', 42.6276, -72.8698),
  hawley: town('Hawley', '01339', 42.5787, -72.8903),
  ashfield: town('Ashfield', '01330', 42.5262, -72.7887),
  orange: town('Orange', '01364', 42.5904, -72.3098),
  athol: town('Athol', '01331', 42.5959, -72.2268, 'Worcester County'),
} as const;

function gfVenue(
  name: string,
  street: string,
  lat: number,
  lng: number,
  wheelchair: boolean,
  notes: readonly string[],
): Venue {
  return { name, street, town: GREENFIELD_TOWN, lat, lng, wheelchair, notes };
}

const GREENFIELD_VENUES: readonly Venue[] = [
  gfVenue("St. Brendan's Church", '133 Federal St', 42.5921, -72.5987, true, [
    'Parish hall in the basement; enter by the side door on Hope St.',
    'Downstairs',
  ]),
  gfVenue('Federal Street Congregational Church', '45 Federal St', 42.5898, -72.5992, false, [
    'Upstairs in the chapel; there is no elevator.',
  ]),
  gfVenue('Grace Episcopal Church', '8 Church St', 42.5884, -72.6021, true, [
    'Use the ramp entrance at the back of the parking lot.',
    'Guild Room, first floor',
  ]),
  gfVenue('Greenfield Public Library', '398 Main St', 42.5879, -72.6003, true, [
    'Community Room, lower level. Elevator by the children’s room.',
  ]),
  gfVenue('Franklin Regional Hospital', '170 High St', 42.5962, -72.5924, true, [
    'Conference Room B, off the main lobby. Park in the visitor lot.',
    'Follow the signs to the Education Center.',
  ]),
  gfVenue('Greenfield Community Center', '35 Pleasant St', 42.5919, -72.6031, true, [
    'Room 2, down the hall from the gym.',
  ]),
  gfVenue('Trinity Lutheran Church', '27 Chapman St', 42.589, -72.6058, false, [
    'Fellowship hall; four steps down from the street.',
  ]),
  gfVenue('Mohawk Alano Club', '78 Wells St', 42.5831, -72.5998, true, [
    'Coffee is on from 30 minutes before every meeting.',
  ]),
  gfVenue('First United Methodist Church', '25 Silver St', 42.5861, -72.6049, true, [
    'Enter from the parking lot on Silver St; meeting room on the right.',
  ]),
  gfVenue('Green River Senior Center', '101 Conway St', 42.5822, -72.6068, true, [
    'Dining room. Please do not park in the reserved spaces.',
  ]),
  gfVenue('Unitarian Meeting House', '290 Main St', 42.5872, -72.5979, false, [
    'Parlor, second floor.',
  ]),
  gfVenue('Holy Spirit Parish Hall', '160 Mohawk Trail', 42.5906, -72.6199, true, [
    'Hall behind the church; ample parking.',
  ]),
  gfVenue('Davis Street Recovery Center', '22 Davis St', 42.5846, -72.5974, true, [
    'Ring the bell at the front door after 7 pm.',
  ]),
];

interface RuralVenueDef {
  name: string;
  street: string;
  wheelchair: boolean;
  notes: readonly string[];
}

const RURAL_NOTES = [
  'No cell service at the building: call the group phone before you set out if the weather is bad.',
  'Park behind the town hall; the lot is plowed in winter.',
  'Dirt road for the last mile; drive slowly in mud season.',
  'Meeting is cancelled when the schools close for snow.',
  'Side entrance, down the ramp.',
] as const;

interface RuralTownDef {
  town: Town;
  district: string;
  /** How many AA meetings the town has: a small range, since rural lists are sparse. */
  aa: readonly [number, number];
  groups: readonly { name: string; types: readonly string[] }[];
  venues: readonly RuralVenueDef[];
}

function rv(
  name: string,
  street: string,
  wheelchair: boolean,
  notes: readonly string[] = [],
): RuralVenueDef {
  return { name, street, wheelchair, notes };
}

const RURAL_TOWNS: readonly RuralTownDef[] = [
  {
    town: TOWNS.turnersFalls,
    district: 'District 1',
    aa: [2, 4],
    groups: [
      { name: 'Turners Falls Group', types: ['O', 'D'] },
      { name: 'Avenue A Big Book', types: ['C', 'B'] },
      { name: 'Canal Side Step Study', types: ['C', 'ST'] },
    ],
    venues: [
      rv('Our Lady of Peace Parish Hall', '90 Seventh St', true, ['Hall entrance on L St.']),
      rv('Turners Falls Library Annex', '201 Avenue A', true),
    ],
  },
  {
    town: TOWNS.montague,
    district: 'District 1',
    aa: [0, 2],
    groups: [{ name: 'Montague Center Group', types: ['O', 'D'] }],
    venues: [rv('Montague Grange Hall', '34 Main St', false, ['Smoking on the porch only.'])],
  },
  {
    town: TOWNS.deerfield,
    district: 'District 1',
    aa: [1, 2],
    groups: [
      { name: 'Deerfield Valley Group', types: ['O', 'D'] },
      { name: 'Old Deerfield Literature', types: ['O', 'LIT'] },
    ],
    venues: [rv('South Deerfield Congregational Church', '72 N Main St', true)],
  },
  {
    town: TOWNS.bernardston,
    district: 'District 2',
    aa: [0, 2],
    groups: [{ name: 'Bernardston Friday Night', types: ['O', 'SP'] }],
    venues: [rv('Bernardston Town Hall', '38 Church St', true, ['Lower level meeting room.'])],
  },
  {
    town: TOWNS.conway,
    district: 'District 3',
    aa: [0, 1],
    groups: [{ name: 'Conway Covered Bridge Group', types: ['O', 'D'] }],
    venues: [rv('Conway Grange', '4 Whately Rd', false)],
  },
  {
    town: TOWNS.colrain,
    district: 'District 3',
    aa: [0, 2],
    groups: [{ name: 'Colrain Crossroads', types: ['O', 'D'] }],
    venues: [rv('Colrain Community Hall', '12 Main Rd', false, ['Wood stove; dress warmly.'])],
  },
  {
    town: TOWNS.shelburneFalls,
    district: 'District 3',
    aa: [2, 4],
    groups: [
      { name: 'Bridge of Flowers Group', types: ['O', 'D'] },
      { name: 'Hilltown Big Book', types: ['C', 'B'] },
      { name: 'Shelburne Falls Speaker', types: ['O', 'SP'] },
    ],
    venues: [
      rv('Trinity Church Shelburne Falls', '17 Severance St', true, ['Parish hall, lower level.']),
      rv('Shelburne Falls Senior Center', '7 Main St', true),
    ],
  },
  {
    town: TOWNS.northfield,
    district: 'District 2',
    aa: [1, 2],
    groups: [{ name: 'Northfield Mountain Group', types: ['O', 'D'] }],
    venues: [rv('Northfield Trinitarian Church', '147 Main St', true)],
  },
  {
    town: TOWNS.charlemont,
    district: 'District 3',
    aa: [1, 2],
    groups: [{ name: 'Mohawk Trail Group', types: ['O', 'D'] }],
    venues: [rv('Charlemont Federated Church', '175 Main St', false)],
  },
  {
    town: TOWNS.hawley,
    district: 'District 3',
    aa: [0, 1],
    groups: [{ name: 'Hawley Kitchen Table', types: ['O', 'D'] }],
    venues: [
      rv('Hawley Town Office', '8 Pudding Hollow Rd', false, ['Small room: about ten chairs.']),
    ],
  },
  {
    town: TOWNS.ashfield,
    district: 'District 3',
    aa: [0, 2],
    groups: [{ name: 'Ashfield Lake Group', types: ['O', 'D'] }],
    venues: [rv('Ashfield Town Hall', '412 Main St', true)],
  },
  {
    town: TOWNS.orange,
    district: 'District 4',
    aa: [2, 3],
    groups: [
      { name: 'Millers River Group', types: ['O', 'D'] },
      { name: 'Orange Big Book', types: ['C', 'B'] },
    ],
    venues: [
      rv('Central Congregational Church', '16 Congregational Pl', true),
      rv('Orange Innovation Center', '131 W Main St', true, ['Room 104, first floor.']),
    ],
  },
  {
    town: TOWNS.athol,
    district: 'District 4',
    aa: [2, 4],
    groups: [
      { name: 'North Quabbin Group', types: ['O', 'D'] },
      { name: 'Athol Step Study', types: ['C', 'ST'] },
      { name: 'Quabbin Serenity', types: ['O', 'D'] },
    ],
    venues: [
      rv('Athol Memorial Hall', '584 Main St', true),
      rv('St. Francis Parish Center', '101 Main St', true, ['Parking behind the rectory.']),
    ],
  },
];

const venueCache = new Map<string, Venue>();

/** A rural venue's coordinates come from a hash of its name, so they do not move between seeds. */
function ruralVenue(def: RuralVenueDef, t: Town): Venue {
  const key = `${t.name}|${def.name}`;
  const cached = venueCache.get(key);
  if (cached) return cached;
  const jitter = createRandom(0).fork(key);
  const venue: Venue = {
    name: def.name,
    street: def.street,
    town: t,
    lat: round7(t.lat + jitter.float(-0.004, 0.004)),
    lng: round7(t.lng + jitter.float(-0.005, 0.005)),
    wheelchair: def.wheelchair,
    notes: def.notes,
  };
  venueCache.set(key, venue);
  return venue;
}

function venuesOf(def: RuralTownDef): Venue[] {
  return def.venues.map((v) => ruralVenue(v, def.town));
}

function townOf(name: keyof typeof TOWNS): RuralTownDef {
  const found = RURAL_TOWNS.find((d) => d.town === TOWNS[name]);
  if (!found) throw new Error(`unknown demo town ${name}`);
  return found;
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

interface Conference {
  url?: string;
  urlNotes?: string;
  phone?: string;
  phoneNotes?: string;
}

function spaced(id: string): string {
  return `${id.slice(0, 3)} ${id.slice(3, 7)} ${id.slice(7)}`;
}

function zoomConference(random: Random, withPhone: boolean): Conference {
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

function phoneOnlyConference(random: Random): Conference {
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

interface GroupInfo {
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

type DayValue = number | readonly number[] | string;

interface MeetingSpec {
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

class SourceBuilder {
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

function round7(x: number): number {
  return Math.round(x * 1e7) / 1e7;
}

/** n weekdays spread around the week, so a rural town's few meetings sit days apart. */
function spreadDays(random: Random, n: number): number[] {
  const start = random.int(0, 6);
  const days = new Set<number>();
  for (let i = 0; i < n; i++) days.add((start + Math.round((i * 7) / n)) % 7);
  return [...days].sort((a, b) => a - b);
}

const EVENING_TIMES = [
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
const ALL_TIMES = [
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

function duration(random: Random): number {
  return random.chance(0.75) ? 60 : 90;
}

// ---------------------------------------------------------------------------------------------
// Greenfield groups: fixed names and characters, random sizes, rooms and hours

interface GroupDef {
  name: string;
  types: readonly string[];
  /** Fixed meeting days (one row each), or 'weekdays' for a single row with a day array. */
  days?: readonly number[] | 'weekdays';
  time?: string;
  venue?: string;
  notes?: readonly string[];
  weight?: number;
  /** English-language groups may carry EN; others never do. */
  spanish?: boolean;
}

const AA_GREENFIELD_GROUPS: readonly GroupDef[] = [
  { name: 'Greenfield Big Book', types: ['C', 'B'], weight: 3 },
  { name: 'Sunrise Serenity', types: ['O', 'D'], days: [1, 2, 3, 4, 5, 6], time: '06:30' },
  {
    name: 'Noon Daily',
    types: ['O', 'D'],
    days: 'weekdays',
    time: '12:00',
    venue: 'Mohawk Alano Club',
  },
  { name: "Women's Step Study", types: ['C', 'W', 'ST'], weight: 2 },
  { name: 'Sober Sisters', types: ['O', 'W', 'D'] },
  { name: "Men's Stag", types: ['C', 'M', 'D'], weight: 2 },
  { name: 'Back to Basics', types: ['O', 'B', 'BE'], weight: 2 },
  {
    name: 'Grupo Nueva Vida',
    types: ['O', 'S', 'D'],
    spanish: true,
    weight: 2,
    notes: ['Reunión en español. Todos son bienvenidos.'],
  },
  {
    name: 'Grupo Renacer',
    types: ['C', 'S', 'ST'],
    spanish: true,
    notes: ['Reunión cerrada en español.'],
  },
  { name: 'Keep It Simple', types: ['O', 'D'], weight: 3 },
  { name: 'Young & Sober', types: ['O', 'Y', 'D'], time: '20:00' },
  { name: 'Rainbow Group', types: ['O', 'LGBTQ', 'D'] },
  { name: 'Came to Believe', types: ['O', 'ST'], weight: 2 },
  { name: 'Daily Reflections Breakfast', types: ['O', 'DR', 'BRK'], time: '07:30' },
  { name: 'Friday Night Speaker', types: ['O', 'SP'], days: [5], time: '20:00' },
  {
    name: 'Saturday Night Live',
    types: ['O', 'SP', 'H'],
    days: [6],
    time: '19:30',
    notes: ['Birthday celebrations on the last Saturday of the month.'],
  },
  {
    name: 'Sunday Serenity',
    types: ['O', 'D', 'CF'],
    days: [0],
    time: '10:00',
    notes: ['Children welcome; toys in the corner.'],
  },
  { name: 'Twelve & Twelve', types: ['C', '12x12'], weight: 2 },
  { name: 'Grapevine Group', types: ['O', 'GR'] },
  { name: 'Living Sober', types: ['O', 'LS'] },
  { name: 'As Bill Sees It', types: ['O', 'ABSI'] },
  { name: '11th Step Meditation', types: ['O', '11', 'MED'], time: '18:00' },
  { name: 'Tradition Study', types: ['C', 'TR'] },
  { name: 'Beginners Welcome', types: ['O', 'BE', 'D'], weight: 2 },
  { name: 'Candlelight Group', types: ['O', 'CAN', 'D'], time: '21:00' },
  { name: 'Happy Hour', types: ['O', 'D'], time: '17:30', weight: 2 },
  { name: 'Secular Sobriety', types: ['O', 'A', 'D'] },
  { name: 'Literature Lovers', types: ['O', 'LIT'] },
  {
    name: 'Circle of Sobriety',
    types: ['O', 'NDG', 'D'],
    notes: ['Talking circle; all are welcome.'],
  },
  { name: 'Hands of Hope', types: ['O', 'ASL', 'D'], notes: ['ASL interpreter at every meeting.'] },
  { name: 'Primary Purpose', types: ['C', 'B'], weight: 2 },
  { name: 'Into Action', types: ['O', 'ST'], weight: 2 },
  { name: 'Green River Group', types: ['O', 'D', 'XT'] },
];

const AA_GENERAL_NOTES = [
  'Coffee and fellowship from 6:30.',
  'Chips on the last meeting of the month.',
  'Literature available.',
  'Newcomers welcome; ask for a Where and When.',
  'Please silence phones.',
  'Business meeting on the first week of the month, after the meeting.',
] as const;

const EXTRA_AA_TYPES = ['BE', 'LIT', 'CF', 'XT', 'BA'] as const;

function findVenue(venues: readonly Venue[], name: string | undefined, random: Random): Venue {
  if (name !== undefined) {
    const v = venues.find((x) => x.name === name);
    if (v) return v;
  }
  return random.pick(venues);
}

interface PlannedMeeting {
  group: GroupInfo;
  def: GroupDef;
  venue: Venue;
  day: number | readonly number[];
  time: string;
}

/**
 * Spreads `target` meeting rows over the groups: fixed-schedule groups get their days, every
 * other group at least one meeting, the rest by weight (at most one meeting per day per group).
 */
function planGroups(
  b: SourceBuilder,
  random: Random,
  defs: readonly GroupDef[],
  venues: readonly Venue[],
  target: number,
  contactChance: number,
  venmoChance: number,
): PlannedMeeting[] {
  const planned: PlannedMeeting[] = [];
  const flexible: { def: GroupDef; group: GroupInfo; venue: Venue; count: number }[] = [];
  for (const def of defs) {
    const group = b.decorate(b.group(def.name), contactChance, venmoChance);
    const venue = findVenue(venues, def.venue, random);
    if (def.days === 'weekdays') {
      planned.push({ group, def, venue, day: WEEKDAYS, time: def.time ?? '12:00' });
    } else if (def.days !== undefined) {
      for (const day of def.days)
        planned.push({ group, def, venue, day, time: def.time ?? '19:00' });
    } else {
      flexible.push({ def, group, venue, count: 1 });
    }
  }
  let remaining = target - planned.length - flexible.length;
  const weights = flexible.map((f) => f.def.weight ?? 1);
  let guard = 10_000;
  while (remaining > 0 && guard-- > 0) {
    const f = random.weighted(flexible, weights);
    if (f && f.count < 5) {
      f.count++;
      remaining--;
    }
  }
  for (const f of flexible) {
    const baseTime = f.def.time ?? random.pick(ALL_TIMES);
    const days = random.sample([0, 1, 2, 3, 4, 5, 6], f.count).sort((a, c) => a - c);
    for (const day of days) {
      const time =
        f.def.time === undefined && random.chance(0.2) ? random.pick(ALL_TIMES) : baseTime;
      planned.push({ group: f.group, def: f.def, venue: f.venue, day, time });
    }
  }
  return planned;
}

function meetingTypes(
  random: Random,
  def: GroupDef,
  venue: Venue,
  extras: readonly string[],
): string[] {
  const types = [...def.types];
  if (venue.wheelchair && random.chance(0.85)) types.push('X');
  if (!def.spanish && random.chance(0.15)) types.push('EN');
  if (random.chance(0.12)) {
    const extra = random.pick(extras);
    if (!types.includes(extra)) types.push(extra);
  }
  return types;
}

function meetingName(random: Random, def: GroupDef, day: number | readonly number[]): string {
  if (typeof day === 'number' && def.days === undefined && random.chance(0.25)) {
    return def.spanish ? `${def.name} (${DIA[day]})` : `${weekdayNames[day]} ${def.name}`;
  }
  return def.name;
}

const DIA = ['domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'] as const;

// ---------------------------------------------------------------------------------------------
// Programs

function buildAa(random: Random, now: Date): DemoSource {
  const b = new SourceBuilder(
    'demo-aa',
    'aa',
    random,
    now,
    {
      name: 'Franklin County Intergroup',
      url: 'https://franklincountyaa.example.org',
      phone: '+1-413-555-0100',
      email: 'info@franklincountyaa.example.org',
    },
    { tsml: true },
    10_000,
  );

  // Greenfield: a small city with a full week of meetings.
  const planned = planGroups(
    b,
    random,
    AA_GREENFIELD_GROUPS,
    GREENFIELD_VENUES,
    random.int(64, 84),
    0.25,
    0.15,
  );
  // A few groups stream their room (hybrid); two rooms are temporarily closed.
  const groupNames = [...new Set(planned.map((p) => p.group.name))];
  const eligible = groupNames.filter((n) => n !== 'Noon Daily' && n !== 'Grupo Renacer');
  const hybridGroups = new Set(random.sample(eligible, 4));
  const hybridConference = new Map<string, Conference>();
  for (const name of hybridGroups)
    hybridConference.set(name, zoomConference(random, random.chance(0.6)));
  const closable = planned.filter(
    (p) => typeof p.day === 'number' && !hybridGroups.has(p.group.name),
  );
  const closed = random.sample(closable, 2);

  for (const p of planned) {
    const conference = hybridConference.get(p.group.name);
    const spec: MeetingSpec = {
      name: meetingName(random, p.def, p.day),
      day: p.day,
      time: p.time,
      duration: duration(random),
      types: meetingTypes(random, p.def, p.venue, EXTRA_AA_TYPES),
      group: p.group,
      venue: p.venue,
      district: 'District 1',
    };
    const notes =
      p.def.notes !== undefined
        ? random.pick(p.def.notes)
        : random.chance(0.3)
          ? random.pick(AA_GENERAL_NOTES)
          : undefined;
    if (notes !== undefined) spec.notes = notes;
    if (conference) {
      spec.conference = conference;
      spec.notes = 'Hybrid: join us in the room or on Zoom.';
    }
    if (p === closed[0]) {
      spec.temporarilyClosed = true;
      spec.notes = 'Temporarily closed while the hall is renovated. Check back in the spring.';
    } else if (p === closed[1]) {
      spec.temporarilyClosed = true;
      spec.conference = zoomConference(random, true);
      spec.notes = 'The room is closed for now; the group meets on Zoom at the usual time.';
    }
    b.add(spec);
  }

  // By appointment: no day, no time.
  b.add({
    name: 'Homebound Meeting (by appointment)',
    types: ['O', 'D'],
    group: b.group('Franklin County Homebound Committee'),
    approximateTown: GREENFIELD_TOWN,
    location: 'At your home',
    notes:
      'Two members bring a meeting to people who cannot get out. Call the intergroup line to arrange a visit.',
    district: 'District 1',
  });

  // Rural towns: sparse meetings, days apart, mostly evenings.
  let dayNameWritten = false;
  for (const def of RURAL_TOWNS) {
    const count = random.int(def.aa[0], def.aa[1]);
    if (count === 0) continue;
    const venues = venuesOf(def);
    const days = spreadDays(random, count);
    const groups = def.groups.map((g) => ({
      def: g,
      info: b.decorate(b.group(g.name), 0.3, 0.05),
    }));
    days.forEach((day, i) => {
      const g = groups[i % groups.length] ?? groups[0];
      if (!g) return;
      const venue = venues[i % venues.length] ?? random.pick(venues);
      const types = [...g.def.types];
      if (venue.wheelchair && random.chance(0.7)) types.push('X');
      if (!venue.wheelchair && random.chance(0.3)) types.push('SM');
      const time = day === 0 && random.chance(0.5) ? '10:00' : random.pick(EVENING_TIMES);
      const spec: MeetingSpec = {
        name: g.def.name,
        // One feed writes the day as a name, a quirk the importer must accept.
        day: def.town === TOWNS.northfield && !dayNameWritten ? 'Monday' : day,
        time,
        duration: duration(random),
        types,
        group: g.info,
        venue,
        district: def.district,
      };
      if (def.town === TOWNS.northfield && !dayNameWritten) dayNameWritten = true;
      if (random.chance(0.5)) spec.notes = random.pick(RURAL_NOTES);
      b.add(spec);
    });
  }
  // One hilltown room streams for members an hour's drive away.
  const shelburne = venuesOf(townOf('shelburneFalls'))[0];
  if (shelburne) {
    b.add({
      name: 'Hilltown Hybrid',
      day: 4,
      time: '19:00',
      duration: 60,
      types: ['O', 'D', 'X'],
      group: b.group('Hilltown Hybrid Group', {
        notes: 'Started so snowed-in members can still make a meeting.',
      }),
      venue: shelburne,
      conference: zoomConference(random, true),
      district: 'District 3',
    });
  }

  // Online: the fallback for specialised meetings no rural town has.
  const online: {
    name: string;
    day: DayValue;
    time: string;
    types: string[];
    town?: Town;
    notes?: string;
  }[] = [
    { name: "Women's Online Step Study", day: 2, time: '19:00', types: ['C', 'W', 'ST'] },
    { name: 'Sisters in Sobriety Online', day: 6, time: '09:00', types: ['O', 'W', 'D'] },
    { name: 'Young People Online', day: 5, time: '20:00', types: ['O', 'Y', 'D'] },
    { name: 'Rainbow Online', day: 3, time: '19:30', types: ['O', 'LGBTQ', 'D'] },
    {
      name: 'Grupo Nueva Vida en Línea',
      day: 0,
      time: '18:00',
      types: ['O', 'S', 'D'],
      notes: 'Reunión en línea en español.',
    },
    {
      name: 'Hilltown Zoom Morning',
      day: [1, 2, 3, 4, 5, 6],
      time: '07:00',
      types: ['O', 'DR', 'D'],
      town: TOWNS.shelburneFalls,
    },
    { name: 'Franklin County Online Big Book', day: 1, time: '19:30', types: ['C', 'B'] },
    { name: 'Night Owls Online', day: 4, time: '21:00', types: ['O', 'D'] },
    { name: 'North Quabbin Online', day: 2, time: '12:00', types: ['O', 'LIT'], town: TOWNS.athol },
  ];
  for (const o of online) {
    const group = b.decorate(b.group(o.name), 0.2, 0.4);
    const spec: MeetingSpec = {
      name: o.name,
      day: o.day,
      time: o.time,
      duration: duration(random),
      types: o.types,
      group,
      approximateTown: o.town ?? GREENFIELD_TOWN,
      conference: zoomConference(random, random.chance(0.7)),
    };
    if (o.notes !== undefined) spec.notes = o.notes;
    b.add(spec);
  }

  // Phone only: for members without broadband.
  b.add({
    name: 'Back Roads Phone Meeting',
    day: 3,
    time: '19:00',
    duration: 60,
    types: ['O', 'D'],
    group: b.group('Back Roads Phone Group'),
    approximateAddress: 'Franklin County, MA, USA',
    approximateTown: town('Franklin County', '', 42.5833, -72.5917),
    conference: phoneOnlyConference(random),
    notes: 'Phone only. Any landline works; no computer needed.',
  });
  b.add({
    name: 'Sunday Dial-In Speaker',
    day: 0,
    time: '16:00',
    duration: 60,
    types: ['O', 'SP'],
    group: b.group('Dial-In Speaker Group'),
    approximateTown: GREENFIELD_TOWN,
    conference: phoneOnlyConference(random),
  });

  return b.toSource();
}

const NA_GREENFIELD_GROUPS: readonly GroupDef[] = [
  { name: 'Clean and Serene', types: ['O', 'D'], weight: 2 },
  { name: 'Just for Today Greenfield', types: ['O', 'JT'], weight: 2 },
  { name: 'Basic Text Study', types: ['C', 'BT'] },
  { name: 'Never Alone', types: ['O', 'To'] },
  { name: 'Step Sisters', types: ['C', 'W', 'St'] },
  { name: "Men's Step Group", types: ['C', 'M', 'St'] },
  { name: 'Young and Clean', types: ['O', 'YP', 'D'], time: '20:00' },
  { name: 'Living Clean Greenfield', types: ['O', 'LC'] },
  { name: 'It Works How and Why', types: ['C', 'IW'] },
  { name: 'Friday Night Speaker Jam', types: ['O', 'Sp'], days: [5], time: '20:00' },
  {
    name: 'Noche de Esperanza',
    types: ['O', 'BL'],
    spanish: true,
    notes: ['Bilingual meeting: English y español.'],
  },
];

function buildNa(random: Random, now: Date): DemoSource {
  const b = new SourceBuilder(
    'demo-na',
    'na',
    random,
    now,
    {
      name: 'Franklin County Area Service Committee',
      url: 'https://na.franklincounty.example.org',
      phone: '+1-413-555-0101',
      email: 'helpline@na.franklincounty.example.org',
    },
    { tsml: false },
    20_000,
  );
  const planned = planGroups(
    b,
    random,
    NA_GREENFIELD_GROUPS,
    GREENFIELD_VENUES,
    random.int(11, 14),
    0.2,
    0.05,
  );
  const hybrid = random.pick(planned.filter((p) => p.group.name === 'Clean and Serene'));
  const conference = zoomConference(random, true);
  for (const p of planned) {
    const spec: MeetingSpec = {
      name: p.def.name,
      day: p.day,
      time: p.time,
      duration: random.chance(0.6) ? 90 : 60,
      types: p.def.types,
      group: p.group,
      venue: p.venue,
    };
    if (p.def.notes !== undefined) spec.notes = random.pick(p.def.notes);
    if (p === hybrid) spec.conference = conference;
    b.add(spec);
  }
  const rural: [keyof typeof TOWNS, string, readonly string[]][] = [
    ['athol', 'North Quabbin NA', ['O', 'D']],
    ['orange', 'Hope Without Dope', ['O', 'JT']],
    ['turnersFalls', 'Turners Falls Clean Time', ['C', 'BT']],
  ];
  for (const [key, name, types] of rural) {
    const def = townOf(key);
    const count = key === 'athol' ? random.int(1, 2) : random.int(0, 1);
    const venues = venuesOf(def);
    const group = b.group(name);
    for (const day of spreadDays(random, count)) {
      b.add({
        name,
        day,
        time: random.pick(EVENING_TIMES),
        duration: 90,
        types,
        group,
        venue: random.pick(venues),
      });
    }
  }
  b.add({
    name: 'Hilltowns NA Online',
    day: 0,
    time: '19:00',
    duration: 60,
    types: ['O', 'D'],
    group: b.group('Hilltowns NA Online'),
    approximateTown: TOWNS.shelburneFalls,
    conference: zoomConference(random, true),
  });
  b.add({
    name: 'Women Clean Online',
    day: 4,
    time: '20:00',
    duration: 60,
    types: ['C', 'W', 'St'],
    group: b.group('Women Clean Online'),
    approximateTown: GREENFIELD_TOWN,
    conference: zoomConference(random, false),
  });
  return b.toSource();
}

const AL_ANON_GREENFIELD_GROUPS: readonly GroupDef[] = [
  { name: 'Serenity Seekers AFG', types: ['O'], weight: 2 },
  { name: 'Hope for Today AFG', types: ['O', 'ST'] },
  { name: 'Courage to Change AFG', types: ['C'] },
  {
    name: 'Greenfield Alateen',
    types: ['C', 'Y'],
    days: [3],
    time: '18:30',
    notes: ['Alateen sponsors present at every meeting.'],
  },
  { name: 'Adult Children Focus AFG', types: ['O', 'AC'] },
  { name: 'Newcomers Al-Anon', types: ['O', 'BE'] },
  { name: 'Steps and Traditions AFG', types: ['C', 'ST', 'TR'] },
  { name: "Women's Al-Anon Circle", types: ['C', 'W'] },
];

function buildAlAnon(random: Random, now: Date): DemoSource {
  const b = new SourceBuilder(
    'demo-al-anon',
    'al-anon',
    random,
    now,
    {
      name: 'Franklin County Al-Anon District',
      url: 'https://alanon.franklincounty.example.org',
      phone: '+1-413-555-0102',
      email: 'district@alanon.franklincounty.example.org',
    },
    { tsml: true },
    30_000,
  );
  const planned = planGroups(
    b,
    random,
    AL_ANON_GREENFIELD_GROUPS,
    GREENFIELD_VENUES,
    random.int(8, 11),
    0.25,
    0.1,
  );
  const closed = random.pick(planned.filter((p) => p.group.name !== 'Greenfield Alateen'));
  for (const p of planned) {
    const spec: MeetingSpec = {
      name: p.def.name,
      day: p.day,
      time: p.time,
      duration: 60,
      types: p.def.types,
      group: p.group,
      venue: p.venue,
    };
    if (p.def.notes !== undefined) spec.notes = random.pick(p.def.notes);
    if (p === closed) {
      spec.temporarilyClosed = true;
      spec.notes = 'Temporarily closed; the church is not available this season.';
    }
    b.add(spec);
  }
  const rural: [keyof typeof TOWNS, string][] = [
    ['shelburneFalls', 'Hilltown AFG'],
    ['orange', 'Quabbin AFG'],
  ];
  for (const [key, name] of rural) {
    const def = townOf(key);
    const group = b.decorate(b.group(name), 0.5, 0);
    for (const day of spreadDays(random, random.int(1, 2))) {
      b.add({
        name,
        day,
        time: random.pick(EVENING_TIMES),
        duration: 60,
        types: ['O'],
        group,
        venue: random.pick(venuesOf(def)),
      });
    }
  }
  b.add({
    name: 'Rainbow Al-Anon Online',
    day: 1,
    time: '20:00',
    duration: 60,
    types: ['O', 'LGBTQIA'],
    group: b.group('Rainbow Al-Anon Online'),
    approximateTown: GREENFIELD_TOWN,
    conference: zoomConference(random, true),
  });
  b.add({
    name: 'Evening Reflections AFG',
    day: [0, 2, 4],
    time: '21:00',
    duration: 60,
    types: ['O'],
    group: b.group('Evening Reflections AFG'),
    approximateTown: GREENFIELD_TOWN,
    conference: phoneOnlyConference(random),
    notes: 'Phone meeting.',
  });
  b.add({
    name: 'Al-Anon Newcomer Meeting (by appointment)',
    types: ['O', 'BE'],
    group: b.group('Franklin County Al-Anon Newcomer Service'),
    approximateTown: GREENFIELD_TOWN,
    location: 'Greenfield',
    notes: 'A one-hour introduction with two members. Call the district line to set a time.',
  });
  return b.toSource();
}

function buildSmart(random: Random, now: Date): DemoSource {
  const b = new SourceBuilder(
    'demo-smart',
    'smart-recovery',
    random,
    now,
    {
      name: 'SMART Recovery Franklin County',
      url: 'https://smart.franklincounty.example.org',
      phone: '+1-413-555-0103',
      email: 'facilitators@smart.franklincounty.example.org',
    },
    { tsml: false },
    40_000,
  );
  const hospital = findVenue(GREENFIELD_VENUES, 'Franklin Regional Hospital', random);
  const center = findVenue(GREENFIELD_VENUES, 'Greenfield Community Center', random);
  b.add({
    name: 'SMART Recovery Greenfield',
    day: 3,
    time: '18:00',
    duration: 90,
    types: [],
    group: b.group('SMART Recovery Greenfield'),
    venue: hospital,
    notes: 'Facilitated meeting using the SMART 4-Point Program.',
  });
  b.add({
    name: 'SMART Family & Friends',
    day: 1,
    time: '18:30',
    duration: 90,
    types: ['FF'],
    group: b.group('SMART Family & Friends Greenfield'),
    venue: center,
  });
  b.add({
    name: 'SMART Veterans & First Responders',
    day: 2,
    time: '19:00',
    duration: 60,
    types: ['VFR'],
    group: b.group('SMART Veterans & First Responders'),
    venue: center,
  });
  b.add({
    name: 'SMART Young Adults Online',
    day: 4,
    time: '19:00',
    duration: 60,
    types: ['YA'],
    group: b.group('SMART Young Adults Online'),
    approximateTown: GREENFIELD_TOWN,
    conference: zoomConference(random, false),
  });
  if (random.chance(0.7)) {
    b.add({
      name: 'SMART Recovery Athol',
      day: random.pick([2, 4]),
      time: '18:00',
      duration: 90,
      types: [],
      group: b.group('SMART Recovery Athol'),
      venue: venuesOf(townOf('athol'))[0] ?? hospital,
    });
  }
  if (random.chance(0.5)) {
    b.add({
      name: "SMART Women's Online",
      day: 6,
      time: '10:00',
      duration: 60,
      types: ['W'],
      group: b.group("SMART Women's Online"),
      approximateTown: GREENFIELD_TOWN,
      conference: zoomConference(random, true),
    });
  }
  return b.toSource();
}

function buildGa(random: Random, now: Date): DemoSource {
  const b = new SourceBuilder(
    'demo-ga',
    'ga',
    random,
    now,
    {
      name: 'Franklin County GA Intergroup',
      url: 'https://ga.franklincounty.example.org',
      phone: '+1-413-555-0104',
      email: 'hotline@ga.franklincounty.example.org',
    },
    { tsml: false },
    50_000,
  );
  b.add({
    name: 'Greenfield GA',
    day: 4,
    time: '19:00',
    duration: 90,
    types: ['C'],
    group: b.decorate(b.group('Greenfield GA'), 1, 0),
    venue: findVenue(GREENFIELD_VENUES, 'First United Methodist Church', random),
    notes: 'Closed meeting; Gam-Anon meets in the next room at the same time.',
  });
  if (random.chance(0.6)) {
    b.add({
      name: 'Western Mass GA by Phone',
      day: 1,
      time: '20:00',
      duration: 60,
      types: ['O'],
      group: b.group('Western Mass GA by Phone'),
      approximateTown: GREENFIELD_TOWN,
      conference: phoneOnlyConference(random),
    });
  }
  return b.toSource();
}

/**
 * Generates the demo region: Greenfield, MA and the Franklin County hill towns, one Meeting
 * Guide feed per program (`demo-aa`, `demo-na`, `demo-al-anon`, `demo-smart`, `demo-ga`).
 */
export function generateDemoRegion(options: DemoRegionOptions = {}): DemoFeed {
  const seed = options.seed ?? DEMO_REGION_SEED;
  const now = options.now ?? DEMO_REGION_NOW;
  const root = createRandom(seed);
  // One independent stream per program, so adding a meeting to one feed leaves the others alone.
  return {
    sources: [
      buildAa(root.fork('aa'), now),
      buildNa(root.fork('na'), now),
      buildAlAnon(root.fork('al-anon'), now),
      buildSmart(root.fork('smart-recovery'), now),
      buildGa(root.fork('ga'), now),
    ],
  };
}
