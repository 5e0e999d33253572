/** Deleting a meeting: its last state stays in the history, from where it can be restored. */
import type { Actor } from '../../accounts/model.js';
import type { HistoryEntry } from '../history/model.js';
import { commitChange, type EditingDeps } from './deps.js';
import { findMeeting, meetingFor } from './edit-meeting.js';
import { writeRemoval } from './write-meeting.js';

/** Deletes a meeting (an imported one stays deleted across refreshes of its source). */
export async function deleteMeeting(
  deps: EditingDeps,
  actor: Actor | undefined,
  slug: string,
): Promise<HistoryEntry> {
  const found = await meetingFor(deps.repos, actor, 'meeting.delete', slug);
  const at = deps.clock.now().toISOString();
  return commitChange(deps, async (repos) => {
    const meeting = await findMeeting(repos, slug);
    const entry = await writeRemoval(repos, meeting, {
      action: 'delete',
      author: { personId: found.actor.personId },
      at,
    });
    return { result: entry, touched: { upserted: [], removed: [meeting.id] } };
  });
}
