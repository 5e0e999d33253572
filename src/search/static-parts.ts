/**
 * The static parts of the search index built over its rows as they are: posting lists by facet
 * signature and by type key, and kdbush over the place-bound rows. Used both by a build in
 * place and by the stepped rebuild beside the live parts (decision 0091).
 */
import type { GeoColumns } from './geo-columns.js';
import { csrPostings, type Postings } from './postings.js';
import { KIND_PLACE, STATUS_REMOVED } from './row-codes.js';
import type { SearchIndex } from './search-index.js';

/** Rows by facet signature (each row has exactly one). */
export function signaturePostingsOf(index: SearchIndex, rows: number): Postings {
  const identity = new Int32Array(rows);
  for (let row = 0; row < rows; row++) identity[row] = row;
  return csrPostings(
    rows,
    index.signatures.length,
    index.status,
    identity,
    new Uint16Array(rows).fill(1),
    Uint32Array.from(index.sig.subarray(0, rows)),
  );
}

/** Rows by meeting type key. */
export function typePostingsOf(index: SearchIndex, rows: number): Postings {
  return csrPostings(
    rows,
    index.typeKeyIds.values.length,
    index.status,
    index.typeOff,
    index.typeLen,
    index.typeKeys.data,
  );
}

/** Builds kdbush over every place-bound row with coordinates into `geo` and `itemOfRow`. */
export function buildGeoInto(index: SearchIndex, geo: GeoColumns, itemOfRow: Int32Array): void {
  geo.build(
    index.rows,
    (row) =>
      index.status[row] !== STATUS_REMOVED &&
      index.kind[row] === KIND_PLACE &&
      !Number.isNaN(index.lat[row]!),
    index.lat,
    index.lng,
    itemOfRow,
    index.sig,
  );
}
