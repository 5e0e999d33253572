import type { YieldToLoop } from './loop-yield.js';

/** Text parsed at once below this length, and about the length of each slice above it. */
const defaultSliceChars = 256 * 1024;

/**
 * `JSON.parse`, for a server that must not stop answering while it parses a feed of tens of
 * megabytes: a top-level array is cut at its top-level commas into slices of about
 * `sliceChars` characters, each slice is parsed by `JSON.parse` (as `[` slice `]`), and the event
 * loop gets a turn between slices. Anything else (an object, a short text) is parsed at once.
 *
 * The answer is always `JSON.parse(text)`'s: the cutting only looks for string quotes, brackets
 * and commas, and whenever the text does not cut cleanly (a slice does not parse, a trailing
 * comma, something after the closing bracket) the whole text goes to `JSON.parse`, whose own
 * error is thrown.
 */
export async function parseJsonYielding(
  text: string,
  turn: YieldToLoop,
  sliceChars = defaultSliceChars,
): Promise<unknown> {
  const open = skipSpace(text, 0);
  if (text.length <= sliceChars || text.charCodeAt(open) !== 0x5b) return JSON.parse(text);
  const values: unknown[] = [];
  let start = open + 1;
  let depth = 0;
  let cut = false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      i = closingQuote(text, i);
      if (i === -1) return JSON.parse(text);
    } else if (c === 0x5b || c === 0x7b) depth++;
    else if (c === 0x5d || c === 0x7d) {
      if (depth > 0) {
        depth--;
        continue;
      }
      // The array's own end: the last slice, then nothing but whitespace.
      if (c !== 0x5d || skipSpace(text, i + 1) !== text.length) return JSON.parse(text);
      const last = text.slice(start, i);
      if (skipSpace(last, 0) === last.length) {
        // `[]` is an empty array; `[1,]` is an error JSON.parse names.
        return cut ? JSON.parse(text) : values;
      }
      if (!parseSlice(last, values)) return JSON.parse(text);
      return values;
    } else if (c === 0x2c && depth === 0 && i - start >= sliceChars) {
      if (!parseSlice(text.slice(start, i), values)) return JSON.parse(text);
      start = i + 1;
      cut = true;
      await turn();
    }
  }
  // No closing bracket: not JSON.
  return JSON.parse(text);
}

/** Parses `[slice]` onto `values`; false when the slice is not a list of JSON values. */
function parseSlice(slice: string, values: unknown[]): boolean {
  let parsed: unknown[];
  try {
    parsed = JSON.parse(`[${slice}]`) as unknown[];
  } catch {
    return false;
  }
  if (parsed.length === 0) return false;
  for (const value of parsed) values.push(value);
  return true;
}

/** The index of the quote that closes the string opening at `at`, or -1. */
function closingQuote(text: string, at: number): number {
  let i = at;
  for (;;) {
    i = text.indexOf('"', i + 1);
    if (i === -1) return -1;
    let backslashes = 0;
    while (text.charCodeAt(i - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return i;
  }
}

/** The first index at or after `at` that is not JSON whitespace. */
function skipSpace(text: string, at: number): number {
  let i = at;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
  }
  return i;
}
