/**
 * Meeting languages: BCP-47 tags in the model, mapped to and from the Meeting Guide language type
 * codes on import and export. Pure data and pure functions.
 *
 * The codes are the language codes of the Meeting Guide type list (code4recovery/spec,
 * data/types.json). That list is irregular, so a few cases are worth spelling out:
 * - Spanish is `S` (not `ES`); `ES` is accepted on import as a stray alias, never emitted.
 * - `LIT` is Literature and `LT` is Lithuanian; `TR` is Tradition Study and `TUR` is Turkish;
 *   `SL` is Slovenian (NA's BMLT uses `SL` for ASL, but that is NA's vocabulary, not this one);
 *   `UK` is Ukrainian, not the United Kingdom; `IS` is Icelandic.
 * - `ASL` is American Sign Language: BCP-47 `ase`.
 * - `TL` is Tagalog: `fil`, because `Intl` canonicalises `tl` to `fil` (a CLDR alias), so the model
 *   only ever holds `fil`.
 * - `N` (Native American) and `NDG` (Indigenous) name communities, not languages.
 */

/** Meeting Guide language code -> canonical BCP-47 tag. */
const meetingGuideLanguages: Readonly<Record<string, string>> = {
  AF: 'af',
  AM: 'am',
  AR: 'ar',
  ASL: 'ase',
  BG: 'bg',
  DA: 'da',
  DE: 'de',
  EL: 'el',
  EN: 'en',
  FA: 'fa',
  FI: 'fi',
  FR: 'fr',
  HE: 'he',
  HI: 'hi',
  HR: 'hr',
  HU: 'hu',
  IS: 'is',
  ITA: 'it',
  JA: 'ja',
  KA: 'ka',
  KOR: 'ko',
  LT: 'lt',
  ML: 'ml',
  MT: 'mt',
  NE: 'ne',
  NL: 'nl',
  NO: 'no',
  POL: 'pl',
  POR: 'pt',
  PUN: 'pa',
  RUS: 'ru',
  S: 'es',
  SK: 'sk',
  SL: 'sl',
  SV: 'sv',
  TH: 'th',
  TL: 'fil',
  TUR: 'tr',
  UK: 'uk',
};

/** Codes seen in feeds that are not in the spec but plainly name a language (import only). */
const importAliases: Readonly<Record<string, string>> = {
  ES: 'es',
};

/** Tags (primary subtags) that should export as another language's code. */
const tagAliases: Readonly<Record<string, string>> = {
  nb: 'NO', // Norwegian Bokmål
  nn: 'NO', // Norwegian Nynorsk
};

/** The Meeting Guide language codes, in the spec's order. */
export const meetingGuideLanguageCodes: readonly string[] = Object.keys(meetingGuideLanguages);

const codeByTag = new Map<string, string>();
for (const [code, tag] of Object.entries(meetingGuideLanguages)) codeByTag.set(tag, code);
for (const [tag, code] of Object.entries(tagAliases)) codeByTag.set(tag, code);

const tagByCode = new Map<string, string>([
  ...Object.entries(meetingGuideLanguages),
  ...Object.entries(importAliases),
]);

/**
 * BCP-47 tag for a Meeting Guide language code ('EN' -> 'en', 'S' -> 'es', 'ASL' -> 'ase'), or
 * undefined when the code is not a language code. Codes are matched case-insensitively.
 */
export function languageFromMeetingGuideCode(code: string): string | undefined {
  return tagByCode.get(code) ?? tagByCode.get(code.trim().toUpperCase());
}

/**
 * The Meeting Guide code for a BCP-47 tag (matching on the primary subtag when no exact match),
 * or undefined.
 */
export function meetingGuideCodeForLanguage(tag: string): string | undefined {
  const normalised = normaliseLanguageTag(tag);
  if (normalised === undefined) return undefined;
  const exact = codeByTag.get(normalised);
  if (exact !== undefined) return exact;
  const primary = normalised.split('-', 1)[0] ?? normalised;
  return codeByTag.get(primary);
}

/**
 * Normalises a BCP-47 tag ('EN-us' -> 'en-US', 'iw' -> 'he') or returns undefined if it is not
 * well-formed. Surrounding spaces are ignored and POSIX-style underscores ('en_US') are read as
 * hyphens.
 */
export function normaliseLanguageTag(tag: string): string | undefined {
  const candidate = tag.trim().replaceAll('_', '-');
  if (candidate === '') return undefined;
  try {
    const [canonical] = Intl.getCanonicalLocales(candidate);
    return canonical;
  } catch {
    return undefined;
  }
}

/**
 * Languages named in words as well as by tag, for forms a person fills in: the languages of the
 * Meeting Guide list and a few more spoken in US and Canadian meetings.
 */
const namedTags: readonly string[] = [
  ...new Set([
    ...Object.values(meetingGuideLanguages),
    ...['zh', 'vi', 'ht', 'so', 'hmn', 'km', 'lo', 'sw', 'ur', 'bn', 'ro', 'cs', 'hy', 'sq'],
    ...['sr', 'bs', 'id', 'ms', 'nv', 'yi', 'ta', 'te', 'gu', 'ps', 'my', 'ti', 'om', 'ne'],
  ]),
];

/** Names people write that the runtime's language names do not give. */
const nameAliases: Readonly<Record<string, string>> = {
  asl: 'ase',
  'sign language': 'ase',
  'lengua de senas americana': 'ase',
  'lenguaje de senas americano': 'ase',
  'lengua de signos americana': 'ase',
  'lenguaje de senas': 'ase',
  'lengua de senas': 'ase',
  tagalog: 'fil',
  farsi: 'fa',
};

function foldName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

let tagByName: Map<string, string> | undefined;

function namesToTags(): Map<string, string> {
  if (tagByName !== undefined) return tagByName;
  tagByName = new Map(Object.entries(nameAliases));
  for (const locale of ['en', 'es']) {
    const names = new Intl.DisplayNames(locale, { type: 'language', fallback: 'none' });
    for (const tag of namedTags) {
      const name = names.of(tag);
      if (name !== undefined && !tagByName.has(foldName(name))) tagByName.set(foldName(name), tag);
    }
  }
  return tagByName;
}

/**
 * A language from what a person typed: its name in English or Spanish ("Spanish", "español",
 * "American Sign Language", "ASL"), or a tag ("es", "fr-CA"). A tag's language must be a
 * two- or three-letter code: "English" is a well-formed BCP-47 tag, but no language's.
 */
export function languageFromWords(text: string): string | undefined {
  const named = namesToTags().get(foldName(text));
  if (named !== undefined) return named;
  const tag = normaliseLanguageTag(text);
  if (tag === undefined || !/^[a-z]{2,3}(-|$)/.test(tag)) return undefined;
  return tag;
}

/** A tag's name in the locale ("Spanish", "español") when the name reads back as the tag, else the tag. */
export function languageLabel(tag: string, locale: string): string {
  let names = displayNames.get(locale);
  if (names === undefined) {
    names = new Intl.DisplayNames(locale, { type: 'language', fallback: 'none' });
    displayNames.set(locale, names);
  }
  let name: string | undefined;
  try {
    name = names.of(tag);
  } catch {
    name = undefined;
  }
  return name === undefined || languageFromWords(name) !== tag ? tag : name;
}

const displayNames = new Map<string, Intl.DisplayNames>();
