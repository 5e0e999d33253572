import { Type } from 'typebox';
import type { Clock } from '../../platform/clock.js';
import { PorchlightError } from '../../platform/errors.js';
import { errorResponseSchema, type HttpServer } from '../../platform/http/server.js';
import type { MeetingDirectory } from '../../meetings/meeting-directory.js';
import {
  fold,
  type HsdsCatalogueCache,
  type HsdsDirectoryPart,
  type HsdsListEntry,
} from './catalogue.js';
import {
  HsdsRootSchema,
  HsdsServicePageSchema,
  HsdsServiceSchema,
  type HsdsService,
} from './hsds-schema.js';
import { fullService } from './service.js';

/** The HSDS version these endpoints follow. */
export const HSDS_VERSION = '3.0';

const maxPerPage = 500;
/** Far beyond the last page of any directory; a bound, so that no page number is unbounded. */
const maxPage = 1_000_000;

/**
 * The required endpoints of the Open Referral HSDS 3.0 API under `/hsds`: `/` (what this API
 * is), `/services` (a page of services, one-to-one fields unless `full=true`) and
 * `/services/{id}` (one fully nested service). Every meeting of every program is a service,
 * listed first; the services of `parts` (the published resource directories) follow.
 */
export function registerHsdsRoutes(
  server: HttpServer,
  deps: {
    meetings: MeetingDirectory;
    catalogue: HsdsCatalogueCache;
    publicUrl: string;
    clock: Clock;
    parts?: readonly HsdsDirectoryPart[];
  },
): void {
  const { meetings, catalogue, publicUrl, clock } = deps;
  const parts = deps.parts ?? [];

  /** The entries of every part after the meetings, each with the way to its full service. */
  async function otherEntries(): Promise<
    { entry: HsdsListEntry; full: () => HsdsService | undefined }[]
  > {
    const lists = await Promise.all(parts.map((part) => part.list()));
    return lists.flatMap((list) =>
      list.entries.map((entry) => ({ entry, full: () => list.full(entry.item.id) })),
    );
  }
  const headers = { 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=300' };

  for (const [path, hide] of [
    ['/hsds/', false],
    ['/hsds', true],
  ] as const) {
    server.get(
      path,
      {
        schema: {
          hide,
          tags: ['feeds'],
          summary: 'HSDS: information about this API',
          response: { 200: HsdsRootSchema },
        },
      },
      async (_request, reply) => {
        reply.headers(headers);
        return {
          version: HSDS_VERSION,
          openapi_url: `${publicUrl}/api/openapi.json`,
          description:
            'Mutual-support meetings (AA, NA, Al-Anon, SMART Recovery and more) in person, online and by phone, and the services of published resource directories (treatment, medication for opioid use disorder, recovery housing and more), as HSDS services.',
          publisher: { name: 'Porchlight', website: `${publicUrl}/` },
        };
      },
    );
  }

  server.get(
    '/hsds/services',
    {
      schema: {
        tags: ['feeds'],
        summary: 'HSDS: a page of services (one per meeting, then the published resources)',
        querystring: Type.Object({
          page: Type.Integer({
            minimum: 1,
            maximum: maxPage,
            default: 1,
            description: 'Page number, from 1',
          }),
          per_page: Type.Integer({
            minimum: 1,
            maximum: maxPerPage,
            default: 50,
            description: `Services per page, 1-${maxPerPage}`,
          }),
          search: Type.Optional(
            Type.String({ maxLength: 200, description: 'Words in the name or description' }),
          ),
          organization_id: Type.Optional(Type.String({ maxLength: 64 })),
          modified_after: Type.Optional(
            Type.String({ maxLength: 40, description: 'Only services changed on or after this' }),
          ),
          full: Type.Boolean({ default: false, description: 'Fully nested services' }),
        }),
        response: { 200: HsdsServicePageSchema, 400: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const {
        page,
        per_page: perPage,
        search,
        organization_id,
        modified_after,
        full,
      } = request.query;
      let since: number | undefined;
      if (modified_after !== undefined) {
        since = Date.parse(modified_after);
        if (Number.isNaN(since))
          throw new PorchlightError(
            'PL_INVALID_QUERY',
            'modified_after must be a date or date-time such as 2026-01-31T00:00:00Z.',
            { field: 'modified_after' },
          );
      }
      const words = search === undefined ? [] : fold(search).split(/\s+/).filter(Boolean);
      const { entries, sourceNames } = await catalogue.get();
      const wanted = (e: HsdsListEntry) =>
        (organization_id === undefined || e.item.organization_id === organization_id) &&
        (since === undefined || Date.parse(e.updatedAt) >= since) &&
        words.every((w) => e.text.includes(w));
      const context = { publicUrl, sourceNames, now: clock.now().getTime() };
      const matching: { entry: HsdsListEntry; full: () => Promise<HsdsService | undefined> }[] =
        entries.filter(wanted).map((entry) => ({
          entry,
          full: async () => {
            const meeting = await meetings.find(entry.slug);
            return meeting === undefined ? undefined : fullService(meeting, context);
          },
        }));
      for (const other of await otherEntries()) {
        if (wanted(other.entry))
          matching.push({ entry: other.entry, full: () => Promise.resolve(other.full()) });
      }
      const totalPages = Math.ceil(matching.length / perPage);
      const slice = matching.slice((page - 1) * perPage, page * perPage);
      let contents: HsdsService[] = slice.map((m) => m.entry.item);
      if (full) {
        contents = [];
        for (const m of slice) {
          const service = await m.full();
          if (service !== undefined) contents.push(service);
        }
      }
      reply.headers(headers);
      return {
        total_items: matching.length,
        total_pages: totalPages,
        page_number: page,
        size: contents.length,
        first_page: page === 1,
        last_page: page >= totalPages,
        empty: contents.length === 0,
        contents,
      };
    },
  );

  server.get(
    '/hsds/services/:id',
    {
      schema: {
        tags: ['feeds'],
        summary: 'HSDS: one fully nested service',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: HsdsServiceSchema, 404: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { byServiceId, sourceNames } = await catalogue.get();
      const entry = byServiceId.get(id.toLowerCase());
      const meeting = entry === undefined ? undefined : await meetings.find(entry.slug);
      let service: HsdsService | undefined;
      if (meeting !== undefined) {
        service = fullService(meeting, { publicUrl, sourceNames, now: clock.now().getTime() });
      } else {
        for (const part of parts) {
          service = (await part.list()).full(id.toLowerCase());
          if (service !== undefined) break;
        }
      }
      if (service === undefined)
        throw new PorchlightError(
          'PL_SERVICE_NOT_FOUND',
          { id },
          {
            field: 'id',
          },
        );
      reply.headers(headers);
      return service;
    },
  );
}
