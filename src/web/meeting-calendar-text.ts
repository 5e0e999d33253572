import { meetingCalendar } from '../feeds/ical/meeting-calendar.js';
import type { Meeting } from '../meetings/model.js';
import { displayDial, safeWebHref } from './links.js';
import { link, type PageContext } from './page-context.js';

/**
 * The meeting's `.ics` in the reader's language: the event's description says how to join, so
 * a calendar reminder is enough to get into the room or onto the call.
 */
export function meetingCalendarFor(
  ctx: PageContext,
  meeting: Meeting,
  now: Date,
): string | undefined {
  const { t } = ctx;
  const pageUrl = `${ctx.publicUrl}${link(ctx, `/meetings/${meeting.slug}`)}`;
  const joinUrl = safeWebHref(meeting.online.url);
  const dial = displayDial(meeting.online.phone);
  const lines = [
    ...(joinUrl !== undefined ? [`${t('join.online')}: ${joinUrl}`] : []),
    ...(dial !== undefined ? [t('join.phone', { number: dial.number })] : []),
    ...(dial !== undefined && dial.codes.length > 0
      ? [t('join.phoneCodes', { codes: dial.codes.join(' ') })]
      : []),
    pageUrl,
  ];
  return meetingCalendar(meeting, {
    pageUrl,
    uidDomain: new URL(ctx.publicUrl).hostname,
    now,
    description: lines.join('\n'),
    ...(meeting.attendance === 'online' && joinUrl !== undefined ? { location: joinUrl } : {}),
  });
}
