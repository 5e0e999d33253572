/** "Use my location": the device's position, coarsened before it ever leaves the page. */

/**
 * `lat,lng` rounded to two decimals (about 1 km): enough to find the nearest rooms, too coarse
 * to point at a home. This is the only form of the position that goes into the search URL.
 */
export function roundedNear(latitude: number, longitude: number): string {
  const round = (value: number, limit: number) => {
    const r = Math.round(Math.max(-limit, Math.min(limit, value)) * 100) / 100;
    // Avoid "-0.00" in a URL people may share.
    return (r === 0 ? 0 : r).toFixed(2);
  };
  return `${round(latitude, 90)},${round(longitude, 180)}`;
}

/** The message key for a geolocation failure (permission, no fix, timeout). */
export function locationErrorKey(code: number): 'denied' | 'unavailable' {
  // 1 = PERMISSION_DENIED; 2 (unavailable) and 3 (timeout) read the same to a person.
  return code === 1 ? 'denied' : 'unavailable';
}
