import fc from 'fast-check';
import type { Recurrence, WeekOfMonth, Weekday } from '../../src/meetings/model.js';

/** The parts a recurrence is drawn from; each schedule test chooses its own ranges. */
export interface RecurrenceParts {
  day: fc.Arbitrary<Weekday>;
  start: fc.Arbitrary<string>;
  durationMinutes: fc.Arbitrary<number>;
  anchorDate: fc.Arbitrary<string>;
}

/** Any kind of recurrence: weekly, biweekly, nth/last weekday of the month, by appointment. */
export function recurrenceArbitrary(parts: RecurrenceParts): fc.Arbitrary<Recurrence> {
  const timed = { day: parts.day, start: parts.start, durationMinutes: parts.durationMinutes };
  return fc.oneof(
    fc.record({ kind: fc.constant('weekly' as const), ...timed }),
    fc.record({ kind: fc.constant('biweekly' as const), ...timed, anchorDate: parts.anchorDate }),
    fc.record({
      kind: fc.constant('monthly' as const),
      ...timed,
      week: fc.constantFrom<WeekOfMonth>(1, 2, 3, 4, 5, -1),
    }),
    fc.constant<Recurrence>({ kind: 'by_appointment' }),
  );
}
