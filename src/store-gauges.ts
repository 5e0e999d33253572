/**
 * The gauges /metrics reads from the store when scraped: how current the search index is, the
 * background jobs and the outgoing deliveries. Counts only: nothing that names a person.
 */
import type { Clock } from './platform/clock.js';
import type { Metrics } from './platform/metrics/metrics.js';
import type { Repositories } from './repositories.js';
import type { SearchService } from './search/search-service.js';

export function registerStoreGauges(
  metrics: Metrics,
  {
    repos,
    laggingRepos,
    search,
    clock,
  }: {
    repos: Repositories;
    /** Where counts that may lag a little are read: the replica, when there is one. */
    laggingRepos: Repositories;
    search: SearchService;
    clock: Clock;
  },
): void {
  metrics.gauge(
    'porchlight_search_index_meetings',
    'Meetings the search index holds',
    () => search.size,
  );
  metrics.gauge(
    'porchlight_search_index_revision',
    'The store revision the search index shows (-1 before its first build)',
    () => search.indexRevision,
  );
  metrics.gauge(
    'porchlight_search_index_lag_revisions',
    'Store revisions committed that the search index does not show yet',
    async () => Math.max(0, (await repos.revision.current()) - search.indexRevision),
  );
  if (laggingRepos !== repos)
    metrics.gauge(
      'porchlight_replica_lag_revisions',
      'Store revisions committed on the primary that the read replica does not show yet',
      async () =>
        Math.max(0, (await repos.revision.current()) - (await laggingRepos.revision.current())),
    );
  metrics.gauge(
    'porchlight_jobs',
    'Background jobs: due and waiting, running under a lease, failing',
    () => laggingRepos.jobs.counts(clock.now().toISOString()),
    'state',
  );
  metrics.gauge(
    'porchlight_deliveries',
    'Outgoing messages (mail, text, push) by state: pending, sent, dead',
    () => laggingRepos.deliveries.countByState(),
    'state',
  );
}
