import type { Entity } from '../../meetings/model.js';
import { checkWebLink } from '../../meetings/links.js';
import { PorchlightError } from '../../platform/errors.js';
import { bmltText } from './read-fields.js';
import { nestsDeeperThan } from '../row-depth.js';

/** One entry of a BMLT `GetServiceBodies` answer: an area, a region, a zone. */
export interface BmltServiceBody {
  id: string;
  parentId: string;
  name: string;
  /** 'AS' area, 'RS' region, 'ZF' zone, 'MA' metro area, ... */
  type: string;
  url?: string;
  helpline?: string;
  worldId?: string;
}

/** The service bodies of a server by id, and what a meeting's one means as region and entity. */
export class ServiceBodies {
  private readonly byId: Map<string, BmltServiceBody>;
  private readonly paths = new Map<string, string[]>();

  constructor(bodies: readonly BmltServiceBody[]) {
    this.byId = new Map(bodies.map((b) => [b.id, b]));
  }

  get(id: string): BmltServiceBody | undefined {
    return this.byId.get(id);
  }

  /**
   * The names from the widest service body down to this one ("Deutschsprachige Region",
   * "Berlin"): the region path a finder filters on. Zones and the world level are left out,
   * being wider than anyone searches.
   */
  regionPath(id: string): string[] {
    const cached = this.paths.get(id);
    if (cached !== undefined) return cached;
    const names: string[] = [];
    const seen = new Set<string>();
    for (let body = this.byId.get(id); body !== undefined && !seen.has(body.id);) {
      seen.add(body.id);
      if (body.name !== '' && body.type !== 'ZF' && body.type !== 'WS') names.unshift(body.name);
      body = this.byId.get(body.parentId);
    }
    this.paths.set(id, names);
    return names;
  }

  /** The service body as the entity that publishes the meeting. */
  entity(id: string): Entity | undefined {
    const body = this.byId.get(id);
    if (body === undefined || body.name === '') return undefined;
    const entity: Entity = { name: body.name };
    if (body.url !== undefined) entity.url = body.url;
    if (body.helpline !== undefined) entity.phone = body.helpline;
    return entity;
  }
}

/** Reads a `GetServiceBodies` answer; throws PL_FEED_FORMAT_CHANGED when it is not a list. */
export function readBmltServiceBodies(answer: unknown): BmltServiceBody[] {
  if (!Array.isArray(answer)) {
    throw new PorchlightError(
      'PL_FEED_FORMAT_CHANGED',
      'The BMLT GetServiceBodies answer is not a JSON array of service bodies.',
    );
  }
  const bodies: BmltServiceBody[] = [];
  for (const raw of answer) {
    // A row nested too deep is skipped like any other unreadable one (see row-depth.ts).
    if (raw === null || typeof raw !== 'object' || nestsDeeperThan(raw)) continue;
    const row = raw as Record<string, unknown>;
    const id = bmltText(row.id);
    if (id === '') continue;
    const body: BmltServiceBody = {
      id,
      parentId: bmltText(row.parent_id),
      name: bmltText(row.name).slice(0, 500),
      type: bmltText(row.type).toUpperCase(),
    };
    const url = checkWebLink(bmltText(row.url));
    if (bmltText(row.url) !== '' && url.ok) body.url = url.url;
    const helpline = bmltText(row.helpline);
    if (helpline !== '') body.helpline = helpline.slice(0, 500);
    const worldId = bmltText(row.world_id);
    if (worldId !== '') body.worldId = worldId;
    bodies.push(body);
  }
  return bodies;
}
