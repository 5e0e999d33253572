/**
 * Problem reports: a reader tells the list's editors that a meeting's listing is wrong. Pure
 * types and validation; a report carries what is wrong and nothing about who said so.
 */

export const problemKinds = ['wrong_time', 'wrong_place', 'wrong_link', 'closed', 'other'] as const;
export type ProblemKind = (typeof problemKinds)[number];

/** The longest message kept, in UTF-16 code units (what a browser's `maxlength` counts). */
export const MAX_REPORT_MESSAGE = 1000;

export interface ProblemReport {
  id: string;
  meetingId: string;
  kind: ProblemKind;
  /** Free text, possibly empty. */
  message: string;
  createdAt: string;
}

export type ReportInput = { kind: ProblemKind; message: string };

export type ReportCheck =
  { ok: true; report: ReportInput } | { ok: false; field: 'kind' | 'message' };

/** True for a known problem kind. */
export function isProblemKind(value: unknown): value is ProblemKind {
  return typeof value === 'string' && (problemKinds as readonly string[]).includes(value);
}

/**
 * Checks a submitted report: a known kind, and a message within the limit once trimmed and
 * stripped of control characters (newlines and tabs are kept; they are how people write).
 */
export function checkReport(kind: unknown, message: unknown): ReportCheck {
  if (!isProblemKind(kind)) return { ok: false, field: 'kind' };
  if (message !== undefined && typeof message !== 'string') return { ok: false, field: 'message' };
  const text = (message ?? '')
    .replace(/\r\n?/g, '\n')
    .replace(/(?![\n\t])\p{Cc}/gu, '')
    .trim();
  if (text.length > MAX_REPORT_MESSAGE) return { ok: false, field: 'message' };
  return { ok: true, report: { kind, message: text } };
}
