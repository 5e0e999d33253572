/**
 * The languages the public pages speak, and how a request chooses one. The language lives in the
 * path (`/es/meetings/x`), never in `?lang=`: the finder's `lang` parameter already means "meetings
 * held in this language", and one word must not mean two things in a shareable URL.
 */

/**
 * The languages offered: in the switcher, to `Accept-Language`, under a path prefix. A language
 * joins when its catalogue holds every message its readers meet (decision 0143).
 */
export const locales = ['en', 'es', 'fr', 'pt'] as const;

/**
 * The pseudo-locale (decision 0144): English accented, a third longer and bracketed, so a
 * browser test sees an untranslated string (no brackets) or a clipped control (a lost `]`).
 * Served only where an operator or a test turns it on, never offered nor negotiated.
 */
export const pseudoLocale = 'en-xa';

/** A language a page can be rendered in. */
export type Locale = (typeof locales)[number] | typeof pseudoLocale;
export const defaultLocale: Locale = 'en';

/** True when a string names a page language exactly ("es", not "es-MX"). */
export function isLocale(value: string): value is Locale {
  return value === pseudoLocale || (locales as readonly string[]).includes(value);
}

/** Languages written right to left (their pages get `dir="rtl"`). */
const rightToLeft = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'yi', 'dv', 'ckb', 'sd', 'ug']);

/** The writing direction of a language tag's primary language. */
export function direction(tag: string): 'ltr' | 'rtl' {
  return rightToLeft.has(tag.toLowerCase().split('-', 1)[0] ?? '') ? 'rtl' : 'ltr';
}

/**
 * The best supported locale for an `Accept-Language` header (RFC 9110): the highest-weighted
 * range whose primary subtag we speak ("es-MX;q=0.9" picks es); the default when none matches.
 * `*` means "anything", which is the default.
 */
export function negotiateLocale(header: string | undefined): Locale {
  if (header === undefined || header.trim() === '') return defaultLocale;
  const ranges = header
    .split(',')
    .map((part, position) => {
      const [range = '', ...params] = part.trim().split(';');
      const q = params
        .map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)?.[1])
        .find((v) => v !== undefined);
      const weight = q === undefined ? 1 : Number(q);
      return { range: range.trim().toLowerCase(), weight, position };
    })
    .filter((r) => r.range !== '' && Number.isFinite(r.weight) && r.weight > 0)
    // Stable: equal weights keep the order the browser sent.
    .sort((a, b) => b.weight - a.weight || a.position - b.position);
  const offered = (tag: string): Locale | undefined =>
    (locales as readonly string[]).includes(tag) ? (tag as Locale) : undefined;
  for (const { range } of ranges) {
    if (range === '*') return defaultLocale;
    const chosen = offered(range) ?? offered(range.split('-', 1)[0] ?? '');
    if (chosen !== undefined) return chosen;
  }
  return defaultLocale;
}

/** A path in a locale: `localePath('es', '/help')` is `/es/help`; `('en', '/')` is `/en/`. */
export function localePath(locale: Locale, path: string): string {
  return `/${locale}${path.startsWith('/') ? path : `/${path}`}`;
}

/**
 * Splits a request path into its locale prefix (if any) and the rest:
 * `/es/meetings/x` -> { locale: 'es', path: '/meetings/x' }; `/help` -> { path: '/help' }.
 */
export function splitLocalePath(path: string): { locale?: Locale; path: string } {
  const match = /^\/([a-z]{2}(?:-[a-z]{2})?)(\/.*|$)/.exec(path);
  if (match !== null && isLocale(match[1] ?? '')) {
    return { locale: match[1] as Locale, path: match[2] === '' ? '/' : (match[2] ?? '/') };
  }
  return { path };
}
