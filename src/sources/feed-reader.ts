import { open, stat } from 'node:fs/promises';
import { PorchlightError } from '../platform/errors.js';

/** The outside world as an import sees it: `fetch`, handed in so tests can point it anywhere. */
export type Fetcher = typeof fetch;

export interface FeedReadLimits {
  maxBytes: number;
  timeoutMs: number;
  fetcher?: Fetcher;
}

export interface FeedText {
  text: string;
  bytes: number;
}

/** Reads a feed from a local file or an https URL, within a size limit and a time limit. */
export async function readFeedLocation(
  location: string,
  limits: FeedReadLimits,
): Promise<FeedText> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) return readFeedUrl(location, limits);
  return readFeedFile(location, limits.maxBytes);
}

async function readFeedFile(path: string, maxBytes: number): Promise<FeedText> {
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
    return { text: buffer.toString('utf8', 0, bytesRead), bytes: bytesRead };
  } finally {
    await handle.close();
  }
}

/** Loopback addresses may use plain http, so a local mirror or a test server can be read. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

async function readFeedUrl(location: string, limits: FeedReadLimits): Promise<FeedText> {
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    throw new PorchlightError('PL_FEED_URL_REJECTED', `Not a valid URL: ${location}`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    throw new PorchlightError(
      'PL_FEED_URL_REJECTED',
      `Only https URLs are fetched (got ${url.protocol}).`,
    );
  }
  const fetcher = limits.fetcher ?? fetch;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
  try {
    const response = await fetcher(url, {
      signal: controller.signal,
      redirect: 'follow',
      headers: { accept: 'application/json', 'user-agent': 'Porchlight feed reader' },
    });
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
    return { text: Buffer.concat(chunks).toString('utf8'), bytes };
  } catch (error) {
    if (error instanceof PorchlightError) throw error;
    if (controller.signal.aborted) {
      throw new PorchlightError(
        'PL_FEED_TIMEOUT',
        `The feed did not arrive within ${limits.timeoutMs} ms.`,
      );
    }
    throw new PorchlightError(
      'PL_FEED_UNREADABLE',
      `Cannot fetch ${url.origin}: ${(error as Error).message}`,
    );
  } finally {
    clearTimeout(timer);
  }
}

function tooLarge(bytes: number, maxBytes: number): PorchlightError {
  return new PorchlightError(
    'PL_FEED_TOO_LARGE',
    `The feed is larger than the limit of ${maxBytes} bytes (at least ${bytes} bytes).`,
  );
}
