/** The text layer of iCalendar (RFC 5545): escaping, line folding, date-time values. */

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/**
 * Escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newlines. Other control
 * characters are dropped: feeds are untrusted, and a stray CR could start a property of its own.
 */
export function escapeText(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/(?!\n)\p{Cc}/gu, '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n');
}

/**
 * Folds a content line into lines of at most 75 octets of UTF-8 (RFC 5545 3.1), each
 * continuation starting with a space, never splitting a character.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    // Continuation lines lose one octet to their leading space.
    const limit = parts.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

/** A UTC DATE-TIME value: `20261101T120000Z`. */
export function utcDateTime(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** A local DATE-TIME value for use with TZID: `20260310T190000`. */
export function localDateTime(
  date: { year: number; month: number; day: number },
  hhmm: string,
): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.year, 4)}${pad(date.month)}${pad(date.day)}T${hhmm.replace(':', '')}00`;
}

/** Joins content lines into a calendar object: folded, CRLF-terminated. */
export function contentLines(lines: readonly string[]): string {
  return lines.map((line) => foldLine(line) + CRLF).join('');
}
