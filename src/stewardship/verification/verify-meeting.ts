/** "Still accurate": an editor confirms a meeting in one click; the confirmation is history too. */
import type { Meeting } from '../../meetings/model.js';
import type { Actor } from '../../accounts/model.js';
import { commitChange, type EditingDeps } from '../editing/deps.js';
import { findMeeting, meetingFor } from '../editing/edit-meeting.js';
import { writeUpdate } from '../editing/write-meeting.js';

/** Sets the meeting's last-verified time to now (authorised as `meeting.verify`). */
export async function verifyMeeting(
  deps: EditingDeps,
  actor: Actor | undefined,
  slug: string,
): Promise<Meeting> {
  const found = await meetingFor(deps.repos, actor, 'meeting.verify', slug);
  const at = deps.clock.now().toISOString();
  return commitChange(deps, async (repos) => {
    const before = await findMeeting(repos, slug);
    const after = { ...before, provenance: { ...before.provenance, lastVerifiedAt: at } };
    await writeUpdate(repos, before, after, {
      action: 'verify',
      author: { personId: found.actor.personId },
      at,
    });
    return { result: after, touched: { upserted: [before.id], removed: [] } };
  });
}
