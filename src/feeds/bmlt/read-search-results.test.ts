import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bmltFormats,
  bmltMeetingArbitrary,
  bmltRow,
  bmltServiceBodies,
  expectedFormatMeaning,
} from '../../../test/factories/bmlt.js';
import { feedContext } from '../../../test/factories/meeting-guide.js';
import { readBmltFormats } from './read-formats.js';
import { readBmltAnswers } from './read-search-results.js';
import { readBmltServiceBodies } from './read-service-bodies.js';

const formats = readBmltFormats(bmltFormats);
const serviceBodies = readBmltServiceBodies(bmltServiceBodies);
const read = (meetings: unknown, ctx = feedContext('na')) =>
  readBmltAnswers({ meetings, formats, serviceBodies }, ctx);

describe('readBmltAnswers', () => {
  it('maps a meeting row: weekday from Sunday = 1, times, formats by world id, place, body', () => {
    const { drafts, problems } = read([bmltRow()]);
    expect(problems).toEqual([]);
    expect(drafts[0]).toMatchObject({
      name: 'Clean and Serene',
      program: 'na',
      attendance: 'in_person',
      status: 'active',
      timeZone: 'America/Denver',
      schedule: [{ kind: 'weekly', day: 1, start: '19:30', durationMinutes: 90 }],
      types: ['O', 'D', 'WC'],
      languages: ['en'],
      focus: ['drugs'],
      notes: 'Coffee from 7 pm',
      place: {
        name: 'First Methodist Church',
        notes: 'Basement, side door',
        address: {
          street: '1421 Spruce St',
          city: 'Boulder',
          region: 'CO',
          postalCode: '80302',
          country: 'USA',
        },
        formattedAddress: '1421 Spruce St, Boulder, CO 80302, USA',
        latitude: 40.015,
        longitude: -105.2705,
        approximate: false,
        wheelchairAccessible: true,
        regions: ['Mountain Region', 'Valley Area'],
      },
      group: { sourceId: 'G00012345', contacts: [], contactsPublic: false },
      entity: { name: 'Valley Area', url: 'https://valley-na.example.org/' },
      provenance: { sourceSlug: '1001' },
    });
    expect(drafts[0]!.provenance.extra).toMatchObject({
      service_body_bigint: '3',
      root_server_uri: 'https://bmlt.example.org/main_server',
    });
  });

  it('reads a server’s own keys through their world ids, and languages by key', () => {
    // A German server writes F for Women; its language formats are keyed by language code.
    const { drafts } = read([
      bmltRow({ format_shared_id_list: '11,125,111', formats: 'F,de,nfh' }),
    ]);
    expect(drafts[0]).toMatchObject({ types: ['W', 'JT'], languages: ['de'] });
  });

  it('keeps formats it cannot map as source data, with a warning naming them', () => {
    const { drafts, problems } = read([
      bmltRow({ format_shared_id_list: '17,94', formats: 'O,KT' }),
    ]);
    expect(drafts[0]!.types).toEqual(['O']);
    expect(drafts[0]!.provenance.extra.unmapped_formats).toEqual(['KT']);
    expect(problems).toEqual([
      expect.objectContaining({
        index: 0,
        slug: '1001',
        field: 'format_shared_id_list',
        code: 'PL_UNKNOWN_FORMAT',
        severity: 'warning',
      }),
    ]);
    expect(problems[0]!.message).toContain('"KT" (no dogs)');
  });

  it('reads virtual and hybrid meetings with their link, notes and dial-in', () => {
    const { drafts } = read([
      bmltRow({
        id_bigint: '7',
        venue_type: '2',
        format_shared_id_list: '54',
        location_street: '',
        location_text: '',
        virtual_meeting_link: 'https://us02web.zoom.us/j/9079883918?pwd=abc',
        virtual_meeting_additional_info: 'Passwort: 647529',
        phone_meeting_number: '+49 69 7104 9922',
        // A server's default point, far from the meeting's members.
        latitude: '34.235918',
        longitude: '-118.563659',
      }),
      bmltRow({
        id_bigint: '8',
        venue_type: '3',
        virtual_meeting_link: 'https://meet.google.com/x',
      }),
    ]);
    expect(drafts[0]).toMatchObject({
      attendance: 'online',
      online: {
        url: 'https://us02web.zoom.us/j/9079883918?pwd=abc',
        provider: 'zoom',
        urlNotes: 'Passwort: 647529',
        phone: '+496971049922',
      },
      place: { approximate: true },
      // No room: the zone the server's rooms share, not the default point's.
      timeZone: 'America/Denver',
    });
    expect(drafts[0]!.place.latitude).toBeUndefined();
    expect(drafts[1]).toMatchObject({ attendance: 'hybrid', place: { latitude: 40.015 } });
  });

  it('reads a closed room as online when it can be joined and as closed otherwise', () => {
    const { drafts } = read([
      bmltRow({
        id_bigint: '1',
        venue_type: '3',
        format_shared_id_list: '223',
        virtual_meeting_link: 'https://zoom.us/j/1',
      }),
      bmltRow({ id_bigint: '2', venue_type: '1', format_shared_id_list: '223' }),
    ]);
    expect(drafts.map((d) => [d.attendance, d.status])).toEqual([
      ['online', 'active'],
      ['in_person', 'temporarily_closed'],
    ]);
  });

  it('leaves unpublished meetings out and reports broken rows by their BMLT id', () => {
    const { drafts, problems, rowCount } = read([
      bmltRow({ id_bigint: '1', published: '0' }),
      bmltRow({ id_bigint: '2', weekday_tinyint: '8' }),
      bmltRow({ id_bigint: '3', start_time: 'soon' }),
      bmltRow({ id_bigint: '4', meeting_name: '' }),
      bmltRow({ id_bigint: '5', time_zone: 'Mars/Olympus' }),
      bmltRow({ id_bigint: '5' }),
      bmltRow({ id_bigint: '6', venue_type: '9' }),
      'not a meeting',
    ]);
    expect(rowCount).toBe(7);
    expect(drafts.map((d) => d.provenance.sourceSlug)).toEqual(['5', '6']);
    expect(problems.map((p) => [p.index, p.slug, p.field, p.code])).toEqual([
      [1, '2', 'weekday_tinyint', 'PL_INVALID_WEEKDAY'],
      [2, '3', 'start_time', 'PL_INVALID_TIME'],
      [3, '4', 'meeting_name', 'PL_MISSING_NAME'],
      [4, '5', 'time_zone', 'PL_INVALID_TIMEZONE'],
      [5, '5', 'id_bigint', 'PL_DUPLICATE_SLUG'],
      [6, '6', 'venue_type', 'PL_INVALID_VENUE_TYPE'],
      [7, undefined, undefined, 'PL_ROW_NOT_OBJECT'],
    ]);
  });

  it('reads a venue type named like an Object property as an unknown one', () => {
    for (const venue of ['constructor', 'toString', '__proto__']) {
      const { drafts, problems } = read([bmltRow({ venue_type: venue })]);
      expect(drafts[0]?.attendance, venue).toBe('in_person');
      expect(problems.map((p) => p.code)).toEqual(['PL_INVALID_VENUE_TYPE']);
    }
  });

  it('strips the field prompts older servers put before a value', () => {
    const { drafts } = read([
      bmltRow({ meeting_name: 'Name#@-@#Hope Group', comments: 'Notes#@-@#Bring a friend' }),
    ]);
    expect(drafts[0]).toMatchObject({ name: 'Hope Group', notes: 'Bring a friend' });
  });

  it('reads saved answers without a format list by the stock keys', () => {
    const { drafts } = readBmltAnswers(
      { meetings: [bmltRow({ formats: 'O,WC,VM', venue_type: '1' })] },
      feedContext('na'),
    );
    expect(drafts[0]).toMatchObject({ types: ['O', 'WC'], place: { regions: [] } });
  });

  it('refuses an answer whose rows have lost a field every meeting has', () => {
    const renamed = [bmltRow(), bmltRow({ id_bigint: '2' })].map(
      ({ weekday_tinyint, ...rest }) => ({
        ...rest,
        weekday: weekday_tinyint,
      }),
    );
    expect(() => read(renamed)).toThrow(
      expect.objectContaining({ code: 'PL_FEED_FORMAT_CHANGED' }),
    );
    expect(() => read({ error: 'denied' })).toThrow(
      expect.objectContaining({ code: 'PL_FEED_FORMAT_CHANGED' }),
    );
  });

  it('maps weekdays, times, venue types and formats of generated answers correctly', () => {
    const answers = fc
      .integer({ min: 1, max: 8 })
      .chain((n) =>
        fc.tuple(...Array.from({ length: n }, (_, i) => bmltMeetingArbitrary(String(i + 1)))),
      );
    fc.assert(
      fc.property(answers, (rows) => {
        const { drafts, problems } = read(rows);
        expect(drafts).toHaveLength(rows.length);
        rows.forEach((row, i) => {
          const draft = drafts[i]!;
          const ids = row.format_shared_id_list ? row.format_shared_id_list.split(',') : [];
          const keys = row.formats ? row.formats.split(',') : [];
          const meant = (
            ids.length > 0 ? ids : keys.map((k) => bmltFormats.find((f) => f.key_string === k)!.id)
          )
            .filter((id) => id !== '')
            .map((id) => expectedFormatMeaning[id]!);
          const [h, m] = row.start_time!.split(':');
          const [dh, dm] = row.duration_time!.split(':');
          const duration = Number(dh) * 60 + Number(dm);
          expect(draft.schedule).toEqual([
            {
              kind: 'weekly',
              day: Number(row.weekday_tinyint) - 1,
              start: `${h}:${m}`,
              durationMinutes: duration === 0 ? 60 : duration,
            },
          ]);
          const remote = row.virtual_meeting_link !== '' || row.phone_meeting_number !== '';
          const closed = meant.some((f) => f.flag === 'temporarily_closed');
          const declared = { '1': 'in_person', '2': 'online', '3': 'hybrid' }[row.venue_type!];
          expect([draft.attendance, draft.status]).toEqual(
            closed
              ? remote
                ? ['online', 'active']
                : ['in_person', 'temporarily_closed']
              : [declared, 'active'],
          );
          expect(new Set(draft.types)).toEqual(
            new Set(meant.flatMap((f) => (f.code === undefined ? [] : [f.code]))),
          );
          const languages = meant.flatMap((f) => (f.language === undefined ? [] : [f.language]));
          expect(new Set(draft.languages)).toEqual(
            new Set(languages.length > 0 ? languages : ['en']),
          );
          expect(draft.place.wheelchairAccessible === true).toBe(
            meant.some((f) => f.code === 'WC'),
          );
          expect(draft.place.latitude !== undefined).toBe(draft.attendance !== 'online');
          expect(draft.place.regions).toEqual(
            row.service_body_bigint === '3'
              ? ['Mountain Region', 'Valley Area']
              : ['Mountain Region', 'Hill Area'],
          );
          const unknown = meant.some((f) => f.unknown === true);
          expect(problems.some((p) => p.index === i && p.code === 'PL_UNKNOWN_FORMAT')).toBe(
            unknown,
          );
        });
      }),
      { numRuns: 300 },
    );
  });
});
