/**
 * Undoing history. Reverting an entry is a new change that puts back each field's value from
 * before it; reverting an addition removes the meeting; a removal is undone by restoring the
 * meeting from its last state, with its old id and (when still free) its old slug.
 */
import { PorchlightError } from '../../platform/errors.js';
import type { Meeting } from '../../meetings/model.js';
import type { Repositories } from '../../repositories.js';
import { requireAuthorized } from '../authorize.js';
import { commitChange, type EditingDeps } from '../editing/deps.js';
import { localSourceFor } from '../editing/local-source.js';
import { writeInsert, writeRemoval, writeUpdate } from '../editing/write-meeting.js';
import { meetingTarget } from '../meeting-scope.js';
import type { Actor } from '../../accounts/model.js';
import { applyChanges } from './meeting-fields.js';
import { additions, removals, type HistoryEntry } from './model.js';
import { sourceOf } from './record.js';

async function entryById(repos: Repositories, id: string): Promise<HistoryEntry> {
  const entry = await repos.history.byId(id);
  if (entry === undefined) throw new PorchlightError('PL_HISTORY_NOT_FOUND');
  return entry;
}

/** The meeting an entry is about as it is now, or as it last was when it is gone. */
async function subjectOf(repos: Repositories, entry: HistoryEntry): Promise<Meeting | undefined> {
  return (await repos.meetings.byIds([entry.meetingId]))[0];
}

/**
 * Reverts one entry (authorised as `history.revert` on the meeting). Returns the entry that
 * records the revert. A removal is not reverted but restored (`restoreMeeting`).
 */
export async function revertChange(
  deps: EditingDeps,
  actor: Actor | undefined,
  entryId: string,
): Promise<HistoryEntry> {
  const entry = await entryById(deps.repos, entryId);
  if (removals.includes(entry.action)) throw new PorchlightError('PL_NOT_REVERTIBLE');
  const current = await subjectOf(deps.repos, entry);
  if (current === undefined) throw new PorchlightError('PL_NOT_REVERTIBLE');
  requireAuthorized(actor, 'history.revert', await meetingTarget(deps.repos, current));
  const at = deps.clock.now().toISOString();
  const author = { personId: actor.personId };
  return commitChange(deps, async (repos) => {
    const meeting = await subjectOf(repos, entry);
    if (meeting === undefined) throw new PorchlightError('PL_NOT_REVERTIBLE');
    if (additions.includes(entry.action)) {
      const removal = await writeRemoval(repos, meeting, {
        action: 'revert',
        author,
        at,
        undoes: entry.id,
      });
      return { result: removal, touched: { upserted: [], removed: [meeting.id] } };
    }
    const restored = applyChanges(meeting, entry.changes, 'before');
    const written = await writeUpdate(repos, meeting, restored, {
      action: 'revert',
      author,
      at,
      undoes: entry.id,
    });
    if (written === undefined) throw new PorchlightError('PL_NOTHING_CHANGED');
    return { result: written, touched: { upserted: [meeting.id], removed: [] } };
  });
}

/**
 * Brings back a removed meeting from its last state, with its old id. One its source dropped
 * comes back into the local source of the same service body, since the next refresh of the
 * source would drop it again.
 */
export async function restoreMeeting(
  deps: EditingDeps,
  actor: Actor | undefined,
  entryId: string,
): Promise<Meeting> {
  const entry = await entryById(deps.repos, entryId);
  const last = entry.snapshot;
  if (!removals.includes(entry.action) && !(entry.action === 'revert' && last !== undefined))
    throw new PorchlightError('PL_NOT_REVERTIBLE');
  if (last === undefined) throw new PorchlightError('PL_NOT_REVERTIBLE');
  requireAuthorized(actor, 'history.revert', await meetingTarget(deps.repos, last));
  if ((await subjectOf(deps.repos, entry)) !== undefined)
    throw new PorchlightError('PL_MEETING_EXISTS');
  const at = deps.clock.now().toISOString();
  return commitChange(deps, async (repos) => {
    if ((await subjectOf(repos, entry)) !== undefined)
      throw new PorchlightError('PL_MEETING_EXISTS');
    let meeting: Meeting = structuredClone(last);
    if (entry.action === 'import.remove') {
      const body = await repos.serviceBodies.bodyOfSource(last.provenance.sourceId);
      const local = await localSourceFor(repos, body, at);
      meeting = {
        ...meeting,
        provenance: { ...meeting.provenance, sourceId: local.id, sourceSlug: meeting.slug },
      };
    } else if ((await sourceOf(repos, last.provenance.sourceId)) === undefined) {
      throw new PorchlightError(
        'PL_SOURCE_NOT_FOUND',
        'The meeting’s source was removed; restoring the source brings the meeting back.',
      );
    }
    await repos.history.removeTombstone(meeting.id);
    const { meeting: stored } = await writeInsert(repos, meeting, {
      action: 'restore',
      author: { personId: actor.personId },
      at,
      undoes: entry.id,
    });
    return { result: stored, touched: { upserted: [stored.id], removed: [] } };
  });
}
