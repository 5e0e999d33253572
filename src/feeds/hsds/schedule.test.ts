import { describe, expect, it } from 'vitest';
import { hsdsSchedule } from './schedule.js';

const ids = { id: 'schedule-id', serviceId: 'service-id' };
// Sunday 2026-11-01, 12:00 UTC: New York has just left daylight-saving time.
const now = Date.parse('2026-11-01T12:00:00Z');

describe('hsdsSchedule', () => {
  it('writes a weekly meeting with local times and the offset of its next occurrence', () => {
    expect(
      hsdsSchedule(
        { kind: 'weekly', day: 2, start: '19:00', durationMinutes: 90 },
        ids,
        'America/New_York',
        now,
      ),
    ).toMatchObject({
      freq: 'WEEKLY',
      interval: 1,
      byday: 'TU',
      opens_at: '19:00-05:00',
      closes_at: '20:30-05:00',
      timezone: -5,
      notes: 'Times are local to America/New_York.',
    });
  });

  it('writes fortnightly meetings with interval 2 from the anchor week, and monthly ones as 2TU or -1FR', () => {
    expect(
      hsdsSchedule(
        { kind: 'biweekly', day: 1, start: '18:30', durationMinutes: 60, anchorDate: '2026-03-04' },
        ids,
        'Europe/London',
        now,
      ),
    ).toMatchObject({
      freq: 'WEEKLY',
      interval: 2,
      byday: 'MO',
      dtstart: '2026-03-02',
      wkst: 'SU',
      opens_at: '18:30Z',
    });
    expect(
      hsdsSchedule(
        { kind: 'monthly', day: 2, week: 2, start: '10:00', durationMinutes: 60 },
        ids,
        'Asia/Kolkata',
        now,
      ),
    ).toMatchObject({ freq: 'MONTHLY', byday: '2TU', opens_at: '10:00+05:30', timezone: 5.5 });
    expect(
      hsdsSchedule(
        { kind: 'monthly', day: 5, week: -1, start: '23:30', durationMinutes: 60 },
        ids,
        'UTC',
        now,
      ),
    ).toMatchObject({
      byday: '-1FR',
      closes_at: '00:30Z',
      description: 'The last Friday of the month, 23:30-00:30.',
    });
  });

  it('says "by appointment" without a rule', () => {
    expect(hsdsSchedule({ kind: 'by_appointment' }, ids, 'UTC', now)).toEqual({
      id: 'schedule-id',
      service_id: 'service-id',
      description: 'By appointment.',
    });
  });
});
