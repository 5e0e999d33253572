import { parse } from 'csv-parse/sync';
import { PorchlightError } from '../../platform/errors.js';

/** A CSV table as records keyed by its header (trimmed, lower case, spaces as `_`). */
export function csvRecords(text: string, what: string): Record<string, string>[] {
  let table: string[][];
  try {
    table = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true });
  } catch (error) {
    throw new PorchlightError(
      'PL_FEED_NOT_CSV',
      `${what} is not well-formed CSV: ${(error as Error).message}`,
    );
  }
  const [header, ...rows] = table;
  if (header === undefined || header.every((cell) => cell.trim() === '')) {
    throw new PorchlightError('PL_FEED_NOT_CSV', `${what} has no header row.`);
  }
  const keys = header.map((cell) =>
    cell
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_'),
  );
  return rows.map((cells) =>
    Object.fromEntries(keys.map((key, i) => [key, (cells[i] ?? '').trim()])),
  );
}
