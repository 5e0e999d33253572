/**
 * Where a meeting sits for the authorisation rules: the service body that publishes its source
 * (and that body's ancestors), and the key of its group. Editing services call this, then
 * `requireAuthorized(actor, 'meeting.update', target)`.
 */
import type { Meeting } from '../meetings/model.js';
import type { Repositories } from '../repositories.js';
import type { Target } from './authorize.js';
import { pathOf } from './tree.js';

/**
 * A group's key: its source and its id in that source, or its name when the source gives no id.
 * Stable across refreshes, since both come from the source.
 */
export function groupKeyOf(meeting: Pick<Meeting, 'group' | 'provenance'>): string | undefined {
  const { group, provenance } = meeting;
  if (group.sourceId !== undefined && group.sourceId !== '')
    return `${provenance.sourceId}:id:${group.sourceId}`;
  const name = group.name?.trim().toLowerCase().replace(/\s+/g, ' ');
  return name === undefined || name === '' ? undefined : `${provenance.sourceId}:name:${name}`;
}

/** The authorisation target of a meeting. */
export async function meetingTarget(
  repos: Repositories,
  meeting: Pick<Meeting, 'group' | 'provenance'>,
): Promise<Extract<Target, { kind: 'meeting' }>> {
  const bodyId = await repos.serviceBodies.bodyOfSource(meeting.provenance.sourceId);
  let path: string[] = [];
  if (bodyId !== undefined) {
    const bodies = new Map((await repos.serviceBodies.all()).map((b) => [b.id, b]));
    path = pathOf(bodies, bodyId) ?? [];
  }
  const groupKey = groupKeyOf(meeting);
  return { kind: 'meeting', path, ...(groupKey !== undefined ? { groupKey } : {}) };
}
