/**
 * Resolving a conflict between an editor's fix and a later change by the source: keep ours (the
 * override now stands against the source's new value) or take theirs (the source's value is
 * written and the override dropped, so later refreshes apply again).
 */
import { PorchlightError } from '../../platform/errors.js';
import type { Repositories } from '../../repositories.js';
import { getField, setField, type MeetingField } from '../history/meeting-fields.js';
import type { Override } from '../history/model.js';
import type { Actor } from '../../accounts/model.js';
import { commitChange, type EditingDeps } from './deps.js';
import { findMeeting, meetingFor } from './edit-meeting.js';
import { writeUpdate } from './write-meeting.js';

export type Resolution = 'mine' | 'theirs';

/** The overrides of a meeting that wait for a decision. */
export async function conflictsOf(repos: Repositories, meetingId: string): Promise<Override[]> {
  return (await repos.history.overridesOf([meetingId])).filter((o) => o.conflict !== undefined);
}

/** Resolves the conflict on one field of a meeting. */
export async function resolveConflict(
  deps: EditingDeps,
  actor: Actor | undefined,
  slug: string,
  field: MeetingField,
  resolution: Resolution,
): Promise<void> {
  const found = await meetingFor(deps.repos, actor, 'meeting.update', slug);
  const at = deps.clock.now().toISOString();
  await commitChange(deps, async (repos) => {
    const meeting = await findMeeting(repos, slug);
    const override = (await conflictsOf(repos, meeting.id)).find((o) => o.field === field);
    if (override?.conflict === undefined) throw new PorchlightError('PL_NO_CONFLICT');
    const theirs = override.conflict.after;
    if (resolution === 'mine') {
      const { conflict: _done, ...rest } = override;
      const { base: _old, ...kept } = rest;
      await repos.history.saveOverride({
        ...kept,
        ...(theirs !== undefined ? { base: theirs } : {}),
        at,
      });
      return { result: undefined, touched: { upserted: [], removed: [] } };
    }
    const after = structuredClone(meeting);
    setField(after, field, theirs);
    // Written as a change like any other (so it can be undone), then the override goes: the
    // meeting follows its source again for this field.
    await writeUpdate(repos, meeting, after, {
      action: 'resolve',
      author: { personId: found.actor.personId },
      at,
    });
    await repos.history.deleteOverride(meeting.id, field);
    const changed = JSON.stringify(getField(meeting, field)) !== JSON.stringify(theirs);
    return { result: undefined, touched: { upserted: changed ? [meeting.id] : [], removed: [] } };
  });
}
