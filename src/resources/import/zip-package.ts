/**
 * An HSDS tabular package handed over as one zip file (how directories usually publish it):
 * the archive is opened in memory (fflate) and its `datapackage.json` and CSV files read as a
 * folder would be. The unpacked size is bounded before anything is inflated, so a small
 * archive that unpacks to gigabytes is refused instead of filling the memory.
 */
import { unzipSync } from 'fflate';
import { PorchlightError } from '../../platform/errors.js';
import { decodeFeedBytes } from '../../sources/feed-reader.js';
import type { ReadPackageFile } from './read-hsds-tables.js';

/** How many times the archive's size limit its contents may unpack to (CSV packs ~5-10x). */
const unpackFactor = 20;

export interface ZippedPackage {
  descriptor: string;
  read: ReadPackageFile;
}

/** The package inside `bytes`: its `datapackage.json` (the shallowest) and a reader of its files. */
export function zippedPackage(bytes: Uint8Array, maxBytes: number): ZippedPackage {
  const limit = maxBytes * unpackFactor;
  let unpacked = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        unpacked += file.originalSize;
        if (unpacked > limit) {
          throw new PorchlightError(
            'PL_FEED_TOO_LARGE',
            `The package unpacks to more than ${limit} bytes.`,
          );
        }
        return !file.name.endsWith('/');
      },
    });
  } catch (error) {
    if (error instanceof PorchlightError) throw error;
    throw new PorchlightError(
      'PL_FEED_UNREADABLE',
      `The zip file could not be opened: ${(error as Error).message}`,
    );
  }
  const descriptor = Object.keys(files)
    .filter((name) => /(^|\/)datapackage\.json$/i.test(name))
    .sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b))[0];
  if (descriptor === undefined) {
    throw new PorchlightError(
      'PL_FEED_FORMAT_CHANGED',
      'The zip file holds no datapackage.json: it is not an HSDS tabular package.',
    );
  }
  const folder = descriptor.slice(0, descriptor.length - 'datapackage.json'.length);
  const read: ReadPackageFile = (path) => {
    const name = `${folder}${path.replace(/^\.\//, '')}`;
    // Own entries only: a package naming `__proto__` must not find Object's.
    const file = Object.hasOwn(files, name) ? files[name] : undefined;
    if (file === undefined) {
      return Promise.reject(
        new PorchlightError('PL_FEED_UNREADABLE', `The package has no file ${path}.`),
      );
    }
    return Promise.resolve(decodeFeedBytes(file).text);
  };
  return { descriptor, read };
}
