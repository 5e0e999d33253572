/**
 * Follow-up reminders for unanswered referrals: a job every hour on the jobs table (driven by the
 * Clock) mails the coach who made a referral that has waited three days, and again at seven,
 * for the receiving organization's first answer, through the one delivery queue. The queue's
 * idempotency key (the referral and the step) sends each reminder once however often the job
 * runs. The mail names the service and the center, never the member (42 CFR Part 2): the coach
 * opens the referral on the desk to see who. It is written in the language the referral was
 * made in (English for one made through the API without saying).
 */
import type { Clock } from '../platform/clock.js';
import type { JobRepository } from '../platform/jobs/job-repository.js';
import type { JobRunner } from '../platform/jobs/job-runner.js';
import type { Repositories } from '../repositories.js';
import type { ReminderQueue } from '../centers/shifts/shift-reminders.js';
import { isLocale } from '../web/i18n/locales.js';
import { translator } from '../web/i18n/translator.js';

export const referralFollowUpJobKind = 'referral-follow-ups';
const EVERY_SECONDS = 3600;
const DAY_MS = 86_400_000;
/** After how many days without an answer the coach is reminded (each once). */
export const FOLLOW_UP_DAYS = [3, 7] as const;

export interface FollowUpDeps {
  repos: Repositories;
  clock: Clock;
  queue: ReminderQueue;
  publicUrl: string;
}

export async function scheduleReferralFollowUps(
  deps: FollowUpDeps,
  jobs: JobRepository,
): Promise<void> {
  await jobs.ensureRecurring(
    referralFollowUpJobKind,
    EVERY_SECONDS,
    deps.clock.now().toISOString(),
  );
}

export function registerReferralFollowUps(deps: FollowUpDeps, runner: JobRunner): void {
  runner.register(referralFollowUpJobKind, async () => {
    const sent = await sendReferralFollowUps(deps);
    return { ok: true, outcome: `queued ${sent}` };
  });
}

/** One pass at the clock's now: queues the reminders that are due; returns how many. */
export async function sendReferralFollowUps(deps: FollowUpDeps): Promise<number> {
  const now = deps.clock.now().getTime();
  const centers = new Map((await deps.repos.centers.list()).map((c) => [c.id, c]));
  let queued = 0;
  for (const [step, days] of FOLLOW_UP_DAYS.entries()) {
    // Due from `days` after it was made until the next step's (the last: two weeks more).
    const until = FOLLOW_UP_DAYS[step + 1] ?? days + 14;
    const waiting = await deps.repos.referrals.unansweredMadeBetween(
      new Date(now - until * DAY_MS).toISOString(),
      new Date(now - days * DAY_MS).toISOString(),
    );
    for (const referral of waiting) {
      const center = centers.get(referral.centerId);
      if (center === undefined || referral.createdBy === undefined) continue;
      const coach = await deps.repos.accounts.personById(referral.createdBy);
      if (coach === undefined) continue;
      const locale =
        referral.locale !== undefined && isLocale(referral.locale) ? referral.locale : 'en';
      const t = translator(locale);
      const service =
        (await deps.repos.resources.serviceById(referral.serviceId))?.service.name ??
        t('referral.mail.aService');
      const link = `${deps.publicUrl.replace(/\/+$/, '')}/${locale}/center/${center.slug}/referrals/${referral.id}`;
      await deps.queue.enqueue({
        idempotencyKey: `referral-follow-up:${referral.id}:${days}`,
        channel: 'email',
        message: {
          to: coach.email,
          subject: t('referral.mail.followUp.subject', { service }),
          text: t('referral.mail.followUp.body', { center: center.name, service, days, link }),
        },
      });
      queued += 1;
    }
  }
  return queued;
}
