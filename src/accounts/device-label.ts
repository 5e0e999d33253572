/**
 * A coarse label for a session's device ("Firefox on Android"), so a person can tell their
 * sessions apart. Only the browser family and the system are kept: the full user agent string
 * is close to a fingerprint.
 */
export function deviceLabel(userAgent: string | undefined): string | undefined {
  if (userAgent === undefined || userAgent === '') return undefined;
  const browser = (
    [
      [/Edg\//, 'Edge'],
      [/OPR\//, 'Opera'],
      [/Firefox\//, 'Firefox'],
      [/SamsungBrowser\//, 'Samsung Internet'],
      [/Chrom(e|ium)\//, 'Chrome'],
      [/Safari\//, 'Safari'],
    ] as const satisfies readonly (readonly [RegExp, string])[]
  ).find(([pattern]) => pattern.test(userAgent))?.[1];
  const system = (
    [
      [/Android/, 'Android'],
      [/iPhone|iPad|iPod/, 'iOS'],
      [/Windows/, 'Windows'],
      [/Mac OS X|Macintosh/, 'macOS'],
      [/CrOS/, 'ChromeOS'],
      [/Linux/, 'Linux'],
    ] as const satisfies readonly (readonly [RegExp, string])[]
  ).find(([pattern]) => pattern.test(userAgent))?.[1];
  if (browser === undefined && system === undefined) return undefined;
  if (browser === undefined) return system;
  return system === undefined ? browser : `${browser} on ${system}`;
}
