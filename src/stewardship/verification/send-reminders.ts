/**
 * The reminder mail: each scope's editors (the narrowest body on a meeting's path that has any,
 * else the administrators) get one message listing the meetings of theirs nobody has confirmed
 * for `days` days. Run from the command line or a scheduled job.
 */
import type { Clock } from '../../platform/clock.js';
import type { Mailer } from '../../platform/mail/mailer.js';
import type { Repositories } from '../../repositories.js';
import type { Locale } from '../../web/i18n/locales.js';
import { translator } from '../../web/i18n/translator.js';
import { recipientsFor } from '../change-requests/recipients.js';
import { staleBefore, staleMeetings } from './stale-meetings.js';

export interface ReminderDeps {
  repos: Repositories;
  clock: Clock;
  mailer: Mailer;
  publicUrl: string;
}

export interface ReminderReport {
  staleMeetings: number;
  messages: number;
}

/** Longest list in one message; the page has the rest. */
const listedPerMessage = 50;

/** Mails every scope's editors the meetings they have not confirmed for `days` days. */
export async function sendVerificationReminders(
  deps: ReminderDeps,
  days: number,
  locale: Locale = 'en',
): Promise<ReminderReport> {
  const stale = await staleMeetings(deps.repos, staleBefore(deps.clock.now(), days));
  const byAddress = new Map<string, { name: string; slug: string }[]>();
  const recipients = new Map<string, string[]>();
  for (const { meeting, path } of stale) {
    const key = path.join('/');
    let to = recipients.get(key);
    if (to === undefined) {
      to = await recipientsFor(deps.repos, path);
      recipients.set(key, to);
    }
    for (const address of to)
      byAddress.set(address, [
        ...(byAddress.get(address) ?? []),
        { name: meeting.name, slug: meeting.slug },
      ]);
  }
  const t = translator(locale);
  const page = `${deps.publicUrl}/${locale}/review/stale?days=${days}`;
  for (const [to, meetings] of byAddress) {
    const list = meetings
      .slice(0, listedPerMessage)
      .map((m) => `- ${m.name}: ${deps.publicUrl}/${locale}/meetings/${m.slug}/edit`)
      .join('\n');
    await deps.mailer.send({
      to,
      subject: t('edit.remind.subject', { count: meetings.length }),
      text: t('edit.remind.body', { days, list, link: page, count: meetings.length }),
    });
  }
  return { staleMeetings: stale.length, messages: byAddress.size };
}
