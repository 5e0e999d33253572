/**
 * BMLT service bodies from what we know of where meetings come from: each source is a region
 * (named after the service entity its meetings share, else after the source), and the widest
 * region of a meeting's place within that source is an area under it. Ids are hashed from the
 * source id and the area's name, so they do not move when other sources come and go.
 */
import type { Meeting } from '../../meetings/model.js';
import { assignIds, SERVICE_BODY_ID_MAX } from './served-ids.js';

/** A service body as `GetServiceBodies` answers it: every value a string. */
export interface BmltServiceBody {
  id: string;
  parent_id: string;
  name: string;
  description: string;
  type: string;
  url: string;
  helpline: string;
  world_id: string;
}

export interface ServedServiceBodies {
  bodies: BmltServiceBody[];
  /** The body a meeting belongs to. */
  bodyOf: (meeting: Meeting) => number;
}

/** The service bodies of the given meetings, with the source names to call them by. */
export function serveServiceBodies(
  meetings: readonly Meeting[],
  sourceNames: ReadonlyMap<string, string>,
): ServedServiceBodies {
  const sourceKey = (sourceId: string) => `source:${sourceId}`;
  const areaKey = (sourceId: string, area: string) => `area:${sourceId}:${area}`;
  const entities = new Map<string, Set<string>>();
  const entityDetails = new Map<string, { url?: string; phone?: string }>();
  const areas = new Map<string, { sourceId: string; name: string }>();
  for (const meeting of meetings) {
    const sourceId = meeting.provenance.sourceId;
    const names = entities.get(sourceId) ?? new Set<string>();
    names.add(meeting.entity?.name ?? '');
    entities.set(sourceId, names);
    if (meeting.entity !== undefined && !entityDetails.has(sourceId)) {
      entityDetails.set(sourceId, {
        ...(meeting.entity.url !== undefined ? { url: meeting.entity.url } : {}),
        ...(meeting.entity.phone !== undefined ? { phone: meeting.entity.phone } : {}),
      });
    }
    const area = meeting.place.regions[0];
    if (area !== undefined && area !== '') {
      areas.set(areaKey(sourceId, area), { sourceId, name: area });
    }
  }
  const ids = assignIds(
    [...[...entities.keys()].map(sourceKey), ...areas.keys()],
    SERVICE_BODY_ID_MAX,
  );
  const bodies: BmltServiceBody[] = [];
  for (const [sourceId, names] of entities) {
    const only = names.size === 1 ? [...names][0] : undefined;
    const sourceName = sourceNames.get(sourceId) ?? sourceId;
    const details = entityDetails.get(sourceId);
    bodies.push({
      id: String(ids.get(sourceKey(sourceId))),
      parent_id: '0',
      name: only !== undefined && only !== '' ? only : sourceName,
      description: `Meetings listed by ${sourceName}`,
      type: 'RS',
      url: only !== undefined && only !== '' ? (details?.url ?? '') : '',
      helpline: only !== undefined && only !== '' ? (details?.phone ?? '') : '',
      world_id: '',
    });
  }
  for (const [key, area] of areas) {
    bodies.push({
      id: String(ids.get(key)),
      parent_id: String(ids.get(sourceKey(area.sourceId))),
      name: area.name,
      description: '',
      type: 'AS',
      url: '',
      helpline: '',
      world_id: '',
    });
  }
  bodies.sort((a, b) => Number(a.id) - Number(b.id));
  return {
    bodies,
    bodyOf: (meeting) => {
      const sourceId = meeting.provenance.sourceId;
      const area = meeting.place.regions[0];
      const id =
        area !== undefined && area !== ''
          ? ids.get(areaKey(sourceId, area))
          : ids.get(sourceKey(sourceId));
      return id ?? 0;
    },
  };
}

/** The ids of the given bodies and, when `recursive`, of every body beneath them. */
export function withDescendants(
  bodies: readonly BmltServiceBody[],
  ids: readonly number[],
  recursive: boolean,
): Set<number> {
  const found = new Set(ids);
  if (!recursive) return found;
  let grew = true;
  while (grew) {
    grew = false;
    for (const body of bodies) {
      const id = Number(body.id);
      if (!found.has(id) && found.has(Number(body.parent_id))) {
        found.add(id);
        grew = true;
      }
    }
  }
  return found;
}

/** The ids of the given bodies and of every body above them. */
export function withAncestors(
  bodies: readonly BmltServiceBody[],
  ids: readonly number[],
): Set<number> {
  const parentOf = new Map(bodies.map((b) => [Number(b.id), Number(b.parent_id)]));
  const found = new Set<number>();
  for (const start of ids) {
    let id: number | undefined = start;
    while (id !== undefined && id !== 0 && !found.has(id)) {
      found.add(id);
      id = parentOf.get(id);
    }
  }
  return found;
}
