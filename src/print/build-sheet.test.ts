import { describe, expect, it } from 'vitest';
import { makeMeeting } from '../../test/factories/meeting.js';
import type { Meeting } from '../meetings/model.js';
import { parseSearchParams, type SearchParams } from '../search/parse-params.js';
import type { Locale } from '../web/i18n/locales.js';
import { buildScheduleSheet, type SheetInput } from './build-sheet.js';
import type { PrintMatch, ScheduleSheet, SheetEntry } from './sheet.js';

// Wednesday 4 March 2026, 15:00 in Greenfield.
const NOW = Date.parse('2026-03-04T20:00:00Z');
const greenfield = { latitude: 42.5876, longitude: -72.5995, label: 'Greenfield, MA' };

function queryOf(params: SearchParams = {}) {
  return parseSearchParams(params, {
    now: NOW,
    defaultTimeZone: 'America/New_York',
    resolvePlace: (text) => (text === '01301' ? greenfield : undefined),
  });
}

let serial = 0;
function meeting(overrides: Partial<Meeting>): Meeting {
  serial += 1;
  return makeMeeting({ id: `id-${serial}`, slug: `m-${serial}`, ...overrides });
}

function sheetOf(
  meetings: (Meeting | PrintMatch)[],
  options: { locale?: Locale; params?: SearchParams } & Partial<SheetInput> = {},
): ScheduleSheet {
  const { locale = 'en', params, ...rest } = options;
  return buildScheduleSheet({
    locale,
    query: queryOf(params),
    matches: meetings.map((m) => ('meeting' in m ? m : { meeting: m })),
    total: meetings.length,
    now: NOW,
    publicUrl: 'https://meetings.example.org',
    searchUrl: 'https://meetings.example.org/en/?near=01301',
    ...rest,
  });
}

/** Every entry of the main section as "Weekday time name". */
function lines(sheet: ScheduleSheet, section = 0): string[] {
  return (sheet.sections[section]?.days ?? []).flatMap((d) =>
    d.entries.map((e) => `${d.heading} ${e.time} ${e.name}`),
  );
}

function entry(sheet: ScheduleSheet, name: string): SheetEntry {
  const found = sheet.sections
    .flatMap((s) => [...s.days.flatMap((d) => d.entries), ...s.byAppointment])
    .find((e) => e.name === name);
  if (found === undefined) throw new Error(`no entry ${name}`);
  return found;
}

describe('buildScheduleSheet', () => {
  it('groups by weekday from Sunday, orders by local start, and lists each day of a multi-day meeting', () => {
    const sheet = sheetOf([
      meeting({
        name: 'Noon Daily',
        schedule: [1, 3].map((day) => ({
          kind: 'weekly' as const,
          day: day as 1 | 3,
          start: '12:00',
          durationMinutes: 60,
        })),
      }),
      meeting({
        name: 'Evening',
        schedule: [{ kind: 'weekly', day: 1, start: '19:00', durationMinutes: 60 }],
      }),
      meeting({
        name: 'Early',
        schedule: [{ kind: 'weekly', day: 1, start: '06:30', durationMinutes: 60 }],
      }),
      meeting({
        name: 'Sunday',
        schedule: [{ kind: 'weekly', day: 0, start: '20:00', durationMinutes: 60 }],
      }),
    ]);
    expect(lines(sheet)).toEqual([
      'Sunday 8:00 PM Sunday',
      'Monday 6:30 AM Early',
      'Monday 12:00 PM Noon Daily',
      'Monday 7:00 PM Evening',
      'Wednesday 12:00 PM Noon Daily',
    ]);
    expect(sheet.count).toBe('4 meetings.');
  });

  it("orders by each meeting's own local time and labels the zones that differ from the sheet's", () => {
    const weekly = (start: string) => [
      { kind: 'weekly' as const, day: 2 as const, start, durationMinutes: 60 },
    ];
    const sheet = sheetOf([
      meeting({ name: 'Boston 7', timeZone: 'America/New_York', schedule: weekly('19:00') }),
      meeting({ name: 'Chicago 6:30', timeZone: 'America/Chicago', schedule: weekly('18:30') }),
      meeting({ name: 'Boston 6', timeZone: 'America/New_York', schedule: weekly('18:00') }),
    ]);
    // 6:30 PM in Chicago is 7:30 PM in Boston, but a sheet lists the time people keep in the room.
    expect(lines(sheet)).toEqual([
      'Tuesday 6:00 PM Boston 6',
      'Tuesday 6:30 PM Chicago 6:30',
      'Tuesday 7:00 PM Boston 7',
    ]);
    expect(entry(sheet, 'Chicago 6:30').zoneLabel).toBe('Central Time');
    expect(entry(sheet, 'Boston 7').zoneLabel).toBeUndefined();
    expect(sheet.zoneNote).toBe('Times are local, in Eastern Time, unless another zone is shown.');
  });

  it('keeps only the asked days and time window, in the meeting zone', () => {
    const m = meeting({
      name: 'Many',
      schedule: [
        { kind: 'weekly', day: 1, start: '07:00', durationMinutes: 60 },
        { kind: 'weekly', day: 2, start: '07:00', durationMinutes: 60 },
        { kind: 'weekly', day: 2, start: '23:30', durationMinutes: 60 },
        { kind: 'weekly', day: 2, start: '12:00', durationMinutes: 60 },
      ],
    });
    expect(lines(sheetOf([m], { params: { day: '2' } }))).toEqual([
      'Tuesday 7:00 AM Many',
      'Tuesday 12:00 PM Many',
      'Tuesday 11:30 PM Many',
    ]);
    // A window from 22:00 to 08:00 wraps past midnight.
    expect(lines(sheetOf([m], { params: { day: '2', from: '22:00', to: '08:00' } }))).toEqual([
      'Tuesday 7:00 AM Many',
      'Tuesday 11:30 PM Many',
    ]);
  });

  it('says monthly and fortnightly schedules in words, in English and Spanish', () => {
    const monthly = meeting({
      name: 'Monthly',
      schedule: [
        { kind: 'monthly', day: 2, week: 4, start: '19:00', durationMinutes: 60 },
        { kind: 'monthly', day: 2, week: 2, start: '19:00', durationMinutes: 60 },
        { kind: 'monthly', day: 5, week: -1, start: '19:00', durationMinutes: 60 },
      ],
    });
    const fortnightly = meeting({
      name: 'Fortnightly',
      schedule: [
        { kind: 'biweekly', day: 2, anchorDate: '2026-02-24', start: '18:00', durationMinutes: 60 },
      ],
    });
    const en = sheetOf([monthly, fortnightly]);
    expect(lines(en)).toEqual([
      'Tuesday 6:00 PM Fortnightly',
      'Tuesday 7:00 PM Monthly',
      'Friday 7:00 PM Monthly',
    ]);
    const tuesday = en.sections[0]!.days[0]!.entries;
    expect(tuesday.map((e) => e.recurrence)).toEqual([
      'Every other week; next on March 10',
      '2nd and 4th Tuesday of the month',
    ]);
    expect(en.sections[0]!.days[1]!.entries[0]!.recurrence).toBe('Last Friday of the month');

    const es = sheetOf([monthly, fortnightly], { locale: 'es' });
    expect(es.sections[0]!.days.map((d) => d.heading)).toEqual(['Martes', 'Viernes']);
    expect(es.sections[0]!.days[0]!.entries.map((e) => [e.time, e.recurrence])).toEqual([
      ['18:00', 'Cada dos semanas; la próxima, el 10 de marzo'],
      ['19:00', '2.º y 4.º martes de cada mes'],
    ]);
    expect(es.sections[0]!.days[1]!.entries[0]!.recurrence).toBe('Último viernes de cada mes');
    // Weekly meetings need no words: the day heading says it all.
    expect(entry(sheetOf([meeting({ name: 'Weekly' })]), 'Weekly').recurrence).toBeUndefined();
  });

  it('prints the dial-in number with the codes to enter, the room, and the link to the meeting page', () => {
    const en = entry(sheetOf([meeting({ name: 'Hybrid' })]), 'Hybrid');
    expect(en.attendance).toBe('In person, online, and by phone');
    expect(en.where).toBe('Second Congregational Church, 16 Court Sq, Greenfield, MA 01301');
    expect(en.dial).toBe('Call (646) 558-8656, then enter 85551234567# and 1234#');
    expect(en.online).toBe(
      'On Zoom. Link to join: https://meetings.example.org/en/meetings/' + en.slug,
    );
    expect(en.details).toBe('Alcoholics Anonymous · Open, Big Book');

    const es = entry(sheetOf([meeting({ name: 'Híbrida' })], { locale: 'es' }), 'Híbrida');
    expect(es.attendance).toBe('En persona, en línea y por teléfono');
    expect(es.dial).toBe('Llame al (646) 558-8656 y marque 85551234567# y 1234#');

    const phoneOnly = entry(
      sheetOf([
        meeting({
          name: 'Phone',
          attendance: 'online',
          online: { phone: '+14135550100', phoneNotes: 'Press 1 when asked.' },
          languages: ['es'],
          types: ['O', 'S'],
        }),
      ]),
      'Phone',
    );
    expect(phoneOnly.attendance).toBe('By phone');
    expect(phoneOnly.where).toBeUndefined();
    expect(phoneOnly.dial).toBe('Call (413) 555-0100');
    // Without codes in the dial string the notes say how to get in.
    expect(phoneOnly.dialNotes).toBe('Press 1 when asked.');
    // The language is said once, not also as the "Spanish" type.
    expect(phoneOnly.details).toBe('Alcoholics Anonymous · Open · In Spanish');
  });

  it('shows the distance in the asked units and the town only for approximate places', () => {
    const { name: _venue, ...place } = makeMeeting().place;
    const m = meeting({
      name: 'Town only',
      attendance: 'in_person',
      online: {},
      place: { ...place, approximate: true, formattedAddress: 'Colrain, MA, USA' },
    });
    const sheet = sheetOf([{ meeting: m, distanceKm: 16.09344 }], {
      params: { near: '01301', radius: '40', units: 'km' },
    });
    const e = entry(sheet, 'Town only');
    expect(e.where).toBe('Only the town is listed: Colrain, MA');
    expect(e.details).toContain('16 kilometers away');
    expect(sheet.title).toBe('Meetings near Greenfield, MA within 40 kilometers');
  });

  it('describes the search in words in the header, with the date, the link and the help lines', () => {
    const params = {
      near: '01301',
      radius: '25',
      day: '2,1',
      from: '18:00',
      attendance: 'in_person,phone',
      program: 'aa',
      types: 'women',
      lang: 'es',
      q: 'serenity',
    };
    const en = sheetOf([meeting({ name: 'A' })], { params });
    expect(en.title).toBe('Meetings near Greenfield, MA within 25 miles');
    expect(en.filters).toEqual([
      'On Monday and Tuesday',
      'Starting at 6:00 PM or later',
      'In person or by phone',
      'Alcoholics Anonymous',
      'Types: Women',
      'In Spanish',
      'Matching “serenity”',
    ]);
    expect(en.printed).toBe(
      'Printed March 4, 2026. The current list: https://meetings.example.org/en/?near=01301',
    );
    expect(en.helpLines.join(' ')).toContain('988');
    expect(en.helpLines.join(' ')).toContain('1-800-662-4357');

    const es = sheetOf([meeting({ name: 'A' })], { params, locale: 'es' });
    expect(es.title).toBe('Reuniones a menos de 25 millas de Greenfield, MA');
    expect(es.filters.slice(0, 3)).toEqual([
      'Días: lunes y martes',
      'Que empiezan a las 18:00 o más tarde',
      'En persona o por teléfono',
    ]);
    expect(es.printed).toMatch(/^Impreso el 4 de marzo de 2026\./);
    expect(es.helpLines.join(' ')).toContain('1-800-662-4357');

    expect(sheetOf([]).title).toBe('Meetings');
    expect(sheetOf([]).empty).toMatch(/^No meeting matches/);
    expect(sheetOf([], { params: { near: '01301', nearest: '5' } }).title).toBe(
      'Meetings near Greenfield, MA (the 5 nearest)',
    );
    expect(sheetOf([], { params: { near: '01301', nearest: '1' } }).title).toBe(
      'The nearest meeting to Greenfield, MA',
    );
  });

  it('says when the list stops at the cap', () => {
    const sheet = sheetOf([meeting({ name: 'A' })], { total: 1234 });
    expect(sheet.capped).toBe(
      'This list shows 1 of the 1,234 matching meetings. Narrow the search to print the rest.',
    );
    expect(sheetOf([meeting({ name: 'A' })]).capped).toBeUndefined();
  });

  it('lists by-appointment meetings after the days', () => {
    const sheet = sheetOf([
      meeting({ name: 'Call us', schedule: [{ kind: 'by_appointment' }] }),
      meeting({ name: 'Tuesday' }),
    ]);
    expect(lines(sheet)).toEqual(['Tuesday 7:00 PM Tuesday']);
    expect(sheet.sections[0]!.byAppointment.map((e) => [e.name, e.time])).toEqual([
      ['Call us', ''],
    ]);
    expect(sheet.byAppointmentHeading).toBe('By appointment');
  });

  it('adds the rural fallback as sections of their own, without repeating a listed meeting', () => {
    const listed = meeting({ name: 'Listed' });
    const far = meeting({ name: 'Far' });
    const remote = meeting({ name: 'Remote', attendance: 'online' });
    const sheet = sheetOf([listed], {
      params: { near: '01301', radius: '10' },
      fallback: {
        inPersonWithinRadius: 1,
        threshold: 5,
        nearestBeyond: [{ meeting: far, distanceKm: 40 }, { meeting: listed }],
        remote: [{ meeting: remote }, { meeting: listed }],
      },
    });
    expect(sheet.sections.map((s) => s.heading)).toEqual([
      undefined,
      'Farther away: the nearest meetings beyond 10 miles',
      'Meetings online and by phone',
    ]);
    expect(sheet.sections[1]!.note).toMatch(/^Only 1 in-person meeting matches within 10 miles/);
    expect(lines(sheet, 1)).toEqual(['Tuesday 7:00 PM Far']);
    expect(lines(sheet, 2)).toEqual(['Tuesday 7:00 PM Remote']);
  });

  it('cleans control characters and bidi overrides out of imported names and places', () => {
    const sheet = sheetOf([
      meeting({
        name: 'Big\u0000Book\u202e\r\nGroup',
        place: { ...makeMeeting().place, name: 'Hall\u0007 A' },
      }),
    ]);
    const e = entry(sheet, 'Big Book Group');
    expect(e.where?.startsWith('Hall A, ')).toBe(true);
    // A name of nothing but controls falls back to the slug rather than a blank line.
    const blank = sheetOf([meeting({ name: '\u0000\u0001' })]);
    expect(blank.sections[0]!.days[0]!.entries[0]!.name).toMatch(/^m-\d+$/);
  });
});
