import type { RevisionRepository } from './revision.js';

/**
 * A value built from the store and kept until the store's revision moves: clients poll feeds and
 * catalogues, and an unchanged directory must cost a revision lookup, not a rebuild. Concurrent
 * callers share one build; a failed build is forgotten so the next call tries again.
 */
export class RevisionCache<T extends { revision: number }> {
  private current: Promise<T> | undefined;

  constructor(
    private readonly revisions: Pick<RevisionRepository, 'current'>,
    private readonly build: (revision: number) => Promise<T>,
  ) {}

  /** The value of the current revision, built when the cached one is older. */
  async get(): Promise<T> {
    const revision = await this.revisions.current();
    const cached = this.current;
    if (cached !== undefined && (await cached).revision === revision) return cached;
    const next = this.build(revision);
    this.current = next;
    next.catch(() => {
      if (this.current === next) this.current = undefined;
    });
    return next;
  }
}
