import { InvalidArgumentError, Option, type Command } from 'commander';
import { systemClock } from '../platform/clock.js';
import { countOf } from '../platform/english.js';
import { formatDuration } from '../platform/jobs/duration.js';
import { listStaleMeetings } from '../sources/freshness.js';
import { sourceFormats, type ImportReport, type SourceFormat } from '../sources/model.js';
import type { ImportDeps } from '../sources/import-feed.js';
import { withStore, type DatabaseFlags } from './context.js';
import { never, parseInterval } from './interval.js';
import { printJson } from './output.js';
import { importProgress, printProblems, startProgress } from './progress.js';

interface JsonFlags extends DatabaseFlags {
  json?: boolean;
}

interface AddFlags extends JsonFlags {
  format: SourceFormat;
  /** Seconds between refreshes, or `never` (refreshed only when asked). */
  every: number | typeof never;
  program?: string;
  timezone?: string;
}

/**
 * `porchlight sources ...`: register sources that refresh themselves, list them with their last
 * result, refresh one now, approve or reject a held snapshot, remove one with its meetings and
 * restore it, list stale meetings, check links.
 */
export function sourcesCommand(cmd: Command, databaseOptions: (c: Command) => Command): void {
  cmd.description(
    'sources that refresh themselves: add, list, refresh, approve, reject, remove, restore, stale',
  );

  databaseOptions(cmd.command('add'))
    .description('register a feed to refresh on a schedule, and read it now')
    .argument('<name>', 'the source name: lower-case letters, digits and dashes')
    .argument(
      '<location>',
      'an https URL (a BMLT root server, a CSV or Meeting Guide feed) or a file',
    )
    .addOption(
      new Option('--format <format>', 'the feed format')
        .choices(sourceFormats)
        .makeOptionMandatory(),
    )
    .addOption(
      new Option(
        '--every <interval>',
        'how often to refresh: 30m, 4h, 1d, or "never" (only on request)',
      )
        .default(86_400, '1d')
        .argParser(parseInterval),
    )
    .option('--program <id>', 'the program the feed lists (default aa; na for BMLT)')
    .option('--timezone <zone>', 'IANA zone for rows with neither a zone nor coordinates')
    .option('--json', 'machine-readable output')
    .action(async (name: string, location: string, flags: AddFlags) => {
      const { registerSource } = await import('../sources/refresh-source.js');
      await withStore(flags, async ({ importDeps }) => {
        const { source, created } = await registerSource(importDeps, {
          name,
          location,
          format: flags.format,
          ...(flags.every !== never ? { everySeconds: flags.every } : {}),
          ...(flags.program !== undefined ? { program: flags.program } : {}),
          ...(flags.timezone !== undefined ? { timeZone: flags.timezone } : {}),
        });
        const report = await runRefresh(importDeps, source.name, flags.json === true);
        if (flags.json === true)
          printJson({ created, every: flags.every === never ? null : flags.every, report });
        else {
          const every =
            flags.every === never ? 'only on request' : `every ${formatDuration(flags.every)}`;
          console.log(`${source.name}: ${created ? 'registered' : 'updated'}, refreshed ${every}.`);
          printReport(report);
        }
        if (report.outcome === 'failed') process.exitCode = 1;
      });
    });

  databaseOptions(cmd.command('list'))
    .description('the sources with their schedule and last result')
    .option('--json', 'machine-readable output')
    .action(async (flags: JsonFlags) => {
      const { refreshStatuses } = await import('../sources/refresh-status.js');
      await withStore(flags, async ({ repos }) => {
        const statuses = await refreshStatuses(repos, systemClock.now());
        const sources = await Promise.all(
          (await repos.sources.list()).map(async ({ id, ...source }) => ({
            ...source,
            meetingCount: await repos.meetings.count({ sourceId: id }),
            ...statuses.get(id),
          })),
        );
        if (flags.json === true) {
          printJson({ sources });
          return;
        }
        if (sources.length === 0)
          console.log('No sources yet: porchlight sources add <name> <url> --format ...');
        for (const s of sources) {
          const report = s.lastReport;
          const every = s.refresh?.every === undefined ? 'on request' : `every ${s.refresh.every}`;
          const last =
            report === undefined
              ? 'never read'
              : `${report.outcome} ${report.finishedAt}` +
                (report.error !== undefined ? ` [${report.error.code}]` : '');
          console.log(
            `${s.name}  ${s.format}  ${countOf(s.meetingCount, 'meeting')}  ${every}  last: ${last}`,
          );
          if (s.refresh?.nextRunAt !== undefined)
            console.log(`  next refresh ${s.refresh.nextRunAt}`);
          if ((s.refresh?.consecutiveFailures ?? 0) > 0)
            console.log(
              `  ${countOf(s.refresh!.consecutiveFailures, 'failure')} in a row; backing off`,
            );
          if (s.held !== undefined)
            console.log(
              `  HELD since ${s.held.heldAt}: would remove ${s.held.wouldRemove} of ${s.held.existing}` +
                ` (porchlight sources approve|reject ${s.name})`,
            );
        }
      });
    });

  databaseOptions(cmd.command('refresh'))
    .description('refresh a source now (waits if the server is refreshing it)')
    .argument('<name>', 'the source')
    .option('--json', 'print the import report as JSON')
    .action(async (name: string, flags: JsonFlags) => {
      const report = await withStore(flags, ({ importDeps }) =>
        runRefresh(importDeps, name, flags.json === true),
      );
      if (flags.json === true) printJson(report);
      else printReport(report);
      if (report.outcome === 'failed' || report.outcome === 'rejected') process.exitCode = 1;
    });

  databaseOptions(cmd.command('approve'))
    .description(
      "apply the snapshot held for review (it would remove most of the source's meetings)",
    )
    .argument('<name>', 'the source')
    .option('--json', 'print the import report as JSON')
    .action(async (name: string, flags: JsonFlags) => {
      const { approveHeld } = await import('../sources/refresh-source.js');
      const report = await withStore(flags, ({ importDeps }) => approveHeld(importDeps, name));
      if (flags.json === true) printJson(report);
      else printReport(report);
      if (report.outcome === 'failed') process.exitCode = 1;
    });

  databaseOptions(cmd.command('reject'))
    .description('discard the snapshot held for review; the meetings stay as they are')
    .argument('<name>', 'the source')
    .option('--json', 'machine-readable output')
    .action(async (name: string, flags: JsonFlags) => {
      const { rejectHeld } = await import('../sources/refresh-source.js');
      await withStore(flags, ({ importDeps }) => rejectHeld(importDeps, name));
      if (flags.json === true) printJson({ source: name, rejected: true });
      else console.log(`${name}: the held snapshot was discarded; the meetings are unchanged.`);
    });

  databaseOptions(cmd.command('remove'))
    .description(
      'remove a source and its meetings (recorded in the history; `sources restore` undoes it)',
    )
    .argument('<name>', 'the source')
    .option('--json', 'machine-readable output')
    .action(async (name: string, flags: JsonFlags) => {
      const [{ removeSource }, { operatorActor }] = await Promise.all([
        import('../stewardship/sources/remove-source.js'),
        import('../accounts/operator.js'),
      ]);
      const removal = await withStore(flags, ({ importDeps }) =>
        removeSource(importDeps, operatorActor, name),
      );
      if (flags.json === true) printJson(removal);
      else
        console.log(
          `${name}: removed with its ${countOf(removal.meetings, 'meeting')} (porchlight sources restore ${name} brings them back).`,
        );
    });

  databaseOptions(cmd.command('restore'))
    .description('bring back the source of this name removed last, with its meetings')
    .argument('<name>', 'the source')
    .option('--json', 'machine-readable output')
    .action(async (name: string, flags: JsonFlags) => {
      const [{ restoreSource }, { operatorActor }] = await Promise.all([
        import('../stewardship/sources/remove-source.js'),
        import('../accounts/operator.js'),
      ]);
      const restored = await withStore(flags, ({ importDeps }) =>
        restoreSource(importDeps, operatorActor, name),
      );
      if (flags.json === true) {
        printJson(restored);
        return;
      }
      console.log(`${name}: restored with its ${countOf(restored.meetings, 'meeting')}.`);
      for (const [old, now] of Object.entries(restored.renamed))
        console.log(`  ${old} is now ${now} (another meeting took its address meanwhile)`);
    });

  databaseOptions(cmd.command('removed'))
    .description('the sources removed, latest first, that `sources restore` can bring back')
    .option('--json', 'machine-readable output')
    .action(async (flags: JsonFlags) => {
      const [{ listRemovedSources }, { operatorActor }] = await Promise.all([
        import('../stewardship/sources/remove-source.js'),
        import('../accounts/operator.js'),
      ]);
      const removed = await withStore(flags, ({ repos }) =>
        listRemovedSources(repos, operatorActor),
      );
      if (flags.json === true) {
        printJson({
          removed: removed.map(({ source: { id: _id, ...source }, ...rest }) => ({
            ...rest,
            source,
          })),
        });
        return;
      }
      if (removed.length === 0) console.log('No removed sources.');
      for (const r of removed)
        console.log(
          `${r.source.name}  ${r.source.format}  removed ${r.removedAt}  ${countOf(r.meetingCount, 'meeting')}`,
        );
    });

  databaseOptions(cmd.command('stale'))
    .description('meetings no person has confirmed for PORCHLIGHT_STALE_AFTER (default 365 days)')
    .option('--source <name>', 'only this source')
    .option('--json', 'machine-readable output')
    .action(async (flags: JsonFlags & { source?: string }) => {
      await withStore(flags, async ({ repos, config }) => {
        const stale = await listStaleMeetings(repos, systemClock.now(), config.staleAfterSeconds, {
          ...(flags.source !== undefined ? { source: flags.source } : {}),
        });
        if (flags.json === true) {
          printJson({ staleAfter: formatDuration(config.staleAfterSeconds), meetings: stale });
          return;
        }
        console.log(
          `${countOf(stale.length, 'meeting')} not confirmed by a person in ${formatDuration(config.staleAfterSeconds)}.`,
        );
        for (const m of stale) {
          const since = m.basis === 'verified' ? 'verified' : 'first seen';
          console.log(
            `  ${m.slug}  (${m.source})  ${since} ${m.lastConfirmedAt.slice(0, 10)}  ${m.name}`,
          );
        }
      });
    });

  databaseOptions(cmd.command('check-links'))
    .description("check online meetings' links and dial-ins now (what the background job does)")
    .option('--max <n>', 'most links to request', (v) => parseCount(v), 100)
    .option('--json', 'machine-readable output')
    .action(async (flags: JsonFlags & { max: number }) => {
      const { checkLinks } = await import('../sources/link-check.js');
      const summary = await withStore(flags, ({ repos }) =>
        checkLinks({ repos, clock: systemClock }, { maxLinks: flags.max }),
      );
      if (flags.json === true) printJson(summary);
      else
        console.log(
          `${countOf(summary.links, 'link')} and ${countOf(summary.phones, 'dial-in')} checked: ` +
            Object.entries(summary.results)
              .map(([result, n]) => `${n} ${result}`)
              .join(', ') +
            (summary.deferred > 0 ? `; ${summary.deferred} left for the next run` : '') +
            '.',
        );
    });
}

async function runRefresh(
  importDeps: ImportDeps,
  name: string,
  quiet: boolean,
): Promise<ImportReport> {
  const [{ createSourceJobs }, { refreshNow }] = await Promise.all([
    import('../sources/refresh-jobs.js'),
    import('../sources/refresh-source.js'),
  ]);
  const progress = startProgress(name, { quiet });
  // The job runner imports with the deps it is given: the bar goes in there.
  const deps = { ...importDeps, progress: importProgress(progress) };
  const runner = createSourceJobs({ importDeps: deps, clock: importDeps.clock });
  try {
    return await refreshNow(deps, runner, name);
  } finally {
    progress.stop();
  }
}

function printReport(report: ImportReport): void {
  const bad = report.outcome === 'failed' || report.outcome === 'rejected';
  const out = bad ? console.error : console.log;
  if (report.error !== undefined)
    out(`${bad ? 'error' : 'note'} ${report.error.code}: ${report.error.message}`);
  if (report.outcome === 'not_modified') {
    out(`${report.source}: not modified (the server says the feed is unchanged).`);
    return;
  }
  out(
    `${report.source}: ${report.outcome}. ${countOf(report.rowCount, 'row')}; ${report.added} added, ${report.updated} updated, ` +
      `${report.unchanged} unchanged, ${report.removed} ${report.outcome === 'held' ? 'would be ' : ''}removed, ` +
      `${report.skipped} skipped (${countOf(report.errorCount, 'error')}, ${countOf(report.warningCount, 'warning')}).`,
  );
  printProblems(report.problems, report.errorCount + report.warningCount);
}

function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('a whole number');
  return n;
}
