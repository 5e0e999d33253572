import { describe, expect, it } from 'vitest';
import { makeMeeting } from '../../../test/factories/meeting.js';
import { fullService } from './service.js';

const context = {
  publicUrl: 'https://meetings.example.org',
  sourceNames: new Map<string, string>(),
  now: Date.parse('2026-12-07T12:00:00Z'),
};

const addressIn = (country: string) => {
  const meeting = makeMeeting();
  meeting.place = { ...meeting.place, address: { ...meeting.place.address, country } };
  return fullService(meeting, context).service_at_locations?.[0]?.location?.addresses;
};

describe('the HSDS address of a meeting', () => {
  it('carries a two-letter country code from a code or a name', () => {
    expect(addressIn('us')?.[0]?.country).toBe('US');
    expect(addressIn('United States')?.[0]?.country).toBe('US');
  });

  it('is left out for a country it cannot tell, Object property names among them', () => {
    for (const country of ['Atlantis', 'constructor', 'toString', '__proto__'])
      expect(addressIn(country), country).toBeUndefined();
  });
});
