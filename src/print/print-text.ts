/**
 * Imported text made safe to lay out on paper. Feeds are untrusted: a control character, a lone
 * surrogate or a bidirectional override in a name must neither break the PDF writer nor reorder
 * the text around it, and a runaway field must not fill a page.
 */

// C0 and C1 controls, DEL, line and paragraph separators, and the bidi embedding, override and
// isolate controls (which could make a line read backwards). Matching controls is the point here.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]+/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** One printable line: controls become spaces, runs of spaces collapse, and long text is clipped. */
export function printable(text: string | undefined, maxLength = 200): string | undefined {
  if (text === undefined) return undefined;
  const clean = text
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(UNPRINTABLE, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (clean === '') return undefined;
  if (clean.length <= maxLength) return clean;
  // Clip on a code point boundary, never between the halves of a surrogate pair.
  const points = Array.from(clean);
  return points.length <= maxLength ? clean : `${points.slice(0, maxLength - 1).join('')}…`;
}
