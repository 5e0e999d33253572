/** Opening hours in a reader's words: "Mon, Tue, Wed: 8:00 AM–5:00 PM". */
import type { Weekday } from '../../meetings/model.js';
import type { PageContext } from '../../web/page-context.js';
import { clockTime } from '../../web/intl-format.js';
import { weekdayCodes } from '../model.js';
import type { ResourceResult } from '../routes.js';

const shortDays = new Map<string, Intl.DateTimeFormat>();

function shortDay(code: string, locale: string): string {
  let format = shortDays.get(locale);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
    shortDays.set(locale, format);
  }
  const day = weekdayCodes.indexOf(code as (typeof weekdayCodes)[number]) as Weekday;
  // 1 January 2023 was a Sunday: day n of that week names weekday n.
  return format.format(Date.UTC(2023, 0, 1 + day));
}

/** One line per schedule with hours; descriptions stand for schedules without them. */
export function hoursLines(ctx: PageContext, schedules: ResourceResult['schedules']): string[] {
  const { t, locale } = ctx;
  return schedules.flatMap((s) => {
    if (s.opensAt === undefined || s.closesAt === undefined || s.byDay.length === 0) {
      return s.description !== undefined ? [s.description] : [];
    }
    const days = s.byDay.map((d) => shortDay(d, locale)).join(', ');
    const opens = clockTime(s.opensAt, locale);
    const closes = clockTime(s.closesAt, locale);
    const week = s.weekOfMonth;
    return [
      week === undefined
        ? t('resources.hours.line', { days, opens, closes })
        : t('resources.hours.monthly', {
            week: t('resources.hours.week', { week: String(week) }),
            days,
            opens,
            closes,
          }),
    ];
  });
}
