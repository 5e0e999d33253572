import type { Meeting } from '../../src/meetings/model.js';

/**
 * A complete stored meeting (an in-person AA meeting in Greenfield, MA, with a dial-in), for
 * tests of code that renders or exports meetings without a database; override any field.
 */
export function makeMeeting(overrides: Partial<Meeting> = {}): Meeting {
  return {
    id: '0f1e2d3c-0000-4000-8000-000000000001',
    slug: 'greenfield-big-book',
    name: 'Greenfield Big Book',
    program: 'aa',
    types: ['O', 'B'],
    languages: ['en'],
    focus: ['alcohol'],
    attendance: 'hybrid',
    status: 'active',
    timeZone: 'America/New_York',
    schedule: [{ kind: 'weekly', day: 2, start: '19:00', durationMinutes: 60 }],
    place: {
      name: 'Second Congregational Church',
      address: { street: '16 Court Sq', city: 'Greenfield', region: 'MA', postalCode: '01301' },
      formattedAddress: '16 Court Sq, Greenfield, MA 01301, USA',
      latitude: 42.5876,
      longitude: -72.5995,
      approximate: false,
      notes: 'Side door, downstairs.',
      wheelchairAccessible: true,
      regions: ['Franklin County', 'Greenfield'],
    },
    online: {
      url: 'https://zoom.us/j/85551234567',
      provider: 'zoom',
      phone: '+16465588656,,85551234567#,,,,1234#',
      phoneNotes: 'Meeting ID 855 5123 4567, passcode 1234',
    },
    group: { name: 'Big Book Group', contacts: [], contactsPublic: false },
    contributions: [{ kind: 'venmo', value: '@BigBookGroup' }],
    provenance: {
      sourceId: 'source-1',
      sourceSlug: 'greenfield-big-book',
      lastFetchedAt: '2026-10-04T00:00:00.000Z',
      sourceUpdatedAt: '2026-10-03T22:22:10.000Z',
      extra: {},
    },
    createdAt: '2026-10-04T00:00:00.000Z',
    updatedAt: '2026-10-04T00:00:00.000Z',
    ...overrides,
  };
}
