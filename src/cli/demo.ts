import { writeFile } from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { withStore, type DatabaseFlags } from './context.js';
import { printJson } from './output.js';
import { importProgress, startProgress } from './progress.js';

interface DemoFlags extends DatabaseFlags {
  count?: number;
  seed: number;
  output?: string;
  json?: boolean;
}

/**
 * `porchlight demo`: load the demo region (a small city and a sparse rural county), or with
 * `--count N` a synthetic national set of N meetings (into the source `synthetic`, or to a file).
 */
export function demoCommand(cmd: Command): void {
  cmd
    .description('load demo data, or a synthetic set of N meetings with --count')
    .option('--count <n>', 'generate N synthetic meetings across the US', parsePositive)
    .option('--seed <n>', 'random seed (same seed, same data)', parsePositive, 1)
    .option('-o, --output <file>', 'with --count, write the feed to a file instead of importing it')
    .option('--json', 'machine-readable output')
    .action(async (flags: DemoFlags) => {
      const { generateSyntheticFeed } = await import('../demo/synthetic-feed.js');
      if (flags.count !== undefined && flags.output !== undefined) {
        const rows = generateSyntheticFeed(flags.count, { seed: flags.seed });
        await writeFile(flags.output, JSON.stringify(rows));
        if (flags.json === true) printJson({ output: flags.output, rows: rows.length });
        else console.log(`wrote ${rows.length} synthetic meetings to ${flags.output}`);
        return;
      }
      const [{ seedDemoData }, { importFeed }] = await Promise.all([
        import('../demo/seed-demo.js'),
        import('../sources/import-feed.js'),
      ]);
      const reports = await withStore(flags, async ({ importDeps }) => {
        const progress = startProgress(flags.count === undefined ? 'demo' : 'synthetic', {
          quiet: flags.json === true,
        });
        try {
          const deps = { ...importDeps, progress: importProgress(progress) };
          if (flags.count === undefined) return await seedDemoData(deps, flags.seed);
          const rows = generateSyntheticFeed(flags.count, { seed: flags.seed });
          return [
            await importFeed(deps, {
              source: 'synthetic',
              location: `synthetic:${flags.count}`,
              rows,
            }),
          ];
        } finally {
          progress.stop();
        }
      });
      if (flags.json === true) printJson(reports);
      else
        for (const r of reports)
          console.log(
            `${r.source}: ${r.outcome}, ${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged`,
          );
    });
}

function parsePositive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError('must be a whole number above 0');
  return n;
}
