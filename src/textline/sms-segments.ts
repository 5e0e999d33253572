/**
 * How many SMS segments a text costs, counted the way handsets and carriers count them
 * (3GPP TS 23.038 / 23.040). A text wholly in the GSM 03.38 default alphabet travels as 7-bit
 * septets: 160 in one segment, 153 per segment once split (the rest is the concatenation
 * header); a character of the extension table (`€`, `[`, `{`, ...) costs two septets, an escape
 * and the character, and a pair is never split across segments. Any other character turns the
 * whole text into UCS-2: 70 UTF-16 units in one segment, 67 once split, and a surrogate pair
 * (an emoji) is never split either.
 */

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '\f^{}\\[~]|€';

const basic = new Set(GSM_BASIC);
const extension = new Set(GSM_EXTENSION);

export type SmsEncoding = 'gsm7' | 'ucs2';

export interface SegmentCount {
  encoding: SmsEncoding;
  segments: number;
  /** Septets (GSM-7) or UTF-16 units (UCS-2). */
  units: number;
}

/** Whether a character (one code point) is in the GSM-7 default alphabet or its extension. */
export function isGsmCharacter(char: string): boolean {
  return basic.has(char) || extension.has(char);
}

/** The encoding a text needs and how many segments it takes. An empty text takes none. */
export function countSegments(text: string): SegmentCount {
  if (text === '') return { encoding: 'gsm7', segments: 0, units: 0 };
  const chars = [...text];
  if (chars.every(isGsmCharacter)) {
    const costs = chars.map((c) => (extension.has(c) ? 2 : 1));
    return { encoding: 'gsm7', ...pack(costs, 160, 153) };
  }
  // A code point above U+FFFF is a surrogate pair: two units that travel together.
  const costs = chars.map((c) => c.length);
  return { encoding: 'ucs2', ...pack(costs, 70, 67) };
}

/** Whether a text fits in `max` segments. */
export function fitsSegments(text: string, max: number): boolean {
  return countSegments(text).segments <= max;
}

/** Packs indivisible pieces into segments: all in one if they fit, else `split` units each. */
function pack(costs: number[], single: number, split: number): { segments: number; units: number } {
  const units = costs.reduce((a, b) => a + b, 0);
  if (units <= single) return { segments: 1, units };
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > split) {
      segments++;
      used = 0;
    }
    used += cost;
  }
  return { segments, units };
}

const REPLACEMENTS: Record<string, string> = {
  '‘': "'",
  '’': "'",
  '‚': "'",
  '“': '"',
  '”': '"',
  '„': '"',
  '–': '-',
  '—': '-',
  '‐': '-',
  '…': '...',
  '\u00a0': ' ',
  '\u2009': ' ',
  '\t': ' ',
  '•': '-',
  ç: 'Ç',
};

/**
 * The text with what has a plain GSM-7 equivalent written that way (curly quotes, dashes, `á`
 * as `a`), so a Spanish reply or a café's name does not turn the whole message into UCS-2 and
 * cost twice the segments. What has no equivalent (an emoji, Chinese) is kept as it is.
 */
export function preferGsm(text: string): string {
  let out = '';
  for (const char of text) {
    if (isGsmCharacter(char)) {
      out += char;
      continue;
    }
    const replaced = REPLACEMENTS[char];
    if (replaced !== undefined) {
      out += replaced;
      continue;
    }
    const base = char.normalize('NFD').replace(/\p{M}+/gu, '');
    out += base !== '' && [...base].every(isGsmCharacter) ? base : char;
  }
  return out;
}
