import { describe, expect, it } from 'vitest';
import { foldWords } from './normalize.js';
import { QualifierResolver, intersectAreas, regionFromGeonames } from './regions.js';

const resolver = new QualifierResolver(['US', 'CA', 'MA', 'GB', 'AU', 'FR']);
const resolve = (text: string) => resolver.resolve(foldWords(text));

describe('QualifierResolver', () => {
  it('keeps every area a word may stand for', () => {
    expect(resolve('CA')).toEqual(
      expect.arrayContaining([{ country: 'US', region: 'CA' }, { country: 'CA' }]),
    );
    expect(resolve('wa')).toEqual(
      expect.arrayContaining([
        { country: 'US', region: 'WA' },
        { country: 'AU', region: 'WA' },
      ]),
    );
  });

  it('reads names, abbreviations and English country names', () => {
    expect(resolve('Massachusetts')).toEqual([{ country: 'US', region: 'MA' }]);
    expect(resolve('N.H.')).toEqual([{ country: 'US', region: 'NH' }]);
    expect(resolve('Québec')).toEqual([{ country: 'CA', region: 'QC' }]);
    expect(resolve('united states of america')).toEqual([{ country: 'US' }]);
    expect(resolve('U.K.')).toEqual([{ country: 'GB' }]);
    expect(resolve('France')).toEqual([{ country: 'FR' }]);
    expect(resolve('Narnia')).toEqual([]);
  });
});

describe('intersectAreas', () => {
  it('narrows a region by its country and drops other countries', () => {
    expect(intersectAreas(resolve('MA'), resolve('USA'))).toEqual([
      { country: 'US', region: 'MA' },
    ]);
    expect(intersectAreas(resolve('TX'), resolve('Canada'))).toEqual([]);
  });
});

describe('regionFromGeonames', () => {
  it('maps GeoNames admin1 codes to codes people know', () => {
    expect(regionFromGeonames('CA', '08')).toBe('ON');
    expect(regionFromGeonames('AU', '02')).toBe('NSW');
    expect(regionFromGeonames('MX', '19')).toBe('NLE');
    expect(regionFromGeonames('GB', 'ENG')).toBe('ENG');
    expect(regionFromGeonames('FR', '11')).toBeUndefined();
  });
});
