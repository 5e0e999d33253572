import { Option, type Command } from 'commander';
import { countOf } from '../platform/english.js';
import { PorchlightError } from '../platform/errors.js';
import { resourceFormats, type ResourceFormat } from '../resources/model.js';
import { withStore, type DatabaseFlags } from './context.js';
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
    .option('--json', 'machine-readable output')
    .action(async (location: string, flags: ImportFlags) => {
      const { importResources } = await import('../resources/import-resources.js');
      const { systemClock } = await import('../platform/clock.js');
      await withStore(flags, async ({ repos, config }) => {
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
}
