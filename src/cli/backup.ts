import type { Command } from 'commander';
import { configFrom, type DatabaseFlags } from './context.js';
import { printJson } from './output.js';

interface BackupFlags extends DatabaseFlags {
  json?: boolean;
}

interface RestoreFlags extends BackupFlags {
  replace?: boolean;
}

/**
 * `porchlight backup <file>` and `porchlight restore <file>`: a consistent snapshot of every
 * table while the server serves, and its restore into an empty database of either dialect. The
 * master key is never in the file: it is kept (and must be backed up) apart.
 */
export function backupCommands(program: Command, databaseOptions: (c: Command) => Command): void {
  databaseOptions(program.command('backup'))
    .description('write every table to a file (gzip JSON lines), consistent while the server runs')
    .argument('<file>', 'the backup file to write')
    .option('--json', 'machine-readable output')
    .action(async (file: string, flags: BackupFlags) => {
      const [{ writeBackup }, { systemClock }] = await Promise.all([
        import('../platform/backup/write-backup.js'),
        import('../platform/clock.js'),
      ]);
      const config = configFrom(flags);
      const result = await writeBackup(config.databaseUrl, file, systemClock);
      if (flags.json === true) printJson(result);
      else {
        console.log(
          `backed up ${result.rows} rows of ${Object.keys(result.tables).length} tables to ${file}`,
        );
        console.log(
          `the master key (${config.masterKeyFile} or PORCHLIGHT_MASTER_KEY) is not in it: keep a copy apart`,
        );
      }
    });

  databaseOptions(program.command('restore'))
    .description('restore a backup into an empty database (SQLite or PostgreSQL)')
    .argument('<file>', 'the backup file to read')
    .option('--replace', 'SQLite: replace the existing database file (stop the server first)')
    .option('--json', 'machine-readable output')
    .action(async (file: string, flags: RestoreFlags) => {
      const { restoreBackup } = await import('../platform/backup/restore-backup.js');
      const config = configFrom(flags);
      const result = await restoreBackup(config.databaseUrl, file, {
        replace: flags.replace === true,
      });
      if (flags.json === true) printJson(result);
      else {
        console.log(
          `restored ${result.rows} rows of ${result.tables} tables (backed up ${result.from.createdAt} from ${result.from.dialect})`,
        );
        if (result.upgraded.length > 0)
          console.log(`then upgraded the schema: ${result.upgraded.join(', ')}`);
      }
    });
}
