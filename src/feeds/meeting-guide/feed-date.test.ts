import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { formatFeedDate, parseFeedDate } from './feed-date.js';

describe('parseFeedDate', () => {
  it.each([
    ['2023-08-29 15:56:59', '2023-08-29T15:56:59Z'],
    ['2023-08-29T15:56:59', '2023-08-29T15:56:59Z'],
    ['2023-08-29 15:56', '2023-08-29T15:56:00Z'],
    ['2023-08-29', '2023-08-29T00:00:00Z'],
    ['  2023-08-29  ', '2023-08-29T00:00:00Z'],
    ['2023-08-29T15:56:59Z', '2023-08-29T15:56:59Z'],
    ['2023-08-29T15:56:59.123Z', '2023-08-29T15:56:59Z'],
    ['2023-08-29T15:56:59-04:00', '2023-08-29T19:56:59Z'],
    ['2023-08-29T15:56:59+0200', '2023-08-29T13:56:59Z'],
    ['2023-08-29T22:00:00-04:00', '2023-08-30T02:00:00Z'],
    ['2024-02-29 12:00:00', '2024-02-29T12:00:00Z'],
    ['8/25/2022 11:17:07 AM', '2022-08-25T11:17:07Z'],
    ['8/25/2022 1:17:07 PM', '2022-08-25T13:17:07Z'],
    ['8/25/2022 12:05:00 AM', '2022-08-25T00:05:00Z'],
    ['8/25/2022 12:05:00 PM', '2022-08-25T12:05:00Z'],
    ['08/05/2022 13:17', '2022-08-05T13:17:00Z'],
    ['8/25/2022', '2022-08-25T00:00:00Z'],
  ])('reads %j as %s', (input, iso) => {
    expect(parseFeedDate(input)).toBe(iso);
  });

  it.each([
    '2023-02-30 10:00:00',
    '2023-02-29',
    '2023-04-31T10:00:00Z',
    '2023-02-30T10:00:00-04:00',
    '2023-04-31T10:00:00+0200',
    '2/30/2023 10:00:00 AM',
    '13/25/2022',
    '2023-13-01',
    '2023-08-29 25:00:00',
    'yesterday',
    '',
    '1/1/1800',
    '1800-01-01',
    '2023-08-29 15:56:59 extra',
  ])('refuses %j', (input) => {
    expect(parseFeedDate(input)).toBeUndefined();
  });

  it('reads back what formatFeedDate writes, for any second in range', () => {
    const instants = fc.date({
      min: new Date('1990-01-01T00:00:00Z'),
      max: new Date('2200-12-31T23:59:59Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(instants, (date) => {
        const iso = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
        expect(parseFeedDate(formatFeedDate(iso))).toBe(iso);
        expect(parseFeedDate(iso)).toBe(iso);
      }),
    );
  });

  it('gives either undefined or a UTC instant, whatever it is given', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const out = parseFeedDate(text);
        if (out !== undefined) expect(out).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      }),
    );
  });
});

describe('formatFeedDate', () => {
  it('writes an ISO instant as "YYYY-MM-DD HH:MM:SS"', () => {
    expect(formatFeedDate('2023-08-29T15:56:59Z')).toBe('2023-08-29 15:56:59');
    expect(formatFeedDate('2023-08-29T15:56:59.123Z')).toBe('2023-08-29 15:56:59');
  });
});
