/** `/review/stale`: what to confirm next, in the editor's scope. */
import { Type } from 'typebox';
import type { HttpServer } from '../../platform/http/server.js';
import type { EditingKit } from '../editing/http.js';
import { StalePage } from './stale-page.js';
import {
  defaultStaleDays,
  staleBefore,
  staleDaysRange,
  staleMeetingsFor,
} from './stale-meetings.js';

const staleQuery = Type.Object({
  days: Type.Optional(Type.Integer({ minimum: staleDaysRange.min, maximum: staleDaysRange.max })),
});

export function registerVerificationPages(scope: HttpServer, kit: EditingKit): void {
  const { deps } = kit;
  scope.get(
    '/review/stale',
    { schema: { hide: true, querystring: staleQuery } },
    async (request, reply) => {
      const ctx = kit.ctxOf(request);
      const actor = await kit.actorOf(request);
      const days = request.query.days ?? defaultStaleDays;
      const meetings = await staleMeetingsFor(
        deps.repos,
        actor,
        staleBefore(deps.clock.now(), days),
      );
      return kit.sendForm(request, reply, ctx, StalePage, { days, meetings });
    },
  );
}
