import { foldWords, qualifierKey } from './normalize.js';

/** A country, or a region within one, that a typed qualifier ("MA", "Ontario", "UK") stands for. */
export interface AreaFilter {
  country: string;
  region?: string;
}

interface Subdivision {
  /** The code shown in Place.region: USPS for the US, Canada Post for Canada, ISO 3166-2 elsewhere. */
  code: string;
  /** GeoNames' admin1 code, when it differs from `code` (towns carry GeoNames codes). */
  geonames?: string;
  /** Names and abbreviations people type, besides the code. */
  names: readonly string[];
}

const US: readonly Subdivision[] = [
  { code: 'AL', names: ['Alabama', 'Ala'] },
  { code: 'AK', names: ['Alaska'] },
  { code: 'AZ', names: ['Arizona', 'Ariz'] },
  { code: 'AR', names: ['Arkansas', 'Ark'] },
  { code: 'CA', names: ['California', 'Calif', 'Cal'] },
  { code: 'CO', names: ['Colorado', 'Colo'] },
  { code: 'CT', names: ['Connecticut', 'Conn'] },
  { code: 'DE', names: ['Delaware', 'Del'] },
  { code: 'DC', names: ['District of Columbia'] },
  { code: 'FL', names: ['Florida', 'Fla'] },
  { code: 'GA', names: ['Georgia'] },
  { code: 'HI', names: ['Hawaii'] },
  { code: 'ID', names: ['Idaho'] },
  { code: 'IL', names: ['Illinois', 'Ill'] },
  { code: 'IN', names: ['Indiana', 'Ind'] },
  { code: 'IA', names: ['Iowa'] },
  { code: 'KS', names: ['Kansas', 'Kan', 'Kans'] },
  { code: 'KY', names: ['Kentucky'] },
  { code: 'LA', names: ['Louisiana'] },
  { code: 'ME', names: ['Maine'] },
  { code: 'MD', names: ['Maryland'] },
  { code: 'MA', names: ['Massachusetts', 'Mass'] },
  { code: 'MI', names: ['Michigan', 'Mich'] },
  { code: 'MN', names: ['Minnesota', 'Minn'] },
  { code: 'MS', names: ['Mississippi', 'Miss'] },
  { code: 'MO', names: ['Missouri'] },
  { code: 'MT', names: ['Montana', 'Mont'] },
  { code: 'NE', names: ['Nebraska', 'Neb', 'Nebr'] },
  { code: 'NV', names: ['Nevada', 'Nev'] },
  { code: 'NH', names: ['New Hampshire'] },
  { code: 'NJ', names: ['New Jersey'] },
  { code: 'NM', names: ['New Mexico'] },
  { code: 'NY', names: ['New York'] },
  { code: 'NC', names: ['North Carolina'] },
  { code: 'ND', names: ['North Dakota'] },
  { code: 'OH', names: ['Ohio'] },
  { code: 'OK', names: ['Oklahoma', 'Okla'] },
  { code: 'OR', names: ['Oregon', 'Ore', 'Oreg'] },
  { code: 'PA', names: ['Pennsylvania', 'Penn', 'Penna'] },
  { code: 'RI', names: ['Rhode Island'] },
  { code: 'SC', names: ['South Carolina'] },
  { code: 'SD', names: ['South Dakota'] },
  { code: 'TN', names: ['Tennessee', 'Tenn'] },
  { code: 'TX', names: ['Texas', 'Tex'] },
  { code: 'UT', names: ['Utah'] },
  { code: 'VT', names: ['Vermont'] },
  { code: 'VA', names: ['Virginia'] },
  { code: 'WA', names: ['Washington', 'Wash'] },
  { code: 'WV', names: ['West Virginia', 'W.Va.'] },
  { code: 'WI', names: ['Wisconsin', 'Wis', 'Wisc'] },
  { code: 'WY', names: ['Wyoming', 'Wyo'] },
];

const CA: readonly Subdivision[] = [
  { code: 'AB', geonames: '01', names: ['Alberta', 'Alta'] },
  { code: 'BC', geonames: '02', names: ['British Columbia'] },
  { code: 'MB', geonames: '03', names: ['Manitoba', 'Man'] },
  { code: 'NB', geonames: '04', names: ['New Brunswick'] },
  { code: 'NL', geonames: '05', names: ['Newfoundland and Labrador', 'Newfoundland', 'Nfld'] },
  { code: 'NS', geonames: '07', names: ['Nova Scotia'] },
  { code: 'ON', geonames: '08', names: ['Ontario', 'Ont'] },
  { code: 'PE', geonames: '09', names: ['Prince Edward Island', 'PEI'] },
  { code: 'QC', geonames: '10', names: ['Quebec', 'Québec', 'PQ', 'Que'] },
  { code: 'SK', geonames: '11', names: ['Saskatchewan', 'Sask'] },
  { code: 'YT', geonames: '12', names: ['Yukon'] },
  { code: 'NT', geonames: '13', names: ['Northwest Territories', 'NWT'] },
  { code: 'NU', geonames: '14', names: ['Nunavut'] },
];

const AU: readonly Subdivision[] = [
  { code: 'ACT', geonames: '01', names: ['Australian Capital Territory'] },
  { code: 'NSW', geonames: '02', names: ['New South Wales'] },
  { code: 'NT', geonames: '03', names: ['Northern Territory'] },
  { code: 'QLD', geonames: '04', names: ['Queensland'] },
  { code: 'SA', geonames: '05', names: ['South Australia'] },
  { code: 'TAS', geonames: '06', names: ['Tasmania'] },
  { code: 'VIC', geonames: '07', names: ['Victoria'] },
  { code: 'WA', geonames: '08', names: ['Western Australia'] },
];

// GeoNames numbers Mexico's states alphabetically (05 Chiapas, 07 Coahuila), not as INEGI does.
const MX: readonly Subdivision[] = [
  { code: 'AGU', geonames: '01', names: ['Aguascalientes'] },
  { code: 'BCN', geonames: '02', names: ['Baja California'] },
  { code: 'BCS', geonames: '03', names: ['Baja California Sur'] },
  { code: 'CAM', geonames: '04', names: ['Campeche'] },
  { code: 'CHP', geonames: '05', names: ['Chiapas'] },
  { code: 'CHH', geonames: '06', names: ['Chihuahua'] },
  { code: 'COA', geonames: '07', names: ['Coahuila', 'Coahuila de Zaragoza'] },
  { code: 'COL', geonames: '08', names: ['Colima'] },
  { code: 'CMX', geonames: '09', names: ['Ciudad de México', 'CDMX', 'Distrito Federal', 'DF'] },
  { code: 'DUR', geonames: '10', names: ['Durango'] },
  { code: 'GUA', geonames: '11', names: ['Guanajuato'] },
  { code: 'GRO', geonames: '12', names: ['Guerrero'] },
  { code: 'HID', geonames: '13', names: ['Hidalgo'] },
  { code: 'JAL', geonames: '14', names: ['Jalisco'] },
  {
    code: 'MEX',
    geonames: '15',
    names: ['Estado de México', 'State of Mexico', 'México', 'Edomex'],
  },
  { code: 'MIC', geonames: '16', names: ['Michoacán', 'Michoacán de Ocampo'] },
  { code: 'MOR', geonames: '17', names: ['Morelos'] },
  { code: 'NAY', geonames: '18', names: ['Nayarit'] },
  { code: 'NLE', geonames: '19', names: ['Nuevo León'] },
  { code: 'OAX', geonames: '20', names: ['Oaxaca'] },
  { code: 'PUE', geonames: '21', names: ['Puebla'] },
  { code: 'QUE', geonames: '22', names: ['Querétaro'] },
  { code: 'ROO', geonames: '23', names: ['Quintana Roo'] },
  { code: 'SLP', geonames: '24', names: ['San Luis Potosí'] },
  { code: 'SIN', geonames: '25', names: ['Sinaloa'] },
  { code: 'SON', geonames: '26', names: ['Sonora'] },
  { code: 'TAB', geonames: '27', names: ['Tabasco'] },
  { code: 'TAM', geonames: '28', names: ['Tamaulipas'] },
  { code: 'TLA', geonames: '29', names: ['Tlaxcala'] },
  { code: 'VER', geonames: '30', names: ['Veracruz'] },
  { code: 'YUC', geonames: '31', names: ['Yucatán'] },
  { code: 'ZAC', geonames: '32', names: ['Zacatecas'] },
];

const NZ: readonly Subdivision[] = [
  { code: 'AUK', geonames: 'E7', names: ['Auckland'] },
  { code: 'BOP', geonames: 'E8', names: ['Bay of Plenty'] },
  { code: 'CAN', geonames: 'E9', names: ['Canterbury'] },
  { code: 'GIS', geonames: 'F1', names: ['Gisborne'] },
  { code: 'HKB', geonames: 'F2', names: ["Hawke's Bay"] },
  { code: 'MWT', geonames: 'F3', names: ['Manawatū-Whanganui', 'Manawatu-Wanganui'] },
  { code: 'MBH', geonames: 'F4', names: ['Marlborough'] },
  { code: 'NSN', geonames: 'F5', names: ['Nelson'] },
  { code: 'NTL', geonames: 'F6', names: ['Northland'] },
  { code: 'OTA', geonames: 'F7', names: ['Otago'] },
  { code: 'STL', geonames: 'F8', names: ['Southland'] },
  { code: 'TKI', geonames: 'F9', names: ['Taranaki'] },
  { code: 'WKO', geonames: 'G1', names: ['Waikato'] },
  { code: 'WGN', geonames: 'G2', names: ['Wellington'] },
  { code: 'WTC', geonames: 'G3', names: ['West Coast'] },
  { code: 'TAS', geonames: 'TAS', names: ['Tasman'] },
  { code: 'CIT', geonames: '10', names: ['Chatham Islands'] },
];

// GeoNames' own codes for the UK's nations are the ones people recognise.
const GB: readonly Subdivision[] = [
  { code: 'ENG', names: ['England'] },
  { code: 'SCT', names: ['Scotland'] },
  { code: 'WLS', names: ['Wales', 'Cymru'] },
  { code: 'NIR', names: ['Northern Ireland', 'N Ireland'] },
];

const SUBDIVISIONS: Readonly<Record<string, readonly Subdivision[]>> = { US, CA, AU, MX, NZ, GB };

const COUNTRY_ALIASES: Readonly<Record<string, readonly string[]>> = {
  US: ['USA', 'U.S.A.', 'U.S.', 'United States', 'United States of America', 'America'],
  GB: ['UK', 'U.K.', 'United Kingdom', 'Great Britain', 'Britain'],
  IE: ['Ireland', 'Republic of Ireland', 'Eire', 'Éire'],
  MX: ['México'],
  NZ: ['Aotearoa'],
};

/**
 * The Place.region code for a town's GeoNames admin1 code, or undefined where the lookup knows
 * no code that people would recognise (GeoNames' numeric codes mean nothing to a reader).
 */
export function regionFromGeonames(country: string, admin1: string): string | undefined {
  return geonamesToRegion.get(country)?.get(admin1);
}

// Called once per town at load: nested maps spare building a "country.admin1" key each time.
const geonamesToRegion = new Map<string, Map<string, string>>();
for (const [country, list] of Object.entries(SUBDIVISIONS)) {
  geonamesToRegion.set(country, new Map(list.map((s) => [s.geonames ?? s.code, s.code])));
}

/**
 * Resolves typed qualifiers ("ma", "new south wales", "uk") to the areas they may stand for.
 * Several areas may share a word ("ca" is California and Canada; "wa" is Washington and Western
 * Australia): the caller keeps every town in any of them.
 */
export class QualifierResolver {
  readonly #areas = new Map<string, AreaFilter[]>();

  /** @param countries ISO codes of the countries whose codes and English names count as qualifiers. */
  constructor(countries: Iterable<string>) {
    for (const [country, list] of Object.entries(SUBDIVISIONS)) {
      for (const s of list) {
        for (const name of [s.code, ...s.names]) this.#add(name, { country, region: s.code });
      }
    }
    const englishNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
    const all = new Set([
      ...countries,
      ...Object.keys(SUBDIVISIONS),
      ...Object.keys(COUNTRY_ALIASES),
    ]);
    for (const country of all) {
      this.#add(country, { country });
      const english = englishNames.of(country);
      if (english !== undefined) this.#add(english, { country });
      for (const alias of COUNTRY_ALIASES[country] ?? []) this.#add(alias, { country });
    }
  }

  /** The areas folded qualifier words may stand for; empty when they name none. */
  resolve(words: readonly string[]): readonly AreaFilter[] {
    return this.#areas.get(qualifierKey(words)) ?? [];
  }

  #add(text: string, area: AreaFilter): void {
    const key = qualifierKey(foldWords(text));
    const list = this.#areas.get(key);
    if (list === undefined) this.#areas.set(key, [area]);
    else if (!list.some((a) => a.country === area.country && a.region === area.region))
      list.push(area);
  }
}

/**
 * The areas both lists allow: "Greenfield, MA, USA" keeps Massachusetts (MA ∩ US) and drops
 * Morocco (MA as a country).
 */
export function intersectAreas(a: readonly AreaFilter[], b: readonly AreaFilter[]): AreaFilter[] {
  const out: AreaFilter[] = [];
  for (const x of a) {
    for (const y of b) {
      if (x.country !== y.country) continue;
      if (x.region !== undefined && y.region !== undefined && x.region !== y.region) continue;
      const region = x.region ?? y.region;
      if (out.some((o) => o.country === x.country && o.region === region)) continue;
      out.push(region === undefined ? { country: x.country } : { country: x.country, region });
    }
  }
  return out;
}
