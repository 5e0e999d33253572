import { describe, expect, it } from 'vitest';
import { feedContext, mgOnlineRow, mgRow } from '../../../test/factories/meeting-guide.js';
import { readMeetingGuideRow, unreadableRow } from './read-row.js';
import { readMeetingGuideFeed } from './read-feed.js';

const read = (row: unknown, program = 'aa') => readMeetingGuideRow(row, 0, feedContext(program));
const codes = (row: unknown, program = 'aa') => read(row, program).problems.map((p) => p.code);

describe('readMeetingGuideRow: when', () => {
  it('reads a numeric day and a 24-hour time with its end time', () => {
    expect(read(mgRow({ day: 2, time: '19:00', end_time: '20:30' })).draft?.schedule).toEqual([
      { kind: 'weekly', day: 2, start: '19:00', durationMinutes: 90 },
    ]);
  });

  it('reads a day given as a numeric string, a name, or a list', () => {
    expect(read(mgRow({ day: '1' })).draft?.schedule[0]).toMatchObject({ day: 1 });
    expect(read(mgRow({ day: 'Saturday' })).draft?.schedule[0]).toMatchObject({ day: 6 });
    const days = read(mgRow({ day: [1, 3, 5] })).draft?.schedule.map((r) =>
      r.kind === 'weekly' ? r.day : null,
    );
    expect(days).toEqual([1, 3, 5]);
  });

  it('reads 12-hour times and a meeting that ends after midnight', () => {
    const schedule = read(mgRow({ time: '11:30 PM', end_time: '12:30 AM' })).draft?.schedule;
    expect(schedule).toEqual([{ kind: 'weekly', day: 2, start: '23:30', durationMinutes: 60 }]);
  });

  it('assumes one hour when there is no end time, and warns on an unreadable one', () => {
    expect(read(mgRow({ end_time: undefined })).draft?.schedule[0]).toMatchObject({
      durationMinutes: 60,
    });
    const reading = read(mgRow({ end_time: 'late' }));
    expect(reading.draft?.schedule[0]).toMatchObject({ durationMinutes: 60 });
    expect(reading.problems).toMatchObject([
      { code: 'PL_INVALID_END_TIME', field: 'end_time', severity: 'warning' },
    ]);
  });

  it('reads a row without a day as by appointment', () => {
    const reading = read(mgRow({ day: undefined, time: undefined }));
    expect(reading.draft?.schedule).toEqual([{ kind: 'by_appointment' }]);
    expect(reading.problems).toEqual([]);
  });

  it('refuses impossible days and times with a located error', () => {
    for (const day of [7, -1, 'Funday', 2.5, { d: 1 }]) {
      const reading = read(mgRow({ day }));
      expect(reading.draft).toBeUndefined();
      expect(reading.problems[0]).toMatchObject({
        index: 0,
        slug: 'greenfield-big-book',
        field: 'day',
        code: 'PL_INVALID_DAY',
        severity: 'error',
      });
    }
    for (const time of ['25:00', '19:75', 'evening', 1900]) {
      expect(codes(mgRow({ time }))).toContain('PL_INVALID_TIME');
      expect(read(mgRow({ time })).draft).toBeUndefined();
    }
  });
});

describe('readMeetingGuideRow: what', () => {
  it('keeps program codes, moves language codes to languages and accepts English names', () => {
    const draft = read(mgRow({ types: ['O', 'Women', 'S', 'X'] })).draft!;
    expect(draft.types).toEqual(['O', 'W', 'X']);
    expect(draft.languages).toEqual(['es']);
    expect(draft.place.wheelchairAccessible).toBe(true);
    expect(draft.focus).toEqual(['alcohol']);
  });

  it('reads the same code in the program of the feed', () => {
    expect(read(mgRow({ types: ['Y'] }), 'aa').draft!.types).toEqual(['Y']);
    const alAnon = read(mgRow({ types: ['Y'] }), 'al-anon').draft!;
    expect(alAnon.program).toBe('al-anon');
    expect(alAnon.focus).toContain('family_and_friends');
  });

  it('drops an unknown type with a warning and keeps the meeting', () => {
    const reading = read(mgRow({ types: ['O', 'ZZZ'] }));
    expect(reading.draft!.types).toEqual(['O']);
    expect(reading.problems).toMatchObject([
      { code: 'PL_UNKNOWN_TYPE', field: 'types', severity: 'warning' },
    ]);
  });
});

describe('readMeetingGuideRow: attendance and status, as the Meeting Guide clients derive them', () => {
  it('an exact address without a link is in person', () => {
    expect(read(mgRow()).draft).toMatchObject({ attendance: 'in_person', status: 'active' });
  });

  it('a link with an approximate address is online', () => {
    const draft = read(mgOnlineRow()).draft!;
    expect(draft).toMatchObject({ attendance: 'online', status: 'active' });
    expect(draft.online).toMatchObject({ url: 'https://zoom.us/j/85551234567', provider: 'zoom' });
    expect(draft.place.approximate).toBe(true);
  });

  it('a link with an exact address is hybrid; a dial-in alone also counts', () => {
    expect(
      read(mgRow({ conference_url: 'https://meet.google.com/abc-defg-hij' })).draft,
    ).toMatchObject({ attendance: 'hybrid' });
    const phone = read(
      mgRow({
        formatted_address: 'Colrain, MA, USA',
        conference_phone: '+1 646 558 8656,,85551234567#',
      }),
    ).draft!;
    expect(phone).toMatchObject({ attendance: 'online', status: 'active' });
    expect(phone.online.phone).toBe('+16465588656,,85551234567#');
  });

  it('TC closes the room: online if there is a link, else temporarily closed', () => {
    expect(
      read(mgRow({ types: ['O', 'TC'], conference_url: 'https://zoom.us/j/1234567' })).draft,
    ).toMatchObject({
      attendance: 'online',
      status: 'active',
      types: ['O'],
    });
    expect(read(mgRow({ types: ['TC'] })).draft).toMatchObject({
      attendance: 'in_person',
      status: 'temporarily_closed',
    });
  });

  it('no room and no link means nobody can attend: inactive', () => {
    expect(read(mgRow({ formatted_address: 'Greenfield, MA, USA' })).draft).toMatchObject({
      status: 'inactive',
    });
  });

  it('honours an explicit approximate flag over the address shape', () => {
    expect(read(mgRow({ approximate: 'yes' })).draft!.place.approximate).toBe(true);
    expect(
      read(mgRow({ formatted_address: 'Main St, Colrain, MA', approximate: 'no' })).draft!.place
        .approximate,
    ).toBe(false);
  });
});

describe('readMeetingGuideRow: where', () => {
  it('splits a formatted address into parts', () => {
    expect(read(mgRow()).draft!.place.address).toEqual({
      street: '16 Court Sq',
      city: 'Greenfield',
      region: 'MA',
      postalCode: '01301',
      country: 'USA',
    });
  });

  it('builds the formatted address from parts', () => {
    const place = read(
      mgRow({
        formatted_address: undefined,
        address: '16 Court Sq',
        city: 'Greenfield',
        state: 'MA',
        postal_code: '01301',
        country: 'US',
      }),
    ).draft!.place;
    expect(place.formattedAddress).toBe('16 Court Sq, Greenfield, MA 01301, US');
    expect(place.approximate).toBe(false);
  });

  it('reads a whole address written into `address`', () => {
    const place = read(
      mgRow({
        formatted_address: undefined,
        address: '8318 104 St, Edmonton, Alberta, T6E 4E8, Canada',
      }),
    ).draft!.place;
    expect(place.formattedAddress).toBe('8318 104 St, Edmonton, Alberta, T6E 4E8, Canada');
    expect(place.address.city).toBe('Edmonton');
  });

  it('infers the time zone from coordinates and honours a given one', () => {
    expect(read(mgRow()).draft!.timeZone).toBe('America/New_York');
    expect(read(mgRow({ latitude: 53.52, longitude: -113.5 })).draft!.timeZone).toBe(
      'America/Edmonton',
    );
    expect(read(mgRow({ timezone: 'america/chicago' })).draft!.timeZone).toBe('America/Chicago');
    const bad = read(mgRow({ timezone: 'Mars/Olympus' }));
    expect(bad.draft!.timeZone).toBe('America/New_York');
    expect(bad.problems).toMatchObject([{ code: 'PL_INVALID_TIMEZONE', field: 'timezone' }]);
  });

  it('infers the zone of a row that names only a town, without inventing coordinates', () => {
    const rows = [
      mgRow({
        latitude: undefined,
        longitude: undefined,
        formatted_address: undefined,
        city: 'Edmonton',
        state: 'AB',
      }),
    ];
    const edmonton = { latitude: 53.55, longitude: -113.49 };
    const asked: string[] = [];
    const reading = readMeetingGuideFeed(
      rows,
      feedContext('aa', { locateTown: (town) => (asked.push(town), edmonton) }),
    );
    expect(asked).toEqual(['Edmonton, AB']);
    expect(reading.drafts[0]!.timeZone).toBe('America/Edmonton');
    expect(reading.drafts[0]!.place.latitude).toBeUndefined();
    expect(reading.problems).toEqual([]);
  });

  it('says when no zone can be inferred', () => {
    const reading = read(mgRow({ latitude: undefined, longitude: undefined }));
    expect(reading.timeZoneMissing).toBe(true);
  });

  it('drops out-of-range coordinates with a warning', () => {
    const reading = read(mgRow({ latitude: 123, longitude: -72 }));
    expect(reading.draft!.place.latitude).toBeUndefined();
    expect(reading.problems).toMatchObject([{ code: 'PL_INVALID_COORDINATES' }]);
  });
});

describe('readMeetingGuideRow: untrusted text', () => {
  it('drops javascript: and other non-http links with a warning', () => {
    for (const url of [
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
    ]) {
      const reading = read(mgRow({ conference_url: url, website: url }));
      expect(reading.draft!.online.url).toBeUndefined();
      expect(reading.draft!.group.website).toBeUndefined();
      expect(reading.problems.map((p) => [p.field, p.code])).toEqual([
        ['conference_url', 'PL_UNSAFE_URL'],
        ['website', 'PL_UNSAFE_URL'],
      ]);
    }
    expect(codes(mgRow({ conference_url: 'https://' }))).toEqual(['PL_INVALID_URL']);
  });

  it('refuses rows without a name or slug, and over-long names', () => {
    expect(codes(mgRow({ name: '' }))).toEqual(['PL_MISSING_NAME']);
    expect(codes(mgRow({ slug: undefined }))).toEqual(['PL_MISSING_SLUG']);
    expect(codes(mgRow({ name: 'x'.repeat(201) }))).toEqual(['PL_TOO_LONG']);
    expect(read(mgRow({ name: 'x'.repeat(201) })).draft).toBeUndefined();
    expect(codes(42)).toEqual(['PL_ROW_NOT_OBJECT']);
  });

  it('drops over-long optional text with a warning but keeps the meeting', () => {
    const reading = read(mgRow({ notes: 'n'.repeat(10_001) }));
    expect(reading.draft!.notes).toBeUndefined();
    expect(reading.problems).toMatchObject([{ code: 'PL_TEXT_TRUNCATED', field: 'notes' }]);
  });

  it('keeps script payloads as inert text (escaping is the presenter’s job)', () => {
    const draft = read(
      mgRow({ name: '<script>alert(1)</script>', notes: '<img src=x onerror=alert(1)>' }),
    ).draft!;
    expect(draft.name).toBe('<script>alert(1)</script>');
  });
});

describe('readMeetingGuideRow: group, money, entity and provenance', () => {
  it('maps group, contacts, contributions and entity fields', () => {
    const draft = read(
      mgRow({
        group: 'Big Book Group',
        group_id: 77,
        group_notes: 'Business meeting first Tuesday',
        contact_1_name: 'Sam R.',
        contact_1_email: 'sam@example.org',
        venmo: '@bigbook',
        entity: 'Franklin County Intergroup',
        entity_url: 'https://intergroup.example.org',
      }),
    ).draft!;
    expect(draft.group).toMatchObject({
      name: 'Big Book Group',
      sourceId: '77',
      contactsPublic: true,
    });
    expect(draft.group.contacts).toEqual([{ name: 'Sam R.', email: 'sam@example.org' }]);
    expect(draft.contributions).toEqual([{ kind: 'venmo', value: '@bigbook' }]);
    expect(draft.entity).toEqual({
      name: 'Franklin County Intergroup',
      url: 'https://intergroup.example.org/',
    });
  });

  it('keeps unknown fields as provenance and drops the editor’s email', () => {
    const draft = read(
      mgRow({ id: 64769, custom_field: 'x', author: 'editor@example.org', edit_url: 'https://x' }),
    ).draft!;
    expect(draft.provenance.extra).toEqual({ id: 64769, custom_field: 'x' });
    expect(JSON.stringify(draft)).not.toContain('editor@example.org');
    expect(draft.provenance.sourceUpdatedAt).toBe('2026-10-03T18:22:10Z');
  });
});

describe('readMeetingGuideRow: the program extension field', () => {
  it('reads the codes in the row’s own program, over the feed’s', () => {
    const reading = read(mgRow({ program: 'na', types: ['O', 'JT'] }), 'aa');
    expect(reading.problems).toEqual([]);
    expect(reading.draft).toMatchObject({ program: 'na', types: ['O', 'JT'] });
  });

  it('warns on a program it does not know, and reads the feed’s', () => {
    const reading = read(mgRow({ program: 'zz', types: ['O'] }), 'aa');
    expect(reading.draft).toMatchObject({ program: 'aa', types: ['O'] });
    expect(reading.problems).toMatchObject([{ code: 'PL_INVALID_FIELD', field: 'program' }]);
  });
});

describe('unreadableRow', () => {
  it('stops a row nested too deep or not an object, before any field is read', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100; i++) deep = { nested: deep };
    expect(unreadableRow(deep, 3)).toMatchObject({ index: 3, code: 'PL_ROW_TOO_DEEP' });
    for (const raw of [null, 'row', 7, [mgRow({})]])
      expect(unreadableRow(raw, 1)).toMatchObject({ index: 1, code: 'PL_ROW_NOT_OBJECT' });
    expect(unreadableRow(mgRow({}), 0)).toBeUndefined();
  });
});
