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
import {
  GREENFIELD_TOWN,
  GREENFIELD_VENUES,
  RURAL_NOTES,
  RURAL_TOWNS,
  TOWNS,
  town,
  townOf,
  venuesOf,
  type Town,
  type Venue,
} from './demo-places.js';
import {
  ALL_TIMES,
  EVENING_TIMES,
  SourceBuilder,
  duration,
  phoneOnlyConference,
  spreadDays,
  zoomConference,
  type Conference,
  type DayValue,
  type DemoSource,
  type GroupInfo,
  type MeetingSpec,
} from './demo-source-builder.js';
import {
  AA_GENERAL_NOTES,
  AA_GREENFIELD_GROUPS,
  AL_ANON_GREENFIELD_GROUPS,
  DIA,
  EXTRA_AA_TYPES,
  NA_GREENFIELD_GROUPS,
  type GroupDef,
} from './demo-groups.js';
import { createRandom } from './random.js';
import type { Random } from './random.js';

export type { DemoSource } from './demo-source-builder.js';
export { GREENFIELD } from './demo-places.js';

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

const WEEKDAYS = [1, 2, 3, 4, 5] as const;

// ---------------------------------------------------------------------------------------------
// Greenfield groups (`demo-groups.ts`): fixed names and characters, random sizes, rooms and hours

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
