import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PorchlightError } from '../../platform/errors.js';
import type { HttpServer } from '../../platform/http/server.js';
import { stringParam, type RawQuery } from './client-interface-params.js';
import { answerSwitcher, switchers } from './client-interface-switcher.js';
import type { ServedCatalogueCache } from './served-catalogue.js';

/** A JSONP callback: a dotted JavaScript identifier, nothing that could smuggle script in. */
const callbackPattern = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;
const maxCallbackLength = 128;

const description = [
  'The BMLT semantic interface, so NA front ends (Crouton, BMLT meeting lists, meeting finder',
  'apps) can use this server as their root server unchanged. Answers NA meetings only.',
  `\`switcher\` is one of ${switchers.join(', ')}; GetSearchResults takes BMLT's parameters`,
  '(weekdays, venue_types, formats, services, recursive, lat_val, long_val, geo_width,',
  'geo_width_km, StartsAfterH/M, StartsBeforeH/M, SearchString, sort_keys, page_size, page_num,',
  'data_field_key, get_used_formats). Every value in an answer is a string, as root servers send.',
].join(' ');

/**
 * `GET /client_interface/json/` and `GET /client_interface/jsonp/` (with `callback`): BMLT's
 * semantic interface, readable from any origin, with an ETag per answer.
 */
export function registerBmltRoutes(
  server: HttpServer,
  deps: {
    catalogue: ServedCatalogueCache;
    rootServerUri: string;
    version: string;
    /** The languages the site speaks (see `SwitcherContext.languages`). */
    languages: readonly string[];
  },
): void {
  const answer = async (request: FastifyRequest, reply: FastifyReply, jsonp: boolean) => {
    const query = (request.query ?? {}) as RawQuery;
    let callback: string | undefined;
    if (jsonp) {
      callback = stringParam(query, 'callback') ?? 'callback';
      if (callback.length > maxCallbackLength || !callbackPattern.test(callback)) {
        throw new PorchlightError(
          'PL_INVALID_QUERY',
          'callback must be a JavaScript identifier such as jQuery123_456.',
          { field: 'callback' },
        );
      }
    }
    const catalogue = await deps.catalogue.get();
    const json = JSON.stringify(
      answerSwitcher(query, {
        catalogue,
        rootServerUri: deps.rootServerUri,
        version: deps.version,
        languages: deps.languages,
      }),
    );
    const body = callback === undefined ? json : `/**/${callback}(${json});`;
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    reply
      .header('access-control-allow-origin', '*')
      .header('cache-control', 'public, max-age=300')
      .header('etag', etag)
      .header('vary', 'accept-encoding')
      .type(
        callback === undefined
          ? 'application/json; charset=utf-8'
          : 'application/javascript; charset=utf-8',
      );
    if (etagMatches(request.headers['if-none-match'], etag)) return reply.status(304).send();
    return reply.send(body);
  };

  for (const [path, jsonp, hide] of [
    ['/client_interface/json/', false, false],
    ['/client_interface/json', false, true],
    ['/client_interface/jsonp/', true, false],
    ['/client_interface/jsonp', true, true],
  ] as const) {
    server.get(
      path,
      {
        schema: {
          hide,
          tags: ['feeds'],
          summary: jsonp
            ? 'BMLT semantic interface, JSONP (`callback`)'
            : 'BMLT semantic interface, JSON (NA meetings, formats, service bodies)',
          description,
        },
      },
      (request, reply) => answer(request, reply, jsonp),
    );
  }
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '');
    return tag === etag || tag === '*';
  });
}
