/**
 * Public change requests: anyone may suggest a correction to a meeting or a new meeting, with no
 * account. The suggestion is read with the same rules as the edit form, stored as a per-field
 * diff, and the editors of its scope are told by mail. The only personal data is the optional
 * address for the outcome, which is deleted when the request is closed.
 */
import { randomUUID } from 'node:crypto';
import { problem } from '../../feeds/meeting-guide/read-row.js';
import type { Meeting, MeetingDraft } from '../../meetings/model.js';
import type { Mailer } from '../../platform/mail/mailer.js';
import { PorchlightError, type FeedProblem } from '../../platform/errors.js';
import type { Locale } from '../../web/i18n/locales.js';
import { translator } from '../../web/i18n/translator.js';
import { meetingTarget } from '../meeting-scope.js';
import { isEmail, normalizeEmail } from '../../accounts/model.js';
import type { EditingDeps } from '../editing/deps.js';
import { blankDraft } from '../editing/create-meeting.js';
import { findMeeting } from '../editing/edit-meeting.js';
import {
  formText,
  readMeetingEdit,
  readMeetingForm,
  type FormInput,
  type FormOptions,
} from '../editing/meeting-form.js';
import { diffMeetings } from '../history/meeting-fields.js';
import {
  checkFormTime,
  FORM_TIME_FIELD,
  type FormTiming,
  type FormTokenUse,
} from './form-timing.js';
import { MAX_NOTE, type ChangeRequest } from './model.js';
import { recipientsFor } from './recipients.js';

export interface ChangeRequestDeps extends EditingDeps {
  mailer: Mailer;
  publicUrl: string;
  /** How fast and how old a public form may come back (tests shorten it). */
  formTiming?: FormTiming;
  /** Told when a notice could not be sent; the request is kept all the same. */
  onMailError?: (error: unknown) => void;
}

/** The purpose a public form's signed time is bound to. */
export function suggestPurpose(slug: string | undefined): string {
  return slug === undefined ? 'suggest:new' : `suggest:${slug}`;
}

/** Suggests a correction to a meeting; the form is the edit form, pre-filled. */
export async function suggestCorrection(
  deps: ChangeRequestDeps,
  slug: string,
  form: FormInput,
  locale: Locale,
): Promise<ChangeRequest> {
  const token = await checkTiming(deps, form, suggestPurpose(slug));
  const meeting = await findMeeting(deps.repos, slug);
  const { draft, note, email } = readSuggestion(form, meeting, 'correction');
  const changes = diffMeetings(meeting, { ...meeting, ...draft });
  if (changes.length === 0 && note === undefined) throw new PorchlightError('PL_NOTHING_CHANGED');
  const request = await store(deps, token, {
    kind: 'correction',
    meetingId: meeting.id,
    changes,
    locale,
    ...(note !== undefined ? { note } : {}),
    ...(email !== undefined ? { email } : {}),
  });
  await notifyEditors(deps, request, meeting, (await meetingTarget(deps.repos, meeting)).path);
  return request;
}

/** Suggests a new meeting. Administrators hear of it, and place it under a body on approval. */
export async function suggestMeeting(
  deps: ChangeRequestDeps,
  form: FormInput,
  locale: Locale,
): Promise<ChangeRequest> {
  const token = await checkTiming(deps, form, suggestPurpose(undefined));
  const at = deps.clock.now().toISOString();
  const blank = blankDraft(at);
  // A suggested new meeting is an active one; its zone follows from the place it names.
  const { draft, note, email } = readSuggestion({ ...form, status: 'active' }, blank, 'new', {
    zoneField: 'city',
    ...(deps.locatePlace !== undefined ? { locatePlace: deps.locatePlace } : {}),
  });
  const request = await store(deps, token, {
    kind: 'new',
    changes: diffMeetings(blank, draft),
    draft,
    locale,
    ...(note !== undefined ? { note } : {}),
    ...(email !== undefined ? { email } : {}),
  });
  await notifyEditors(deps, request, { name: draft.name }, []);
  return request;
}

async function checkTiming(
  deps: ChangeRequestDeps,
  form: FormInput,
  purpose: string,
): Promise<FormTokenUse> {
  const key = await deps.repos.changeRequests.formSigningKey();
  return checkFormTime(
    key,
    purpose,
    formText(form, FORM_TIME_FIELD),
    deps.clock.now(),
    deps.formTiming,
  );
}

/**
 * Reads the suggestion: the meeting form over `base` (for a correction, only the fields the
 * person changed), the note and the optional address, with every problem of all three reported
 * together (PL_INVALID_MEETING).
 */
function readSuggestion(
  form: FormInput,
  base: MeetingDraft,
  kind: 'correction' | 'new',
  options: FormOptions = {},
): { draft: MeetingDraft; note?: string; email?: string } {
  const reading =
    kind === 'correction' ? readMeetingEdit(form, base) : readMeetingForm(form, base, options);
  const problems: FeedProblem[] = reading.ok ? [] : [...reading.problems];
  const note = formText(form, 'note').replace(/\r\n?/g, '\n');
  if (note.length > MAX_NOTE)
    problems.push(
      problem(
        -1,
        undefined,
        'note',
        'PL_TOO_LONG',
        `${note.length} characters; at most ${MAX_NOTE}`,
      ),
    );
  const typed = formText(form, 'email');
  const email = normalizeEmail(typed);
  if (typed !== '' && !isEmail(email))
    problems.push(problem(-1, undefined, 'email', 'PL_INVALID_FIELD', 'not an email address'));
  if (!reading.ok || problems.length > 0)
    throw new PorchlightError('PL_INVALID_MEETING', undefined, { problems });
  return {
    draft: reading.draft,
    ...(note !== '' ? { note } : {}),
    ...(typed !== '' ? { email } : {}),
  };
}

/**
 * Stores the request and spends the form's token in one transaction: a form sent twice (a
 * replay, or a double click) is refused with PL_FORM_ALREADY_SENT before anyone is mailed.
 */
async function store(
  deps: ChangeRequestDeps,
  token: FormTokenUse,
  fields: Omit<ChangeRequest, 'id' | 'status' | 'createdAt'>,
): Promise<ChangeRequest> {
  const request: ChangeRequest = {
    id: randomUUID(),
    status: 'open',
    createdAt: deps.clock.now().toISOString(),
    ...fields,
  };
  await deps.repos.transaction(async (repos) => {
    if (!(await repos.changeRequests.useFormToken(token, request.createdAt)))
      throw new PorchlightError('PL_FORM_ALREADY_SENT');
    await repos.changeRequests.insert(request);
  });
  return request;
}

/** Tells the editors of the scope (administrators when it has none); never the submitter's address. */
async function notifyEditors(
  deps: ChangeRequestDeps,
  request: ChangeRequest,
  meeting: Pick<Meeting, 'name'>,
  path: readonly string[],
): Promise<void> {
  const t = translator(request.locale);
  const link = `${deps.publicUrl}/${request.locale}/review/${request.id}`;
  try {
    for (const to of await recipientsFor(deps.repos, path)) {
      await deps.mailer.send({
        to,
        subject: t('change.mail.new.subject', { name: meeting.name }),
        text: t('change.mail.new.body', { name: meeting.name, link, site: deps.publicUrl }),
      });
    }
  } catch (error) {
    deps.onMailError?.(error);
  }
}
