/**
 * The spreadsheet a center keeps: one row per service at a location. Its columns (any case,
 * spaces or underscores) are read into HSDS records, so the same checks apply as to HSDS:
 *
 * organization, service (required); service_id; description; status; location; address;
 * address_2; city; state; postal_code; country; latitude; longitude; phone; email; website;
 * hours (`Mo-Fr 08:00-17:00; Sa 09:00-12:00`); languages (`en, es`); needs (Open Eligibility
 * names or codes, `;` between them); cost (`Medicaid; sliding scale`); moud (`buprenorphine,
 * methadone`); accepts_moud, naloxone, walk_in, same_day, telehealth (yes/no); narr_level (1-4);
 * serves (`women, veterans`); eligibility; minimum_age; maximum_age; service_area.
 *
 * Rows with the same service (its id, else organization and service name) are one service
 * offered at several locations.
 */
import { csvRecords } from './csv-table.js';
import { emptyCollections } from './hsds-shapes.js';
import type { HsdsCollections } from './read-hsds.js';

const dayCodes: Record<string, string> = {
  su: 'SU',
  mo: 'MO',
  tu: 'TU',
  we: 'WE',
  th: 'TH',
  fr: 'FR',
  sa: 'SA',
};
const week = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

function key(...parts: string[]): string {
  return parts
    .join(' ')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function split(value: string | undefined, by: RegExp = /[;,]/): string[] {
  return (value ?? '')
    .split(by)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** `Mo-Fr 08:00-17:00` as an HSDS schedule; a segment it cannot read is passed on as-is. */
export function scheduleOfHours(segment: string): Record<string, string> {
  const match = /^([A-Za-z, -]+?)\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})$/.exec(segment.trim());
  if (match === null) return { freq: 'WEEKLY', byday: segment };
  const days: string[] = [];
  for (const part of match[1]!.split(',')) {
    const [from, to] = part
      .trim()
      .toLowerCase()
      .split(/\s*-\s*/);
    const start = dayCodes[(from ?? '').slice(0, 2)];
    const end = to === undefined ? start : dayCodes[to.slice(0, 2)];
    if (start === undefined || end === undefined) return { freq: 'WEEKLY', byday: segment };
    for (let i = week.indexOf(start); ; i = (i + 1) % 7) {
      days.push(week[i]!);
      if (week[i] === end) break;
    }
  }
  return { freq: 'WEEKLY', byday: days.join(','), opens_at: match[2]!, closes_at: match[3]! };
}

const flagColumns = ['accepts_moud', 'naloxone', 'walk_in', 'same_day', 'telehealth'] as const;

function attributesOf(row: Record<string, string>): Record<string, unknown>[] {
  const terms: { code: string; value?: string }[] = [];
  for (const need of split(row.needs, /;/)) terms.push({ code: need });
  for (const kind of split(row.moud)) terms.push({ code: `moud:${kind.toLowerCase()}` });
  for (const flag of flagColumns) {
    const value = row[flag];
    if (value !== undefined && value !== '') terms.push({ code: flag, value });
  }
  if (row.narr_level)
    terms.push({ code: `narr-level:${row.narr_level.replace(/^level\s*/i, '')}` });
  for (const group of split(row.serves)) terms.push({ code: `serves:${key(group)}` });
  return terms.map((term) => ({
    taxonomy_term: { code: term.code },
    ...(term.value !== undefined ? { value: term.value } : {}),
  }));
}

export function collectionsOfPlainCsv(text: string): HsdsCollections {
  const into = emptyCollections();
  const seen = {
    organizations: new Set<string>(),
    services: new Set<string>(),
    locations: new Set<string>(),
  };
  csvRecords(text, 'The spreadsheet').forEach((row, index) => {
    const placed = { at: '', index, row: index + 2 };
    const organization = row.organization ?? '';
    const organizationKey = key(organization);
    if (organizationKey !== '' && !seen.organizations.has(organizationKey)) {
      seen.organizations.add(organizationKey);
      into.organizations.push({ ...placed, value: { id: organizationKey, name: organization } });
    }
    const serviceKey = row.service_id || key(organization, row.service ?? '');
    const phones = split(row.phone, /;/).map((number) => ({ number, type: 'voice' }));
    if (!seen.services.has(serviceKey)) {
      seen.services.add(serviceKey);
      into.services.push({
        ...placed,
        value: {
          id: serviceKey,
          name: row.service,
          organization_id: organizationKey || undefined,
          description: row.description,
          status: row.status || undefined,
          url: row.website,
          email: row.email,
          phones,
          schedules: split(row.hours, /;/).map(scheduleOfHours),
          languages: split(row.languages).map((code) => ({ code })),
          cost_options: split(row.cost, /;/).map((option) => ({ option })),
          eligibility_description: row.eligibility,
          minimum_age: row.minimum_age,
          maximum_age: row.maximum_age,
          service_areas: split(row.service_area, /;/).map((name) => ({ name })),
          attributes: attributesOf(row),
        },
      });
    }
    const hasPlace = [row.address, row.city, row.latitude, row.location].some((v) => v);
    if (!hasPlace) return;
    const locationKey = key(
      row.location ?? '',
      row.address ?? '',
      row.city ?? '',
      row.postal_code ?? '',
    );
    if (!seen.locations.has(locationKey)) {
      seen.locations.add(locationKey);
      into.locations.push({
        ...placed,
        value: {
          id: locationKey,
          organization_id: organizationKey,
          location_type: 'physical',
          name: row.location,
          latitude: row.latitude,
          longitude: row.longitude,
          addresses:
            row.address || row.city
              ? [
                  {
                    address_1: row.address,
                    address_2: row.address_2,
                    city: row.city,
                    state_province: row.state,
                    postal_code: row.postal_code,
                    country: row.country || 'US',
                    address_type: 'physical',
                  },
                ]
              : [],
        },
      });
    }
    into.serviceAtLocations.push({
      ...placed,
      nested: true,
      value: {
        id: `${serviceKey}@${locationKey}`,
        service_id: serviceKey,
        location_id: locationKey,
      },
    });
  });
  return into;
}
