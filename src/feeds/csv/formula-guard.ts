/**
 * Spreadsheet formula injection: a cell that starts with `=`, `+`, `-` or `@` (or a tab or a
 * carriage return, which some spreadsheets skip before reading one) is run as a formula when the
 * file is opened. Such cells get a leading apostrophe, which spreadsheets read as "text".
 * Cells already starting with apostrophes before such a character get one more, so reading strips
 * exactly one and every value comes back as it was. Plain numbers ("-72.6") are never formulas.
 */
const risky = /^'*[=+\-@\t\r]/;
const plainNumber = /^-?\d+(\.\d+)?$/;

/** A cell value made safe to open in a spreadsheet. */
export function guardCell(value: string): string {
  return risky.test(value) && !plainNumber.test(value) ? `'${value}` : value;
}

/** The value a guarded cell stood for. */
export function unguardCell(value: string): string {
  return value.startsWith("'") && risky.test(value) && !plainNumber.test(value.slice(1))
    ? value.slice(1)
    : value;
}
