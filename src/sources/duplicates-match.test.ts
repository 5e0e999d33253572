import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Recurrence } from '../meetings/model.js';
import {
  conferenceKey,
  distanceMetres,
  findClusters,
  pairKey,
  samePlaceMetres,
  startSignature,
  type DuplicateCandidate,
} from './duplicates-match.js';

const weekly = (day: number, start: string): Recurrence => ({
  kind: 'weekly',
  day: day as 0,
  start,
  durationMinutes: 60,
});

describe('conferenceKey', () => {
  it('reads one Zoom room from its many links', () => {
    const links = [
      'https://zoom.us/j/85551234567',
      'https://us02web.zoom.us/j/85551234567?pwd=abc123',
      'http://ZOOM.US/j/85551234567/',
      'https://zoom.us/wc/join/85551234567',
      'https://us06web.zoom.us/w/85551234567?tk=x',
      'https://zoom.us/join?confno=85551234567',
    ];
    expect(new Set(links.map(conferenceKey))).toEqual(new Set(['zoom:85551234567']));
    expect(conferenceKey('https://zoom.us/j/85551234568')).toBe('zoom:85551234568');
    expect(conferenceKey('https://acme.zoom.us/my/Serenity.Group')).toBe('zoom:my:serenity.group');
  });

  it('reads Google Meet codes and other links by host, path and meaningful query', () => {
    expect(conferenceKey('https://meet.google.com/ABC-defg-hij?authuser=0')).toBe(
      'meet:abc-defg-hij',
    );
    expect(conferenceKey('https://www.example.org/room/7?utm_source=x&b=2&a=1')).toBe(
      'example.org/room/7?a=1&b=2',
    );
    expect(conferenceKey('https://example.org/room/7?id=1')).not.toBe(
      conferenceKey('https://example.org/room/7?id=2'),
    );
    expect(conferenceKey('not a link')).toBeUndefined();
    expect(conferenceKey('ftp://example.org/x')).toBeUndefined();
  });
});

describe('startSignature', () => {
  it('is the same instant whatever zone names it, all year', () => {
    const boston = startSignature([weekly(2, '19:00')], 'America/New_York');
    expect(startSignature([weekly(2, '19:00')], 'America/Toronto')).toBe(boston);
    expect(startSignature([weekly(2, '16:00')], 'America/Los_Angeles')).toBe(boston);
    expect(startSignature([weekly(2, '20:00')], 'America/Halifax')).toBe(boston);
    // Midnight UTC is 19:00 in Boston only in winter (and falls on the next day).
    expect(startSignature([weekly(3, '00:00')], 'UTC')).not.toBe(boston);
    expect(startSignature([weekly(4, '00:00')], 'Europe/London')).not.toBe(
      startSignature([weekly(4, '00:00')], 'UTC'),
    );
    expect(startSignature([weekly(2, '19:30')], 'America/New_York')).not.toBe(boston);
    expect(startSignature([weekly(3, '19:00')], 'America/New_York')).not.toBe(boston);
  });

  it('tells apart zones that agree only half the year, and rhythms', () => {
    // Phoenix keeps standard time: it agrees with Denver in winter only.
    expect(startSignature([weekly(1, '18:00')], 'America/Phoenix')).not.toBe(
      startSignature([weekly(1, '18:00')], 'America/Denver'),
    );
    const monthly: Recurrence = {
      kind: 'monthly',
      day: 1,
      start: '18:00',
      durationMinutes: 60,
      week: 1,
    };
    expect(startSignature([monthly], 'UTC')).not.toBe(startSignature([weekly(1, '18:00')], 'UTC'));
    const fortnight = (anchorDate: string): Recurrence => ({
      kind: 'biweekly',
      day: 1,
      start: '18:00',
      durationMinutes: 60,
      anchorDate,
    });
    expect(startSignature([fortnight('2026-01-05')], 'UTC')).toBe(
      startSignature([fortnight('2026-01-19')], 'UTC'),
    );
    expect(startSignature([fortnight('2026-01-05')], 'UTC')).not.toBe(
      startSignature([fortnight('2026-01-12')], 'UTC'),
    );
    expect(startSignature([{ kind: 'by_appointment' }], 'UTC')).toBe('');
  });
});

const greenfield = { lat: 42.5876, lng: -72.5995 };
/** A point `north` metres north and `east` metres east of Greenfield's common. */
const near = (north: number, east: number) => ({
  lat: greenfield.lat + north / 111_195,
  lng: greenfield.lng + east / (111_195 * Math.cos((greenfield.lat * Math.PI) / 180)),
});

function candidate(overrides: Partial<DuplicateCandidate> & { id: string; sourceId: string }) {
  return {
    program: 'aa',
    attendance: 'in_person' as const,
    when: 'w1140/1140',
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

describe('findClusters', () => {
  it('merges one meeting listed by several sources, and keeps apart what differs', () => {
    const clusters = findClusters([
      candidate({ id: 'a1', sourceId: 'a', point: near(0, 0) }),
      candidate({
        id: 'b1',
        sourceId: 'b',
        point: near(30, 0),
        createdAt: '2025-06-01T00:00:00.000Z',
      }),
      candidate({ id: 'c1', sourceId: 'c', point: near(300, 0) }),
      candidate({ id: 'd1', sourceId: 'd', point: near(10, 0), when: 'w1200/1200' }),
      candidate({ id: 'e1', sourceId: 'e', point: near(10, 0), program: 'al-anon' }),
      candidate({ id: 'o1', sourceId: 'a', attendance: 'online', room: 'zoom:1' }),
      candidate({
        id: 'o2',
        sourceId: 'b',
        attendance: 'hybrid',
        room: 'zoom:1',
        point: near(5000, 0),
      }),
      candidate({ id: 'o3', sourceId: 'c', attendance: 'online', room: 'zoom:2' }),
    ]);
    expect(clusters).toEqual([
      { canonicalId: 'b1', memberIds: ['a1', 'b1'], reasons: ['place'] },
      { canonicalId: 'o1', memberIds: ['o1', 'o2'], reasons: ['online'] },
    ]);
  });

  it('never merges two meetings of one source, nor a pair an editor split', () => {
    const men = candidate({ id: 'm', sourceId: 'a', point: near(0, 0) });
    const women = candidate({ id: 'w', sourceId: 'a', point: near(0, 0) });
    const other = candidate({ id: 'x', sourceId: 'b', point: near(0, 0) });
    const clusters = findClusters([men, women, other]);
    expect(clusters).toHaveLength(1);
    expect(clusters[0]!.memberIds).toHaveLength(2);
    expect(findClusters([men, other], new Set([pairKey('x', 'm')]))).toEqual([]);
  });

  it('shows the most recently verified member, else the oldest', () => {
    const clusters = findClusters([
      candidate({ id: 'a', sourceId: 'a', point: near(0, 0), createdAt: '2020-01-01T00:00:00Z' }),
      candidate({ id: 'b', sourceId: 'b', point: near(1, 0), verifiedAt: '2026-03-01T00:00:00Z' }),
      candidate({ id: 'c', sourceId: 'c', point: near(2, 0), verifiedAt: '2026-02-01T00:00:00Z' }),
    ]);
    expect(clusters[0]!.canonicalId).toBe('b');
  });

  it('does not chain rooms farther apart than 50 m into one cluster', () => {
    const clusters = findClusters([
      candidate({ id: 'a', sourceId: 'a', point: near(0, 0) }),
      candidate({ id: 'b', sourceId: 'b', point: near(40, 0) }),
      candidate({ id: 'c', sourceId: 'c', point: near(80, 0) }),
    ]);
    expect(clusters).toEqual([{ canonicalId: 'a', memberIds: ['a', 'b'], reasons: ['place'] }]);
  });

  const arbitraryCandidates = fc
    .array(
      fc.record({
        sourceId: fc.constantFrom('a', 'b', 'c', 'd'),
        program: fc.constantFrom('aa', 'na'),
        attendance: fc.constantFrom('in_person' as const, 'online' as const, 'hybrid' as const),
        when: fc.constantFrom('w1140/1140', 'w1200/1200', ''),
        room: fc.option(fc.constantFrom('zoom:1', 'zoom:2'), { nil: undefined }),
        point: fc.option(
          fc.record({
            north: fc.integer({ min: 0, max: 150 }),
            east: fc.integer({ min: 0, max: 150 }),
          }),
          { nil: undefined },
        ),
        verifiedAt: fc.option(fc.constantFrom('2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z'), {
          nil: undefined,
        }),
        createdAt: fc.constantFrom('2025-01-01T00:00:00Z', '2025-06-01T00:00:00Z'),
      }),
      { maxLength: 24 },
    )
    .map((rows) =>
      rows.map((row, i): DuplicateCandidate => {
        const { point, room, verifiedAt, ...rest } = row;
        return {
          ...rest,
          id: `m${String(i).padStart(2, '0')}`,
          ...(point !== undefined ? { point: near(point.north, point.east) } : {}),
          ...(room !== undefined ? { room } : {}),
          ...(verifiedAt !== undefined ? { verifiedAt } : {}),
        };
      }),
    );

  it('gives the same clusters whatever order the sources are read in (property)', () => {
    fc.assert(
      fc.property(arbitraryCandidates, fc.infiniteStream(fc.nat()), (candidates, randoms) => {
        const shuffled = [...candidates]
          .map((c) => ({ c, key: randoms.next().value }))
          .sort((x, y) => x.key - y.key)
          .map(({ c }) => c);
        expect(findClusters(shuffled)).toEqual(findClusters(candidates));
      }),
    );
  });

  it('never merges different starts, programs or sources, nor rooms beyond 50 m (property)', () => {
    fc.assert(
      fc.property(arbitraryCandidates, (candidates) => {
        const byId = new Map(candidates.map((c) => [c.id, c]));
        for (const cluster of findClusters(candidates)) {
          const members = cluster.memberIds.map((id) => byId.get(id)!);
          expect(members.map((m) => m.id)).toContain(cluster.canonicalId);
          expect(new Set(members.map((m) => m.when)).size).toBe(1);
          expect(members[0]!.when).not.toBe('');
          expect(new Set(members.map((m) => m.program)).size).toBe(1);
          expect(new Set(members.map((m) => m.sourceId)).size).toBe(members.length);
          for (const p of members)
            for (const q of members)
              if (p.point !== undefined && q.point !== undefined)
                expect(distanceMetres(p.point, q.point)).toBeLessThanOrEqual(samePlaceMetres);
        }
      }),
    );
  });
});
