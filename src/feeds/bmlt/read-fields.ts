/**
 * A BMLT field as text. Servers send numbers as strings (and some as numbers), and older ones
 * prefix a field's value with its prompt, joined by `#@-@#` ("Format#@-@#O,D"): the value is the
 * last part.
 */
export function bmltText(value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return '';
  const marker = value.lastIndexOf('#@-@#');
  return (marker === -1 ? value : value.slice(marker + 5)).trim();
}

/** A comma-separated BMLT list ("O,D,WC"; "3,17") as its non-empty items. */
export function bmltList(value: unknown): string[] {
  const text = bmltText(value);
  if (text === '') return [];
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Minutes of a BMLT `HH:MM[:SS]` value, or undefined when it is not one. */
export function bmltMinutes(value: unknown): number | undefined {
  const match = /^(\d{1,2}):([0-5]\d)(?::[0-5]\d)?$/.exec(bmltText(value));
  if (match === null) return undefined;
  return Number(match[1]) * 60 + Number(match[2]);
}
