/**
 * The demo region's places: Greenfield's venues and the rural Franklin County towns around it,
 * all fictional rooms at real town centres.
 */
import { createRandom } from './random.js';

/** Greenfield's town centre: online rows carry it as their approximate position. */
export const GREENFIELD = { latitude: 42.5876, longitude: -72.5995, postalCode: '01301' } as const;

export const TIME_ZONE = 'America/New_York';

// ---------------------------------------------------------------------------------------------
// Places

export interface Town {
  name: string;
  zip: string;
  county: string;
  lat: number;
  lng: number;
}

export interface Venue {
  name: string;
  street: string;
  town: Town;
  lat: number;
  lng: number;
  wheelchair: boolean;
  notes: readonly string[];
}

export function town(
  name: string,
  zip: string,
  lat: number,
  lng: number,
  county = 'Franklin County',
): Town {
  return { name, zip, county, lat, lng };
}

export const GREENFIELD_TOWN = town(
  'Greenfield',
  GREENFIELD.postalCode,
  GREENFIELD.latitude,
  GREENFIELD.longitude,
);

export const TOWNS = {
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

export const GREENFIELD_VENUES: readonly Venue[] = [
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

export const RURAL_NOTES = [
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

export const RURAL_TOWNS: readonly RuralTownDef[] = [
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

export function venuesOf(def: RuralTownDef): Venue[] {
  return def.venues.map((v) => ruralVenue(v, def.town));
}

export function townOf(name: keyof typeof TOWNS): RuralTownDef {
  const found = RURAL_TOWNS.find((d) => d.town === TOWNS[name]);
  if (!found) throw new Error(`unknown demo town ${name}`);
  return found;
}

export function round7(x: number): number {
  return Math.round(x * 1e7) / 1e7;
}
