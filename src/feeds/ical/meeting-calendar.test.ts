import { describe, expect, it } from 'vitest';
import { makeMeeting } from '../../../test/factories/meeting.js';
import { meetingCalendar, rrule } from './meeting-calendar.js';

const options = {
  pageUrl: 'https://meetings.example.org/meetings/greenfield-big-book',
  uidDomain: 'meetings.example.org',
  // Sunday 2026-11-01, 12:00 UTC (07:00 in Greenfield, the day DST ends).
  now: new Date('2026-11-01T12:00:00Z'),
};

const unfold = (ics: string) => ics.replace(/\r\n /g, '');

describe('rrule', () => {
  it('writes weekly, biweekly and monthly rules', () => {
    expect(rrule({ kind: 'weekly', day: 2, start: '19:00', durationMinutes: 60 })).toBe(
      'FREQ=WEEKLY;BYDAY=TU',
    );
    expect(
      rrule({
        kind: 'biweekly',
        day: 1,
        start: '19:00',
        durationMinutes: 60,
        anchorDate: '2026-03-02',
      }),
    ).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO');
    expect(rrule({ kind: 'monthly', day: 0, start: '10:00', durationMinutes: 60, week: 1 })).toBe(
      'FREQ=MONTHLY;BYDAY=1SU',
    );
    expect(rrule({ kind: 'monthly', day: 5, start: '10:00', durationMinutes: 60, week: -1 })).toBe(
      'FREQ=MONTHLY;BYDAY=-1FR',
    );
  });
});

describe('meetingCalendar', () => {
  it('writes a weekly event starting at the next occurrence, in the meeting zone', () => {
    const ics = meetingCalendar(makeMeeting(), options)!;
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const text = unfold(ics);
    expect(text).toContain('UID:0f1e2d3c-0000-4000-8000-000000000001-0@meetings.example.org\r\n');
    expect(text).toContain('DTSTAMP:20261101T120000Z\r\n');
    expect(text).toContain('DTSTART;TZID=America/New_York:20261103T190000\r\n');
    expect(text).toContain('DURATION:PT60M\r\n');
    expect(text).toContain('RRULE:FREQ=WEEKLY;BYDAY=TU\r\n');
    expect(text).toContain('SUMMARY:Greenfield Big Book\r\n');
    expect(text).toContain(
      'LOCATION:Second Congregational Church\\, 16 Court Sq\\, Greenfield\\, MA 01301\\, USA\r\n',
    );
    expect(text).toContain('GEO:42.5876;-72.5995\r\n');
    expect(text).toContain(`URL:${options.pageUrl}\r\n`);
  });

  it('starts a biweekly event on its anchor week and a monthly one on its next date', () => {
    const meeting = makeMeeting({
      schedule: [
        // Anchor on a Wednesday: the meeting is the Monday of that week.
        { kind: 'biweekly', day: 1, start: '18:30', durationMinutes: 90, anchorDate: '2026-03-04' },
        { kind: 'monthly', day: 0, start: '10:00', durationMinutes: 60, week: 1 },
        { kind: 'monthly', day: 5, start: '12:00', durationMinutes: 60, week: -1 },
        { kind: 'by_appointment' },
      ],
    });
    const text = unfold(meetingCalendar(meeting, options)!);
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(3);
    expect(text).toContain('DTSTART;TZID=America/New_York:20260302T183000\r\n');
    expect(text).toContain('RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO\r\n');
    expect(text).toContain('DURATION:PT90M\r\n');
    // 2026-11-01 is the first Sunday and 10:00 local has not passed yet at 07:00.
    expect(text).toContain('DTSTART;TZID=America/New_York:20261101T100000\r\n');
    expect(text).toContain('RRULE:FREQ=MONTHLY;BYDAY=1SU\r\n');
    expect(text).toContain('DTSTART;TZID=America/New_York:20261127T120000\r\n');
    expect(text).toContain('RRULE:FREQ=MONTHLY;BYDAY=-1FR\r\n');
  });

  it('has nothing to offer for a by-appointment meeting', () => {
    expect(meetingCalendar(makeMeeting({ schedule: [{ kind: 'by_appointment' }] }), options)).toBe(
      undefined,
    );
  });

  it('escapes untrusted text so it cannot add properties', () => {
    const meeting = makeMeeting({ name: 'Evil\r\nEND:VEVENT\r\nBEGIN:VEVENT;x,y' });
    const text = unfold(meetingCalendar(meeting, { ...options, description: 'a\nb;c' })!);
    expect(text).toContain('SUMMARY:Evil\\nEND:VEVENT\\nBEGIN:VEVENT\\;x\\,y\r\n');
    expect(text).toContain('DESCRIPTION:a\\nb\\;c\r\n');
    expect(text.match(/^BEGIN:VEVENT/gm)).toHaveLength(1);
  });

  it('gives online meetings no street location and no coordinates', () => {
    const meeting = makeMeeting({
      attendance: 'online',
      place: { address: { city: 'Greenfield' }, approximate: true, regions: [] },
    });
    const text = unfold(meetingCalendar(meeting, options)!);
    expect(text).not.toContain('LOCATION:');
    expect(text).not.toContain('GEO:');
  });
});
