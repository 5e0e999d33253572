// Letters that Unicode decomposition leaves whole but that people type without their stroke.
const FOLDED_LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
};

// Abbreviations that town names are written with both ways ("St. Louis" in GeoNames' towns,
// "Saint Louis" in its ZIP codes). Only name words are expanded: "MT" as a region is Montana.
const NAME_ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ['st', 'saint'],
  ['ste', 'sainte'],
  ['ft', 'fort'],
  ['mt', 'mount'],
]);

/**
 * Splits text into lower-case words without accents or punctuation: "Coeur d'Alene" and
 * "coeur dalene" give the same words, "Québec" and "quebec" too; periods and apostrophes join
 * ("N.H." is "nh"), any other non-letter separates.
 */
export function foldWords(text: string): string[] {
  const lower = /^[\x20-\x7e]*$/.test(text)
    ? text.toLowerCase()
    : text
        .normalize('NFKD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase()
        .replace(/[ßæœøłđðþıħ]/g, (c) => FOLDED_LETTERS[c] ?? c);
  const folded = lower.replace(/['’‘`ʼ.]/g, '');
  return folded.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
}

/** The key a town name is indexed and looked up by: folded words, abbreviations expanded. */
export function nameKey(words: readonly string[]): string {
  return words.map((w) => NAME_ABBREVIATIONS.get(w) ?? w).join(' ');
}

/** The key a region or country qualifier is looked up by: folded words, nothing expanded. */
export function qualifierKey(words: readonly string[]): string {
  return words.join(' ');
}

const PLAIN_NAME = /^[A-Za-z]+(?: [A-Za-z]+)*$/;
const ABBREVIATED_NAME = /\b(?:st|ste|ft|mt)\b/i;

/** nameKey(foldWords(text)), with a fast path for the plain ASCII names most towns have. */
export function nameKeyOf(text: string): string {
  if (PLAIN_NAME.test(text) && !ABBREVIATED_NAME.test(text)) return text.toLowerCase();
  return nameKey(foldWords(text));
}
