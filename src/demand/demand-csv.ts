import { stringify } from 'csv-stringify/sync';
import type { DemandCell } from './unmet-demand.js';

/** The cells as CSV with a header row, for a spreadsheet or a map of the service body's own. */
export function demandCsv(cells: readonly DemandCell[]): string {
  return stringify(
    cells.map((c) => [
      c.latitude,
      c.longitude,
      c.searches,
      c.nearestGroup?.name ?? '',
      c.nearestGroup?.slug ?? '',
      c.nearestGroup?.distanceKm ?? '',
      c.onlineOptions ?? '',
    ]),
    {
      header: true,
      columns: [
        'latitude',
        'longitude',
        'unmet_searches',
        'nearest_group',
        'nearest_group_slug',
        'nearest_group_km',
        'online_options',
      ],
    },
  );
}
