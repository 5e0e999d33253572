/**
 * A search as an iCalendar subscription: one VEVENT per recurrence of each meeting found, with
 * the same UIDs, RRULEs and TZIDs as the meeting's own calendar (meeting-calendar.ts). A
 * recurrence is left out when the search asked for other days or times, so "Tuesday evenings"
 * does not bring a meeting's Saturday mornings along.
 */
import { formatAddress } from '../../meetings/address.js';
import type { Meeting, Recurrence } from '../../meetings/model.js';
import { contentLines, escapeText } from './ical-text.js';
import { eventLines } from './meeting-calendar.js';

/** The parts of a search that choose among a meeting's recurrences. */
export interface RecurrenceFilter {
  /** Local weekdays, 0 = Sunday. */
  days?: readonly number[];
  /** Local start window in minutes after midnight: from <= start < to (wrapping past midnight). */
  fromMinute?: number;
  toMinute?: number;
}

export interface SearchCalendarOptions {
  publicUrl: string;
  now: Date;
  /** The calendar's name in calendar apps. */
  name: string;
}

/** How often subscribers should fetch the calendar again. */
const REFRESH = 'PT12H';

/** The calendar of the meetings a search found (by-appointment ones have no event). */
export function searchCalendar(
  meetings: readonly Meeting[],
  filter: RecurrenceFilter,
  options: SearchCalendarOptions,
): string {
  const uidDomain = new URL(options.publicUrl).hostname;
  const events = meetings.flatMap((meeting) => {
    const pageUrl = `${options.publicUrl}/meetings/${encodeURIComponent(meeting.slug)}`;
    const description = describe(meeting, pageUrl);
    const location = meeting.attendance === 'online' ? meeting.online.url : undefined;
    return meeting.schedule.flatMap((recurrence, index) =>
      chosen(recurrence, filter)
        ? eventLines(meeting, recurrence, index, {
            pageUrl,
            uidDomain,
            now: options.now,
            description,
            ...(location !== undefined ? { location } : {}),
          })
        : [],
    );
  });
  return contentLines([
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Porchlight//Search calendar//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.name)}`,
    `REFRESH-INTERVAL;VALUE=DURATION:${REFRESH}`,
    `X-PUBLISHED-TTL:${REFRESH}`,
    ...events,
    'END:VCALENDAR',
  ]);
}

/** True when the recurrence falls on the asked days and in the asked time window. */
export function chosen(recurrence: Recurrence, filter: RecurrenceFilter): boolean {
  if (recurrence.kind === 'by_appointment') return false;
  if (filter.days !== undefined && !filter.days.includes(recurrence.day)) return false;
  const [h, m] = recurrence.start.split(':').map(Number);
  const start = (h ?? 0) * 60 + (m ?? 0);
  const from = filter.fromMinute ?? 0;
  const to = filter.toMinute ?? 1440;
  return from <= to ? start >= from && start < to : start >= from || start < to;
}

function describe(meeting: Meeting, pageUrl: string): string {
  const { online, place } = meeting;
  const lines: string[] = [];
  if (meeting.attendance !== 'online') {
    const address = place.formattedAddress ?? formatAddress(place.address);
    if (address !== undefined) lines.push(address);
  }
  if (meeting.attendance !== 'in_person' && online.url !== undefined)
    lines.push(`Join online: ${online.url}`);
  if (online.phone !== undefined) lines.push(`Dial in: ${online.phone}`);
  lines.push(pageUrl);
  return lines.join('\n');
}

/**
 * The addresses of a search's calendar: `https:` to download it, `webcal:` to subscribe (phones
 * and desktop calendars open that scheme and fetch it again on their own).
 */
export function searchCalendarLinks(
  publicUrl: string,
  params: Readonly<Record<string, string | undefined>>,
): { https: string; webcal: string } {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') query.set(key, value);
  }
  const qs = query.toString();
  const https = `${publicUrl}/api/v1/search.ics${qs === '' ? '' : `?${qs}`}`;
  return { https, webcal: https.replace(/^https?:/, 'webcal:') };
}
