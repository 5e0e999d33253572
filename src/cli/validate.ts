import type { Command } from 'commander';
import { countOf } from '../platform/english.js';
import { loadConfig } from '../platform/config.js';
import { PorchlightError } from '../platform/errors.js';
import { printJson } from './output.js';
import { printProblems } from './progress.js';

interface ValidateFlags {
  program: string;
  strict?: boolean;
  json?: boolean;
  all?: boolean;
}

/** `porchlight validate <file|url>`: located problems, exit 1 when the feed has errors. */
export function validateCommand(cmd: Command): void {
  cmd
    .description('check a Meeting Guide JSON feed and print located problems')
    .argument('<location>', 'a file path or an https URL')
    .option('--program <id>', 'the program whose type codes the feed uses', 'aa')
    .option('--strict', 'fail on warnings too')
    .option('--all', 'print every problem, not the first 50')
    .option('--json', 'machine-readable output')
    .action(async (location: string, flags: ValidateFlags) => {
      const [{ validateMeetingGuideFeed }, { getProgram }, { readFeedLocation }] =
        await Promise.all([
          import('../feeds/meeting-guide/validate-feed.js'),
          import('../meetings/programs.js'),
          import('../sources/feed-reader.js'),
        ]);
      const program = getProgram(flags.program);
      if (program === undefined)
        throw new PorchlightError('PL_UNKNOWN_PROGRAM', `No program is called "${flags.program}".`);
      const config = loadConfig();
      const { text } = await readFeedLocation(location, {
        maxBytes: config.feedMaxBytes,
        timeoutMs: config.feedTimeoutMs,
      });
      const result = validateMeetingGuideFeed(text, program);
      const failed = result.errorCount > 0 || (flags.strict === true && result.warningCount > 0);
      if (flags.json === true) {
        printJson({ location, valid: !failed, ...result });
      } else {
        console.log(
          `${location}: ${countOf(result.rowCount, 'row')}, ${result.validRows} importable; ` +
            `${countOf(result.errorCount, 'error')}, ${countOf(result.warningCount, 'warning')}.`,
        );
        printProblems(result.problems, result.problems.length, flags.all === true ? Infinity : 50);
        console.log(failed ? 'The feed is not valid.' : 'The feed is valid.');
      }
      if (failed) process.exitCode = 1;
    });
}
