import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the server does with one request; each kind is a way real feed servers misbehave. */
export type FeedBehaviour =
  | { kind: 'json'; body: unknown; status?: number; headers?: Record<string, string> }
  | {
      kind: 'text';
      body: string | Buffer;
      contentType?: string;
      status?: number;
      headers?: Record<string, string>;
    }
  /** A 304 with no body: the answer to a conditional request for an unchanged feed. */
  | { kind: 'not-modified'; headers?: Record<string, string> }
  /** Sends the headers and part of the body, then never finishes: a stalled server. */
  | { kind: 'hang' }
  /** Announces the whole body's length, sends part of it and drops the connection. */
  | { kind: 'truncate'; body: string; keep: number };

/** Chooses the answer from the address, and the request headers when it cares (`If-None-Match`). */
export type FeedResponder = (
  url: URL,
  headers: IncomingMessage['headers'],
) => FeedBehaviour | undefined;

/** A local HTTP server on 127.0.0.1 that answers as the test tells it to. */
export interface FeedServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Every request's path and query, in order. */
  requests: string[];
  respond(responder: FeedResponder): void;
  close(): Promise<void>;
}

/** Starts a feed server on a free loopback port; unanswered paths get a 404. */
export async function startFeedServer(): Promise<FeedServer> {
  let responder: FeedResponder = () => undefined;
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(`${url.pathname}${url.search}`);
    const behaviour = responder(url, req.headers);
    if (behaviour === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    switch (behaviour.kind) {
      case 'json': {
        const body = Buffer.from(JSON.stringify(behaviour.body));
        res
          .writeHead(behaviour.status ?? 200, {
            'content-type': 'application/json',
            'content-length': body.byteLength,
            ...behaviour.headers,
          })
          .end(body);
        return;
      }
      case 'text': {
        const body =
          typeof behaviour.body === 'string' ? Buffer.from(behaviour.body) : behaviour.body;
        res
          .writeHead(behaviour.status ?? 200, {
            'content-type': behaviour.contentType ?? 'text/plain; charset=utf-8',
            'content-length': body.byteLength,
            ...behaviour.headers,
          })
          .end(body);
        return;
      }
      case 'not-modified':
        res.writeHead(304, { ...behaviour.headers }).end();
        return;
      case 'hang':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('[');
        return;
      case 'truncate': {
        const body = Buffer.from(behaviour.body);
        res.writeHead(200, {
          'content-type': 'application/json',
          'content-length': body.byteLength,
        });
        res.write(body.subarray(0, behaviour.keep), () => res.socket?.destroy());
        return;
      }
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    respond: (next) => {
      responder = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A feed as an upstream serves it: its rows, and its ETag when it sends one. */
export interface VersionedFeed {
  etag?: string;
  body: unknown;
}

/**
 * The answer of an upstream that honours `If-None-Match`: a 304 when the client holds the feed's
 * current ETag, the feed (with its ETag) otherwise.
 */
export function answerConditionally(
  feed: VersionedFeed,
  headers: IncomingMessage['headers'],
): FeedBehaviour {
  if (feed.etag !== undefined && headers['if-none-match'] === feed.etag)
    return { kind: 'not-modified', headers: { etag: feed.etag } };
  return {
    kind: 'json',
    body: feed.body,
    ...(feed.etag !== undefined ? { headers: { etag: feed.etag } } : {}),
  };
}

/** The answers of a BMLT root server at `/main_server/`, by `switcher`. */
export interface BmltServerAnswers {
  meetings: FeedBehaviour | unknown[];
  formats: FeedBehaviour | unknown[];
  serviceBodies: FeedBehaviour | unknown[];
}

/** A responder that plays a BMLT root server's semantic JSON interface. */
export function bmltResponder(answers: BmltServerAnswers): FeedResponder {
  const asBehaviour = (answer: FeedBehaviour | unknown[]): FeedBehaviour =>
    Array.isArray(answer) ? { kind: 'json', body: answer } : answer;
  return (url) => {
    if (url.pathname !== '/main_server/client_interface/json/') return undefined;
    switch (url.searchParams.get('switcher')) {
      case 'GetSearchResults':
        return asBehaviour(answers.meetings);
      case 'GetFormats':
        return asBehaviour(answers.formats);
      case 'GetServiceBodies':
        return asBehaviour(answers.serviceBodies);
      default:
        return undefined;
    }
  };
}
