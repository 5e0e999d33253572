import { describe, expect, it } from 'vitest';
import type { Meeting } from '../meetings/model.js';
import { upcomingOccurrences } from './upcoming.js';

const plain = (text: string) => text.replace(/\s/g, ' ');
const tuesdays: Pick<Meeting, 'schedule' | 'timeZone'> = {
  timeZone: 'America/New_York',
  schedule: [{ kind: 'weekly', day: 2, start: '19:00', durationMinutes: 60 }],
};
// Tuesday 2026-11-03, 19:30 in New York: the meeting is under way.
const during = Date.parse('2026-11-04T00:30:00Z');

describe('upcomingOccurrences', () => {
  it('lists the next three in the meeting zone, the current one in progress', () => {
    const list = upcomingOccurrences(tuesdays, during, 'en');
    expect(list).toHaveLength(3);
    expect(list.map((o) => o.inProgress)).toEqual([true, false, false]);
    expect(list.map((o) => `${o.local.date} ${plain(o.local.time)} ${o.local.zoneName}`)).toEqual([
      'Tuesday, November 3 7:00 PM EST',
      'Tuesday, November 10 7:00 PM EST',
      'Tuesday, November 17 7:00 PM EST',
    ]);
    expect(list[0]!.viewer).toBeUndefined();
  });

  it("adds the viewer's time when their zone differs", () => {
    const [first] = upcomingOccurrences(tuesdays, during, 'en', 'America/Los_Angeles');
    expect(first!.viewer).toMatchObject({ date: 'Tuesday, November 3', zoneName: 'PST' });
    expect(plain(first!.viewer!.time)).toBe('4:00 PM');
  });

  it("ignores the viewer's zone when it is the same or not a zone", () => {
    expect(upcomingOccurrences(tuesdays, during, 'en', 'America/New_York')[0]!.viewer).toBe(
      undefined,
    );
    expect(upcomingOccurrences(tuesdays, during, 'en', 'Mars/Olympus')[0]!.viewer).toBe(undefined);
    expect(upcomingOccurrences(tuesdays, during, 'en', '<script>')[0]!.viewer).toBe(undefined);
  });

  it('capitalises Spanish dates that start a line', () => {
    const [first] = upcomingOccurrences(tuesdays, during, 'es');
    expect(first!.local.date).toBe('Martes, 3 de noviembre');
  });

  it('finds rare monthly dates and nothing for appointments', () => {
    const fifthSundays = upcomingOccurrences(
      {
        timeZone: 'America/New_York',
        schedule: [{ kind: 'monthly', day: 0, start: '10:00', durationMinutes: 60, week: 5 }],
      },
      during,
      'en',
    );
    expect(fifthSundays).toHaveLength(3);
    expect(
      upcomingOccurrences(
        { timeZone: 'UTC', schedule: [{ kind: 'by_appointment' }] },
        during,
        'en',
      ),
    ).toEqual([]);
  });
});
