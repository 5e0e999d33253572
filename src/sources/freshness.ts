import type { Meeting } from '../meetings/model.js';
import type { MeetingStanding } from '../meetings/present-meeting.js';
import type { Clock } from '../platform/clock.js';
import type { Repositories } from '../repositories.js';

/** When a person last confirmed a meeting, else when it entered the list (what staleness counts from). */
export function lastConfirmedAt(meeting: Meeting): string {
  return meeting.provenance.lastVerifiedAt ?? meeting.createdAt;
}

/** True when no person has confirmed the meeting within `staleAfterSeconds` of `now`. */
export function isStale(meeting: Meeting, now: Date, staleAfterSeconds: number): boolean {
  return (
    lastConfirmedAt(meeting) < new Date(now.getTime() - staleAfterSeconds * 1000).toISOString()
  );
}

/** A stale meeting as `porchlight sources stale` lists it. */
export interface StaleMeeting {
  slug: string;
  name: string;
  source: string;
  lastConfirmedAt: string;
  /** `verified` when a person confirmed it then; `first_seen` when nobody ever has. */
  basis: 'verified' | 'first_seen';
}

/** Every meeting no person has confirmed within the time, oldest first (optionally one source's). */
export async function listStaleMeetings(
  repos: Repositories,
  now: Date,
  staleAfterSeconds: number,
  options: { source?: string } = {},
): Promise<StaleMeeting[]> {
  const sources = new Map((await repos.sources.list()).map((s) => [s.id, s.name]));
  const stale: StaleMeeting[] = [];
  for (let after: string | undefined; ;) {
    const page = await repos.meetings.pageById(1000, after);
    for (const meeting of page) {
      const source = sources.get(meeting.provenance.sourceId) ?? 'unknown';
      if (options.source !== undefined && source !== options.source) continue;
      if (!isStale(meeting, now, staleAfterSeconds)) continue;
      stale.push({
        slug: meeting.slug,
        name: meeting.name,
        source,
        lastConfirmedAt: lastConfirmedAt(meeting),
        basis: meeting.provenance.lastVerifiedAt === undefined ? 'first_seen' : 'verified',
      });
    }
    if (page.length < 1000) break;
    after = page[page.length - 1]!.id;
  }
  return stale.sort((a, b) => a.lastConfirmedAt.localeCompare(b.lastConfirmedAt));
}

/**
 * What the API adds to a meeting's view from this capability: whether it is stale, the other
 * sources that list it (or the entry it is shown through), and its last link check.
 */
export function standingReader(repos: Repositories, clock: Clock, staleAfterSeconds: number) {
  return async (meetings: readonly Meeting[]): Promise<Map<string, MeetingStanding>> => {
    const now = clock.now();
    const ids = meetings.map((m) => m.id);
    const standings = new Map<string, MeetingStanding>(
      meetings.map((m) => [m.id, { stale: isStale(m, now, staleAfterSeconds) }]),
    );
    if (ids.length === 0) return standings;
    const sources = new Map((await repos.sources.list()).map((s) => [s.id, s.name]));
    const members = await repos.duplicates.members(ids);
    const slugOf = new Map(members.map((m) => [m.meetingId, m.slug]));
    for (const meeting of meetings) {
      const standing = standings.get(meeting.id)!;
      const mine = members.find((m) => m.meetingId === meeting.id);
      if (mine === undefined) continue;
      if (mine.canonicalId !== meeting.id) {
        const canonical = slugOf.get(mine.canonicalId);
        if (canonical !== undefined) standing.duplicateOf = canonical;
      }
      standing.alsoListedBy = members
        .filter((m) => m.canonicalId === mine.canonicalId && m.meetingId !== meeting.id)
        .map((m) => ({
          source: sources.get(m.sourceId) ?? 'unknown',
          sourceSlug: m.sourceSlug,
          slug: m.slug,
        }))
        .sort((a, b) => (a.slug < b.slug ? -1 : 1));
    }
    for (const check of await repos.linkChecks.forMeetings(ids)) {
      const standing = standings.get(check.meetingId);
      if (standing === undefined) continue;
      standing.linkCheck ??= {};
      standing.linkCheck[check.kind] = {
        result: check.result,
        checkedAt: check.checkedAt,
        ...(check.httpStatus !== undefined ? { httpStatus: check.httpStatus } : {}),
        ...(check.detail !== undefined ? { detail: check.detail } : {}),
      };
    }
    return standings;
  };
}

/** Reads the standing of meetings for their API views. */
export type StandingReader = ReturnType<typeof standingReader>;
