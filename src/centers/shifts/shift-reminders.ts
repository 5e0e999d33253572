/**
 * Reminders of volunteer shifts: one job every 15 minutes on the jobs table (driven by the
 * Clock, so tests move time instead of waiting) mails everyone signed up for a shift that starts
 * within the next day, through the one delivery queue. The queue's idempotency key (the shift and
 * the person) sends each reminder once however often the job runs; someone who signs up later,
 * still before the start, is reminded at the next pass.
 */
import type { JobRepository } from '../../platform/jobs/job-repository.js';
import type { JobRunner } from '../../platform/jobs/job-runner.js';
import type { MailMessage } from '../../platform/mail/mailer.js';
import type { Repositories } from '../../repositories.js';
import type { Clock } from '../../platform/clock.js';
import { isLocale, type Locale } from '../../web/i18n/locales.js';
import { translator } from '../../web/i18n/translator.js';
import { formatDayTime, formatTime } from '../pages/center-dates.js';
import type { Center } from '../model.js';
import type { Shift } from './model.js';

export const shiftReminderJobKind = 'shift-reminders';
const EVERY_SECONDS = 900;
/** How long before a shift its reminder goes. */
export const SHIFT_REMINDER_AHEAD_MS = 24 * 3_600_000;

/** The delivery queue, as far as reminders use it. */
export interface ReminderQueue {
  enqueue(request: {
    idempotencyKey: string;
    channel: 'email';
    message: MailMessage;
  }): Promise<unknown>;
}

export interface ShiftReminderDeps {
  repos: Repositories;
  clock: Clock;
  queue: ReminderQueue;
  /** Where people reach the site, for the link to the shifts page. */
  publicUrl: string;
}

/** Lets the runner send reminders, and schedules the job (once per database). */
export async function scheduleShiftReminders(
  deps: ShiftReminderDeps,
  jobs: JobRepository,
): Promise<void> {
  await jobs.ensureRecurring(shiftReminderJobKind, EVERY_SECONDS, deps.clock.now().toISOString());
}

/** Lets the runner send the reminders when their job is due. */
export function registerShiftReminders(deps: ShiftReminderDeps, runner: JobRunner): void {
  runner.register(shiftReminderJobKind, async () => {
    const sent = await sendShiftReminders(deps);
    return { ok: true, outcome: `queued ${sent}` };
  });
}

/** One pass at the clock's now: queues a reminder per person signed up; returns how many. */
export async function sendShiftReminders(deps: ShiftReminderDeps): Promise<number> {
  const now = deps.clock.now().getTime();
  const shifts = await deps.repos.centerShifts.startingBetween(
    new Date(now).toISOString(),
    new Date(now + SHIFT_REMINDER_AHEAD_MS).toISOString(),
  );
  if (shifts.length === 0) return 0;
  const centers = new Map((await deps.repos.centers.list()).map((c) => [c.id, c]));
  let queued = 0;
  for (const shift of shifts) {
    const center = centers.get(shift.centerId);
    if (center === undefined) continue;
    for (const signup of await deps.repos.centerShifts.signups(center.id, [shift.id])) {
      const { personId } = signup;
      const person = await deps.repos.accounts.personById(personId);
      if (person === undefined) continue;
      const locale = signup.locale !== undefined && isLocale(signup.locale) ? signup.locale : 'en';
      await deps.queue.enqueue({
        idempotencyKey: `shift-reminder:${shift.id}:${personId}`,
        channel: 'email',
        message: reminderMail(person.email, shift, center, deps.publicUrl, locale),
      });
      queued += 1;
    }
  }
  return queued;
}

/** The reminder, in the language the person signed up in (English when it is not known). */
export function reminderMail(
  to: string,
  shift: Shift,
  center: Center,
  publicUrl: string,
  locale: Locale = 'en',
): MailMessage {
  const t = translator(locale);
  const zone = center.timeZone;
  const dates = locale === 'en' ? 'en-US' : locale;
  const when = t('center.shifts.mail.when', {
    start: formatDayTime(shift.startsAt, dates, zone),
    end: formatTime(shift.endsAt, dates, zone),
  });
  const link = `${publicUrl.replace(/\/+$/, '')}/${locale}/center/${center.slug}/shifts`;
  const names = { title: shift.title, center: center.name };
  return {
    to,
    subject: t('center.shifts.mail.subject', names),
    text: t('center.shifts.mail.body', { ...names, when, zone, link }),
  };
}
