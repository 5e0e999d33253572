/**
 * The resource search as a service: parses a request's parameters and answers from the
 * in-memory index, rebuilding it when the directory changed (an import in this process or
 * another one: a one-row query on `resource_sources` tells, so the search itself reads no SQL).
 * A public finder holds the published sources only; the desk's holds every source.
 */
import type { Clock } from '../../platform/clock.js';
import type { PlaceResolver } from '../../search/parse-params.js';
import type { ResourceRepository } from '../resource-repository.js';
import { parseResourceQuery, type ResourceParams } from './parse-resource-query.js';
import { ResourceIndex, type ResourceAnswer, type ResourceQuery } from './resource-index.js';

export class ResourceFinder {
  private index: ResourceIndex | undefined;
  private signature: string | undefined;
  private building: Promise<ResourceIndex> | undefined;

  constructor(
    private readonly resources: ResourceRepository,
    private readonly clock: Clock,
    private readonly resolvePlace: PlaceResolver,
    private readonly scope: 'public' | 'all' = 'public',
  ) {}

  parse(params: ResourceParams): ResourceQuery {
    return parseResourceQuery(params, {
      now: this.clock.now().getTime(),
      resolvePlace: this.resolvePlace,
    });
  }

  async search(query: ResourceQuery): Promise<ResourceAnswer> {
    return (await this.current()).search(query);
  }

  /** The index of the directory as it is now. */
  async current(): Promise<ResourceIndex> {
    const signature = await this.resources.signature();
    if (this.index !== undefined && signature === this.signature) return this.index;
    this.building ??= (async () => {
      try {
        const sources =
          this.scope === 'public' ? await this.resources.publicSourceIds() : undefined;
        const index = new ResourceIndex(await this.resources.load(sources));
        this.index = index;
        this.signature = signature;
        return index;
      } finally {
        this.building = undefined;
      }
    })();
    return this.building;
  }
}
