/**
 * `porchlight stewardship remind [--days N]`: mails each scope's editors the meetings nobody has
 * confirmed for N days. Meant for cron (or the job runner); thin over the service.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { withStore, type DatabaseFlags } from './context.js';
import { printJson } from './output.js';
import { systemClock } from '../platform/clock.js';
import { countOf } from '../platform/english.js';
import { isLocale, locales } from '../web/i18n/locales.js';
import { defaultStaleDays, staleDaysRange } from '../stewardship/verification/stale-meetings.js';

interface RemindFlags extends DatabaseFlags {
  days: number;
  locale: string;
  json?: boolean;
}

/** Adds `stewardship remind` to the program. */
export function stewardshipCommand(cmd: Command, databaseOptions: (c: Command) => Command): void {
  cmd.description('keeping the list: reminders to the volunteers who keep it');
  databaseOptions(cmd.command('remind'))
    .description('mail each scope’s editors the meetings not confirmed for a while')
    .addOption(
      new Option('--days <n>', 'days without a confirmation')
        .default(defaultStaleDays)
        .argParser(parseDays),
    )
    .addOption(
      new Option('--locale <locale>', 'language of the mail').choices(locales).default('en'),
    )
    .option('--json', 'machine-readable output')
    .action(async (flags: RemindFlags) => {
      const { days } = flags;
      const locale = isLocale(flags.locale) ? flags.locale : 'en';
      // Loaded only when the command runs: the mail templates are not needed for `--help`.
      const [{ configuredMailer }, { sendVerificationReminders }] = await Promise.all([
        import('../platform/mail/configured-mailer.js'),
        import('../stewardship/verification/send-reminders.js'),
      ]);
      await withStore(flags, async ({ repos, config }) => {
        const mailer = configuredMailer(config, { clock: systemClock });
        const report = await sendVerificationReminders(
          { repos, clock: systemClock, mailer, publicUrl: config.publicUrl },
          days,
          locale,
        ).finally(() => mailer.close?.());
        if (flags.json === true) printJson(report);
        else
          console.log(
            `${countOf(report.staleMeetings, 'meeting')} not confirmed for ${countOf(days, 'day')}; ${countOf(report.messages, 'reminder')} sent${config.smtpUrl === undefined ? ' (to the outbox)' : ''}.`,
          );
      });
    });
}

function parseDays(value: string): number {
  const days = Number(value);
  if (!Number.isInteger(days) || days < staleDaysRange.min || days > staleDaysRange.max)
    throw new InvalidArgumentError(
      `a whole number from ${staleDaysRange.min} to ${staleDaysRange.max}`,
    );
  return days;
}
