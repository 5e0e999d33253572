/**
 * Editing a meeting: a person changes fields through the form; the change is written with its
 * history (and, for an imported meeting, as overrides that outlive refreshes) in one transaction.
 */
import type { Meeting } from '../../meetings/model.js';
import { PorchlightError } from '../../platform/errors.js';
import type { Repositories } from '../../repositories.js';
import { requireAuthorized, type Action } from '../authorize.js';
import { meetingTarget } from '../meeting-scope.js';
import type { Actor } from '../../accounts/model.js';
import { applyChanges, diffMeetings } from '../history/meeting-fields.js';
import type { HistoryEntry } from '../history/model.js';
import { commitChange, type EditingDeps } from './deps.js';
import { requireMeetingEdit, type FormInput } from './meeting-form.js';
import { writeUpdate } from './write-meeting.js';

/** A meeting by our slug, or PL_MEETING_NOT_FOUND. */
export async function findMeeting(repos: Repositories, slug: string): Promise<Meeting> {
  const meeting = await repos.meetings.findBySlug(slug);
  if (meeting === undefined) throw new PorchlightError('PL_MEETING_NOT_FOUND', { slug });
  return meeting;
}

/** Loads a meeting the actor may act on, or refuses. */
export async function meetingFor(
  repos: Repositories,
  actor: Actor | undefined,
  action: Action,
  slug: string,
): Promise<{ meeting: Meeting; actor: Actor }> {
  const meeting = await findMeeting(repos, slug);
  requireAuthorized(actor, action, await meetingTarget(repos, meeting));
  return { meeting, actor };
}

/** The meeting as the form would leave it, without saving (the preview). */
export async function previewEdit(
  deps: EditingDeps,
  actor: Actor | undefined,
  slug: string,
  form: FormInput,
): Promise<Meeting> {
  const { meeting } = await meetingFor(deps.repos, actor, 'meeting.update', slug);
  return requireMeetingEdit(form, meeting);
}

/**
 * Saves the form over a meeting. The new version must be within the actor's scope too, so a
 * group contact cannot move a meeting out of their own group. PL_NOTHING_CHANGED when no field
 * changes.
 */
export async function editMeeting(
  deps: EditingDeps,
  actor: Actor | undefined,
  slug: string,
  form: FormInput,
): Promise<{ meeting: Meeting; entry: HistoryEntry }> {
  const found = await meetingFor(deps.repos, actor, 'meeting.update', slug);
  const after = requireMeetingEdit(form, found.meeting);
  requireAuthorized(found.actor, 'meeting.update', await meetingTarget(deps.repos, after));
  const at = deps.clock.now().toISOString();
  return commitChange(deps, async (repos) => {
    // Read again inside the transaction, and only the fields this form changes are written, so a
    // save does not undo what a refresh or another person wrote to other fields meanwhile.
    const before = await findMeeting(repos, slug);
    const mine = applyChanges(before, diffMeetings(found.meeting, after));
    const entry = await writeUpdate(repos, before, mine, {
      action: 'edit',
      author: { personId: found.actor.personId },
      at,
    });
    if (entry === undefined) throw new PorchlightError('PL_NOTHING_CHANGED');
    return {
      result: { meeting: await findMeeting(repos, slug), entry },
      touched: { upserted: [before.id], removed: [] },
    };
  });
}
