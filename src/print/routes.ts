/**
 * `GET /print` (and `/en/print`, `/es/print`): any finder search as a PDF download. The
 * unprefixed path speaks the language of Accept-Language, like the other pages; a search the
 * API would refuse gets the same status and stable code, as an HTML page a person can read.
 */
import { Type } from 'typebox';
import type { HttpServer } from '../platform/http/server.js';
import { searchParamNames, type SearchParams } from '../search/parse-params.js';
import { searchParamSchema } from '../search/routes.js';
import { registerPageScope } from '../web/kit/page-scope.js';
import { languageHeaders } from '../web/kit/send.js';
import { printErrorPage } from './print-error-page.js';
import { printSchedule, type PrintDeps } from './print-schedule.js';
import { paperSizes } from './sheet.js';

const querystring = Type.Object({
  ...Object.fromEntries(searchParamNames.map((name) => [name, searchParamSchema(name)])),
  paper: Type.Optional(Type.Enum(paperSizes)),
});

export interface PrintRouteDeps extends PrintDeps {
  /** Prints made per client address per window (a print costs far more than a page). */
  printLimit?: { max: number; timeWindowMs: number };
}

/** Registers the print routes in every language. */
export function registerPrintRoutes(server: HttpServer, deps: PrintRouteDeps): void {
  registerPageScope(
    server,
    { publicUrl: deps.publicUrl, keepZone: true, errorPage: printErrorPage },
    (scope, kit) => {
      // One count per client address, whichever language path the print is asked at.
      const onRequest = kit.limit('print', {
        max: deps.printLimit?.max ?? 30,
        timeWindowMs: deps.printLimit?.timeWindowMs ?? 60_000,
      });
      scope.get(
        '/print',
        { schema: { hide: true, querystring }, onRequest },
        async (request, reply) => {
          const ctx = kit.ctxOf(request);
          const { paper, ...params } = request.query as SearchParams & { paper?: 'letter' | 'a4' };
          const printed = await printSchedule(deps, {
            params,
            locale: ctx.locale,
            ...(paper !== undefined ? { paper } : {}),
          });
          // The sheet depends on the moment (next dates) and may name a person's town.
          return languageHeaders(reply, ctx, { cache: 'private, max-age=300' })
            .type('application/pdf')
            .header('content-disposition', `attachment; filename="${printed.filename}"`)
            .send(printed.pdf);
        },
      );
    },
  );
}
