import type { Command } from 'commander';
import { configFrom, type DatabaseFlags } from './context.js';
import { printJson } from './output.js';

interface CreateFlags extends DatabaseFlags {
  env?: boolean;
  force?: boolean;
  json?: boolean;
}

/** `porchlight keys create`: the VAPID key pair web push is signed with. */
export function keysCommand(cmd: Command): void {
  cmd.description('keys this server signs with (web push VAPID keys)');

  cmd
    .command('create')
    .description(
      'make a VAPID key pair for web push and keep it in DATA_DIR/keys/vapid.json (owner-only), or print it as environment lines with --env',
    )
    .option('--data-dir <dir>', 'the data directory (DATA_DIR)')
    .option(
      '--env',
      'print VAPID_PUBLIC_KEY= and VAPID_PRIVATE_KEY= lines instead of writing a file',
    )
    .option(
      '--force',
      'replace an existing pair (every push subscription made with it stops working)',
    )
    .option('--json', 'machine-readable output')
    .action(async (flags: CreateFlags) => {
      const { generateVapidKeys, writeVapidKeys } = await import('../messaging/push/vapid-keys.js');
      const keys = generateVapidKeys();
      if (flags.env === true) {
        if (flags.json === true) printJson(keys);
        else
          process.stdout.write(
            `VAPID_PUBLIC_KEY=${keys.publicKey}\nVAPID_PRIVATE_KEY=${keys.privateKey}\n`,
          );
        return;
      }
      const config = configFrom(flags);
      const file = writeVapidKeys(config.dataDir, keys, flags.force === true);
      if (flags.json === true) printJson({ file, publicKey: keys.publicKey });
      else
        console.log(
          `VAPID keys written to ${file}; pages subscribe with the public key ${keys.publicKey}`,
        );
    });
}
