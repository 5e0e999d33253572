import { describe, expect, it } from 'vitest';
import { createOfflineGeocoder } from '../places/gazetteer.js';
import type { GeocodedPlaces } from '../places/geocoded-places.js';
import { PorchlightError } from '../platform/errors.js';
import { SearchIndex } from './search-index.js';
import { SearchPlaces, type ListedIndex } from './search-places.js';
import { makeMeeting } from './test-meetings.js';

const geocoder = createOfflineGeocoder();
const now = Date.parse('2026-11-04T22:00:00Z');
/** A list of meetings in Greenfield, MA: its middle is near the Springfield of Massachusetts. */
const greenfieldList: ListedIndex = {
  index: SearchIndex.build([makeMeeting({ slug: 'a' }), makeMeeting({ slug: 'b' })], { now }),
  revision: 1,
};
const noList: ListedIndex = { index: undefined, revision: -1 };

/** The operator's geocoder as a port: knows Monroe, MA, and records what it was asked. */
function townGeocoder(): GeocodedPlaces & { asked: [string, string | undefined][] } {
  const asked: [string, string | undefined][] = [];
  return {
    asked,
    find(text, country) {
      asked.push([text, country]);
      return Promise.resolve(
        text.toLowerCase().startsWith('monroe')
          ? { latitude: 42.7237, longitude: -72.9601 }
          : undefined,
      );
    },
  };
}

describe('the place a search is near', () => {
  it('resolves a known town offline, labelled with its state', () => {
    const places = new SearchPlaces(geocoder, undefined, () => noList);
    expect(places.resolve('01301')).toMatchObject({ label: 'Greenfield, MA' });
    expect(places.resolve('Zzzzz')).toBeUndefined();
  });

  it('asks which of several towns, nearest the list first', () => {
    const places = new SearchPlaces(geocoder, undefined, () => greenfieldList);
    let refused: unknown;
    try {
      places.resolve('Springfield');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(PorchlightError);
    const { code, details } = refused as PorchlightError;
    expect(code).toBe('PL_AMBIGUOUS_PLACE');
    expect((details as { candidates: { near: string }[] }).candidates[0]!.near).toMatch(/MA/);
  });

  it('asks the operator’s geocoder once for a town it alone knows, in the list’s country', async () => {
    const asking = townGeocoder();
    const places = new SearchPlaces(geocoder, asking, () => greenfieldList);
    expect(places.resolve('Monroe, MA')).toBeUndefined();
    await places.findTyped('Monroe, MA');
    expect(places.resolve('Monroe, MA')).toEqual({
      latitude: 42.7237,
      longitude: -72.9601,
      label: 'Monroe, MA',
      foundBy: 'geocoder',
    });
    await places.findTyped('Monroe, MA');
    expect(asking.asked).toEqual([['Monroe, MA', 'US']]);
  });

  it('asks nothing for coordinates, a known town, a shared name, or without a geocoder', async () => {
    const asking = townGeocoder();
    const places = new SearchPlaces(geocoder, asking, () => greenfieldList);
    for (const text of ['42.6, -72.6', '01301', 'Springfield', '  ', undefined])
      await places.findTyped(text);
    expect(asking.asked).toEqual([]);
    const offline = new SearchPlaces(geocoder, undefined, () => greenfieldList);
    await offline.findTyped('Monroe, MA');
    expect(offline.resolve('Monroe, MA')).toBeUndefined();
    expect(await offline.fromGeocoder('Monroe, MA')).toBeUndefined();
  });

  it('names the country it looked in, the one asked for or the list’s', async () => {
    const places = new SearchPlaces(geocoder, townGeocoder(), () => greenfieldList);
    expect(await places.fromGeocoder('Monroe', 'us')).toEqual({
      latitude: 42.7237,
      longitude: -72.9601,
      country: 'US',
    });
    expect(await places.fromGeocoder('Monroe')).toMatchObject({ country: 'US' });
    const unlisted = new SearchPlaces(geocoder, townGeocoder(), () => noList);
    expect(await unlisted.fromGeocoder('Monroe')).toEqual({
      latitude: 42.7237,
      longitude: -72.9601,
    });
  });
});
