import { Option, type Command } from 'commander';
import { countOf } from '../platform/english.js';
import { resourceFormats, type ResourceFormat } from '../resources/model.js';
import { withStore, type DatabaseFlags } from './context.js';
import { printJson } from './output.js';
import { printProblems } from './progress.js';

interface JsonFlags extends DatabaseFlags {
  json?: boolean;
}

interface ImportFlags extends JsonFlags {
  source: string;
  format?: ResourceFormat;
  allowShrink?: boolean;
}

/** `porchlight resources ...`: import a directory of services and list what is held. */
export function resourcesCommand(cmd: Command, databaseOptions: (c: Command) => Command): void {
  cmd.description('the resource directory (HSDS): import, list');

  databaseOptions(cmd.command('import'))
    .description("read a source's services and replace what the source held")
    .argument(
      '<location>',
      'an HSDS JSON file or API URL, a tabular package (folder or datapackage.json), or a CSV',
    )
    .requiredOption('--source <name>', 'the source name: lower-case letters, digits and dashes')
    .addOption(
      new Option('--format <format>', 'the format (told from the location when not given)').choices(
        resourceFormats,
      ),
    )
    .option('--allow-shrink', 'apply a snapshot even when it removes most of the source')
    .option('--json', 'machine-readable output')
    .action(async (location: string, flags: ImportFlags) => {
      const { importResources } = await import('../resources/import-resources.js');
      const { systemClock } = await import('../platform/clock.js');
      await withStore(flags, async ({ repos, config }) => {
        const result = await importResources(
          {
            resources: repos.resources,
            clock: systemClock,
            limits: { maxBytes: config.feedMaxBytes, timeoutMs: config.feedTimeoutMs },
          },
          {
            source: flags.source,
            location,
            ...(flags.format !== undefined ? { format: flags.format } : {}),
            ...(flags.allowShrink === true ? { allowShrink: true } : {}),
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
            `${s.name}  ${s.format}  ${countOf(s.services, 'service')}  ${countOf(s.locations, 'location')}  last import: ${s.lastImportAt ?? 'never'}  ${s.location}`,
          );
        }
      });
    });
}
