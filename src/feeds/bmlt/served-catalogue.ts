import type { Meeting } from '../../meetings/model.js';
import type { Repositories } from '../../repositories.js';
import { serveMeetings, type ServedMeeting } from './served-meetings.js';
import { serveServiceBodies, type BmltServiceBody } from './served-service-bodies.js';
import { RevisionCache } from '../../platform/database/revision-cache.js';

/** Everything the BMLT interface answers from, built once per store revision. */
export interface ServedCatalogue {
  revision: number;
  meetings: readonly ServedMeeting[];
  serviceBodies: readonly BmltServiceBody[];
  /** Ids of the formats some served meeting carries. */
  usedFormatIds: ReadonlySet<number>;
  /** The middle of the served meetings' coordinates (for `GetServerInfo`'s map centre). */
  center?: { latitude: number; longitude: number };
}

const pageSize = 2000;

/** The program BMLT front ends list (see docs/decisions/0010-bmlt-output.md). */
export const SERVED_PROGRAM = 'na';

/** Builds the catalogue from meetings and source names (pure; the cache does the I/O). */
export function buildCatalogue(
  revision: number,
  meetings: readonly Meeting[],
  sourceNames: ReadonlyMap<string, string>,
  rootServerUri: string,
): ServedCatalogue {
  const bodies = serveServiceBodies(meetings, sourceNames);
  const served = serveMeetings(meetings, { rootServerUri, serviceBodyOf: bodies.bodyOf });
  const usedFormatIds = new Set<number>();
  for (const m of served) for (const id of m.formatIds) usedFormatIds.add(id);
  const center = middle(served);
  return {
    revision,
    meetings: served,
    serviceBodies: bodies.bodies,
    usedFormatIds,
    ...(center !== undefined ? { center } : {}),
  };
}

/**
 * The catalogue of the current store revision: BMLT front ends poll, and an unchanged directory
 * must cost a revision lookup, not a rebuild.
 */
export class ServedCatalogueCache {
  private readonly cache: RevisionCache<ServedCatalogue>;

  constructor(
    private readonly repos: Repositories,
    private readonly rootServerUri: string,
  ) {
    this.cache = new RevisionCache(repos.revision, (revision) => this.load(revision));
  }

  /** The BMLT catalogue of the current store revision. */
  get(): Promise<ServedCatalogue> {
    return this.cache.get();
  }

  private async load(revision: number): Promise<ServedCatalogue> {
    const meetings: Meeting[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await this.repos.meetings.page({
        limit: pageSize,
        program: SERVED_PROGRAM,
        ...(after !== undefined ? { after } : {}),
      });
      meetings.push(...page);
      if (page.length < pageSize) break;
      after = page.at(-1)!.slug;
    }
    const sources = await this.repos.sources.list();
    const names = new Map(sources.map((s) => [s.id, s.name]));
    return buildCatalogue(revision, meetings, names, this.rootServerUri);
  }
}

function middle(
  meetings: readonly ServedMeeting[],
): { latitude: number; longitude: number } | undefined {
  const lats: number[] = [];
  const lngs: number[] = [];
  for (const m of meetings) {
    if (m.latitude === undefined || m.longitude === undefined) continue;
    lats.push(m.latitude);
    lngs.push(m.longitude);
  }
  if (lats.length === 0) return undefined;
  // Medians: one far-away online meeting with a placeholder point must not drag the map away.
  const median = (values: number[]) => {
    values.sort((a, b) => a - b);
    return values[Math.floor(values.length / 2)]!;
  };
  return { latitude: median(lats), longitude: median(lngs) };
}
