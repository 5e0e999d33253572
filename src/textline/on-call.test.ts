import { describe, expect, it } from 'vitest';
import { onCallAt, parseOnCall } from './on-call.js';

describe('the on-call schedule', () => {
  const shifts = parseOnCall(
    'Mon-Fri 18:00-22:00 +14135550111; Sat,Sun 09:00-21:00 +14135550112; Fri 22:00-02:00 +14135550113',
  );
  const at = (iso: string) => onCallAt(shifts, Date.parse(iso), 'America/New_York');

  it('finds the volunteer on call in the service body’s zone', () => {
    expect(at('2026-12-07T23:30:00Z')).toBe('+14135550111'); // Mon 18:30 EST
    expect(at('2026-12-07T15:00:00Z')).toBeUndefined(); // Mon 10:00
    expect(at('2026-12-12T15:00:00Z')).toBe('+14135550112'); // Sat 10:00
  });

  it('keeps a shift running past midnight into the next day', () => {
    expect(at('2026-12-12T04:30:00Z')).toBe('+14135550113'); // Fri 23:30
    expect(at('2026-12-12T06:30:00Z')).toBe('+14135550113'); // Sat 01:30
    expect(at('2026-12-12T07:30:00Z')).toBeUndefined(); // Sat 02:30
  });

  it('refuses a schedule it cannot read, naming the variable', () => {
    expect(() => parseOnCall('weekdays evenings 4135550111')).toThrow(/VOICE_ON_CALL/);
    expect(() => parseOnCall('Mon-Fry 18:00-22:00 +14135550111')).toThrow(/Sun\.\.Sat/);
  });
});
