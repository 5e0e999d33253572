/**
 * The words of every error page: one table from a stable code to the title and body of its
 * page, in the reader's language. The status comes from the error mapping (the catalogue's),
 * never from here; a code without an entry takes the words of its status.
 */
import type { ErrorCode } from '../../platform/errors.js';
import type { MessageId } from '../i18n/translator.js';

/** The title and the body of an error page. */
export type ErrorWords = readonly [title: MessageId, body: MessageId];

const invalid = 'account.error.invalid.title';

const wordsByCode: Partial<Record<ErrorCode, ErrorWords>> = {
  PL_NOT_FOUND: ['error.notFound.title', 'error.notFound.body'],
  PL_MEETING_NOT_FOUND: ['error.meetingNotFound.title', 'error.meetingNotFound.body'],
  PL_CSRF_REJECTED: ['account.error.csrf.title', 'account.error.csrf.body'],
  PL_FORBIDDEN: ['account.error.forbidden.title', 'account.error.forbidden.body'],
  PL_SIGN_IN_LINK_INVALID: ['account.error.link.title', 'account.error.link.body'],
  PL_INVALID_EMAIL: [invalid, 'account.signIn.invalidEmail'],
  PL_INVALID_SERVICE_BODY: [invalid, 'account.error.invalid.body'],
  PL_INVALID_GRANT: [invalid, 'account.error.invalid.body'],
  PL_SERVICE_BODY_CYCLE: [invalid, 'account.error.cycle.body'],
  PL_SERVICE_BODY_NOT_EMPTY: [invalid, 'account.error.notEmpty.body'],
  // A form stuffed with megabytes: too large, not malformed.
  PL_BODY_TOO_LARGE: [invalid, 'account.error.tooLarge.body'],
  PL_FORM_TOO_FAST: ['edit.error.tooFast.title', 'edit.error.tooFast.body'],
  PL_FORM_EXPIRED: ['edit.error.expired.title', 'edit.error.expired.body'],
  PL_FORM_ALREADY_SENT: ['change.error.alreadySent.title', 'change.error.alreadySent.body'],
  PL_NOTHING_CHANGED: ['edit.error.nothing.title', 'edit.error.nothing.body'],
  // A full disk is not our bug to apologise for: say that nothing was kept, and that reading works.
  PL_STORAGE_FULL: ['error.storageFull.title', 'error.storageFull.body'],
};

/** True when the code has words of its own; the others take the words of their status. */
export function hasOwnWords(code: ErrorCode): boolean {
  return wordsByCode[code] !== undefined;
}

/** The words of the page for an error's code, else for its status. */
export function errorWords(code: ErrorCode, status: number): ErrorWords {
  const words = wordsByCode[code];
  if (words !== undefined) return words;
  if (status === 404) return ['account.error.notFound.title', 'account.error.notFound.body'];
  if (status === 409) return ['edit.error.conflict.title', 'edit.error.conflict.body'];
  if (status === 429) return ['error.rateLimited.title', 'error.rateLimited.body'];
  if (status >= 500) return ['error.internal.title', 'error.internal.body'];
  return ['error.badRequest.title', 'error.badRequest.body'];
}
