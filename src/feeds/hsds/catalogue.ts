import type { Repositories } from '../../repositories.js';
import type { HsdsService, HsdsServiceListItem } from './hsds-schema.js';
import { serviceListItem } from './service.js';
import { RevisionCache } from '../../platform/database/revision-cache.js';

/** One service as `/services` lists it, with what its filters compare. */
export interface HsdsListEntry {
  item: HsdsServiceListItem;
  /** ISO 8601: when our copy of the service last changed. */
  updatedAt: string;
  /** Folded text `search` looks in. */
  text: string;
}

/**
 * Services `/hsds/` serves beside the meetings (a port: the resource directory's published
 * services come through it without this format knowing that capability).
 */
export interface HsdsServiceList {
  entries: readonly HsdsListEntry[];
  /** The fully nested service of one of the entries; undefined when it is not one. */
  full(id: string): HsdsService | undefined;
}

export interface HsdsDirectoryPart {
  /** The part's services as they are now (cached by the part while nothing changed). */
  list(): Promise<HsdsServiceList>;
}

/** One meeting as the list answers it. */
export interface CatalogueEntry extends HsdsListEntry {
  slug: string;
}

/** Every service of one store revision, in slug order, and the way from a service id to it. */
export interface HsdsCatalogue {
  revision: number;
  entries: readonly CatalogueEntry[];
  byServiceId: ReadonlyMap<string, CatalogueEntry>;
  sourceNames: ReadonlyMap<string, string>;
}

const pageSize = 2000;

/** Lower case without accents, for a search that ignores both. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The HSDS list of the current store revision. Service ids are hashed from meeting ids, so
 * `/services/{id}` needs this map back; an unchanged directory costs a revision lookup.
 */
export class HsdsCatalogueCache {
  private readonly cache: RevisionCache<HsdsCatalogue>;

  constructor(
    private readonly repos: Repositories,
    private readonly publicUrl: string,
  ) {
    this.cache = new RevisionCache(repos.revision, (revision) => this.load(revision));
  }

  /** The HSDS catalogue of the current store revision. */
  get(): Promise<HsdsCatalogue> {
    return this.cache.get();
  }

  private async load(revision: number): Promise<HsdsCatalogue> {
    const sources = await this.repos.sources.list();
    const sourceNames = new Map(sources.map((s) => [s.id, s.name]));
    const context = { publicUrl: this.publicUrl, sourceNames, now: 0 };
    const entries: CatalogueEntry[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await this.repos.meetings.page({
        limit: pageSize,
        ...(after !== undefined ? { after } : {}),
      });
      for (const meeting of page) {
        const item = serviceListItem(meeting, context);
        entries.push({
          slug: meeting.slug,
          item,
          updatedAt: meeting.updatedAt,
          text: fold(`${item.name} ${item.alternate_name ?? ''} ${item.description ?? ''}`),
        });
      }
      if (page.length < pageSize) break;
      after = page.at(-1)!.slug;
    }
    return {
      revision,
      entries,
      byServiceId: new Map(entries.map((e) => [e.item.id, e])),
      sourceNames,
    };
  }
}
