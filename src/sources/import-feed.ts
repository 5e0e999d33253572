import { importSource, type ImportDeps, type ImportRequest } from './import-source.js';
import type { ImportReport } from './model.js';

export type { ImportDeps, ImportProgress, ImportRequest } from './import-source.js';

/**
 * Imports a Meeting Guide feed into a named source: `importSource` with the format fixed, for the
 * callers (demo data, tests, benchmarks) that hold Meeting Guide rows or files.
 */
export function importFeed(
  deps: ImportDeps,
  request: Omit<ImportRequest, 'format'>,
): Promise<ImportReport> {
  return importSource(deps, { ...request, format: 'meeting-guide' });
}
