import { describe, expect, it } from 'vitest';
import type { Recurrence, WeeklyRecurrence } from '../meetings/model.js';
import { translator } from './i18n/translator.js';
import { describeDuration, describeRecurrence } from './schedule-words.js';

// ICU puts a narrow no-break space before AM/PM; compare with plain spaces.
const plain = (text: string) => text.replace(/\s/g, ' ');
const en = (r: Recurrence) => plain(describeRecurrence(r, translator('en'), 'en'));
const es = (r: Recurrence) => plain(describeRecurrence(r, translator('es'), 'es'));

const weekly = (day: 0 | 1 | 2 | 3 | 4 | 5 | 6, start: string): WeeklyRecurrence => ({
  kind: 'weekly',
  day,
  start,
  durationMinutes: 60,
});

describe('describeRecurrence in English', () => {
  it('says weekly, biweekly and monthly schedules in words', () => {
    expect(en(weekly(2, '19:00'))).toBe('Every Tuesday at 7:00 PM');
    expect(
      en({
        kind: 'biweekly',
        day: 1,
        start: '18:30',
        durationMinutes: 60,
        anchorDate: '2026-03-02',
      }),
    ).toBe('Every other Monday at 6:30 PM');
    expect(en({ kind: 'monthly', day: 0, start: '10:00', durationMinutes: 90, week: 1 })).toBe(
      'First Sunday of the month at 10:00 AM',
    );
    expect(en({ kind: 'monthly', day: 5, start: '12:00', durationMinutes: 60, week: -1 })).toBe(
      'Last Friday of the month at 12:00 PM',
    );
    expect(en({ kind: 'monthly', day: 3, start: '00:15', durationMinutes: 60, week: 3 })).toBe(
      'Third Wednesday of the month at 12:15 AM',
    );
    expect(en({ kind: 'by_appointment' })).toBe('By appointment');
  });
});

describe('describeRecurrence in Spanish', () => {
  it('says the same in Spanish, with the article the hour takes', () => {
    expect(es(weekly(2, '19:00'))).toBe('Cada martes a las 19:00');
    expect(es(weekly(6, '01:30'))).toBe('Cada sábado a la 1:30');
    expect(
      es({
        kind: 'biweekly',
        day: 1,
        start: '18:30',
        durationMinutes: 60,
        anchorDate: '2026-03-02',
      }),
    ).toBe('Cada dos semanas, el lunes, a las 18:30');
    expect(es({ kind: 'monthly', day: 0, start: '10:00', durationMinutes: 90, week: 1 })).toBe(
      'El primer domingo de cada mes a las 10:00',
    );
    expect(es({ kind: 'monthly', day: 5, start: '13:00', durationMinutes: 60, week: -1 })).toBe(
      'El último viernes de cada mes a las 13:00',
    );
    expect(es({ kind: 'by_appointment' })).toBe('Con cita previa');
  });
});

describe('describeDuration', () => {
  it('uses hours when whole, else minutes', () => {
    expect(describeDuration(weekly(1, '19:00'), 'en')).toBe('1 hour');
    expect(describeDuration({ ...weekly(1, '19:00'), durationMinutes: 90 }, 'en')).toBe(
      '90 minutes',
    );
    expect(describeDuration({ ...weekly(1, '19:00'), durationMinutes: 120 }, 'es')).toBe('2 horas');
    expect(describeDuration({ kind: 'by_appointment' }, 'en')).toBeUndefined();
  });
});
