/**
 * The HSDS tabular data package: a `datapackage.json` naming one CSV file per table
 * (organizations, services, locations, service_at_locations, and the tables of their parts,
 * which point at their owner by `*_id` columns). The tables are joined back into HSDS records
 * and read like HSDS JSON, so both carry the same checks and the same located problems.
 * Table names are taken singular or plural (`service` or `services`), as the package's
 * versions have named them.
 */
import { PorchlightError } from '../../platform/errors.js';
import { csvRecords } from './csv-table.js';
import { emptyCollections } from './hsds-shapes.js';
import { isObject } from './hsds-values.js';
import type { HsdsCollections } from './read-hsds.js';

/** Reads one file of the package by its path relative to `datapackage.json`. */
export type ReadPackageFile = (path: string) => Promise<string>;

type Row = Record<string, unknown>;

/** A key cell's text (tables hold strings and, for a few columns, numbers). */
function cell(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** A table's parts and the column that names their owner. */
const parts: { table: string; owners: [string, string][]; into: string }[] = [
  {
    table: 'phone',
    into: 'phones',
    owners: [
      ['service_at_location_id', 'service_at_location'],
      ['service_id', 'service'],
      ['location_id', 'location'],
      ['organization_id', 'organization'],
    ],
  },
  {
    table: 'schedule',
    into: 'schedules',
    owners: [
      ['service_at_location_id', 'service_at_location'],
      ['service_id', 'service'],
      ['location_id', 'location'],
    ],
  },
  { table: 'address', into: 'addresses', owners: [['location_id', 'location']] },
  { table: 'accessibility', into: 'accessibility', owners: [['location_id', 'location']] },
  {
    table: 'language',
    into: 'languages',
    owners: [
      ['service_id', 'service'],
      ['location_id', 'location'],
    ],
  },
  { table: 'cost_option', into: 'cost_options', owners: [['service_id', 'service']] },
  { table: 'service_area', into: 'service_areas', owners: [['service_id', 'service']] },
];

const numeric = new Set(['latitude', 'longitude', 'amount', 'minimum_age', 'maximum_age']);

function typed(row: Record<string, string>): Row {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [
      k,
      numeric.has(k) && v !== '' && Number.isFinite(Number(v)) ? Number(v) : v,
    ]),
  );
}

export async function collectionsOfHsdsTables(
  descriptorText: string,
  readFile: ReadPackageFile,
): Promise<HsdsCollections> {
  let descriptor: unknown;
  try {
    descriptor = JSON.parse(descriptorText);
  } catch (error) {
    throw new PorchlightError('PL_FEED_NOT_JSON', `datapackage.json: ${(error as Error).message}`);
  }
  const resources = isObject(descriptor) ? descriptor.resources : undefined;
  if (!Array.isArray(resources)) {
    throw new PorchlightError('PL_FEED_FORMAT_CHANGED', 'datapackage.json lists no resources.');
  }
  const tables = new Map<string, Row[]>();
  for (const resource of resources as unknown[]) {
    if (!isObject(resource)) continue;
    if (typeof resource.name !== 'string' || typeof resource.path !== 'string') continue;
    const rows = csvRecords(await readFile(resource.path), resource.path).map(typed);
    tables.set(singular(resource.name), rows);
  }
  const table = (name: string) => tables.get(name) ?? [];
  if (!tables.has('service')) {
    throw new PorchlightError('PL_FEED_FORMAT_CHANGED', 'The package has no services table.');
  }

  const byId = new Map<string, Map<string, Row>>();
  for (const owner of ['organization', 'service', 'location', 'service_at_location']) {
    byId.set(owner, new Map(table(owner).map((row) => [cell(row.id), row])));
  }
  for (const part of parts) {
    for (const row of table(part.table)) {
      for (const [column, owner] of part.owners) {
        const target = byId.get(owner)?.get(cell(row[column]));
        if (target === undefined) continue;
        ((target[part.into] ??= []) as Row[]).push(row);
        break;
      }
    }
  }
  const terms = new Map(table('taxonomy_term').map((row) => [cell(row.id), row]));
  for (const attribute of table('attribute')) {
    const service = byId.get('service')?.get(cell(attribute.link_id));
    if (service === undefined) continue;
    const term = terms.get(cell(attribute.taxonomy_term_id));
    ((service.attributes ??= []) as Row[]).push({
      ...attribute,
      ...(term ? { taxonomy_term: term } : {}),
    });
  }

  const into = emptyCollections();
  const place = (kind: keyof HsdsCollections, rows: Row[], file: string) =>
    rows.forEach((value, index) => {
      into[kind].push({ value, at: `${file}.csv row ${index + 2}`, index, row: index + 2 });
    });
  place('organizations', table('organization'), 'organizations');
  place('services', table('service'), 'services');
  place('locations', table('location'), 'locations');
  place('serviceAtLocations', table('service_at_location'), 'service_at_locations');
  return into;
}

/** `services` -> `service`, `addresses` -> `address`, `accessibility` stays. */
function singular(name: string): string {
  const lower = name.toLowerCase().replace(/[\s-]+/g, '_');
  if (lower.endsWith('sses')) return lower.slice(0, -2);
  if (lower.endsWith('s') && !lower.endsWith('ss')) return lower.slice(0, -1);
  return lower;
}
