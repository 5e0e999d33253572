import { describe, expect, it } from 'vitest';
import {
  calendarOf,
  isListedGroup,
  occurrencesOf,
  recurrenceOf,
  type CenterEvent,
} from './model.js';

const zone = 'America/New_York';

function event(over: Partial<CenterEvent> = {}): CenterEvent {
  return {
    id: 'e1',
    centerId: 'c1',
    title: 'All Recovery',
    kind: 'group',
    repeat: 'weekly',
    startsOn: '2026-03-03',
    start: '18:00',
    durationMinutes: 60,
    visibility: 'public',
    createdAt: '2026-03-01T00:00:00.000Z',
    updatedAt: '2026-03-01T00:00:00.000Z',
    ...over,
  };
}

const at = (iso: string) => Date.parse(iso);
const local = (ms: number) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(ms)
    .replace(',', '');

describe('calendar events', () => {
  it('keeps a weekly series on its weekday and wall-clock time, from its first date', () => {
    const found = occurrencesOf(
      event(),
      zone,
      at('2026-02-01T00:00:00Z'),
      at('2026-03-25T00:00:00Z'),
    );
    expect(found.map((o) => local(o.start))).toEqual([
      '2026-03-03 18:00',
      '2026-03-10 18:00',
      '2026-03-17 18:00',
      '2026-03-24 18:00',
    ]);
    expect(found[0]!.end - found[0]!.start).toBe(3_600_000);
  });

  it('ends a series on its last date', () => {
    const found = occurrencesOf(
      event({ endsOn: '2026-03-17' }),
      zone,
      at('2026-03-01T00:00:00Z'),
      at('2026-05-01T00:00:00Z'),
    );
    expect(found.map((o) => local(o.start))).toEqual([
      '2026-03-03 18:00',
      '2026-03-10 18:00',
      '2026-03-17 18:00',
    ]);
  });

  it('meets every other week on the weeks of its first date', () => {
    const found = occurrencesOf(
      event({ repeat: 'biweekly', startsOn: '2026-03-10' }),
      zone,
      at('2026-03-01T00:00:00Z'),
      at('2026-04-15T00:00:00Z'),
    );
    expect(found.map((o) => local(o.start))).toEqual([
      '2026-03-10 18:00',
      '2026-03-24 18:00',
      '2026-04-07 18:00',
    ]);
  });

  it('meets monthly on the nth weekday of its first date, or on the last one', () => {
    const second = event({ repeat: 'monthly', startsOn: '2026-03-10' });
    expect(recurrenceOf(second)).toMatchObject({ kind: 'monthly', day: 2, week: 2 });
    const last = event({
      repeat: 'monthly',
      startsOn: '2026-03-27',
      weekOfMonth: -1,
      start: '10:00',
    });
    const found = occurrencesOf(last, zone, at('2026-03-01T00:00:00Z'), at('2026-06-01T00:00:00Z'));
    expect(found.map((o) => local(o.start))).toEqual([
      '2026-03-27 10:00',
      '2026-04-24 10:00',
      '2026-05-29 10:00',
    ]);
  });

  it('happens once on its date, and only when the window holds it', () => {
    const once = event({ repeat: 'once', startsOn: '2026-03-08', start: '02:30' });
    expect(recurrenceOf(once)).toBeUndefined();
    // 02:30 does not exist on the spring-forward day: it moves on by the gap, as meetings do.
    const found = occurrencesOf(once, zone, at('2026-03-01T00:00:00Z'), at('2026-04-01T00:00:00Z'));
    expect(found.map((o) => local(o.start))).toEqual(['2026-03-08 03:30']);
    expect(
      occurrencesOf(once, zone, at('2026-03-09T00:00:00Z'), at('2026-04-01T00:00:00Z')),
    ).toEqual([]);
  });

  it('puts several events in order of start', () => {
    const morning = event({ id: 'e2', title: 'Yoga', start: '09:00', startsOn: '2026-03-04' });
    const found = calendarOf(
      [event(), morning],
      zone,
      at('2026-03-03T00:00:00Z'),
      at('2026-03-05T12:00:00Z'),
    );
    expect(found.map((o) => o.event.id)).toEqual(['e1', 'e2']);
  });

  it('lists only public groups that meet on a rule and have not ended', () => {
    const today = '2026-03-20';
    expect(isListedGroup(event(), today)).toBe(true);
    expect(isListedGroup(event({ kind: 'class' }), today)).toBe(false);
    expect(isListedGroup(event({ visibility: 'staff' }), today)).toBe(false);
    expect(isListedGroup(event({ repeat: 'once' }), today)).toBe(false);
    expect(isListedGroup(event({ endsOn: '2026-03-19' }), today)).toBe(false);
    expect(isListedGroup(event({ endsOn: '2026-03-20' }), today)).toBe(true);
  });
});
