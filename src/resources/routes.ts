/**
 * `GET /api/v1/resources/search`: services near a place that meet a need, open now, in a
 * language, at a cost a person can pay, with the recovery attributes asked for. One result per
 * service, at its nearest place when `near` is given (then nearest first), else by name.
 */
import { Type, type Static } from 'typebox';
import { listOptions } from '../platform/http/query-params.js';
import { errorResponseSchema, type HttpServer } from '../platform/http/server.js';
import { kmToUnits, roundDistance } from '../search/distance.js';
import { costKinds, moudKinds, servedGroups } from './model.js';
import { needByCode } from './needs.js';
import {
  encodeResourceCursor,
  resourceParamNames,
  type ResourceParams,
} from './search/parse-resource-query.js';
import type { ResourceFinder } from './search/resource-finder.js';
import type { ResourceHit } from './search/resource-index.js';

const descriptions: Record<(typeof resourceParamNames)[number], string> = {
  near: 'lat,lng, or a place: a ZIP code or "Town, ST"',
  radius: 'Distance around `near` (default 25 mi / 40 km)',
  units: 'mi (default) or km',
  need: 'Open Eligibility needs, by code or name, comma-separated (any of; narrower needs count)',
  q: 'Words in the name, description or organization (all must match)',
  open_now: 'true for services open at this moment',
  lang: 'Languages, BCP-47 (any of)',
  cost: `${costKinds.join(', ')} (any of)`,
  moud: `Medication for opioid use disorder offered: ${moudKinds.join(', ')} (any of)`,
  serves: `${servedGroups.join(', ')} (any of)`,
  attributes: 'accepts_moud, naloxone, walk_in, same_day, telehealth (all must hold)',
  limit: 'Results per page, 1-200 (default 25)',
  cursor: 'From nextCursor of the previous page',
};
const lists = new Set(['need', 'lang', 'cost', 'moud', 'serves', 'attributes']);

const Opt = Type.Optional;
const PhoneSchema = Type.Object({
  number: Type.String(),
  type: Opt(Type.String()),
  extension: Opt(Type.String()),
});
const ResultSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  description: Opt(Type.String()),
  organization: Opt(
    Type.Object({ id: Type.String(), name: Type.String(), website: Opt(Type.String()) }),
  ),
  url: Opt(Type.String()),
  distance: Opt(Type.Number({ description: 'In the units asked for, rounded as people read it' })),
  openNow: Opt(Type.Boolean({ description: 'Absent when the hours are not known' })),
  location: Opt(
    Type.Object({
      id: Type.String(),
      name: Opt(Type.String()),
      latitude: Opt(Type.Number()),
      longitude: Opt(Type.Number()),
      address: Opt(Type.String()),
      accessibility: Type.Array(Type.String()),
    }),
  ),
  phones: Type.Array(PhoneSchema),
  languages: Type.Array(Type.String()),
  needs: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  costOptions: Type.Array(
    Type.Object({
      kind: Type.String(),
      description: Opt(Type.String()),
      amount: Opt(Type.Number()),
      currency: Opt(Type.String()),
    }),
  ),
  recovery: Type.Object({
    moud: Type.Array(Type.String()),
    acceptsMoud: Opt(Type.Boolean()),
    naloxone: Type.Boolean(),
    narrLevel: Opt(Type.Integer()),
    walkIn: Type.Boolean(),
    sameDay: Type.Boolean(),
    telehealth: Type.Boolean(),
  }),
  eligibility: Type.Object({
    description: Opt(Type.String()),
    minimumAge: Opt(Type.Integer()),
    maximumAge: Opt(Type.Integer()),
    serves: Type.Array(Type.String()),
  }),
  schedules: Type.Array(
    Type.Object({
      byDay: Type.Array(Type.String()),
      weekOfMonth: Opt(
        Type.Integer({ description: 'Monthly hours: which of the month (1-5, -1 the last)' }),
      ),
      opensAt: Opt(Type.String()),
      closesAt: Opt(Type.String()),
      description: Opt(Type.String()),
    }),
  ),
});
export const ResourceSearchResponseSchema = Type.Object({
  total: Type.Integer({ description: 'Services that match, each counted once' }),
  results: Type.Array(ResultSchema),
  nextCursor: Opt(Type.String()),
  attribution: Type.String(),
});
/** One service as the search API and the finder page show it. */
export type ResourceResult = Static<typeof ResultSchema>;

const attribution =
  'Needs: the Open Eligibility human services taxonomy (The Open Eligibility Project), CC BY-SA 3.0.';

/** A hit of the index as a result: its nearest place, phones and hours, its service's own. */
export function presentResourceHit(hit: ResourceHit, units: 'mi' | 'km'): ResourceResult {
  const { service, organization, location } = hit;
  const address = location?.addresses[0];
  const schedules = service.schedules.length > 0 ? service.schedules : (location?.schedules ?? []);
  return {
    id: service.id,
    name: service.name,
    ...(service.description !== undefined ? { description: service.description } : {}),
    ...(organization !== undefined
      ? {
          organization: {
            id: organization.id,
            name: organization.name,
            ...(organization.website !== undefined ? { website: organization.website } : {}),
          },
        }
      : {}),
    ...(service.url !== undefined ? { url: service.url } : {}),
    ...(hit.distanceKm !== undefined
      ? { distance: roundDistance(kmToUnits(hit.distanceKm, units)) }
      : {}),
    ...(hit.openNow !== undefined ? { openNow: hit.openNow } : {}),
    ...(location !== undefined
      ? {
          location: {
            id: location.id,
            ...(location.name !== undefined ? { name: location.name } : {}),
            ...(location.latitude !== undefined
              ? { latitude: location.latitude, longitude: location.longitude! }
              : {}),
            ...(address !== undefined
              ? {
                  address: [
                    address.address1,
                    address.city,
                    `${address.region} ${address.postalCode}`.trim(),
                  ]
                    .filter((p) => p !== '')
                    .join(', '),
                }
              : {}),
            accessibility: location.accessibility,
          },
        }
      : {}),
    phones:
      service.phones.length > 0 ? service.phones : (location?.phones ?? organization?.phones ?? []),
    languages: service.languages,
    needs: service.needs.map((code) => ({ code, name: needByCode(code)?.name ?? code })),
    costOptions: service.costOptions,
    recovery: service.recovery,
    eligibility: service.eligibility,
    schedules: schedules.map((s) => ({
      byDay: s.byDay,
      ...(s.weekOfMonth !== undefined ? { weekOfMonth: s.weekOfMonth } : {}),
      ...(s.opensAt !== undefined ? { opensAt: s.opensAt } : {}),
      ...(s.closesAt !== undefined ? { closesAt: s.closesAt } : {}),
      ...(s.description !== undefined ? { description: s.description } : {}),
    })),
  };
}

export function registerResourceRoutes(server: HttpServer, finder: ResourceFinder): void {
  server.get(
    '/api/v1/resources/search',
    {
      schema: {
        tags: ['resources'],
        summary: 'Services that meet a need near a place: treatment, MOUD, housing, food, rides',
        querystring: Type.Object(
          Object.fromEntries(
            resourceParamNames.map((name) => [
              name,
              Type.Optional(
                Type.String({
                  maxLength: 500,
                  description: descriptions[name],
                  ...(lists.has(name) ? listOptions : {}),
                }),
              ),
            ]),
          ),
          { additionalProperties: false },
        ),
        response: { 200: ResourceSearchResponseSchema, 400: errorResponseSchema },
      },
    },
    async (request) => {
      const params = request.query as ResourceParams;
      const query = finder.parse(params);
      const answer = await finder.search(query);
      const units = params.units === 'km' ? 'km' : 'mi';
      const next = query.offset + answer.hits.length;
      return {
        total: answer.total,
        results: answer.hits.map((hit) => presentResourceHit(hit, units)),
        ...(next < answer.total ? { nextCursor: encodeResourceCursor(next) } : {}),
        attribution,
      };
    },
  );
}
