import { importFeed, type ImportDeps } from '../sources/import-feed.js';
import type { ImportReport } from '../sources/model.js';
import { generateDemoRegion } from './demo-region.js';

/** Loads the demo region through the same import path a real feed takes. */
export async function seedDemoData(deps: ImportDeps, seed = 1): Promise<ImportReport[]> {
  const reports: ImportReport[] = [];
  for (const source of generateDemoRegion({ seed }).sources) {
    reports.push(
      await importFeed(deps, {
        source: source.name,
        program: source.program,
        location: 'demo',
        rows: source.rows,
      }),
    );
  }
  return reports;
}
