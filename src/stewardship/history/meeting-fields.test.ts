import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeMeeting } from '../../../test/factories/meeting.js';
import {
  applyChanges,
  diffMeetings,
  getField,
  meetingFields,
  sameFieldValue,
  sameValue,
  setField,
} from './meeting-fields.js';

const variant = fc.record(
  {
    name: fc.string({ minLength: 1, maxLength: 20 }),
    notes: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
    url: fc.option(fc.constantFrom('https://zoom.us/j/1', 'https://meet.google.com/a-b-c'), {
      nil: undefined,
    }),
    phone: fc.option(fc.constantFrom('+14135550100', '+14135550199'), { nil: undefined }),
    venue: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
    // Plus zero: stored values go through JSON, which has no negative zero.
    lat: fc.option(
      fc.double({ min: -80, max: 80, noNaN: true }).map((x) => x + 0),
      { nil: undefined },
    ),
    verified: fc.option(fc.constant('2026-11-01T00:00:00.000Z'), { nil: undefined }),
  },
  { requiredKeys: ['name'] },
);

function meetingOf(v: {
  name: string;
  notes?: string | undefined;
  url?: string | undefined;
  phone?: string | undefined;
  venue?: string | undefined;
  lat?: number | undefined;
  verified?: string | undefined;
}) {
  const m = makeMeeting({ name: v.name });
  setField(m, 'notes', v.notes);
  setField(m, 'online.url', v.url);
  setField(m, 'online.phone', v.phone);
  setField(m, 'place.name', v.venue);
  setField(
    m,
    'place.coordinates',
    v.lat === undefined ? undefined : { latitude: v.lat, longitude: 1 },
  );
  setField(m, 'provenance.lastVerifiedAt', v.verified);
  return m;
}

describe('meeting fields', () => {
  it('diff then apply gives the other version, and applying the befores undoes it', () => {
    fc.assert(
      fc.property(variant, variant, (a, b) => {
        const before = meetingOf(a);
        const after = meetingOf(b);
        const changes = diffMeetings(before, after);
        expect(diffMeetings(applyChanges(before, changes), after)).toEqual([]);
        expect(diffMeetings(applyChanges(after, changes, 'before'), before)).toEqual([]);
        // Changes survive JSON, as they are stored.
        expect(JSON.parse(JSON.stringify(changes))).toEqual(changes);
      }),
    );
  });

  it('takes where found coordinates came from with them: a pin replaces a ZIP code’s centre', () => {
    const centred = makeMeeting({ name: 'Hope' });
    Object.assign(centred.place, { latitude: 37.25, longitude: -121.92, geocoded: 'postal_code' });
    const pinned = makeMeeting({ name: 'Hope' });
    Object.assign(pinned.place, { latitude: 37.2631, longitude: -121.9324 });
    const changes = diffMeetings(centred, pinned);
    expect(changes).toEqual([
      {
        field: 'place.coordinates',
        before: { latitude: 37.25, longitude: -121.92, geocoded: 'postal_code' },
        after: { latitude: 37.2631, longitude: -121.9324 },
      },
    ]);
    expect(applyChanges(centred, changes).place.geocoded).toBeUndefined();
    expect(applyChanges(pinned, changes, 'before').place).toMatchObject({
      latitude: 37.25,
      geocoded: 'postal_code',
    });
  });

  it('keeps the provider in step with the link', () => {
    const m = makeMeeting();
    setField(m, 'online.url', 'https://meet.google.com/abc-defg-hij');
    expect(m.online.provider).toBe('google_meet');
    setField(m, 'online.url', undefined);
    expect(m.online.provider).toBeUndefined();
  });

  it('compares values whatever the key order, and copies rather than shares', () => {
    expect(sameValue({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(sameValue(undefined, null)).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    const m = makeMeeting();
    const schedule = getField(m, 'schedule') as unknown[];
    schedule.pop();
    expect(m.schedule).toHaveLength(1);
    expect(new Set(meetingFields).size).toBe(meetingFields.length);
  });
});

describe('fields that are sets', () => {
  it('see a new order of the same codes as no change', () => {
    const before = makeMeeting({ types: ['O', 'D', 'X'] });
    const after = { ...before, types: ['D', 'X', 'O'] };
    expect(diffMeetings(before, after)).toEqual([]);
    expect(diffMeetings(before, { ...before, types: ['D', 'O'] }).map((c) => c.field)).toEqual([
      'types',
    ]);
    expect(sameFieldValue('types', ['O', 'D'], ['D', 'O'])).toBe(true);
    expect(sameFieldValue('schedule', [1, 2], [2, 1])).toBe(false);
  });
});
