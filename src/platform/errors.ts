/**
 * The one catalogue of errors, in the manner of Fastify's `lib/errors.js`: each stable code has
 * its HTTP status, the `message` said when the thrower has nothing to add, and for some a
 * `template` with named parameters (`{slug}`) said when the thrower names them. Clients and
 * translations key on `code`, so codes never change meaning once published; add new ones
 * instead. The pages say these in the reader's language (`src/web/i18n/errors-es.ts`); the JSON
 * API and the command line say them in English.
 */
export const errorCatalogue = {
  PL_INVALID_QUERY: { status: 400, message: 'A query parameter is invalid.' },
  PL_INVALID_BODY: { status: 400, message: 'The request body is invalid.' },
  PL_NOT_FOUND: { status: 404, message: 'Nothing was found at this address.' },
  PL_MEETING_NOT_FOUND: {
    status: 404,
    message: 'No meeting has this slug.',
    template: 'No meeting has the slug "{slug}".',
  },
  PL_SOURCE_NOT_FOUND: {
    status: 404,
    message: 'No source has this name.',
    template: 'No source is called "{name}".',
  },
  PL_SOURCE_EXISTS: {
    status: 409,
    message: 'A source with this name exists; remove it first, or choose another name.',
  },
  PL_INVALID_SOURCE_NAME: { status: 400, message: 'A source name is invalid.' },
  PL_UNKNOWN_PROGRAM: { status: 400, message: 'The program is not known.' },
  PL_UNKNOWN_TYPE: { status: 400, message: 'The meeting type is not known for the program.' },
  PL_UNKNOWN_PLACE: { status: 400, message: 'No place by that name is known.' },
  PL_AMBIGUOUS_PLACE: {
    status: 400,
    message: 'Several places have that name; choose one of the candidates.',
  },
  PL_CONSENT_INCOMPLETE: {
    status: 400,
    message: 'The consent lacks an element 42 CFR 2.31 requires.',
    template: 'The consent lacks {field}, which 42 CFR 2.31 requires.',
  },
  PL_CONSENT_REVOKED: {
    status: 410,
    message: 'The member revoked the consent for this referral; nothing more may be shown.',
  },
  PL_CONSENT_EXPIRED: {
    status: 410,
    message: 'The consent for this referral has expired; nothing more may be shown.',
  },
  PL_REFERRAL_NOT_FOUND: { status: 404, message: 'No referral has this id in this center.' },
  PL_REFERRAL_LINK_INVALID: {
    status: 404,
    message: 'This referral link is not valid: it was altered or it has expired.',
  },
  PL_REFERRAL_STATUS: {
    status: 409,
    message: 'The referral cannot move to that status from the one it has.',
  },
  PL_RIDE_PROGRAM_NOT_FOUND: {
    status: 404,
    message: 'No ride program you coordinate has this address.',
  },
  PL_RIDE_NOT_FOUND: {
    status: 404,
    message: 'This ride link is not valid: it was mistyped, or the ride was removed.',
  },
  PL_RIDE_NOT_OFFERED: {
    status: 404,
    message: 'No ride near you to this meeting: no ride program covers it.',
  },
  PL_RIDE_INVALID: {
    status: 400,
    message: 'The ride request is invalid.',
    template: 'The ride request is invalid: {reason}',
  },
  PL_RIDE_TOO_SOON: {
    status: 400,
    message: 'That meeting is too soon, or too far ahead, to ask a ride for.',
    template: 'Rides are asked for between {minHours} hours and {maxDays} days before the meeting.',
  },
  PL_RIDE_CODE_WRONG: {
    status: 400,
    message: 'The code is not the one sent; check it and try again.',
  },
  PL_RIDE_CODE_EXHAUSTED: {
    status: 409,
    message: 'The code was mistyped too many times; ask for the ride again.',
  },
  PL_RIDE_TAKEN: {
    status: 409,
    message:
      'Another driver accepted this ride first, or it was cancelled. Thank you all the same.',
  },
  PL_RIDE_STATE: {
    status: 409,
    message: 'The ride cannot change that way from the state it is in.',
  },
  PL_DRIVER_VETTING_INCOMPLETE: {
    status: 400,
    message: 'Record the licence check, the insurance check and who did them before approving.',
    template: 'The vetting lacks {field}, which this program requires before approval.',
  },
  PL_RESOURCE_NOT_FOUND: { status: 404, message: 'No service of the directory has this id.' },
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
  PL_FEED_TRUNCATED: { status: 502, message: 'The feed ended before all of it arrived.' },
  PL_FEED_NOT_CSV: { status: 422, message: 'The feed is not a CSV table with a header row.' },
  PL_FEED_FORMAT_UNKNOWN: {
    status: 422,
    message: 'The format of the feed could not be told from its content; name it.',
  },
  PL_FEED_FORMAT_CHANGED: {
    status: 422,
    message: 'The feed no longer has the fields of its format.',
  },
  PL_FEED_NO_VALID_ROWS: {
    status: 422,
    message: 'Every row of the feed has an error; the previous list is kept.',
  },
  PL_IMPORT_STRICT_FAILED: {
    status: 422,
    message: 'The feed has problems and strict mode imports nothing.',
  },
  PL_FEED_NOT_MODIFIED: {
    status: 304,
    message: 'The feed has not changed since it was last read.',
  },
  PL_SNAPSHOT_HELD: {
    status: 409,
    message: 'The new snapshot would remove most of the source; it is held for review.',
  },
  PL_NOTHING_HELD: { status: 409, message: 'The source has no snapshot held for review.' },
  PL_SOURCE_BUSY: {
    status: 409,
    message: 'The source is being refreshed by another process; try again shortly.',
  },
  PL_SOURCE_NOT_REFRESHABLE: {
    status: 409,
    message: 'The source has no file or URL to refresh from.',
  },
  PL_INVALID_INTERVAL: {
    status: 400,
    message: 'The interval is not a duration such as 30m, 4h or 1d.',
  },
  PL_NOT_A_DUPLICATE: { status: 409, message: 'The meeting is not merged with any other.' },
  PL_BMLT_UNKNOWN_SWITCHER: {
    status: 422,
    message: 'The BMLT switcher is missing or not one this server answers.',
  },
  PL_SERVICE_NOT_FOUND: {
    status: 404,
    message: 'No service has this id.',
    template: 'No service has the id "{id}".',
  },
  PL_RATE_LIMITED: { status: 429, message: 'Too many requests; try again shortly.' },
  PL_SIGN_IN_REQUIRED: { status: 401, message: 'Sign in to do this.' },
  PL_FORBIDDEN: { status: 403, message: 'Your roles do not allow this.' },
  PL_CSRF_REJECTED: {
    status: 403,
    message: 'The form was not sent from this site, or it is too old; reload it and try again.',
  },
  PL_INVALID_EMAIL: { status: 400, message: 'The email address is not valid.' },
  PL_SIGN_IN_LINK_INVALID: {
    status: 400,
    message: 'The sign-in link is unknown, already used or expired; ask for a new one.',
  },
  PL_PASSKEY_REJECTED: { status: 400, message: 'The passkey could not be verified.' },
  PL_PASSKEY_NOT_FOUND: { status: 404, message: 'No passkey with this id belongs to you.' },
  PL_PASSKEY_ORIGIN: {
    status: 503,
    message:
      'Passkeys cannot work at this site’s address: a passkey needs a domain name (not an IP address) and https (plain http only on localhost). Set PUBLIC_URL accordingly.',
  },
  PL_SESSION_NOT_FOUND: { status: 404, message: 'No session with this id belongs to you.' },
  PL_SERVICE_BODY_NOT_FOUND: { status: 404, message: 'No service body has this id.' },
  PL_SERVICE_BODY_NOT_EMPTY: {
    status: 409,
    message: 'The service body has service bodies or sources under it; move or remove them first.',
  },
  PL_SERVICE_BODY_CYCLE: {
    status: 400,
    message: 'A service body cannot sit under itself or under one of its own members.',
  },
  PL_INVALID_SERVICE_BODY: { status: 400, message: 'The service body is invalid.' },
  PL_INVALID_GRANT: { status: 400, message: 'The role grant is invalid.' },
  PL_GRANT_NOT_FOUND: { status: 404, message: 'No role grant has this id.' },
  PL_INVALID_MEETING: {
    status: 400,
    message: 'Some fields of the meeting are not valid; each is named with its problem.',
  },
  PL_NOTHING_CHANGED: { status: 400, message: 'The form changes nothing about the meeting.' },
  PL_FORM_TOO_FAST: {
    status: 400,
    message: 'The form was sent too quickly after it was opened; wait a moment and send it again.',
  },
  PL_FORM_EXPIRED: {
    status: 400,
    message: 'The form is too old or was altered; reload it and try again.',
  },
  PL_FORM_ALREADY_SENT: {
    status: 409,
    message: 'This form was already sent; open the page again to send another.',
  },
  PL_CHANGE_REQUEST_NOT_FOUND: { status: 404, message: 'No change request has this id.' },
  PL_CHANGE_REQUEST_CLOSED: {
    status: 409,
    message: 'The change request has already been approved or rejected.',
  },
  PL_HISTORY_NOT_FOUND: { status: 404, message: 'No history entry has this id.' },
  PL_NOT_REVERTIBLE: {
    status: 409,
    message: 'This change cannot be undone as it is; restore the meeting or edit it instead.',
  },
  PL_MEETING_EXISTS: {
    status: 409,
    message: 'The meeting already exists; there is nothing to restore.',
  },
  PL_NO_CONFLICT: { status: 409, message: 'The field has no conflict with its source to resolve.' },
  PL_API_TOKEN_INVALID: {
    status: 401,
    message: 'The API token is unknown or revoked; create a new one.',
  },
  PL_CENTER_NOT_FOUND: { status: 404, message: 'No center you belong to has this address.' },
  PL_CENTER_EXISTS: { status: 409, message: 'A center with this slug exists; choose another.' },
  PL_INVALID_CENTER: { status: 400, message: 'The center is invalid.' },
  PL_INVALID_STAFF_ROLE: {
    status: 400,
    message: 'The staff role is not one of admin, supervisor, coach or volunteer.',
  },
  PL_MEMBER_NOT_FOUND: { status: 404, message: 'No member of this center has this id.' },
  PL_INVALID_MEMBER: { status: 400, message: 'A field of the member is invalid.' },
  PL_INVALID_SHIFT: { status: 400, message: 'A field of the shift is invalid.' },
  PL_SHIFT_FULL: { status: 409, message: 'This shift has all the people it needs.' },
  PL_INVALID_EVENT: { status: 400, message: 'A field of the calendar event is invalid.' },
  PL_INVALID_CENTER_PLACE: { status: 400, message: 'A field of the center’s address is invalid.' },
  PL_INVALID_GOAL: { status: 400, message: 'A field of the recovery plan goal is invalid.' },
  PL_INVALID_ENCOUNTER: { status: 400, message: 'A field of the encounter is invalid.' },
  PL_UNKNOWN_INSTRUMENT: {
    status: 400,
    message: 'The assessment instrument is not known; use barc-10.',
  },
  PL_INVALID_ANSWERS: {
    status: 400,
    message: 'The answers do not fit the instrument (BARC-10: ten whole numbers from 1 to 6).',
  },
  PL_DATE_IN_FUTURE: { status: 400, message: 'The date is in the future.' },
  PL_BODY_TOO_LARGE: {
    status: 413,
    message: 'The request body is larger than this address takes.',
  },
  PL_MALFORMED_REQUEST: { status: 400, message: 'The request could not be read as HTTP.' },
  PL_HEADERS_TOO_LARGE: {
    status: 431,
    message: 'The request headers are larger than this server takes.',
  },
  PL_REQUEST_TIMEOUT: { status: 408, message: 'The request took too long to arrive.' },
  PL_DELIVERY_CHANNEL_OFF: {
    status: 503,
    message: 'This server has no sender for the channel (no text provider or push keys set up).',
  },
  PL_DELIVERY_INVALID: {
    status: 400,
    message: 'The message cannot be sent as it is (a recipient or content the channel refuses).',
  },
  PL_SMS_REJECTED: {
    status: 502,
    message:
      'The text provider refused the message for good (a number it cannot reach, a recipient who opted out, a body it does not take).',
  },
  PL_SMS_UNAVAILABLE: {
    status: 503,
    message: 'The text provider could not be reached, timed out or asked to try later.',
  },
  PL_SMS_AUTH_FAILED: {
    status: 502,
    message: 'The text provider refused the configured credentials.',
  },
  PL_TEXTLINE_OFF: {
    status: 404,
    message:
      'This line is not set up: the operator has not configured TWILIO_AUTH_TOKEN (or TEXTLINE_WEBHOOK_SECRET).',
  },
  PL_TEXTLINE_SIGNATURE: {
    status: 403,
    message: 'The X-Twilio-Signature does not match this request: it did not come from Twilio.',
  },
  PL_TEXTLINE_SECRET_MISSING: {
    status: 401,
    message: 'The X-Porchlight-Secret header is missing.',
  },
  PL_TEXTLINE_SECRET_WRONG: {
    status: 403,
    message: 'The X-Porchlight-Secret header is not the shared secret.',
  },
  PL_PUSH_GONE: {
    status: 410,
    message: 'The push subscription has expired or was withdrawn; it is forgotten.',
  },
  PL_PUSH_REJECTED: {
    status: 502,
    message: 'The push service refused the notification for good.',
  },
  PL_PUSH_UNAVAILABLE: {
    status: 503,
    message: 'The push service could not be reached, timed out or asked to try later.',
  },
  PL_PUSH_AUTH_FAILED: {
    status: 502,
    message: 'The push service refused this server’s VAPID keys.',
  },
  PL_MAIL_REJECTED: {
    status: 502,
    message: 'The mail server refused the message for good; sending it again will not help.',
  },
  PL_MAIL_UNAVAILABLE: {
    status: 503,
    message: 'The mail server could not be reached, timed out or asked to try later.',
  },
  PL_MAIL_AUTH_FAILED: {
    status: 502,
    message: 'The mail server refused the credentials in SMTP_URL.',
  },
  PL_MAIL_TLS_FAILED: {
    status: 502,
    message: 'The mail server offered no working STARTTLS; mail is not sent in the clear.',
  },
  PL_BACKUP_INVALID: { status: 400, message: 'The file is not a whole Porchlight backup.' },
  PL_BACKUP_NEWER: {
    status: 409,
    message: 'The backup was made by a newer Porchlight than this one; upgrade first.',
  },
  PL_RESTORE_NOT_EMPTY: {
    status: 409,
    message: 'The database to restore into already holds tables; restore into an empty one.',
  },
  PL_SPACE_TOKEN_WRONG: {
    status: 403,
    message: 'This sync account exists and the token does not match it.',
  },
  PL_SPACE_TOKEN_MISSING: {
    status: 401,
    message: 'Sync needs the account token in an Authorization: Bearer header.',
  },
  PL_SPACE_VERSION_CONFLICT: {
    status: 409,
    message: 'The blob changed since this device read it; read it again, merge and retry.',
  },
  PL_SPACE_CALENDAR_NOT_FOUND: {
    status: 404,
    message: 'This calendar address is not known: its reminders were stopped, or it never existed.',
  },
  PL_SUPPORTER_NOT_FOUND: {
    status: 404,
    message:
      'This supporter link is not known: it expired, it was already used, or the supporter stopped.',
  },
  PL_SUPPORTER_NOT_ACTIVE: {
    status: 409,
    message: 'The supporter has not accepted the invitation yet.',
  },
  PL_SUPPORTER_ALERT_LIMIT: {
    status: 429,
    message:
      'This supporter was sent the most messages allowed for now; try again within the hour.',
  },
  PL_SUPPORTER_CODE_WRONG: {
    status: 400,
    message: 'The code is not the one sent; check it and try again.',
  },
  PL_SUPPORTER_CODE_EXHAUSTED: {
    status: 409,
    message: 'Too many codes were asked for or mistyped; ask for a new invitation link.',
  },
  PL_NOT_READY: { status: 503, message: 'The server is starting and not ready yet.' },
  PL_STORAGE_FULL: {
    status: 507,
    message:
      "The server's storage is full: nothing was saved. Reading still works; try again once the operator has made room.",
  },
  PL_INTERNAL: { status: 500, message: 'Something went wrong on our side.' },
} as const satisfies Record<string, ErrorEntry>;

/** One entry of the catalogue. */
export interface ErrorEntry {
  status: number;
  /** What is said when the thrower has nothing to add. */
  message: string;
  /** What is said with the thrower's named parameters: `{name}` is the parameter `name`. */
  template?: string;
}

export type ErrorCode = keyof typeof errorCatalogue;

/** The codes whose entry has a template, and so take named parameters. */
export type TemplatedErrorCode = {
  [C in ErrorCode]: (typeof errorCatalogue)[C] extends { template: string } ? C : never;
}[ErrorCode];

/** The named parameters of a template. */
export type ErrorParams = Readonly<Record<string, string | number>>;

/**
 * Fills a template's `{name}` placeholders with the named parameters; a placeholder without its
 * parameter stays as written, so a forgotten parameter shows rather than vanishes.
 */
export function fillTemplate(template: string, params: ErrorParams): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : placeholder,
  );
}

/**
 * An expected failure with a stable code; anything else that is thrown is a bug. Its message is
 * the catalogue's, its template filled with `params`, or an English account only the thrower can
 * give (what a feed server answered); a page in another language says the catalogue's words.
 */
export class PorchlightError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;
  /** The named parameters of the code's template, when the thrower gave them. */
  readonly params: ErrorParams | undefined;

  constructor(code: TemplatedErrorCode, params: ErrorParams, details?: Record<string, unknown>);
  constructor(code: ErrorCode, message?: string, details?: Record<string, unknown>);
  constructor(
    code: ErrorCode,
    messageOrParams?: string | ErrorParams,
    details?: Record<string, unknown>,
  ) {
    const entry: ErrorEntry = errorCatalogue[code];
    const params = typeof messageOrParams === 'object' ? messageOrParams : undefined;
    super(
      typeof messageOrParams === 'object'
        ? fillTemplate(entry.template ?? entry.message, messageOrParams)
        : (messageOrParams ?? entry.message),
    );
    this.name = 'PorchlightError';
    this.code = code;
    this.status = entry.status;
    this.details = details;
    this.params = params;
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
  PL_ROW_TOO_DEEP: {
    severity: 'error',
    message: 'The row nests lists or objects more than 16 levels deep; it was not read.',
  },
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
  PL_INVALID_WEEKDAY: {
    severity: 'error',
    message: 'The weekday is not a weekday (1-7, Sunday = 1).',
  },
  PL_INVALID_VENUE_TYPE: {
    severity: 'warning',
    message: 'The venue type is not 1, 2 or 3; it was read from the other fields.',
  },
  PL_UNKNOWN_FORMAT: {
    severity: 'warning',
    message: "The format has no match in the program's vocabulary; it was kept as source data.",
  },
  PL_FEED_ENCODING: {
    severity: 'warning',
    message: 'The feed is not valid UTF-8; it was read as Windows-1252 (Latin-1).',
  },
  PL_PLACED_APPROXIMATELY: {
    severity: 'warning',
    message:
      'Meetings with an address but no coordinates were placed at the centre of their ZIP code or town: a search near a place finds them, a map does not pin them.',
  },
  PL_NOT_PLACED: {
    severity: 'warning',
    message:
      'Meetings with an address but no coordinates could not be placed: a search near a place does not find them.',
  },
  PL_GEOCODER_FAILED: {
    severity: 'warning',
    message:
      'The address geocoder could not be asked; the meetings it would have placed were placed offline.',
  },
  PL_MISSING_FIELD: {
    severity: 'error',
    message: 'A required field is missing or empty; the record was not imported.',
  },
  PL_DUPLICATE_ID: {
    severity: 'error',
    message: 'Another record of the same kind earlier in the feed has this id.',
  },
  PL_UNKNOWN_REFERENCE: {
    severity: 'error',
    message: 'The record links to a record the feed does not have; the link was not imported.',
  },
  PL_INVALID_SCHEDULE: {
    severity: 'warning',
    message: 'The opening hours are impossible and were dropped.',
  },
  PL_UNKNOWN_TERM: {
    severity: 'warning',
    message:
      'The taxonomy term is neither an Open Eligibility need nor a recovery attribute; it was dropped.',
  },
  PL_EXTRA_CELLS: {
    severity: 'warning',
    message: 'The row has more cells than the header has columns; the extra cells were dropped.',
  },
} as const satisfies Record<string, { severity: 'error' | 'warning'; message: string }>;

export type FeedProblemCode = keyof typeof feedProblemCatalogue;
export type ProblemSeverity = 'error' | 'warning';

/** One located problem in a feed: which row, which field, why, and a stable code. */
export interface FeedProblem {
  /** Zero-based position of the row in the feed; -1 for a problem of the feed as a whole. */
  index: number;
  /** The row number as a spreadsheet counts it (CSV: the header is row 1). */
  row?: number;
  slug?: string;
  field?: string;
  code: FeedProblemCode;
  severity: ProblemSeverity;
  message: string;
}
