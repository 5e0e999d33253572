import fc from 'fast-check';
import { createRandom } from '../../src/demo/random.js';

/**
 * BMLT answers shaped like a real root server's (see the samples README): every value a string,
 * weekdays 1-7 from Sunday, formats as keys and as shared ids, the NAWS world id on each format.
 */

/** A server's format list: stock keys, a German key (`F` for Women), languages, one unknown. */
export const bmltFormats = [
  { id: '17', key_string: 'O', name_string: 'Open', world_id: 'OPEN', format_type_enum: 'O' },
  { id: '4', key_string: 'C', name_string: 'Closed', world_id: 'CLOSED', format_type_enum: 'O' },
  {
    id: '8',
    key_string: 'D',
    name_string: 'Discussion',
    world_id: 'DISC',
    format_type_enum: 'FC1',
  },
  {
    id: '33',
    key_string: 'Beh',
    name_string: 'wheelchair',
    world_id: 'WCHR',
    format_type_enum: 'FC2',
  },
  { id: '11', key_string: 'F', name_string: 'Women', world_id: 'W', format_type_enum: 'FC3' },
  {
    id: '15',
    key_string: 'M',
    name_string: 'Mens Meeting',
    world_id: 'M',
    format_type_enum: 'FC3',
  },
  {
    id: '111',
    key_string: 'nfh',
    name_string: 'Just for Today',
    world_id: 'JFT',
    format_type_enum: 'FC1-*',
  },
  {
    id: '110',
    key_string: 'rf',
    name_string: 'Rotating Format',
    world_id: '',
    format_type_enum: '',
  },
  {
    id: '54',
    key_string: 'VM',
    name_string: 'Virtual Meeting',
    world_id: 'VM',
    format_type_enum: 'FC2',
  },
  { id: '212', key_string: 'HY', name_string: 'Hybrid', world_id: 'HYBR', format_type_enum: 'FC2' },
  {
    id: '223',
    key_string: 'TC',
    name_string: 'Temporarily Closed Facility',
    world_id: 'TC',
    format_type_enum: 'FC2',
  },
  {
    id: '125',
    key_string: 'de',
    name_string: 'German',
    world_id: 'LANG',
    format_type_enum: 'LANG',
  },
  {
    id: '232',
    key_string: 'es',
    name_string: 'Spanish',
    world_id: 'LANG',
    format_type_enum: 'LANG',
  },
  { id: '94', key_string: 'KT', name_string: 'no dogs', world_id: '', format_type_enum: 'FC2' },
].map((f) => ({
  ...f,
  description_string: f.name_string,
  lang: 'en',
  root_server_uri: 'https://bmlt.example.org/main_server',
}));

/** What each format above means in the NA vocabulary: the oracle the tests check against. */
export const expectedFormatMeaning: Readonly<
  Record<string, { code?: string; language?: string; flag?: string; unknown?: true }>
> = {
  '17': { code: 'O' },
  '4': { code: 'C' },
  '8': { code: 'D' },
  '33': { code: 'WC' },
  '11': { code: 'W' },
  '15': { code: 'M' },
  '111': { code: 'JT' },
  '110': { code: 'RF' },
  '54': { flag: 'online' },
  '212': { flag: 'hybrid' },
  '223': { flag: 'temporarily_closed' },
  '125': { language: 'de' },
  '232': { language: 'es' },
  '94': { unknown: true },
};

/** A region with two areas, as `GetServiceBodies` lists them (a zone above, left out of paths). */
export const bmltServiceBodies = [
  {
    id: '1',
    parent_id: '0',
    name: 'Autonomy Zone',
    type: 'ZF',
    url: '',
    helpline: '',
    world_id: 'ZF1',
  },
  {
    id: '2',
    parent_id: '1',
    name: 'Mountain Region',
    type: 'RS',
    url: 'https://mountain-na.example.org',
    helpline: '+1 800 555 0100',
    world_id: 'RG1',
  },
  {
    id: '3',
    parent_id: '2',
    name: 'Valley Area',
    type: 'AS',
    url: 'https://valley-na.example.org',
    helpline: '',
    world_id: 'AR1',
  },
  {
    id: '4',
    parent_id: '2',
    name: 'Hill Area',
    type: 'AS',
    url: '',
    helpline: '',
    world_id: 'AR2',
  },
].map((b) => ({ ...b, description: '', contact_email: '' }));

/** One in-person meeting row as `GetSearchResults` sends it; override any field. */
export function bmltRow(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    id_bigint: '1001',
    worldid_mixed: 'G00012345',
    shared_group_id_bigint: '',
    service_body_bigint: '3',
    weekday_tinyint: '2',
    venue_type: '1',
    start_time: '19:30:00',
    duration_time: '01:30:00',
    time_zone: '',
    formats: 'O,D,Beh',
    lang_enum: 'en',
    longitude: '-105.2705',
    latitude: '40.015',
    distance_in_km: '',
    distance_in_miles: '',
    email_contact: '',
    published: '1',
    root_server_uri: 'https://bmlt.example.org/main_server',
    format_shared_id_list: '17,8,33',
    meeting_name: 'Clean and Serene',
    location_text: 'First Methodist Church',
    location_info: 'Basement, side door',
    location_street: '1421 Spruce St',
    location_city_subsection: '',
    location_neighborhood: '',
    location_municipality: 'Boulder',
    location_sub_province: 'Boulder',
    location_province: 'CO',
    location_postal_code_1: '80302',
    location_nation: 'USA',
    comments: 'Coffee from 7 pm',
    zone: '',
    contact_name1: '',
    contact_email1: '',
    public_transport: '',
    format_comments: '',
    virtual_meeting_link: '',
    virtual_meeting_additional_info: '',
    phone_meeting_number: '',
    ...overrides,
  };
}

const towns = [
  { city: 'Boulder', province: 'CO', zip: '80302', lat: 40.015, lng: -105.2705 },
  { city: 'Greenfield', province: 'MA', zip: '01301', lat: 42.5876, lng: -72.5995 },
  { city: 'Tulsa', province: 'OK', zip: '74103', lat: 36.154, lng: -95.9928 },
  { city: 'Berlin', province: 'Berlin', zip: '10249', lat: 52.5253, lng: 13.4216 },
  { city: 'Fresno', province: 'CA', zip: '93721', lat: 36.7378, lng: -119.7871 },
];

const hhmmss = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00`;

/**
 * `count` meetings of a large server (the worldwide aggregator holds about 35,000), rebuilt
 * exactly from the seed: rooms, virtual and hybrid meetings, formats by id, service bodies.
 */
export function generateBmltMeetings(count: number, seed = 1): Record<string, string>[] {
  const random = createRandom(seed);
  const formatIds = bmltFormats.map((f) => f.id).filter((id) => id !== '223');
  const rows: Record<string, string>[] = [];
  for (let i = 0; i < count; i++) {
    const town = random.pick(towns);
    const venue = random.weighted(['1', '2', '3'], [70, 20, 10]);
    const ids = random.sample(formatIds, random.int(1, 4));
    const keys = ids.map((id) => bmltFormats.find((f) => f.id === id)!.key_string);
    rows.push(
      bmltRow({
        id_bigint: String(100_000 + i),
        worldid_mixed: random.chance(0.5) ? `G000${random.digits(5)}` : '',
        service_body_bigint: random.pick(['3', '4']),
        weekday_tinyint: String(random.int(1, 7)),
        venue_type: venue,
        start_time: hhmmss(random.int(6 * 4, 22 * 4) * 15),
        duration_time: random.pick(['01:00:00', '01:30:00', '00:00:00']),
        formats: keys.join(','),
        format_shared_id_list: ids.join(','),
        meeting_name: `${random.pick(['Clean', 'Serene', 'Hope', 'Just for Today', 'Recovery'])} ${random.pick(['Group', 'Meeting', 'Circle'])} ${i}`,
        location_text: venue === '2' ? '' : `${random.pick(['St. Mark', 'Grace', 'Union'])} Hall`,
        location_street: venue === '2' ? '' : `${random.int(1, 9999)} Main St`,
        location_municipality: town.city,
        location_province: town.province,
        location_postal_code_1: town.zip,
        latitude: (town.lat + random.float(-0.2, 0.2)).toFixed(6),
        longitude: (town.lng + random.float(-0.2, 0.2)).toFixed(6),
        time_zone: random.chance(0.3) ? 'America/Denver' : '',
        virtual_meeting_link: venue === '1' ? '' : `https://zoom.us/j/${random.digits(10)}`,
        phone_meeting_number: venue === '1' || random.chance(0.5) ? '' : `+1 646 558 8656`,
        comments: random.chance(0.3) ? 'Newcomers welcome' : '',
      }),
    );
  }
  return rows;
}

const formatIdArb = fc.constantFrom(...bmltFormats.map((f) => f.id));

/** One generated meeting row with a given id: weekday, time, duration, venue and formats vary. */
export function bmltMeetingArbitrary(id: string): fc.Arbitrary<Record<string, string>> {
  return fc
    .record({
      weekday: fc.integer({ min: 1, max: 7 }),
      start: fc.integer({ min: 0, max: 1439 }),
      duration: fc.integer({ min: 0, max: 240 }),
      venue: fc.constantFrom('1', '2', '3'),
      formats: fc.uniqueArray(formatIdArb, { maxLength: 5 }),
      byKey: fc.boolean(),
      link: fc.boolean(),
      phone: fc.boolean(),
      body: fc.constantFrom('3', '4'),
    })
    .map((r) =>
      bmltRow({
        id_bigint: id,
        weekday_tinyint: String(r.weekday),
        start_time: hhmmss(r.start),
        duration_time: hhmmss(r.duration),
        venue_type: r.venue,
        service_body_bigint: r.body,
        // A server lists formats both ways; the ids are read when the format list is at hand.
        format_shared_id_list: r.byKey ? '' : r.formats.join(','),
        formats: r.formats
          .map((fid) => bmltFormats.find((f) => f.id === fid)!.key_string)
          .join(','),
        virtual_meeting_link: r.link ? 'https://zoom.us/j/85551234567' : '',
        phone_meeting_number: r.phone ? '+1 646 558 8656,,85551234567#' : '',
      }),
    );
}
