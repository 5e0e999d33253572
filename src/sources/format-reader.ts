import type { SourceFormat } from './model.js';

/** The format a file or URL most likely has, from its address and the start of its text. */
export function detectFormat(location: string, text: string | undefined): SourceFormat | undefined {
  if (/\/client_interface\/|\/main_server\/?(\?|$)/i.test(location)) return 'bmlt';
  // A CSV file, or a published Google Sheet (`.../pub?output=csv`).
  if (/\.csv(\?|$)|[?&](output|format)=csv\b/i.test(location)) return 'csv';
  if (text === undefined) return undefined;
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('[') || start.startsWith('{')) {
    // A saved BMLT answer is a JSON array too; its field names give it away.
    const head = start.slice(0, 4000);
    if (/"id_bigint"\s*:/.test(head) && /"weekday_tinyint"\s*:/.test(head)) return 'bmlt';
    return start.startsWith('[') ? 'meeting-guide' : undefined;
  }
  const header = start.split(/\r?\n/, 1)[0] ?? '';
  const cells = header.split(',').map((c) => c.replace(/^"|"$/g, '').trim().toLowerCase());
  // The columns every 12 Step Meeting List sheet has; two of them make it a meeting list.
  const known = ['name', 'day', 'time', 'address', 'location', 'types', 'slug'];
  if (cells.filter((c) => known.includes(c)).length >= 2) return 'csv';
  return undefined;
}
