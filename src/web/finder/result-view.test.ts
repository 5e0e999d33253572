import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { badgeFor, dayLabel, resultView, waysOf, type PresentedResult } from './result-view.js';

const next = (minutesUntilStart: number, inProgress = false) => ({
  at: '2026-11-26T23:20:00.000Z',
  end: '2026-11-27T00:20:00.000Z',
  local: '2026-11-26T18:20:00-05:00',
  viewer: '2026-11-26T18:20:00-05:00',
  inProgress,
  minutesUntilStart,
});

function result(overrides: Partial<PresentedResult> = {}): PresentedResult {
  return {
    slug: 'greenfield-big-book',
    url: 'https://meetings.example.org/meetings/greenfield-big-book',
    name: 'Greenfield Big Book',
    program: 'aa',
    attendance: 'in_person',
    status: 'active',
    timeZone: 'America/New_York',
    placeName: 'Second Congregational Church',
    address: '16 Court Sq, Greenfield, MA 01301, USA',
    city: 'Greenfield',
    latitude: 42.5876,
    longitude: -72.5995,
    approximate: false,
    wheelchairAccessible: true,
    hasOnlineLink: false,
    hasPhone: false,
    types: ['O'],
    languages: ['en'],
    focus: ['alcohol'],
    ...overrides,
  };
}

// Thursday 2026-11-26, 18:00 in Greenfield (23:00 UTC).
const now = Date.parse('2026-11-26T23:00:00Z');

describe('badges', () => {
  it('marks a meeting under way, whatever its start', () => {
    expect(badgeFor(next(-30, true))).toEqual({ kind: 'now' });
  });

  it('counts down the last hour before a start, and stays quiet before that', () => {
    expect(badgeFor(next(20))).toEqual({ kind: 'soon', minutes: 20 });
    expect(badgeFor(next(60))).toEqual({ kind: 'soon', minutes: 60 });
    expect(badgeFor(next(61))).toBeUndefined();
    expect(badgeFor(undefined)).toBeUndefined();
  });

  it('never promises a start in zero minutes', () => {
    expect(badgeFor(next(0))).toEqual({ kind: 'soon', minutes: 1 });
  });

  it('chooses exactly one of: under way, soon, none', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1440, max: 20_000 }), fc.boolean(), (minutes, inProgress) => {
        const badge = badgeFor(next(minutes, inProgress));
        if (inProgress) expect(badge).toEqual({ kind: 'now' });
        else if (minutes <= 60) expect(badge?.kind).toBe('soon');
        else expect(badge).toBeUndefined();
      }),
    );
  });
});

describe('ways of attending', () => {
  it('calls a phone-only meeting "by phone", not online', () => {
    expect(waysOf({ attendance: 'online', hasOnlineLink: false, hasPhone: true })).toEqual([
      'phone',
    ]);
  });

  it('names the dial-in next to any other way', () => {
    expect(waysOf({ attendance: 'hybrid', hasOnlineLink: true, hasPhone: true })).toEqual([
      'hybrid',
      'phone',
    ]);
    expect(waysOf({ attendance: 'in_person', hasOnlineLink: false, hasPhone: false })).toEqual([
      'in_person',
    ]);
    expect(waysOf({ attendance: 'online', hasOnlineLink: false, hasPhone: false })).toEqual([
      'online',
    ]);
  });
});

describe('day labels', () => {
  const zone = 'America/New_York';
  const at = (iso: string) => Date.parse(iso);

  it('says today and tomorrow in the zone, then the weekday, then the date', () => {
    expect(dayLabel(at('2026-11-27T00:30:00Z'), now, zone, 'en')).toBe('Today');
    expect(dayLabel(at('2026-11-27T05:30:00Z'), now, zone, 'en')).toBe('Tomorrow');
    expect(dayLabel(at('2026-11-27T05:30:00Z'), now, zone, 'es')).toBe('Mañana');
    expect(dayLabel(at('2026-12-01T17:00:00Z'), now, zone, 'en')).toBe('Tuesday');
    expect(dayLabel(at('2026-12-01T17:00:00Z'), now, zone, 'es')).toBe('Martes');
    expect(dayLabel(at('2026-12-06T17:00:00Z'), now, zone, 'en')).toBe('Sunday, December 6');
    expect(dayLabel(at('2026-12-06T17:00:00Z'), now, zone, 'es')).toBe('Domingo, 6 de diciembre');
  });

  it('reads the calendar of the zone, not of UTC', () => {
    // 01:00 UTC on Friday is still Thursday evening in New York, but Friday in Berlin.
    const start = at('2026-11-27T01:00:00Z');
    expect(dayLabel(start, now, zone, 'en')).toBe('Today');
    expect(dayLabel(start, now, 'Europe/Berlin', 'en')).toBe('Today');
    expect(dayLabel(start, at('2026-11-26T20:00:00Z'), 'Europe/Berlin', 'en')).toBe('Tomorrow');
  });

  it('turns the day at local midnight in zones a quarter or half hour off the hour', () => {
    // Kathmandu is UTC+5:45: local midnight of Friday 27 November is 18:15 UTC on the 26th.
    const kathmandu = 'Asia/Kathmandu';
    const start = at('2026-11-26T18:20:00Z'); // 00:05 on Friday there
    expect(dayLabel(start, at('2026-11-26T18:14:00Z'), kathmandu, 'en')).toBe('Tomorrow');
    expect(dayLabel(start, at('2026-11-26T18:15:00Z'), kathmandu, 'en')).toBe('Today');
    // Adelaide is UTC+10:30 in its summer.
    const adelaide = 'Australia/Adelaide';
    const morning = at('2026-11-26T13:35:00Z'); // 00:05 on Friday there
    expect(dayLabel(morning, at('2026-11-26T13:29:59Z'), adelaide, 'en')).toBe('Tomorrow');
    expect(dayLabel(morning, at('2026-11-26T13:30:00Z'), adelaide, 'en')).toBe('Today');
  });

  it('agrees with the calendar of the zone for any start and moment (remembered or not)', () => {
    const zones = ['America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham'];
    const ymd = (instant: number, zone: string) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: zone, dateStyle: 'short' }).format(instant);
    const dayNumber = (instant: number, zone: string) => Date.parse(`${ymd(instant, zone)}T00:00Z`);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 366 * 24 * 60 }),
        fc.integer({ min: -1440, max: 10 * 1440 }),
        fc.constantFrom(...zones),
        (nowMinute, ahead, zone) => {
          const moment = Date.parse('2026-01-01T00:00:00Z') + nowMinute * 60_000;
          const start = moment + ahead * 60_000;
          const days = (dayNumber(start, zone) - dayNumber(moment, zone)) / 86_400_000;
          const label = dayLabel(start, moment, zone, 'en');
          if (days === 0) expect(label).toBe('Today');
          else if (days === 1) expect(label).toBe('Tomorrow');
          else if (days === -1) expect(label).toBe('Yesterday');
          else expect(['Today', 'Tomorrow', 'Yesterday']).not.toContain(label);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('a result', () => {
  it("shows the start in the meeting's zone and, when it reads differently, in the viewer's", () => {
    const r = result({ next: next(20) });
    const here = resultView(r, { locale: 'en', now, viewerZone: 'America/New_York' });
    expect(here.when).toMatchObject({ day: 'Today', time: '6:20 PM', zone: 'EST' });
    expect(here.when?.viewer).toBeUndefined();
    const west = resultView(r, { locale: 'en', now, viewerZone: 'America/Los_Angeles' });
    expect(west.when?.viewer).toEqual({ day: 'Today', time: '3:20 PM', zone: 'PST' });
    expect(west.badge).toEqual({ kind: 'soon', minutes: 20 });
  });

  it('names the venue and town, only the town for an approximate place, nothing for online', () => {
    expect(resultView(result(), { locale: 'en', now, viewerZone: undefined }).place).toBe(
      'Second Congregational Church, Greenfield',
    );
    const approximate = result({ approximate: true, placeName: 'Somewhere' });
    expect(resultView(approximate, { locale: 'en', now, viewerZone: undefined }).place).toBe(
      'Greenfield',
    );
    const online = result({ attendance: 'online', hasOnlineLink: true });
    expect(resultView(online, { locale: 'en', now, viewerZone: undefined }).place).toBeUndefined();
  });

  it('names the program in the reader’s language and keeps by-appointment meetings timeless', () => {
    const view = resultView(result(), { locale: 'es', now, viewerZone: undefined });
    expect(view.program).toBe('Alcohólicos Anónimos');
    expect(view.when).toBeUndefined();
    expect(view.badge).toBeUndefined();
  });
});
