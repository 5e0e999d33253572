import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { renderMeetingGuideFeed } from '../feeds/meeting-guide/export-feed.js';
import { withStore, type DatabaseFlags } from './context.js';
import { printJson } from './output.js';

/** `porchlight export [-o file]`: the directory as a Meeting Guide feed. */
export function exportCommand(cmd: Command): void {
  cmd
    .description('write every meeting as a Meeting Guide JSON feed')
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .addOption(new Option('--public-url <url>', 'base of the meeting page links').env('PUBLIC_URL'))
    .option('--json', 'with -o, print a JSON summary')
    .action(
      async (flags: DatabaseFlags & { output?: string; publicUrl?: string; json?: boolean }) => {
        const { text, rows } = await withStore(flags, ({ repos, config }) =>
          renderMeetingGuideFeed(repos, {
            publicUrl: (flags.publicUrl ?? config.publicUrl).replace(/\/$/, ''),
          }),
        );
        if (flags.output === undefined) {
          process.stdout.write(`${text}\n`);
          return;
        }
        await writeFile(flags.output, text);
        if (flags.json === true)
          printJson({ output: flags.output, rows, bytes: Buffer.byteLength(text) });
        else console.log(`wrote ${rows} rows to ${flags.output}`);
      },
    );
}
