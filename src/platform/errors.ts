/**
 * The one catalogue of errors. Clients and translations key on `code`, so codes never change
 * meaning once published; add new ones instead.
 */
export const errorCatalogue = {
  PL_INVALID_QUERY: { status: 400, message: 'A query parameter is invalid.' },
  PL_INVALID_BODY: { status: 400, message: 'The request body is invalid.' },
  PL_NOT_FOUND: { status: 404, message: 'Nothing was found at this address.' },
  PL_MEETING_NOT_FOUND: { status: 404, message: 'No meeting has this slug.' },
  PL_SOURCE_NOT_FOUND: { status: 404, message: 'No source has this name.' },
  PL_INVALID_SOURCE_NAME: { status: 400, message: 'A source name is invalid.' },
  PL_UNKNOWN_PROGRAM: { status: 400, message: 'The program is not known.' },
  PL_UNKNOWN_TYPE: { status: 400, message: 'The meeting type is not known for the program.' },
  PL_UNKNOWN_PLACE: { status: 400, message: 'No place by that name is known.' },
  PL_FEED_UNREADABLE: { status: 422, message: 'The feed could not be read.' },
  PL_FEED_NOT_JSON: { status: 422, message: 'The feed is not valid JSON.' },
  PL_FEED_NOT_ARRAY: { status: 422, message: 'The feed is not a JSON array of meetings.' },
  PL_FEED_TOO_LARGE: { status: 413, message: 'The feed is larger than the size limit.' },
  PL_FEED_TIMEOUT: { status: 504, message: 'The feed did not arrive within the time limit.' },
  PL_FEED_HTTP_STATUS: { status: 502, message: 'The feed server answered with an error status.' },
  PL_FEED_URL_REJECTED: {
    status: 400,
    message: 'Only https (or local http) feed URLs are fetched.',
  },
  PL_IMPORT_STRICT_FAILED: {
    status: 422,
    message: 'The feed has problems and strict mode imports nothing.',
  },
  PL_BMLT_UNKNOWN_SWITCHER: {
    status: 422,
    message: 'The BMLT switcher is missing or not one this server answers.',
  },
  PL_SERVICE_NOT_FOUND: { status: 404, message: 'No service has this id.' },
  PL_RATE_LIMITED: { status: 429, message: 'Too many requests; try again shortly.' },
  PL_NOT_READY: { status: 503, message: 'The server is starting and not ready yet.' },
  PL_INTERNAL: { status: 500, message: 'Something went wrong on our side.' },
} as const;

export type ErrorCode = keyof typeof errorCatalogue;

/** An expected failure with a stable code; anything else that is thrown is a bug. */
export class PorchlightError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message?: string, details?: Record<string, unknown>) {
    super(message ?? errorCatalogue[code].message);
    this.name = 'PorchlightError';
    this.code = code;
    this.status = errorCatalogue[code].status;
    this.details = details;
  }
}

/** Narrows an unknown thrown value to a PorchlightError. */
export function isPorchlightError(value: unknown): value is PorchlightError {
  return value instanceof PorchlightError;
}

/**
 * Problems found in one row of a feed. A row with an `error` is not imported; a `warning`
 * drops or repairs one field and the row is imported. Codes are stable like the ones above.
 */
export const feedProblemCatalogue = {
  PL_ROW_NOT_OBJECT: { severity: 'error', message: 'The row is not a JSON object.' },
  PL_MISSING_NAME: { severity: 'error', message: 'The meeting has no name.' },
  PL_MISSING_SLUG: { severity: 'error', message: 'The meeting has no slug.' },
  PL_DUPLICATE_SLUG: {
    severity: 'error',
    message: 'Another row earlier in the feed has this slug.',
  },
  PL_INVALID_DAY: { severity: 'error', message: 'The day is not a weekday (0-6, Sunday = 0).' },
  PL_INVALID_TIME: { severity: 'error', message: 'The time is not a time of day.' },
  PL_TOO_LONG: { severity: 'error', message: 'The text is longer than allowed.' },
  PL_TEXT_TRUNCATED: {
    severity: 'warning',
    message: 'The text was longer than allowed and was dropped.',
  },
  PL_INVALID_END_TIME: {
    severity: 'warning',
    message: 'The end time is not a time of day; one hour is assumed.',
  },
  PL_MISSING_TIME: {
    severity: 'warning',
    message: 'A day without a time is read as "by appointment".',
  },
  PL_UNKNOWN_TYPE: {
    severity: 'warning',
    message: "The type is not in the program's vocabulary and was dropped.",
  },
  PL_INVALID_TYPES: { severity: 'warning', message: 'Types must be a list of codes.' },
  PL_INVALID_URL: {
    severity: 'warning',
    message: 'The link is not a valid web address and was dropped.',
  },
  PL_UNSAFE_URL: {
    severity: 'warning',
    message: 'Only http and https links are kept; this one was dropped.',
  },
  PL_INVALID_PHONE: {
    severity: 'warning',
    message: 'The phone number has too few digits and was dropped.',
  },
  PL_INVALID_COORDINATES: {
    severity: 'warning',
    message: 'The coordinates are out of range and were dropped.',
  },
  PL_INVALID_TIMEZONE: {
    severity: 'warning',
    message: 'The time zone is not an IANA zone; it was inferred instead.',
  },
  PL_TIMEZONE_UNKNOWN: {
    severity: 'warning',
    message: 'No time zone could be inferred; UTC is assumed.',
  },
  PL_INVALID_DATE: { severity: 'warning', message: 'The date could not be read and was dropped.' },
  PL_INVALID_FIELD: {
    severity: 'warning',
    message: 'The field has the wrong kind of value and was dropped.',
  },
  PL_SCHEMA_MISMATCH: {
    severity: 'warning',
    message: 'The field does not match the published feed schema.',
  },
} as const satisfies Record<string, { severity: 'error' | 'warning'; message: string }>;

export type FeedProblemCode = keyof typeof feedProblemCatalogue;
export type ProblemSeverity = 'error' | 'warning';

/** One located problem in a feed: which row, which field, why, and a stable code. */
export interface FeedProblem {
  /** Zero-based position of the row in the feed. */
  index: number;
  slug?: string;
  field?: string;
  code: FeedProblemCode;
  severity: ProblemSeverity;
  message: string;
}
