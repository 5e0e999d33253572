import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportMeetingGuideFeed } from '../src/feeds/meeting-guide/export-feed.js';
import { readMeetingGuideFeed } from '../src/feeds/meeting-guide/read-feed.js';
import {
  hasApproximateCoordinates,
  type MeetingDraft,
  type Recurrence,
} from '../src/meetings/model.js';
import { importFeed } from '../src/sources/import-feed.js';
import { meetingGuideFeed } from './factories/arbitraries.js';
import { feedContext } from './factories/meeting-guide.js';
import { createTestApp } from './support/app.js';

/** The fields that carry a meeting's meaning to the person looking for it (not bookkeeping). */
const meaningful = [
  'name',
  'program',
  'focus',
  'attendance',
  'status',
  'timeZone',
  'place',
  'online',
  'group',
  'notes',
  'contributions',
  'entity',
] as const;

/**
 * What a meeting means to the person looking for it; lists compared as sets. A ZIP code's or
 * town's centre found on import is ours, not the source's, and is not exported: the address
 * it came from is.
 */
function meaning(meeting: MeetingDraft) {
  const place = { ...meeting.place };
  if (hasApproximateCoordinates(place)) {
    delete place.latitude;
    delete place.longitude;
    delete place.geocoded;
  }
  return {
    ...Object.fromEntries(meaningful.map((key) => [key, meeting[key]])),
    place,
    types: [...meeting.types].sort(),
    languages: [...meeting.languages].sort(),
    schedule: sortSchedule(meeting.schedule),
  };
}

function sortSchedule(schedule: Recurrence[]): string[] {
  return schedule.map((r) => JSON.stringify(r)).sort();
}

/** Exported rows of one meeting share its page URL; a multi-day meeting spans several rows. */
function mergeByPage(rows: Record<string, unknown>[]): Map<string, MeetingDraft> {
  const drafts = readMeetingGuideFeed(rows, feedContext('aa')).drafts;
  const merged = new Map<string, MeetingDraft>();
  drafts.forEach((draft, i) => {
    const page = String(rows[i]!.url);
    const existing = merged.get(page);
    if (existing === undefined) merged.set(page, draft);
    else existing.schedule.push(...draft.schedule);
  });
  return merged;
}

describe('export(import(feed))', () => {
  // Bounded by numRuns, not by time: the timeout is only a net for a hang (as in the BMLT one).
  it('keeps every meeting’s meaning', { timeout: 900_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(meetingGuideFeed(), async (feed) => {
        const app = await createTestApp();
        try {
          const report = await importFeed(app.importDeps, {
            source: 'generated',
            location: 'generated',
            rows: feed,
          });
          expect(report.errorCount).toBe(0);
          const stored = await app.repos.meetings.all();
          expect(stored).toHaveLength(feed.length);
          const reread = mergeByPage(
            await exportMeetingGuideFeed(app.repos, { publicUrl: 'https://x.example' }),
          );
          expect(reread.size).toBe(stored.length);
          for (const meeting of stored) {
            const again = reread.get(`https://x.example/meetings/${meeting.slug}`);
            expect(again, meeting.slug).toBeDefined();
            expect(meaning(again!)).toEqual(meaning(meeting));
          }
        } finally {
          await app.close();
        }
      }),
      { numRuns: 150 },
    );
  });
});
