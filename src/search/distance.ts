/**
 * Distances as people read them. One rule for every place a distance is shown (the API, the
 * finder, the printed sheet): the default radius of 40 km is "25 miles" everywhere, never 24.9
 * in one place and 25 in another.
 */

export const KM_PER_MILE = 1.609344;

/** Kilometres in the person's units. */
export function kmToUnits(km: number, units: 'mi' | 'km'): number {
  return units === 'mi' ? km / KM_PER_MILE : km;
}

/**
 * Tenths under 10 ("3.2 mi": a short drive is told apart from a walk), whole units from 10 on
 * ("25 mi": a tenth of a mile means nothing on a long drive and reads as false precision).
 */
export function roundDistance(value: number): number {
  const tenths = Math.round(value * 10) / 10;
  return tenths < 10 ? tenths : Math.round(value);
}
