import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readMeetingGuideRow } from '../../feeds/meeting-guide/read-row.js';
import { getProgram } from '../../meetings/programs.js';
import type { Recurrence, Weekday } from '../../meetings/model.js';
import { makeMeeting } from '../../../test/factories/meeting.js';
import { meetingGuideRow } from '../../../test/factories/arbitraries.js';
import { recurrenceArbitrary } from '../../../test/factories/recurrences.js';
import { diffMeetings } from '../history/meeting-fields.js';
import {
  choosableTypes,
  meetingFormValues,
  readMeetingForm,
  scheduleRowCount,
} from './meeting-form.js';

const hhmm = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
/** A date and its weekday, so a fortnightly anchor falls on the meeting's day. */
const anchored = fc
  .date({
    min: new Date('2020-01-01T00:00:00Z'),
    max: new Date('2035-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => ({ date: d.toISOString().slice(0, 10), day: d.getUTCDay() as Weekday }));
const recurrence: fc.Arbitrary<Recurrence> = anchored.chain(({ date, day }) =>
  recurrenceArbitrary({
    day: fc.constant(day),
    start: hhmm,
    // A whole day would read back as "ends when it starts".
    durationMinutes: fc.integer({ min: 1, max: 1439 }),
    anchorDate: fc.constant(date),
  }),
);

describe('the meeting form', () => {
  it('reads back every schedule it shows, of every kind', () => {
    fc.assert(
      fc.property(fc.array(recurrence, { minLength: 1, maxLength: 4 }), (schedule) => {
        const meeting = makeMeeting({ schedule });
        const reading = readMeetingForm(meetingFormValues(meeting), meeting);
        expect(reading.ok && reading.draft.schedule).toEqual(schedule);
      }),
    );
  });

  it('changes nothing when a meeting read from a feed is saved untouched', () => {
    const program = getProgram('aa')!;
    fc.assert(
      fc.property(meetingGuideRow('m'), (row) => {
        const { draft } = readMeetingGuideRow(row, 0, {
          program,
          sourceId: 's',
          fetchedAt: '2026-11-01T00:00:00Z',
        });
        if (draft === undefined || draft.timeZone === 'UTC') return;
        const reading = readMeetingForm(meetingFormValues(draft), draft);
        if (!reading.ok) throw new Error(JSON.stringify(reading.problems));
        expect(diffMeetings(draft, reading.draft)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('names each refused field with the importer’s code and message', () => {
    const meeting = makeMeeting();
    const form = {
      ...meetingFormValues(meeting),
      conference_phone: '12',
      website: 'x',
      languages: 'en, not a tag!',
      attendance: 'teleport',
      types: ['O', 'NOPE'],
      name: 'x'.repeat(201),
    };
    const reading = readMeetingForm(form, meeting);
    expect(reading.ok).toBe(false);
    if (reading.ok) return;
    expect(reading.problems.map((p) => [p.field, p.code])).toEqual(
      expect.arrayContaining([
        ['conference_phone', 'PL_INVALID_PHONE'],
        ['types', 'PL_UNKNOWN_TYPE'],
        ['name', 'PL_TOO_LONG'],
        ['languages', 'PL_INVALID_FIELD'],
        ['attendance', 'PL_INVALID_FIELD'],
      ]),
    );
    const phone = reading.problems.find((p) => p.field === 'conference_phone')!;
    expect(phone.message).toBe('The phone number has too few digits and was dropped. ("12")');
  });

  it('reads languages by name or by tag, in English or Spanish', () => {
    const meeting = makeMeeting();
    const languages = (text: string) => {
      const reading = readMeetingForm({ ...meetingFormValues(meeting), languages: text }, meeting);
      return reading.ok ? reading.draft.languages : reading.problems.map((p) => p.message);
    };
    expect(languages('English, Spanish')).toEqual(['en', 'es']);
    expect(languages('inglés y español')).toEqual(['en', 'es']);
    expect(languages('ASL and French')).toEqual(['ase', 'fr']);
    expect(languages('lengua de señas americana')).toEqual(['ase']);
    expect(languages('en es')).toEqual(['en', 'es']);
    expect(languages('fr-CA, Tagalog')).toEqual(['fr-CA', 'fil']);
    // "Englisch" is a well-formed BCP-47 tag, but no language's.
    expect(languages('Englisch')).toEqual([expect.stringContaining('"Englisch"')]);
  });

  it('takes the zone of the place named in words when the form gives none', () => {
    const meeting = makeMeeting();
    const {
      timezone: _zone,
      latitude: _lat,
      longitude: _lng,
      ...form
    } = meetingFormValues(meeting);
    const towns: Record<string, { latitude: number; longitude: number }> = {
      '59715': { latitude: 45.68, longitude: -111.04 },
      'Moab, UT': { latitude: 38.57, longitude: -109.55 },
    };
    const locatePlace = (query: string) => towns[query];
    const zoneOf = (fields: Record<string, string>) => {
      const reading = readMeetingForm(
        { ...form, city: '', state: '', postal_code: '', ...fields },
        meeting,
        { locatePlace, zoneField: 'city' },
      );
      return reading.ok ? reading.draft.timeZone : reading.problems.map((p) => [p.field, p.code]);
    };
    expect(zoneOf({ postal_code: '59715', city: 'Moab', state: 'UT' })).toBe('America/Denver');
    expect(zoneOf({ city: 'Moab', state: 'UT' })).toBe('America/Denver');
    expect(zoneOf({ city: 'Nowhere' })).toEqual([['city', 'PL_TIMEZONE_UNKNOWN']]);
    const reading = readMeetingForm({ ...form, city: 'Moab', state: 'UT' }, meeting, {
      locatePlace,
    });
    expect(reading.ok && reading.draft.place.latitude).toBeUndefined();
  });

  it('asks online and hybrid meetings for a way to join', () => {
    const meeting = makeMeeting();
    const form = {
      ...meetingFormValues(meeting),
      conference_url: '',
      conference_phone: '',
      attendance: 'online',
    };
    const reading = readMeetingForm(form, meeting);
    expect(!reading.ok && reading.problems.map((p) => p.field)).toEqual(['attendance']);
  });

  it('offers one blank schedule row after the meeting’s own', () => {
    const meeting = makeMeeting({
      schedule: [
        { kind: 'weekly', day: 1, start: '07:00', durationMinutes: 60 },
        { kind: 'by_appointment' },
      ],
    });
    expect(scheduleRowCount(meetingFormValues(meeting))).toBe(3);
    expect(scheduleRowCount({})).toBe(1);
  });

  it('offers the program’s types but not those the form asks for directly', () => {
    const codes = choosableTypes(getProgram('aa')!).map((t) => t.code);
    expect(codes).toContain('W');
    expect(codes).not.toContain('X');
    expect(codes).not.toContain('S');
    expect(codes).not.toContain('TC');
    expect(codes).not.toContain('ONL');
  });
});
