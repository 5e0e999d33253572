import { Option, type Command } from 'commander';
import { countOf } from '../platform/english.js';
import { parseCount, withStore, type DatabaseFlags } from './context.js';
import { printJson } from './output.js';

interface ListFlags extends DatabaseFlags {
  dead?: boolean;
  json?: boolean;
  limit: number;
}

/**
 * `porchlight deliveries list [--dead] [--json]`: outgoing messages and the dead letters, with
 * masked recipients; never an address, a number or a message's content.
 */
export function deliveriesCommand(cmd: Command, databaseOptions: (c: Command) => Command): void {
  cmd.description('outgoing mail, text messages and push notifications, and those given up on');

  databaseOptions(cmd.command('list', { isDefault: true }))
    .description('deliveries newest first: channel, masked recipient, state, attempts, last error')
    .option('--dead', 'only the dead letters (refused, or failing after every attempt)')
    .addOption(
      new Option('--limit <n>', 'most deliveries listed')
        .default(100)
        .argParser((v) => parseCount(v, '--limit')),
    )
    .option('--json', 'machine-readable output')
    .action(async (flags: ListFlags) => {
      const { listDeliveries } = await import('../messaging/delivery-queue.js');
      const deliveries = await withStore(flags, ({ repos }) =>
        listDeliveries(repos.deliveries, { dead: flags.dead === true, limit: flags.limit }),
      );
      if (flags.json === true) {
        printJson({ deliveries });
        return;
      }
      console.log(
        flags.dead === true
          ? `${countOf(deliveries.length, 'dead letter')}.`
          : `${countOf(deliveries.length, 'delivery', 'deliveries')}.`,
      );
      if (deliveries.length === 0) return;
      const rows = [
        ['id', 'channel', 'recipient', 'state', 'attempts', 'last error', 'queued'],
        ...deliveries.map((d) => [
          d.id.slice(0, 8),
          d.channel,
          d.recipient,
          d.state,
          String(d.attempts),
          d.lastErrorCode ?? '-',
          d.createdAt.slice(0, 16).replace('T', ' '),
        ]),
      ];
      const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
      for (const row of rows)
        console.log(
          row
            .map((cell, i) => cell.padEnd(widths[i]!))
            .join('  ')
            .trimEnd(),
        );
    });
}
