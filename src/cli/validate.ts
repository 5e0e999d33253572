import { Option, type Command } from 'commander';
import { countOf } from '../platform/english.js';
import { loadConfig } from '../platform/config.js';
import { sourceFormats, type SourceFormat } from '../sources/model.js';
import { feedLimits } from '../sources/feed-address.js';
import { printJson } from './output.js';
import { printProblems } from './progress.js';

interface ValidateFlags {
  program?: string;
  format?: SourceFormat;
  strict?: boolean;
  json?: boolean;
  all?: boolean;
}

/** `porchlight validate <file|url>`: located problems, exit 1 when the feed has errors. */
export function validateCommand(cmd: Command): void {
  cmd
    .description(
      'check a Meeting Guide JSON feed, a BMLT root server or a CSV sheet and print located problems',
    )
    .argument('<location>', 'a file path or an https URL')
    .addOption(
      new Option(
        '--format <format>',
        'the format (default: told from the location or content)',
      ).choices(sourceFormats),
    )
    .option(
      '--program <id>',
      'the program whose type codes the feed uses (default aa; na for BMLT)',
    )
    .option('--strict', 'fail on warnings too')
    .option('--all', 'print every problem, not the first 50')
    .option('--json', 'machine-readable output')
    .action(async (location: string, flags: ValidateFlags) => {
      const { validateFeed } = await import('../sources/validate-source.js');
      const config = loadConfig();
      const result = await validateFeed({
        location,
        ...(flags.program !== undefined ? { program: flags.program } : {}),
        ...(flags.format !== undefined ? { format: flags.format } : {}),
        limits: feedLimits(config),
      });
      const failed = result.errorCount > 0 || (flags.strict === true && result.warningCount > 0);
      if (flags.json === true) {
        printJson({ location, valid: !failed, ...result });
      } else {
        console.log(
          `${location} (${result.format}): ${countOf(result.rowCount, 'row')}, ${result.validRows} importable; ` +
            `${countOf(result.errorCount, 'error')}, ${countOf(result.warningCount, 'warning')}.`,
        );
        printProblems(result.problems, result.problems.length, flags.all === true ? Infinity : 50);
        console.log(failed ? 'The feed is not valid.' : 'The feed is valid.');
      }
      if (failed) process.exitCode = 1;
    });
}
