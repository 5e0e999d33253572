import { Option, type Command } from 'commander';
import { systemClock } from '../platform/clock.js';
import { operatorActor } from '../accounts/operator.js';
import { withStore, type DatabaseFlags } from './context.js';
import { printJson } from './output.js';

interface AdminFlags extends DatabaseFlags {
  json?: boolean;
  publicUrl?: string;
}

/**
 * `porchlight admin ...`: what the operator does on the server itself. The first administrator
 * can only be made here; everything else is also on the pages, and goes through the same services.
 */
export function adminCommand(cmd: Command, databaseOptions: (c: Command) => Command): void {
  cmd.description('accounts, roles and service bodies, from the server itself');

  databaseOptions(cmd.command('create'))
    .description('make an administrator and print a one-time sign-in link (valid 15 minutes)')
    .requiredOption('--email <address>', 'their email address')
    .addOption(
      new Option('--public-url <url>', 'the address people reach the server at').env('PUBLIC_URL'),
    )
    .option('--json', 'machine-readable output')
    .action(async (flags: AdminFlags & { email: string }) => {
      const { createAdministrator } = await import('../accounts/administrators.js');
      await withStore(flags, async ({ repos, config }) => {
        const publicUrl = (flags.publicUrl ?? config.publicUrl).replace(/\/$/, '');
        const result = await createAdministrator(
          { repos, clock: systemClock, publicUrl },
          flags.email,
        );
        if (flags.json === true)
          printJson({
            personId: result.person.id,
            created: result.created,
            granted: result.granted,
            link: result.link,
          });
        else {
          console.log(
            result.granted
              ? 'administrator created'
              : 'already an administrator; here is a new link',
          );
          console.log(`sign in within 15 minutes, once: ${result.link}`);
        }
      });
    });

  databaseOptions(cmd.command('grant'))
    .description('give a role: editor of a service body, or contact of a group')
    .requiredOption('--email <address>', 'their email address')
    .requiredOption('--role <role>', 'administrator, editor or group_contact')
    .option('--service-body <id>', 'the service body (editor; optional for a group contact)')
    .option('--group <key>', 'the group key (group contact)')
    .option('--json', 'machine-readable output')
    .action(
      async (
        flags: AdminFlags & { email: string; role: string; serviceBody?: string; group?: string },
      ) => {
        const { grantRole, parseGrantInput } = await import('../stewardship/roles.js');
        await withStore(flags, async ({ repos }) => {
          const grant = parseGrantInput({
            role: flags.role,
            serviceBodyId: flags.serviceBody,
            groupKey: flags.group,
          });
          const made = await grantRole(
            { repos, clock: systemClock },
            operatorActor,
            flags.email,
            grant,
          );
          if (flags.json === true)
            printJson({ grantId: made.id, personId: made.personId, role: grant.role });
          else console.log(`granted ${grant.role} (grant ${made.id})`);
        });
      },
    );

  databaseOptions(cmd.command('add-service-body'))
    .description('add a service body (intergroup, district, area, region or zone)')
    .requiredOption('--name <name>', 'its name')
    .requiredOption('--kind <kind>', 'intergroup, district, area, region or zone')
    .option('--parent <id>', 'the service body it is part of')
    .option('--json', 'machine-readable output')
    .action(async (flags: AdminFlags & { name: string; kind: string; parent?: string }) => {
      const { createServiceBody, parseServiceBodyInput } =
        await import('../stewardship/service-bodies.js');
      await withStore(flags, async ({ repos }) => {
        const input = parseServiceBodyInput({
          name: flags.name,
          kind: flags.kind,
          parentId: flags.parent,
        });
        const body = await createServiceBody({ repos, clock: systemClock }, operatorActor, input);
        if (flags.json === true) printJson(body);
        else console.log(`added ${body.kind} "${body.name}" (${body.id})`);
      });
    });

  databaseOptions(cmd.command('service-bodies'))
    .description('list the service bodies as a tree')
    .option('--json', 'machine-readable output')
    .action(async (flags: AdminFlags) => {
      const { listServiceBodies } = await import('../stewardship/service-bodies.js');
      await withStore(flags, async ({ repos }) => {
        const tree = await listServiceBodies({ repos, clock: systemClock });
        if (flags.json === true) printJson(tree);
        else
          for (const b of tree) console.log(`${'  '.repeat(b.depth)}${b.name} (${b.kind}) ${b.id}`);
      });
    });

  databaseOptions(cmd.command('assign-source'))
    .description('say which service body publishes a source, so its editors keep those meetings')
    .argument('<source>', 'the source name')
    .argument('<service-body>', 'the service body id')
    .action(async (source: string, serviceBody: string, flags: AdminFlags) => {
      const { assignSource } = await import('../stewardship/service-bodies.js');
      await withStore(flags, async ({ repos }) => {
        await assignSource({ repos, clock: systemClock }, operatorActor, source, serviceBody);
        console.log(`${source} is published by ${serviceBody}`);
      });
    });
}
