import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { systemClock } from '../platform/clock.js';
import { countOf } from '../platform/english.js';
import { isPorchlightError } from '../platform/errors.js';
import type { PrintedSchedule } from '../print/print-schedule.js';
import { paperSizes, type PaperSize } from '../print/sheet.js';
import type { SearchParams } from '../search/parse-params.js';
import { locales, type Locale } from '../web/i18n/locales.js';
import { withStore, type DatabaseFlags } from './context.js';
import { exitCodes, printJson, reportFailure } from './output.js';

interface PrintFlags extends DatabaseFlags {
  near?: string;
  radius?: string;
  units?: string;
  nearest?: string;
  day?: string;
  from?: string;
  to?: string;
  startingWithin?: string;
  inProgress?: string;
  date?: string;
  attendance?: string;
  program?: string;
  focus?: string;
  types?: string;
  lang?: string;
  wheelchair?: boolean;
  includeClosed?: boolean;
  q?: string;
  tz?: string;
  locale: Locale;
  paper: PaperSize;
  output?: string;
  publicUrl?: string;
  json?: boolean;
}

/** The finder's parameter for each flag that mirrors one. */
const flagParams = {
  near: 'near',
  radius: 'radius',
  units: 'units',
  nearest: 'nearest',
  day: 'day',
  from: 'from',
  to: 'to',
  startingWithin: 'starting_within',
  inProgress: 'in_progress',
  date: 'date',
  attendance: 'attendance',
  program: 'program',
  focus: 'focus',
  types: 'types',
  lang: 'lang',
  q: 'q',
  tz: 'tz',
} as const satisfies Partial<Record<keyof PrintFlags, keyof SearchParams>>;

/**
 * `porchlight print [search options] [-o file.pdf]`: the weekly schedule of the meetings a
 * search finds, as the PDF `GET /print` serves. The options mirror the finder's parameters.
 */
export function printCommand(cmd: Command): void {
  cmd
    .description('write a printable PDF schedule of the meetings a search finds')
    .option('--near <place>', 'a ZIP code, "Town, ST" or lat,lng')
    .option('--radius <distance>', 'distance around --near (default 25 mi)')
    .option('--units <units>', 'mi (default) or km')
    .option('--nearest <n>', 'the N nearest in-person meetings instead of a radius')
    .option('--day <days>', 'weekdays, comma-separated, 0 = Sunday')
    .option('--from <HH:MM>', 'earliest local start')
    .option('--to <HH:MM>', 'latest local start (exclusive)')
    .option('--starting-within <minutes>', 'only meetings starting within N minutes')
    .option('--in-progress <yes|no>', 'with --starting-within, include meetings under way')
    .option('--date <YYYY-MM-DD>', 'only meetings held on this date')
    .option('--attendance <ways>', 'in_person, online, hybrid, phone (any of)')
    .option('--program <ids>', 'aa, na, al-anon, ... (any of)')
    .option('--focus <areas>', 'alcohol, drugs, gambling, family_and_friends, ... (any of)')
    .option('--types <codes>', 'type codes or tags such as women (all must match)')
    .option('--lang <tags>', 'meetings held in these languages, BCP-47 (any of)')
    .option('--wheelchair', 'wheelchair-accessible rooms only')
    .option('--include-closed', 'include temporarily closed meetings')
    .option('--q <text>', 'text in the name, place, group, town or notes')
    .option('--tz <zone>', 'the IANA zone dates are read in (default America/New_York)')
    .addOption(
      new Option('--locale <locale>', 'the language of the sheet').choices(locales).default('en'),
    )
    .addOption(new Option('--paper <size>', 'paper size').choices(paperSizes).default('letter'))
    .option('-o, --output <file>', 'where to write the PDF (default: meetings-<place>-<date>.pdf)')
    .addOption(
      new Option('--public-url <url>', 'the site address printed on the sheet').env('PUBLIC_URL'),
    )
    .addOption(
      new Option(
        '--geocoder-url <url>',
        'a Nominatim server to ask for a --near town the bundled place list does not know',
      ).env('PORCHLIGHT_GEOCODER_URL'),
    )
    .option('--json', 'print a JSON summary')
    .action(async (flags: PrintFlags) => {
      const params: SearchParams = {};
      for (const [flag, param] of Object.entries(flagParams)) {
        const value = flags[flag as keyof typeof flagParams];
        if (value !== undefined) params[param] = value;
      }
      if (flags.wheelchair === true) params.wheelchair = 'true';
      if (flags.includeClosed === true) params.include_closed = 'true';

      const [{ createOfflineGeocoder }, { geocodedPlaces }, { printSchedule }, { SearchService }] =
        await Promise.all([
          import('../places/gazetteer.js'),
          import('../places/geocoded-places.js'),
          import('../print/print-schedule.js'),
          import('../search/search-service.js'),
        ]);
      let printed: PrintedSchedule;
      try {
        printed = await withStore(flags, async ({ repos, config, importDeps }) => {
          // A typed town the bundled list lacks is asked of the operator's geocoder, as the
          // server's search does (decision 0105), with the same cache.
          const typedPlaces = geocodedPlaces({
            geocoder: importDeps.addressGeocoder,
            cache: repos.geocodeCache,
            clock: systemClock,
            onFailure: (reason) =>
              process.stderr.write(
                `warning: the geocoder could not be asked for the place: ${reason}\n`,
              ),
          });
          const search = new SearchService(
            repos,
            systemClock,
            importDeps.geocoder ?? createOfflineGeocoder(),
            typedPlaces !== undefined ? { geocodedPlaces: typedPlaces } : {},
          );
          try {
            await search.rebuild();
            return await printSchedule(
              {
                search,
                repos,
                clock: systemClock,
                publicUrl: flags.publicUrl ?? config.publicUrl,
              },
              { params, locale: flags.locale, paper: flags.paper },
            );
          } finally {
            await search.close();
          }
        });
      } catch (error) {
        // A search the API would answer with a 400 is a bad option here: usage, not failure.
        if (isPorchlightError(error) && error.status === 400) {
          reportFailure(error);
          process.exitCode = exitCodes.usage;
          return;
        }
        throw error;
      }
      const output = flags.output ?? printed.filename;
      await writeFile(output, printed.pdf);
      const summary = {
        output,
        meetings: printed.meetings,
        entries: printed.entries,
        pages: printed.pages,
        bytes: printed.pdf.length,
        capped: printed.capped,
        title: printed.sheet.title,
      };
      if (flags.json === true) printJson(summary);
      else
        console.log(
          `wrote ${countOf(summary.meetings, 'meeting')} (${countOf(summary.entries, 'line')}, ${countOf(summary.pages, 'page')}) to ${output}` +
            (printed.capped ? '; the list stops at the cap, narrow the search for the rest' : ''),
        );
    });
}
