/**
 * What a person texted, read as a request: a carrier keyword (STOP, START, HELP), MORE, a
 * ride (RIDE or VIAJE with a place, or with the number of a meeting listed; then the six-digit
 * code sent to confirm it), or a search (a place and filters in any order: "01301 women tonight", "Greenfield MA NA",
 * "ayuda"). Case, accents and punctuation do not matter. The reply follows the language the
 * person used: any Spanish word makes it Spanish.
 */
import type { AttendanceFilter } from '../search/query.js';
import type { Weekday } from '../meetings/model.js';

export type TextLanguage = 'en' | 'es';

/** When the person wants to go. */
export type DayFilter =
  | { kind: 'tonight' }
  | { kind: 'today' }
  | { kind: 'tomorrow' }
  | { kind: 'weekday'; day: Weekday };

export interface SearchFilters {
  attendance?: AttendanceFilter;
  /** Cross-program tags (`women`, `men`, `young_people`, `lgbtq`). */
  types: string[];
  programs: string[];
  languages: string[];
  day?: DayFilter;
}

export type TextRequest =
  | { kind: 'stop'; language: TextLanguage }
  | { kind: 'start'; language: TextLanguage }
  | { kind: 'help'; language: TextLanguage }
  | { kind: 'more'; language: TextLanguage }
  /** A ride: to meetings near `place` (or the last one searched), or to the `choice`-th listed. */
  | { kind: 'ride'; language: TextLanguage; place?: string; choice?: number }
  /** Six digits alone: the code confirming a ride asked for by text. */
  | { kind: 'code'; language: TextLanguage; code: string }
  /** `place` absent: the filters apply to the place of the person's last search, if any. */
  | { kind: 'search'; language: TextLanguage; place?: string; filters: SearchFilters };

// The carrier keywords (CTIA): the whole message, nothing else.
const STOP = new Set([
  'STOP',
  'STOPALL',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
  'OPTOUT',
  'ALTO',
  'PARAR',
]);
const START = new Set(['START', 'UNSTOP', 'YES', 'SUBSCRIBE', 'INICIO', 'SI']);
const HELP_EN = new Set(['HELP', 'INFO', '?']);
const HELP_ES = new Set(['AYUDA']);
const MORE_EN = new Set(['MORE', 'NEXT']);
const MORE_ES = new Set(['MAS', 'SIGUIENTE']);
const RIDE_EN = new Set(['RIDE', 'RIDES']);
const RIDE_ES = new Set(['VIAJE', 'RAITE', 'AVENTON']);

interface Word {
  es?: boolean;
  apply: (f: SearchFilters) => void;
}

const attendance = (a: AttendanceFilter) => (f: SearchFilters) => {
  f.attendance = a;
};
const tag = (t: string) => (f: SearchFilters) => {
  if (!f.types.includes(t)) f.types.push(t);
};
const program = (p: string) => (f: SearchFilters) => {
  if (!f.programs.includes(p)) f.programs.push(p);
};
const day = (d: DayFilter) => (f: SearchFilters) => {
  f.day = d;
};
const spanish = (f: SearchFilters) => {
  if (!f.languages.includes('es')) f.languages.push('es');
};
const weekday = (n: number) => day({ kind: 'weekday', day: n as Weekday });

/** Single words, after normalising (upper case, no accents, no punctuation). */
const WORDS: Record<string, Word> = {
  ONLINE: { apply: attendance('online') },
  VIRTUAL: { apply: attendance('online') },
  ZOOM: { apply: attendance('online') },
  INTERNET: { es: true, apply: attendance('online') },
  PHONE: { apply: attendance('phone') },
  CALL: { apply: attendance('phone') },
  TELEFONO: { es: true, apply: attendance('phone') },
  WOMEN: { apply: tag('women') },
  WOMENS: { apply: tag('women') },
  MUJERES: { es: true, apply: tag('women') },
  MEN: { apply: tag('men') },
  MENS: { apply: tag('men') },
  HOMBRES: { es: true, apply: tag('men') },
  YOUNG: { apply: tag('young_people') },
  YOUTH: { apply: tag('young_people') },
  JOVENES: { es: true, apply: tag('young_people') },
  LGBTQ: { apply: tag('lgbtq') },
  LGBT: { apply: tag('lgbtq') },
  LGBTQIA: { apply: tag('lgbtq') },
  GAY: { apply: tag('lgbtq') },
  SPANISH: { apply: spanish },
  ESPANOL: { es: true, apply: spanish },
  AA: { apply: program('aa') },
  NA: { apply: program('na') },
  ALANON: { apply: program('al-anon') },
  ALATEEN: { apply: program('al-anon') },
  SMART: { apply: program('smart-recovery') },
  GA: { apply: program('ga') },
  CA: { apply: program('ca') },
  CMA: { apply: program('cma') },
  OA: { apply: program('oa') },
  SLAA: { apply: program('slaa') },
  SAA: { apply: program('saa') },
  CODA: { apply: program('coda') },
  DHARMA: { apply: program('recovery-dharma') },
  REFUGE: { apply: program('refuge-recovery') },
  CELEBRATE: { apply: program('celebrate-recovery') },
  LIFERING: { apply: program('lifering') },
  WFS: { apply: program('women-for-sobriety') },
  TONIGHT: { apply: day({ kind: 'tonight' }) },
  TODAY: { apply: day({ kind: 'today' }) },
  HOY: { es: true, apply: day({ kind: 'today' }) },
  ESTANOCHE: { es: true, apply: day({ kind: 'tonight' }) },
  TOMORROW: { apply: day({ kind: 'tomorrow' }) },
  MANANA: { es: true, apply: day({ kind: 'tomorrow' }) },
  SUN: { apply: weekday(0) },
  SUNDAY: { apply: weekday(0) },
  MON: { apply: weekday(1) },
  MONDAY: { apply: weekday(1) },
  TUE: { apply: weekday(2) },
  TUES: { apply: weekday(2) },
  TUESDAY: { apply: weekday(2) },
  WED: { apply: weekday(3) },
  WEDNESDAY: { apply: weekday(3) },
  THU: { apply: weekday(4) },
  THUR: { apply: weekday(4) },
  THURS: { apply: weekday(4) },
  THURSDAY: { apply: weekday(4) },
  FRI: { apply: weekday(5) },
  FRIDAY: { apply: weekday(5) },
  SAT: { apply: weekday(6) },
  SATURDAY: { apply: weekday(6) },
  DOMINGO: { es: true, apply: weekday(0) },
  LUNES: { es: true, apply: weekday(1) },
  MARTES: { es: true, apply: weekday(2) },
  MIERCOLES: { es: true, apply: weekday(3) },
  JUEVES: { es: true, apply: weekday(4) },
  VIERNES: { es: true, apply: weekday(5) },
  SABADO: { es: true, apply: weekday(6) },
};

/** Two-word phrases read as one word first ("al anon", "en linea", "esta noche"). */
const PHRASES: Record<string, string> = {
  'AL ANON': 'ALANON',
  'EN LINEA': 'INTERNET',
  'ESTA NOCHE': 'ESTANOCHE',
  'POR TELEFONO': 'TELEFONO',
  'CELEBRATE RECOVERY': 'CELEBRATE',
  'RECOVERY DHARMA': 'DHARMA',
  'SMART RECOVERY': 'SMART',
};

/** Upper case, accents and punctuation gone (a comma kept between words), spaces single. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toUpperCase()
    .replace(/[¿¡!.;:"'()[\]{}]/g, ' ')
    .replace(/[-_/]/g, ' ')
    .replace(/\s*,\s*/g, ', ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Reads a message; `language`, when given, wins over the language the words suggest. */
export function parseMessage(text: string, language?: TextLanguage): TextRequest {
  const whole = normaliseText(text).replace(/,/g, '').trim();
  const lang = (es: boolean): TextLanguage => language ?? (es ? 'es' : 'en');
  if (STOP.has(whole))
    return { kind: 'stop', language: lang(whole === 'ALTO' || whole === 'PARAR') };
  if (START.has(whole))
    return { kind: 'start', language: lang(whole === 'INICIO' || whole === 'SI') };
  if (HELP_EN.has(whole) || whole === '') return { kind: 'help', language: lang(false) };
  if (HELP_ES.has(whole)) return { kind: 'help', language: lang(true) };
  if (MORE_EN.has(whole)) return { kind: 'more', language: lang(false) };
  if (MORE_ES.has(whole)) return { kind: 'more', language: lang(true) };
  if (/^\d{3} ?\d{3}$/.test(whole)) return { kind: 'code', language: lang(false), code: whole };
  const [first, ...rest] = whole.split(' ');
  if (RIDE_EN.has(first!) || RIDE_ES.has(first!))
    return rideRequest(rest, lang(RIDE_ES.has(first!)));

  let normal = ` ${normaliseText(text).replace(/,/g, ' , ')} `;
  for (const [phrase, word] of Object.entries(PHRASES))
    normal = normal.replaceAll(` ${phrase} `, ` ${word} `);
  const filters: SearchFilters = { types: [], programs: [], languages: [] };
  let es = false;
  const placeWords: string[] = [];
  for (const token of normal.trim().split(' ')) {
    const word = WORDS[token];
    if (word === undefined) {
      placeWords.push(token);
      continue;
    }
    word.apply(filters);
    if (word.es === true) es = true;
  }
  const place = placeText(placeWords);
  const request: TextRequest = { kind: 'search', language: lang(es), filters };
  if (place !== undefined) request.place = place;
  if (place === undefined && placeWords.length === 0 && isEmpty(filters))
    return { kind: 'help', language: lang(es) };
  return request;
}

/** RIDE alone, RIDE with a place, or RIDE with the number of a meeting listed (1 to 9). */
function rideRequest(words: string[], language: TextLanguage): TextRequest {
  if (words.length === 1 && /^[1-9]$/.test(words[0]!))
    return { kind: 'ride', language, choice: Number(words[0]) };
  const place = placeText(words);
  return { kind: 'ride', language, ...(place !== undefined ? { place } : {}) };
}

function isEmpty(f: SearchFilters): boolean {
  return (
    f.attendance === undefined &&
    f.day === undefined &&
    f.types.length === 0 &&
    f.programs.length === 0 &&
    f.languages.length === 0
  );
}

/**
 * The place among the words left over: a ZIP code wherever it stands, else the words in order
 * as a town, with a trailing state code set off by a comma ("GREENFIELD MA" -> "Greenfield, MA").
 */
function placeText(words: string[]): string | undefined {
  const zip = words.find((w) => /^\d{5}$/.test(w));
  if (zip !== undefined) return zip;
  const text = words
    .join(' ')
    .replace(/\s*,\s*/g, ', ')
    .replace(/^,\s*|,\s*$/g, '')
    .trim();
  if (text === '') return undefined;
  const titled = text
    .toLowerCase()
    .replace(/(^|[\s,])(\p{L})/gu, (_, s: string, l: string) => s + l.toUpperCase());
  const state = /^(.*?)(?:,)?\s+([A-Za-z]{2})$/u.exec(titled);
  return state !== null && !titled.includes(',')
    ? `${state[1]}, ${state[2]!.toUpperCase()}`
    : titled.replace(/, ([A-Za-z]{2})$/u, (_, s: string) => `, ${s.toUpperCase()}`);
}
