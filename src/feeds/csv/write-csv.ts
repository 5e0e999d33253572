import { formatAddress } from '../../meetings/address.js';
import type { Meeting } from '../../meetings/model.js';
import { getProgram, resolveTypeCode, type Program } from '../../meetings/programs.js';
import { weekdayNames } from '../../meetings/weekdays.js';
import {
  describePattern,
  writeMeetingGuideRows,
  type WriteOptions,
} from '../meeting-guide/write-row.js';
import { csvColumns, regionSeparator } from './columns.js';
import { guardCell } from './formula-guard.js';

/** The header row of an exported sheet. */
export const csvHeader: readonly string[] = csvColumns.map(([header]) => header);

/**
 * One meeting as sheet rows, one per weekday (the sheet's unit), all with the meeting's slug so
 * they read back as one meeting. Types are written by name where the name leads back to the same
 * code (the template's way: "Open, Wheelchair Access"), else by code. Every cell is guarded
 * against formula injection.
 */
export function writeCsvRows(meeting: Meeting, options: WriteOptions): string[][] {
  const program = getProgram(meeting.program);
  const rows = writeMeetingGuideRows(meeting, options);
  // One notes text on every row: a monthly rhythm said on one row only would split the meeting.
  const patterns = meeting.schedule
    .map(describePattern)
    .filter((p): p is string => p !== undefined);
  const notes = [...patterns, meeting.notes].filter(Boolean).join('\n\n');
  return rows.map((mg) => {
    const row: Record<string, unknown> = { ...mg, slug: meeting.slug };
    if (notes === '') delete row.notes;
    else row.notes = notes;
    if (typeof row.day === 'number') row.day = weekdayNames[row.day as 0];
    row.types = typesCell(row.types, program);
    const regions = meeting.place.regions;
    delete row.regions;
    row.region = regions[0];
    row.sub_region = regions.length > 1 ? regions.slice(1).join(regionSeparator) : undefined;
    // Parts alone say it when they join back into the same address; else both are written.
    if (formatAddress(meeting.place.address) === meeting.place.formattedAddress)
      delete row.formatted_address;
    return csvColumns.map(([, field]) => guardCell(cellText(row[field])));
  });
}

function typesCell(value: unknown, program: Program | undefined): string {
  if (!Array.isArray(value)) return '';
  return value
    .map((code: unknown) => {
      const text = String(code);
      const def = program?.types.get(text);
      const name = def?.names.en;
      if (program === undefined || name === undefined || name.includes(',')) return text;
      return resolveTypeCode(program, name) === text ? name : text;
    })
    .join(', ');
}

function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : JSON.stringify(value);
}
