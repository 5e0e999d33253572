import { Option, type Command } from 'commander';
import { withStore, type DatabaseFlags } from './context.js';
import { printJson } from './output.js';

interface TryFlags extends DatabaseFlags {
  lang?: 'en' | 'es';
  json?: boolean;
}

/**
 * `porchlight textline try "<message>" [--lang es]`: prints the reply the text line would send
 * to that message, from this store's meetings. Nothing is remembered (no sender): MORE and STOP
 * need a real conversation.
 */
export function textlineCommand(cmd: Command, databaseOptions: (c: Command) => Command): void {
  cmd.description('the text-message line: try what it answers');
  databaseOptions(cmd.command('try'))
    .description('print the reply the line would send to a text')
    .argument('<message>', 'the text, e.g. "01301" or "Greenfield MA women tonight"')
    .addOption(new Option('--lang <language>', 'answer in this language').choices(['en', 'es']))
    .option('--json', 'machine-readable output')
    .action(async (message: string, flags: TryFlags) => {
      const [
        { systemClock },
        { createOfflineGeocoder },
        { SearchService },
        line,
        { Conversations },
      ] = await Promise.all([
        import('../platform/clock.js'),
        import('../places/gazetteer.js'),
        import('../search/search-service.js'),
        import('../textline/text-line.js'),
        import('../textline/conversations.js'),
      ]);
      const messages = await withStore(flags, async ({ repos, config, importDeps }) => {
        const search = new SearchService(
          repos,
          systemClock,
          importDeps.geocoder ?? createOfflineGeocoder(),
        );
        try {
          await search.rebuild();
          const textLine = new line.TextLine({
            search,
            dialIns: async (ids) => line.dialStrings(await repos.meetings.byIds(ids)),
            optOuts: repos.textlineOptOuts,
            senderKey: () => {
              throw new Error('trying the line out keeps no sender');
            },
            conversations: new Conversations(systemClock),
            clock: systemClock,
            publicUrl: config.publicUrl,
          });
          const reply = await textLine.answer({
            text: message,
            ...(flags.lang !== undefined ? { language: flags.lang } : {}),
          });
          return reply.messages;
        } finally {
          await search.close();
        }
      });
      if (flags.json === true) printJson({ messages });
      else for (const text of messages) console.log(text);
    });
}
