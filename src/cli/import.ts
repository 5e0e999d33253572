import { Option, type Command } from 'commander';
import { countOf, forCount } from '../platform/english.js';
import { sourceFormats, type ImportReport, type SourceFormat } from '../sources/model.js';
import { withStore, type DatabaseFlags } from './context.js';
import { printJson } from './output.js';
import { importProgress, printProblems, startProgress } from './progress.js';

interface ImportFlags extends DatabaseFlags {
  source: string;
  format?: SourceFormat;
  program?: string;
  timezone?: string;
  strict?: boolean;
  json?: boolean;
}

/** `porchlight import <file|url> --source <name> [--format ...]`. Exit 1 when nothing was applied. */
export function importCommand(cmd: Command): void {
  cmd
    .description(
      'import a Meeting Guide JSON feed, a BMLT root server or a CSV sheet (file or URL) into a named source',
    )
    .argument('<location>', 'a file path, an https URL, or a BMLT root server URL')
    .requiredOption('--source <name>', 'the source to import into (created on first import)')
    .addOption(
      new Option(
        '--format <format>',
        "the source's format (default: the source's, else told from the content)",
      ).choices(sourceFormats),
    )
    .option(
      '--program <id>',
      'the program the feed lists: aa, na, al-anon, smart-recovery, ... (default aa; na for BMLT)',
    )
    .option('--timezone <zone>', 'IANA zone for rows with neither a zone nor coordinates')
    .option('--strict', 'import nothing when any row has an error')
    .addOption(
      new Option(
        '--geocoder-url <url>',
        'a Nominatim server to place street addresses that have no coordinates (default: offline, by ZIP code or town)',
      ).env('PORCHLIGHT_GEOCODER_URL'),
    )
    .option('--json', 'print the import report as JSON')
    .action(async (location: string, flags: ImportFlags) => {
      const { importSource } = await import('../sources/import-source.js');
      const report = await withStore(flags, async ({ importDeps }) => {
        const progress = startProgress(flags.source, { quiet: flags.json === true });
        try {
          return await importSource(
            { ...importDeps, progress: importProgress(progress) },
            {
              source: flags.source,
              location,
              ...(flags.format !== undefined ? { format: flags.format } : {}),
              ...(flags.program !== undefined ? { program: flags.program } : {}),
              ...(flags.timezone !== undefined ? { timeZone: flags.timezone } : {}),
              strict: flags.strict === true,
            },
          );
        } finally {
          progress.stop();
        }
      });
      if (flags.json === true) printJson(report);
      else printReport(report);
      if (report.outcome === 'failed' || report.outcome === 'rejected') process.exitCode = 1;
    });
}

function printReport(report: ImportReport): void {
  const out =
    report.outcome === 'failed' || report.outcome === 'rejected' ? console.error : console.log;
  if (report.error !== undefined) out(`error ${report.error.code}: ${report.error.message}`);
  const format = report.format === undefined ? '' : ` ${report.format}`;
  out(
    `${report.source}: ${report.outcome}. ${report.rowCount}${format} ${forCount(report.rowCount, 'row', 'rows')}; ${report.added} added, ${report.updated} updated, ` +
      `${report.unchanged} unchanged, ${report.removed} removed, ${report.skipped} skipped ` +
      `(${countOf(report.errorCount, 'error')}, ${countOf(report.warningCount, 'warning')}).`,
  );
  printProblems(report.problems, report.errorCount + report.warningCount);
}
