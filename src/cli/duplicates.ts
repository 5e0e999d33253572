import type { Command } from 'commander';
import { countOf, forCount } from '../platform/english.js';
import { withStore, type DatabaseFlags } from './context.js';
import { printJson } from './output.js';

interface JsonFlags extends DatabaseFlags {
  json?: boolean;
}

/** `porchlight duplicates [split <slug>]`: meetings listed by several sources, merged into one. */
export function duplicatesCommand(cmd: Command, databaseOptions: (c: Command) => Command): void {
  cmd.description('meetings listed by several sources and shown once; split a wrong merge');

  databaseOptions(cmd.command('list', { isDefault: true }))
    .description('the merged meetings: each entry with the other sources that list it')
    .option('--json', 'machine-readable output')
    .action(async (flags: JsonFlags) => {
      const { listDuplicates } = await import('../sources/duplicates-merge.js');
      const clusters = await withStore(flags, ({ repos }) => listDuplicates(repos));
      if (flags.json === true) {
        printJson({ clusters });
        return;
      }
      console.log(
        `${countOf(clusters.length, 'meeting')} ${forCount(clusters.length, 'is', 'are')} listed by more than one source.`,
      );
      for (const c of clusters) {
        console.log(`${c.canonical.slug}  (${c.canonical.source})  ${c.canonical.name}`);
        for (const d of c.duplicates)
          console.log(`  = ${d.slug}  (${d.source}, by ${d.reasons.join(' and ')})`);
      }
    });

  databaseOptions(cmd.command('split'))
    .description('take a meeting out of the entry it was merged into, for good')
    .argument('<slug>', 'the meeting (any member of the merged entry)')
    .option('--json', 'machine-readable output')
    .action(async (slug: string, flags: JsonFlags) => {
      const { splitDuplicate } = await import('../sources/duplicates-merge.js');
      const result = await withStore(flags, ({ importDeps }) => splitDuplicate(importDeps, slug));
      if (flags.json === true) printJson({ slug, apartFrom: result.split });
      else
        console.log(
          `${slug} is now shown on its own, and never merged with ${result.split.join(', ')}.`,
        );
    });
}
