import compress from '@fastify/compress';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import helmet from 'helmet';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { answerClientError } from './client-error.js';
import { rateLimitPluginOptions } from './client-key.js';
import type { LimitStore } from './shared-limits.js';
import { LIST_KEYWORD, prepareQueries } from './query-params.js';
import { TurnGate } from './turn-gate.js';

export type HttpServer = FastifyInstance<
  Server,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/**
 * Powerful browser features no page uses are denied to every origin; geolocation is kept for the
 * page itself, since "use my location" asks for it.
 */
export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'browsing-topics=()',
  'camera=()',
  'display-capture=()',
  'geolocation=(self)',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'usb=()',
].join(', ');

export interface HttpServerOptions {
  /** Origins of the operator's map tiles: the only other origins a page may load from. */
  mapTileSources?: string[];
  /** The site's public address (PUBLIC_URL); page scripts load from its `/assets/`. */
  publicUrl?: string;
  /**
   * CSP sources for the pages' inline style sheets (their hashes), given by whoever renders the
   * pages: the server itself knows no page.
   */
  inlineStyleSources?: string[];
  /**
   * The proxies whose `X-Forwarded-For` is believed (TRUST_PROXY: addresses, CIDR ranges, or
   * `loopback`); none by default. Behind nginx every request comes from the loopback, so
   * without it every person would share one rate limit.
   */
  trustProxy?: string;
  /** Where rate limits count (Redis, shared by instances); in this process without one. */
  limitStore?: LimitStore;
  /**
   * The longest stretch of request handling in one turn of the event loop, in milliseconds
   * (decision 0125); 0 hands requests to Fastify as they are read, as Node does by default.
   */
  turnBudgetMs?: number;
}

/** Long enough for a finder page or two, short enough to accept a newcomer every few milliseconds. */
export const DEFAULT_TURN_BUDGET_MS = 5;

/** Fastify's own defaults for the HTTP/1 server, which it sets only on servers it creates. */
const KEEP_ALIVE_TIMEOUT_MS = 72_000;

/** Where every page script lives (the client build and the passkey script). */
export const SCRIPT_PATH = '/assets/';
/** The service worker, the one script outside it. */
export const SERVICE_WORKER_PATH = '/sw.js';

const hostPattern = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * Script sources with a path: `'self'` would let any same-origin answer run as a script, and
 * the BMLT JSONP answer (`callback=alert`) is one. A source needs a host to carry a path, so
 * it is given for the public address and for the address the request came to (a server
 * reached as localhost, or behind a proxy); an `http:` source also matches `https:`.
 */
export function pathSources(publicUrl: string | undefined, path: string) {
  const configured =
    publicUrl !== undefined && URL.canParse(publicUrl) ? new URL(publicUrl) : undefined;
  const fixed = configured === undefined ? "'none'" : `${configured.origin}${path}`;
  return [
    fixed,
    (req: IncomingMessage) => {
      const host = req.headers.host;
      if (host === undefined || !hostPattern.test(host)) return fixed;
      const scheme = 'encrypted' in req.socket && req.socket.encrypted === true ? 'https' : 'http';
      return `${scheme}://${host}${path}`;
    },
  ];
}

/**
 * The HTTP server with the cross-cutting parts every route shares: security headers,
 * compression, the OpenAPI document. Errors become responses in the page kit's
 * `answerApiErrors` and page scopes (src/web/kit/error-handlers.ts), over `errorResponse`.
 */
export async function createHttpServer(
  logger: Logger,
  version: string,
  options: HttpServerOptions = {},
): Promise<HttpServer> {
  const tiles = options.mapTileSources ?? [];
  const baseLogger: FastifyBaseLogger = logger;
  const budgetMs = options.turnBudgetMs ?? DEFAULT_TURN_BUDGET_MS;
  const gate = budgetMs > 0 ? new TurnGate({ budgetMs }) : undefined;
  const server = Fastify({
    loggerInstance: baseLogger,
    // Requests reach Fastify through the turn gate; `inject` (the tests) goes straight in.
    ...(gate === undefined
      ? {}
      : {
          serverFactory: (handler: (req: IncomingMessage, res: ServerResponse) => void) => {
            const http = createServer((req, res) => gate.run(() => handler(req, res)));
            http.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
            return http;
          },
        }),
    trustProxy: options.trustProxy ?? false,
    clientErrorHandler: answerClientError,
    ajv: {
      customOptions: {
        coerceTypes: 'array',
        removeAdditional: false,
        allErrors: false,
        keywords: [LIST_KEYWORD],
      },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();
  // Before any route is added: numbers and repeated values in queries are read in one place.
  server.addHook('onRoute', prepareQueries);

  // Helmet's middleware is built once: @fastify/helmet built it again for every request, a fifth
  // of the CPU of a request as small as /healthz. Only the script sources depend on the request.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: pathSources(options.publicUrl, SCRIPT_PATH),
        workerSrc: pathSources(options.publicUrl, SERVICE_WORKER_PATH),
        // No web fonts at all (system fonts only); helmet's default would allow any https: origin.
        fontSrc: ["'self'"],
        // The pages' inline style sheet, by hash: no second round trip before first paint.
        styleSrc: ["'self'", ...(options.inlineStyleSources ?? [])],
        imgSrc: ["'self'", 'data:', ...tiles],
        connectSrc: ["'self'", ...tiles],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
  // Async on purpose, as @fastify/helmet's hooks were: a request is handled after the HTTP
  // parser has read what came with its headers, so a broken body is answered with
  // PL_MALFORMED_REQUEST, not with a route's answer written before the parser saw it.
  server.addHook('onRequest', async (request, reply) => {
    securityHeaders(request.raw, reply.raw, () => undefined);
    reply.header('permissions-policy', PERMISSIONS_POLICY);
  });
  // One rate-limit plugin for the whole server: every scope's route and action limits count in
  // its store (this process, or Redis shared by every instance).
  await server.register(rateLimit, {
    ...rateLimitPluginOptions,
    ...(options.limitStore !== undefined
      ? {
          redis: options.limitStore,
          nameSpace: 'porchlight-limit-',
          skipOnError: true,
        }
      : {}),
  });
  await server.register(compress, { global: true, threshold: 1024 });
  await server.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Porchlight API',
        version,
        description: 'Find mutual-support meetings in person, online or by phone.',
        license: { name: 'MIT', identifier: 'MIT' },
      },
      tags: [
        { name: 'meetings', description: 'The meeting directory' },
        { name: 'sources', description: 'Upstream feeds and their import reports' },
        { name: 'search', description: 'The next meeting a person can get to' },
        { name: 'places', description: 'Offline place lookup' },
        { name: 'feeds', description: 'Standard feed formats' },
        { name: 'health', description: 'Probes for operators' },
        { name: 'centers', description: 'The recovery center desk (API token required)' },
      ],
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'An API token from `porchlight tokens create` (`pl_...`)',
          },
        },
      },
    },
  });
  return server;
}

/** The shared error response schema, referenced by every route's 4xx/5xx documentation. */
export const errorResponseSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        field: { type: 'string' },
        candidates: {
          type: 'array',
          description:
            'With PL_AMBIGUOUS_PLACE: the places the value may name, nearest the list first; search again with one of their `near` texts',
          items: {
            type: 'object',
            properties: {
              label: { type: 'string' },
              near: { type: 'string' },
              name: { type: 'string' },
              region: { type: 'string' },
              country: { type: 'string' },
              latitude: { type: 'number' },
              longitude: { type: 'number' },
              population: { type: 'integer' },
            },
            required: ['label', 'near', 'name', 'country', 'latitude', 'longitude'],
          },
        },
      },
      required: ['code', 'message'],
    },
  },
  required: ['error'],
} as const;
