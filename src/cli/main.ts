import { Command, CommanderError, Option } from 'commander';
import { serveCommand } from './serve.js';
import { migrateCommand } from './migrate.js';
import { importCommand } from './import.js';
import { exportCommand } from './export.js';
import { validateCommand } from './validate.js';
import { demoCommand } from './demo.js';
import { adminCommand } from './admin.js';
import { printCommand } from './print.js';
import { stewardshipCommand } from './stewardship.js';
import { sourcesCommand } from './sources.js';
import { duplicatesCommand } from './duplicates.js';
import { deliveriesCommand } from './deliveries.js';
import { textlineCommand } from './textline.js';
import { centerCommand, tokensCommand } from './center.js';
import { keysCommand } from './keys.js';
import { resourcesCommand } from './resources.js';
import { rotateKeysCommand } from './rotate-keys.js';
import { backupCommands } from './backup.js';
import { exitCodes, reportFailure } from './output.js';
import { packageVersion } from '../platform/paths.js';

/** The `porchlight` command. Each subcommand is thin: it parses flags and calls a service. */
export function buildProgram(): Command {
  const program = new Command('porchlight')
    .description('Find and keep lists of mutual-support meetings.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .showHelpAfterError()
    .exitOverride();

  const databaseOptions = (cmd: Command) =>
    cmd
      .addOption(new Option('--data-dir <dir>', 'where the SQLite database lives').env('DATA_DIR'))
      .addOption(
        new Option('--database-url <url>', 'sqlite:<file> or postgres://...').env('DATABASE_URL'),
      );

  serveCommand(databaseOptions(program.command('serve')));
  migrateCommand(databaseOptions(program.command('migrate')));
  importCommand(databaseOptions(program.command('import')));
  exportCommand(databaseOptions(program.command('export')));
  validateCommand(program.command('validate'));
  demoCommand(databaseOptions(program.command('demo')));
  adminCommand(program.command('admin'), databaseOptions);
  printCommand(databaseOptions(program.command('print')));
  stewardshipCommand(program.command('stewardship'), databaseOptions);
  sourcesCommand(program.command('sources'), databaseOptions);
  duplicatesCommand(program.command('duplicates'), databaseOptions);
  deliveriesCommand(program.command('deliveries'), databaseOptions);
  textlineCommand(program.command('textline'), databaseOptions);
  centerCommand(program.command('center'), databaseOptions);
  tokensCommand(program.command('tokens'), databaseOptions);
  resourcesCommand(program.command('resources'), databaseOptions);
  backupCommands(program, databaseOptions);
  const keys = program.command('keys');
  keysCommand(keys);
  rotateKeysCommand(keys, databaseOptions);
  keys.description('keys this server signs and encrypts with (web push, center records)');
  return program;
}

async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return process.exitCode === undefined ? exitCodes.ok : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with code 0.
      return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    }
    reportFailure(error);
    return exitCodes.failure;
  }
}

const code = await main(process.argv);
// serve keeps running; every other command ends here.
if (code !== exitCodes.ok || !process.argv.includes('serve')) process.exit(code);
