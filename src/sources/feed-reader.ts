import { open, stat } from 'node:fs/promises';
import { PorchlightError } from '../platform/errors.js';
import { systemTimers, type Timers } from '../platform/timers.js';
import { isUrlLocation } from '../feeds/reader.js';
import { feedConnectLookup, refuseUnlessPublic, type FeedAddressPolicy } from './feed-address.js';

/** The outside world as an import sees it: `fetch`, handed in so tests can point it anywhere. */
export type Fetcher = typeof fetch;

export interface FeedReadLimits {
  maxBytes: number;
  timeoutMs: number;
  fetcher?: Fetcher;
  /** What measures `timeoutMs` (real timers unless a test fires them itself). */
  timers?: Timers;
  /**
   * Refuses hosts on private networks, checked at every redirect (decision 0110). The server
   * and every command set it from FEED_ALLOW_PRIVATE (`openStore`); a reader without it reads
   * any address (a unit test's own).
   */
  addresses?: FeedAddressPolicy;
}

/**
 * The fetch of feed reads under an address policy: an undici `Agent` whose connections resolve
 * their host once, judge every address by the policy and connect to those addresses
 * (`feedConnectLookup`), so the address checked is the address connected to (no DNS rebinding
 * between the check and the connection). One agent, and its pool of connections, per policy;
 * undici is loaded on the first read, keeping it off the start of commands that read no feed.
 */
const guardedFetches = new WeakMap<FeedAddressPolicy, Promise<Fetcher>>();

function guardedFetch(policy: FeedAddressPolicy): Promise<Fetcher> {
  let made = guardedFetches.get(policy);
  if (made === undefined) {
    made = import('undici').then(({ Agent, fetch: undiciFetch }) => {
      const dispatcher = new Agent({ connect: { lookup: feedConnectLookup(policy) } });
      return ((input: Parameters<Fetcher>[0], init?: Parameters<Fetcher>[1]) =>
        undiciFetch(input as never, { ...(init as object), dispatcher })) as unknown as Fetcher;
    });
    guardedFetches.set(policy, made);
  }
  return made;
}

/** Redirects followed before a feed is given up on. */
const maxRedirects = 5;

export interface FeedText {
  text: string;
  bytes: number;
  /** Set when the bytes were not valid UTF-8 and were read as Windows-1252 instead. */
  recoded?: 'windows-1252';
  /** The server's validators, sent back on the next read to ask "has it changed?". */
  etag?: string;
  lastModified?: string;
}

/** What a request asks for, so each format's server sees an honest `Accept` header. */
export interface FeedRequestOptions {
  accept?: string;
  /** Extra request headers (`If-None-Match`, `If-Modified-Since` for a conditional read). */
  headers?: Record<string, string>;
}

const defaultAccept = 'application/json, text/csv;q=0.9, */*;q=0.5';

/** A feed's bytes as they arrived, for formats that are not text (a zipped package). */
export interface FeedBytes {
  buffer: Uint8Array;
  contentType?: string;
  etag?: string;
  lastModified?: string;
}

/** Reads a feed from a local file or an https URL, within a size limit and a time limit. */
export async function readFeedLocation(
  location: string,
  limits: FeedReadLimits,
  options: FeedRequestOptions = {},
): Promise<FeedText> {
  const { buffer, contentType, etag, lastModified } = await readFeedBytes(
    location,
    limits,
    options,
  );
  const feed = decodeFeedBytes(buffer, contentType);
  if (etag !== undefined) feed.etag = etag;
  if (lastModified !== undefined) feed.lastModified = lastModified;
  return feed;
}

/** The bytes of a feed, read within the same limits as `readFeedLocation`. */
export async function readFeedBytes(
  location: string,
  limits: FeedReadLimits,
  options: FeedRequestOptions = {},
): Promise<FeedBytes> {
  if (isUrlLocation(location)) return readFeedUrl(location, limits, options);
  return { buffer: await readFeedFile(location, limits.maxBytes) };
}

/**
 * Text from bytes: in the charset the server declared when it names a Latin one, else UTF-8; bytes
 * that are not UTF-8 are read as Windows-1252 (the encoding spreadsheet exports and old servers
 * use), so "Straße" survives, and the caller is told so it can warn.
 */
export function decodeFeedBytes(buffer: Uint8Array, contentType?: string | null): FeedText {
  const charset = /charset=["']?([\w-]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase();
  const bytes = buffer.byteLength;
  if (charset !== undefined && latinCharsets.has(charset)) {
    return { text: decodeWindows1252(buffer), bytes };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buffer), bytes };
  } catch {
    return { text: decodeWindows1252(buffer), bytes, recoded: 'windows-1252' };
  }
}

const latinCharsets = new Set(['iso-8859-1', 'latin1', 'latin-1', 'windows-1252', 'cp1252']);

/** Windows-1252's letters and marks at 0x80-0x9F, where Latin-1 has control codes. */
const windows1252High =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * Windows-1252 as the WHATWG encoding standard defines it (which is also what browsers do with
 * "ISO-8859-1"): Latin-1, with curly quotes, dashes and the euro sign at 0x80-0x9F. Not
 * `new TextDecoder('windows-1252')`: from Node 20.18.3 on (20.20 included) it decodes as plain
 * Latin-1, turning 0x93 into a control code instead of “ (nodejs/node#60888; decision 0086).
 */
function decodeWindows1252(buffer: Uint8Array): string {
  return Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength)
    .toString('latin1')
    .replace(/[\u0080-\u009f]/g, (c) => windows1252High[c.charCodeAt(0) - 0x80]!);
}

async function readFeedFile(path: string, maxBytes: number): Promise<Uint8Array> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a regular file');
    size = info.size;
  } catch (error) {
    throw new PorchlightError(
      'PL_FEED_UNREADABLE',
      `Cannot read ${path}: ${(error as Error).message}`,
    );
  }
  if (size > maxBytes) throw tooLarge(size, maxBytes);
  // Read through a handle so a file that grows after stat still cannot exceed the limit.
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(size, maxBytes) + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > maxBytes) throw tooLarge(bytesRead, maxBytes);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Loopback addresses may use plain http, so a local mirror or a test server can be read. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Only https (plain http on the loopback), and only the addresses the policy allows. */
async function refuseUnfetchable(url: URL, limits: FeedReadLimits): Promise<void> {
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    throw new PorchlightError(
      'PL_FEED_URL_REJECTED',
      `Only https URLs are fetched (got ${url.protocol}).`,
    );
  }
  if (limits.addresses !== undefined) await refuseUnlessPublic(url, limits.addresses);
}

async function readFeedUrl(
  location: string,
  limits: FeedReadLimits,
  options: FeedRequestOptions,
): Promise<FeedBytes> {
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    throw new PorchlightError('PL_FEED_URL_REJECTED', `Not a valid URL: ${location}`);
  }
  await refuseUnfetchable(url, limits);
  const fetcher =
    limits.fetcher ??
    (limits.addresses !== undefined ? await guardedFetch(limits.addresses) : fetch);
  const controller = new AbortController();
  const cancelTimeout = (limits.timers ?? systemTimers).after(limits.timeoutMs, () =>
    controller.abort(),
  );
  // Once the headers are in, a broken connection means the body was cut short.
  let receiving = false;
  try {
    const request = (target: URL) =>
      fetcher(target, {
        signal: controller.signal,
        // Each redirect's target is checked like the first URL before it is asked.
        redirect: 'manual',
        headers: {
          accept: options.accept ?? defaultAccept,
          'user-agent': 'Porchlight feed reader',
          ...options.headers,
        },
      });
    let response: Response | undefined;
    for (let hop = 0; response === undefined; hop += 1) {
      // A kept-alive connection the server has since closed fails at once; a GET may be asked again.
      const answer = await request(url).catch((error: unknown) => {
        if (controller.signal.aborted || !isStaleConnection(error)) throw error;
        return request(url);
      });
      const location = answer.headers.get('location');
      if (
        answer.status < 300 ||
        answer.status >= 400 ||
        answer.status === 304 ||
        location === null
      ) {
        response = answer;
        continue;
      }
      await answer.body?.cancel().catch(() => undefined);
      if (hop >= maxRedirects)
        throw new PorchlightError(
          'PL_FEED_UNREADABLE',
          `Cannot fetch ${url.origin}: more than ${maxRedirects} redirects.`,
        );
      try {
        url = new URL(location, url);
      } catch {
        throw new PorchlightError('PL_FEED_UNREADABLE', `${url.origin} redirects to a non-URL.`);
      }
      await refuseUnfetchable(url, limits);
    }
    // Only a conditional read gets a 304; the caller keeps what it has.
    if (response.status === 304) {
      throw new PorchlightError(
        'PL_FEED_NOT_MODIFIED',
        'The feed has not changed since it was last read.',
      );
    }
    if (!response.ok) {
      throw new PorchlightError(
        'PL_FEED_HTTP_STATUS',
        `The feed server answered ${response.status} ${response.statusText}.`,
      );
    }
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > limits.maxBytes) throw tooLarge(declared, limits.maxBytes);
    const chunks: Uint8Array[] = [];
    let bytes = 0;
    receiving = true;
    if (response.body !== null) {
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
        bytes += chunk.byteLength;
        if (bytes > limits.maxBytes) {
          controller.abort();
          throw tooLarge(bytes, limits.maxBytes);
        }
        chunks.push(chunk);
      }
    }
    // A declared length counts encoded bytes; only an unencoded body can be checked against it.
    const encoded = (response.headers.get('content-encoding') ?? 'identity') !== 'identity';
    if (!encoded && Number.isFinite(declared) && bytes < declared) throw truncated(bytes, declared);
    const feed: FeedBytes = { buffer: Buffer.concat(chunks) };
    const contentType = response.headers.get('content-type');
    const etag = response.headers.get('etag');
    const lastModified = response.headers.get('last-modified');
    if (contentType !== null) feed.contentType = contentType;
    if (etag !== null) feed.etag = etag;
    if (lastModified !== null) feed.lastModified = lastModified;
    return feed;
  } catch (error) {
    if (error instanceof PorchlightError) throw error;
    // A connection refused by the address policy (its lookup found a private address).
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof PorchlightError) throw cause;
    if (controller.signal.aborted) {
      throw new PorchlightError(
        'PL_FEED_TIMEOUT',
        `The feed did not arrive within ${limits.timeoutMs} ms.`,
      );
    }
    if (receiving) throw truncated(undefined, undefined, describeError(error));
    throw new PorchlightError(
      'PL_FEED_UNREADABLE',
      `Cannot fetch ${url.origin}: ${describeError(error)}`,
    );
  } finally {
    cancelTimeout();
  }
}

function isStaleConnection(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return (
    cause?.code === 'ECONNRESET' || cause?.code === 'UND_ERR_SOCKET' || cause?.code === 'EPIPE'
  );
}

/** fetch says only "fetch failed"; the reason (refused, reset, DNS) is in its cause. */
function describeError(error: unknown): string {
  const message = (error as Error).message;
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `${message} (${cause.message})` : message;
}

function tooLarge(bytes: number, maxBytes: number): PorchlightError {
  return new PorchlightError(
    'PL_FEED_TOO_LARGE',
    `The feed is larger than the limit of ${maxBytes} bytes (at least ${bytes} bytes).`,
  );
}

function truncated(bytes?: number, declared?: number, reason?: string): PorchlightError {
  const detail =
    bytes !== undefined && declared !== undefined
      ? `${bytes} of the ${declared} bytes announced arrived`
      : `the connection broke: ${reason ?? 'unknown reason'}`;
  return new PorchlightError('PL_FEED_TRUNCATED', `The feed ended early (${detail}).`);
}
