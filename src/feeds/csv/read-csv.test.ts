import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { feedContext } from '../../../test/factories/meeting-guide.js';
import { readCsvText } from './read-csv.js';

const fixture = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'csv');

describe('readCsvText', () => {
  it('reads the 12 Step Meeting List template with an Excel BOM and CRLF line ends', () => {
    const text = readFileSync(join(fixture, 'tsml-template.csv'), 'utf8');
    const { drafts, problems, rowCount } = readCsvText(text, feedContext('aa'));
    expect(rowCount).toBe(4);
    expect(drafts.map((d) => d.provenance.sourceSlug)).toEqual([
      'after-work-topic-meeting',
      't-g-i-f',
      'underground-book-study',
    ]);
    expect(drafts[0]).toMatchObject({
      name: 'After Work Topic Meeting',
      schedule: [{ kind: 'weekly', day: 1, start: '18:00', durationMinutes: 60 }],
      types: ['O', 'X'],
      timeZone: 'America/Los_Angeles',
      place: {
        name: 'Saturday Nite Live',
        formattedAddress: '2634 Union Ave, San Jose, CA 95124, USA',
        address: { street: '2634 Union Ave', city: 'San Jose', region: 'CA', postalCode: '95124' },
        regions: ['San Jose', 'West San Jose'],
        wheelchairAccessible: true,
        approximate: false,
      },
      group: { name: 'Saturday Nite Live', website: 'https://saturdaynitelive.example.org/' },
      contributions: [{ kind: 'venmo', value: '@sample-venmo' }],
    });
    expect(drafts[1]!.schedule).toEqual([
      { kind: 'weekly', day: 5, start: '19:30', durationMinutes: 60 },
    ]);
    // A room closed for now, meeting online.
    expect(drafts[2]).toMatchObject({ attendance: 'online', status: 'active' });
    // The header is row 1, so the fifth line is row 5; the field is the sheet's own header.
    expect(problems).toEqual([
      expect.objectContaining({
        index: 3,
        row: 5,
        slug: 'broken-time',
        field: 'Time',
        code: 'PL_INVALID_TIME',
      }),
    ]);
  });

  it('makes one meeting of the weekday rows that share a slug and say the same', () => {
    const text = [
      'Name,Day,Time,Address,City,State,Slug',
      'Hope,Monday,19:00,1 Main St,Greenfield,MA,hope',
      'Hope,Thursday,19:00,1 Main St,Greenfield,MA,hope',
      'Other,Monday,19:00,2 Main St,Greenfield,MA,hope',
    ].join('\n');
    const { drafts, problems } = readCsvText(
      text,
      feedContext('aa', { defaultTimeZone: 'America/New_York' }),
    );
    expect(drafts).toHaveLength(1);
    expect(drafts[0]!.schedule.map((r) => (r.kind === 'weekly' ? r.day : -1))).toEqual([1, 4]);
    expect(problems).toEqual([
      expect.objectContaining({ row: 4, field: 'Slug', code: 'PL_DUPLICATE_SLUG' }),
    ]);
  });

  it('keys sheets without a Slug column on name and place, numbering look-alikes', () => {
    const text = [
      'Name,Day,Time,Location',
      'Hope,Monday,19:00,Grace Church',
      'Hope,Tuesday,19:00,Grace Church',
      'Hope,Friday,08:00,Grace Church',
      ',Friday,08:00,Grace Church',
    ].join('\r\n');
    // The Friday row differs only in its time, so it is another weekday of the same meeting.
    const { drafts, problems } = readCsvText(text, feedContext('aa', { defaultTimeZone: 'UTC' }));
    expect(drafts.map((d) => d.provenance.sourceSlug)).toEqual(['hope-grace-church']);
    expect(drafts[0]!.schedule).toHaveLength(3);
    expect(problems).toEqual([
      expect.objectContaining({ row: 5, field: 'Name', code: 'PL_MISSING_NAME' }),
    ]);
    const twins = readCsvText(
      [
        'Name,Day,Time,Location,Notes',
        'Hope,Monday,19:00,Grace,A',
        'Hope,Monday,20:00,Grace,B',
      ].join('\n'),
      feedContext('aa', { defaultTimeZone: 'UTC' }),
    );
    expect(twins.drafts.map((d) => d.provenance.sourceSlug)).toEqual([
      'hope-grace',
      'hope-grace-2',
    ]);
  });

  it('takes back the apostrophe that guarded a formula-like cell', () => {
    const text = [
      'Name,Day,Time,Notes,Slug',
      `"'=HYPERLINK(""x"")",Monday,19:00,'-- bring a friend,a`,
    ].join('\n');
    const { drafts } = readCsvText(text, feedContext('aa', { defaultTimeZone: 'UTC' }));
    expect(drafts[0]).toMatchObject({ name: '=HYPERLINK("x")', notes: '-- bring a friend' });
  });

  it('refuses text that is not a sheet of meetings', () => {
    for (const text of ['', '[{"name": "json"}]', 'a,b\n1,2', 'Name,Day\n"unclosed,Monday']) {
      expect(() => readCsvText(text, feedContext('aa'))).toThrow(
        expect.objectContaining({ code: 'PL_FEED_NOT_CSV' }),
      );
    }
  });

  it('warns about cells beyond the header', () => {
    const { problems } = readCsvText('Name,Day,Time,Slug\nHope,Monday,19:00,hope,surprise\n', {
      ...feedContext('aa', { defaultTimeZone: 'UTC' }),
    });
    expect(problems).toEqual([expect.objectContaining({ row: 2, code: 'PL_EXTRA_CELLS' })]);
  });
});
