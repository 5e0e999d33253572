import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { countOf } from '../platform/english.js';
import { withStore, type DatabaseFlags } from './context.js';
import { printJson } from './output.js';
import { startProgress } from './progress.js';

interface ExportFlags extends DatabaseFlags {
  output?: string;
  format: 'meeting-guide' | 'csv';
  publicUrl?: string;
  json?: boolean;
}

/** `porchlight export [-o file] [--format csv]`: the directory as a Meeting Guide feed or a sheet. */
export function exportCommand(cmd: Command): void {
  cmd
    .description('write every meeting as a Meeting Guide JSON feed or a CSV sheet')
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .addOption(
      new Option('--format <format>', 'meeting-guide (JSON) or csv (12 Step Meeting List columns)')
        .choices(['meeting-guide', 'csv'])
        .default('meeting-guide'),
    )
    .addOption(new Option('--public-url <url>', 'base of the meeting page links').env('PUBLIC_URL'))
    .option('--json', 'with -o, print a JSON summary')
    .action(async (flags: ExportFlags) => {
      const [{ renderMeetingsCsv }, { renderMeetingGuideFeed }] = await Promise.all([
        import('../feeds/csv/export-csv.js'),
        import('../feeds/meeting-guide/export-feed.js'),
      ]);
      const { text, rows } = await withStore(flags, async ({ repos, config }) => {
        const options = { publicUrl: (flags.publicUrl ?? config.publicUrl).replace(/\/$/, '') };
        // No bar over an export printed on the terminal itself.
        const progress = startProgress('export', {
          quiet: flags.json === true || (flags.output === undefined && process.stdout.isTTY),
        });
        try {
          // An upper bound: meetings merged into another source's listing are not exported.
          const total = await repos.meetings.count();
          let read = 0;
          const onMeetings = (n: number) => progress.update('meetings', (read = n), total);
          const result =
            flags.format === 'csv'
              ? await renderMeetingsCsv(repos, options, onMeetings)
              : await renderMeetingGuideFeed(repos, options, onMeetings);
          if (read > 0) progress.update('meetings', read, read);
          return result;
        } finally {
          progress.stop();
        }
      });
      if (flags.output === undefined) {
        process.stdout.write(flags.format === 'csv' ? text : `${text}\n`);
        return;
      }
      await writeFile(flags.output, text);
      if (flags.json === true)
        printJson({
          output: flags.output,
          format: flags.format,
          rows,
          bytes: Buffer.byteLength(text),
        });
      else console.log(`wrote ${countOf(rows, 'row')} to ${flags.output}`);
    });
}
