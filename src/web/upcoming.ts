/** The next few times a meeting happens, ready to show in its zone and in the viewer's. */
import type { Meeting } from '../meetings/model.js';
import { canonicalTimeZone } from '../meetings/time-zone.js';
import { formatInZone, occurrencesBetween, type ZonedDisplay } from '../search/occurrences.js';
import { capitalise } from './intl-format.js';

export interface UpcomingOccurrence {
  start: number;
  inProgress: boolean;
  /** In the meeting's own zone: the time the people in the room keep. */
  local: ZonedDisplay;
  /** In the viewer's zone, only when that zone was given and reads differently. */
  viewer?: ZonedDisplay;
}

const DAY_MS = 86_400_000;
// Weekly meetings fill the list within weeks; a monthly "fifth Sunday" may need a year.
const WINDOWS_DAYS = [36, 400] as const;

/**
 * The next `count` occurrences not yet ended at `now`. `viewerZone` (from `?tz=`) is ignored
 * unless it is a real IANA zone.
 */
export function upcomingOccurrences(
  meeting: Pick<Meeting, 'schedule' | 'timeZone'>,
  now: number,
  locale: string,
  viewerZone?: string,
  count = 3,
): UpcomingOccurrence[] {
  let found: { start: number; end: number }[] = [];
  for (const days of WINDOWS_DAYS) {
    found = occurrencesBetween(meeting.schedule, meeting.timeZone, now, now + days * DAY_MS);
    if (found.length >= count) break;
  }
  const viewer = viewerZone === undefined ? undefined : canonicalTimeZone(viewerZone);
  const differs = viewer !== undefined && viewer !== canonicalTimeZone(meeting.timeZone);
  return found.slice(0, count).map(({ start, end }) => {
    const local = display(start, meeting.timeZone, locale);
    const item: UpcomingOccurrence = { start, inProgress: start <= now && now < end, local };
    if (differs) {
      const there = display(start, viewer, locale);
      if (
        there.date !== local.date ||
        there.time !== local.time ||
        there.zoneName !== local.zoneName
      )
        item.viewer = there;
    }
    return item;
  });
}

function display(start: number, zone: string, locale: string): ZonedDisplay {
  const shown = formatInZone(start, zone, locale);
  return { ...shown, date: capitalise(shown.date, locale) };
}
