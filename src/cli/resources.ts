import { Option, type Command } from 'commander';
import { countOf } from '../platform/english.js';
import { formatDuration } from '../platform/jobs/duration.js';
import { PorchlightError, type FeedProblem } from '../platform/errors.js';
import { resourceFormats, type ResourceFormat } from '../resources/model.js';
import { withStore, type DatabaseFlags } from './context.js';
import { never, parseInterval } from './interval.js';
import { feedLimits } from '../sources/feed-address.js';
import { printJson } from './output.js';
import { printProblems } from './progress.js';

interface JsonFlags extends DatabaseFlags {
  json?: boolean;
}

interface ImportFlags extends JsonFlags {
  source: string;
  format?: ResourceFormat;
  allowShrink?: boolean;
  public?: boolean;
  center?: string;
}

/** The id of the center with this slug, or a usage error naming it. */
async function centerIdOf(
  repos: { centers: { bySlug(slug: string): Promise<{ id: string } | undefined> } },
  slug: string,
): Promise<string> {
  const center = await repos.centers.bySlug(slug);
  if (center === undefined)
    throw new PorchlightError('PL_CENTER_NOT_FOUND', `No center is called "${slug}".`);
  return center.id;
}

/** `porchlight resources ...`: import a directory of services and list what is held. */
export function resourcesCommand(cmd: Command, databaseOptions: (c: Command) => Command): void {
  cmd.description('the resource directory (HSDS): import, list, publish');

  databaseOptions(cmd.command('import'))
    .description("read a source's services and replace what the source held")
    .argument(
      '<location>',
      'an HSDS JSON file or API URL, a tabular package (folder, datapackage.json or .zip), or a CSV',
    )
    .requiredOption('--source <name>', 'the source name: lower-case letters, digits and dashes')
    .addOption(
      new Option('--format <format>', 'the format (told from the location when not given)').choices(
        resourceFormats,
      ),
    )
    .option('--allow-shrink', 'apply a snapshot even when it removes most of the source')
    .option('--public', 'publish the source: /hsds/, the public finder and search API')
    .option('--no-public', "keep the source for the center's staff only (a new source's default)")
    .option('--center <slug>', 'the center whose staff keep the source (see it on the desk)')
    .option('--json', 'machine-readable output')
    .action(async (location: string, flags: ImportFlags) => {
      const { importResources } = await import('../resources/import-resources.js');
      const { systemClock } = await import('../platform/clock.js');
      await withStore(flags, async ({ repos, config }) => {
        const centerId =
          flags.center !== undefined ? await centerIdOf(repos, flags.center) : undefined;
        const result = await importResources(
          {
            resources: repos.resources,
            clock: systemClock,
            limits: feedLimits(config),
          },
          {
            source: flags.source,
            location,
            ...(flags.format !== undefined ? { format: flags.format } : {}),
            ...(flags.allowShrink === true ? { allowShrink: true } : {}),
            ...(flags.public !== undefined ? { public: flags.public } : {}),
            ...(centerId !== undefined ? { centerId } : {}),
          },
        );
        if (flags.json === true) {
          printJson(result);
          return;
        }
        const { counts } = result;
        console.log(
          `${result.source.name} (${result.source.format}): ${countOf(counts.services ?? 0, 'service')} at ${countOf(counts.locations ?? 0, 'location')} of ${countOf(counts.organizations ?? 0, 'organization')}, from ${countOf(result.rowCount, 'service')} read.`,
        );
        const errors = result.problems.filter((p) => p.severity === 'error').length;
        if (result.problems.length > 0) {
          console.log(
            `${countOf(errors, 'error')} (records left out), ${countOf(result.problems.length - errors, 'warning')}:`,
          );
          printProblems(result.problems, result.problems.length);
        }
      });
    });

  databaseOptions(cmd.command('list'))
    .description('the sources of resources with what each holds')
    .option('--json', 'machine-readable output')
    .action(async (flags: JsonFlags) => {
      await withStore(flags, async ({ repos }) => {
        const sources = await repos.resources.listSources();
        if (flags.json === true) {
          printJson({ sources });
          return;
        }
        if (sources.length === 0) {
          console.log('No resources yet: porchlight resources import <file|url> --source <name>');
        }
        for (const s of sources) {
          console.log(
            `${s.name}  ${s.format}  ${s.public ? 'public' : 'desk only'}  ${countOf(s.services, 'service')}  ${countOf(s.locations, 'location')}  last import: ${s.lastImportAt ?? 'never'}  ${s.location}`,
          );
          const pass = s.lastReport;
          if (pass?.outcome !== undefined && pass.outcome !== 'applied')
            console.log(
              `  last pass: ${pass.outcome} ${pass.finishedAt ?? ''}` +
                (pass.error !== undefined ? ` [${pass.error.code}] ${pass.error.message}` : ''),
            );
        }
      });
    });

  for (const [name, published] of [
    ['publish', true],
    ['unpublish', false],
  ] as const) {
    databaseOptions(cmd.command(name))
      .description(
        published
          ? "serve a source's services publicly: /hsds/, the resource finder, the search API"
          : "take a source's services back to the center's staff only",
      )
      .argument('<source>', 'the source name')
      .action(async (source: string, flags: DatabaseFlags) => {
        await withStore(flags, async ({ repos }) => {
          if (!(await repos.resources.setPublic(source, published))) {
            throw new PorchlightError(
              'PL_SOURCE_NOT_FOUND',
              `No source of resources is named "${source}" (porchlight resources list).`,
            );
          }
          console.log(`${source}: ${published ? 'public' : 'desk only'}.`);
        });
      });
  }
  databaseOptions(cmd.command('schedule'))
    .description('refresh a source on a schedule (conditional reads, the shrink guard, a report)')
    .argument('<source>', 'the source name')
    .requiredOption(
      '--every <interval>',
      'how often: 30m, 4h, 1d, or "never" (only when asked)',
      parseInterval,
    )
    .option('--json', 'machine-readable output')
    .action(async (source: string, flags: JsonFlags & { every: number | typeof never }) => {
      const [{ scheduleResourceRefresh }, { systemClock }] = await Promise.all([
        import('../resources/refresh-resources.js'),
        import('../platform/clock.js'),
      ]);
      await withStore(flags, async ({ repos, config }) => {
        const { job } = await scheduleResourceRefresh(
          {
            resources: repos.resources,
            jobs: repos.jobs,
            clock: systemClock,
            limits: feedLimits(config),
          },
          source,
          flags.every === never ? undefined : flags.every,
        );
        if (flags.json === true) {
          printJson({
            source,
            every: flags.every === never ? null : flags.every,
            nextRunAt: job?.nextRunAt ?? null,
          });
          return;
        }
        console.log(
          flags.every === never
            ? `${source}: refreshed only when asked (porchlight resources refresh ${source}).`
            : `${source}: refreshed every ${formatDuration(flags.every)}, next ${job?.nextRunAt ?? 'soon'} (by a running server).`,
        );
      });
    });

  databaseOptions(cmd.command('refresh'))
    .description(
      "read a source again now and apply it if it changed (waits for a server's refresh)",
    )
    .argument('<source>', 'the source name')
    .option('--allow-shrink', 'apply the snapshot even when it removes most of the source')
    .option('--json', 'print the report as JSON')
    .action(async (source: string, flags: JsonFlags & { allowShrink?: boolean }) => {
      const [
        { refreshResourcesNow, resourceRefreshHandler, resourceRefreshJobKind },
        { systemClock },
        { JobRunner },
      ] = await Promise.all([
        import('../resources/refresh-resources.js'),
        import('../platform/clock.js'),
        import('../platform/jobs/job-runner.js'),
      ]);
      const report = await withStore(flags, async ({ repos, config }) => {
        const deps = {
          resources: repos.resources,
          jobs: repos.jobs,
          clock: systemClock,
          limits: feedLimits(config),
        };
        const runner = new JobRunner({ jobs: repos.jobs, clock: systemClock });
        runner.register(
          resourceRefreshJobKind,
          resourceRefreshHandler(deps, flags.allowShrink === true ? { allowShrink: true } : {}),
        );
        return refreshResourcesNow(deps, runner, source);
      });
      if (flags.json === true) printJson({ source, ...report });
      else {
        const bad = report.outcome === 'failed';
        const out = bad ? console.error : console.log;
        if (report.error !== undefined)
          out(`${bad ? 'error' : 'note'} ${report.error.code}: ${report.error.message}`);
        out(
          report.outcome === 'not_modified'
            ? `${source}: not modified (the server says the source is unchanged).`
            : `${source}: ${report.outcome}. ${countOf(report.counts.services ?? 0, 'service')} at ${countOf(report.counts.locations ?? 0, 'location')}.`,
        );
        if (report.problems.length > 0)
          // Stored as the import located them; only their codes' type was widened in storage.
          printProblems(report.problems as FeedProblem[], report.problems.length);
      }
      if (report.outcome === 'failed') process.exitCode = 1;
    });
}
