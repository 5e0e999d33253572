import { describe, expect, expectTypeOf, it } from 'vitest';
import { columnOf, columns } from './columns.js';

interface Place {
  id: string;
  defaultTimeZone?: string;
  lastImportAt?: string;
  count: number;
}

interface PlaceRow {
  id: string;
  default_time_zone: string | null;
  last_import_at: string | null;
  count: number;
  extra: string;
}

const place = columns(['id', 'defaultTimeZone', 'lastImportAt', 'count']);

describe('columns', () => {
  it('names a field’s column in snake case', () => {
    expect(columnOf('id')).toBe('id');
    expect(columnOf('defaultTimeZone')).toBe('default_time_zone');
    expect(columnOf('ride2Home')).toBe('ride2_home');
  });

  it('writes every named field, NULL for an optional one left out', () => {
    const record: Place = { id: 'a', count: 0, lastImportAt: '2026-01-01' };
    const row = place.toRow(record);
    expect(row).toEqual({
      id: 'a',
      default_time_zone: null,
      last_import_at: '2026-01-01',
      count: 0,
    });
    expectTypeOf(row).toEqualTypeOf<{
      id: string;
      default_time_zone: string | null;
      last_import_at: string | null;
      count: number;
    }>();
  });

  it('reads the named columns back, leaving out the NULL ones and the others', () => {
    const row: PlaceRow = {
      id: 'a',
      default_time_zone: 'America/New_York',
      last_import_at: null,
      count: 0,
      extra: 'not named',
    };
    const fields = place.fromRow(row);
    expect(fields).toStrictEqual({ id: 'a', defaultTimeZone: 'America/New_York', count: 0 });
    expect('lastImportAt' in fields).toBe(false);
    expectTypeOf(fields).toExtend<Place>();
  });

  it('round-trips a record', () => {
    const record: Place = { id: 'b', defaultTimeZone: 'UTC', count: 3 };
    expect(place.fromRow({ ...place.toRow(record), extra: '' })).toStrictEqual(record);
  });
});
