/**
 * The shapes HSDS 3.0 JSON arrives in, flattened to collections: one service (`/services/{id}`),
 * a list of services, an API page (`{ contents: [...] }`), or a whole directory with its own
 * lists (`{ organizations, services, locations, service_at_locations }`). A service's nested
 * organization and its service-at-locations' nested locations become records of their own.
 */
import { PorchlightError } from '../../platform/errors.js';
import { isObject, list, text } from './hsds-values.js';
import type { HsdsCollections, Placed } from './read-hsds.js';

export function emptyCollections(): HsdsCollections {
  return { organizations: [], services: [], locations: [], serviceAtLocations: [] };
}

/** Collections of parsed HSDS JSON; throws when it is no shape of HSDS. */
export function collectionsOfHsdsJson(value: unknown): HsdsCollections {
  const into = emptyCollections();
  if (Array.isArray(value)) {
    addServices(value, 'services', into);
  } else if (isObject(value) && Array.isArray(value.contents)) {
    addServices(value.contents, 'contents', into);
  } else if (isObject(value) && Array.isArray(value.services)) {
    list(value.organizations).forEach((o, i) => {
      into.organizations.push({ value: o, at: `organizations[${i}]`, index: i });
    });
    list(value.locations).forEach((l, i) => {
      into.locations.push({ value: l, at: `locations[${i}]`, index: i });
    });
    list(value.service_at_locations).forEach((s, i) => {
      into.serviceAtLocations.push({ value: s, at: `service_at_locations[${i}]`, index: i });
    });
    addServices(value.services, 'services', into);
  } else if (isObject(value) && value.name !== undefined && value.id !== undefined) {
    addServices([value], 'service', into);
  } else {
    throw new PorchlightError(
      'PL_FEED_FORMAT_CHANGED',
      'The JSON is not HSDS: expected a service, a list of services, a page with "contents", or lists of organizations and services.',
    );
  }
  return into;
}

/** Adds services (and what they nest) found at `path` of the input. */
export function addServices(services: unknown[], path: string, into: HsdsCollections): void {
  const offset = into.services.length;
  services.forEach((service, i) => {
    const index = offset + i;
    const at = path === 'service' ? 'service' : `${path}[${index}]`;
    into.services.push({ value: service, at, index });
    if (!isObject(service)) return;
    if (isObject(service.organization)) {
      into.organizations.push(nested(service.organization, `${at}.organization`, index));
    }
    list(service.service_at_locations).forEach((sal, j) => {
      if (!isObject(sal)) return;
      const location = isObject(sal.location) ? sal.location : undefined;
      if (location !== undefined) {
        into.locations.push(nested(location, `${at}.service_at_locations[${j}].location`, index));
      }
      into.serviceAtLocations.push({
        value: {
          ...sal,
          id: text(sal.id) ?? `${text(service.id) ?? index}@${j}`,
          service_id: text(sal.service_id) ?? service.id,
          location_id: text(sal.location_id) ?? location?.id,
        },
        at: `${at}.service_at_locations[${j}]`,
        index,
        nested: true,
      });
    });
  });
}

function nested(value: unknown, at: string, index: number): Placed {
  return { value, at, index, nested: true };
}
