/**
 * BMLT's `switcher`: which question a `/client_interface/json/` request asks, answered as a root
 * server answers it (arrays of objects whose values are all strings).
 */
import { PorchlightError } from '../../platform/errors.js';
import {
  includeExclude,
  listParam,
  parseSearchResultsQuery,
  stringParam,
  type RawQuery,
} from './client-interface-params.js';
import { searchResults } from './client-interface-search.js';
import type { ServedCatalogue } from './served-catalogue.js';
import {
  formatById,
  presentFormat,
  servedFormats,
  type BmltFormat,
  type ServedFormat,
} from './served-formats.js';
import { meetingFieldKeys } from './served-meetings.js';
import { withAncestors, withDescendants } from './served-service-bodies.js';

export const switchers = [
  'GetSearchResults',
  'GetFormats',
  'GetServiceBodies',
  'GetServerInfo',
  'GetFieldKeys',
  'GetCoverageArea',
] as const;

/**
 * The BMLT interface level Porchlight answers at. Front ends compare it to decide which
 * parameters they may send, so it names the root server API, not Porchlight's own version.
 */
export const BMLT_API_VERSION = '4.0.0';

export interface SwitcherContext {
  catalogue: ServedCatalogue;
  rootServerUri: string;
  /** Porchlight's own version, reported beside the API level. */
  version: string;
  /**
   * The languages the site speaks (its pages' locales), English first: `GetServerInfo` lists
   * these and no other, and formats are named in them (in English for any other `lang_enum`).
   */
  languages: readonly string[];
}

/** Answers one request; throws PL_BMLT_UNKNOWN_SWITCHER for a question it does not know. */
export function answerSwitcher(query: RawQuery, context: SwitcherContext): unknown {
  const switcher = stringParam(query, 'switcher');
  switch (switcher) {
    case 'GetSearchResults':
      return getSearchResults(query, context);
    case 'GetFormats':
      return getFormats(query, context);
    case 'GetServiceBodies':
      return getServiceBodies(query, context);
    case 'GetServerInfo':
      return getServerInfo(context);
    case 'GetFieldKeys':
      return fieldKeys.map(([key, description]) => ({ key, description }));
    case 'GetCoverageArea':
      return getCoverageArea(context);
    default:
      throw new PorchlightError(
        'PL_BMLT_UNKNOWN_SWITCHER',
        `switcher must be one of ${switchers.join(', ')}.`,
        { field: 'switcher' },
      );
  }
}

function getSearchResults(
  query: RawQuery,
  { catalogue, rootServerUri, languages }: SwitcherContext,
) {
  const parsed = parseSearchResultsQuery(query);
  const answer = searchResults(catalogue, parsed);
  if (!parsed.usedFormats && !parsed.formatsOnly) return answer.meetings;
  const lang = servedLanguage(parsed.lang, languages);
  const formats = [...answer.formatIds]
    .sort((a, b) => a - b)
    .map((id) => presentFormat(formatById(id)!, lang, rootServerUri));
  return parsed.formatsOnly ? { formats } : { meetings: answer.meetings, formats };
}

function getFormats(
  query: RawQuery,
  { catalogue, rootServerUri, languages: spoken }: SwitcherContext,
): BmltFormat[] {
  const ids = includeExclude(listParam(query, 'format_ids'));
  const keys = new Set(listParam(query, 'key_strings'));
  const showAll = stringParam(query, 'show_all') === '1';
  const langs = listParam(query, 'lang_enum').map((l) => l.toLowerCase());
  const chosen = servedFormats.filter(
    (f: ServedFormat) =>
      (showAll || catalogue.usedFormatIds.has(f.id)) &&
      (ids.include.length === 0 || ids.include.includes(f.id)) &&
      !ids.exclude.includes(f.id) &&
      (keys.size === 0 || keys.has(f.code)),
  );
  const languages = [
    ...new Set((langs.length === 0 ? ['en'] : langs).map((l) => servedLanguage(l, spoken))),
  ];
  return languages.flatMap((lang) => chosen.map((f) => presentFormat(f, lang, rootServerUri)));
}

function getServiceBodies(query: RawQuery, { catalogue }: SwitcherContext) {
  const { serviceBodies } = catalogue;
  const ids = includeExclude(listParam(query, 'services'));
  const recursive = stringParam(query, 'recursive') === '1';
  const parents = stringParam(query, 'parents') === '1';
  let wanted: Set<number> | undefined;
  if (ids.include.length > 0) {
    wanted = withDescendants(serviceBodies, ids.include, recursive);
    if (parents) for (const id of withAncestors(serviceBodies, ids.include)) wanted.add(id);
  }
  const unwanted = withDescendants(serviceBodies, ids.exclude, recursive);
  return serviceBodies.filter((body) => {
    const id = Number(body.id);
    return (wanted === undefined || wanted.has(id)) && !unwanted.has(id);
  });
}

function getServerInfo({ catalogue, version, languages }: SwitcherContext) {
  const center = catalogue.center;
  const [major = 0, minor = 0, patch = 0] = BMLT_API_VERSION.split('.').map(Number);
  return [
    {
      version: BMLT_API_VERSION,
      versionInt: String(major * 1_000_000 + minor * 1000 + patch),
      langs: languages.join(','),
      nativeLang: 'en',
      centerLongitude: center === undefined ? '0' : String(center.longitude),
      centerLatitude: center === undefined ? '0' : String(center.latitude),
      centerZoom: '9',
      defaultDuration: '01:00:00',
      regionBias: 'us',
      charSet: 'UTF-8',
      distanceUnits: 'mi',
      semanticAdmin: '0',
      emailEnabled: '0',
      emailIncludesServiceBodies: '0',
      changesPerMeeting: '0',
      meeting_states_and_provinces: '',
      meeting_counties_and_sub_provinces: '',
      available_keys: meetingFieldKeys.join(','),
      google_api_key: '',
      dbVersion: String(catalogue.revision),
      meeting_time_zones_enabled: '1',
      aggregator_mode_enabled: false,
      porchlight_version: version,
    },
  ];
}

function getCoverageArea({ catalogue }: SwitcherContext) {
  let north = -90;
  let south = 90;
  let west = 180;
  let east = -180;
  for (const m of catalogue.meetings) {
    if (m.latitude === undefined || m.longitude === undefined) continue;
    north = Math.max(north, m.latitude);
    south = Math.min(south, m.latitude);
    west = Math.min(west, m.longitude);
    east = Math.max(east, m.longitude);
  }
  if (north < south) return [];
  return [
    {
      nw_corner_longitude: String(west),
      nw_corner_latitude: String(north),
      se_corner_longitude: String(east),
      se_corner_latitude: String(south),
    },
  ];
}

/** A language the site speaks; English otherwise (lenient, like the rest). */
function servedLanguage(lang: string, spoken: readonly string[]): string {
  return spoken.includes(lang) ? lang : 'en';
}

const fieldKeys: readonly (readonly [string, string])[] = [
  ['id_bigint', 'ID'],
  ['worldid_mixed', 'World ID'],
  ['service_body_bigint', 'Service Body ID'],
  ['weekday_tinyint', 'Weekday'],
  ['venue_type', 'Venue Type'],
  ['start_time', 'Start Time'],
  ['duration_time', 'Duration'],
  ['time_zone', 'Time Zone'],
  ['formats', 'Formats'],
  ['lang_enum', 'Language'],
  ['longitude', 'Longitude'],
  ['latitude', 'Latitude'],
  ['meeting_name', 'Meeting Name'],
  ['location_text', 'Location Name'],
  ['location_info', 'Additional Location Information'],
  ['location_street', 'Street Address'],
  ['location_city_subsection', 'Borough'],
  ['location_neighborhood', 'Neighborhood'],
  ['location_municipality', 'Town'],
  ['location_sub_province', 'County'],
  ['location_province', 'State'],
  ['location_postal_code_1', 'Zip Code'],
  ['location_nation', 'Nation'],
  ['comments', 'Comments'],
  ['train_lines', 'Train Lines'],
  ['bus_lines', 'Bus Lines'],
  ['phone_meeting_number', 'Phone Meeting Dial-in Number'],
  ['virtual_meeting_link', 'Virtual Meeting Link'],
  ['virtual_meeting_additional_info', 'Virtual Meeting Additional Info'],
];
