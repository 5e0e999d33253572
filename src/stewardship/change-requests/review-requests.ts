/**
 * The review queue: editors approve a suggestion (as sent, or after editing it), or reject it
 * with a reason. Closing a request mails the outcome to the submitter when they left an address,
 * and deletes that address in the same step.
 */
import { randomUUID } from 'node:crypto';
import type { Meeting } from '../../meetings/model.js';
import { PorchlightError } from '../../platform/errors.js';
import type { Repositories } from '../../repositories.js';
import { translator } from '../../web/i18n/translator.js';
import { authorize, requireAuthorized, type Target } from '../authorize.js';
import { meetingTarget } from '../meeting-scope.js';
import type { Actor } from '../../accounts/model.js';
import { bodyPath, blankDraft, insertDraft } from '../editing/create-meeting.js';
import { commitChange } from '../editing/deps.js';
import { requireMeetingEdit, requireMeetingForm, type FormInput } from '../editing/meeting-form.js';
import { writeUpdate } from '../editing/write-meeting.js';
import { applyChanges } from '../history/meeting-fields.js';
import { MAX_REASON, type ChangeRequest } from './model.js';
import type { ChangeRequestDeps } from './submit-request.js';

/** A request with the meeting it is about, as the queue shows it. */
export interface QueuedRequest {
  request: ChangeRequest;
  /** The meeting as it is now (a correction whose meeting still exists). */
  meeting?: Meeting;
}

/** Where a request sits for the rules: its meeting's scope, or the whole site for a new one. */
async function targetOf(
  repos: Repositories,
  request: ChangeRequest,
  meeting: Meeting | undefined,
): Promise<Target> {
  if (meeting !== undefined) return meetingTarget(repos, meeting);
  return { kind: 'meeting', path: await bodyPath(repos, request.serviceBodyId) };
}

/** True when the actor may see a request: reviewers of its scope; any editor for a new meeting. */
function mayReview(actor: Actor | undefined, request: ChangeRequest, target: Target): boolean {
  if (authorize(actor, 'change_request.review', target)) return true;
  return request.kind === 'new' && (actor?.grants.some((g) => g.role === 'editor') ?? false);
}

/** The open requests the actor may review, oldest first. */
export async function reviewQueue(
  repos: Repositories,
  actor: Actor | undefined,
): Promise<QueuedRequest[]> {
  const open = await repos.changeRequests.open();
  const meetings = new Map(
    (
      await repos.meetings.byIds(
        open.flatMap((r) => (r.meetingId === undefined ? [] : [r.meetingId])),
      )
    ).map((m) => [m.id, m]),
  );
  const out: QueuedRequest[] = [];
  for (const request of open) {
    const meeting = request.meetingId === undefined ? undefined : meetings.get(request.meetingId);
    if (!mayReview(actor, request, await targetOf(repos, request, meeting))) continue;
    out.push({ request, ...(meeting !== undefined ? { meeting } : {}) });
  }
  return out;
}

/** One request for its reviewer, or PL_FORBIDDEN. */
export async function requestForReview(
  repos: Repositories,
  actor: Actor | undefined,
  id: string,
): Promise<QueuedRequest> {
  const request = await repos.changeRequests.byId(id);
  if (request === undefined) throw new PorchlightError('PL_CHANGE_REQUEST_NOT_FOUND');
  const meeting =
    request.meetingId === undefined
      ? undefined
      : (await repos.meetings.byIds([request.meetingId]))[0];
  const target = await targetOf(repos, request, meeting);
  if (actor === undefined) throw new PorchlightError('PL_SIGN_IN_REQUIRED');
  if (!mayReview(actor, request, target)) requireAuthorized(actor, 'change_request.review', target);
  return { request, ...(meeting !== undefined ? { meeting } : {}) };
}

export interface Approval {
  /** The reviewer's edited version (the review form); absent to apply the request as sent. */
  form?: FormInput;
  /** For a new meeting: the body to list it under (absent: the whole site). */
  serviceBodyId?: string;
}

/** Approves a request: applies it (as a history entry of its own) and closes it. */
export async function approveRequest(
  deps: ChangeRequestDeps,
  actor: Actor | undefined,
  id: string,
  approval: Approval = {},
): Promise<Meeting> {
  const { request, meeting } = await requestForReview(deps.repos, actor, id);
  if (request.status !== 'open') throw new PorchlightError('PL_CHANGE_REQUEST_CLOSED');
  if (actor === undefined) throw new PorchlightError('PL_SIGN_IN_REQUIRED');
  const at = deps.clock.now().toISOString();
  const author = { personId: actor.personId };
  // Read (opened) before the close erases it, by the reviewer who may close the request.
  const email = await deps.repos.changeRequests.submitterEmail(request.id);
  let result: Meeting;
  if (request.kind === 'correction') {
    if (meeting === undefined) throw new PorchlightError('PL_MEETING_NOT_FOUND');
    requireAuthorized(actor, 'change_request.review', await meetingTarget(deps.repos, meeting));
    const proposed =
      approval.form !== undefined
        ? requireMeetingEdit(approval.form, meeting)
        : applyChanges(meeting, request.changes);
    requireAuthorized(actor, 'change_request.review', await meetingTarget(deps.repos, proposed));
    result = await commitChange(deps, async (repos) => {
      const current = (await repos.meetings.byIds([meeting.id]))[0];
      if (current === undefined) throw new PorchlightError('PL_MEETING_NOT_FOUND');
      await writeUpdate(repos, current, proposed, { action: 'approve', author, at });
      await closeOpen(repos, request.id, { status: 'approved', at, by: actor.personId });
      return { result: proposed, touched: { upserted: [current.id], removed: [] } };
    });
  } else {
    requireAuthorized(actor, 'change_request.review', {
      kind: 'meeting',
      path: await bodyPath(deps.repos, approval.serviceBodyId),
    });
    const draft =
      approval.form !== undefined
        ? requireMeetingForm(approval.form, blankDraft(at))
        : (request.draft ?? blankDraft(at));
    result = await commitChange(deps, async (repos) => {
      const inserted = await insertDraft(
        repos,
        draft,
        approval.serviceBodyId,
        at,
        'approve',
        author,
        randomUUID(),
      );
      await closeOpen(repos, request.id, { status: 'approved', at, by: actor.personId });
      return inserted;
    });
  }
  await tellSubmitter(deps, request, email, 'approved', result.name);
  return result;
}

/** Rejects a request with a reason, which the submitter is sent when they left an address. */
export async function rejectRequest(
  deps: ChangeRequestDeps,
  actor: Actor | undefined,
  id: string,
  reason: string,
): Promise<void> {
  const { request, meeting } = await requestForReview(deps.repos, actor, id);
  if (request.status !== 'open') throw new PorchlightError('PL_CHANGE_REQUEST_CLOSED');
  if (actor === undefined) throw new PorchlightError('PL_SIGN_IN_REQUIRED');
  const text = reason.replace(/\r\n?/g, '\n').trim();
  if (text === '' || text.length > MAX_REASON)
    throw new PorchlightError(
      'PL_INVALID_BODY',
      `Give a reason of at most ${MAX_REASON} characters.`,
      {
        field: 'reason',
      },
    );
  const email = await deps.repos.changeRequests.submitterEmail(request.id);
  await deps.repos.transaction((repos) =>
    closeOpen(repos, request.id, {
      status: 'rejected',
      reason: text,
      at: deps.clock.now().toISOString(),
      by: actor.personId,
    }),
  );
  await tellSubmitter(
    deps,
    request,
    email,
    'rejected',
    meeting?.name ?? request.draft?.name ?? '',
    text,
  );
}

async function closeOpen(
  repos: Repositories,
  id: string,
  outcome: Parameters<Repositories['changeRequests']['close']>[1],
): Promise<void> {
  if (!(await repos.changeRequests.close(id, outcome)))
    throw new PorchlightError('PL_CHANGE_REQUEST_CLOSED');
}

/**
 * Sends the outcome to the address read before the request was closed; the stored copy is
 * already gone, so a failed send is not retried.
 */
async function tellSubmitter(
  deps: ChangeRequestDeps,
  request: ChangeRequest,
  email: string | undefined,
  outcome: 'approved' | 'rejected',
  name: string,
  reason?: string,
): Promise<void> {
  if (email === undefined) return;
  const t = translator(request.locale);
  try {
    await deps.mailer.send({
      to: email,
      subject: t(
        outcome === 'approved' ? 'change.mail.approved.subject' : 'change.mail.rejected.subject',
      ),
      text:
        outcome === 'approved'
          ? t('change.mail.approved.body', { name, site: deps.publicUrl })
          : t('change.mail.rejected.body', { name, reason: reason ?? '', site: deps.publicUrl }),
    });
  } catch (error) {
    deps.onMailError?.(error);
  }
}
