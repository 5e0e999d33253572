/**
 * The published sources' services for `/hsds/`: loaded once per change of the directory (the
 * repository's one-row signature tells), listed in name order, each fully nested on demand.
 */
import { fold, type HsdsDirectoryPart, type HsdsServiceList } from '../../feeds/hsds/catalogue.js';
import type { Location, Organization, ServiceAtLocation } from '../model.js';
import type { ResourceRepository } from '../resource-repository.js';
import { resourceHsdsService, resourceListItem, type ResourceRecord } from './hsds-of-resource.js';

export class PublishedResourcesForHsds implements HsdsDirectoryPart {
  private cached: { signature: string; list: HsdsServiceList } | undefined;
  private loading: Promise<HsdsServiceList> | undefined;

  constructor(private readonly resources: ResourceRepository) {}

  async list(): Promise<HsdsServiceList> {
    const signature = await this.resources.signature();
    if (this.cached?.signature === signature) return this.cached.list;
    this.loading ??= this.load(signature).finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async load(signature: string): Promise<HsdsServiceList> {
    const sources = await this.resources.listSources();
    const published = sources.filter((s) => s.public);
    const importedAt = new Map(published.map((s) => [s.id, s.lastImportAt ?? s.createdAt]));
    const directory = await this.resources.load(published.map((s) => s.id));
    const organizations = new Map<string, Organization>(
      directory.organizations.map((o) => [o.id, o]),
    );
    const locations = new Map<string, Location>(directory.locations.map((l) => [l.id, l]));
    const linksOf = new Map<string, ServiceAtLocation[]>();
    for (const at of directory.serviceAtLocations) {
      const links = linksOf.get(at.serviceId) ?? [];
      links.push(at);
      linksOf.set(at.serviceId, links);
    }
    const records = new Map<string, ResourceRecord>();
    for (const service of directory.services) {
      const organization = organizations.get(service.organizationId);
      if (organization === undefined) continue;
      records.set(service.id, {
        service,
        organization,
        links: (linksOf.get(service.id) ?? []).flatMap((at) => {
          const location = locations.get(at.locationId);
          return location === undefined ? [] : [{ at, location }];
        }),
      });
    }
    const entries = [...records.values()]
      .sort((a, b) => a.service.name.localeCompare(b.service.name, 'en'))
      .map((record) => {
        const item = resourceListItem(record);
        return {
          item,
          updatedAt: importedAt.get(record.service.sourceId) ?? '',
          text: fold(
            `${item.name} ${item.alternate_name ?? ''} ${item.description ?? ''} ${record.organization.name}`,
          ),
        };
      });
    const list: HsdsServiceList = {
      entries,
      full: (id) => {
        const record = records.get(id);
        return record === undefined ? undefined : resourceHsdsService(record);
      },
    };
    this.cached = { signature, list };
    return list;
  }
}
