import { getProgram, type Program } from '../../src/meetings/programs.js';
import type { FeedContext } from '../../src/feeds/reader.js';

/** A plain in-person AA row in Greenfield, MA; override any field. */
export function mgRow(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Greenfield Big Book',
    slug: 'greenfield-big-book',
    day: 2,
    time: '19:00',
    end_time: '20:00',
    types: ['O', 'B'],
    location: 'Second Congregational Church',
    formatted_address: '16 Court Sq, Greenfield, MA 01301, USA',
    latitude: 42.5876,
    longitude: -72.5995,
    region: 'Greenfield',
    updated: '2026-10-03 18:22:10',
    ...overrides,
  };
}

/** A Zoom-only row with an approximate town address. */
export function mgOnlineRow(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return mgRow({
    name: 'Hilltowns Online',
    slug: 'hilltowns-online',
    location: 'Online',
    formatted_address: 'Greenfield, MA, USA',
    approximate: 'yes',
    conference_url: 'https://zoom.us/j/85551234567',
    conference_url_notes: 'Meeting ID 855 5123 4567, passcode 1234',
    ...overrides,
  });
}

/** The reading context for a program (AA by default). */
export function feedContext(
  programId = 'aa',
  overrides: Partial<FeedContext> = {},
): FeedContext & { program: Program } {
  return {
    program: getProgram(programId)!,
    sourceId: 'source-1',
    fetchedAt: '2026-11-01T12:00:00Z',
    ...overrides,
  };
}
