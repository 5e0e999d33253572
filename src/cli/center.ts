import type { Command } from 'commander';
import { systemClock } from '../platform/clock.js';
import { withStore, type DatabaseFlags } from './context.js';
import { printJson } from './output.js';

interface JsonFlags extends DatabaseFlags {
  json?: boolean;
}

/** `porchlight center ...`: create recovery centers and set their staff, from the server. */
export function centerCommand(cmd: Command, databaseOptions: (c: Command) => Command): void {
  cmd.description('recovery centers (tenants) and their staff, from the server itself');

  databaseOptions(cmd.command('create'))
    .description('create a center with its first administrator')
    .argument('<slug>', 'the center’s address (lower-case letters, digits, hyphens)')
    .requiredOption('--name <name>', 'the center’s name')
    .requiredOption('--admin <email>', 'the first administrator’s email address')
    .option('--time-zone <zone>', 'the center’s IANA time zone, e.g. America/New_York', 'UTC')
    .option('--json', 'machine-readable output')
    .action(
      async (
        slug: string,
        flags: JsonFlags & { name: string; admin: string; timeZone: string },
      ) => {
        const { createCenter } = await import('../centers/centers.js');
        const result = await withStore(flags, ({ repos }) =>
          createCenter(
            { repos, clock: systemClock },
            { slug, name: flags.name, adminEmail: flags.admin, timeZone: flags.timeZone },
          ),
        );
        if (flags.json === true)
          printJson({
            id: result.center.id,
            slug: result.center.slug,
            name: result.center.name,
            adminId: result.adminId,
            adminCreated: result.adminCreated,
            timeZone: result.center.timeZone,
          });
        else console.log(`center ${result.center.slug} created; its administrator can sign in`);
      },
    );

  databaseOptions(cmd.command('time-zone'))
    .description('set the time zone a center’s days are counted in (desk, reports, follow-ups)')
    .argument('<slug>', 'the center')
    .argument('<zone>', 'an IANA time zone, e.g. America/New_York')
    .option('--json', 'machine-readable output')
    .action(async (slug: string, zone: string, flags: JsonFlags) => {
      const { setCenterTimeZone } = await import('../centers/centers.js');
      const center = await withStore(flags, ({ repos }) =>
        setCenterTimeZone({ repos, clock: systemClock }, slug, zone),
      );
      if (flags.json === true) printJson({ slug: center.slug, timeZone: center.timeZone });
      else console.log(`${center.slug} counts its days in ${center.timeZone}`);
    });

  databaseOptions(cmd.command('staff'))
    .description('give a person a role in a center: admin, supervisor, coach or volunteer')
    .argument('<slug>', 'the center')
    .requiredOption('--email <email>', 'their email address')
    .requiredOption('--role <role>', 'admin, supervisor, coach or volunteer')
    .option('--json', 'machine-readable output')
    .action(async (slug: string, flags: JsonFlags & { email: string; role: string }) => {
      const [{ putStaffByEmail }, { PorchlightError }] = await Promise.all([
        import('../centers/centers.js'),
        import('../platform/errors.js'),
      ]);
      const result = await withStore(flags, async ({ repos }) => {
        const center = await repos.centers.bySlug(slug);
        if (center === undefined)
          throw new PorchlightError('PL_CENTER_NOT_FOUND', undefined, { field: 'slug' });
        return putStaffByEmail({ repos, clock: systemClock }, center, flags);
      });
      if (flags.json === true) printJson(result);
      else console.log(`${flags.role} of ${slug}`);
    });
}

/** `porchlight tokens create`: an API token for scripts and integrations. */
export function tokensCommand(cmd: Command, databaseOptions: (c: Command) => Command): void {
  cmd.description('API tokens (bearer) for integrations and scripts');

  databaseOptions(cmd.command('create'))
    .description('create an API token and print it (shown once; only its hash is kept)')
    .requiredOption('--email <email>', 'the account the token acts for')
    .option('--center <slug>', 'limit the token to one center')
    .option('--json', 'machine-readable output')
    .action(async (flags: JsonFlags & { email: string; center?: string }) => {
      const { createTokenFor } = await import('../centers/center-tokens.js');
      const result = await withStore(flags, ({ repos }) =>
        createTokenFor(
          { repos, clock: systemClock },
          {
            email: flags.email,
            ...(flags.center !== undefined ? { centerSlug: flags.center } : {}),
          },
        ),
      );
      if (flags.json === true) printJson(result);
      else console.log(result.token);
    });
}
