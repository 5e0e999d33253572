import type { Command } from 'commander';
import { withStore, type DatabaseFlags } from './context.js';
import { printJson } from './output.js';

interface RotateFlags extends DatabaseFlags {
  json?: boolean;
  out?: string;
}

/** `porchlight keys rotate`: a new master key for the center records. */
export function rotateKeysCommand(cmd: Command, databaseOptions: (c: Command) => Command): void {
  const rotate = databaseOptions(cmd.command('rotate'));
  rotate
    .description(
      'make a new master key and rewrap every data key with it (the records stay as they are)',
    )
    .option(
      '--out <file>',
      'where to write the new key when the current one comes from PORCHLIGHT_MASTER_KEY',
    )
    .option('--json', 'machine-readable output')
    .action(async (flags: RotateFlags) => {
      const [
        { loadMasterKey, writeNewMasterKey, swapMasterKeyFiles },
        { createKeyring },
        { newDataKey },
        { rotateMasterKey },
      ] = await Promise.all([
        import('../platform/crypto/master-key-source.js'),
        import('../platform/crypto/keyring.js'),
        import('../platform/crypto/envelope.js'),
        import('../centers/keys/rotate-master-key.js'),
      ]);
      await withStore(flags, async ({ repos, config }) => {
        const fromEnvironment = config.masterKey !== undefined;
        if (fromEnvironment && flags.out === undefined)
          rotate.error(
            'error: the master key comes from PORCHLIGHT_MASTER_KEY: give --out <file> for the new one',
            { exitCode: 2 },
          );
        const old = loadMasterKey(
          {
            masterKey: config.masterKey,
            masterKeyFile: config.masterKeyFile,
            createIfMissing: false,
          },
          () => undefined,
        );
        const current = createKeyring(old);
        const fresh = newDataKey();
        const newFile = flags.out ?? `${config.masterKeyFile}.new`;
        // The new key is on disk before any data key depends on it.
        writeNewMasterKey(newFile, fresh);
        const next = createKeyring(fresh, [old]);
        const report = await rotateMasterKey(repos, current, next);
        // People's emails are sealed and indexed under keys derived from the master key.
        const emailsResealed =
          (await repos.accounts.resealEmails(current, next)) +
          (await repos.changeRequests.resealEmails(current, next));
        const retired = fromEnvironment
          ? undefined
          : swapMasterKeyFiles(config.masterKeyFile, newFile, current.keyId);
        if (flags.json === true)
          printJson({
            ...report,
            emailsResealed,
            keyFile: fromEnvironment ? newFile : config.masterKeyFile,
            retired,
          });
        else {
          console.log(
            `rewrapped ${report.keysRewrapped} member keys in ${report.centers} centers and ${report.deliveryKeysRewrapped} pending delivery keys, and resealed ${emailsResealed} emails: key ${report.fromKeyId} -> ${report.toKeyId}`,
          );
          if (fromEnvironment)
            console.log(`set PORCHLIGHT_MASTER_KEY to the contents of ${newFile}, then restart`);
          else
            console.log(
              `the old key is kept as ${retired}: delete it once no backup taken before now is kept`,
            );
        }
      });
    });
}
