/**
 * Meetings nobody has confirmed for a while, per scope: what an editor should check next, and
 * what the reminder mail lists.
 */
import type { Meeting } from '../../meetings/model.js';
import type { Repositories } from '../../repositories.js';
import { authorize } from '../authorize.js';
import { groupKeyOf } from '../meeting-scope.js';
import type { Actor } from '../../accounts/model.js';
import { pathOf } from '../tree.js';

/** Days after which a meeting counts as not verified, unless a page or command asks otherwise. */
export const defaultStaleDays = 180;
/** The range a person may ask for. */
export const staleDaysRange = { min: 1, max: 3650 } as const;

/** A meeting with the service-body path its source sits under. */
export interface ScopedMeeting {
  meeting: Meeting;
  path: string[];
}

/** When a meeting was last confirmed by a person, else when it entered the list. */
export function lastConfirmed(meeting: Meeting): string {
  return meeting.provenance.lastVerifiedAt ?? meeting.createdAt;
}

/** The instant before which a confirmation is stale. */
export function staleBefore(now: Date, days: number): string {
  return new Date(now.getTime() - days * 24 * 3600_000).toISOString();
}

/** Every meeting not confirmed since `before`, oldest confirmation first, with its scope path. */
export async function staleMeetings(repos: Repositories, before: string): Promise<ScopedMeeting[]> {
  const bodies = new Map((await repos.serviceBodies.all()).map((b) => [b.id, b]));
  const paths = new Map<string, string[]>();
  for (const source of await repos.sources.list()) {
    const bodyId = await repos.serviceBodies.bodyOfSource(source.id);
    paths.set(source.id, bodyId === undefined ? [] : (pathOf(bodies, bodyId) ?? []));
  }
  const out: ScopedMeeting[] = [];
  // Paged by id, so a large list is never held twice.
  let after: string | undefined;
  for (;;) {
    const page = await repos.meetings.pageById(500, after);
    if (page.length === 0) break;
    after = page.at(-1)!.id;
    for (const meeting of page) {
      if (lastConfirmed(meeting) >= before) continue;
      out.push({ meeting, path: paths.get(meeting.provenance.sourceId) ?? [] });
    }
  }
  return out.sort((a, b) => lastConfirmed(a.meeting).localeCompare(lastConfirmed(b.meeting)));
}

/** The stale meetings an actor may verify. */
export async function staleMeetingsFor(
  repos: Repositories,
  actor: Actor | undefined,
  before: string,
): Promise<ScopedMeeting[]> {
  const all = await staleMeetings(repos, before);
  return all.filter(({ meeting, path }) => {
    const groupKey = groupKeyOf(meeting);
    return authorize(actor, 'meeting.verify', {
      kind: 'meeting',
      path,
      ...(groupKey !== undefined ? { groupKey } : {}),
    });
  });
}
