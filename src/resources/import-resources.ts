/**
 * Imports one source of resources: reads it (a file, a URL, an HSDS API's pages, a tabular
 * package), checks every record, and replaces what the source held in one transaction. A
 * snapshot with no valid service, or one that would remove most of the source's services
 * (a half-published export, a server answering with one page), changes nothing.
 */
import { createHash, randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isUrlLocation } from '../feeds/reader.js';
import type { Clock } from '../platform/clock.js';
import { PorchlightError, type FeedProblem } from '../platform/errors.js';
import { readFeedBytes, readFeedLocation, type FeedReadLimits } from '../sources/feed-reader.js';
import { isValidSourceName } from '../sources/model.js';
import { readHsdsApi } from './import/hsds-api.js';
import { collectionsOfHsdsJson } from './import/hsds-shapes.js';
import { collectionsOfHsdsTables } from './import/read-hsds-tables.js';
import { collectionsOfPlainCsv } from './import/read-plain-csv.js';
import { readHsdsCollections, type HsdsCollections } from './import/read-hsds.js';
import { zippedPackage } from './import/zip-package.js';
import {
  directoryCounts,
  resourceFormats,
  type ResourceFormat,
  type ResourceSource,
} from './model.js';
import type { ResourceImportReport, ResourceRepository } from './resource-repository.js';

export interface ResourceImportDeps {
  resources: ResourceRepository;
  clock: Clock;
  limits: FeedReadLimits;
}

export interface ResourceImportRequest {
  source: string;
  location: string;
  format?: ResourceFormat;
  /** Applies a snapshot even when it removes most of the source's services. */
  allowShrink?: boolean;
  /** Publishes the source (true) or keeps it on the desk (false); unsaid keeps what it was. */
  public?: boolean;
  /** The center whose staff keep the source; unsaid keeps what it was. */
  centerId?: string;
  /** Extra headers for the read of `location` (a refresh's `If-None-Match`, `If-Modified-Since`). */
  requestHeaders?: Record<string, string>;
  /** Told the validators (ETag, Last-Modified) the server sent with `location`. */
  onValidators?: (validators: { etag?: string; lastModified?: string }) => void;
  /** Leaves the source as it is when the snapshot is the one applied last (a refresh). */
  skipUnchanged?: boolean;
}

export interface ResourceImportResult {
  source: ResourceSource;
  /** `unchanged`: the snapshot was the one applied last, and nothing was written. */
  outcome: 'applied' | 'unchanged';
  counts: Record<string, number>;
  rowCount: number;
  problems: FeedProblem[];
  /** What was stored on the source for this pass. */
  report: ResourceImportReport;
}

/** Below this many services a source may shrink freely (a small center's own list). */
const shrinkGuardFloor = 10;

export async function importResources(
  deps: ResourceImportDeps,
  request: ResourceImportRequest,
): Promise<ResourceImportResult> {
  if (!isValidSourceName(request.source)) {
    throw new PorchlightError(
      'PL_INVALID_SOURCE_NAME',
      `"${request.source}" is not a source name: use lower-case letters, digits and dashes.`,
    );
  }
  const format = request.format ?? (await guessFormat(request.location));
  if (!(resourceFormats as readonly string[]).includes(format)) {
    throw new PorchlightError('PL_FEED_FORMAT_UNKNOWN', `Unknown resource format "${format}".`);
  }
  const collections = await readCollections(format, request.location, deps.limits, request);
  return applyResourceCollections(deps, { ...request, format }, collections);
}

/**
 * Checks what a source's snapshot holds and replaces the source's directory with it (the second
 * half of an import; the demo directory starts here, already in memory).
 */
export async function applyResourceCollections(
  deps: Omit<ResourceImportDeps, 'limits'>,
  request: ResourceImportRequest & { format: ResourceFormat },
  collections: HsdsCollections,
): Promise<ResourceImportResult> {
  const { format } = request;
  const now = deps.clock.now().toISOString();
  const known = await deps.resources.sourceByName(request.source);
  const source: ResourceSource = {
    id: known?.id ?? randomUUID(),
    name: request.source,
    format,
    location: request.location,
    createdAt: known?.createdAt ?? now,
    ...(known?.lastImportAt !== undefined ? { lastImportAt: known.lastImportAt } : {}),
    public: request.public ?? known?.public ?? false,
    ...((request.centerId ?? known?.centerId) !== undefined
      ? { centerId: (request.centerId ?? known?.centerId)! }
      : {}),
  };

  const reading = readHsdsCollections(collections, source.id);
  const counts = directoryCounts(reading.directory);
  if (reading.directory.services.length === 0) {
    throw new PorchlightError(
      'PL_FEED_NO_VALID_ROWS',
      reading.rowCount === 0
        ? 'The feed has no services; the previous directory is kept.'
        : `None of the ${reading.rowCount} services could be read; the previous directory is kept.`,
      { problems: reading.problems.slice(0, 50) },
    );
  }
  const summary =
    known === undefined
      ? undefined
      : (await deps.resources.listSources(known.centerId)).find((s) => s.id === known.id);
  const digest = createHash('sha256').update(JSON.stringify(reading.directory)).digest('base64url');
  const report: ResourceImportReport = {
    outcome: 'applied',
    finishedAt: now,
    counts,
    problems: reading.problems.slice(0, 200).map((p) => ({
      code: p.code,
      severity: p.severity,
      message: p.message,
      index: p.index,
      ...(p.field !== undefined ? { field: p.field } : {}),
    })),
    digest,
  };
  const result = { counts, rowCount: reading.rowCount, problems: reading.problems };
  if (
    known !== undefined &&
    request.skipUnchanged === true &&
    summary?.lastReport?.digest === digest
  ) {
    const unchanged: ResourceImportReport = { ...report, outcome: 'unchanged' };
    await deps.resources.saveReport(known.id, unchanged);
    return { source: known, outcome: 'unchanged', report: unchanged, ...result };
  }
  if (known !== undefined && request.allowShrink !== true) {
    const held = summary?.services ?? 0;
    if (held >= shrinkGuardFloor && counts.services! < held / 2) {
      throw new PorchlightError(
        'PL_SNAPSHOT_HELD',
        `The new snapshot has ${counts.services} services where the source has ${held}; nothing was changed (import again allowing it to shrink if this is right).`,
        { counts, problems: report.problems.slice(0, 50) },
      );
    }
  }
  await deps.resources.putSource(source);
  await deps.resources.replaceSource(source.id, reading.directory, now, report);
  return { source: { ...source, lastImportAt: now }, outcome: 'applied', report, ...result };
}

async function guessFormat(location: string): Promise<ResourceFormat> {
  if (/\.csv(\?|$)/i.test(location)) return 'csv';
  if (/datapackage\.json(\?|$)/i.test(location) || isZip(location)) return 'hsds-csv';
  if (!isUrlLocation(location)) {
    const info = await stat(location).catch(() => undefined);
    if (info?.isDirectory() === true) return 'hsds-csv';
  }
  return 'hsds';
}

async function readCollections(
  format: ResourceFormat,
  location: string,
  limits: FeedReadLimits,
  conditional: Pick<ResourceImportRequest, 'requestHeaders' | 'onValidators'> = {},
): Promise<HsdsCollections> {
  // Only the source's own address is asked conditionally: the files of a package and the
  // further pages of an API are read whole whenever it has changed.
  const read = async (where: string) => {
    const main = where === location;
    const feed = await readFeedLocation(
      where,
      limits,
      main && conditional.requestHeaders !== undefined
        ? { headers: conditional.requestHeaders }
        : {},
    );
    if (main && (feed.etag !== undefined || feed.lastModified !== undefined)) {
      conditional.onValidators?.({
        ...(feed.etag !== undefined ? { etag: feed.etag } : {}),
        ...(feed.lastModified !== undefined ? { lastModified: feed.lastModified } : {}),
      });
    }
    return feed.text;
  };
  switch (format) {
    case 'csv':
      return collectionsOfPlainCsv(await read(location));
    case 'hsds-csv': {
      if (isZip(location)) {
        const bytes = await readFeedBytes(
          location,
          limits,
          conditional.requestHeaders !== undefined ? { headers: conditional.requestHeaders } : {},
        );
        if (bytes.etag !== undefined || bytes.lastModified !== undefined) {
          conditional.onValidators?.({
            ...(bytes.etag !== undefined ? { etag: bytes.etag } : {}),
            ...(bytes.lastModified !== undefined ? { lastModified: bytes.lastModified } : {}),
          });
        }
        const zipped = zippedPackage(bytes.buffer, limits.maxBytes);
        return collectionsOfHsdsTables(await zipped.read('datapackage.json'), zipped.read);
      }
      let descriptor = location;
      if (!isUrlLocation(location) && !/datapackage\.json$/i.test(location)) {
        descriptor = join(location, 'datapackage.json');
      }
      const within = packageFile(descriptor);
      return collectionsOfHsdsTables(await read(descriptor), (path) => read(within(path)));
    }
    case 'hsds': {
      const text = await read(location);
      const value = parseJson(text);
      if (isUrlLocation(location)) return readHsdsApi(location, value, limits);
      return collectionsOfHsdsJson(value);
    }
  }
}

/**
 * Where a file a package's descriptor names is, refused when it is outside the package's own
 * folder (`../../etc/passwd`, an absolute path) or on another origin than the descriptor: a
 * published package is read as published, and never makes the server read anything else.
 */
function packageFile(descriptor: string): (path: string) => string {
  const outside = (path: string) =>
    new PorchlightError(
      'PL_FEED_UNREADABLE',
      `The package names a file outside itself: ${path.length > 80 ? `${path.slice(0, 77)}...` : path}`,
    );
  if (isUrlLocation(descriptor)) {
    const base = new URL(descriptor);
    const folder = new URL('.', base).href;
    return (path) => {
      let url: URL;
      try {
        url = new URL(path, base);
      } catch {
        throw outside(path);
      }
      if (url.origin !== base.origin || !url.href.startsWith(folder)) throw outside(path);
      return url.href;
    };
  }
  const folder = resolve(dirname(descriptor));
  return (path) => {
    const file = resolve(folder, path);
    const inside = relative(folder, file);
    if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside))
      throw outside(path);
    return file;
  };
}

/** A zipped tabular package, by its name (`.zip`, with or without a query after it). */
function isZip(location: string): boolean {
  return /\.zip(\?|$)/i.test(location);
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new PorchlightError(
      'PL_FEED_NOT_JSON',
      `The feed is not JSON: ${(error as Error).message}`,
    );
  }
}
