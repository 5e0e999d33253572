import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Weekday } from '../meetings/model.js';
import { composeMeetingsReply, fitText, type ReplyMeeting } from './compose-reply.js';
import { countSegments } from './sms-segments.js';

const greenfield: ReplyMeeting = {
  name: 'Greenfield Big Book',
  way: 'in_person',
  localDay: 2,
  localTime: '19:00',
  town: 'Greenfield',
  distanceMi: 0.4,
  link: 'https://meetings.example.org/meetings/greenfield-big-book',
};
const phone: ReplyMeeting = {
  name: 'Rural Lifeline',
  way: 'phone',
  localDay: 3,
  localTime: '20:30',
  zoneLabel: 'CST',
  dial: '+16465588656,,123#',
  link: 'https://meetings.example.org/meetings/rural-lifeline',
};

describe('the reply', () => {
  it('lists day and time in the meeting’s zone, the town, distance, a link and a one-tap number', () => {
    const { text, listed } = composeMeetingsReply({
      language: 'en',
      placeLabel: 'Greenfield, MA',
      meetings: [greenfield, phone],
      more: true,
    });
    expect(listed).toBe(2);
    expect(text).toBe(
      [
        'Next meetings near Greenfield, MA:',
        '1) Tue 7pm Greenfield Big Book, Greenfield (0.4 mi) https://meetings.example.org/meetings/greenfield-big-book',
        '2) Wed 8:30pm CST Rural Lifeline phone tel:+16465588656,,123# https://meetings.example.org/meetings/rural-lifeline',
        'MORE: more. HELP: help.',
      ].join('\n'),
    );
  });

  it('speaks Spanish in GSM-7 letters, with 24-hour times', () => {
    const { text } = composeMeetingsReply({
      language: 'es',
      placeLabel: 'Greenfield, MA',
      meetings: [{ ...greenfield, name: 'Reunión Café' }],
      fallback: { radiusMi: 25, nearest: { name: 'Orange', town: 'Orange', distanceMi: 31.2 } },
      more: false,
    });
    expect(text).toContain('Proximas reuniones cerca de Greenfield, MA:');
    expect(text).toContain('1) mar 19:00 Reunion Café, Greenfield (0.4 mi)');
    expect(text).toContain(
      'Pocas reuniones a menos de 25 mi. La mas cercana mas lejos: Orange, Orange (31 mi).',
    );
    expect(countSegments(text).encoding).toBe('gsm7');
  });

  it('says when nothing was found and what to try', () => {
    const { text, listed } = composeMeetingsReply({
      language: 'en',
      placeLabel: 'Nowhere, MT',
      meetings: [],
      more: false,
    });
    expect(listed).toBe(0);
    expect(text).toContain('No meetings found near Nowhere, MT');
    expect(text).toContain('Text PHONE');
  });

  it('never exceeds three segments, and lists at least one meeting when there is one (property)', () => {
    const name = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 120 }),
      fc.string({ unit: 'binary', maxLength: 120 }),
      fc.string({ maxLength: 120 }),
      fc.constantFrom(
        'Café “Serenity” — Grupo Nueva Vida',
        '希望小组',
        '🌅 Sunrise Group 🌅',
        '{[Back to Basics]}€',
      ),
    );
    const meeting: fc.Arbitrary<ReplyMeeting> = fc.record(
      {
        name,
        way: fc.constantFrom('in_person', 'phone', 'online'),
        localDay: fc.integer({ min: 0, max: 6 }).map((d) => d as Weekday),
        localTime: fc
          .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
          .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
        zoneLabel: fc.constantFrom('PST', 'GMT+5:30', 'EST'),
        inProgress: fc.boolean(),
        town: fc.string({ unit: 'grapheme', maxLength: 60 }),
        distanceMi: fc.double({ min: 0, max: 3000, noNaN: true }),
        dial: fc.stringMatching(/^\+1\d{10}(,,\d{1,12}#)?$/),
        link: fc
          .stringMatching(/^[a-z0-9-]{1,80}$/)
          .map((slug) => `https://meetings.example.org/meetings/${slug}`),
      },
      { requiredKeys: ['name', 'way', 'localDay', 'localTime', 'link'] },
    );
    fc.assert(
      fc.property(
        fc.array(meeting, { maxLength: 4 }),
        fc.constantFrom('en' as const, 'es' as const),
        fc.option(fc.string({ unit: 'grapheme', maxLength: 80 }), { nil: undefined }),
        fc.boolean(),
        fc.option(
          fc.record({
            radiusMi: fc.double({ min: 1, max: 300, noNaN: true }),
            nearest: fc.record({ name, distanceMi: fc.double({ min: 0, max: 3000, noNaN: true }) }),
          }),
          { nil: undefined },
        ),
        (meetings, language, placeLabel, more, fallback) => {
          const { text, listed } = composeMeetingsReply({
            language,
            meetings,
            more,
            ...(placeLabel !== undefined ? { placeLabel } : {}),
            ...(fallback !== undefined ? { fallback } : {}),
          });
          expect(countSegments(text).segments).toBeLessThanOrEqual(3);
          expect(listed).toBe(Math.min(listed, meetings.length));
          if (meetings.length > 0) expect(listed).toBeGreaterThanOrEqual(1);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('cuts a plain text to three segments', () => {
    expect(countSegments(fitText('x'.repeat(1000))).segments).toBe(3);
    expect(countSegments(fitText('😀'.repeat(1000))).segments).toBe(3);
    expect(fitText('short')).toBe('short');
  });
});
