import type { Command } from 'commander';
import { configFrom, type DatabaseFlags } from './context.js';
import { printJson } from './output.js';

/** `porchlight migrate`: bring the database schema up to date. */
export function migrateCommand(cmd: Command): void {
  cmd
    .description('bring the database schema up to date')
    .option('--json', 'machine-readable output')
    .action(async (flags: DatabaseFlags & { json?: boolean }) => {
      const config = configFrom(flags);
      const { openDatabase } = await import('../platform/database/connect.js');
      const { migrateToLatest } = await import('../platform/database/migrate.js');
      const database = await openDatabase(config.databaseUrl, {
        synchronous: config.sqliteSynchronous,
      });
      try {
        const applied = await migrateToLatest(database.db as never);
        if (flags.json === true) printJson({ database: database.description, applied });
        else if (applied.length === 0) console.log(`${database.description}: already up to date`);
        else console.log(`${database.description}: applied ${applied.join(', ')}`);
      } finally {
        await database.close();
      }
    });
}
